// The typed Molmo2 configuration, read from a checkpoint's config.json (HF schema, see
// docs/molmo2-spec.md §1.2) plus the STTS fields of §6.2. Plain structs only: the JSON library
// stays inside engine/checkpoint.
//
// Required fields are those that size a tensor or a loop; everything else has the default of
// the reference code, listed next to it. Every problem is reported as one sentence naming the
// file and the field (e.g. "config.json: vit_config.head_dim must be ...").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stts/error.h"

namespace stts {

struct Molmo2VitConfig {
  int64_t hiddenSize = 0;         // required (1152)
  int64_t intermediateSize = 0;   // required (4304)
  int64_t numHiddenLayers = 0;    // required (27; only the blocks vit_layers needs are stored)
  int64_t numAttentionHeads = 0;  // required (16)
  int64_t numKeyValueHeads = 0;   // default: numAttentionHeads
  int64_t headDim = 0;            // default: hiddenSize / numAttentionHeads; must multiply back
  std::string hiddenAct = "gelu_pytorch_tanh";
  double layerNormEps = 1e-6;
  int64_t imageHeight = 0;  // required: image_default_input_size [h, w] (378, 378)
  int64_t imageWidth = 0;
  int64_t patchSize = 0;     // required: image_patch_size (14)
  int64_t numPositions = 0;  // required: image_num_pos (729)
  bool float32Attention = true;
};

struct Molmo2AdapterConfig {
  std::vector<int64_t> vitLayers;  // required, as written ([-3, -9]); order = concat order
  bool poolingAttentionMask = false;
  int64_t hiddenSize = 0;         // required (1152)
  int64_t numAttentionHeads = 0;  // required (16)
  int64_t numKeyValueHeads = 0;   // default: numAttentionHeads
  int64_t headDim = 0;            // default: hiddenSize / numAttentionHeads
  std::string hiddenAct = "silu";
  int64_t intermediateSize = 0;  // required (9728)
  int64_t textHiddenSize = 0;    // required (2560); must equal text_config.hidden_size
};

struct Molmo2TextConfig {
  int64_t hiddenSize = 0;         // required (2560)
  int64_t numHiddenLayers = 0;    // required (36)
  int64_t numAttentionHeads = 0;  // required (32)
  int64_t numKeyValueHeads = 0;   // default: numAttentionHeads; must divide it
  int64_t headDim = 0;            // default: hiddenSize / numAttentionHeads (Qwen3: 128)
  int64_t intermediateSize = 0;   // required (9728)
  int64_t vocabSize = 0;          // required (151936)
  int64_t additionalVocabSize = 128;
  double layerNormEps = 1e-6;
  double ropeTheta = 10000.0;
  bool qkvBias = false;
  bool useQkNorm = false;
  std::string qkNormType = "olmo";  // "qwen3": per-head [head_dim]; "olmo": [heads*head_dim]
  bool normAfter = false;
  int64_t maxPositionEmbeddings = 4096;
  bool hasRopeScaling = false;  // rope_scaling present and not null (not supported yet)
};

// STTS (TemporalVitConfig) fields, docs/molmo2-spec.md §6.2. Read from vit_config first, then
// the top level; absent fields keep these defaults.
struct SttsConfig {
  double topk = 0.5;
  int64_t pruneAt = 3;
  bool prune = true;
  std::string pruneMethod = "scorer";  // scorer | heuristic | easy | random
  bool pruningInScorer = true;
  double rescaleBiasMin = 0.1353352832366127;  // e^-2
  int64_t pruneFromFrame = 0;
  bool fromConfig = false;  // true when config.json set at least one of the fields
};

struct Molmo2TokenIds {
  int64_t imageStart = 0;           // required: image_start_token_id (151936)
  int64_t imageEnd = 0;             // required: image_end_token_id (151937)
  int64_t imagePatch = 0;           // required: image_patch_id or image_high_res_id (151938)
  std::optional<int64_t> imageCol;  // image_col_id
  std::optional<int64_t> lowResImageStart;  // low_res_image_start_token_id
  std::optional<int64_t> imageLowRes;       // image_low_res_id
  std::optional<int64_t> frameStart;        // required when use_frame_special_tokens
  std::optional<int64_t> frameEnd;
};

struct Molmo2Config {
  std::string modelType;  // always "molmo2" once parsed
  std::vector<std::string> architectures;
  Molmo2TokenIds tokens;
  bool useFrameSpecialTokens = false;
  bool tieWordEmbeddings = false;  // top level or text_config
  Molmo2VitConfig vit;
  Molmo2AdapterConfig adapter;
  Molmo2TextConfig text;
  SttsConfig stts;

  // adapter.vitLayers resolved to 0-based block indices (negative counts from numHiddenLayers).
  std::vector<int64_t> vitFeatureBlocks() const;
  // Blocks the model runs and the checkpoint stores: max(vitFeatureBlocks) + 1 (25 for 4B).
  int64_t vitBlocksUsed() const;
};

// Parses and validates config.json text. `fileLabel` names the file in error messages.
Expected<Molmo2Config> parseMolmo2Config(std::string_view jsonText,
                                         std::string_view fileLabel = "config.json");
// Reads and parses a config.json file (capped at 16 MiB).
Expected<Molmo2Config> loadMolmo2Config(const std::string& path);

}  // namespace stts
