// STTS discrete decisions, docs/molmo2-spec.md §6.5-6.7.
#include "stts/prune/stts_select.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace stts::prune {

int64_t sttsBudget(double topk, int64_t frames, int64_t pruneFromFrame, int64_t cellsPerFrame) {
  const int64_t prunable = frames - pruneFromFrame;
  if (prunable <= 0 || topk <= 0.0) return 0;
  // Python: (cells * topk) is a double; multiplying an int64 tensor by it yields float32, so both
  // factors are rounded to float32 and the product is a float32 product.
  const volatile float perFrame = static_cast<float>(static_cast<double>(cellsPerFrame) * topk);
  const volatile float count = static_cast<float>(prunable);
  const float product = perFrame * count;
  auto budget = static_cast<int64_t>(product);  // .int(): truncation toward zero
  return std::clamp<int64_t>(budget, 0, frames * cellsPerFrame);
}

std::vector<float> selectionScores(const std::vector<float>& scores, int64_t cellsPerFrame) {
  std::vector<float> out = scores;
  for (int64_t c = 0; c < cellsPerFrame && c < static_cast<int64_t>(out.size()); ++c)
    out[static_cast<size_t>(c)] = 100.0f;
  return out;
}

Selection selectLowest(const std::vector<float>& sortScores, int64_t frames, int64_t cellsPerFrame,
                       int64_t budget) {
  const auto n = static_cast<size_t>(frames * cellsPerFrame);
  Selection sel;
  sel.keep.assign(n, 1);
  std::vector<int64_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
    return sortScores[static_cast<size_t>(a)] < sortScores[static_cast<size_t>(b)];
  });
  const auto removed = static_cast<size_t>(std::clamp<int64_t>(budget, 0, static_cast<int64_t>(n)));
  for (size_t i = 0; i < removed; ++i) sel.keep[static_cast<size_t>(order[i])] = 0;
  sel.removed = static_cast<int64_t>(removed);
  sel.keptPerFrame.assign(static_cast<size_t>(frames), 0);
  for (size_t i = 0; i < n; ++i)
    sel.keptPerFrame[i / static_cast<size_t>(cellsPerFrame)] += sel.keep[i];
  return sel;
}

std::vector<float> softBiasLog(const std::vector<float>& scores, int64_t frames, int64_t gridH,
                               int64_t gridW, int64_t pool, double rescaleMin) {
  const int64_t cols = gridW / pool;
  const int64_t cells = (gridH / pool) * cols;
  const float lo = static_cast<float>(rescaleMin);
  std::vector<float> out(static_cast<size_t>(frames * gridH * gridW), 0.0f);
  for (int64_t t = 1; t < frames; ++t) {  // frame 0: s' = 1, ln 1 = 0
    for (int64_t y = 0; y < gridH; ++y) {
      const float* row = scores.data() + t * cells + (y / pool) * cols;
      // Min/max over the patch row = over its cells (each replicated `pool` times).
      const float mn = *std::min_element(row, row + cols);
      const float mx = *std::max_element(row, row + cols);
      const float denom = mx - mn + 1e-6f;
      for (int64_t x = 0; x < gridW; ++x) {
        const float s = row[x / pool];
        const float scaled = lo + (s - mn) * (1.0f - lo) / denom;
        out[static_cast<size_t>((t * gridH + y) * gridW + x)] = std::log(scaled);
      }
    }
  }
  return out;
}

PackPlan ffdPack(const std::vector<int32_t>& counts, int32_t capacity) {
  const auto t = counts.size();
  PackPlan plan;
  plan.capacity = capacity;
  plan.frameBin.assign(t, -1);
  plan.frameOffset.assign(t, 0);
  plan.lone.assign(t, 0);
  plan.order.resize(t);
  std::iota(plan.order.begin(), plan.order.end(), 0);
  std::stable_sort(plan.order.begin(), plan.order.end(), [&](int32_t a, int32_t b) {
    return counts[static_cast<size_t>(a)] > counts[static_cast<size_t>(b)];
  });
  for (int32_t f : plan.order) {
    const int32_t c = counts[static_cast<size_t>(f)];
    if (c <= 0) continue;
    size_t b = 0;
    while (b < plan.binUsed.size() && plan.binUsed[b] + c > capacity) ++b;
    if (b == plan.binUsed.size()) {
      plan.binUsed.push_back(0);
      plan.binFrames.emplace_back();
    }
    plan.frameBin[static_cast<size_t>(f)] = static_cast<int32_t>(b);
    plan.frameOffset[static_cast<size_t>(f)] = plan.binUsed[b];
    plan.binUsed[b] += c;
    plan.binFrames[b].push_back(f);
  }
  for (const auto& frames : plan.binFrames)
    if (frames.size() == 1) plan.lone[static_cast<size_t>(frames.front())] = 1;
  return plan;
}

}  // namespace stts::prune
