#include "view/overlay_composite.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace stts::ui {

namespace {

int toByte(float value) {
  // GL writes a normalised float to an 8-bit target as round(value * 255); so do we.
  return std::clamp(int(std::lround(value * 255.0f)), 0, 255);
}

}  // namespace

uint8_t colourMapLevel(float score, float low, float high) {
  if (!std::isfinite(score)) return 0;
  const float span = high - low;
  const float t = span > 0.0f ? std::clamp((score - low) / span, 0.0f, 1.0f) : 0.5f;
  return uint8_t(std::lround(t * float(kColourMapSize - 1)));
}

OverlayCells makeOverlayCells(std::span<const float> scores, std::span<const uint8_t> keep,
                              float low, float high) {
  OverlayCells cells;
  for (size_t i = 0; i < cells.level.size(); ++i) {
    cells.level[i] = i < scores.size() ? colourMapLevel(scores[i], low, high) : 0;
    cells.kept[i] = i < keep.size() && keep[i] != 0 ? 1 : 0;
  }
  return cells;
}

QRgb compositePixel(QRgb base, uint8_t level, bool kept, const OverlayStyle& style) {
  const float opacity = std::clamp(style.opacity, 0.0f, 1.0f);
  const float r = qRed(base) / 255.0f;
  const float g = qGreen(base) / 255.0f;
  const float b = qBlue(base) / 255.0f;
  switch (style.mode) {
    case OverlayMode::Off:
      return qRgb(qRed(base), qGreen(base), qBlue(base));
    case OverlayMode::Mask: {
      const float factor = kept ? 1.0f : 1.0f + (kDroppedCellDim - 1.0f) * opacity;
      return qRgb(toByte(r * factor), toByte(g * factor), toByte(b * factor));
    }
    case OverlayMode::Score: {
      const QRgb mapped = colourTable(style.colourMap)[level];
      auto mix = [opacity](float x, int mappedByte) {
        return toByte(x + (mappedByte / 255.0f - x) * opacity);
      };
      return qRgb(mix(r, qRed(mapped)), mix(g, qGreen(mapped)), mix(b, qBlue(mapped)));
    }
  }
  return base;
}

QImage toQImage(const stts::RgbImage& frame) {
  if (frame.width <= 0 || frame.height <= 0 ||
      frame.pixels.size() < size_t(frame.width) * size_t(frame.height) * 3) {
    return {};
  }
  const QImage view(frame.pixels.data(), frame.width, frame.height, frame.width * 3,
                    QImage::Format_RGB888);
  return view.copy();
}

QImage compositeFrame(const stts::RgbImage& frame, const OverlayCells* cells,
                      const OverlayStyle& style, QSize outputSize) {
  QImage image = toQImage(frame);
  if (image.isNull()) return {};
  if (outputSize.isValid() && outputSize != image.size()) {
    image = image.scaled(outputSize, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
  }
  image = image.convertToFormat(QImage::Format_RGB32);
  if (!cells || style.mode == OverlayMode::Off) return image;
  const int width = image.width();
  const int height = image.height();
  // The cell of each column and row, from the pixel centre, as the GPU's nearest sampling does.
  std::vector<int> cellColumn(static_cast<size_t>(width));
  for (int x = 0; x < width; ++x) {
    cellColumn[size_t(x)] = std::min(stts::kCellGrid - 1, int((x + 0.5) * stts::kCellGrid / width));
  }
  for (int y = 0; y < height; ++y) {
    const int row = std::min(stts::kCellGrid - 1, int((y + 0.5) * stts::kCellGrid / height));
    auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
    for (int x = 0; x < width; ++x) {
      const size_t cell = size_t(row * stts::kCellGrid + cellColumn[size_t(x)]);
      line[x] = compositePixel(line[x], cells->level[cell], cells->kept[cell] != 0, style);
    }
  }
  return image;
}

}  // namespace stts::ui
