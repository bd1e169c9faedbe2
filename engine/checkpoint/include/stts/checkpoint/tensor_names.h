// The tensor-name table: what a Molmo2 checkpoint must contain, sized by its config. All names
// live in tensor_names.cpp, so mapping a differently named checkpoint (e.g. a native-tree STTS
// export) means editing that one file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "stts/checkpoint/dtype.h"
#include "stts/model_config.h"

namespace stts::ckpt {

enum class TensorGroup { Llm, Vit, Connector, Scorer };

struct ExpectedTensor {
  std::string name;
  std::vector<int64_t> shape;
  TensorGroup group = TensorGroup::Llm;
  bool optional = false;  // may be absent (lm_head of a weight-tied model)
};

// Float types a weight may be stored in; the loader converts to the compute dtype.
bool isAllowedWeightDType(DType dtype);

// Every tensor the model reads: LLM, the ViT blocks 0..vitBlocksUsed()-1, the connector and,
// when `withScorer`, the STTS temporal token scorer.
std::vector<ExpectedTensor> expectedTensors(const Molmo2Config& config, bool withScorer);

// True when `name` belongs to the STTS scorer (the rule that decides whether a checkpoint is an
// STTS one: any tensor whose name contains this marker).
bool isScorerTensorName(std::string_view name);

// Canonical names the model code looks tensors up by (so model/ never spells a prefix itself).
namespace names {
std::string llmBlock(int64_t i, std::string_view leaf);  // "model.transformer.blocks.i.<leaf>"
std::string vitBlock(int64_t j,
                     std::string_view leaf);   // "...image_vit.transformer.resblocks.j.<leaf>"
std::string vit(std::string_view leaf);        // "model.vision_backbone.image_vit.<leaf>"
std::string pooling(std::string_view leaf);    // "...image_pooling_2d.<leaf>"
std::string projector(std::string_view leaf);  // "...image_projector.<leaf>"
std::string scorer(std::string_view leaf);     // "...temporal_token_scorer.<leaf>"
std::string llm(std::string_view leaf);        // "model.transformer.<leaf>"
std::string lmHead();                          // "lm_head.weight"
}  // namespace names

}  // namespace stts::ckpt
