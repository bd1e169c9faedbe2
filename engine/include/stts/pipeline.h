// One run of the model, public and torch-free. The vision half (preprocess -> ViT with STTS ->
// connector) is here; the language half (prompt, prefill, decode) builds on the same result.
#pragma once

#include <vector>

#include "stts/cancel.h"
#include "stts/error.h"
#include "stts/model.h"
#include "stts/progress.h"
#include "stts/run_result.h"
#include "stts/video.h"

namespace stts {

// Runs the vision side on already-sampled frames and fills, in the returned RunResult: frames,
// frame times/PTS, scores / keep / keptPerFrame per cell, visionTokensBefore/After, the 378x378
// model-input frames, timings for preprocess, vit_pre, select, vit_bias, pack, vit_post and
// connector, peak memory and versions.
//
// request.method: "stts" (needs a checkpoint with the temporal token scorer; removes
// trunc(81*(1 - keepRatio)*T) cells) or "none" (full ViT, every cell kept, every score 1.0).
// request.device / dtype are echoed only: the model was placed when it was loaded.
// Cancellation is checked between ViT blocks (ErrorCode::Cancelled). Never throws.
Expected<RunResult> runVision(Model& model, const RunRequest& request,
                              const std::vector<SampledFrame>& frames, ProgressSink& progress,
                              const CancelToken& cancel);

}  // namespace stts
