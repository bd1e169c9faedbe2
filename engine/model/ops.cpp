// Vision-side ops. Each one is tested against an explicit formula in tests/engine/model.
#include "stts/model/ops.h"

#include "stts/model/threads.h"

#include <ATen/Parallel.h>
#include <torch/version.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <vector>

namespace stts::model {
namespace {

std::atomic<int> gAttention{static_cast<int>(AttentionImpl::Auto)};
std::atomic<int64_t> gChunkScores{int64_t{1} << 26};  // 256 MB of fp32 scores per chunk
std::atomic<int64_t> gTileBytes{int64_t{128} << 10};

constexpr float kMinusInf = -std::numeric_limits<float>::infinity();

// The hand-split kernels write through out= arguments and in place, which autograd cannot
// follow: training (fit-scorer) takes LibTorch's own ops.
bool needsGradient(std::initializer_list<at::Tensor> tensors) {
  if (!at::GradMode::is_enabled()) return false;
  for (const at::Tensor& t : tensors)
    if (t.defined() && t.requires_grad()) return true;
  return false;
}

// Rows whose every key is masked: [.., Lq, 1]. The softmax of such a row is NaN; we zero it so
// padding slots of a packed bin can never leak NaN into anything (0 * NaN = NaN in attn @ V).
at::Tensor deadRows(const at::Tensor& allowed) {
  return allowed.logical_not().all(-1, /*keepdim=*/true);
}

// Key/value heads repeated so that query head h reads head h / groups ([k0, k0, .., k1, ..]).
at::Tensor repeatKvHeads(const at::Tensor& t, int64_t heads) {
  const int64_t groups = heads / t.size(1);
  return groups == 1 ? t : t.repeat_interleave(groups, 1);
}

at::Tensor explicitAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                             const at::Tensor& bias, const at::Tensor& allowed) {
  const double scale = 1.0 / std::sqrt(static_cast<double>(q.size(-1)));
  // Scores in fp32 even for bf16 inputs: the softmax is the numerically sensitive part.
  at::Tensor s =
      at::matmul(q, repeatKvHeads(k, q.size(1)).transpose(-2, -1)).to(at::kFloat) * scale;
  if (bias.defined()) s = s + bias.to(at::kFloat);
  at::Tensor dead;
  if (allowed.defined()) {
    s = s.masked_fill(allowed.logical_not(), kMinusInf);
    dead = deadRows(allowed);
  }
  at::Tensor p = at::softmax(s, -1);
  if (dead.defined()) p = p.masked_fill(dead, 0.0);
  return at::matmul(p.to(v.scalar_type()), repeatKvHeads(v, q.size(1)));
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
        at::zeros(allowed.sizes(), q.options()).masked_fill(allowed.logical_not(), kMinusInf);
    mask = mask.defined() ? mask + neg : neg;
    dead = deadRows(allowed);
  }
  // An undefined tensor inside the optional is not "no mask": pass nullopt explicitly.
  const c10::optional<at::Tensor> maskArg =
      mask.defined() ? c10::optional<at::Tensor>(mask) : c10::nullopt;
  at::Tensor out = at::scaled_dot_product_attention(q, repeatKvHeads(k, q.size(1)),
                                                    repeatKvHeads(v, q.size(1)), maskArg);
  if (dead.defined()) out = out.masked_fill(dead, 0.0);
  return out;
}
#endif

