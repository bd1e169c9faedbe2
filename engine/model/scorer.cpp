// STTS temporal token scorer, docs/molmo2-spec.md §6.4.
#include "stts/model/scorer.h"

namespace stts::model {

at::Tensor scoreCells(const ScorerWeights& w, const at::Tensor& h, const at::Tensor& cellIdx) {
  const int64_t t = h.size(0);
  const int64_t width = h.size(2);
  const int64_t cells = cellIdx.size(0);
  const int64_t per = cellIdx.size(1);
  // [T, C*9, W] -> [T*C, 9, W]; every item is a real patch, so no mask (plain mean query).
  at::Tensor items =
      h.index_select(1, cellIdx.reshape({-1}).to(h.device())).reshape({t * cells, per, width});
  at::Tensor s = poolingAttention(items, {}, w.pool, w.heads, w.headDim).view({t, cells, -1});
  // Previous-frame context: frame 0 sees zeros; input = [prev ; current] (prev first).
  at::Tensor prev = at::cat({at::zeros_like(s.narrow(0, 0, 1)), s.narrow(0, 0, t - 1)}, 0);
  at::Tensor z = at::cat({prev, s}, -1);
  z = at::silu(affine(z, w.w1, w.b1));
  z = at::silu(affine(z, w.w2, w.b2));
  z = affine(z, w.w3, w.b3);
  return at::sigmoid(z.to(at::kFloat)).squeeze(-1);
}

}  // namespace stts::model
