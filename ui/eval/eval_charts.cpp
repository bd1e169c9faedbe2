#include "eval/eval_charts.h"

#include <QBuffer>
#include <QChart>
#include <QContextMenuEvent>
#include <QCursor>
#include <QEvent>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QImage>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QSvgGenerator>
#include <QToolTip>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "common/export_file.h"
#include "common/time_format.h"
#include "eval/eval_folder.h"
#include "eval/eval_models.h"

namespace stts::ui {

namespace {

// `stts eval`'s SVG palette (Tableau 10), so a series has the same colour in both pictures.
const QColor kSeriesColours[] = {QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b),
                                 QColor(0xe1, 0x57, 0x59), QColor(0x76, 0xb7, 0xb2),
                                 QColor(0x59, 0xa1, 0x4f), QColor(0xed, 0xc9, 0x48),
                                 QColor(0xb0, 0x7a, 0xa1), QColor(0xff, 0x9d, 0xa7),
                                 QColor(0x9c, 0x75, 0x5f), QColor(0xba, 0xb0, 0xac)};
constexpr qreal kLineWidth = 2.5;
constexpr qreal kMarkerSize = 7.0;
// How near (in pixels) the pointer must come to a point to show its numbers.
constexpr double kHoverRadius = 12.0;

struct ChartColours {
  QColor background;
  QColor text;
  QColor grid;
  QColor frame;
};

// Paper: white, dark text, light grid (as the command line's SVG).
ChartColours pictureColours() {
  return {Qt::white, QColor(0x22, 0x22, 0x22), QColor(0xe6, 0xe6, 0xe6), QColor(0x44, 0x44, 0x44)};
}

// The window's own colours, so the charts sit in a dark window as in a light one.
ChartColours screenColours(const QPalette& palette) {
  const QColor base = palette.color(QPalette::Base);
  const QColor foreground = palette.color(QPalette::Text);
  auto mix = [](QColor a, QColor b, double t) {
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
  };
  return {base, foreground, mix(base, foreground, 0.15), mix(base, foreground, 0.55)};
}

QString axisTitle(EvalChartKind kind) {
  return kind == EvalChartKind::Accuracy ? EvalChartView::tr("Accuracy (%)")
                                         : EvalChartView::tr("Prefill (ms, median)");
}

void styleAxis(QValueAxis* axis, const ChartColours& colours, const QFont& font) {
  axis->setLabelsFont(font);
  QFont title = font;
  title.setBold(true);
  axis->setTitleFont(title);
  axis->setLabelsBrush(colours.text);
  axis->setTitleBrush(colours.text);
  axis->setGridLineColor(colours.grid);
  axis->setLinePenColor(colours.frame);
  axis->setMinorGridLineVisible(false);
}

double largestValue(const EvalChartData& data, bool withIntervals) {
  double top = 0.0;
  for (const EvalChartSeries& series : data.series) {
    for (const EvalChartPoint& point : series.points)
      top = std::max(top, withIntervals ? point.high : point.value);
  }
  return top;
}

double largestTokens(const EvalChartData& data) {
  double right = 0.0;
  for (const EvalChartSeries& series : data.series) {
    for (const EvalChartPoint& point : series.points) right = std::max(right, point.tokens);
  }
  return right;
}

// The chart of `data`; its series are in data.series order, each followed by its whiskers.
QChart* buildChart(const EvalChartData& data, const QFont& font, const ChartColours& colours,
                   QList<QLineSeries*>* lines) {
  auto* chart = new QChart;
  chart->setAnimationOptions(QChart::NoAnimation);
  chart->setBackgroundRoundness(0);
  chart->setBackgroundBrush(colours.background);
  chart->setBackgroundPen(Qt::NoPen);
  QFont titleFont = font;
  titleFont.setBold(true);
  if (font.pixelSize() > 0) {
    titleFont.setPixelSize(int(std::lround(font.pixelSize() * 1.15)));
  } else if (font.pointSizeF() > 0) {
    titleFont.setPointSizeF(font.pointSizeF() * 1.15);
  }
  chart->setTitleFont(titleFont);
  chart->setTitleBrush(colours.text);
  chart->setTitle(data.title);
  // At the right, one series a row: under the plot Qt Charts would cut "downsample · 16 frames"
  // to "downsa…" as soon as a few series share the row.
  chart->legend()->setAlignment(Qt::AlignRight);
  chart->legend()->setFont(font);
  chart->legend()->setLabelColor(colours.text);

  auto* tokens = new QValueAxis(chart);
  tokens->setTitleText(EvalChartView::tr("Vision tokens (mean)"));
  tokens->setRange(0.0, std::max(1.0, largestTokens(data) * 1.05));
  tokens->applyNiceNumbers();
  tokens->setLabelFormat(QStringLiteral("%.0f"));
  auto* values = new QValueAxis(chart);
  values->setTitleText(axisTitle(data.kind));
  if (data.kind == EvalChartKind::Accuracy) {
    values->setRange(0.0, 100.0);
    values->setTickCount(6);
    values->setLabelFormat(QStringLiteral("%.0f"));
  } else {
    const double top = largestValue(data, false);
    values->setRange(0.0, top > 0.0 ? top * 1.1 : 1.0);
    values->applyNiceNumbers();
    values->setLabelFormat(top >= 10.0 ? QStringLiteral("%.0f") : QStringLiteral("%.1f"));
  }
  styleAxis(tokens, colours, font);
  styleAxis(values, colours, font);
  chart->addAxis(tokens, Qt::AlignBottom);
  chart->addAxis(values, Qt::AlignLeft);

  for (const EvalChartSeries& series : data.series) {
    auto* line = new QLineSeries(chart);
    line->setName(series.name);
    for (const EvalChartPoint& point : series.points) line->append(point.tokens, point.value);
    chart->addSeries(line);
    line->attachAxis(tokens);
    line->attachAxis(values);
    // After addSeries: the chart's theme would otherwise paint over the series' colour.
    QPen pen(series.colour, kLineWidth);
    pen.setCapStyle(Qt::RoundCap);
    line->setPen(pen);
    line->setBrush(series.colour);
    line->setPointsVisible(true);
    line->setMarkerSize(kMarkerSize);
    if (lines) lines->append(line);
    if (data.kind != EvalChartKind::Accuracy) continue;
    for (const EvalChartPoint& point : series.points) {
      if (!(point.high > point.low)) continue;
      auto* whisker = new QLineSeries(chart);
      whisker->setObjectName(QStringLiteral("interval"));
      whisker->append(point.tokens, point.low);
      whisker->append(point.tokens, point.high);
      chart->addSeries(whisker);
      whisker->attachAxis(tokens);
      whisker->attachAxis(values);
      whisker->setPen(QPen(series.colour, 1.25));
      for (QLegendMarker* marker : chart->legend()->markers(whisker)) marker->setVisible(false);
    }
  }
  return chart;
}

}  // namespace

