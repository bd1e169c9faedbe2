// One run of the model, public and torch-free. The vision half (preprocess -> ViT with STTS ->
// connector) is here; the language half (prompt, prefill, decode) builds on the same result.
#pragma once

#include <vector>

#include "stts/cancel.h"
#include "stts/error.h"
#include "stts/model.h"
#include "stts/progress.h"
#include "stts/run_result.h"
#include "stts/tensor_dump.h"
#include "stts/video.h"

namespace stts {

// Runs the vision side on already-sampled frames and fills, in the returned RunResult: frames,
// frame times/PTS, scores / keep / keptPerFrame per cell, visionTokensBefore/After, the 378x378
// model-input frames, timings for preprocess, vit_pre, select, vit_bias, pack, vit_post and
// connector, peak memory and versions.
//
// request.method (stts/methods.h): "stts" (needs a checkpoint with the temporal token scorer;
// removes trunc(81*(1 - keepRatio)*T) cells), "none" (full ViT, every cell kept, every score
// 1.0), "random" / "heuristic" / "easy" (mask before ViT block 0, hard prune after block
// prune_at: they save ViT work), "evs" / "vidcom2" (full ViT and connector, then a "select" stage
// on the connector output: only the LLM is saved; with request.tapPoint "vit" they choose on the
// block prune_at output and prune the ViT like random). Every method keeps exactly
// prune::keptCellCount(method, request.budgetPolicy, ...) cells. "fastv" selects inside the LLM
// and is refused here (use runFull). scores / extras follow MethodInfo::scoreMeaning and
// docs in engine/prune/include/stts/prune/selectors.h.
// request.device / dtype are echoed only: the model was placed when it was loaded.
// Cancellation is checked between ViT blocks (ErrorCode::Cancelled). Never throws.
// `dump`, when not null, receives the run's intermediate tensors (input_frames,
// vit_block_<prune_at>, scores, keep, connector_output; engine/runfile/FORMAT.md, "Tensor
// dumps"); it is filled only when the run succeeds, and costs nothing when null.
Expected<RunResult> runVision(Model& model, const RunRequest& request,
                              const std::vector<SampledFrame>& frames, ProgressSink& progress,
                              const CancelToken& cancel, TensorDump* dump = nullptr);

}  // namespace stts
