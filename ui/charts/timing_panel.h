// The Timing panel (issue 5, item 4): where a run's time went, as a horizontal stacked bar of its
// stages (design.md §4: decode, preprocess, vit_pre, select, vit_bias, pack, vit_post, connector,
// prefill, decode_tokens — whichever the run recorded), milliseconds and share in the legend, and
// a second chart of the tokens each stage processed. Hovering a bar shows its values; each chart
// exports as PNG or SVG (buttons or the chart's context menu). The charts read the run only.
#pragma once

#include <QDockWidget>
#include <memory>

#include "stts/run_result.h"

class QBarSet;
class QChartView;
class QLabel;
class QPushButton;
class QStackedWidget;

namespace stts::ui {

class TimingPanel : public QDockWidget {
  Q_OBJECT

 public:
  enum class Chart { Time, Tokens };

  explicit TimingPanel(QWidget* parent = nullptr);

  // Null shows the empty state.
  void setRun(std::shared_ptr<const stts::RunResult> run);
  bool hasRun() const { return run_ != nullptr; }

  // Writes the chart as PNG or SVG (by suffix); empty on success, else one sentence.
  QString exportChart(Chart chart, const QString& path) const;
  void exportChartWithDialog(Chart chart);

  // The parts, for tests.
  QChartView* chartView(Chart chart) const;
  // One set per stage in the time chart, each holding that stage's milliseconds.
  QList<QBarSet*> timeBarSets() const;
  // The token chart's values, last stage first (bars are drawn bottom-up, first stage on top).
  QBarSet* tokenBarSet() const { return tokenSet_; }
  QLabel* emptyLabel() const { return emptyLabel_; }
  // The tooltip text of the last hovered bar (what the user sees).
  QString lastHoverText() const { return lastHoverText_; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void rebuild();
  void retranslate();
  void showHover(const QString& text, bool status);
  void addExportMenu(Chart chart);

  std::shared_ptr<const stts::RunResult> run_;
  QStackedWidget* stack_ = nullptr;
  QLabel* emptyLabel_ = nullptr;
  QLabel* totalLabel_ = nullptr;
  QChartView* timeView_ = nullptr;
  QChartView* tokenView_ = nullptr;
  QPushButton* exportTime_ = nullptr;
  QPushButton* exportTokens_ = nullptr;
  QBarSet* tokenSet_ = nullptr;
  QString lastHoverText_;
};

}  // namespace stts::ui
