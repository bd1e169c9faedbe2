// Torch-level building blocks of the Molmo2 vision side (docs/molmo2-spec.md §2, §7). Internal to
// the engine: the pipeline, the tests and the benchmark include it; public headers never do.
//
// Precision rule (spec §7 pitfall 9, "autocast" semantics): weights are stored in the run dtype
// (bf16 on CUDA, fp32 on CPU by default); affine() casts its input to the weight dtype, norms and
// softmax run in fp32, and the ViT residual stream stays fp32, so the fp32 CPU path is the exact
// reference and the bf16 path matches what the reference computes under autocast.
#pragma once

#include <ATen/ATen.h>

#include <cstdint>

namespace stts::model {

// Which attention kernel to use.
// - Explicit: matmul, fp32 softmax over whole [B, H, Lq, Lk] score tensors (chunked over the
//   batch and query rows to bound memory). The parity reference in the tests.
// - Sdpa: at::scaled_dot_product_attention (LibTorch >= 2.0; falls back to Explicit on 1.13).
// - Blocked: fp32 on the CPU only (else Explicit): one (batch, head, query tile) at a time, the
//   tile's scores sized to stay in cache, work items spread over the intra-op threads. The same
//   arithmetic as Explicit, so results agree to fp32 rounding.
// - Auto: Sdpa where available (LibTorch 2.x, CPU and CUDA); else, on the CPU in fp32, Blocked
//   for queries of >= 16 rows (one cell's pooling query and a decode step stay Explicit: their
//   scores are tiny).
enum class AttentionImpl { Auto, Explicit, Sdpa, Blocked };
void setAttentionImpl(AttentionImpl impl);
AttentionImpl attentionImpl();
bool sdpaAvailable();  // compiled against a LibTorch that has at::scaled_dot_product_attention
// The Explicit and Sdpa paths run at most this many score elements (batch x heads x Lq x Lk) at
// once, chunking over the batch, then over query rows; default 2^26 (256 MB fp32). Tests lower
// it to exercise the chunking.
void setAttentionChunkScores(int64_t scores);
// Bytes of fp32 scores one Blocked work item holds (its query tile x Lk); default 128 KiB, a
// share of a core's L2. Tests lower it to exercise tiling; the benchmark tunes it.
void setAttentionTileBytes(int64_t bytes);

// y = x W^T (+ b), x cast to W's dtype.
at::Tensor affine(const at::Tensor& x, const at::Tensor& w, const at::Tensor& b = {});
// LayerNorm over the last dim in fp32 (weights are kept fp32); result is fp32.
at::Tensor layerNorm(const at::Tensor& x, const at::Tensor& w, const at::Tensor& b, double eps);
// GELU, tanh approximation (gelu_pytorch_tanh).
at::Tensor geluTanh(const at::Tensor& x);

// Multi-head attention core. q [B, H, Lq, D], k/v [B, Hk, Lk, D] with H a multiple of Hk
// (grouped queries: query head h reads key/value head h / (H / Hk)).
// bias: additive float, broadcastable to [B, H, Lq, Lk] (may be undefined).
// allowed: bool, broadcastable to [B, H, Lq, Lk], true = may attend (may be undefined).
// A query row with no allowed key yields zeros (safe softmax), never NaN.
// Softmax in fp32; the result has q's dtype.
at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                     const at::Tensor& bias = {}, const at::Tensor& allowed = {});

// Weights of one (pooling) attention: q/k/v/o projections with biases.
struct AttentionWeights {
  at::Tensor wq, bq, wk, bk, wv, bv, wo, bo;
};

// Attention pooling with a mean query (spec §2.5, §6.4). items [N, K, Din]; valid [N, K] bool or
// undefined (all valid). The query is the mean of the valid items (count 0 -> 1); invalid items
// are masked as keys. Returns [N, Dout] (dtype of the projections' output).
at::Tensor poolingAttention(const at::Tensor& items, const at::Tensor& valid,
                            const AttentionWeights& w, int64_t heads, int64_t headDim);

// Projector SwiGLU (spec §2.6): w2( silu(w1 x) * (w3 x) ), no biases.
at::Tensor projectorSwiglu(const at::Tensor& x, const at::Tensor& w1, const at::Tensor& w3,
                           const at::Tensor& w2);
// LLM SwiGLU with the fused ff_proj rows [up ; gate] (spec §7 pitfall 4): silu on the SECOND half.
at::Tensor fusedSwiglu(const at::Tensor& x, const at::Tensor& ffProj, const at::Tensor& ffOut);

// Patch indices of each pooled cell: [cells, pool*pool] int64 into a frame's row-major patch
// grid, cell order row-major, items dr-major then dc (spec §2.5). Grid must divide by `pool`.
at::Tensor cellPatchIndex(int64_t gridH, int64_t gridW, int64_t pool);

}  // namespace stts::model
