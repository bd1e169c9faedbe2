// The Timing panel (issue 5, item 4; issue #13): where a run's time went, as a horizontal stacked
// bar of its stages (design.md §4: decode, preprocess, vit_pre, select, vit_bias, pack, vit_post,
// connector, prefill, decode_tokens — whichever the run recorded) with every stage in the legend
// ("name  value unit (share %)"), and a second chart of the tokens each stage processed. Both are
// drawn by the shared renderer (charts/stage_chart.h) and never clip their text: the charts ask
// for the room it needs. Hovering a bar shows its values; each chart exports as PNG (at a chosen
// size and scale) or SVG, from the buttons or the chart's context menu. The charts read the run
// only.
#pragma once

#include <QDockWidget>
#include <memory>

#include "charts/stage_chart_file.h"
#include "stts/run_result.h"

class QLabel;
class QPushButton;
class QStackedWidget;

namespace stts::ui {

class StageChartView;

class TimingPanel : public QDockWidget {
  Q_OBJECT

 public:
  enum class Chart { Time, Tokens };

  explicit TimingPanel(QWidget* parent = nullptr);

  // Null shows the empty state.
  void setRun(std::shared_ptr<const stts::RunResult> run);
  bool hasRun() const { return run_ != nullptr; }

  // Writes the chart as PNG or SVG (by suffix) at `picture`'s size and scale; without a size, at
  // the chart's size on screen. Empty on success, else one sentence.
  QString exportChart(Chart chart, const QString& path,
                      const StageChartPicture& picture = {}) const;
  void exportChartWithDialog(Chart chart);
  // The file name the export dialog offers, without suffix: video, method and keep, chart.
  QString suggestedChartName(Chart chart) const;

  // The parts, for tests.
  StageChartView* chartView(Chart chart) const;
  // What both charts show: the run's stages in order with their milliseconds and tokens.
  const StageChartData& chartData() const;
  // The time chart's legend as drawn, one entry per stage.
  QStringList legendTexts() const;
  QLabel* emptyLabel() const { return emptyLabel_; }
  // The tooltip text of the last hovered bar (what the user sees).
  QString lastHoverText() const { return lastHoverText_; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void rebuild();
  void retranslate();
  void applyChartFont();
  void showHover(Chart chart, int stage);
  void addExportMenu(Chart chart);
  // The title and font a picture of `chart` is drawn with.
  StageChartOptions pictureOptions(Chart chart) const;

  std::shared_ptr<const stts::RunResult> run_;
  QStackedWidget* stack_ = nullptr;
  QLabel* emptyLabel_ = nullptr;
  QLabel* totalLabel_ = nullptr;
  StageChartView* timeView_ = nullptr;
  StageChartView* tokenView_ = nullptr;
  QPushButton* exportTime_ = nullptr;
  QPushButton* exportTokens_ = nullptr;
  QString lastHoverText_;
};

}  // namespace stts::ui
