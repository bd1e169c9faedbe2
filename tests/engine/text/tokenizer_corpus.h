// A deterministic corpus of hard tokenizer inputs: mixed scripts, emoji sequences, combining
// marks (precomposed and decomposed), digit and whitespace runs, contractions, code, URLs and
// added tokens glued to text. Same seed -> same strings on every machine.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace stts::testing {

struct CorpusOptions {
  uint64_t seed = 20261125;
  int randomStrings = 1800;  // on top of the structured cases (every fragment alone and framed)
  // Include Molmo2's added tokens (<im_patch>, <frame_start>, |<EXTRA_TOKENS_7>|...) as
  // fragments; for a plain Qwen3 tokenizer they are ordinary text.
  bool molmoTokens = true;
};

std::vector<std::string> tokenizerCorpus(const CorpusOptions& options = {});

}  // namespace stts::testing
