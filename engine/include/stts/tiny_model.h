// The tiny model (design.md §5): a complete Molmo2-architecture checkpoint folder with small
// widths and deterministic weights, for tests, CI and the demo. It uses exactly the names,
// dtypes, config schema and file layout of a real Molmo2 / STTS-Lite export (sharded
// safetensors + model.safetensors.index.json, the real Qwen3 tokenizer extended with Molmo2's
// added tokens), so everything that loads it also loads a real checkpoint. No LibTorch, no Qt.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "stts/error.h"

namespace stts {

inline constexpr uint64_t kTinyModelDefaultSeed = 20260101;

struct TinyModelOptions {
  uint64_t seed = kTinyModelDefaultSeed;
  // Replace an existing non-empty folder. Only a folder that looks like a model folder (has a
  // config.json) is replaced, so a mistyped path cannot wipe unrelated files.
  bool overwrite = false;
  // Folder holding the Qwen3 tokenizer.json and tokenizer_config.json. Empty: the environment
  // variable STTS_QWEN3_TOKENIZER_DIR, then the folder the build was configured with.
  std::string tokenizerDir;
};

struct TinyModelSummary {
  std::string dir;
  std::vector<std::string> files;  // file names written, sorted
  uint64_t totalBytes = 0;
  int64_t tensorCount = 0;
  int64_t parameterCount = 0;
  int shardCount = 0;
};

// Writes the folder into a temporary sibling of `dir` and renames it into place, so a failure
// never leaves a half-written model. Refuses a non-empty `dir` unless options.overwrite.
// Same seed and tokenizer data -> byte-identical files.
Expected<TinyModelSummary> writeTinyModel(const std::string& dir,
                                          const TinyModelOptions& options = {});
Expected<TinyModelSummary> writeTinyModel(const std::string& dir, uint64_t seed);

// config.json of the tiny model (the real HF schema, STTS fields in vit_config). It also carries
// "stts_tiny_model": {"seed": N} so tools can label answers as not meaningful.
std::string tinyModelConfigJson(uint64_t seed = kTinyModelDefaultSeed);

// The tokenizer folder writeTinyModel uses when options.tokenizerDir is empty ("" if none).
std::string defaultQwen3TokenizerDir();

struct AddedToken {
  int64_t id = 0;
  std::string content;
};
// Added tokens Molmo2 puts after Qwen3's own (151643-151668): the padding specials
// |<EXTRA_TOKENS_0>|...|<EXTRA_TOKENS_266>| = 151669-151935, then the ten Molmo2 specials
// <im_start> ... <|video|> = 151936-151945 (docs/molmo2-spec.md §5).
std::vector<AddedToken> molmo2AddedTokens();

}  // namespace stts
