#include "charts/timing_panel.h"

#include "common/time_format.h"

#include <QCursor>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QStackedWidget>
#include <QToolTip>
#include <QVBoxLayout>
#include <cmath>

#include "charts/chart_export.h"
#include "charts/stage_chart_view.h"
#include "common/engine_error.h"
#include "common/file_names.h"

namespace stts::ui {

namespace {

// Chart text a little smaller than the window's, as legends usually are; the charts still ask for
// all the room that text needs.
constexpr double kChartFontScale = 0.9;

StageChartKind kindOf(TimingPanel::Chart chart) {
  return chart == TimingPanel::Chart::Time ? StageChartKind::Time : StageChartKind::Tokens;
}

StageChartView* makeChartView(StageChartKind kind, QWidget* parent, const QString& name) {
  auto* view = new StageChartView(kind, parent);
  view->setObjectName(name);
  view->setContextMenuPolicy(Qt::CustomContextMenu);
  return view;
}

int heightNeeded(StageChartKind kind, const StageChartData& data, const StageChartOptions& options,
                 int width) {
  return int(std::ceil(layoutStageChart(kind, data, QSizeF(width, 1.0), options).requiredHeight));
}

// `size` grown, where needed, to what the picture's text needs: a picture's font can measure a
// pixel wider than the screen's.
QSize grownToFit(StageChartKind kind, const StageChartData& data, const StageChartOptions& options,
                 QSize size) {
  const QSizeF minimum = stageChartMinimumSize(kind, data, options);
  size.setWidth(std::max(size.width(), int(std::ceil(minimum.width()))));
  size.setHeight(std::max(size.height(), heightNeeded(kind, data, options, size.width())));
  return size;
}

}  // namespace

TimingPanel::TimingPanel(QWidget* parent) : QDockWidget(parent) {
  setObjectName(QStringLiteral("timingPanel"));  // saveState() keys on the name

  stack_ = new QStackedWidget(this);
  emptyLabel_ = new QLabel(stack_);
  emptyLabel_->setObjectName(QStringLiteral("timingEmpty"));
  emptyLabel_->setAlignment(Qt::AlignCenter);
  emptyLabel_->setWordWrap(true);
  stack_->addWidget(emptyLabel_);

  auto* charts = new QWidget(stack_);
  auto* layout = new QVBoxLayout(charts);
  layout->setContentsMargins(4, 4, 4, 4);
  auto* header = new QHBoxLayout;
  totalLabel_ = new QLabel(charts);
  totalLabel_->setObjectName(QStringLiteral("timingTotal"));
  exportTime_ = new QPushButton(charts);
  exportTokens_ = new QPushButton(charts);
  for (QPushButton* button : {exportTime_, exportTokens_}) button->setFocusPolicy(Qt::NoFocus);
  header->addWidget(totalLabel_, 1);
  header->addWidget(exportTime_);
  header->addWidget(exportTokens_);
  layout->addLayout(header);
  timeView_ = makeChartView(StageChartKind::Time, charts, QStringLiteral("timingTimeChart"));
  tokenView_ = makeChartView(StageChartKind::Tokens, charts, QStringLiteral("timingTokenChart"));
  auto* chartsRow = new QHBoxLayout;
  // The time chart's legend needs the width; the token chart's names and bars need less.
  chartsRow->addWidget(timeView_, 3);
  chartsRow->addWidget(tokenView_, 2);
  layout->addLayout(chartsRow, 1);
  stack_->addWidget(charts);
  setWidget(stack_);

  connect(exportTime_, &QPushButton::clicked, this, [this] { exportChartWithDialog(Chart::Time); });
  connect(exportTokens_, &QPushButton::clicked, this,
          [this] { exportChartWithDialog(Chart::Tokens); });
  connect(timeView_, &StageChartView::barHovered, this,
          [this](int, int stage) { showHover(Chart::Time, stage); });
  connect(tokenView_, &StageChartView::barHovered, this,
          [this](int, int stage) { showHover(Chart::Tokens, stage); });
  addExportMenu(Chart::Time);
  addExportMenu(Chart::Tokens);
  applyChartFont();
  retranslate();
  rebuild();
}

void TimingPanel::addExportMenu(Chart chart) {
  StageChartView* view = chartView(chart);
  connect(view, &QWidget::customContextMenuRequested, this, [this, chart, view](QPoint at) {
    if (!hasRun()) return;
    QMenu menu(view);
    menu.addAction(tr("Export Chart as PNG or SVG…"), this,
                   [this, chart] { exportChartWithDialog(chart); });
    menu.exec(view->mapToGlobal(at));
  });
}

StageChartView* TimingPanel::chartView(Chart chart) const {
  return chart == Chart::Time ? timeView_ : tokenView_;
}

const StageChartData& TimingPanel::chartData() const {
  return timeView_->data();
}

QStringList TimingPanel::legendTexts() const {
  QStringList texts;
  for (const LegendEntry& entry : timeView_->chartLayout().legend) texts.append(entry.label.text);
  return texts;
}

void TimingPanel::setRun(std::shared_ptr<const stts::RunResult> run) {
  run_ = std::move(run);
  rebuild();
}

StageChartOptions TimingPanel::pictureOptions(Chart chart) const {
  const StageChartView* view = chartView(chart);
  return StageChartOptions{stageChartPictureFont(view->font()), view->title()};
}

QString TimingPanel::exportChart(Chart chart, const QString& path,
                                 const StageChartPicture& picture) const {
  if (!run_ || run_->timings.empty()) return tr("There is no run to export.");
  const StageChartKind kind = kindOf(chart);
  const StageChartData& data = chartData();
  const StageChartOptions options = pictureOptions(chart);
  StageChartPicture sized = picture;
  if (sized.size.width() <= 0 || sized.size.height() <= 0) {
    const QSize shown = chartView(chart)->size();
    sized.size = grownToFit(kind, data, options,
                            QSize(sized.size.width() > 0 ? sized.size.width() : shown.width(),
                                  sized.size.height() > 0 ? sized.size.height() : shown.height()));
  }
  auto written = writeStageChart(path, kind, data, options, sized);
  return written ? QString() : engineErrorText(written.error());
}

// "<video>_<method>-<keep%>_stage-times", like every other export's name.
QString TimingPanel::suggestedChartName(Chart chart) const {
  const QString suffix =
      chart == Chart::Time ? QStringLiteral("_stage-times") : QStringLiteral("_stage-tokens");
  if (!run_) return suffix.mid(1);
  return withMethodTag(videoFileStem(QString::fromStdString(run_->request.videoPath)),
                       QString::fromStdString(run_->request.method), run_->request.keepRatio) +
         suffix;
}

void TimingPanel::exportChartWithDialog(Chart chart) {
  if (!run_ || run_->timings.empty()) return;
  const StageChartKind kind = kindOf(chart);
  const StageChartData data = chartData();
  const StageChartOptions options = pictureOptions(chart);
  const int minimumWidth = int(std::ceil(stageChartMinimumSize(kind, data, options).width()));
  const QString base = suggestedChartName(chart);
  stts::ui::exportChartWithDialog(
      this, grownToFit(kind, data, options, chartView(chart)->size()), minimumWidth,
      [kind, data, options](int width) { return heightNeeded(kind, data, options, width); }, base,
      [this, chart](const QString& path, const StageChartPicture& picture) {
        return exportChart(chart, path, picture);
      });
}

void TimingPanel::showHover(Chart chart, int stage) {
  if (!run_ || stage < 0 || size_t(stage) >= run_->timings.size()) {
    QToolTip::hideText();
    return;
  }
  const stts::StageTiming& timing = run_->timings[size_t(stage)];
  const QString name = QString::fromStdString(timing.name);
  if (chart == Chart::Tokens) {
    lastHoverText_ = tr("%1: %2 tokens").arg(name).arg(timing.tokens);
  } else {
    const double total = chartData().longestRunMilliseconds();
    const double share = total > 0.0 ? 100.0 * timing.milliseconds / total : 0.0;
    lastHoverText_ = tr("%1: %2 ms, %3 % of the run, %4 tokens on %5")
                         .arg(name)
                         .arg(formatNumber(timing.milliseconds, 2))
                         .arg(formatNumber(share, 1))
                         .arg(timing.tokens)
                         .arg(QString::fromStdString(timing.device));
  }
  QToolTip::showText(QCursor::pos(), lastHoverText_, this);
}

void TimingPanel::rebuild() {
  const bool empty = !run_ || run_->timings.empty();
  exportTime_->setEnabled(!empty);
  exportTokens_->setEnabled(!empty);
  stack_->setCurrentIndex(empty ? 0 : 1);
  const StageChartData data = empty ? StageChartData{} : stageChartData(*run_);
  timeView_->setData(data);
  tokenView_->setData(data);
  if (empty) return;
  totalLabel_->setText(tr("%1 ms in %2 stages")
                           .arg(formatNumber(data.longestRunMilliseconds(), 1))
                           .arg(run_->timings.size()));
}

void TimingPanel::applyChartFont() {
  QFont chartFont = font();
  if (chartFont.pixelSize() > 0) {
    chartFont.setPixelSize(std::max(6, int(std::lround(chartFont.pixelSize() * kChartFontScale))));
  } else {
    chartFont.setPointSizeF(chartFont.pointSizeF() * kChartFontScale);
  }
  timeView_->setFont(chartFont);
  tokenView_->setFont(chartFont);
}

void TimingPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    rebuild();
  } else if (event->type() == QEvent::FontChange) {
    applyChartFont();
  }
  QDockWidget::changeEvent(event);
}

void TimingPanel::retranslate() {
  setWindowTitle(tr("Timing"));
  emptyLabel_->setText(tr("No run yet: ask a question or open a run to see where the time went."));
  exportTime_->setText(tr("Export Times…"));
  exportTokens_->setText(tr("Export Tokens…"));
  timeView_->setTitle(tr("Time per stage"));
  tokenView_->setTitle(tr("Tokens per stage"));
  timeView_->setAccessibleName(tr("Time per stage"));
  tokenView_->setAccessibleName(tr("Tokens per stage"));
}

}  // namespace stts::ui
