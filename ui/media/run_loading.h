// Opening a run file on the loader's worker thread: the run itself (stts::loadRunFile, torch-free),
// then the pictures its frames were made from. When the run's video still exists, the store is
// set up over it with the frames displayed at the run's requested times (only the first is
// decoded here; the window's store fills in the rest, headless exports decode what they draw);
// otherwise the run's stored model
// inputs are shown at the video's display aspect, so the cell grid still lines up.
#pragma once

#include <QString>

#include "media/loaded_media.h"
#include "stts/cancel.h"

namespace stts::ui {

struct RunJobOutcome {
  LoadedRunPtr run;
  QString error;  // a sentence when run is null (empty after a cancel)
};

// Runs on the worker thread; never touches widgets.
RunJobOutcome loadRunJob(const QString& path, const stts::CancelToken* cancel,
                         const FrameMemoryLimits& limits = {});

// The run's video as an absolute path: relative paths are taken relative to the run file.
QString runVideoPath(const stts::RunResult& run, const QString& runPath);

// True for paths the window should open as a run rather than as a video.
bool isRunFilePath(const QString& path);

}  // namespace stts::ui
