// The STTS temporal token scorer (docs/molmo2-spec.md §6.4).
#pragma once

#include <ATen/ATen.h>

#include <cstdint>

#include "stts/model/ops.h"

namespace stts::model {

struct ScorerWeights {
  AttentionWeights pool;  // patch_token_pooler, W -> W
  at::Tensor w1, b1, w2, b2, w3, b3;
  int64_t heads = 0;
  int64_t headDim = 0;
};

// h [T, N, W] (output of block prune_at), cellIdx [C, 9] -> sigmoid scores [T, C] fp32.
// Frame t's MLP input is concat(pooled[t-1], pooled[t]) with zeros before frame 0.
at::Tensor scoreCells(const ScorerWeights& w, const at::Tensor& h, const at::Tensor& cellIdx);

}  // namespace stts::model
