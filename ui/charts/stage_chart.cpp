#include "charts/stage_chart.h"

#include "common/time_format.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "charts/stage_colours.h"

namespace stts::ui {

namespace {

struct StageChartText {
  Q_DECLARE_TR_FUNCTIONS(StageChart)
};

// A legend taller than this many rows at the minimum size would make the chart tall and thin;
// wrapping into a second column is better.
constexpr int kMaxLegendRowsAtMinimum = 5;
// More ticks than this make a busy axis, however wide.
constexpr int kMostTickIntervals = 10;
// Time axes switch from milliseconds to seconds from here on (issue #13: 149454.3 ms is
// unreadable).
constexpr double kSecondsFromMilliseconds = 10000.0;

// Lengths in multiples of the font's line height, so the chart scales with its text.
struct Metrics {
  QFont font;
  QFont titleFont;
  QFontMetricsF text;
  QFontMetricsF title;
  double line;
  double margin;
  double gap;
  double tickLength;

  explicit Metrics(const StageChartOptions& options)
      : font(options.font),
        titleFont(boldLarger(options.font)),
        text(font),
        title(titleFont),
        line(std::ceil(text.height())),
        margin(std::round(0.4 * line)),
        gap(std::round(0.4 * line)),
        tickLength(std::round(0.3 * line)) {}

  static QFont boldLarger(QFont font) {
    font.setBold(true);
    if (font.pixelSize() > 0) {
      font.setPixelSize(int(std::lround(font.pixelSize() * 1.15)));
    } else if (font.pointSizeF() > 0) {
      font.setPointSizeF(font.pointSizeF() * 1.15);
    }
    return font;
  }
  // Whole pixels and one more, so a glyph's overhang past its advance is never cut.
  double width(const QString& text) const {
    return std::ceil(this->text.horizontalAdvance(text)) + 1;
  }
  double titleWidth(const QString& text) const {
    return std::ceil(title.horizontalAdvance(text)) + 1;
  }
  double titleHeight(const QString& titleText) const {
    return titleText.isEmpty() ? 0.0 : std::ceil(title.height()) + gap;
  }
  // Tick marks, their labels and the axis title under the plot.
  double axisHeight() const { return tickLength + line + axisTitleGap() + line; }
  double axisTitleGap() const { return std::round(0.5 * gap); }
};

// A row shorter than the stage list (or a negative time) counts as nothing spent there.
double millisecondsAt(const StageChartData& data, int row, int stage) {
  if (row < 0 || size_t(row) >= data.milliseconds.size()) return 0.0;
  const std::vector<double>& times = data.milliseconds[size_t(row)];
  return stage >= 0 && size_t(stage) < times.size() ? std::max(0.0, times[size_t(stage)]) : 0.0;
}

double sum(const std::vector<double>& values) {
  double total = 0.0;
  for (double value : values) total += std::max(0.0, value);
  return total;
}

int64_t tokenValue(const StageChartData& data, int stage) {
  if (data.tokens.empty() || size_t(stage) >= data.tokens.front().size()) return 0;
  return std::max<int64_t>(0, data.tokens.front()[size_t(stage)]);
}

double largestToken(const StageChartData& data) {
  double most = 0.0;
  for (int s = 0; s < data.stages.size(); ++s) most = std::max(most, double(tokenValue(data, s)));
  return most;
}

QString axisTitle(StageChartKind kind, const TimeUnit& unit) {
  if (kind == StageChartKind::Tokens) return StageChartText::tr("Tokens processed");
  return StageChartText::tr("Time (%1)").arg(unit.symbol());
}

// What the layout needs to know before it places anything: the values along the axis and the
// widths of every text that does not depend on the size.
struct Plan {
  StageChartKind kind = StageChartKind::Time;
  int rows = 0;
  int stages = 0;
  double maxValue = 0.0;  // in the axis unit
  double minimumStep = 0.0;
  TimeUnit unit;
  QString axisTitle;
  QStringList rowLabels;
  QStringList legendTexts;  // time chart
  QStringList valueTexts;   // token chart: one per stage
  double rowLabelWidth = 0.0;
  double legendColumnWidth = 0.0;
  double legendColumnGap = 0.0;
  double legendRowGap = 0.0;
  double swatch = 0.0;
  double widestValue = 0.0;
  double widestTick = 0.0;  // over every tick set the axis may choose
  double bandMinimum = 0.0;
  double bandComfortable = 0.0;

