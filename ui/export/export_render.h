// Rendering exports on the CPU with QtGui only (no widgets, no GL), so the window and the headless
// `stts export` produce the same pixels: a frame at its source resolution with the overlay
// composited by compositeFrame (design.md §8), optionally a legend over its corner and a caption
// band below it; and a contact sheet of every sampled frame with its overlay and keep share.
// Text needs a QGuiApplication (fonts); everything else works without one. Safe to call on a
// worker thread.
#pragma once

#include <QImage>
#include <QRect>
#include <QSize>
#include <QString>
#include <functional>
#include <utility>

#include "export/export_scene.h"

class QPainter;
#include "stts/cancel.h"
#include "stts/error.h"

namespace stts::ui {

struct FrameExportOptions {
  bool overlay = true;   // off: the bare frame even while a run is shown
  bool legend = false;   // the colour bar (score mode) or kept/dropped key (mask mode)
  bool caption = false;  // a band below the picture: where the frame is from, question, answer
};

struct FrameExportGeometry {
  QSize pictureSize;      // the frame as written: source resolution, display orientation, SAR
  QSize imageSize;        // the whole image (picture plus the caption band)
  QString downscaleNote;  // a sentence when the picture is smaller than the source video
};

FrameExportGeometry frameExportGeometry(const ExportScene& scene, int index,
                                        const FrameExportOptions& options);

// Frame `index` (0-based sampled index) as an RGB32 image, or why not.
stts::Expected<QImage> renderFrame(const ExportScene& scene, int index,
                                   const FrameExportOptions& options);

// The caption's text for frame `index`: source, time, sample, method and kept cells, then the
// run's question and answer when it has them.
QString frameCaption(const ExportScene& scene, int index);

// Text in a box `width` wide that wraps at word boundaries, or inside a word longer than the line
// (a model's answer or a question can be one long run without spaces): its height, and drawing it.
int wrappedTextHeight(const QFont& font, int width, const QString& text);
void drawWrappedText(QPainter& painter, const QRect& box, const QString& text);

// Draws the legend of `cells` over the bottom-right corner of `picture`: the colour bar over their
// normalisation range in score mode (per run or per frame, whichever was used), a kept / dropped
// key in mask mode, the four classes in diff mode (named by `diffNames`).
void drawOverlayLegend(QImage& picture, const OverlayStyle& style, const OverlayCells& cells,
                       const std::pair<QString, QString>& diffNames);

struct ContactSheetLayout {
  int columns = 0;
  int rows = 0;
  QSize thumbnail;       // each frame's picture
  int labelHeight = 0;   // the text line under each picture
  int spacing = 0;       // between cells and around the sheet
  int headerHeight = 0;  // the title line above the grid
  QSize size;            // the whole sheet

  // Where frame `index`'s picture lies on the sheet.
  QRect thumbnailRect(int index) const;
};

inline constexpr int kContactSheetThumbnailWidth = 240;

// Roughly 16:10 overall, thumbnails at the frames' display aspect, never wider than the source.
ContactSheetLayout contactSheetLayout(const ExportScene& scene,
                                      int thumbnailWidth = kContactSheetThumbnailWidth);

// Called after each frame with (frames done, frames in all); may come from a worker thread.
using ExportProgress = std::function<void(int done, int total)>;

// All sampled frames in one image, each with its overlay (unless options.overlay is off), sample
// number, time and the share of cells kept. Stops with a Cancelled error when `cancel` fires.
stts::Expected<QImage> renderContactSheet(const ExportScene& scene,
                                          const FrameExportOptions& options,
                                          const ExportProgress& progress = {},
                                          const stts::CancelToken* cancel = nullptr);

}  // namespace stts::ui
