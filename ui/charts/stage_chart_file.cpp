#include "charts/stage_chart_file.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QFontInfo>
#include <QPainter>
#include <QSvgGenerator>
#include <cmath>

#include "common/export_file.h"

namespace stts::ui {

namespace {

struct StageChartText {
  Q_DECLARE_TR_FUNCTIONS(StageChart)
};

stts::Error tooSmall(const QString& sentence) {
  return stts::makeError(stts::ErrorCode::InvalidArgument, sentence.toStdString());
}

}  // namespace

bool isSvgPath(const QString& path) {
  return QFileInfo(path).suffix().compare(QLatin1String("svg"), Qt::CaseInsensitive) == 0;
}

QFont stageChartPictureFont(const QFont& base) {
  QFont font = base;
  if (font.pixelSize() <= 0) {
    const double points = font.pointSizeF() > 0 ? font.pointSizeF() : 9.0;
    font.setPixelSize(std::max(6, int(std::lround(points * kChartLogicalDpi / 72.0))));
  }
  font.setHintingPreference(QFont::PreferNoHinting);
  // The family actually drawn ("DejaVu Sans", not the alias "Sans Serif"), so an SVG names a
  // font that other machines can match.
  font.setFamily(QFontInfo(font).family());
  return font;
}

stts::Expected<QSize> stageChartPictureSize(StageChartKind kind, const StageChartData& data,
                                            const StageChartOptions& options, QSize requested) {
  const QSizeF minimum = stageChartMinimumSize(kind, data, options);
  const int minimumWidth = int(std::ceil(minimum.width()));
  int width =
      requested.width() > 0 ? requested.width() : std::max(kChartDefaultWidth, minimumWidth);
  if (width < minimumWidth) {
    return tooSmall(StageChartText::tr("The chart needs at least %1 pixels of width to show all "
                                       "its text; %2 were asked for.")
                        .arg(minimumWidth)
                        .arg(width));
  }
  const int needed =
      int(std::ceil(layoutStageChart(kind, data, QSizeF(width, 1.0), options).requiredHeight));
  if (requested.height() > 0 && requested.height() < needed) {
    return tooSmall(StageChartText::tr("At %1 pixels wide the chart needs at least %2 pixels of "
                                       "height to show all its text; %3 were asked for.")
                        .arg(width)
                        .arg(needed)
                        .arg(requested.height()));
  }
  const int height =
      requested.height() > 0
          ? requested.height()
          : int(std::ceil(stageChartPreferredSize(kind, data, options, width).height()));
  return QSize(width, height);
}

stts::Expected<QImage> renderStageChartImage(StageChartKind kind, const StageChartData& data,
                                             const StageChartOptions& options,
                                             const StageChartPicture& picture) {
  auto size = stageChartPictureSize(kind, data, options, picture.size);
  if (!size) return size.error();
  const double scale = picture.pixelScale();
  const QSize pixels(int(std::lround(size->width() * scale)),
                     int(std::lround(size->height() * scale)));
  if (!(scale > 0.0) || pixels.isEmpty() || pixels.width() > kChartMaxPixels ||
      pixels.height() > kChartMaxPixels) {
    return stts::makeError(stts::ErrorCode::TooLarge,
                           StageChartText::tr("The picture would be %1 × %2 pixels; at most %3 "
                                              "pixels on a side can be written.")
                               .arg(pixels.width())
                               .arg(pixels.height())
                               .arg(kChartMaxPixels)
                               .toStdString());
  }
  QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
  // The painter works in logical pixels; the device pixel ratio maps them onto the picture's.
  image.setDevicePixelRatio(double(pixels.width()) / size->width());
  {
    QPainter painter(&image);
    paintStageChart(painter, layoutStageChart(kind, data, QSizeF(*size), options),
                    StageChartColours::print());
  }
  image.setDevicePixelRatio(1.0);
  // So a picture at 2x or 300 dpi prints as large as one at 1x.
  const int dotsPerMeter = int(std::lround(kChartLogicalDpi * scale / 0.0254));
  image.setDotsPerMeterX(dotsPerMeter);
  image.setDotsPerMeterY(dotsPerMeter);
  return image.convertToFormat(QImage::Format_RGB32);
}

stts::Expected<QByteArray> renderStageChartSvg(StageChartKind kind, const StageChartData& data,
                                               const StageChartOptions& options, QSize size) {
  auto checked = stageChartPictureSize(kind, data, options, size);
  if (!checked) return checked.error();
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  QSvgGenerator generator;
  generator.setOutputDevice(&buffer);
  generator.setSize(*checked);
  generator.setViewBox(QRect(QPoint(0, 0), *checked));
  generator.setResolution(int(kChartLogicalDpi));
  generator.setTitle(options.title);
  generator.setDescription(StageChartText::tr("Made with STTS Lens"));
  {
    QPainter painter(&generator);
    paintStageChart(painter, layoutStageChart(kind, data, QSizeF(*checked), options),
                    StageChartColours::print());
  }
  return bytes;
}

stts::Expected<WrittenChart> writeStageChart(const QString& path, StageChartKind kind,
                                             const StageChartData& data,
                                             const StageChartOptions& options,
                                             const StageChartPicture& picture) {
  auto size = stageChartPictureSize(kind, data, options, picture.size);
  if (!size) return size.error();
  WrittenChart written{path, isSvgPath(path), *size, *size};
  if (written.svg) {
    auto svg = renderStageChartSvg(kind, data, options, *size);
    if (!svg) return svg.error();
    if (auto ok = writeExportFile(path, *svg); !ok) return ok.error();
    return written;
  }
  StageChartPicture sized = picture;
  sized.size = *size;
  auto image = renderStageChartImage(kind, data, options, sized);
  if (!image) return image.error();
  if (auto ok = writeExportImage(*image, path); !ok) return ok.error();
  written.pixelSize = image->size();
  return written;
}

}  // namespace stts::ui
