#include "view/overlay_composite.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

namespace stts::ui {

namespace {

int toByte(float value) {
  // GL writes a normalised float to an 8-bit target as round(value * 255); so do we.
  return std::clamp(int(std::lround(value * 255.0f)), 0, 255);
}

struct Colour {
  float r, g, b;
};

Colour toColour(QRgb rgb) {
  return {qRed(rgb) / 255.0f, qGreen(rgb) / 255.0f, qBlue(rgb) / 255.0f};
}

QRgb toRgb(Colour c) {
  return qRgb(toByte(c.r), toByte(c.g), toByte(c.b));
}

Colour scaled(Colour c, float factor) {
  return {c.r * factor, c.g * factor, c.b * factor};
}

Colour mixed(Colour a, Colour b, float t) {
  return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

float adjustChannel(float value, const OverlayStyle& style) {
  const float contrast = std::clamp(style.contrast, kMinContrast, kMaxContrast);
  const float brightness = std::clamp(style.brightness, kMinBrightness, kMaxBrightness);
  return std::clamp((value - 0.5f) * contrast + 0.5f + brightness, 0.0f, 1.0f);
}

Colour adjusted(Colour c, const OverlayStyle& style) {
  return {adjustChannel(c.r, style), adjustChannel(c.g, style), adjustChannel(c.b, style)};
}

// A dropped cell (mask mode, or dropped by both runs in diff mode): dimmed, or hatched.
Colour dropped(Colour base, bool onHatch, const OverlayStyle& style, float opacity) {
  if (style.maskStyle == MaskStyle::Hatch) {
    return onHatch ? scaled(base, 1.0f + (kHatchLineDim - 1.0f) * opacity) : base;
  }
  return scaled(base, 1.0f + (kDroppedCellDim - 1.0f) * opacity);
}

QRgb diffTint(uint8_t diff) {
  switch (diff) {
    case kDiffOnlyA:
      return kDiffOnlyAColour;
    case kDiffOnlyB:
      return kDiffOnlyBColour;
    default:
      return kDiffBothColour;
  }
}

}  // namespace

bool OverlayCells::operator==(const OverlayCells& other) const {
  return level == other.level && kept == other.kept && diff == other.diff &&
         std::memcmp(score.data(), other.score.data(), sizeof(score)) == 0 &&
         std::memcmp(&scoreLow, &other.scoreLow, sizeof(float)) == 0 &&
         std::memcmp(&scoreHigh, &other.scoreHigh, sizeof(float)) == 0 &&
         normalisation == other.normalisation;
}

QString scoreRangeLabel(double value, double low, double high) {
  const double span = std::abs(high - low);
  const double magnitude = std::max(std::abs(low), std::abs(high));
  if (!std::isfinite(value)) return QString::number(value);
  if (span > 0 && std::abs(value) < span * 1e-6) return QStringLiteral("0");
  int digits = 3;
  if (span > 0 && magnitude > 0)
    digits = std::clamp(int(std::ceil(std::log10(magnitude / span))) + 2, 3, 8);
  return QString::number(value, 'g', digits);
}

uint8_t colourMapLevel(float score, float low, float high) {
  if (!std::isfinite(score)) return 0;
  const float span = high - low;
  const float t = span > 0.0f ? std::clamp((score - low) / span, 0.0f, 1.0f) : 0.5f;
  return uint8_t(std::lround(t * float(kColourMapSize - 1)));
}

std::pair<float, float> finiteRange(std::span<const float> scores) {
  float low = std::numeric_limits<float>::infinity();
  float high = -std::numeric_limits<float>::infinity();
  for (float score : scores) {
    if (!std::isfinite(score)) continue;
    low = std::min(low, score);
    high = std::max(high, score);
  }
  if (low > high) return {0.0f, 1.0f};
  return {low, high};
}

OverlayCells makeOverlayCells(std::span<const float> scores, std::span<const uint8_t> keep,
                              float low, float high) {
  OverlayCells cells;
  cells.scoreLow = low;
  cells.scoreHigh = high;
  for (size_t i = 0; i < cells.level.size(); ++i) {
    const float score = i < scores.size() ? scores[i] : std::numeric_limits<float>::quiet_NaN();
    cells.score[i] = score;
    cells.level[i] = colourMapLevel(score, low, high);
    cells.kept[i] = i < keep.size() && keep[i] != 0 ? 1 : 0;
  }
  return cells;
}

void setDiffClasses(OverlayCells& cells, std::span<const uint8_t> keepA,
                    std::span<const uint8_t> keepB) {
  for (size_t i = 0; i < cells.diff.size(); ++i) {
    const bool a = i < keepA.size() && keepA[i] != 0;
    const bool b = i < keepB.size() && keepB[i] != 0;
    cells.diff[i] = uint8_t((a ? kDiffOnlyA : 0) | (b ? kDiffOnlyB : 0));
  }
}

QRgb adjustPixel(QRgb base, const OverlayStyle& style) {
  return toRgb(adjusted(toColour(base), style));
}

QRgb compositePixel(QRgb base, uint8_t level, bool kept, const OverlayStyle& style) {
  return compositePixel(base, level, kept, kDiffBoth, false, style);
}

QRgb compositePixel(QRgb base, uint8_t level, bool kept, uint8_t diff, bool onHatch,
                    const OverlayStyle& style) {
  const float opacity = std::clamp(style.opacity, 0.0f, 1.0f);
  const Colour picture = adjusted(toColour(base), style);
  switch (style.mode) {
    case OverlayMode::Off:
      return toRgb(picture);
    case OverlayMode::Mask:
      return toRgb(kept ? picture : dropped(picture, onHatch, style, opacity));
    case OverlayMode::Score:
      return toRgb(mixed(picture, toColour(colourTable(style.colourMap)[level]), opacity));
    case OverlayMode::Diff:
      if (diff == 0) return toRgb(dropped(picture, onHatch, style, opacity));
      return toRgb(mixed(picture, toColour(diffTint(diff)), opacity));
  }
  return base;
}

bool onCellGridLine(int index, int length) {
  if (length <= 0) return false;
  const double centre = index + 0.5;
  const double cell = double(length) / stts::kCellGrid;
  const int k = std::clamp(int(std::floor(centre / cell + 0.5)), 1, stts::kCellGrid - 1);
  // The pixel holding the boundary, by whole numbers as the shader decides it.
  return index == int(std::floor(k * cell + 0.001));
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
  OverlayStyle effective = style;
  if (!cells) effective.mode = OverlayMode::Off;
  const bool adjusts = effective.brightness != 0.0f || effective.contrast != 1.0f;
  if (effective.mode == OverlayMode::Off && !adjusts && !effective.showGrid) return image;

  const int width = image.width();
  const int height = image.height();
  // The cell of each column and row, from the pixel centre, as the GPU's nearest sampling does.
  std::vector<int> cellColumn(static_cast<size_t>(width));
  std::vector<uint8_t> gridColumn(static_cast<size_t>(width));
  for (int x = 0; x < width; ++x) {
    cellColumn[size_t(x)] = std::min(stts::kCellGrid - 1, int((x + 0.5) * stts::kCellGrid / width));
    gridColumn[size_t(x)] = onCellGridLine(x, width) ? 1 : 0;
  }
  const Colour grid = toColour(kGridColour);
  for (int y = 0; y < height; ++y) {
    const int row = std::min(stts::kCellGrid - 1, int((y + 0.5) * stts::kCellGrid / height));
    const bool gridRow = onCellGridLine(y, height);
    auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
    for (int x = 0; x < width; ++x) {
      QRgb out;
      if (effective.mode == OverlayMode::Off) {
        out = adjustPixel(line[x], effective);
      } else {
        const size_t cell = size_t(row * stts::kCellGrid + cellColumn[size_t(x)]);
        out = compositePixel(line[x], cells->level[cell], cells->kept[cell] != 0, cells->diff[cell],
                             onHatchLine(x, y), effective);
      }
      if (effective.showGrid && (gridRow || gridColumn[size_t(x)])) {
        out = toRgb(mixed(toColour(out), grid, kGridAlpha));
      }
      line[x] = out;
    }
  }
  return image;
}

}  // namespace stts::ui