// Explicit's arithmetic one (batch, head, query tile) at a time: the scores of a tile are a small
// buffer reused across the items a thread runs, so nothing the size of [B, H, Lq, Lk] is ever
// allocated or streamed through memory. q/k/v may be strided views (the blocks' transposed heads):
// BLAS reads them in place, and the output is written as [B, Lq, H, Dv], the layout the caller
// folds the heads back into, then returned as the [B, H, Lq, Dv] view of it.
at::Tensor blockedAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                            const at::Tensor& bias, const at::Tensor& allowed) {
  const int64_t batch = q.size(0), heads = q.size(1), lq = q.size(2), d = q.size(3);
  const int64_t lk = k.size(2), dv = v.size(3);
  const int64_t groups = heads / k.size(1);
  const double scale = 1.0 / std::sqrt(static_cast<double>(d));
  const std::vector<int64_t> full = {batch, heads, lq, lk};

  const at::Tensor biasAll = bias.defined() ? bias.to(at::kFloat).expand(full) : at::Tensor();
  at::Tensor maskedAll;  // true = may not attend
  at::Tensor deadAll;    // [B, H, Lq, 1] where some row sees no key
  if (allowed.defined()) {
    const at::Tensor masked = allowed.logical_not();
    maskedAll = masked.expand(full);
    const at::Tensor dead = masked.all(-1, /*keepdim=*/true);
    if (dead.any().item<bool>()) deadAll = dead.expand({batch, heads, lq, 1});
  }

  const int64_t rows =
      std::clamp<int64_t>(gTileBytes.load() / static_cast<int64_t>(sizeof(float) * lk), 1, lq);
  const int64_t tiles = (lq + rows - 1) / rows;
  at::Tensor out = at::empty({batch, lq, heads, dv}, q.options());
  at::parallel_for(0, batch * heads * tiles, 1, [&](int64_t begin, int64_t end) {
    at::Tensor scores = at::empty({rows, lk}, q.options());
    for (int64_t item = begin; item < end; ++item) {
      const int64_t bh = item / tiles;
      const int64_t r0 = (item % tiles) * rows;
      const int64_t n = std::min(rows, lq - r0);
      const int64_t b = bh / heads, h = bh % heads, hk = h / groups;
      at::Tensor s = scores.narrow(0, 0, n);
      at::mm_out(s, q.select(0, b).select(0, h).narrow(0, r0, n), k.select(0, b).select(0, hk).t());
      s.mul_(scale);
      if (biasAll.defined()) s.add_(biasAll.select(0, b).select(0, h).narrow(0, r0, n));
      if (maskedAll.defined())
        s.masked_fill_(maskedAll.select(0, b).select(0, h).narrow(0, r0, n), kMinusInf);
      at::_softmax_out(s, s, -1, /*half_to_float=*/false);
      if (deadAll.defined())
        s.masked_fill_(deadAll.select(0, b).select(0, h).narrow(0, r0, n), 0.0);
      at::Tensor o = out.select(0, b).narrow(0, r0, n).select(1, h);
      at::mm_out(o, s, v.select(0, b).select(0, hk));
    }
  });
  return out.transpose(1, 2);
}

AttentionImpl resolvedImpl(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v) {
  const AttentionImpl chosen = attentionImpl();
  const bool blockable = !needsGradient({q, k, v}) && q.device().is_cpu() &&
                         q.scalar_type() == at::kFloat && k.scalar_type() == at::kFloat &&
                         v.scalar_type() == at::kFloat;
  switch (chosen) {
    case AttentionImpl::Blocked:
      return blockable ? AttentionImpl::Blocked : AttentionImpl::Explicit;
    case AttentionImpl::Sdpa:
      return sdpaAvailable() ? AttentionImpl::Sdpa : AttentionImpl::Explicit;
    case AttentionImpl::Explicit:
      return AttentionImpl::Explicit;
    case AttentionImpl::Auto:
      break;
  }
  if (sdpaAvailable()) return AttentionImpl::Sdpa;  // fused kernels on the CPU and on CUDA
  constexpr int64_t kMinTileRows = 16;
  return blockable && q.size(2) >= kMinTileRows ? AttentionImpl::Blocked : AttentionImpl::Explicit;
}

}  // namespace

