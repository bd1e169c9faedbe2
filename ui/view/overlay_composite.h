// The overlay arithmetic shared by the GPU and the CPU (design.md §8). frame.frag implements
// exactly these formulas; the CPU composite here is what headless export uses, and a test holds
// the two within a few levels of each other.
//
// Geometry: the model resizes the whole frame to 378 x 378 without keeping the aspect ratio, so
// the 9 x 9 cell grid always spans the whole displayed image: cell (r, c) covers rows
// [r/9, (r+1)/9) of the image height and columns [c/9, (c+1)/9) of its width.
#pragma once

#include <QImage>
#include <QRgb>
#include <QSize>
#include <array>
#include <cstdint>
#include <span>

#include "stts/run_result.h"
#include "stts/video.h"
#include "view/colour_maps.h"

namespace stts::ui {

enum class OverlayMode { Off, Mask, Score };
inline constexpr int kOverlayModeCount = 3;

// Mask mode multiplies dropped cells by this at full opacity (kept cells stay untouched).
inline constexpr float kDroppedCellDim = 0.25f;

struct OverlayStyle {
  OverlayMode mode = OverlayMode::Mask;
  ColourMap colourMap = ColourMap::Viridis;
  float opacity = 0.7f;  // 0 = no overlay visible, 1 = full effect

  bool operator==(const OverlayStyle&) const = default;
};

// One frame's cells, ready to draw: `level` is the colour-map index (0..255) of the normalised
// score, `kept` is 0 or 1. Quantising the score to the 256 colour-map entries up front loses
// nothing (the map has no more colours) and lets the GPU use a plain 8-bit texture everywhere.
struct OverlayCells {
  std::array<uint8_t, stts::kCellsPerFrame> level{};
  std::array<uint8_t, stts::kCellsPerFrame> kept{};

  bool operator==(const OverlayCells&) const = default;
};

// Colour-map index of `score` after normalising [low, high] to [0, 1]; a flat range maps to the
// middle and non-finite scores to 0.
uint8_t colourMapLevel(float score, float low, float high);

// Cells of one frame (81 scores and 81 keep flags, row-major) normalised to [low, high].
OverlayCells makeOverlayCells(std::span<const float> scores, std::span<const uint8_t> keep,
                              float low, float high);

// One pixel of the composite: `base` is the picture, the cell's level and kept flag the overlay.
QRgb compositePixel(QRgb base, uint8_t level, bool kept, const OverlayStyle& style);

// The whole composite as an RGB32 image. The frame is first scaled (smoothly) to `outputSize`
// when one is given, e.g. to the video's display aspect for stored 378 x 378 model inputs; the
// cell of output pixel (x, y) is the one that contains its centre.
QImage compositeFrame(const stts::RgbImage& frame, const OverlayCells* cells,
                      const OverlayStyle& style, QSize outputSize = {});

// The frame as a QImage (RGB888, a deep copy).
QImage toQImage(const stts::RgbImage& frame);

}  // namespace stts::ui
