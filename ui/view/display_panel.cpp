#include "view/display_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QStandardItemModel>
#include <cmath>

#include "view/overlay_state.h"

namespace stts::ui {

namespace {

// Sliders work in whole steps: percent for opacity and contrast, hundredths for brightness.
constexpr int kSliderScale = 100;

QSlider* makeSlider(int minimum, int maximum, QWidget* parent) {
  auto* slider = new QSlider(Qt::Horizontal, parent);
  slider->setRange(minimum, maximum);
  slider->setFocusPolicy(Qt::NoFocus);
  return slider;
}

QComboBox* makeCombo(int count, QWidget* parent) {
  auto* box = new QComboBox(parent);
  for (int i = 0; i < count; ++i) box->addItem(QString(), i);
  // Keys belong to the window's actions (Space plays, arrows step) even after a click here.
  box->setFocusPolicy(Qt::NoFocus);
  return box;
}

QWidget* withValue(QSlider* slider, QLabel* value, QWidget* parent) {
  auto* row = new QWidget(parent);
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(slider, 1);
  value->setMinimumWidth(value->fontMetrics().horizontalAdvance(QStringLiteral("-100 %")));
  value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  layout->addWidget(value);
  return row;
}

}  // namespace

DisplayPanel::DisplayPanel(OverlayState* overlay, QWidget* parent)
    : QDockWidget(parent), overlay_(overlay) {
  setObjectName(QStringLiteral("displayPanel"));  // saveState() keys on the name
  build();
  retranslate();
  syncFromState();
  connect(overlay_, &OverlayState::changed, this, &DisplayPanel::syncFromState);
}

void DisplayPanel::build() {
  auto* contents = new QWidget(this);
  auto* form = new QFormLayout(contents);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

  mode_ = makeCombo(kOverlayModeCount, contents);
  mode_->setObjectName(QStringLiteral("displayMode"));
  colourMap_ = makeCombo(kColourMapCount, contents);
  colourMap_->setObjectName(QStringLiteral("displayColourMap"));
  opacity_ = makeSlider(int(OverlayState::kMinimumOpacity * kSliderScale), kSliderScale, contents);
  opacity_->setObjectName(QStringLiteral("displayOpacity"));
  opacityValue_ = new QLabel(contents);
  maskStyle_ = makeCombo(kMaskStyleCount, contents);
  maskStyle_->setObjectName(QStringLiteral("displayMaskStyle"));
  normalisation_ = makeCombo(kScoreNormalisationCount, contents);
  normalisation_->setObjectName(QStringLiteral("displayNormalisation"));
  grid_ = new QCheckBox(contents);
  grid_->setObjectName(QStringLiteral("displayGrid"));
  grid_->setFocusPolicy(Qt::NoFocus);
  brightness_ =
      makeSlider(int(kMinBrightness * kSliderScale), int(kMaxBrightness * kSliderScale), contents);
  brightness_->setObjectName(QStringLiteral("displayBrightness"));
  brightnessValue_ = new QLabel(contents);
  contrast_ =
      makeSlider(int(kMinContrast * kSliderScale), int(kMaxContrast * kSliderScale), contents);
  contrast_->setObjectName(QStringLiteral("displayContrast"));
  contrastValue_ = new QLabel(contents);
  reset_ = new QPushButton(contents);
  reset_->setObjectName(QStringLiteral("displayReset"));
  reset_->setFocusPolicy(Qt::NoFocus);

  const QList<QWidget*> fields = {mode_,
                                  colourMap_,
                                  withValue(opacity_, opacityValue_, contents),
                                  maskStyle_,
                                  normalisation_,
                                  grid_,
                                  withValue(brightness_, brightnessValue_, contents),
                                  withValue(contrast_, contrastValue_, contents)};
  for (QWidget* field : fields) {
    auto* label = new QLabel(contents);
    label->setBuddy(field);
    rowLabels_.append(label);
    form->addRow(label, field);
  }
  form->addRow(reset_);
  // Scrolls rather than insisting on its full height: docked under other panels it must not make
  // the window taller than the screen.
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setFocusPolicy(Qt::NoFocus);
  scroll->setWidget(contents);
  setWidget(scroll);

  connect(mode_, &QComboBox::activated, overlay_,
          [this](int index) { overlay_->setMode(OverlayMode(mode_->itemData(index).toInt())); });
  connect(colourMap_, &QComboBox::activated, overlay_, [this](int index) {
    overlay_->setColourMap(ColourMap(colourMap_->itemData(index).toInt()));
  });
  connect(opacity_, &QSlider::valueChanged, overlay_,
          [this](int value) { overlay_->setOpacity(float(value) / kSliderScale); });
  connect(maskStyle_, &QComboBox::activated, overlay_, [this](int index) {
    overlay_->setMaskStyle(MaskStyle(maskStyle_->itemData(index).toInt()));
  });
  connect(normalisation_, &QComboBox::activated, overlay_, [this](int index) {
    overlay_->setNormalisation(ScoreNormalisation(normalisation_->itemData(index).toInt()));
  });
  connect(grid_, &QCheckBox::toggled, overlay_, &OverlayState::setShowGrid);
  connect(brightness_, &QSlider::valueChanged, overlay_,
          [this](int value) { overlay_->setBrightness(float(value) / kSliderScale); });
  connect(contrast_, &QSlider::valueChanged, overlay_,
          [this](int value) { overlay_->setContrast(float(value) / kSliderScale); });
  connect(reset_, &QPushButton::clicked, overlay_, &OverlayState::resetDisplay);
}

void DisplayPanel::retranslate() {
  setWindowTitle(tr("Display"));
  const QStringList labels = {tr("&Overlay:"),      tr("Colour &map:"),  tr("O&pacity:"),
                              tr("Dropped cells:"), tr("Score &range:"), tr("Cell &grid:"),
                              tr("&Brightness:"),   tr("&Contrast:")};
  for (int i = 0; i < rowLabels_.size() && i < labels.size(); ++i)
    rowLabels_[i]->setText(labels[i]);
  for (int i = 0; i < mode_->count(); ++i) {
    mode_->setItemText(i, OverlayState::modeDisplayName(OverlayMode(i)));
  }
  for (int i = 0; i < colourMap_->count(); ++i) {
    colourMap_->setItemText(i, colourMapDisplayName(ColourMap(i)));
  }
  for (int i = 0; i < maskStyle_->count(); ++i) {
    maskStyle_->setItemText(i, OverlayState::maskStyleDisplayName(MaskStyle(i)));
  }
  for (int i = 0; i < normalisation_->count(); ++i) {
    normalisation_->setItemText(i, OverlayState::normalisationDisplayName(ScoreNormalisation(i)));
  }
  grid_->setText(tr("Show the 9 × 9 cells"));
  reset_->setText(tr("&Reset Display"));
  syncFromState();
}

void DisplayPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QDockWidget::changeEvent(event);
}

