// The comparison window's timing chart: one horizontal stacked bar per run, its stage timings
// (RunResult::timings) in pipeline order, one colour per stage and every stage in the legend, so
// runs compare at a glance (ux.md §5). Drawn by the shared stage-chart renderer, so its ticks are
// nice values in ms or s and its text is never clipped.
#pragma once

#include <QStringList>

#include "charts/stage_chart_view.h"
#include "compare/compare_runs.h"

namespace stts::ui {

class TimingChart : public StageChartView {
  Q_OBJECT

 public:
  explicit TimingChart(QWidget* parent = nullptr);

  // One bar per run label, one segment per stage.
  void setRuns(const QStringList& runLabels, const StageTable& table);

  // The bars' labels, one per run in order.
  QStringList categories() const { return data().runs; }
  // The tooltip text of the last hovered segment (what the user sees).
  QString lastHoverText() const { return lastHoverText_; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void showHover(int run, int stage);

  QString lastHoverText_;
};

}  // namespace stts::ui
