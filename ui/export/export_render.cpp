#include "export/export_render.h"
#include "export/export_text.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QPainter>
#include <QTextOption>
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "common/sample_numbers.h"
#include "common/time_format.h"
#include "view/colour_maps.h"

namespace stts::ui {

namespace {

stts::Error exportError(stts::ErrorCode code, const QString& message) {
  return stts::makeError(code, message.toStdString());
}

// Text needs the font database, which only a QGuiApplication provides.
bool canDrawText() {
  return qobject_cast<QGuiApplication*>(QCoreApplication::instance()) != nullptr;
}

const QColor kSheetBackground(24, 24, 24);
const QColor kTextColour(235, 235, 235);
const QColor kCaptionBackground(16, 16, 16);
constexpr int kSheetLabelPixels = 12;
constexpr int kSheetHeaderPixels = 15;

QFont fontOfPixelSize(int pixels) {
  QFont font;
  font.setPixelSize(std::max(1, pixels));
  return font;
}

bool hasFrame(const ExportScene& scene, int index) {
  return scene.video && scene.video->store && index >= 0 && index < scene.frameCount();
}

// Stored model inputs are square; the model squashed them from the video's display aspect, so
// they are stretched back to it (keeping the stored height or width, whichever is larger).
QSize pictureSize(const ExportScene& scene, QSize own) {
  const double aspect = scene.video ? scene.video->displayAspect : 0.0;
  if (aspect <= 0.0 || own.isEmpty()) return own;
  if (aspect >= double(own.width()) / own.height()) {
    return {int(std::lround(own.height() * aspect)), own.height()};
  }
  return {own.width(), int(std::lround(own.width() / aspect))};
}

// The size frames are exported at: the store's frames at full resolution.
QSize pictureSize(const ExportScene& scene) {
  return pictureSize(scene, scene.video->store->sourceSize());
}

// `image` shrunk by whole-number box averaging to no less than twice `target`, or null when it is
// not that much larger. Smoothly scaling a 1080p frame straight to a 240-pixel thumbnail costs
// ~50 ms; averaging first and letting compositeFrame smooth the last step costs a few.
std::shared_ptr<stts::RgbImage> boxShrunk(const stts::RgbImage& image, QSize target) {
  const int factor = std::min(image.width / std::max(1, 2 * target.width()),
                              image.height / std::max(1, 2 * target.height()));
  if (factor < 2) return nullptr;
  auto small = std::make_shared<stts::RgbImage>();
  small->width = image.width / factor;
  small->height = image.height / factor;
  small->pixels.resize(size_t(small->width) * size_t(small->height) * 3);
  const int area = factor * factor;
  std::vector<int> sums(size_t(small->width) * 3);
  for (int y = 0; y < small->height; ++y) {
    std::fill(sums.begin(), sums.end(), 0);
    for (int dy = 0; dy < factor; ++dy) {
      const uint8_t* row = image.pixel(0, y * factor + dy);
      for (int x = 0; x < small->width; ++x) {
        const uint8_t* block = row + size_t(x) * factor * 3;
        for (int dx = 0; dx < factor; ++dx) {
          sums[size_t(x) * 3 + 0] += block[dx * 3 + 0];
          sums[size_t(x) * 3 + 1] += block[dx * 3 + 1];
          sums[size_t(x) * 3 + 2] += block[dx * 3 + 2];
        }
      }
    }
    uint8_t* out = small->pixels.data() + size_t(y) * size_t(small->width) * 3;
    for (size_t i = 0; i < sums.size(); ++i) out[i] = uint8_t((sums[i] + area / 2) / area);
  }
  return small;
}

std::optional<OverlayCells> exportCells(const ExportScene& scene, int index,
                                        const FrameExportOptions& options) {
  if (!options.overlay || !scene.run || index < 0 || size_t(index) >= scene.cells.size()) {
    return std::nullopt;
  }
  return scene.cells[size_t(index)];
}

QString keepTag(const stts::RunResult& run) {
  return QStringLiteral("%1, keep %2 %")
      .arg(QString::fromStdString(run.request.method))
      .arg(std::lround(run.request.keepRatio * 100.0));
}

// The caption band: its font grows with the picture so it stays readable when scaled down.
struct CaptionLayout {
  QFont font;
  int padding = 0;
  int height = 0;
};

CaptionLayout captionLayout(int width, const QString& text) {
  CaptionLayout layout;
  const int pixels = std::clamp(width / 64, 11, 40);
  layout.font = fontOfPixelSize(pixels);
  layout.padding = std::max(4, pixels * 2 / 3);
  layout.height = wrappedTextHeight(layout.font, std::max(1, width - 2 * layout.padding), text) +
                  2 * layout.padding;
  return layout;
}

}  // namespace

namespace {

QTextOption wrapAnywhereOption() {
  QTextOption option(Qt::AlignLeft | Qt::AlignTop);
  option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
  return option;
}

}  // namespace

int wrappedTextHeight(const QFont& font, int width, const QString& text) {
  if (text.isEmpty()) return 0;
  QImage scratch(1, 1, QImage::Format_RGB32);
  QPainter painter(&scratch);
  painter.setFont(font);
  const QRectF bounds =
      painter.boundingRect(QRectF(0, 0, std::max(1, width), 1 << 24), text, wrapAnywhereOption());
  return int(std::ceil(bounds.height()));
}

void drawWrappedText(QPainter& painter, const QRect& box, const QString& text) {
  painter.drawText(QRectF(box), text, wrapAnywhereOption());
}

void drawOverlayLegend(QImage& picture, const OverlayStyle& style, const OverlayCells& cells,
                       const std::pair<QString, QString>& diffNames) {
  const int pixels = std::clamp(picture.height() / 36, 10, 32);
  const int margin = pixels;
  const int padding = std::max(3, pixels / 2);
  const QFont font = fontOfPixelSize(pixels);
  const QFontMetrics metrics(font);
  QPainter painter(&picture);
  painter.setRenderHint(QPainter::TextAntialiasing);
  painter.setFont(font);

  if (style.mode == OverlayMode::Score) {
    const int barWidth = std::clamp(picture.width() / 4, 80, 600);
    const int barHeight = pixels;
    const QSize box(barWidth + 2 * padding, barHeight + metrics.height() + 3 * padding);
    const QRect frame(picture.width() - margin - box.width(),
                      picture.height() - margin - box.height(), box.width(), box.height());
    painter.fillRect(frame, QColor(0, 0, 0, 170));
    const QRect bar(frame.left() + padding, frame.top() + padding, barWidth, barHeight);
    const ColourTable& table = colourTable(style.colourMap);
    for (int x = 0; x < bar.width(); ++x) {
      const int level = bar.width() > 1 ? x * (kColourMapSize - 1) / (bar.width() - 1) : 0;
      painter.fillRect(QRect(bar.left() + x, bar.top(), 1, bar.height()), QColor(table[level]));
    }
    if (!canDrawText()) return;
    painter.setPen(kTextColour);
    const QRect labels(bar.left(), bar.bottom() + padding, bar.width(), metrics.height());
    const QString low = scoreRangeLabel(cells.scoreLow, cells.scoreLow, cells.scoreHigh);
    const QString high = scoreRangeLabel(cells.scoreHigh, cells.scoreLow, cells.scoreHigh);
    painter.drawText(labels, Qt::AlignLeft | Qt::AlignVCenter, low);
    painter.drawText(labels, Qt::AlignHCenter | Qt::AlignVCenter, ExportText::tr("score"));
    painter.drawText(labels, Qt::AlignRight | Qt::AlignVCenter, high);
    return;
  }
  if ((style.mode != OverlayMode::Mask && style.mode != OverlayMode::Diff) || !canDrawText()) {
    return;
  }
  // Swatches of a light grey drawn as the overlay draws a cell of each kind (hatching included),
  // so a reader sees what "dimmed", "hatched" or each diff colour means.
  struct Key {
    bool kept;
    uint8_t diff;
    QString text;
  };
  std::vector<Key> keys;
  if (style.mode == OverlayMode::Mask) {
    keys = {{true, 0, ExportText::tr("kept")}, {false, 0, ExportText::tr("dropped")}};
  } else {
    const QString a = diffNames.first.isEmpty() ? QStringLiteral("A") : diffNames.first;
    const QString b = diffNames.second.isEmpty() ? QStringLiteral("B") : diffNames.second;
    keys = {{true, kDiffBoth, ExportText::tr("kept by both")},
            {true, kDiffOnlyA, ExportText::tr("only %1").arg(a)},
            {true, kDiffOnlyB, ExportText::tr("only %1").arg(b)},
            {false, 0, ExportText::tr("by neither")}};
  }
  const int swatch = metrics.height();
  int width = 0;
  for (const Key& key : keys) width += swatch + 3 * padding + metrics.horizontalAdvance(key.text);
  const QRect frame(picture.width() - margin - width - padding,
                    picture.height() - margin - swatch - 2 * padding, width + padding,
                    swatch + 2 * padding);
  painter.fillRect(frame, QColor(0, 0, 0, 170));
  int x = frame.left() + padding;
  const int y = frame.top() + padding;
  const QRgb sample = qRgb(200, 200, 200);
  painter.setPen(kTextColour);
  for (const Key& key : keys) {
    QImage patch(swatch, swatch, QImage::Format_RGB32);
    for (int py = 0; py < swatch; ++py) {
      for (int px = 0; px < swatch; ++px) {
        patch.setPixel(px, py,
                       compositePixel(sample, 0, key.kept, key.diff, onHatchLine(px, py), style));
      }
    }
    painter.drawImage(x, y, patch);
    x += swatch + padding;
    const int advance = metrics.horizontalAdvance(key.text);
    painter.drawText(QRect(x, y, advance, swatch), Qt::AlignLeft | Qt::AlignVCenter, key.text);
    x += advance + 2 * padding;
  }
}

FrameExportGeometry frameExportGeometry(const ExportScene& scene, int index,
                                        const FrameExportOptions& options) {
  FrameExportGeometry geometry;
  if (!hasFrame(scene, index)) return geometry;
  const QSize stored = scene.video->store->sourceSize();
  geometry.pictureSize = pictureSize(scene);
  geometry.imageSize = geometry.pictureSize;
  if (options.caption && canDrawText()) {
    geometry.imageSize.rheight() +=
        captionLayout(geometry.pictureSize.width(), frameCaption(scene, index)).height;
  }
  const stts::VideoInfo& info = scene.video->info;
  if (info.displayWidth > geometry.pictureSize.width() ||
      info.displayHeight > geometry.pictureSize.height()) {
    geometry.downscaleNote =
        scene.usesStoredFrames
            ? ExportText::tr(
                  "Only the run's stored %1 × %2 model inputs are available, so the frame is "
                  "written at %3 × %4 instead of the video's %5 × %6.")
                  .arg(stored.width())
                  .arg(stored.height())
                  .arg(geometry.pictureSize.width())
                  .arg(geometry.pictureSize.height())
                  .arg(info.displayWidth)
                  .arg(info.displayHeight)
            : ExportText::tr("The frame is written at %1 × %2, smaller than the video's %3 × %4.")
                  .arg(geometry.pictureSize.width())
                  .arg(geometry.pictureSize.height())
                  .arg(info.displayWidth)
                  .arg(info.displayHeight);
  }
  return geometry;
}

QString frameCaption(const ExportScene& scene, int index) {
  if (!hasFrame(scene, index)) return {};
  QStringList facts{
      QFileInfo(scene.videoPath()).fileName(),
      formatTimestamp(scene.video->points[size_t(index)].requestedTime),
      ExportText::tr("sample %1 of %2").arg(sampleNumber(index)).arg(scene.frameCount())};
  QString text;
  if (scene.run) {
    const stts::RunResult& run = *scene.run;
    facts << keepTag(run);
    if (size_t(index) < run.keptPerFrame.size()) {
      facts << ExportText::tr("%1 of %2 cells kept")
                   .arg(run.keptPerFrame[size_t(index)])
                   .arg(kCellsPerFrame);
    }
    text = facts.join(QStringLiteral(" · "));
    if (!run.request.question.empty()) {
      text += QLatin1Char('\n') +
              ExportText::tr("Q: %1").arg(QString::fromStdString(run.request.question));
    }
    if (!run.answer.empty()) {
      text += QLatin1Char('\n') +
              ExportText::tr("A: %1").arg(QString::fromStdString(run.answer).trimmed());
    }
  } else {
    text = facts.join(QStringLiteral(" · "));
  }
  return text;
}

stts::Expected<QImage> renderFrame(const ExportScene& scene, int index,
                                   const FrameExportOptions& options) {
  if (!hasFrame(scene, index)) {
    return exportError(
        stts::ErrorCode::InvalidArgument,
        scene.frameCount() > 0
            ? ExportText::tr("There is no sample %1: the samples are numbered 1 to %2.")
                  .arg(sampleNumber(index))
                  .arg(scene.frameCount())
            : ExportText::tr("There is no frame to export."));
  }
  // Exports are at full resolution: decoded again here (a worker thread, or the CLI).
  const auto frame = scene.video->store->full(index);
  if (!frame) return frame.error();
  const FrameExportGeometry geometry = frameExportGeometry(scene, index, options);
  const std::optional<OverlayCells> cells = exportCells(scene, index, options);
  QImage picture =
      compositeFrame(**frame, cells ? &*cells : nullptr, scene.style, geometry.pictureSize);
  if (picture.isNull()) {
    return exportError(
        stts::ErrorCode::OutOfMemory,
        ExportText::tr("The frame of %1 × %2 pixels could not be drawn (out of memory?).")
            .arg(geometry.pictureSize.width())
            .arg(geometry.pictureSize.height()));
  }
  if (options.legend && cells && scene.style.mode != OverlayMode::Off)
    drawOverlayLegend(picture, scene.style, *cells, {scene.diffNameA, scene.diffNameB});
  if (!options.caption || !canDrawText()) return picture;

  const QString text = frameCaption(scene, index);
  const CaptionLayout layout = captionLayout(picture.width(), text);
  QImage image(picture.width(), picture.height() + layout.height, QImage::Format_RGB32);
  if (image.isNull()) {
    return exportError(stts::ErrorCode::OutOfMemory,
                       ExportText::tr("The captioned frame could not be drawn."));
  }
  image.fill(kCaptionBackground);
  QPainter painter(&image);
  painter.drawImage(0, 0, picture);
  painter.setRenderHint(QPainter::TextAntialiasing);
  painter.setFont(layout.font);
  painter.setPen(kTextColour);
  drawWrappedText(painter,
                  QRect(layout.padding, picture.height() + layout.padding,
                        picture.width() - 2 * layout.padding, layout.height - 2 * layout.padding),
                  text);
  return image;
}

QRect ContactSheetLayout::thumbnailRect(int index) const {
  if (columns <= 0) return {};
  const int column = index % columns;
  const int row = index / columns;
  return {spacing + column * (thumbnail.width() + spacing),
          spacing + headerHeight + row * (thumbnail.height() + labelHeight + spacing),
          thumbnail.width(), thumbnail.height()};
}

ContactSheetLayout contactSheetLayout(const ExportScene& scene, int thumbnailWidth) {
  ContactSheetLayout layout;
  const int frames = scene.frameCount();
  if (frames <= 0 || !hasFrame(scene, 0)) return layout;
  QSize source = pictureSize(scene);
  if (source.isEmpty()) source = QSize(16, 9);
  const int width = std::clamp(thumbnailWidth, 16, std::max(16, source.width()));
  layout.thumbnail =
      QSize(width, std::max(1, int(std::lround(double(width) * source.height() / source.width()))));
  layout.labelHeight = kSheetLabelPixels + 8;
  layout.spacing = 8;
  layout.headerHeight = kSheetHeaderPixels + 12;
  const double cellWidth = layout.thumbnail.width() + layout.spacing;
  const double cellHeight = layout.thumbnail.height() + layout.labelHeight + layout.spacing;
  // Columns for a sheet of about 16:10: columns * cellWidth ≈ 1.6 * rows * cellHeight.
  layout.columns =
      std::clamp(int(std::ceil(std::sqrt(frames * 1.6 * cellHeight / cellWidth))), 1, frames);
  layout.rows = (frames + layout.columns - 1) / layout.columns;
  layout.size = QSize(layout.spacing + layout.columns * int(cellWidth),
                      layout.spacing + layout.headerHeight + layout.rows * int(cellHeight));
  return layout;
}

stts::Expected<QImage> renderContactSheet(const ExportScene& scene,
                                          const FrameExportOptions& options,
                                          const ExportProgress& progress,
                                          const stts::CancelToken* cancel) {
  const ContactSheetLayout layout = contactSheetLayout(scene);
  const int frames = scene.frameCount();
  if (layout.columns <= 0) {
    return exportError(stts::ErrorCode::InvalidArgument,
                       ExportText::tr("There are no frames to export."));
  }
  QImage sheet(layout.size, QImage::Format_RGB32);
  if (sheet.isNull()) {
    return exportError(
        stts::ErrorCode::OutOfMemory,
        ExportText::tr("The contact sheet of %1 × %2 pixels could not be drawn (out of memory?).")
            .arg(layout.size.width())
            .arg(layout.size.height()));
  }
  sheet.fill(kSheetBackground);
  QPainter painter(&sheet);
  painter.setRenderHint(QPainter::TextAntialiasing);
  const bool text = canDrawText();
  if (text) {
    painter.setPen(kTextColour);
    painter.setFont(fontOfPixelSize(kSheetHeaderPixels));
    QStringList title{QFileInfo(scene.videoPath()).fileName(),
                      ExportText::tr("%n frames", "", frames)};
    if (scene.run) {
      title << keepTag(*scene.run)
            << ExportText::tr("vision tokens %1 → %2")
                   .arg(scene.run->visionTokensBefore)
                   .arg(scene.run->visionTokensAfter);
    }
    painter.drawText(QRect(layout.spacing, layout.spacing, layout.size.width() - 2 * layout.spacing,
                           layout.headerHeight),
                     Qt::AlignLeft | Qt::AlignTop, title.join(QStringLiteral(" · ")));
    painter.setFont(fontOfPixelSize(kSheetLabelPixels));
  }
  for (int i = 0; i < frames; ++i) {
    if (stts::isCancelled(cancel)) {
      return exportError(stts::ErrorCode::Cancelled, ExportText::tr("The export was cancelled."));
    }
    const QRect target = layout.thumbnailRect(i);
    // Tiles are small: the drawing copies are plenty (decoded now where not in yet).
    auto frame = scene.video->store->displayNow(i, cancel);
    if (!frame && frame.error().code == stts::ErrorCode::Cancelled) {
      return exportError(stts::ErrorCode::Cancelled, ExportText::tr("The export was cancelled."));
    }
    if (frame && *frame) {
      const std::optional<OverlayCells> cells = exportCells(scene, i, options);
      const auto shrunk = boxShrunk(**frame, target.size());
      painter.drawImage(target.topLeft(),
                        compositeFrame(shrunk ? *shrunk : **frame, cells ? &*cells : nullptr,
                                       scene.style, target.size()));
      if (text) {
        QString label = QStringLiteral("#%1 · %2")
                            .arg(sampleNumber(i))
                            .arg(formatTimestamp(scene.video->points[size_t(i)].requestedTime));
        if (scene.run && size_t(i) < scene.run->keptPerFrame.size()) {
          label +=
              QStringLiteral(" · ") +
              ExportText::tr("%1 % kept")
                  .arg(std::lround(100.0 * scene.run->keptPerFrame[size_t(i)] / kCellsPerFrame));
        }
        painter.drawText(
            QRect(target.left(), target.bottom() + 1, target.width(), layout.labelHeight),
            Qt::AlignHCenter | Qt::AlignVCenter, label);
      }
    }
    if (progress) progress(i + 1, frames);
  }
  painter.end();
  return sheet;
}

}  // namespace stts::ui
