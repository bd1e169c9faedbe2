// The overlay arithmetic shared by the GPU and the CPU (design.md §8). frame.frag implements
// exactly these formulas; the CPU composite here is what headless export uses, and a test holds
// the two within a few levels of each other. QtGui only: no widgets, no OpenGL.
//
// Geometry: the model resizes the whole frame to 378 x 378 without keeping the aspect ratio, so
// the 9 x 9 cell grid always spans the whole displayed image: cell (r, c) covers rows
// [r/9, (r+1)/9) of the image height and columns [c/9, (c+1)/9) of its width.
//
// Order per pixel: brightness / contrast of the picture, then the overlay (mask, score or diff),
// then the cell grid lines. Hatching and grid lines are measured in output pixels from the
// picture's top-left corner, so they stay crisp at any zoom and in any export size.
#pragma once

#include <QImage>
#include <QRgb>
#include <QSize>
#include <QString>
#include <array>
#include <cstdint>
#include <span>
#include <utility>

#include "stts/run_result.h"
#include "stts/video.h"
#include "view/colour_maps.h"

namespace stts::ui {

// Diff compares two runs' keep masks cell by cell; it is offered only when two runs are set.
enum class OverlayMode { Off, Mask, Score, Diff };
inline constexpr int kOverlayModeCount = 4;

// How mask mode marks a dropped cell: dimmed as a whole, or crossed by dark diagonal lines that
// leave the picture between them untouched (readable on dark videos).
enum class MaskStyle { Dim, Hatch };
inline constexpr int kMaskStyleCount = 2;

// What the score colours are normalised over: every score of the run, or the shown frame's own.
enum class ScoreNormalisation { PerRun, PerFrame };
inline constexpr int kScoreNormalisationCount = 2;

// Mask mode multiplies dropped cells by this at full opacity (kept cells stay untouched).
inline constexpr float kDroppedCellDim = 0.25f;
// Hatching: output pixel (x, y) of a dropped cell lies on a line when (x + y) mod period < width;
// line pixels are multiplied by kHatchLineDim at full opacity.
inline constexpr int kHatchPeriod = 8;
inline constexpr int kHatchLineWidth = 3;
inline constexpr float kHatchLineDim = 0.1f;
// Cell grid: the 8 inner boundaries each way, one output pixel wide, mixed towards this colour.
inline constexpr QRgb kGridColour = qRgb(240, 240, 240);
inline constexpr float kGridAlpha = 0.6f;
// Diff tints (kept by both / only A / only B); cells both runs dropped are dimmed like the mask.
// The comparison export (ui/compare/compare_image.cpp) uses the same three colours.
inline constexpr QRgb kDiffBothColour = qRgb(64, 200, 120);
inline constexpr QRgb kDiffOnlyAColour = qRgb(255, 150, 20);
inline constexpr QRgb kDiffOnlyBColour = qRgb(40, 140, 255);
// Brightness is added to every channel (in 0..1 units) and contrast scales around mid-grey.
inline constexpr float kMinBrightness = -1.0f;
inline constexpr float kMaxBrightness = 1.0f;
inline constexpr float kMinContrast = 0.0f;
inline constexpr float kMaxContrast = 4.0f;

struct OverlayStyle {
  OverlayMode mode = OverlayMode::Mask;
  ColourMap colourMap = ColourMap::Viridis;
  float opacity = 0.7f;  // 0 = no overlay visible, 1 = full effect
  MaskStyle maskStyle = MaskStyle::Dim;
  bool showGrid = false;
  float brightness = 0.0f;  // -1..1, 0 = unchanged
  float contrast = 1.0f;    // 0..4, 1 = unchanged

