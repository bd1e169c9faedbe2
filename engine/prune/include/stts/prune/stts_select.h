// STTS budget, selection, soft-bias rescale and FFD packing (docs/molmo2-spec.md §6.5-6.7) on
// plain vectors. No LibTorch: these are the discrete decisions, and they must be exact.
#pragma once

#include <cstdint>
#include <vector>

namespace stts::prune {

// Cells removed from a video of `frames` frames: trunc(float32(cells*topk) *
// float32(frames - pruneFromFrame)) in float32 (the reference multiplies a Python float by an
// int64 tensor), clamped to [0, frames*cells].
int64_t sttsBudget(double topk, int64_t frames, int64_t pruneFromFrame, int64_t cellsPerFrame = 81);

// The score the selection sorts by: frame 0 set to 100 so it is kept unless the budget exceeds
// every other frame's cells.
std::vector<float> selectionScores(const std::vector<float>& scores, int64_t cellsPerFrame);

struct Selection {
  std::vector<uint8_t> keep;          // [T*C], 1 = kept
  std::vector<int32_t> keptPerFrame;  // [T]
  int64_t removed = 0;
};

// Removes the `budget` lowest of `sortScores` (stable ascending sort: equal scores remove the
// lower flat index first, so runs are deterministic).
Selection selectLowest(const std::vector<float>& sortScores, int64_t frames, int64_t cellsPerFrame,
                       int64_t budget);

// Soft bias for block prune_at+1 (§6.6), per patch: ln(s') with
// s' = lo + (s - rowMin) * (1 - lo) / (rowMax - rowMin + 1e-6) in float32, rows being patch rows
// of one frame (= the pooled cell rows, replicated `pool` times); frame 0 -> s' = 1 (bias 0).
// scores [T*C] raw sigmoid scores; returns [T * gridH * gridW].
std::vector<float> softBiasLog(const std::vector<float>& scores, int64_t frames, int64_t gridH,
                               int64_t gridW, int64_t pool, double rescaleMin);

struct PackPlan {
  int32_t capacity = 0;
  std::vector<int32_t> frameBin;                // [T] bin of each frame, -1 if it has no tokens
  std::vector<int32_t> frameOffset;             // [T] first slot in its bin (before refill)
  std::vector<int32_t> binUsed;                 // tokens placed per bin (before refill)
  std::vector<std::vector<int32_t>> binFrames;  // frames per bin, in placement order
  std::vector<uint8_t> lone;   // [T] 1 = alone in its bin: refilled to all `capacity` tokens
  std::vector<int32_t> order;  // frames in FFD order (count descending, ties by frame index)
};

// First-Fit-Decreasing (§6.7): frames by count descending (ties: frame index), each into the first
// bin with room; frames with count 0 get no bin. A bin holding exactly one frame makes it "lone".
PackPlan ffdPack(const std::vector<int32_t>& counts, int32_t capacity);

}  // namespace stts::prune
