#include "eval/eval_window.h"

#include <QCloseEvent>
#include <QEvent>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "charts/chart_export.h"
#include "common/file_names.h"
#include "common/settings.h"
#include "eval/eval_models.h"

namespace stts::ui {

namespace {

const QString kGeometryKey = QStringLiteral("evaluation/geometry");
const QString kSplitterKey = QStringLiteral("evaluation/splitter");
// The least a chart picture may be: below it the axis titles and legend no longer fit.
constexpr int kSmallestPictureWidth = 360;
constexpr int kSmallestPictureHeight = 240;
// Long answers and errors get this much room; the tooltip has the rest.
constexpr int kWidestTextColumn = 220;

QTableView* makeTable(QSortFilterProxyModel* proxy, QWidget* parent) {
  auto* table = new QTableView(parent);
  table->setModel(proxy);
  table->setSelectionBehavior(QAbstractItemView::SelectRows);
  table->setSelectionMode(QAbstractItemView::SingleSelection);
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->setAlternatingRowColors(true);
  table->setWordWrap(false);
  table->setTextElideMode(Qt::ElideRight);
  table->verticalHeader()->hide();
  // Rows as tall as the text needs: an eval has hundreds of answers to scroll through.
  table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
  table->horizontalHeader()->setStretchLastSection(true);
  table->horizontalHeader()->setSectionsClickable(true);
  // The source order (the unpruned run first, then frames and keep) until a header is clicked.
  table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
  table->setSortingEnabled(true);
  return table;
}

// Both tables sort and filter alike.
QSortFilterProxyModel* configured(QSortFilterProxyModel* proxy) {
  proxy->setSortRole(kEvalSortRole);  // numbers sort as numbers, not as text
  proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
  proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
  proxy->setFilterKeyColumn(-1);  // the filter matches any column
  return proxy;
}

void fitColumns(QTableView* table) {
  table->resizeColumnsToContents();
  for (int column = 0; column < table->model()->columnCount(); ++column) {
    if (table->columnWidth(column) > kWidestTextColumn)
      table->setColumnWidth(column, kWidestTextColumn);
  }
}

}  // namespace

EvalWindow::EvalWindow(EvalFolder folder, QWidget* parent)
    : QWidget(parent, Qt::Window), folder_(std::move(folder)) {
  setObjectName(QStringLiteral("evalWindow"));
  summaryModel_ = new EvalSummaryModel(folder_.groups, this);
  samplesModel_ = new EvalSamplesModel(folder_.predictions, this);
  summaryProxy_ = configured(new QSortFilterProxyModel(this));
  summaryProxy_->setSourceModel(summaryModel_);
  samplesProxy_ = new EvalSamplesFilter(samplesModel_, this);
  configured(samplesProxy_);
  buildLayout();
  // The standard close keys (Ctrl+W, and Esc as for any secondary window).
  for (const QKeySequence& keys :
       {QKeySequence(QKeySequence::Close), QKeySequence(Qt::Key_Escape)}) {
    connect(new QShortcut(keys, this), &QShortcut::activated, this, &QWidget::close);
  }
  retranslate();
  placeOnScreen();
}

EvalWindow::~EvalWindow() = default;

void EvalWindow::buildLayout() {
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(8, 8, 8, 8);
  outer->setSpacing(6);

  header_ = new QLabel(this);
  header_->setObjectName(QStringLiteral("evalHeader"));
  header_->setWordWrap(true);
  header_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  QFont bold = header_->font();
  bold.setBold(true);
  header_->setFont(bold);
  notes_ = new QLabel(this);
  notes_->setObjectName(QStringLiteral("evalNotes"));
  notes_->setWordWrap(true);
  outer->addWidget(header_);
  outer->addWidget(notes_);

  auto* charts = new QWidget(this);
  auto* chartsLayout = new QVBoxLayout(charts);
  chartsLayout->setContentsMargins(0, 0, 0, 0);
  auto* chartsRow = new QHBoxLayout();
  accuracyView_ = new EvalChartView(charts);
  accuracyView_->setObjectName(QStringLiteral("accuracyChart"));
  prefillView_ = new EvalChartView(charts);
  prefillView_->setObjectName(QStringLiteral("prefillChart"));
  chartsRow->addWidget(accuracyView_, 1);
  chartsRow->addWidget(prefillView_, 1);
  chartsLayout->addLayout(chartsRow, 1);
  hover_ = new QLabel(charts);
  hover_->setObjectName(QStringLiteral("evalHover"));
  hover_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  hover_->setMinimumWidth(0);
  hover_->setWordWrap(true);  // German at 1024 px would cut the hint and the read-outs
  hover_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);  // long texts never widen
  accuracyExport_ = new QPushButton(charts);
  accuracyExport_->setObjectName(QStringLiteral("accuracyExportButton"));
  prefillExport_ = new QPushButton(charts);
  prefillExport_->setObjectName(QStringLiteral("prefillExportButton"));
  auto* belowCharts = new QHBoxLayout();
  belowCharts->addWidget(hover_, 1);
  belowCharts->addWidget(accuracyExport_);
  belowCharts->addWidget(prefillExport_);
  chartsLayout->addLayout(belowCharts);
  for (EvalChartKind kind : {EvalChartKind::Accuracy, EvalChartKind::Prefill}) {
    connect(exportButton(kind), &QPushButton::clicked, this,
            [this, kind] { exportWithDialog(kind); });
    connect(chartView(kind), &EvalChartView::exportRequested, this,
            [this, kind] { exportWithDialog(kind); });
  }
  setCharts();

