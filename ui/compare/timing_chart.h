// One Qt Charts stacked bar per run: the run's stage timings (RunResult::timings) stacked in
// pipeline order, one colour per stage, so runs compare at a glance (ux.md §5).
#pragma once

#include <QChartView>
#include <QStringList>

#include "compare/compare_runs.h"

class QStackedBarSeries;
class QBarCategoryAxis;

namespace stts::ui {

class TimingChart : public QChartView {
  Q_OBJECT

 public:
  explicit TimingChart(QWidget* parent = nullptr);

  // One category (bar) per run label, one bar set per stage.
  void setRuns(const QStringList& runLabels, const StageTable& table);

  QStackedBarSeries* series() const { return series_; }
  QStringList categories() const;

 private:
  QStackedBarSeries* series_ = nullptr;
  QBarCategoryAxis* categoryAxis_ = nullptr;
};

}  // namespace stts::ui
