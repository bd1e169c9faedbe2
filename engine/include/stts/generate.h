// A whole run, public and torch-free: the vision half (stts/pipeline.h), then the Molmo2 prompt,
// the LLM prefill and greedy decoding (docs/molmo2-spec.md §3-4).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "stts/cancel.h"
#include "stts/error.h"
#include "stts/model.h"
#include "stts/progress.h"
#include "stts/run_result.h"
#include "stts/tensor_dump.h"
#include "stts/video.h"

namespace stts {

// Receives each generated token as it is decoded, on the thread doing the work.
class TokenSink {
 public:
  virtual ~TokenSink() = default;
  // text: the new answer text this token completes (may be empty while a multi-byte character is
  // still incomplete, and is empty for special tokens).
  virtual void token(int32_t id, std::string_view text) = 0;
};

// runVision, then the prompt (request.question, must not be empty), prefill and greedy decoding
// until <|im_end|> or request.maxNewTokens. Fills answer, answerTokens, promptTokens and the
// timings "prefill" (tokens = prompt length) and "decode_tokens" (tokens = generated). The
// tokenizer is read from <model dir>/tokenizer.json. Cancellation is checked between ViT and LLM
// blocks and between tokens (ErrorCode::Cancelled); the model stays usable. Never throws.
// `dump`, when not null, receives what runVision dumps plus prompt_ids and logits (one row per
// generated step; engine/runfile/FORMAT.md, "Tensor dumps"); it is filled only when the run
// succeeds. Null costs nothing: logits then never leave the device.
Expected<RunResult> runFull(Model& model, const RunRequest& request,
                            const std::vector<SampledFrame>& frames, ProgressSink& progress,
                            const CancelToken& cancel, TokenSink* tokens = nullptr,
                            TensorDump* dump = nullptr);

}  // namespace stts
