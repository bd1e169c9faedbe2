#include "charts/chart_export.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "common/folders.h"
#include "common/settings.h"

namespace stts::ui {

namespace {

const QString kExportScaleKey = QStringLiteral("charts/exportScale");
const QString kExportFormatKey = QStringLiteral("charts/exportFormat");
// Logical pixels; the picture may be scaled further (kChartMaxPixels bounds the result).
constexpr int kLargestSide = 10000;

}  // namespace

ChartExportDialog::ChartExportDialog(QSize current, int minimumWidth,
                                     std::function<int(int)> heightNeeded, QWidget* parent)
    : QDialog(parent), heightNeeded_(std::move(heightNeeded)) {
  setWindowTitle(tr("Export Chart"));
  auto settings = appSettings();

  format_ = new QComboBox(this);
  format_->addItem(tr("PNG image"));
  format_->addItem(tr("SVG drawing"));
  format_->setCurrentIndex(std::clamp(settings->value(kExportFormatKey, 0).toInt(), 0, 1));

  width_ = new QSpinBox(this);
  width_->setRange(std::min(minimumWidth, kLargestSide), kLargestSide);
  width_->setSuffix(tr(" px"));
  width_->setValue(std::max(current.width(), minimumWidth));
  height_ = new QSpinBox(this);
  height_->setMaximum(kLargestSide);
  height_->setSuffix(tr(" px"));
  height_->setMinimum(std::min(heightNeeded_(width_->value()), kLargestSide));
  height_->setValue(current.height());

  scale_ = new QComboBox(this);
  scale_->addItem(tr("1× (as on screen)"));
  scale_->addItem(tr("2×"));
  scale_->addItem(tr("3×"));
  scale_->addItem(tr("300 dpi (print)"));
  scale_->setCurrentIndex(std::clamp(settings->value(kExportScaleKey, 1).toInt(), 0, 3));

  result_ = new QLabel(this);
  result_->setObjectName(QStringLiteral("chartExportResult"));

  auto* form = new QFormLayout;
  form->addRow(tr("Format:"), format_);
  form->addRow(tr("Width:"), width_);
  form->addRow(tr("Height:"), height_);
  form->addRow(tr("Scale:"), scale_);
  form->addRow(QString(), result_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Save…"));
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    auto keep = appSettings();
    keep->setValue(kExportFormatKey, format_->currentIndex());
    keep->setValue(kExportScaleKey, scale_->currentIndex());
    accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(buttons);

  // A narrower chart needs more rows for its legend, so the least height follows the width.
  connect(width_, &QSpinBox::valueChanged, this, [this](int width) {
    height_->setMinimum(std::min(heightNeeded_(width), kLargestSide));
    update();
  });
  connect(height_, &QSpinBox::valueChanged, this, [this] { update(); });
  connect(format_, &QComboBox::currentIndexChanged, this, [this] { update(); });
  connect(scale_, &QComboBox::currentIndexChanged, this, [this] { update(); });
  update();
}

ChartExportChoice ChartExportDialog::choice() const {
  ChartExportChoice choice;
  choice.svg = format_->currentIndex() == 1;
  choice.picture.size = QSize(width_->value(), height_->value());
  switch (scale_->currentIndex()) {
    case Scale2x:
      choice.picture.scale = 2.0;
      break;
    case Scale3x:
      choice.picture.scale = 3.0;
      break;
    case Scale300Dpi:
      choice.picture.dpi = 300;
      break;
    default:
      break;
  }
  if (choice.svg) choice.picture = StageChartPicture{choice.picture.size, 1.0, 0};
  return choice;
}

void ChartExportDialog::update() {
  const ChartExportChoice chosen = choice();
  // SVG is drawn in logical pixels and scales without loss: a scale means nothing there.
  scale_->setEnabled(!chosen.svg);
  if (chosen.svg) {
    result_->setText(tr("A drawing of %1 × %2 pixels")
                         .arg(chosen.picture.size.width())
                         .arg(chosen.picture.size.height()));
    return;
  }
  const double scale = chosen.picture.pixelScale();
  result_->setText(tr("A picture of %1 × %2 pixels")
                       .arg(std::lround(chosen.picture.size.width() * scale))
                       .arg(std::lround(chosen.picture.size.height() * scale)));
}

void exportChartWithDialog(QWidget* parent, QSize current, int minimumWidth,
                           const std::function<int(int)>& heightNeeded, const QString& baseName,
                           const ChartWriter& write) {
  ChartExportDialog options(current, minimumWidth, heightNeeded, parent);
  if (options.exec() != QDialog::Accepted) return;
  const ChartExportChoice choice = options.choice();

  // Charts go where every export goes: the one remembered export folder (common/folders.h).
  const QString directory = startFolder(FolderKind::Exports);
  const QString suffix = choice.svg ? QStringLiteral(".svg") : QStringLiteral(".png");
  const QString filter = choice.svg ? ChartExportDialog::tr("SVG drawing (*.svg)")
                                    : ChartExportDialog::tr("PNG image (*.png)");
  QString path = QFileDialog::getSaveFileName(parent, ChartExportDialog::tr("Export Chart"),
                                              QDir(directory).filePath(baseName + suffix), filter);
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += suffix;
  rememberFolder(FolderKind::Exports, path);
  const QString problem = write(path, choice.picture);
  if (!problem.isEmpty())
    QMessageBox::warning(parent, ChartExportDialog::tr("Export Chart"), problem);
}

}  // namespace stts::ui