  tabs_ = new QTabWidget(this);
  summaryTable_ = makeTable(summaryProxy_, tabs_);
  summaryTable_->setObjectName(QStringLiteral("evalSummaryTable"));
  tabs_->addTab(summaryTable_, QString());
  tabs_->addTab(buildSamplesTab(), QString());

  splitter_ = new QSplitter(Qt::Vertical, this);
  splitter_->addWidget(charts);
  splitter_->addWidget(tabs_);
  splitter_->setChildrenCollapsible(false);
  // Half for the plots, half for the tables, until the user moves the handle.
  splitter_->setStretchFactor(0, 1);
  splitter_->setStretchFactor(1, 1);
  splitter_->restoreState(appSettings()->value(kSplitterKey).toByteArray());
  outer->addWidget(splitter_, 1);

  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("evalStatus"));
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  outer->addWidget(status_);

  fitColumns(summaryTable_);
  fitColumns(samplesTable_);
  for (EvalChartView* view : {accuracyView_, prefillView_}) {
    connect(view, &EvalChartView::pointHovered, this,
            [this](const QString& text) { hover_->setText(text.isEmpty() ? hoverHint() : text); });
  }
}

QWidget* EvalWindow::buildSamplesTab() {
  auto* page = new QWidget(tabs_);
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(0, 4, 0, 0);
  auto* filterRow = new QHBoxLayout();
  samplesFilterLabel_ = new QLabel(page);
  samplesFilter_ = new QLineEdit(page);
  samplesFilter_->setObjectName(QStringLiteral("evalSamplesFilter"));
  samplesFilter_->setClearButtonEnabled(true);
  samplesFilterLabel_->setBuddy(samplesFilter_);
  // Set by activating a Summary row; a click shows every answer again.
  groupButton_ = new QPushButton(page);
  groupButton_->setObjectName(QStringLiteral("evalGroupButton"));
  groupButton_->hide();
  connect(groupButton_, &QPushButton::clicked, this, [this] { showSamplesOf({}); });
  filterRow->addWidget(samplesFilterLabel_);
  filterRow->addWidget(samplesFilter_, 1);
  filterRow->addWidget(groupButton_);
  samplesTable_ = makeTable(samplesProxy_, page);
  samplesTable_->setObjectName(QStringLiteral("evalSamplesTable"));
  layout->addLayout(filterRow);
  layout->addWidget(samplesTable_, 1);
  connect(samplesFilter_, &QLineEdit::textChanged, samplesProxy_,
          &QSortFilterProxyModel::setFilterFixedString);
  // Double-click and Enter both activate.
  connect(samplesTable_, &QTableView::activated, this, &EvalWindow::openSample);
  connect(summaryTable_, &QTableView::activated, this, &EvalWindow::showSamplesOf);
  return page;
}

void EvalWindow::showSamplesOf(const QModelIndex& summaryIndex) {
  if (!summaryIndex.isValid()) {
    samplesProxy_->setGroup(std::nullopt);
  } else {
    const int row = summaryProxy_->mapToSource(summaryIndex).row();
    const stts::eval::GroupMetrics& g = summaryModel_->group(row);
    samplesProxy_->setGroup(EvalSamplesFilter::Group{g.method, g.keep, g.frames});
    tabs_->setCurrentIndex(1);
    samplesTable_->setFocus(Qt::OtherFocusReason);
  }
  updateGroupButton();
}

void EvalWindow::updateGroupButton() {
  const auto& group = samplesProxy_->group();
  groupButton_->setVisible(group.has_value());
  if (!group) return;
  groupButton_->setText(tr("Only %1 · %2 frames · keep %3 ✕")
                            .arg(QString::fromStdString(group->method))
                            .arg(group->frames)
                            .arg(formatKeep(group->keep)));
  groupButton_->setToolTip(tr("Show the answers of every method, keep and frame count"));
}

QSortFilterProxyModel* EvalWindow::samplesProxy() const {
  return samplesProxy_;
}

void EvalWindow::setCharts() {
  accuracyView_->setData(evalChartData(EvalChartKind::Accuracy, folder_.groups, folder_.benchName));
  prefillView_->setData(evalChartData(EvalChartKind::Prefill, folder_.groups, folder_.benchName));
}

