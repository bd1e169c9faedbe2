#include "panels/data_panel.h"

#include <QEvent>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

#include "common/sample_numbers.h"
#include "common/time_format.h"
#include "media/frame_navigator.h"

namespace stts::ui {

namespace {

QTableWidgetItem* numberItem(const QString& text, const QVariant& sortValue) {
  auto* item = new QTableWidgetItem(text);
  item->setData(Qt::UserRole, sortValue);
  item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
  return item;
}

QString shortHash(const std::string& hash) {
  return QString::fromStdString(hash.substr(0, 12));
}

}  // namespace

DataPanel::DataPanel(FrameNavigator* navigator, QWidget* parent)
    : QDockWidget(parent), navigator_(navigator) {
  setObjectName(QStringLiteral("dataPanel"));  // saveState() keys on the name
  auto* body = new QWidget(this);
  auto* layout = new QVBoxLayout(body);
  layout->setContentsMargins(4, 4, 4, 4);
  summary_ = new QLabel(body);
  summary_->setObjectName(QStringLiteral("dataSummary"));
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  table_ = new QTableWidget(0, ColumnCount, body);
  table_->setObjectName(QStringLiteral("dataTable"));
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setAlternatingRowColors(true);
  // Arrow keys belong to the window (previous/next sample); the table is for reading and clicks.
  table_->setFocusPolicy(Qt::NoFocus);
  layout->addWidget(summary_);
  layout->addWidget(table_, 1);
  setWidget(body);

  connect(table_, &QTableWidget::cellClicked, this, [this](int row, int) {
    if (navigator_) navigator_->setCurrentIndex(row);
  });
  if (navigator_) {
    connect(navigator_, &FrameNavigator::currentIndexChanged, this, &DataPanel::followPlayhead);
  }
  retranslate();
  rebuild();
}

void DataPanel::setContent(LoadedVideoPtr video, LoadedRunPtr run) {
  video_ = std::move(video);
  run_ = std::move(run);
  rebuild();
}

void DataPanel::followPlayhead(int index) {
  if (index < 0 || index >= table_->rowCount()) return;
  const QSignalBlocker blocker(table_);
  table_->selectRow(index);
  table_->scrollToItem(table_->item(index, 0));
}

void DataPanel::rebuild() {
  const stts::RunResult* run = run_ ? run_->run.get() : nullptr;
  const int rows = video_ ? int(video_->points.size()) : 0;
  table_->setRowCount(rows);
  const QLocale locale;
  for (int row = 0; row < rows; ++row) {
    const stts::SamplePoint& point = video_->points[size_t(row)];
    table_->setItem(row, IndexColumn, numberItem(QString::number(sampleNumber(row)), row));
    table_->setItem(row, TimeColumn,
                    numberItem(formatTimestamp(point.requestedTime), point.requestedTime));
    table_->setItem(row, FrameColumn,
                    numberItem(QString::number(point.frameNumber), qlonglong(point.frameNumber)));
    const bool hasKeep = run && row < int(run->keptPerFrame.size());
    const int kept = hasKeep ? run->keptPerFrame[size_t(row)] : 0;
    table_->setItem(row, KeptColumn, numberItem(hasKeep ? QString::number(kept) : QString(), kept));
    const double percent = 100.0 * kept / stts::kCellsPerFrame;
    table_->setItem(
        row, KeepPercentColumn,
        numberItem(hasKeep ? locale.toString(percent, 'f', 1) + QStringLiteral(" %") : QString(),
                   percent));
  }
  table_->resizeColumnsToContents();
  summary_->setText(summaryText());
  if (navigator_) followPlayhead(navigator_->currentIndex());
}

QString DataPanel::summaryText() const {
  if (!video_) return tr("No video or run is open.");
  const QLocale locale;
  QStringList lines;
  lines << tr("Video: %1 (%2 sampled frames)")
               .arg(QFileInfo(video_->path).fileName())
               .arg(video_->points.size());
  if (!run_) {
    lines << tr("No run: ask a question or open a run for kept cells and token counts.");
    return lines.join(QLatin1Char('\n'));
  }
  const stts::RunResult& run = *run_->run;
  const double percent = run.visionTokensBefore > 0 ? 100.0 * double(run.visionTokensAfter) /
                                                          double(run.visionTokensBefore)
                                                    : 0.0;
  lines << tr("Vision tokens: %1 before, %2 after pruning (%3 %)")
               .arg(run.visionTokensBefore)
               .arg(run.visionTokensAfter)
               .arg(locale.toString(percent, 'f', 1));
  lines << tr("Method: %1, keep ratio %2")
               .arg(QString::fromStdString(run.request.method))
               .arg(locale.toString(run.request.keepRatio, 'f', 2));
  lines << (run.peakMemoryBytes > 0
                ? tr("Peak memory: %1").arg(locale.formattedDataSize(run.peakMemoryBytes))
                : tr("Peak memory: not recorded"));
  const QString model = QFileInfo(QString::fromStdString(run.request.modelPath)).fileName();
  lines << tr("Model: %1 (config %2, %3) on %4, %5")
               .arg(model.isEmpty() ? tr("unknown") : model, shortHash(run.modelConfigHash),
                    run.modelHasScorer ? tr("with STTS scorer") : tr("no scorer"),
                    QString::fromStdString(run.request.device),
                    QString::fromStdString(run.request.dtype));
  lines << tr("Video file: %1, %2, first MiB %3")
               .arg(QFileInfo(QString::fromStdString(run.request.videoPath)).fileName(),
                    locale.formattedDataSize(run.videoFileSize), shortHash(run.videoHeadHash));
  if (!run_->videoProblem.isEmpty()) lines << tr("Note: %1").arg(run_->videoProblem);
  return lines.join(QLatin1Char('\n'));
}

void DataPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    summary_->setText(summaryText());
  }
  QDockWidget::changeEvent(event);
}

void DataPanel::retranslate() {
  setWindowTitle(tr("Data"));
  table_->setHorizontalHeaderLabels(
      {tr("Sample"), tr("Time"), tr("Raw frame"), tr("Kept cells"), tr("Keep %")});
  table_->setAccessibleName(tr("Sampled frames"));
}

}  // namespace stts::ui
