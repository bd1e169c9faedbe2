// The stage charts as pictures for papers: PNG at a chosen scale (2x, 3x) or resolution (300 dpi),
// or SVG at the logical size, written atomically through common/export_file.h. QtGui and QtSvg
// only, shared by the Timing dock's export and the headless `stts export --timing-chart`.
#pragma once

#include <QByteArray>
#include <QFont>
#include <QImage>
#include <QSize>
#include <QString>

#include "charts/stage_chart.h"
#include "stts/error.h"

namespace stts::ui {

// Logical pixels per inch: a picture at scale 1 is laid out as a 96 dpi screen shows it.
inline constexpr double kChartLogicalDpi = 96.0;
// The width of a picture whose width was not given.
inline constexpr int kChartDefaultWidth = 640;
// No side of a chart picture may have more pixels than this.
inline constexpr int kChartMaxPixels = 20000;

struct StageChartPicture {
  QSize size;          // logical pixels (the SVG's size); a side <= 0 is chosen to fit the text
  double scale = 1.0;  // PNG pixels per logical pixel (2 for "2x")
  int dpi = 0;         // > 0: PNG pixels for this many dots per inch (scale dpi / 96)

  double pixelScale() const { return dpi > 0 ? dpi / kChartLogicalDpi : scale; }
};

// `base` at a fixed pixel size and without hinting, so a picture lays out the same at every
// scale and on every machine, whatever the screen's resolution.
QFont stageChartPictureFont(const QFont& base);

// The picture's logical size: the sides given, the others chosen (the default width, then the
// preferred height at that width). An error says what the chart's text needs when a given side is
// too small.
stts::Expected<QSize> stageChartPictureSize(StageChartKind kind, const StageChartData& data,
                                            const StageChartOptions& options, QSize requested);

// The chart at `picture`'s size, `pixelScale()` pixels per logical pixel, recording its dots per
// inch (96 x scale) so the picture keeps its physical size at every scale.
stts::Expected<QImage> renderStageChartImage(StageChartKind kind, const StageChartData& data,
                                             const StageChartOptions& options,
                                             const StageChartPicture& picture);
// The chart as an SVG document `size` logical pixels large, its text kept as text.
stts::Expected<QByteArray> renderStageChartSvg(StageChartKind kind, const StageChartData& data,
                                               const StageChartOptions& options, QSize size);

struct WrittenChart {
  QString path;
  bool svg = false;
  QSize size;       // logical pixels
  QSize pixelSize;  // the PNG's pixels (the logical size for SVG)
};

// By suffix: ".svg" writes SVG, anything else a picture (PNG unless the suffix names another
// image format). Nothing is left behind when it fails.
stts::Expected<WrittenChart> writeStageChart(const QString& path, StageChartKind kind,
                                             const StageChartData& data,
                                             const StageChartOptions& options,
                                             const StageChartPicture& picture);

bool isSvgPath(const QString& path);

}  // namespace stts::ui
