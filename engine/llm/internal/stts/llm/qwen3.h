// The Molmo2 language model (Qwen3, OLMo-style names; docs/molmo2-spec.md §3-4) on LibTorch:
// embedding with visual features added, pre-norm blocks with per-head QK-norm, RoPE, GQA, KV
// cache, greedy decoding. Internal: the generate entry point, tests and benchmarks use it.
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "stts/model/model_impl.h"

namespace stts::llm {

struct LlmBlockWeights {
  at::Tensor attnNorm, attProj, attBias, qNorm, kNorm, attnOut, ffNorm, ffProj, ffOut;
};

struct LlmWeights {
  Molmo2TextConfig config;
  at::Tensor embedding, newEmbedding;  // [vocab, d], [additional, d]
  std::vector<LlmBlockWeights> blocks;
  at::Tensor lnF, lmHead;  // lmHead = embedding when tied and absent
};

// Views of the loaded weights (no copies). Throws std::runtime_error when a tensor is missing
// (e.g. the model was loaded with loadLanguageModel = false).
LlmWeights llmWeights(const detail::ModelImpl& impl);

struct KvCache {
  std::vector<at::Tensor> k, v;  // per block [1, kvHeads, length, headDim]
  int64_t length = 0;
};

// RMSNorm: statistics in fp32, normalised value cast back to x's dtype, then x weight.
at::Tensor rmsNorm(const at::Tensor& x, const at::Tensor& weight, double eps);
// cos/sin tables [L, headDim] (fp32) for the given positions, halves duplicated ([f, f]).
std::pair<at::Tensor, at::Tensor> ropeTables(const at::Tensor& positions, int64_t headDim,
                                             double theta);
at::Tensor rotateHalf(const at::Tensor& x);
// x [.., L, headDim] rotated with tables [L, headDim]; computed in fp32, result in x's dtype.
at::Tensor applyRope(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin);

// Embeds ids [L] (ids >= vocab index newEmbedding) and adds features [n, d] at `patchPositions`
// (n must equal their count). Returns [1, L, d] in the run dtype.
at::Tensor embed(const LlmWeights& w, const std::vector<int32_t>& ids,
                 const std::vector<int64_t>& patchPositions, const at::Tensor& features);

// The prefill mask [Lq, Lk] (true = may attend) for queries at positions start..start+Lq-1 over
// keys 0..start+Lq-1: causal, OR both tokens image tokens (imageToken covers every key; empty =
// plain causal).
at::Tensor prefillAllowed(int64_t start, int64_t lq, const std::vector<uint8_t>& imageToken);

// Block i on h [1, L, d] with RoPE tables cos/sin [L, headDim] of its positions and mask
// [1, 1, L, Lk] (true = may attend; undefined = every key), appending its keys/values to
// cache.k[i] / cache.v[i] (Lk = cached + L). lastRowAttention, when given, receives the last
// query's attention probabilities over the Lk keys, averaged over heads ([Lk], fp32): FastV's
// ranking, computed explicitly because fused attention does not return it.
at::Tensor block(const LlmWeights& w, size_t i, const at::Tensor& h, const at::Tensor& cos,
                 const at::Tensor& sin, const at::Tensor& mask, KvCache& cache,
                 at::Tensor* lastRowAttention = nullptr);

// Runs the blocks on x [1, L, d] at positions cache.length..; appends to the cache. `allowed`
// [L, cache.length + L] or undefined for plain causal. `onBlock(i)` runs before each block (it
// may throw to cancel). Returns ln_f(h) [1, L, d].
at::Tensor forward(const LlmWeights& w, const at::Tensor& x, KvCache& cache,
                   const at::Tensor& allowed, const std::function<void(int64_t)>& onBlock = {});
// Logits [.., vocab] in fp32.
at::Tensor logits(const LlmWeights& w, const at::Tensor& h);

}  // namespace stts::llm
