// ViT embedding and block, docs/molmo2-spec.md §2.3.
#include "stts/model/vit.h"

namespace stts::model {

at::Tensor vitEmbed(const VitWeights& w, const at::Tensor& patches) {
  // The positional table is 27x27 row-major for 378 px: no interpolation at the native size.
  return affine(patches, w.patchW, w.patchB).to(at::kFloat) + w.pos.to(at::kFloat);
}

at::Tensor vitBlock(const VitWeights& w, int64_t b, const at::Tensor& x, const at::Tensor& bias,
                    const at::Tensor& allowed) {
  const VitBlockWeights& k = w.blocks.at(static_cast<size_t>(b));
  const int64_t batch = x.size(0);
  const int64_t len = x.size(1);
  const int64_t h = w.heads;
  const int64_t d = w.headDim;

  at::Tensor a = layerNorm(x, k.ln1w, k.ln1b, w.eps);
  auto heads = [&](const at::Tensor& t) { return t.view({batch, len, h, d}).transpose(1, 2); };
  at::Tensor q = heads(affine(a, k.attn.wq, k.attn.bq));
  at::Tensor kk = heads(affine(a, k.attn.wk, k.attn.bk));
  at::Tensor v = heads(affine(a, k.attn.wv, k.attn.bv));
  at::Tensor o = attention(q, kk, v, bias, allowed).transpose(1, 2).reshape({batch, len, h * d});
  // Residual in fp32 (autocast semantics: the bf16 branch output is promoted on the add).
  at::Tensor y = x + affine(o, k.attn.wo, k.attn.bo).to(at::kFloat);

  at::Tensor m = layerNorm(y, k.ln2w, k.ln2b, w.eps);
  m = affine(geluTanh(affine(m, k.w1, k.b1)), k.w2, k.b2);
  return y + m.to(at::kFloat);
}

}  // namespace stts::model
