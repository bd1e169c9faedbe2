// The stage charts, drawn by us with QPainter (QtGui only): where a run's time went, as one
// horizontal stacked bar per run, and the tokens each stage processed, one bar per stage. The
// Timing dock, the comparison window and the headless `stts export --timing-chart` all draw
// through here, so the window and a paper figure show the same chart.
//
// Drawing happens in two steps. layoutStageChart() places every bar, tick and piece of text for a
// size and a font and says the smallest size at which no text is clipped or overlaps; then
// paintStageChart() draws that layout. Widgets use the layout for hover hit tests and their
// minimumSizeHint, and tests check its rectangles.
#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

#include "stts/run_result.h"

class QPainter;

namespace stts::ui {

enum class StageChartKind {
  Time,    // one stacked bar per run, a legend entry per stage
  Tokens,  // one bar per stage (the first run's tokens), every stage named on the left
};

// What the charts show: stages in pipeline order, one row per run.
struct StageChartData {
  QStringList stages;
  QStringList runs;                               // a label per row; empty text: no label
  std::vector<std::vector<double>> milliseconds;  // [run][stage]
  std::vector<std::vector<int64_t>> tokens;       // [run][stage]; may be empty (comparison)

  bool isEmpty() const { return stages.isEmpty() || milliseconds.empty(); }
  // The longest run's total milliseconds.
  double longestRunMilliseconds() const;
};

// One unlabelled row with the run's stages in the order it recorded them.
StageChartData stageChartData(const stts::RunResult& run);

// Axis ticks from 0 up to the first "nice" value (1, 2, 2.5 or 5 x 10^k steps) that covers the
// largest value, with at most `maxIntervals` steps. A maximum of 0 (or negative, or not finite)
// gives 0 and 1; `minimumStep` keeps counts (tokens) from getting fractional ticks.
struct AxisTicks {
  std::vector<double> values;  // 0, step, 2 step, …, top
  double step = 1.0;
  int decimals = 0;  // digits after the point that print every value exactly

  double top() const { return values.empty() ? 1.0 : values.back(); }
  QString label(double value) const;
};
AxisTicks niceTicks(double maximum, int maxIntervals, double minimumStep = 0.0);

// Milliseconds as the time axis shows them: seconds once the longest bar reaches 10 s.
struct TimeUnit {
  double milliseconds = 1.0;  // one unit in milliseconds: 1 (ms) or 1000 (s)
  bool seconds = false;

  QString symbol() const;           // "ms" or "s"
  QString format(double ms) const;  // "16595.7 ms", "16.60 s"
};
TimeUnit timeUnitFor(double longestMilliseconds);

// The text the time chart's legend shows for `stage` of the lone run: "name  value unit (share %)".
QString timeLegendText(const StageChartData& data, int stage, const TimeUnit& unit);

struct StageChartOptions {
  QFont font;     // tick labels, stage names, legend; the title is a bold, larger copy
  QString title;  // empty: no title line
};

// A piece of text and exactly the rectangle it covers (its advance width by the font's height).
struct ChartText {
  enum class Role { Title, AxisTitle, Tick, RowLabel, Value, Legend };
  Role role = Role::Tick;
  QString text;
  QRectF rect;
  QColor colour;  // invalid: the chart's text colour
};

struct ChartBar {
  int row = 0;  // the run (time chart) or the stage (token chart)
  int stage = 0;
  QRectF rect;
  QColor colour;
  // Where hovering finds the bar: the bar itself, or for the token chart its whole row, so a bar
  // of a few tokens (a pixel long) can still be pointed at.
  QRectF hitArea;
};

struct LegendEntry {
  int stage = 0;
  QColor colour;
  QRectF swatch;
  ChartText label;
  QRectF rect() const { return swatch.united(label.rect); }
};

struct StageChartLayout {
  StageChartKind kind = StageChartKind::Time;
  QSizeF size;         // the size laid out
  QSizeF minimumSize;  // the smallest size at which all text fits (nothing clipped or overlapping)
  bool fits = false;   // whether `size` is enough at its width (see requiredHeight)
  double requiredHeight = 0.0;  // the height all text needs at this width
  QFont font;
  QFont titleFont;
  QRectF plot;  // the bars' area; the value axis runs along its bottom edge
  double tickLength = 0.0;
  AxisTicks ticks;
  TimeUnit unit;              // time chart only
  std::vector<double> tickX;  // x of each tick value
  std::vector<ChartBar> bars;
  std::vector<LegendEntry> legend;  // time chart only: one per stage, in pipeline order
  std::vector<ChartText> texts;     // everything written, legend labels included

  // The bar under `point`, or null.
  const ChartBar* barAt(QPointF point) const;
};

StageChartLayout layoutStageChart(StageChartKind kind, const StageChartData& data,
                                  const QSizeF& size, const StageChartOptions& options);

// The smallest size that shows every text of the chart in full.
QSizeF stageChartMinimumSize(StageChartKind kind, const StageChartData& data,
                             const StageChartOptions& options);
// A comfortable size `width` wide (at least the minimum width): bars a little thicker than the
// text, the legend in as many columns as fit.
QSizeF stageChartPreferredSize(StageChartKind kind, const StageChartData& data,
                               const StageChartOptions& options, double width);

struct StageChartColours {
  QColor background;
  QColor text;
  QColor axis;
  QColor grid;

  // Black on white, for pictures and papers.
  static StageChartColours print();
  // The widget's own colours (a dark theme stays dark).
  static StageChartColours fromPalette(const QPalette& palette);
};

void paintStageChart(QPainter& painter, const StageChartLayout& layout,
                     const StageChartColours& colours);

}  // namespace stts::ui
