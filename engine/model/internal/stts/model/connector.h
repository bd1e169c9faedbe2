// The Molmo2 connector (docs/molmo2-spec.md §2.5-2.6): 3x3 attention pooling with a masked mean
// query over the concatenated ViT features, then the SwiGLU projector.
#pragma once

#include <ATen/ATen.h>

#include <cstdint>

#include "stts/model/ops.h"

namespace stts::model {

struct ConnectorWeights {
  AttentionWeights pool;  // image_pooling_2d, 2W -> W
  at::Tensor w1, w3, w2;  // image_projector
  int64_t heads = 0;
  int64_t headDim = 0;
  bool maskedMean = true;  // pooling_attention_mask
};

// feats [T, N, F] (scattered features; pruned positions zero), patchValid [T, N] bool (the
// pre-refill mask; undefined = all valid), cellIdx [C, 9], cellKeep [T*C] bool (undefined = all).
// Only kept cells are pooled and projected: pruned cells never reach the output, and their work
// is skipped (each cell is independent). Returns [kept cells, d_model] in (frame, row, col) order.
at::Tensor connect(const ConnectorWeights& w, const at::Tensor& feats, const at::Tensor& patchValid,
                   const at::Tensor& cellIdx, const at::Tensor& cellKeep);

}  // namespace stts::model