EvalChartData evalChartData(EvalChartKind kind, const std::vector<stts::eval::GroupMetrics>& groups,
                            const QString& benchName) {
  EvalChartData data;
  data.kind = kind;
  data.title = kind == EvalChartKind::Accuracy
                   ? EvalChartView::tr("Accuracy · %1").arg(benchName)
                   : EvalChartView::tr("Prefill time · %1").arg(benchName);
  // One series per (method, frames) in the groups' order, as `stts eval`'s SVG has them.
  std::map<std::pair<std::string, int>, size_t> index;
  for (const stts::eval::GroupMetrics& group : groups) {
    const auto key = std::make_pair(group.method, group.frames);
    auto found = index.find(key);
    if (found == index.end()) {
      EvalChartSeries series;
      series.name = EvalChartView::tr("%1 · %n frames", nullptr, group.frames)
                        .arg(QString::fromStdString(group.method));
      series.colour = kSeriesColours[index.size() % std::size(kSeriesColours)];
      found = index.emplace(key, data.series.size()).first;
      data.series.push_back(std::move(series));
    }
    if (group.accuracy.n <= 0) continue;  // nothing ran: no number to plot
    EvalChartPoint point;
    point.tokens = group.meanVisionTokens;
    point.keep = group.keep;
    point.n = group.accuracy.n;
    point.hits = group.accuracy.hits;
    if (kind == EvalChartKind::Accuracy) {
      point.value = 100.0 * group.accuracy.value;
      point.low = 100.0 * group.accuracy.low;
      point.high = 100.0 * group.accuracy.high;
    } else {
      point.value = medianPrefillMs(group);
      if (!(point.value > 0.0)) continue;
      point.low = point.high = point.value;
    }
    data.series[found->second].points.push_back(point);
  }
  for (EvalChartSeries& series : data.series) {
    std::stable_sort(
        series.points.begin(), series.points.end(),
        [](const EvalChartPoint& a, const EvalChartPoint& b) { return a.tokens < b.tokens; });
  }
  return data;
}

