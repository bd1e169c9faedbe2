// The Molmo2 single-turn video prompt (docs/molmo2-spec.md §4.1-4.2): BOS, per frame a timestamp
// and START, k_t x <im_patch> (kept cells only), END, then the chat turn. Torch-free, so the GUI
// and tools can show the layout without the model engine.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "stts/error.h"
#include "stts/model_config.h"
#include "stts/tokenizer.h"

namespace stts::llm {

inline constexpr int32_t kBosId = 151645;  // <|im_end|>: Qwen3 has no BOS, the converter reused eos
inline constexpr int32_t kEosId = 151645;

struct PromptLayout {
  std::vector<int32_t> ids;
  std::vector<uint8_t> imageToken;      // [ids.size()] 1 = in §4.4's image-token set
  std::vector<int64_t> patchPositions;  // indices of <im_patch>, in (frame, row, col) order
};

// frameTimes [T] requested sample times; keptPerFrame [T] cells reaching the LLM per frame (take
// them from RunResult::keptPerFrame so the count matches the pruning exactly).
Expected<PromptLayout> buildVideoPrompt(const Tokenizer& tokenizer, const Molmo2Config& config,
                                        const std::vector<double>& frameTimes,
                                        const std::vector<int32_t>& keptPerFrame,
                                        const std::string& question);

// The ids §4.4 treats as image tokens (bidirectional among themselves during prefill).
std::vector<int64_t> imageTokenIds(const Molmo2Config& config);

}  // namespace stts::llm
