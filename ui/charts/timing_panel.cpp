#include "charts/timing_panel.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QEvent>
#include <QFont>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QStackedWidget>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include "charts/chart_export.h"
#include "charts/stage_colours.h"

namespace stts::ui {

namespace {

QChartView* makeChartView(QWidget* parent, const QString& name) {
  auto* chart = new QChart;
  chart->setAnimationOptions(QChart::NoAnimation);  // exports and tests see the final bars
  chart->legend()->setAlignment(Qt::AlignRight);
  QFont small = chart->legend()->font();
  small.setPointSizeF(small.pointSizeF() * 0.85);
  chart->legend()->setFont(small);
  chart->setMargins(QMargins(4, 4, 4, 4));
  auto* view = new QChartView(chart, parent);
  view->setObjectName(name);
  view->setRenderHint(QPainter::Antialiasing);
  view->setMinimumSize(160, 120);
  view->setContextMenuPolicy(Qt::CustomContextMenu);
  return view;
}

void clearChart(QChart* chart) {
  chart->removeAllSeries();
  for (QAbstractAxis* axis : chart->axes()) {
    chart->removeAxis(axis);
    delete axis;
  }
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
  timeView_ = makeChartView(charts, QStringLiteral("timingTimeChart"));
  tokenView_ = makeChartView(charts, QStringLiteral("timingTokenChart"));
  auto* chartsRow = new QHBoxLayout;
  chartsRow->addWidget(timeView_, 1);
  chartsRow->addWidget(tokenView_, 1);
  layout->addLayout(chartsRow, 1);
  stack_->addWidget(charts);
  setWidget(stack_);

  connect(exportTime_, &QPushButton::clicked, this, [this] { exportChartWithDialog(Chart::Time); });
  connect(exportTokens_, &QPushButton::clicked, this,
          [this] { exportChartWithDialog(Chart::Tokens); });
  addExportMenu(Chart::Time);
  addExportMenu(Chart::Tokens);
  retranslate();
  rebuild();
}

void TimingPanel::addExportMenu(Chart chart) {
  QChartView* view = chartView(chart);
  connect(view, &QWidget::customContextMenuRequested, this, [this, chart, view](QPoint at) {
    QMenu menu(view);
    menu.addAction(tr("Export Chart as PNG or SVG…"), this,
                   [this, chart] { exportChartWithDialog(chart); });
    menu.exec(view->mapToGlobal(at));
  });
}

QChartView* TimingPanel::chartView(Chart chart) const {
  return chart == Chart::Time ? timeView_ : tokenView_;
}

QList<QBarSet*> TimingPanel::timeBarSets() const {
  const QList<QAbstractSeries*> series = timeView_->chart()->series();
  if (series.isEmpty()) return {};
  return static_cast<QAbstractBarSeries*>(series.first())->barSets();
}

void TimingPanel::setRun(std::shared_ptr<const stts::RunResult> run) {
  run_ = std::move(run);
  rebuild();
}

QString TimingPanel::exportChart(Chart chart, const QString& path) const {
  if (!run_) return tr("There is no run to export.");
  return saveChart(chartView(chart), path, windowTitle());
}

void TimingPanel::exportChartWithDialog(Chart chart) {
  if (!run_) return;
  const QString base =
      chart == Chart::Time ? QStringLiteral("stage-times") : QStringLiteral("stage-tokens");
  stts::ui::exportChartWithDialog(this, chartView(chart), base, windowTitle());
}

void TimingPanel::showHover(const QString& text, bool status) {
  if (status) {
    lastHoverText_ = text;
    QToolTip::showText(QCursor::pos(), text, this);
  } else {
    QToolTip::hideText();
  }
}

void TimingPanel::rebuild() {
  QChart* timeChart = timeView_->chart();
  QChart* tokenChart = tokenView_->chart();
  clearChart(timeChart);
  clearChart(tokenChart);
  tokenSet_ = nullptr;
  const bool empty = !run_ || run_->timings.empty();
  exportTime_->setEnabled(!empty);
  exportTokens_->setEnabled(!empty);
  stack_->setCurrentIndex(empty ? 0 : 1);
  if (empty) return;

  double total = 0.0;
  for (const stts::StageTiming& stage : run_->timings) total += stage.milliseconds;

  auto* timeSeries = new QHorizontalStackedBarSeries;
  auto* tokenSeries = new QHorizontalBarSeries;
  tokenSet_ = new QBarSet(tr("Tokens"));
  tokenSet_->setColor(palette().color(QPalette::Highlight));
  QStringList stageNames;
  int position = 0;
  for (const stts::StageTiming& stage : run_->timings) {
    const QString name = QString::fromStdString(stage.name);
    const double share = total > 0.0 ? 100.0 * stage.milliseconds / total : 0.0;
    auto* set = new QBarSet(
        tr("%1 %2 ms (%3 %)").arg(name).arg(stage.milliseconds, 0, 'f', 1).arg(share, 0, 'f', 1));
    set->append(stage.milliseconds);
    set->setColor(stageColour(name, position++));
    set->setBorderColor(set->color().darker(130));
    const QString hover = tr("%1: %2 ms, %3 % of the run, %4 tokens on %5")
                              .arg(name)
                              .arg(stage.milliseconds, 0, 'f', 2)
                              .arg(share, 0, 'f', 1)
                              .arg(stage.tokens)
                              .arg(QString::fromStdString(stage.device));
    connect(set, &QBarSet::hovered, this,
            [this, hover](bool status, int) { showHover(hover, status); });
    timeSeries->append(set);
    // Horizontal bar categories run bottom-up: prepending puts the first stage at the top.
    stageNames.prepend(name);
    tokenSet_->insert(0, double(stage.tokens));
  }
  connect(tokenSet_, &QBarSet::hovered, this, [this, stageNames](bool status, int index) {
    if (index < 0 || index >= stageNames.size()) return;
    showHover(tr("%1: %2 tokens").arg(stageNames.at(index)).arg(tokenSet_->at(index)), status);
  });
  tokenSeries->append(tokenSet_);
  tokenSeries->setLabelsVisible(true);
  tokenSeries->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);