QString evalPointText(const EvalChartData& data, const EvalChartSeries& series,
                      const EvalChartPoint& point) {
  if (data.kind == EvalChartKind::Accuracy) {
    return EvalChartView::tr(
               "%1, keep %2: %3 % correct (95 % interval %4–%5 %), %6 of %7 answers; %8 vision "
               "tokens")
        .arg(series.name, formatKeep(point.keep), formatNumber(point.value, 1),
             formatNumber(point.low, 1), formatNumber(point.high, 1))
        .arg(point.hits)
        .arg(point.n)
        .arg(formatNumber(point.tokens, 1));
  }
  return EvalChartView::tr("%1, keep %2: prefill %3 ms (median of %4 answers); %5 vision tokens")
      .arg(series.name, formatKeep(point.keep), formatNumber(point.value, 1))
      .arg(point.n)
      .arg(formatNumber(point.tokens, 1));
}

QString writeEvalChart(const QString& path, const EvalChartData& data, const QFont& font,
                       const StageChartPicture& picture) {
  const QSize size(picture.size.width() > 0 ? picture.size.width() : kEvalChartDefaultWidth,
                   picture.size.height() > 0 ? picture.size.height() : kEvalChartDefaultHeight);
  const bool svg = isSvgPath(path);
  const double scale = svg ? 1.0 : picture.pixelScale();
  const QSize pixels(int(std::lround(size.width() * scale)),
                     int(std::lround(size.height() * scale)));
  if (!(scale > 0.0) || pixels.isEmpty() || pixels.width() > kChartMaxPixels ||
      pixels.height() > kChartMaxPixels) {
    return EvalChartView::tr(
               "The picture would be %1 × %2 pixels; at most %3 pixels on a side can be written.")
        .arg(pixels.width())
        .arg(pixels.height())
        .arg(kChartMaxPixels);
  }

  // A chart of its own at the picture's size: the one on screen keeps its size and colours.
  QGraphicsScene scene;
  QChart* chart = buildChart(data, stageChartPictureFont(font), pictureColours(), nullptr);
  scene.addItem(chart);  // the scene owns it
  chart->setGeometry(QRectF(QPointF(0, 0), QSizeF(size)));
  // The chart lays out its axes and legend on a posted layout request; the picture needs them now.
  chart->layout()->activate();
  const QRectF area(QPointF(0, 0), QSizeF(size));

  if (svg) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setResolution(int(kChartLogicalDpi));
    generator.setTitle(data.title);
    generator.setDescription(EvalChartView::tr("Made with STTS Lens"));
    {
      QPainter painter(&generator);
      painter.setRenderHint(QPainter::Antialiasing);
      scene.render(&painter, area, area);
    }
    auto written = writeExportFile(path, bytes);
    return written ? QString() : QString::fromStdString(written.error().message);
  }
  QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  // The painter works in logical pixels; the device pixel ratio maps them onto the picture's.
  image.setDevicePixelRatio(double(pixels.width()) / size.width());
  {
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    scene.render(&painter, area, area);
  }
  image.setDevicePixelRatio(1.0);
  // So a picture at 2x or 300 dpi prints as large as one at 1x.
  const int dotsPerMeter = int(std::lround(kChartLogicalDpi * scale / 0.0254));
  image.setDotsPerMeterX(dotsPerMeter);
  image.setDotsPerMeterY(dotsPerMeter);
  auto written = writeExportImage(image.convertToFormat(QImage::Format_RGB32), path);
  return written ? QString() : QString::fromStdString(written.error().message);
}

