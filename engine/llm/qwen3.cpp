#include "stts/llm/qwen3.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "stts/checkpoint/tensor_names.h"
#include "stts/model/ops.h"

namespace stts::llm {
namespace names = stts::ckpt::names;

LlmWeights llmWeights(const detail::ModelImpl& impl) {
  LlmWeights w;
  w.config = impl.info.config.text;
  auto need = [&](const std::string& name) {
    at::Tensor t = impl.weight(name);
    if (!t.defined())
      throw std::runtime_error("the language model tensor " + name +
                               " is not loaded (was the model loaded without the LLM?)");
    return t;
  };
  w.embedding = need(names::llm("wte.embedding"));
  w.newEmbedding = need(names::llm("wte.new_embedding"));
  for (int64_t i = 0; i < w.config.numHiddenLayers; ++i) {
    LlmBlockWeights b;
    b.attnNorm = need(names::llmBlock(i, "attn_norm.weight"));
    b.attProj = need(names::llmBlock(i, "self_attn.att_proj.weight"));
    if (w.config.qkvBias) b.attBias = need(names::llmBlock(i, "self_attn.att_proj.bias"));
    if (w.config.useQkNorm) {
      b.qNorm = need(names::llmBlock(i, "self_attn.q_norm.weight"));
      b.kNorm = need(names::llmBlock(i, "self_attn.k_norm.weight"));
    }
    b.attnOut = need(names::llmBlock(i, "self_attn.attn_out.weight"));
    b.ffNorm = need(names::llmBlock(i, "ff_norm.weight"));
    b.ffProj = need(names::llmBlock(i, "mlp.ff_proj.weight"));
    b.ffOut = need(names::llmBlock(i, "mlp.ff_out.weight"));
    w.blocks.push_back(b);
  }
  w.lnF = need(names::llm("ln_f.weight"));
  w.lmHead = impl.weight(names::lmHead());
  if (!w.lmHead.defined()) w.lmHead = w.embedding;  // tied: the checkpoint may omit the head
  return w;
}

at::Tensor rmsNorm(const at::Tensor& x, const at::Tensor& weight, double eps) {
  at::Tensor xf = x.to(at::kFloat);
  at::Tensor y = (xf * at::rsqrt(xf.pow(2).mean(-1, true) + eps)).to(x.scalar_type());
  return (y * weight).to(x.scalar_type());
}

std::pair<at::Tensor, at::Tensor> ropeTables(const at::Tensor& positions, int64_t headDim,
                                             double theta) {
  // fp32 as in HF: inv_freq = 1 / theta^(2i/D), angle = p * inv_freq.
  at::Tensor exponent = at::arange(0, headDim, 2, at::TensorOptions().dtype(at::kFloat)) /
                        static_cast<double>(headDim);
  at::Tensor invFreq = 1.0 / at::pow(theta, exponent);
  at::Tensor angle = positions.to(at::kFloat).unsqueeze(-1) * invFreq.to(positions.device());
  at::Tensor full = at::cat({angle, angle}, -1);
  return {full.cos(), full.sin()};
}

at::Tensor rotateHalf(const at::Tensor& x) {
  const int64_t half = x.size(-1) / 2;
  return at::cat({-x.narrow(-1, half, half), x.narrow(-1, 0, half)}, -1);
}

at::Tensor applyRope(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin) {
  at::Tensor xf = x.to(at::kFloat);
  return (xf * cos + rotateHalf(xf) * sin).to(x.scalar_type());
}

at::Tensor embed(const LlmWeights& w, const std::vector<int32_t>& ids,
                 const std::vector<int64_t>& patchPositions, const at::Tensor& features) {
  const int64_t vocab = w.embedding.size(0);
  at::Tensor idx =
      at::tensor(std::vector<int64_t>(ids.begin(), ids.end()), at::kLong).to(w.embedding.device());
  at::Tensor isNew = idx.ge(vocab).unsqueeze(-1);
  at::Tensor base = at::embedding(w.embedding, idx.clamp_max(vocab - 1));
  at::Tensor extra =
      at::embedding(w.newEmbedding, (idx - vocab).clamp(0, w.newEmbedding.size(0) - 1));
  at::Tensor x = at::where(isNew, extra, base);
  const int64_t n = features.defined() ? features.size(0) : 0;
  if (n != static_cast<int64_t>(patchPositions.size()))
    throw std::invalid_argument("the prompt has " + std::to_string(patchPositions.size()) +
                                " <im_patch> tokens but the vision side produced " +
                                std::to_string(n) + " features");
  if (n > 0) {
    at::Tensor pos = at::tensor(patchPositions, at::kLong).to(x.device());
    // Additive, as in the native and HF code (vLLM replaces instead).
    x.index_add_(0, pos, features.to(x.scalar_type()));
  }
  return x.unsqueeze(0);
}

at::Tensor prefillAllowed(int64_t start, int64_t lq, const std::vector<uint8_t>& imageToken) {
  const int64_t lk = start + lq;
  at::Tensor qpos = at::arange(start, lk, at::kLong).unsqueeze(1);
  at::Tensor kpos = at::arange(0, lk, at::kLong).unsqueeze(0);
  at::Tensor allowed = kpos.le(qpos);
  if (!imageToken.empty()) {
    at::Tensor img =
        at::tensor(std::vector<int64_t>(imageToken.begin(), imageToken.end()), at::kLong).ne(0);
    allowed = allowed.logical_or(img.narrow(0, start, lq).unsqueeze(1) &
                                 img.narrow(0, 0, lk).unsqueeze(0));
  }
  return allowed;
}

at::Tensor block(const LlmWeights& w, size_t i, const at::Tensor& h, const at::Tensor& cos,
                 const at::Tensor& sin, const at::Tensor& mask, KvCache& cache,
                 at::Tensor* lastRowAttention) {
  const auto& c = w.config;
  const int64_t L = h.size(1);
  const int64_t H = c.numAttentionHeads, G = c.numKeyValueHeads, D = c.headDim;
  if (cache.k.size() < w.blocks.size()) {
    cache.k.resize(w.blocks.size());
    cache.v.resize(w.blocks.size());
  }
  const auto& b = w.blocks[i];
  at::Tensor a = rmsNorm(h, b.attnNorm, c.layerNormEps);
  at::Tensor qkv = model::affine(a, b.attProj, b.attBias);
  at::Tensor q = qkv.narrow(-1, 0, H * D);
  at::Tensor k = qkv.narrow(-1, H * D, G * D);
  at::Tensor v = qkv.narrow(-1, (H + G) * D, G * D);
  const bool perHead = b.qNorm.defined() && b.qNorm.size(0) == D;
  if (b.qNorm.defined() && !perHead) {  // "olmo": one norm over all heads
    q = rmsNorm(q, b.qNorm, c.layerNormEps);
    k = rmsNorm(k, b.kNorm, c.layerNormEps);
  }
  q = q.reshape({1, L, H, D});
  k = k.reshape({1, L, G, D});
  if (perHead) {  // "qwen3": per head, before RoPE
    q = rmsNorm(q, b.qNorm, c.layerNormEps);
    k = rmsNorm(k, b.kNorm, c.layerNormEps);
  }
  q = applyRope(q.transpose(1, 2), cos, sin);
  k = applyRope(k.transpose(1, 2), cos, sin);
  v = v.reshape({1, L, G, D}).transpose(1, 2);
  if (cache.k[i].defined()) {
    k = at::cat({cache.k[i], k}, 2);
    v = at::cat({cache.v[i], v}, 2);
  }
  cache.k[i] = k;
  cache.v[i] = v;
  if (lastRowAttention) {
    // The fused kernel does not return probabilities; recompute the last query's row only:
    // softmax(q k^T / sqrt(D)) in fp32 over the keys it may see, averaged over heads.
    const int64_t groups = H / G;
    at::Tensor kk = groups == 1 ? k : k.repeat_interleave(groups, 1);
    at::Tensor qLast = q.narrow(2, L - 1, 1).to(at::kFloat);
    at::Tensor logit = at::matmul(qLast, kk.to(at::kFloat).transpose(-1, -2)) /
                       std::sqrt(static_cast<double>(D));  // [1, H, 1, Lk]
    if (mask.defined()) {
      at::Tensor row = mask.size(-2) > 1 ? mask.narrow(-2, L - 1, 1) : mask;
      logit = logit.masked_fill(row.logical_not(), -std::numeric_limits<float>::infinity());
    }
    *lastRowAttention = at::softmax(logit, -1).mean(1).reshape({-1});
  }
  // Grouped key/value heads are read in place, and attention() bounds its own working memory
  // (query tiles on the CPU, row chunks elsewhere): a 34k-token prefill never holds H x L x L.
  at::Tensor o = model::attention(q, k, v, {}, mask);
  o = o.transpose(1, 2).reshape({1, L, H * D});
  at::Tensor out = h + model::affine(o, b.attnOut).to(h.scalar_type());
  at::Tensor m = rmsNorm(out, b.ffNorm, c.layerNormEps);
  return out + model::fusedSwiglu(m, b.ffProj, b.ffOut).to(h.scalar_type());
}

at::Tensor forward(const LlmWeights& w, const at::Tensor& x, KvCache& cache,
                   const at::Tensor& allowed, const std::function<void(int64_t)>& onBlock) {
  const auto& c = w.config;
  const int64_t L = x.size(1);
  const int64_t start = cache.length;
  at::Tensor pos = at::arange(start, start + L, at::kLong).to(x.device());
  auto [cos, sin] = ropeTables(pos, c.headDim, c.ropeTheta);
  at::Tensor mask = allowed;
  // Plain causal over the cache: a single new token sees every key, so no mask is needed.
  if (!mask.defined() && L > 1) mask = prefillAllowed(start, L, {});
  if (mask.defined()) mask = mask.to(x.device()).view({1, 1, L, start + L});
  at::Tensor h = x;
  for (size_t i = 0; i < w.blocks.size(); ++i) {
    if (onBlock) onBlock(static_cast<int64_t>(i));
    h = block(w, i, h, cos, sin, mask, cache);
  }
  cache.length = start + L;
  return rmsNorm(h, w.lnF, c.layerNormEps);
}

at::Tensor logits(const LlmWeights& w, const at::Tensor& h) {
  return model::affine(h, w.lmHead).to(at::kFloat);
}

}  // namespace stts::llm
