// Vision-side ops. Each one is tested against an explicit formula in tests/engine/model.
#include "stts/model/ops.h"

#include <torch/version.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <vector>

namespace stts::model {
namespace {

std::atomic<int> gAttention{static_cast<int>(AttentionImpl::Auto)};
std::atomic<int64_t> gChunkScores{int64_t{1} << 26};  // 256 MB of fp32 scores per chunk

// Rows whose every key is masked: [.., Lq, 1]. The softmax of such a row is NaN; we zero it so
// padding slots of a packed bin can never leak NaN into anything (0 * NaN = NaN in attn @ V).
at::Tensor deadRows(const at::Tensor& allowed) {
  return allowed.logical_not().all(-1, /*keepdim=*/true);
}

at::Tensor explicitAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                             const at::Tensor& bias, const at::Tensor& allowed) {
  const double scale = 1.0 / std::sqrt(static_cast<double>(q.size(-1)));
  // Scores in fp32 even for bf16 inputs: the softmax is the numerically sensitive part.
  at::Tensor s = at::matmul(q, k.transpose(-2, -1)).to(at::kFloat) * scale;
  if (bias.defined()) s = s + bias.to(at::kFloat);
  at::Tensor dead;
  if (allowed.defined()) {
    s = s.masked_fill(allowed.logical_not(), -std::numeric_limits<float>::infinity());
    dead = deadRows(allowed);
  }
  at::Tensor p = at::softmax(s, -1);
  if (dead.defined()) p = p.masked_fill(dead, 0.0);
  return at::matmul(p.to(v.scalar_type()), v);
}

#if TORCH_VERSION_MAJOR >= 2
at::Tensor sdpaAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                         const at::Tensor& bias, const at::Tensor& allowed) {
  // One additive float mask carries both the bias and the boolean mask.
  at::Tensor mask;
  if (bias.defined()) mask = bias.to(q.scalar_type());
  at::Tensor dead;
  if (allowed.defined()) {
    at::Tensor neg =
        at::zeros(allowed.sizes(), q.options())
            .masked_fill(allowed.logical_not(), -std::numeric_limits<float>::infinity());
    mask = mask.defined() ? mask + neg : neg;
    dead = deadRows(allowed);
  }
  // An undefined tensor inside the optional is not "no mask": pass nullopt explicitly.
  const c10::optional<at::Tensor> maskArg =
      mask.defined() ? c10::optional<at::Tensor>(mask) : c10::nullopt;
  at::Tensor out = at::scaled_dot_product_attention(q, k, v, maskArg);
  if (dead.defined()) out = out.masked_fill(dead, 0.0);
  return out;
}
#endif

}  // namespace

void setAttentionImpl(AttentionImpl impl) {
  gAttention.store(static_cast<int>(impl));
}
void setAttentionChunkScores(int64_t scores) {
  gChunkScores.store(std::max<int64_t>(scores, 1));
}
AttentionImpl attentionImpl() {
  return static_cast<AttentionImpl>(gAttention.load());
}
bool sdpaAvailable() {
#if TORCH_VERSION_MAJOR >= 2
  return true;
#else
  return false;
#endif
}

at::Tensor affine(const at::Tensor& x, const at::Tensor& w, const at::Tensor& b) {
  return at::linear(x.to(w.scalar_type()), w, b);
}

at::Tensor layerNorm(const at::Tensor& x, const at::Tensor& w, const at::Tensor& b, double eps) {
  return at::layer_norm(x.to(at::kFloat), {x.size(-1)}, w, b, eps);
}

at::Tensor geluTanh(const at::Tensor& x) {
  return at::gelu(x, "tanh");
}