  bool isTime() const { return kind == StageChartKind::Time; }
};

Plan planFor(StageChartKind kind, const StageChartData& data, const Metrics& m) {
  Plan plan;
  plan.kind = kind;
  plan.stages = int(data.stages.size());
  if (kind == StageChartKind::Time) {
    plan.rows = int(data.milliseconds.size());
    const double longest = data.longestRunMilliseconds();
    plan.unit = timeUnitFor(longest);
    plan.maxValue = longest / plan.unit.milliseconds;
    for (int r = 0; r < plan.rows; ++r) plan.rowLabels.append(data.runs.value(r));
    for (int s = 0; s < plan.stages; ++s) {
      plan.legendTexts.append(plan.rows == 1 ? timeLegendText(data, s, plan.unit) : data.stages[s]);
    }
    plan.swatch = std::round(0.75 * m.line);
    for (const QString& text : plan.legendTexts)
      plan.legendColumnWidth =
          std::max(plan.legendColumnWidth, plan.swatch + m.gap + m.width(text));
    plan.legendColumnGap = std::round(0.8 * m.line);
    plan.legendRowGap = std::round(0.25 * m.line);
    plan.bandMinimum = std::ceil(1.2 * m.line);
    plan.bandComfortable = std::ceil(2.2 * m.line);
  } else {
    plan.rows = plan.stages;
    plan.rowLabels = data.stages;
    plan.maxValue = largestToken(data);
    plan.minimumStep = 1.0;  // no half tokens on the axis
    for (int s = 0; s < plan.stages; ++s) {
      plan.valueTexts.append(formatNumber(tokenValue(data, s), 0));
      plan.widestValue = std::max(plan.widestValue, m.width(plan.valueTexts.back()));
    }
    plan.bandMinimum = std::ceil(m.line + 2.0);
    plan.bandComfortable = std::ceil(1.6 * m.line);
  }
  plan.axisTitle = axisTitle(kind, plan.unit);
  for (const QString& label : plan.rowLabels)
    plan.rowLabelWidth = std::max(plan.rowLabelWidth, label.isEmpty() ? 0.0 : m.width(label));
  for (int intervals = 1; intervals <= kMostTickIntervals; ++intervals) {
    const AxisTicks ticks = niceTicks(plan.maxValue, intervals, plan.minimumStep);
    for (double value : ticks.values)
      plan.widestTick = std::max(plan.widestTick, m.width(ticks.label(value)));
  }
  return plan;
}

// The plot's left and right edges at `width`: row labels on the left, and room for half a tick
// label past each end of the axis.
double plotLeft(const Plan& plan, const Metrics& m) {
  const double labels = plan.rowLabelWidth > 0 ? plan.rowLabelWidth + m.gap : 0.0;
  return std::ceil(m.margin + std::max(labels, 0.5 * plan.widestTick));
}
double plotRightInset(const Plan& plan, const Metrics& m) {
  return std::ceil(m.margin + 0.5 * plan.widestTick);
}
double minimumPlotWidth(const Plan& plan, const Metrics& m) {
  // Room for three tick intervals, so the axis reads as a scale.
  double width = std::max(8.0 * m.line, 3.0 * (plan.widestTick + m.line));
  // A value label either follows its bar or sits inside it: both fit when the plot holds two.
  if (!plan.isTime()) width = std::max(width, 2.0 * (plan.widestValue + m.gap));
  return std::ceil(width);
}

int legendColumns(const Plan& plan, const Metrics& m, double width) {
  if (!plan.isTime() || plan.stages == 0) return 0;
  const double available = width - 2.0 * m.margin;
  const int fit = int(std::floor((available + plan.legendColumnGap) /
                                 (plan.legendColumnWidth + plan.legendColumnGap)));
  return std::clamp(fit, 1, plan.stages);
}
double legendHeight(const Plan& plan, const Metrics& m, int columns) {
  if (columns <= 0) return 0.0;
  const int rows = (plan.stages + columns - 1) / columns;
  return rows * m.line + (rows - 1) * plan.legendRowGap;
}
// Everything but the bars' rows: margins, title, axis, legend.
double fixedHeight(const Plan& plan, const Metrics& m, const QString& title, double width) {
  const double legend = legendHeight(plan, m, legendColumns(plan, m, width));
  return 2.0 * m.margin + m.titleHeight(title) + m.axisHeight() + (legend > 0 ? m.gap + legend : 0);
}

double minimumWidth(const Plan& plan, const Metrics& m, const QString& title) {
  double width = 2.0 * m.margin + std::max(m.titleWidth(title), m.width(plan.axisTitle));
  width = std::max(width, plotLeft(plan, m) + minimumPlotWidth(plan, m) + plotRightInset(plan, m));
  if (plan.isTime() && plan.stages > 0) {
    const int columns = std::min(
        plan.stages, (plan.stages + kMaxLegendRowsAtMinimum - 1) / kMaxLegendRowsAtMinimum);
    width = std::max(width, 2.0 * m.margin + columns * plan.legendColumnWidth +
                                (columns - 1) * plan.legendColumnGap);
  }
  return std::ceil(width);
}

// The axis ticks for a plot `width` wide: as many as fit with a line height of space between
// their labels.
AxisTicks ticksFor(const Plan& plan, const Metrics& m, double width) {
  const int wanted = std::clamp(int(width / (2.5 * m.line)), 1, kMostTickIntervals);
  for (int intervals = wanted; intervals > 1; --intervals) {
    AxisTicks ticks = niceTicks(plan.maxValue, intervals, plan.minimumStep);
    double widest = 0.0;
    for (double value : ticks.values) widest = std::max(widest, m.width(ticks.label(value)));
    const double spacing = width / double(ticks.values.size() - 1);
    if (spacing >= widest + m.line) return ticks;
  }
  return niceTicks(plan.maxValue, 1, plan.minimumStep);
}

ChartText textAt(ChartText::Role role, const QString& text, double x, double y, double width,
                 double height, QColor colour = {}) {
  return ChartText{role, text, QRectF(x, y, width, height), colour};
}

// Black on light bars, white on dark ones.
QColor textOn(const QColor& fill) {
  return fill.lightnessF() > 0.55 ? QColor(Qt::black) : QColor(Qt::white);
}

void placeBars(const StageChartData& data, const Plan& plan, const Metrics& m,
               StageChartLayout& layout) {
  const QRectF& plot = layout.plot;
  const double band = plot.height() / std::max(1, plan.rows);
  const double barLimit = plan.isTime() ? 3.0 * m.line : 2.0 * m.line;
  const double thickness = std::max(1.0, std::round(std::min(0.7 * band, barLimit)));
  auto x = [&](double value) {
    return std::round(plot.left() +
                      plot.width() * std::clamp(value / layout.ticks.top(), 0.0, 1.0));
  };
  for (int row = 0; row < plan.rows; ++row) {
    const double centre = plot.top() + (row + 0.5) * band;
    const double top = std::round(centre - 0.5 * thickness);
    if (!plan.rowLabels[row].isEmpty()) {
      const double width = m.width(plan.rowLabels[row]);
      layout.texts.push_back(textAt(ChartText::Role::RowLabel, plan.rowLabels[row],
                                    plot.left() - m.gap - width, std::round(centre - 0.5 * m.line),
                                    width, m.line));
    }
    if (plan.isTime()) {
      double start = 0.0;
      for (int s = 0; s < plan.stages; ++s) {
        const double value = millisecondsAt(data, row, s);
        const double left = x(start / plan.unit.milliseconds);
        start += value;
        const double right = x(start / plan.unit.milliseconds);
        if (value <= 0.0) continue;
        const QRectF segment(left, top, std::max(1.0, right - left), thickness);
        layout.bars.push_back(ChartBar{row, s, segment, stageColour(data.stages[s], s), segment});
      }
      continue;
    }
    const double right = x(double(tokenValue(data, row)));
    const QColor colour = stageColour(data.stages[row], row);
    const QRectF rowBand(plot.left(), plot.top() + row * band, plot.width(), band);
    layout.bars.push_back(ChartBar{
        row, row, QRectF(plot.left(), top, right - plot.left(), thickness), colour, rowBand});
    // The count follows its bar, or sits inside the bar's end when that would leave the plot.
    const QString& value = plan.valueTexts[row];
    const double width = m.width(value);
    const double y = std::round(centre - 0.5 * m.line);
    if (right + 0.5 * m.gap + width <= plot.right()) {
      layout.texts.push_back(
          textAt(ChartText::Role::Value, value, right + 0.5 * m.gap, y, width, m.line));
    } else {
      layout.texts.push_back(textAt(ChartText::Role::Value, value, right - 0.5 * m.gap - width, y,
                                    width, m.line, textOn(colour)));
    }
  }
}

void placeAxis(const Plan& plan, const Metrics& m, StageChartLayout& layout) {
  const QRectF& plot = layout.plot;
  for (double value : layout.ticks.values) {
    const double x = std::round(plot.left() + plot.width() * value / layout.ticks.top());
    layout.tickX.push_back(x);
    const QString label = layout.ticks.label(value);
    const double width = m.width(label);
    layout.texts.push_back(textAt(ChartText::Role::Tick, label, std::round(x - 0.5 * width),
                                  plot.bottom() + m.tickLength, width, m.line));
  }
  const double width = m.width(plan.axisTitle);
  const double left = std::clamp(std::round(plot.center().x() - 0.5 * width), m.margin,
                                 layout.size.width() - m.margin - width);
  layout.texts.push_back(textAt(ChartText::Role::AxisTitle, plan.axisTitle, left,
                                plot.bottom() + m.tickLength + m.line + m.axisTitleGap(), width,
                                m.line));
}

void placeLegend(const StageChartData& data, const Plan& plan, const Metrics& m,
                 StageChartLayout& layout) {
  const int columns = legendColumns(plan, m, layout.size.width());
  if (columns <= 0) return;
  const double used = columns * plan.legendColumnWidth + (columns - 1) * plan.legendColumnGap;
  const double left = std::max(m.margin, std::round(0.5 * (layout.size.width() - used)));
  const double top = layout.size.height() - m.margin - legendHeight(plan, m, columns);
  for (int s = 0; s < plan.stages; ++s) {
    const double x = left + (s % columns) * (plan.legendColumnWidth + plan.legendColumnGap);
    const double y = top + (s / columns) * (m.line + plan.legendRowGap);
    LegendEntry entry;
    entry.stage = s;
    entry.colour = stageColour(data.stages[s], s);
    entry.swatch =
        QRectF(x, std::round(y + 0.5 * (m.line - plan.swatch)), plan.swatch, plan.swatch);
    const QString& text = plan.legendTexts[s];
    entry.label =
        textAt(ChartText::Role::Legend, text, x + plan.swatch + m.gap, y, m.width(text), m.line);
    layout.texts.push_back(entry.label);
    layout.legend.push_back(entry);
  }
}

}  // namespace

double StageChartData::longestRunMilliseconds() const {
  double longest = 0.0;
  for (const auto& row : milliseconds) longest = std::max(longest, sum(row));
  return longest;
}

StageChartData stageChartData(const stts::RunResult& run) {
  StageChartData data;
  data.runs.append(QString());
  data.milliseconds.emplace_back();
  data.tokens.emplace_back();
  for (const stts::StageTiming& stage : run.timings) {
    data.stages.append(QString::fromStdString(stage.name));
    data.milliseconds.front().push_back(stage.milliseconds);
    data.tokens.front().push_back(stage.tokens);
  }
  return data;
}

QString AxisTicks::label(double value) const {
  return formatNumber(value, decimals);
}

AxisTicks niceTicks(double maximum, int maxIntervals, double minimumStep) {
  maxIntervals = std::max(1, maxIntervals);
  if (!std::isfinite(maximum) || maximum < 0.0) maximum = 0.0;
  if (!std::isfinite(minimumStep) || minimumStep < 0.0) minimumStep = 0.0;
  AxisTicks ticks;
  const double raw = std::max(maximum > 0.0 ? maximum / maxIntervals : 1.0, minimumStep);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  ticks.step = 10.0 * magnitude;  // always enough: the factors below end at 10
  for (double factor : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    const double step = factor * magnitude;
    // Counts step in whole units: 2.5 is skipped where it would be a fraction of one.
    if (minimumStep > 0.0 && std::fabs(std::remainder(step, minimumStep)) > 1e-9 * step) continue;
    if (step >= raw * (1.0 - 1e-9)) {
      ticks.step = step;
      break;
    }
  }
  while (ticks.decimals < 17) {
    const double scaled = ticks.step * std::pow(10.0, ticks.decimals);
    if (scaled >= 0.5 && std::fabs(scaled - std::round(scaled)) <= 1e-6 * scaled) break;
    ++ticks.decimals;
  }
  const int intervals = std::max(1, int(std::ceil(maximum / ticks.step - 1e-9)));
  const double unit = std::pow(10.0, ticks.decimals);
  for (int i = 0; i <= intervals; ++i) {
    // Whole multiples of the step, so 3 x 0.1 reads 0.3 and not 0.30000000000000004.
    ticks.values.push_back(std::round(i * ticks.step * unit) / unit);
  }
  return ticks;
}

QString TimeUnit::symbol() const {
  return seconds ? StageChartText::tr("s") : StageChartText::tr("ms");
}

QString TimeUnit::format(double ms) const {
  if (seconds) return StageChartText::tr("%1 s").arg(formatNumber(ms / 1000.0, 2));
  return StageChartText::tr("%1 ms").arg(formatNumber(ms, 1));
}

TimeUnit timeUnitFor(double longestMilliseconds) {
  TimeUnit unit;
  if (longestMilliseconds >= kSecondsFromMilliseconds) {
    unit.seconds = true;
    unit.milliseconds = 1000.0;
  }
  return unit;
}

QString timeLegendText(const StageChartData& data, int stage, const TimeUnit& unit) {
  const double ms = millisecondsAt(data, 0, stage);
  const double total = data.milliseconds.empty() ? 0.0 : sum(data.milliseconds.front());
  const double share = total > 0.0 ? 100.0 * ms / total : 0.0;
  return StageChartText::tr("%1  %2 (%3 %)")
      .arg(data.stages[stage], unit.format(ms), formatNumber(share, 1));
}

const ChartBar* StageChartLayout::barAt(QPointF point) const {
  for (const ChartBar& bar : bars) {
    if (bar.hitArea.contains(point)) return &bar;
  }
  return nullptr;
}

QSizeF stageChartMinimumSize(StageChartKind kind, const StageChartData& data,
                             const StageChartOptions& options) {
  const Metrics m(options);
  if (data.isEmpty()) {
    return QSizeF(2.0 * m.margin + m.titleWidth(options.title),
                  2.0 * m.margin + m.titleHeight(options.title));
  }
  const Plan plan = planFor(kind, data, m);
  const double width = minimumWidth(plan, m, options.title);
  return QSizeF(width, fixedHeight(plan, m, options.title, width) + plan.rows * plan.bandMinimum);
}

QSizeF stageChartPreferredSize(StageChartKind kind, const StageChartData& data,
                               const StageChartOptions& options, double width) {
  const Metrics m(options);
  if (data.isEmpty()) return stageChartMinimumSize(kind, data, options).expandedTo({width, 0.0});
  const Plan plan = planFor(kind, data, m);
  width = std::max(std::ceil(width), minimumWidth(plan, m, options.title));
  return QSizeF(width,
                fixedHeight(plan, m, options.title, width) + plan.rows * plan.bandComfortable);
}

StageChartLayout layoutStageChart(StageChartKind kind, const StageChartData& data,
                                  const QSizeF& size, const StageChartOptions& options) {
  const Metrics m(options);
  StageChartLayout layout;
  layout.kind = kind;
  layout.size = size;
  layout.font = m.font;
  layout.tickLength = m.tickLength;
  layout.titleFont = m.titleFont;
  layout.minimumSize = stageChartMinimumSize(kind, data, options);
  if (!options.title.isEmpty()) {
    const double width = m.titleWidth(options.title);
    layout.texts.push_back(
        ChartText{ChartText::Role::Title,
                  options.title,
                  QRectF(std::max(m.margin, std::round(0.5 * (size.width() - width))), m.margin,
                         width, std::ceil(m.title.height())),
                  {}});
  }
  if (data.isEmpty()) {
    layout.requiredHeight = layout.minimumSize.height();
    layout.fits =
        size.width() >= layout.minimumSize.width() && size.height() >= layout.requiredHeight;
    return layout;
  }
  const Plan plan = planFor(kind, data, m);
  layout.unit = plan.unit;
  layout.requiredHeight =
      fixedHeight(plan, m, options.title, size.width()) + plan.rows * plan.bandMinimum;
  layout.fits = size.width() >= minimumWidth(plan, m, options.title) &&
                size.height() >= layout.requiredHeight;

  const double top = m.margin + m.titleHeight(options.title);
  const double left = plotLeft(plan, m);
  const double bottom = size.height() - fixedHeight(plan, m, options.title, size.width()) +
                        m.margin + m.titleHeight(options.title);
  layout.plot = QRectF(left, top, std::max(1.0, size.width() - plotRightInset(plan, m) - left),
                       std::max(1.0, bottom - top));
  layout.ticks = ticksFor(plan, m, layout.plot.width());
  placeBars(data, plan, m, layout);
  placeAxis(plan, m, layout);
  placeLegend(data, plan, m, layout);
  return layout;
}

StageChartColours StageChartColours::print() {
  return {QColor(Qt::white), QColor(0x20, 0x20, 0x20), QColor(0x40, 0x40, 0x40),
          QColor(0xdc, 0xdc, 0xdc)};
}

StageChartColours StageChartColours::fromPalette(const QPalette& palette) {
  const QColor text = palette.color(QPalette::WindowText);
  QColor grid = palette.color(QPalette::Mid);
  grid.setAlphaF(0.5);
  return {palette.color(QPalette::Base), text, text, grid};
}

void paintStageChart(QPainter& painter, const StageChartLayout& layout,
                     const StageChartColours& colours) {
  painter.save();
  painter.fillRect(QRectF(QPointF(0, 0), layout.size), colours.background);
  // Bars and lines on whole pixels stay crisp and keep their exact colours; text is smoothed.
  painter.setRenderHint(QPainter::Antialiasing, false);
  painter.setRenderHint(QPainter::TextAntialiasing, true);
  const QRectF& plot = layout.plot;
  if (!layout.tickX.empty()) {
    painter.setPen(QPen(colours.grid, 0));
    for (double x : layout.tickX) {
      if (x > plot.left()) painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }
  }
  for (const ChartBar& bar : layout.bars) painter.fillRect(bar.rect, bar.colour);
  if (!layout.tickX.empty()) {
    painter.setPen(QPen(colours.axis, 0));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.drawLine(plot.topLeft(), plot.bottomLeft());
    for (double x : layout.tickX)
      painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + layout.tickLength));
  }
  for (const LegendEntry& entry : layout.legend) {
    painter.fillRect(entry.swatch, entry.colour);
    painter.setPen(QPen(entry.colour.darker(140), 0));
    painter.drawRect(entry.swatch.adjusted(0, 0, -1, -1));
  }
  for (const ChartText& text : layout.texts) {
    const QFont& font = text.role == ChartText::Role::Title ? layout.titleFont : layout.font;
    painter.setFont(font);
    painter.setPen(text.colour.isValid() ? text.colour : colours.text);
    // From the baseline, so nothing clips the text to its rectangle.
    painter.drawText(QPointF(text.rect.left(), text.rect.top() + QFontMetricsF(font).ascent()),
                     text.text);
  }
  painter.restore();
}

}  // namespace stts::ui