void EvalWindow::retranslate() {
  setWindowTitle(tr("Evaluation · %1 — STTS Lens").arg(folder_.benchName));
  header_->setText(folder_.header);
  notes_->setText(folder_.notes.join(QLatin1Char(' ')));
  notes_->setVisible(!folder_.notes.isEmpty());
  accuracyExport_->setText(tr("Export Accuracy Chart…"));
  prefillExport_->setText(tr("Export Prefill Chart…"));
  for (QPushButton* button : {accuracyExport_, prefillExport_})
    button->setToolTip(tr("Save the chart as a PNG picture or an SVG drawing"));
  hover_->setText(hoverHint());
  tabs_->setTabText(0, tr("Summary"));
  tabs_->setTabText(1, tr("Samples"));
  samplesFilterLabel_->setText(tr("&Filter:"));
  samplesFilter_->setPlaceholderText(tr("ID, method, answer or error"));
  updateGroupButton();
  samplesTable_->setToolTip(
      folder_.hasRunsFolder()
          ? tr("Double-click a sample or press Enter to open its run in the main window")
          : tr("This eval was run without --save-runs: there are no run files to open"));
  summaryModel_->retranslate();
  samplesModel_->retranslate();
}

QString EvalWindow::hoverHint() const {
  return tr(
      "Rest the pointer on a point to see its numbers, with the 95 % interval of the "
      "accuracy.");
}

void EvalWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    setCharts();  // titles and series names are translated text
  }
  QWidget::changeEvent(event);
}

// Where the user last left an eval window; at first as large as fits in the middle of the main
// window's screen, never partly off it.
void EvalWindow::placeOnScreen() {
  if (restoreGeometry(appSettings()->value(kGeometryKey).toByteArray())) return;
  QScreen* screen = parentWidget() ? parentWidget()->screen() : QGuiApplication::primaryScreen();
  const QRect rect = initialGeometry(screen ? screen->availableGeometry() : QRect(0, 0, 1400, 900));
  resize(rect.size());
  move(rect.topLeft());
}

QRect EvalWindow::initialGeometry(const QRect& available) {
  const QSize size = QSize(1400, 900).boundedTo(available.size() * 0.92);
  return QRect(available.center() - QPoint(size.width() / 2, size.height() / 2), size);
}

void EvalWindow::closeEvent(QCloseEvent* event) {
  auto settings = appSettings();
  settings->setValue(kGeometryKey, saveGeometry());
  settings->setValue(kSplitterKey, splitter_->saveState());
  QWidget::closeEvent(event);
}

EvalChartView* EvalWindow::chartView(EvalChartKind kind) const {
  return kind == EvalChartKind::Accuracy ? accuracyView_ : prefillView_;
}

QPushButton* EvalWindow::exportButton(EvalChartKind kind) const {
  return kind == EvalChartKind::Accuracy ? accuracyExport_ : prefillExport_;
}

QString EvalWindow::suggestedChartName(EvalChartKind kind) const {
  return safeFileNamePart(folder_.benchName) + (kind == EvalChartKind::Accuracy
                                                    ? QStringLiteral("_accuracy_vs_tokens")
                                                    : QStringLiteral("_prefill_vs_tokens"));
}

QString EvalWindow::exportChart(EvalChartKind kind, const QString& path,
                                const StageChartPicture& picture) {
  const QString problem = writeEvalChart(path, chartView(kind)->data(), font(), picture);
  showStatus(problem.isEmpty() ? tr("Saved %1").arg(QFileInfo(path).fileName())
                               : tr("Could not save the chart: %1").arg(problem));
  return problem;
}

void EvalWindow::exportWithDialog(EvalChartKind kind) {
  EvalChartView* view = chartView(kind);
  const QSize shown = view->size().expandedTo(QSize(kSmallestPictureWidth, kSmallestPictureHeight));
  exportChartWithDialog(
      this, shown, kSmallestPictureWidth, [](int) { return kSmallestPictureHeight; },
      suggestedChartName(kind),
      [this, kind](const QString& path, const StageChartPicture& picture) {
        return exportChart(kind, path, picture);
      });
}

void EvalWindow::openSample(const QModelIndex& index) {
  if (!index.isValid()) return;
  const QModelIndex source = samplesProxy_->mapToSource(index);
  if (!source.isValid()) return;
  const stts::eval::Prediction& prediction = samplesModel_->prediction(source.row());
  const QString id = QString::fromStdString(prediction.id);
  const QString path = folder_.runPath(prediction);
  const QString name = QFileInfo(path).fileName();
  if (!prediction.error.empty()) {
    showStatus(tr("Sample “%1” could not be run (%2), so it has no run file.")
                   .arg(id, QString::fromStdString(prediction.error)));
  } else if (QFileInfo(path).isFile()) {
    showStatus(tr("Opening runs/%1 in the main window.").arg(name));
    emit runRequested(path);
  } else if (!folder_.hasRunsFolder()) {
    showStatus(tr("There is no run file for sample “%1”: this eval was run without --save-runs "
                  "(it would be runs/%2).")
                   .arg(id, name));
  } else {
    showStatus(
        tr("The run file runs/%1 of sample “%2” is missing from this eval folder.").arg(name, id));
  }
}

void EvalWindow::showStatus(const QString& text) {
  status_->setText(text);
}

}  // namespace stts::ui
