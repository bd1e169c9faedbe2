// The language half of a run on the vision side's output: for runFull, tests and benchmarks.
#pragma once

#include <ATen/ATen.h>

#include <memory>
#include <string>

#include "prompt.h"
#include "stts/generate.h"
#include "stts/llm/qwen3.h"
#include "stts/pipeline/vision_internal.h"

namespace stts::llm {

struct GenerateOutput {
  std::vector<int32_t> tokens;  // generated ids, the final <|im_end|> excluded
  double prefillMs = 0.0;
  double decodeMs = 0.0;
};

// Prefill of `prompt` (features added at its <im_patch> positions), then greedy decoding of at
// most maxNewTokens. onToken sees each generated id (eos included). Throws on a bad input;
// returns Cancelled as an Error.
Expected<GenerateOutput> generate(const LlmWeights& weights, const PromptLayout& prompt,
                                  const at::Tensor& features, int maxNewTokens,
                                  ProgressSink& progress, const CancelToken& cancel,
                                  const std::function<void(int32_t)>& onToken = {});

// The tokenizer of a model folder, read once per folder and shared.
Expected<std::shared_ptr<const Tokenizer>> modelTokenizer(const std::string& modelDir);

// Prompt + generate on a finished vision run; fills the language fields of vision.result.
Expected<RunResult> runLanguage(Model& model, pipeline::VisionOutput vision, ProgressSink& progress,
                                const CancelToken& cancel, TokenSink* tokens = nullptr);

}  // namespace stts::llm