void DisplayPanel::syncFromState() {
  const QSignalBlocker blockers[] = {QSignalBlocker(mode_),          QSignalBlocker(colourMap_),
                                     QSignalBlocker(opacity_),       QSignalBlocker(maskStyle_),
                                     QSignalBlocker(normalisation_), QSignalBlocker(grid_),
                                     QSignalBlocker(brightness_),    QSignalBlocker(contrast_)};
  // Diff can be chosen only while two runs' masks are set.
  if (auto* model = qobject_cast<QStandardItemModel*>(mode_->model())) {
    model->item(int(OverlayMode::Diff))->setEnabled(overlay_->hasDiff());
  }
  mode_->setCurrentIndex(int(overlay_->mode()));
  colourMap_->setCurrentIndex(int(overlay_->colourMap()));
  opacity_->setValue(int(std::lround(overlay_->opacity() * kSliderScale)));
  maskStyle_->setCurrentIndex(int(overlay_->maskStyle()));
  normalisation_->setCurrentIndex(int(overlay_->normalisation()));
  grid_->setChecked(overlay_->showGrid());
  brightness_->setValue(int(std::lround(overlay_->brightness() * kSliderScale)));
  contrast_->setValue(int(std::lround(overlay_->contrast() * kSliderScale)));
  opacityValue_->setText(tr("%1 %").arg(opacity_->value()));
  brightnessValue_->setText(tr("%1 %").arg(brightness_->value()));
  contrastValue_->setText(tr("%1 %").arg(contrast_->value()));
}

}  // namespace stts::ui
