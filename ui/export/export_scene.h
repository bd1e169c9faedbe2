// What an export draws from: the frames on screen (a video's samples or a run's frames), the run
// and the overlay exactly as the window shows it, frozen into immutable values so that a worker
// thread can render while the window goes on. The GUI fills it from its overlay state; the
// command line from a run file (sceneForRun).
#pragma once

#include <QString>
#include <memory>
#include <optional>
#include <vector>

#include "media/loaded_media.h"
#include "stts/run_result.h"
#include "view/overlay_composite.h"

namespace stts::ui {

struct ExportScene {
  LoadedVideoPtr video;                        // the frames (never null in a valid scene)
  std::shared_ptr<const stts::RunResult> run;  // null: a plain video, no overlay
  QString runPath;                             // the .sttsrun, empty when unsaved or none
  bool usesStoredFrames = false;               // the frames are the run's 378 x 378 inputs
  // One entry per frame while a run is shown; an empty optional draws that frame bare.
  std::vector<std::optional<OverlayCells>> cells;
  OverlayStyle style;
  QString diffNameA;  // the two runs of diff mode, for the legend ("A" and "B" when empty)
  QString diffNameB;

  int frameCount() const { return video ? int(video->points.size()) : 0; }
  QString videoPath() const;
};

// The cells of frame `index`, normalised over [low, high]; empty when the run lacks them.
std::optional<OverlayCells> runCells(const stts::RunResult& run, int index, float low, float high);

// A scene of an opened run drawn in `style`, its score colours normalised over the whole run or
// each frame's own range, as the overlay state does for the window.
ExportScene sceneForRun(const LoadedRun& run, const OverlayStyle& style,
                        ScoreNormalisation normalisation = ScoreNormalisation::PerRun);

}  // namespace stts::ui
