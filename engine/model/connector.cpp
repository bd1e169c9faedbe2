// Connector, docs/molmo2-spec.md §2.5-2.6 and §6.8.
#include "stts/model/connector.h"

namespace stts::model {

at::Tensor connect(const ConnectorWeights& w, const at::Tensor& feats, const at::Tensor& patchValid,
                   const at::Tensor& cellIdx, const at::Tensor& cellKeep) {
  const int64_t t = feats.size(0);
  const int64_t f = feats.size(2);
  const int64_t cells = cellIdx.size(0);
  const int64_t per = cellIdx.size(1);
  at::Tensor flatIdx = cellIdx.reshape({-1}).to(feats.device());
  at::Tensor items = feats.index_select(1, flatIdx).reshape({t * cells, per, f});
  at::Tensor valid;
  if (patchValid.defined() && w.maskedMean) {
    valid = patchValid.index_select(1, flatIdx).reshape({t * cells, per});
  }
  if (cellKeep.defined()) {
    // Selecting before pooling is exact (cells are independent) and skips the pruned work.
    at::Tensor rows = cellKeep.to(feats.device()).nonzero().squeeze(-1);
    items = items.index_select(0, rows);
    if (valid.defined()) valid = valid.index_select(0, rows);
  }
  if (valid.defined()) {
    // Invalid items are zero in the reference (index -1 -> zeroed) before pooling.
    items = items * valid.unsqueeze(-1).to(items.scalar_type());
  }
  at::Tensor pooled = poolingAttention(items, valid, w.pool, w.heads, w.headDim);
  return projectorSwiglu(pooled, w.w1, w.w3, w.w2);
}

}  // namespace stts::model