namespace {

at::Tensor attentionOnce(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                         const at::Tensor& bias, const at::Tensor& allowed) {
#if TORCH_VERSION_MAJOR >= 2
  if (attentionImpl() != AttentionImpl::Explicit) return sdpaAttention(q, k, v, bias, allowed);
#endif
  return explicitAttention(q, k, v, bias, allowed);
}

// Rows [start, start+len) of dim 0 of a mask/bias that may broadcast over dim 0.
at::Tensor batchSlice(const at::Tensor& t, int64_t start, int64_t len) {
  // Lower-rank tensors broadcast over the batch from the right: nothing to slice.
  if (!t.defined() || t.dim() < 4 || t.size(0) == 1) return t;
  return t.narrow(0, start, len);
}

}  // namespace

at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                     const at::Tensor& bias, const at::Tensor& allowed) {
  // The explicit path materialises [B, H, Lq, Lk] fp32 scores (64 frames x 16 heads x 729^2 is
  // 2.2 GB, several copies through the softmax): chunk over the batch to bound the peak.
  const int64_t kMaxScores = gChunkScores.load();
  const int64_t batch = q.size(0);
  const int64_t perItem = q.size(1) * q.size(2) * k.size(2);
  const int64_t chunk = std::max<int64_t>(1, kMaxScores / std::max<int64_t>(perItem, 1));
  if (batch <= chunk) return attentionOnce(q, k, v, bias, allowed);
  std::vector<at::Tensor> parts;
  for (int64_t s = 0; s < batch; s += chunk) {
    const int64_t len = std::min(chunk, batch - s);
    parts.push_back(attentionOnce(q.narrow(0, s, len), k.narrow(0, s, len), v.narrow(0, s, len),
                                  batchSlice(bias, s, len), batchSlice(allowed, s, len)));
  }
  return at::cat(parts, 0);
}

at::Tensor poolingAttention(const at::Tensor& items, const at::Tensor& valid,
                            const AttentionWeights& w, int64_t heads, int64_t headDim) {
  const int64_t n = items.size(0);
  const int64_t kItems = items.size(1);
  at::Tensor query;
  at::Tensor allowed;
  if (valid.defined()) {
    // pooling_attention_mask: mean over the valid items only (count 0 -> 1).
    at::Tensor vf = valid.to(items.scalar_type()).unsqueeze(-1);
    query = (items * vf).sum(1) / vf.sum(1).clamp_min(1.0);
    allowed = valid.view({n, 1, 1, kItems});
  } else {
    query = items.mean(1);
  }
  at::Tensor q = affine(query, w.wq, w.bq).view({n, 1, heads, headDim}).transpose(1, 2);
  at::Tensor k = affine(items, w.wk, w.bk).view({n, kItems, heads, headDim}).transpose(1, 2);
  at::Tensor v = affine(items, w.wv, w.bv).view({n, kItems, heads, headDim}).transpose(1, 2);
  at::Tensor o = attention(q, k, v, {}, allowed).transpose(1, 2).reshape({n, heads * headDim});
  return affine(o, w.wo, w.bo);
}

at::Tensor projectorSwiglu(const at::Tensor& x, const at::Tensor& w1, const at::Tensor& w3,
                           const at::Tensor& w2) {
  at::Tensor xx = x.to(w1.scalar_type());
  return at::linear(at::silu(at::linear(xx, w1)) * at::linear(xx, w3), w2);
}

at::Tensor fusedSwiglu(const at::Tensor& x, const at::Tensor& ffProj, const at::Tensor& ffOut) {
  at::Tensor h = affine(x, ffProj);
  auto parts = h.chunk(2, -1);  // [up ; gate]: SiLU goes on the second half
  return at::linear(parts[0] * at::silu(parts[1]), ffOut);
}

at::Tensor cellPatchIndex(int64_t gridH, int64_t gridW, int64_t pool) {
  const int64_t rows = gridH / pool;
  const int64_t cols = gridW / pool;
  at::Tensor idx = at::empty({rows * cols, pool * pool}, at::kLong);
  auto a = idx.accessor<int64_t, 2>();
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c)
      for (int64_t dr = 0; dr < pool; ++dr)
        for (int64_t dc = 0; dc < pool; ++dc)
          a[r * cols + c][dr * pool + dc] = (pool * r + dr) * gridW + pool * c + dc;
  return idx;
}

}  // namespace stts::model