  bool operator==(const OverlayStyle&) const = default;
};

// Diff class of a cell: bit 0 = kept by run A, bit 1 = kept by run B (0 dropped by both, 1 only
// A, 2 only B, 3 kept by both; the same numbering as ui/compare's DiffCell).
inline constexpr uint8_t kDiffOnlyA = 1;
inline constexpr uint8_t kDiffOnlyB = 2;
inline constexpr uint8_t kDiffBoth = 3;

// One frame's cells, ready to draw: `level` is the colour-map index (0..255) of the normalised
// score, `kept` is 0 or 1. Quantising the score to the 256 colour-map entries up front loses
// nothing (the map has no more colours) and lets the GPU use a plain 8-bit texture everywhere.
// `score` keeps the raw values for tooltips, [scoreLow, scoreHigh] is the range the levels were
// normalised over (the legend shows it), and `diff` the two-run classes for diff mode.
struct OverlayCells {
  std::array<uint8_t, stts::kCellsPerFrame> level{};
  std::array<uint8_t, stts::kCellsPerFrame> kept{};
  std::array<uint8_t, stts::kCellsPerFrame> diff{};
  std::array<float, stts::kCellsPerFrame> score{};
  float scoreLow = 0.0f;
  float scoreHigh = 1.0f;
  ScoreNormalisation normalisation = ScoreNormalisation::PerRun;

  // Bitwise for the floats, so a NaN score compares equal to itself.
  bool operator==(const OverlayCells& other) const;
};

// Colour-map index of `score` after normalising [low, high] to [0, 1]; a flat range maps to the
// middle and non-finite scores to 0.
uint8_t colourMapLevel(float score, float low, float high);

// `value`, an end of the score range [low, high], as a legend shows it: with enough significant
// digits (3 to 8) that the two ends read differently — an untrained scorer's sigmoids all sit near
// 0.5 — and "0" for a value that is zero at the range's scale (a floor of 3.6e-16 reads 0).
QString scoreRangeLabel(double value, double low, double high);

// [min, max] over the finite values of `scores`; (0, 1) when there is none.
std::pair<float, float> finiteRange(std::span<const float> scores);

// Cells of one frame (81 scores and 81 keep flags, row-major) normalised to [low, high].
OverlayCells makeOverlayCells(std::span<const float> scores, std::span<const uint8_t> keep,
                              float low, float high);

// Fills `cells.diff` from two runs' keep flags of one frame (81 each, non-zero = kept).
void setDiffClasses(OverlayCells& cells, std::span<const uint8_t> keepA,
                    std::span<const uint8_t> keepB);

// The picture after brightness and contrast (applied before any overlay).
QRgb adjustPixel(QRgb base, const OverlayStyle& style);

// One pixel of the composite without the position-dependent parts (hatch, grid): `base` is the
// picture before brightness / contrast, the cell's level and kept flag the overlay.
QRgb compositePixel(QRgb base, uint8_t level, bool kept, const OverlayStyle& style);
// The same with the cell's diff class and whether the pixel lies on a hatch line.
QRgb compositePixel(QRgb base, uint8_t level, bool kept, uint8_t diff, bool onHatchLine,
                    const OverlayStyle& style);

// Whether output pixel `index` of a picture `length` pixels long holds one of the 8 inner cell
// boundaries (the boundary position k * length / 9 falls inside the pixel).
bool onCellGridLine(int index, int length);
// Whether output pixel (x, y), counted from the picture's top-left, lies on a hatch line.
inline bool onHatchLine(int x, int y) {
  return (x + y) % kHatchPeriod < kHatchLineWidth;
}

// The whole composite as an RGB32 image. The frame is first scaled (smoothly) to `outputSize`
// when one is given, e.g. to the video's display aspect for stored 378 x 378 model inputs; the
// cell of output pixel (x, y) is the one that contains its centre. Without cells only the
// brightness / contrast and the grid apply.
QImage compositeFrame(const stts::RgbImage& frame, const OverlayCells* cells,
                      const OverlayStyle& style, QSize outputSize = {});

// The frame as a QImage (RGB888, a deep copy).
QImage toQImage(const stts::RgbImage& frame);

}  // namespace stts::ui
