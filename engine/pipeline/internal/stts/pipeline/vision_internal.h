// Torch-side entry points of the vision half: the connector features for the language side, and
// the knobs tests and the benchmark need. Internal: include only from engine code, tests, bench.
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "stts/model/vit.h"
#include "stts/pipeline.h"
#include "stts/prune/stts_select.h"
#include "stts/tensor_dump.h"

namespace stts::pipeline {

// How blocks after prune_at+1 run (all exactly equivalent; see engine/pipeline/README.md).
enum class PostMode {
  Auto,    // Packed on CUDA (few large launches), Varlen on CPU (no padded work)
  Varlen,  // per frame on its token set; frames with equal set sizes batched together
  Packed,  // FFD bins of N tokens, block-diagonal mask, safe softmax
  Masked,  // every token computed, keys restricted to the frame's set: reference only
};

struct VisionOptions {
  PostMode post = PostMode::Auto;
  bool keepInputFrames = true;  // copy the 378x378 frames into RunResult::inputFrames
  // When set, receives input_frames, vit_block_<prune_at>, scores, keep and connector_output
  // (engine/runfile/FORMAT.md, "Tensor dumps"). Null costs nothing: no tensor is kept or copied.
  TensorDump* dump = nullptr;
};

struct VisionOutput {
  RunResult result;
  at::Tensor features;    // [kept cells, d_model], (frame, row, col) order: the LLM's input
  at::Tensor patchValid;  // [T, N] bool, the pre-refill mask
  at::Tensor cellKeep;    // [T * C] bool
  std::vector<at::Tensor> featureBlocks;  // scattered block outputs [T, N, W], concat order
};

// A host copy of x as contiguous fp32 in `dump` (shape kept), whatever its device and dtype.
inline void dumpAsFloat(TensorDump& dump, const std::string& name, const at::Tensor& x) {
  const at::Tensor c = x.detach().to(at::kCPU).to(at::kFloat).contiguous();
  dump.set(name, "F32", c.sizes().vec(), c.data_ptr<float>(), static_cast<std::size_t>(c.numel()));
}

// scores [T, 81] and keep [T, 81] of a finished run (after FastV has chosen, for runFull).
void dumpSelection(TensorDump& dump, const RunResult& run);

// runVision, plus the features.
Expected<VisionOutput> runVisionInternal(Model& model, const RunRequest& request,
                                         const std::vector<SampledFrame>& frames,
                                         ProgressSink& progress, const CancelToken& cancel,
                                         const VisionOptions& options = {});

// From model-size uint8 frames [T, H, W, 3] (already resized): benchmarks and tests.
Expected<VisionOutput> runVisionFrames(Model& model, const RunRequest& request,
                                       const at::Tensor& framesU8, ProgressSink& progress,
                                       const CancelToken& cancel,
                                       const VisionOptions& options = {});

// One ViT block over x [B, L, W]; `bias` and `allowed` are batched along dim 0 (or broadcast).
// On the CPU the batch runs in slices of at most blockSliceTokens() tokens (one frame or bin at
// least) with `betweenSlices` called after each: it checks the cancel token, which is then seen
// within a slice's time instead of a whole block's (a block over 64 frames takes seconds on a
// laptop CPU). Frames and packed bins never attend across the batch, so slicing changes values
// only by rounding (BLAS blocks a product of fewer rows differently; the slices are fixed by
// token count, so repeated runs stay bit-identical). On CUDA the batch runs whole: its kernels
// are queued, a host check would not stop them sooner.
at::Tensor vitBlockSliced(const model::VitWeights& vit, int64_t b, const at::Tensor& x,
                          const at::Tensor& bias, const at::Tensor& allowed,
                          const std::function<void()>& betweenSlices);
int64_t blockSliceTokens();
void setBlockSliceTokens(int64_t tokens);  // tests; <= 0 restores the default

// Blocks [first, last] on the kept tokens of h [T, N, W] (fp32, output of block first-1).
// setMask [T, N]: the tokens each frame runs on (kept patches, or all N for a lone frame);
// patchValid [T, N]: the pre-refill mask, the only positions scattered back (others zero).
// Returns the scattered outputs of `captureBlocks`. `onBlock(b)` runs after each block (cancel,
// progress) and may throw. `tokens` receives the token count each block processes.
std::map<int64_t, at::Tensor> runPostBlocks(const model::VitWeights& vit, const at::Tensor& h,
                                            const at::Tensor& setMask, const at::Tensor& patchValid,
                                            const prune::PackPlan& plan, PostMode mode,
                                            int64_t first, int64_t last,
                                            const std::vector<int64_t>& captureBlocks,
                                            const std::function<void(int64_t)>& onBlock,
                                            int64_t* tokens = nullptr,
                                            const std::function<void()>& betweenSlices = {});

}  // namespace stts::pipeline
