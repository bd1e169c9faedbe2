// What the loader hands to the window: immutable, shared, built on the worker thread (only the
// store's pictures fill in later, behind its own lock).
#pragma once

#include <QString>
#include <memory>
#include <vector>

#include "media/frame_store.h"
#include "stts/run_result.h"
#include "stts/video.h"

namespace stts::ui {

struct LoadedVideo {
  QString path;
  stts::VideoInfo info;
  stts::SamplingSpec sampling;
  std::vector<stts::SamplePoint> points;  // the sampled frames, in time order
  // Their pictures: drawing copies within the frame-memory budget, full resolution on demand.
  // Never null in a LoadedVideo handed out by the loader.
  FrameStorePtr store;
  // Display aspect (width / height) to draw the frames at; 0 = the images' own. Set when the
  // images are a run's stored 378 x 378 model inputs, which the model squashed from this aspect.
  double displayAspect = 0.0;

  // The rate sampled frames are spaced at, for playback; falls back to the sampling cap.
  double sampledFramesPerSecond() const;
  // The sample whose requested time is nearest to `seconds` (the earlier on a tie); -1 without
  // samples.
  int sampleNearestToTime(double seconds) const;
};
using LoadedVideoPtr = std::shared_ptr<const LoadedVideo>;

// An opened run file and the pictures to draw its cells over.
struct LoadedRun {
  QString path;  // the .sttsrun file
  std::shared_ptr<const stts::RunResult> run;
  // Exactly run->frames frames, frame i aligned with the run's frame i by requested time.
  LoadedVideoPtr video;
  bool usesStoredFrames = false;  // the video could not be used: these are the model inputs
  // What is wrong with the video, as a sentence fragment: why the stored frames are shown, or
  // (with the video in use) a warning such as "it has changed". Empty when all is well.
  QString videoProblem;
};
using LoadedRunPtr = std::shared_ptr<const LoadedRun>;

}  // namespace stts::ui
