// FastV (docs/baselines.md §7): prune vision tokens inside the prefill. Layers < K see the whole
// prompt; the last prompt token's head-mean attention at layer K-1 ranks the vision tokens, and
// only the top `keepVision` of them (plus every text token) enter layers >= K, keeping their
// original positions. No ViT work is saved. Internal: generate() and the tests use it.
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "prompt.h"
#include "stts/llm/qwen3.h"

namespace stts::llm {

struct FastvPlan {
  int64_t layer = 2;       // K, 1 .. layers-1
  int64_t keepVision = 0;  // vision tokens that enter layers >= K
};

struct FastvOutcome {
  std::vector<uint8_t> keep;     // [vision tokens] 1 = entered layers >= K
  std::vector<float> attention;  // [vision tokens] the ranking (head-mean probabilities)
  int64_t tokensAfter = 0;       // sequence length in layers >= K
};

// Prefill of x [1, L, d] (the embedded full prompt) from an empty cache. Returns ln_f(h) for the
// tokens of the last layer ([1, L', d]; its last row is the last prompt token) and leaves
// cache.length = L, so decoding continues at position L. `onBlock(i)` runs before each block.
at::Tensor fastvPrefill(const LlmWeights& w, const at::Tensor& x, const PromptLayout& prompt,
                        KvCache& cache, const FastvPlan& plan, FastvOutcome& outcome,
                        const std::function<void(int64_t)>& onBlock = {});

// Which vision tokens FastV keeps for this attention row: the top `keep` (stable: equal values
// keep the lower index). Torch-free so the tests can check it by hand.
std::vector<uint8_t> fastvKeep(const std::vector<float>& attention, int64_t keep);

}  // namespace stts::llm