  timeChart->addSeries(timeSeries);
  auto* runAxis = new QBarCategoryAxis;
  runAxis->append(tr("Run"));
  timeChart->addAxis(runAxis, Qt::AlignLeft);
  timeSeries->attachAxis(runAxis);
  auto* msAxis = new QValueAxis;
  msAxis->setTitleText(tr("milliseconds"));
  msAxis->setLabelFormat(QStringLiteral("%.0f"));
  msAxis->setTickCount(4);
  msAxis->setRange(0.0, total > 0.0 ? total : 1.0);
  timeChart->addAxis(msAxis, Qt::AlignBottom);
  timeSeries->attachAxis(msAxis);
  timeChart->legend()->setVisible(true);

  tokenChart->addSeries(tokenSeries);
  auto* stageAxis = new QBarCategoryAxis;
  stageAxis->append(stageNames);
  // Qt Charts elides category labels on a narrow chart; the stage names are short, show them whole.
  stageAxis->setTruncateLabels(false);
  tokenChart->addAxis(stageAxis, Qt::AlignLeft);
  tokenSeries->attachAxis(stageAxis);
  auto* countAxis = new QValueAxis;
  countAxis->setTitleText(tr("tokens processed"));
  countAxis->setLabelFormat(QStringLiteral("%.0f"));
  countAxis->setTickCount(3);
  double most = 1.0;
  for (const stts::StageTiming& stage : run_->timings) most = std::max(most, double(stage.tokens));
  countAxis->setRange(0.0, most * 1.15);  // room for the value labels
  tokenChart->addAxis(countAxis, Qt::AlignBottom);
  tokenSeries->attachAxis(countAxis);
  tokenChart->legend()->setVisible(false);

  totalLabel_->setText(tr("%1 ms in %2 stages").arg(total, 0, 'f', 1).arg(run_->timings.size()));
}

void TimingPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    rebuild();
  }
  QDockWidget::changeEvent(event);
}

void TimingPanel::retranslate() {
  setWindowTitle(tr("Timing"));
  emptyLabel_->setText(tr("No run yet: ask a question or open a run to see where the time went."));
  exportTime_->setText(tr("Export Times…"));
  exportTokens_->setText(tr("Export Tokens…"));
  timeView_->chart()->setTitle(tr("Time per stage"));
  tokenView_->chart()->setTitle(tr("Tokens per stage"));
  timeView_->setAccessibleName(tr("Time per stage"));
  tokenView_->setAccessibleName(tr("Tokens per stage"));
}

}  // namespace stts::ui