void setAttentionImpl(AttentionImpl impl) {
  gAttention.store(static_cast<int>(impl));
}
void setAttentionChunkScores(int64_t scores) {
  gChunkScores.store(std::max<int64_t>(scores, 1));
}
void setAttentionTileBytes(int64_t bytes) {
  gTileBytes.store(std::max<int64_t>(bytes, 1));
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

namespace {

// Below these, splitting a product costs more than the second thread gains.
constexpr int64_t kMinRowsPerThread = 32;
constexpr int64_t kMinColsPerThread = 256;

// x2 [rows, K] W^T (+ b) with the rows (a prefill, frames' tokens) or, for a few rows (a decode
// step), the output columns split over LibTorch's threads, each part one single-threaded BLAS call
// writing straight into its slice of the result.
at::Tensor splitAffine(const at::Tensor& x2, const at::Tensor& w, const at::Tensor& b,
                       int64_t threads) {
  const int64_t rows = x2.size(0), cols = w.size(0);
  at::Tensor out = at::empty({rows, cols}, x2.options());
  const bool byRows = rows >= threads * kMinRowsPerThread;
  const int64_t extent = byRows ? rows : cols;
  const int64_t chunk = (extent + threads - 1) / threads;
  at::parallel_for(0, threads, 1, [&](int64_t begin, int64_t end) {
    for (int64_t part = begin; part < end; ++part) {
      const int64_t start = part * chunk, n = std::min(chunk, extent - start);
      if (n <= 0) continue;
      const at::Tensor xs = byRows ? x2.narrow(0, start, n) : x2;
      const at::Tensor ws = byRows ? w : w.narrow(0, start, n);
      at::Tensor o = byRows ? out.narrow(0, start, n) : out.narrow(1, start, n);
      if (!b.defined())
        at::mm_out(o, xs, ws.t());
      else
        at::addmm_out(o, byRows ? b : b.narrow(0, start, n), xs, ws.t());
    }
  });
  return out;
}

}  // namespace

at::Tensor affine(const at::Tensor& x, const at::Tensor& w, const at::Tensor& b) {
  const at::Tensor xx = x.to(w.scalar_type());
  const int64_t threads = at::get_num_threads();
  if (splitGemmRows() && xx.device().is_cpu() && threads > 1 && !at::in_parallel_region() &&
      !needsGradient({xx, w, b})) {
    const int64_t k = xx.size(-1);
    const int64_t rows = k > 0 ? xx.numel() / k : 0;
    if (rows >= threads * kMinRowsPerThread || w.size(0) >= threads * kMinColsPerThread) {
      std::vector<int64_t> shape = xx.sizes().vec();
      shape.back() = w.size(0);
      return splitAffine(xx.reshape({rows, k}), w, b, threads).view(shape);
    }
  }
  return at::linear(xx, w, b);
}

at::Tensor layerNorm(const at::Tensor& x, const at::Tensor& w, const at::Tensor& b, double eps) {
  return at::layer_norm(x.to(at::kFloat), {x.size(-1)}, w, b, eps);
}

at::Tensor geluTanh(const at::Tensor& x) {
  return at::gelu(x, "tanh");
}

namespace {

at::Tensor attentionOnce(AttentionImpl impl, const at::Tensor& q, const at::Tensor& k,
                         const at::Tensor& v, const at::Tensor& bias, const at::Tensor& allowed) {
#if TORCH_VERSION_MAJOR >= 2
  if (impl == AttentionImpl::Sdpa) return sdpaAttention(q, k, v, bias, allowed);
#endif
  (void)impl;
  return explicitAttention(q, k, v, bias, allowed);
}

// Slice [start, start+len) of `dim` of a mask/bias broadcastable to [B, H, Lq, Lk]: nothing to
// slice where it broadcasts (lower rank, or size 1 in that dim).
at::Tensor broadcastSlice(const at::Tensor& t, int64_t dim, int64_t start, int64_t len) {
  const int64_t fromRight = 4 - dim;
  if (!t.defined() || t.dim() < fromRight) return t;
  const int64_t d = t.dim() - fromRight;
  if (t.size(d) == 1) return t;
  return t.narrow(d, start, len);
}

}  // namespace

at::Tensor attention(const at::Tensor& q, const at::Tensor& kIn, const at::Tensor& vIn,
                     const at::Tensor& bias, const at::Tensor& allowed) {
  const AttentionImpl impl = resolvedImpl(q, kIn, vIn);
  if (impl == AttentionImpl::Blocked) return blockedAttention(q, kIn, vIn, bias, allowed);
  // Grouped heads expanded once, not in every chunk (a 128-frame prefill has dozens of chunks).
  const at::Tensor k = repeatKvHeads(kIn, q.size(1)), v = repeatKvHeads(vIn, q.size(1));
  // The whole-tensor paths materialise [B, H, Lq, Lk] fp32 scores (64 frames x 16 heads x 729^2
  // is 2.2 GB, several copies through the softmax; a 34k-token prefill tens of GB): chunk over
  // the batch, and over query rows when one batch item alone is too large.
  const int64_t maxScores = gChunkScores.load();
  const int64_t batch = q.size(0), lq = q.size(2);
  const int64_t perRow = std::max<int64_t>(q.size(1) * k.size(2), 1);
  const int64_t perItem = perRow * lq;
  if (batch * perItem <= maxScores) return attentionOnce(impl, q, k, v, bias, allowed);
  std::vector<at::Tensor> parts;
  if (perItem <= maxScores) {
    const int64_t chunk = maxScores / perItem;
    for (int64_t s = 0; s < batch; s += chunk) {
      const int64_t len = std::min(chunk, batch - s);
      parts.push_back(attentionOnce(impl, q.narrow(0, s, len), k.narrow(0, s, len),
                                    v.narrow(0, s, len), broadcastSlice(bias, 0, s, len),
                                    broadcastSlice(allowed, 0, s, len)));
    }
    return at::cat(parts, 0);
  }
  const int64_t rows = std::max<int64_t>(1, maxScores / perRow);
  for (int64_t b = 0; b < batch; ++b) {
    std::vector<at::Tensor> rowParts;
    const at::Tensor bb = broadcastSlice(bias, 0, b, 1), ab = broadcastSlice(allowed, 0, b, 1);
    for (int64_t s = 0; s < lq; s += rows) {
      const int64_t len = std::min(rows, lq - s);
      rowParts.push_back(attentionOnce(impl, q.narrow(0, b, 1).narrow(2, s, len), k.narrow(0, b, 1),
                                       v.narrow(0, b, 1), broadcastSlice(bb, 2, s, len),
                                       broadcastSlice(ab, 2, s, len)));
    }
    parts.push_back(at::cat(rowParts, 2));
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
  return affine(at::silu(affine(x, w1)) * affine(x, w3), w2);
}

at::Tensor fusedSwiglu(const at::Tensor& x, const at::Tensor& ffProj, const at::Tensor& ffOut) {
  at::Tensor h = affine(x, ffProj);
  auto parts = h.chunk(2, -1);  // [up ; gate]: SiLU goes on the second half
  return affine(parts[0] * at::silu(parts[1]), ffOut);
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
