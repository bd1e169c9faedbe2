// THE tensor-name table (docs/molmo2-spec.md §1.3 HF names, §1.4 STTS scorer in the native tree
// under the HF "model." prefix). To load a checkpoint with other names, edit the prefixes and
// leaves here; nothing else in the engine spells a tensor name.
#include "stts/checkpoint/tensor_names.h"

namespace stts::ckpt {
namespace {

constexpr std::string_view kLlmPrefix = "model.transformer.";
constexpr std::string_view kVitPrefix = "model.vision_backbone.image_vit.";
constexpr std::string_view kVitBlocks = "model.vision_backbone.image_vit.transformer.resblocks.";
constexpr std::string_view kPooling = "model.vision_backbone.image_pooling_2d.";
constexpr std::string_view kProjector = "model.vision_backbone.image_projector.";
constexpr std::string_view kScorer =
    "model.vision_backbone.image_vit.transformer.temporal_token_scorer.";
constexpr std::string_view kScorerMarker = "temporal_token_scorer";
constexpr std::string_view kLmHead = "lm_head.weight";

std::string cat(std::string_view a, std::string_view b) {
  std::string s(a);
  s.append(b);
  return s;
}

}  // namespace

namespace names {
std::string llm(std::string_view leaf) {
  return cat(kLlmPrefix, leaf);
}
std::string llmBlock(int64_t i, std::string_view leaf) {
  return cat(kLlmPrefix, "blocks." + std::to_string(i) + "." + std::string(leaf));
}
std::string vit(std::string_view leaf) {
  return cat(kVitPrefix, leaf);
}
std::string vitBlock(int64_t j, std::string_view leaf) {
  return cat(kVitBlocks, std::to_string(j) + "." + std::string(leaf));
}
std::string pooling(std::string_view leaf) {
  return cat(kPooling, leaf);
}
std::string projector(std::string_view leaf) {
  return cat(kProjector, leaf);
}
std::string scorer(std::string_view leaf) {
  return cat(kScorer, leaf);
}
std::string lmHead() {
  return std::string(kLmHead);
}
}  // namespace names

bool isAllowedWeightDType(DType dtype) {
  return dtype == DType::F32 || dtype == DType::BF16 || dtype == DType::F16;
}

bool isScorerTensorName(std::string_view name) {
  return name.find(kScorerMarker) != std::string_view::npos;
}

std::vector<ExpectedTensor> expectedTensors(const Molmo2Config& c, bool withScorer) {
  std::vector<ExpectedTensor> out;
  auto add = [&](std::string name, std::vector<int64_t> shape, TensorGroup g,
                 bool optional = false) {
    out.push_back(ExpectedTensor{std::move(name), std::move(shape), g, optional});
  };

  // LLM (Qwen3 in OLMo naming): fused q|k|v rows in att_proj, fused up|gate rows in ff_proj.
  const auto& t = c.text;
  const int64_t d = t.hiddenSize;
  const int64_t qDim = t.numAttentionHeads * t.headDim;
  const int64_t kvDim = t.numKeyValueHeads * t.headDim;
  const auto L = TensorGroup::Llm;
  add(names::llm("wte.embedding"), {t.vocabSize, d}, L);
  add(names::llm("wte.new_embedding"), {t.additionalVocabSize, d}, L);
  for (int64_t i = 0; i < t.numHiddenLayers; ++i) {
    add(names::llmBlock(i, "attn_norm.weight"), {d}, L);
    add(names::llmBlock(i, "self_attn.att_proj.weight"), {qDim + 2 * kvDim, d}, L);
    if (t.qkvBias) add(names::llmBlock(i, "self_attn.att_proj.bias"), {qDim + 2 * kvDim}, L);
    if (t.useQkNorm) {
      const bool perHead = t.qkNormType == "qwen3";
      add(names::llmBlock(i, "self_attn.q_norm.weight"), {perHead ? t.headDim : qDim}, L);
      add(names::llmBlock(i, "self_attn.k_norm.weight"), {perHead ? t.headDim : kvDim}, L);
    }
    add(names::llmBlock(i, "self_attn.attn_out.weight"), {d, qDim}, L);
    add(names::llmBlock(i, "ff_norm.weight"), {d}, L);
    add(names::llmBlock(i, "mlp.ff_proj.weight"), {2 * t.intermediateSize, d}, L);
    add(names::llmBlock(i, "mlp.ff_out.weight"), {d, t.intermediateSize}, L);
  }
  add(names::llm("ln_f.weight"), {d}, L);
  // A tied model may omit the head (logits then use wte.embedding).
  add(names::lmHead(), {t.vocabSize, d}, L, c.tieWordEmbeddings);

  // ViT: only the blocks the connector reads from are stored and run.
  const auto& v = c.vit;
  const int64_t w = v.hiddenSize;
  const auto V = TensorGroup::Vit;
  add(names::vit("patch_embedding.weight"), {w, v.patchSize * v.patchSize * 3}, V);
  add(names::vit("patch_embedding.bias"), {w}, V);
  add(names::vit("positional_embedding"), {v.numPositions, w}, V);
  const int64_t vq = v.numAttentionHeads * v.headDim;
  const int64_t vkv = v.numKeyValueHeads * v.headDim;
  for (int64_t j = 0; j < c.vitBlocksUsed(); ++j) {
    add(names::vitBlock(j, "attention_norm.weight"), {w}, V);
    add(names::vitBlock(j, "attention_norm.bias"), {w}, V);
    add(names::vitBlock(j, "attention.wq.weight"), {vq, w}, V);
    add(names::vitBlock(j, "attention.wq.bias"), {vq}, V);
    add(names::vitBlock(j, "attention.wk.weight"), {vkv, w}, V);
    add(names::vitBlock(j, "attention.wk.bias"), {vkv}, V);
    add(names::vitBlock(j, "attention.wv.weight"), {vkv, w}, V);
    add(names::vitBlock(j, "attention.wv.bias"), {vkv}, V);
    add(names::vitBlock(j, "attention.wo.weight"), {w, vq}, V);
    add(names::vitBlock(j, "attention.wo.bias"), {w}, V);
    add(names::vitBlock(j, "ffn_norm.weight"), {w}, V);
    add(names::vitBlock(j, "ffn_norm.bias"), {w}, V);
    add(names::vitBlock(j, "feed_forward.w1.weight"), {v.intermediateSize, w}, V);
    add(names::vitBlock(j, "feed_forward.w1.bias"), {v.intermediateSize}, V);
    add(names::vitBlock(j, "feed_forward.w2.weight"), {w, v.intermediateSize}, V);
    add(names::vitBlock(j, "feed_forward.w2.bias"), {w}, V);
  }

  // Connector: attention pooling over the concatenated feature blocks, then a SwiGLU projector.
  const auto& a = c.adapter;
  const auto C = TensorGroup::Connector;
  const int64_t poolIn = w * static_cast<int64_t>(a.vitLayers.size());
  const int64_t pq = a.numAttentionHeads * a.headDim;
  const int64_t pkv = a.numKeyValueHeads * a.headDim;
  add(names::pooling("wq.weight"), {pq, poolIn}, C);
  add(names::pooling("wq.bias"), {pq}, C);
  add(names::pooling("wk.weight"), {pkv, poolIn}, C);
  add(names::pooling("wk.bias"), {pkv}, C);
  add(names::pooling("wv.weight"), {pkv, poolIn}, C);
  add(names::pooling("wv.bias"), {pkv}, C);
  add(names::pooling("wo.weight"), {a.hiddenSize, pq}, C);
  add(names::pooling("wo.bias"), {a.hiddenSize}, C);
  add(names::projector("w1.weight"), {a.intermediateSize, a.hiddenSize}, C);
  add(names::projector("w3.weight"), {a.intermediateSize, a.hiddenSize}, C);
  add(names::projector("w2.weight"), {a.textHiddenSize, a.intermediateSize}, C);

  // STTS scorer: pooling on single-block ViT features, then MLP over (previous ‖ current) cell.
  // Its MLP width is the ViT MLP width (4304 in §1.4); if a Lite config ever names a separate
  // width, this is the one line to change.
  if (withScorer) {
    const auto S = TensorGroup::Scorer;
    const int64_t h = v.intermediateSize;
    for (const char* p : {"wq", "wk", "wv", "wo"}) {
      add(names::scorer(std::string("patch_token_pooler.") + p + ".weight"), {w, w}, S);
      add(names::scorer(std::string("patch_token_pooler.") + p + ".bias"), {w}, S);
    }
    add(names::scorer("mlp.w1.weight"), {h, 2 * w}, S);
    add(names::scorer("mlp.w1.bias"), {h}, S);
    add(names::scorer("mlp.w2.weight"), {h, h}, S);
    add(names::scorer("mlp.w2.bias"), {h}, S);
    add(names::scorer("mlp.w3.weight"), {1, h}, S);
    add(names::scorer("mlp.w3.bias"), {1}, S);
  }
  return out;
}

}  // namespace stts::ckpt
