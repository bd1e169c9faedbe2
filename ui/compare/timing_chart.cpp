#include "compare/timing_chart.h"

#include "common/time_format.h"

#include <QCursor>
#include <QEvent>
#include <QToolTip>

namespace stts::ui {

TimingChart::TimingChart(QWidget* parent) : StageChartView(StageChartKind::Time, parent) {
  connect(this, &StageChartView::barHovered, this, &TimingChart::showHover);
  retranslate();
}

void TimingChart::setRuns(const QStringList& runLabels, const StageTable& table) {
  StageChartData data;
  data.stages = table.stages;
  data.milliseconds = table.milliseconds;
  for (size_t run = 0; run < table.milliseconds.size(); ++run)
    data.runs.append(runLabels.value(int(run)));
  setData(std::move(data));
  retranslate();
}

void TimingChart::showHover(int run, int stage) {
  const StageChartData& shown = data();
  if (run < 0 || stage < 0 || size_t(run) >= shown.milliseconds.size()) {
    QToolTip::hideText();
    return;
  }
  // Hovering a segment names its run, stage and time.
  lastHoverText_ = tr("%1 · %2: %3 ms")
                       .arg(shown.runs.value(run), shown.stages.value(stage))
                       .arg(formatNumber(shown.milliseconds[size_t(run)][size_t(stage)], 1));
  QToolTip::showText(QCursor::pos(), lastHoverText_, this);
}

void TimingChart::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  StageChartView::changeEvent(event);
}

void TimingChart::retranslate() {
  setTitle(data().stages.isEmpty() ? tr("No stage timings were recorded in these runs.")
                                   : tr("Time per stage"));
}

}  // namespace stts::ui
