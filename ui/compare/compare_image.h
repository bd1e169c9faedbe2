// The comparison as one picture, on the CPU (QtGui only, no display needed): all panes of one
// sampled frame side by side with their headers, the diff legend and optionally the answers.
// Each pane goes through the view's own CPU composite (view/overlay_composite.h, diff mode
// included), so the image shows the colours the window shows. The window's export and
// `stts export-compare` both draw through composeComparison().
#pragma once

#include <QColor>
#include <QImage>
#include <QRect>
#include <QRgb>
#include <QSize>
#include <QString>
#include <optional>
#include <vector>

#include "compare/compare_runs.h"
#include "media/loaded_media.h"
#include "stts/video.h"
#include "view/overlay_composite.h"

namespace stts::ui {

// Legend text of each diff class: "kept by both", "only A", "only B", "dropped by both".
QString diffLabel(DiffCell cell, const QString& nameA, const QString& nameB);

// `base` (one run's cells of one frame) with the two-run diff classes filled in, ready for
// OverlayMode::Diff.
OverlayCells diffOverlayCells(const OverlayCells& base, const DiffCells& diff);

// One pane of the exported comparison.
struct ComparisonPane {
  stts::RgbImagePtr frame;
  QSize displaySize;                  // the picture's size in the image (the video's display size)
  std::optional<OverlayCells> cells;  // this run's cells (with diff classes for diff mode)
  OverlayMode mode = OverlayMode::Mask;  // per pane: the diff pair shows Diff, the rest Mask
  QString header;                        // paneHeader()
  QString answer;                        // shown under the pane when answers are included
};

struct ComparisonImageOptions {
  OverlayStyle style;  // colour map, opacity, mask style, …; the mode comes from each pane
  bool includeAnswers = false;
  bool diffLegend = false;  // the diff legend under the panes (set when any pane shows the diff)
  QString diffNameA = QStringLiteral("A");
  QString diffNameB = QStringLiteral("B");
  QString caption;  // one line above the panes, e.g. the video name and the time
};

// Layout of the composed image: panes side by side, kComparisonGap apart and from the border,
// each under a header band of kComparisonHeaderHeight; all panes take the first pane's size.
inline constexpr int kComparisonGap = 16;
inline constexpr int kComparisonHeaderHeight = 40;
inline constexpr int kComparisonCaptionHeight = 32;
QRect comparisonPaneRect(int index, QSize paneSize, bool hasCaption);

// The panes of sampled frame `frame` for `runs` (frames in range: check first), with each run's
// scores normalised over the whole run. In Diff mode the runs `diffFirst` and `diffSecond` show
// their diff and the others their keep mask. Headers and answers filled in.
std::vector<ComparisonPane> comparisonPanes(const std::vector<LoadedRunPtr>& runs, int frame,
                                            OverlayMode mode, int diffFirst = 0,
                                            int diffSecond = 1);
// The line above the panes: "clip.mp4 · 00:00:01.500 · sampled frame 3".
QString comparisonCaption(const LoadedVideo& video, int frame);
// `<video>_<HH-MM-SS-mmm>_f<frame>_compare_<method-keep%>_….png` (ux.md §4 naming).
QString comparisonFileName(const std::vector<LoadedRunPtr>& runs, int frame);
// The answer text shown under a pane: "A · 17 answer tokens" and the answer.
QString paneAnswerText(const stts::RunResult& run, int index);

// The whole comparison of one frame; null image when there is no pane or a pane has no frame.
QImage composeComparison(const std::vector<ComparisonPane>& panes,
                         const ComparisonImageOptions& options);

}  // namespace stts::ui