EvalChartView::EvalChartView(QWidget* parent) : QChartView(parent) {
  setRenderHint(QPainter::Antialiasing);
  setMinimumSize(320, 240);
  setMouseTracking(true);
  rebuild();
}

void EvalChartView::setData(EvalChartData data) {
  data_ = std::move(data);
  rebuild();
}

QString EvalChartView::pointText(int series, int point) const {
  if (series < 0 || size_t(series) >= data_.series.size()) return {};
  const EvalChartSeries& line = data_.series[size_t(series)];
  if (point < 0 || size_t(point) >= line.points.size()) return {};
  return evalPointText(data_, line, line.points[size_t(point)]);
}

void EvalChartView::rebuild() {
  dataSeries_.clear();
  hoveredSeries_ = hoveredPoint_ = -1;
  QChart* old = chart();
  setChart(buildChart(data_, font(), screenColours(palette()), &dataSeries_));
  // setChart leaves the previous chart to its caller.
  if (old) old->deleteLater();
}

// The nearest point within a few pixels of the pointer, whatever its series: a series of one
// point has no line to hover, and points of two series may sit close together.
void EvalChartView::mouseMoveEvent(QMouseEvent* event) {
  QChartView::mouseMoveEvent(event);
  const QPointF pointer = mapToScene(event->position().toPoint());
  double best = kHoverRadius;
  int bestSeries = -1;
  int bestPoint = -1;
  for (int s = 0; s < dataSeries_.size() && size_t(s) < data_.series.size(); ++s) {
    const auto& points = data_.series[size_t(s)].points;
    for (size_t p = 0; p < points.size(); ++p) {
      const QPointF at = chart()->mapToScene(
          chart()->mapToPosition(QPointF(points[p].tokens, points[p].value), dataSeries_[s]));
      const double distance = QLineF(pointer, at).length();
      if (distance <= best) {
        best = distance;
        bestSeries = s;
        bestPoint = int(p);
      }
    }
  }
  setHovered(bestSeries, bestPoint);
}

void EvalChartView::leaveEvent(QEvent* event) {
  QChartView::leaveEvent(event);
  setHovered(-1, -1);
}

void EvalChartView::setHovered(int series, int point) {
  if (series == hoveredSeries_ && point == hoveredPoint_) return;
  hoveredSeries_ = series;
  hoveredPoint_ = point;
  const QString shown = pointText(series, point);
  if (shown.isEmpty()) {
    QToolTip::hideText();
  } else {
    QToolTip::showText(QCursor::pos(), shown, this);
  }
  emit pointHovered(shown);
}

void EvalChartView::changeEvent(QEvent* event) {
  QChartView::changeEvent(event);
  // New colours or font: the chart is cheap to draw again. (On a language change the window
  // gives new data, whose names and title are translated.)
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) rebuild();
}

void EvalChartView::contextMenuEvent(QContextMenuEvent* event) {
  QMenu menu(this);
  menu.addAction(tr("Export Chart as PNG or SVG…"), this, &EvalChartView::exportRequested);
  menu.exec(event->globalPos());
}

}  // namespace stts::ui
