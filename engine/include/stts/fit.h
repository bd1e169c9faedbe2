// Fitting the STTS temporal token scorer to videos with the paper's auxiliary objective
// (docs/molmo2-spec.md §6.9): the scorer learns to predict 1 - cosine similarity of each cell's
// block-prune_at features between consecutive frames. Everything but the scorer stays frozen,
// and the output is a complete model folder whose only changed tensors are the scorer's.
// Torch-free: LibTorch stays inside engine/fit.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "stts/cancel.h"
#include "stts/error.h"
#include "stts/progress.h"

namespace stts {

struct FitRequest {
  std::string modelDir;             // a model folder with the temporal token scorer
  std::vector<std::string> videos;  // training clips; unreadable ones are skipped, not fatal
  std::string outputDir;            // the fitted model folder to create
  int steps = 200;                  // Adam steps (full batch: every video every step)
  double learningRate = 1e-3;
  int maxFrames = 16;  // sampled frames per video (Molmo2 sampling)
  double maxFps = 2.0;
  uint64_t seed = 0;
  bool overwrite = false;  // replace an existing non-empty outputDir
  int cpuThreads = 0;      // LibTorch intra-op threads; 0 = every hardware thread
  // Called after each step with (step, loss) from the fitting thread; ProgressSink carries no
  // values, and a CLI wants to print the loss as it goes. May be empty.
  std::function<void(int step, double loss)> onStep;
};

struct SkippedVideo {
  std::string path;
  std::string error;  // the reason, one sentence
};

struct FitResult {
  std::string outputDir;
  std::vector<std::string> videosUsed;
  std::vector<SkippedVideo> skipped;
  std::vector<double> losses;  // loss before each step's update, one per step
  double firstLoss = 0.0;
  double lastLoss = 0.0;
  double seconds = 0.0;                     // the whole fit, load to verified output
  double trainingSeconds = 0.0;             // the optimisation loop only
  int64_t framesUsed = 0;                   // sampled frames over all used videos
  std::vector<std::string> rewrittenFiles;  // shard files holding the new scorer tensors
};

// Progress: stage "fit", done = step, total = steps. Cancellation is checked every step and
// before writing; a cancelled fit returns ErrorCode::Cancelled and leaves nothing on disk.
// Never throws.
Expected<FitResult> fitScorer(const FitRequest& request, ProgressSink& progress,
                              const CancelToken& cancel);

}  // namespace stts
