// The language half of a run on the vision side's output: for runFull, tests and benchmarks.
#pragma once

#include <ATen/ATen.h>

#include <memory>
#include <string>

#include "prompt.h"
#include "stts/generate.h"
#include "stts/llm/fastv.h"
#include "stts/llm/qwen3.h"
#include "stts/pipeline/vision_internal.h"

namespace stts::llm {

struct GenerateOutput {
  std::vector<int32_t> tokens;  // generated ids, the final <|im_end|> excluded
  double prefillMs = 0.0;
  double decodeMs = 0.0;
  // With keepLogits: per step the logits row the token was chosen from, fp32 [vocab] on the
  // host (step 0 is the prefill's last position); an <|im_end|> step included.
  std::vector<at::Tensor> stepLogits;
};

// Prefill of `prompt` (features added at its <im_patch> positions), then greedy decoding of at
// most maxNewTokens. onToken sees each generated id (eos included). With `fastv`, the prefill
// prunes vision tokens at its layer (fastvPrefill) and fills *fastvOutcome. keepLogits copies each
// step's logits to the host (GenerateOutput::stepLogits; for tensor dumps only). Throws on a bad
// input; returns Cancelled as an Error.
Expected<GenerateOutput> generate(const LlmWeights& weights, const PromptLayout& prompt,
                                  const at::Tensor& features, int maxNewTokens,
                                  ProgressSink& progress, const CancelToken& cancel,
                                  const std::function<void(int32_t)>& onToken = {},
                                  const FastvPlan* fastv = nullptr,
                                  FastvOutcome* fastvOutcome = nullptr, bool keepLogits = false);

// FastV's layer and kept count for a finished vision run (request.method == "fastv"): the layer
// is request.fastvLayer, capped at layers - 1; the count is prune::keptCellCount("fastv", ...).
Expected<FastvPlan> fastvPlanFor(const RunResult& vision, const Molmo2Config& config);
// Writes FastV's choice into the run: keep, scores (= the attention), keptPerFrame,
// visionTokensAfter and the extras budget, fastv_layer, fastv_tokens_after_layer.
void applyFastvOutcome(const FastvPlan& plan, const FastvOutcome& outcome, RunResult& result);

// The tokenizer of a model folder, read once per folder and shared.
Expected<std::shared_ptr<const Tokenizer>> modelTokenizer(const std::string& modelDir);

// Prompt + generate on a finished vision run; fills the language fields of vision.result. `dump`,
// when set, gains prompt_ids, logits and the final scores / keep (runFull's contract).
Expected<RunResult> runLanguage(Model& model, pipeline::VisionOutput vision, ProgressSink& progress,
                                const CancelToken& cancel, TokenSink* tokens = nullptr,
                                TensorDump* dump = nullptr);

}  // namespace stts::llm
