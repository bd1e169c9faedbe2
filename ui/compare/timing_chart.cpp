#include "compare/timing_chart.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QCursor>
#include <QLegend>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>
#include <algorithm>

#include "charts/stage_colours.h"

namespace stts::ui {

TimingChart::TimingChart(QWidget* parent) : QChartView(parent) {
  setRenderHint(QPainter::Antialiasing);
  setMinimumHeight(180);
  auto* chart = new QChart();
  chart->legend()->setAlignment(Qt::AlignRight);
  chart->setMargins(QMargins(4, 4, 4, 4));
  setChart(chart);  // the view owns the chart
}

void TimingChart::setRuns(const QStringList& runLabels, const StageTable& table) {
  QChart* chart = this->chart();
  chart->removeAllSeries();
  for (QAbstractAxis* axis : chart->axes()) {
    chart->removeAxis(axis);
    delete axis;
  }
  series_ = new QStackedBarSeries();
  double longest = 0.0;
  for (int stage = 0; stage < table.stages.size(); ++stage) {
    auto* set = new QBarSet(table.stages[stage]);
    set->setColor(stageColour(table.stages[stage], stage));
    for (size_t run = 0; run < table.milliseconds.size(); ++run)
      set->append(table.milliseconds[run][size_t(stage)]);
    series_->append(set);
  }
  for (const auto& row : table.milliseconds) {
    double total = 0.0;
    for (double ms : row) total += ms;
    longest = std::max(longest, total);
  }
  // Hovering a segment names its run, stage and time.
  connect(
      series_, &QStackedBarSeries::hovered, this,
      [this, runLabels](bool entered, int index, QBarSet* set) {
        if (!entered || index < 0 || index >= runLabels.size()) {
          QToolTip::hideText();
          return;
        }
        QToolTip::showText(
            QCursor::pos(),
            tr("%1 · %2: %3 ms").arg(runLabels[index], set->label()).arg(set->at(index), 0, 'f', 1),
            this);
      });
  chart->addSeries(series_);
  categoryAxis_ = new QBarCategoryAxis();
  categoryAxis_->append(runLabels);
  chart->addAxis(categoryAxis_, Qt::AlignBottom);
  series_->attachAxis(categoryAxis_);
  auto* valueAxis = new QValueAxis();
  valueAxis->setTitleText(tr("milliseconds"));
  valueAxis->setRange(0.0, longest > 0.0 ? longest * 1.05 : 1.0);
  chart->addAxis(valueAxis, Qt::AlignLeft);
  series_->attachAxis(valueAxis);
  chart->setTitle(table.stages.isEmpty() ? tr("No stage timings were recorded in these runs.")
                                         : tr("Time per stage"));
}

QStringList TimingChart::categories() const {
  return categoryAxis_ ? categoryAxis_->categories() : QStringList();
}

}  // namespace stts::ui
