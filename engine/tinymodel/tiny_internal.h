// Pieces of the tiny-model writer shared between its source files (not installed).
#pragma once

#include <string>
#include <vector>

#include "stts/error.h"

namespace stts::tiny {

// One small file of the model folder, fully built in memory before anything is written.
struct TextFile {
  std::string name;
  std::string text;
};

// tokenizer.json (the Qwen3 file with Molmo2's added tokens spliced in), tokenizer_config.json,
// added_tokens.json, special_tokens_map.json and chat_template.jinja.
Expected<std::vector<TextFile>> tokenizerFiles(const std::string& tokenizerDir);

// preprocessor_config.json, video_preprocessor_config.json, processor_config.json and
// generation_config.json.
std::vector<TextFile> processorFiles();

}  // namespace stts::tiny
