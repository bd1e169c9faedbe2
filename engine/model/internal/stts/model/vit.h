// The Molmo2 SigLIP-style ViT (docs/molmo2-spec.md §2.3): patch embedding + positional
// embedding, pre-norm blocks. The residual stream is fp32 (see ops.h).
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <vector>

#include "stts/model/ops.h"

namespace stts::model {

struct VitBlockWeights {
  at::Tensor ln1w, ln1b;  // attention_norm (fp32)
  AttentionWeights attn;
  at::Tensor ln2w, ln2b;  // ffn_norm (fp32)
  at::Tensor w1, b1, w2, b2;
};

struct VitWeights {
  at::Tensor patchW, patchB, pos;  // [W, p*p*3], [W], [N, W]
  std::vector<VitBlockWeights> blocks;
  int64_t heads = 0;
  int64_t headDim = 0;
  double eps = 1e-6;
};

// patches [T, N, p*p*3] -> h0 [T, N, W] fp32.
at::Tensor vitEmbed(const VitWeights& w, const at::Tensor& patches);

// One block on x [B, L, W] (fp32). bias: additive per-key attention bias broadcastable to
// [B, H, L, L]; allowed: bool mask broadcastable to [B, H, L, L]. Either may be undefined.
at::Tensor vitBlock(const VitWeights& w, int64_t b, const at::Tensor& x,
                    const at::Tensor& bias = {}, const at::Tensor& allowed = {});

}  // namespace stts::model
