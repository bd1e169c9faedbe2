// runFull: vision half, prompt, prefill, greedy decoding, with stage timings and cancellation.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "stts/llm/generate_internal.h"
#include "stts/methods.h"
#include "stts/model/device_metrics.h"
#include "stts/model/model_impl.h"
#include "stts/prune/selectors.h"

namespace stts::llm {
namespace {

// Thrown from the per-block hook; caught in generate() and turned into ErrorCode::Cancelled.
struct CancelledSignal {};

int32_t argmaxLast(const at::Tensor& logitsRows) {
  return static_cast<int32_t>(
      logitsRows.select(1, logitsRows.size(1) - 1).argmax(-1).item<int64_t>());
}

}  // namespace

Expected<FastvPlan> fastvPlanFor(const RunResult& vision, const Molmo2Config& config) {
  const auto& request = vision.request;
  const int64_t layers = config.text.numHiddenLayers;
  if (layers < 2)
    return makeError(ErrorCode::Unsupported,
                     "fastv needs a language model with at least 2 layers; this one has " +
                         std::to_string(layers));
  if (request.fastvLayer < 1)
    return makeError(ErrorCode::InvalidArgument, "the FastV layer must be at least 1");
  FastvPlan plan;
  // A layer beyond the model prunes nothing; use the deepest layer that still can (the tiny
  // model has 2 layers, so the default K = 2 becomes 1 there). The run records the layer used.
  plan.layer = std::min<int64_t>(request.fastvLayer, layers - 1);
  auto policy = prune::parseBudgetPolicy(request.budgetPolicy);
  if (!policy)
    return makeError(ErrorCode::InvalidArgument,
                     "unknown budget policy \"" + request.budgetPolicy + "\"; use equal or native");
  plan.keepVision = prune::keptCellCount("fastv", *policy, request.keepRatio, vision.frames,
                                         config.stts.pruneFromFrame, kCellsPerFrame);
  return plan;
}

void applyFastvOutcome(const FastvPlan& plan, const FastvOutcome& outcome, RunResult& result) {
  result.keep = outcome.keep;
  result.scores = outcome.attention;
  result.keptPerFrame.assign(static_cast<size_t>(result.frames), 0);
  for (size_t i = 0; i < result.keep.size(); ++i)
    result.keptPerFrame[i / kCellsPerFrame] += result.keep[i];
  result.visionTokensAfter = plan.keepVision;
  result.extras["budget"] = {static_cast<float>(result.visionTokensBefore - plan.keepVision)};
  result.extras["fastv_layer"] = {static_cast<float>(plan.layer)};
  result.extras["fastv_tokens_after_layer"] = {static_cast<float>(outcome.tokensAfter)};
}

Expected<GenerateOutput> generate(const LlmWeights& weights, const PromptLayout& prompt,
                                  const at::Tensor& features, int maxNewTokens,
                                  ProgressSink& progress, const CancelToken& cancel,
                                  const std::function<void(int32_t)>& onToken,
                                  const FastvPlan* fastv, FastvOutcome* fastvOutcome,
                                  bool keepLogits) {
  GenerateOutput out;
  // The next token from a step's logits rows; the chosen row goes to the host only when a dump
  // asked for it, so an ordinary run never copies vocab-sized rows off the device.
  auto choose = [&](const at::Tensor& rows) {
    if (keepLogits) out.stepLogits.push_back(rows.select(1, rows.size(1) - 1).reshape({-1}).cpu());
    return argmaxLast(rows);
  };
  KvCache cache;  // local to the run: a cancelled run leaves nothing behind in the model
  const auto promptLength = static_cast<long long>(prompt.ids.size());
  const auto layers = static_cast<long long>(weights.blocks.size());
  bool inPrefill = true;
  auto onBlock = [&](int64_t layer) {
    if (cancel.isCancelled()) throw CancelledSignal{};
    // Layer by layer, in prompt tokens: a long prompt's prefill shows how far it got, and a
    // caller can tell from the first layer how long the rest will take.
    if (inPrefill && layer > 0)
      progress.progress("prefill", promptLength * layer / layers, promptLength);
  };
  try {
    at::NoGradGuard noGrad;
    // CUDA events on the GPU, the host clock on the CPU; read once after decoding.
    model::StageClock clock(weights.embedding.device());
    clock.start();
    const int64_t L = static_cast<int64_t>(prompt.ids.size());
    progress.progress("prefill", 0, L);
    at::Tensor x = embed(weights, prompt.ids, prompt.patchPositions, features);
    at::Tensor h;
    if (fastv) {
      FastvOutcome ignored;
      h = fastvPrefill(weights, x, prompt, cache, *fastv, fastvOutcome ? *fastvOutcome : ignored,
                       onBlock);
    } else {
      at::Tensor allowed = prefillAllowed(0, L, prompt.imageToken);
      h = forward(weights, x, cache, allowed, onBlock);
    }
    // Only the last position's logits are needed; the head over the whole prompt would cost
    // L x vocab.
    int32_t next = choose(logits(weights, h.narrow(1, h.size(1) - 1, 1)));
    clock.stop("prefill", L);
    progress.progress("prefill", L, L);
    inPrefill = false;

    clock.start();
    const int64_t maxPositions = weights.config.maxPositionEmbeddings;
    for (int step = 0; step < maxNewTokens; ++step) {
      if (cancel.isCancelled()) throw CancelledSignal{};
      if (onToken) onToken(next);
      progress.progress("decode_tokens", step + 1, maxNewTokens);
      if (next == kEosId) break;
      out.tokens.push_back(next);
      if (step + 1 == maxNewTokens || cache.length + 1 > maxPositions) break;
      at::Tensor e = embed(weights, {next}, {}, {});
      h = forward(weights, e, cache, {}, onBlock);
      next = choose(logits(weights, h));
    }
    clock.stop("decode_tokens", static_cast<int64_t>(out.tokens.size()));
    std::vector<StageTiming> stages;
    clock.finish(stages);
    out.prefillMs = stages.at(0).milliseconds;
    out.decodeMs = stages.at(1).milliseconds;
  } catch (const CancelledSignal&) {
    return makeError(ErrorCode::Cancelled, "the run was cancelled");
  } catch (const std::invalid_argument& e) {
    return makeError(ErrorCode::InvalidArgument, e.what());
  } catch (const std::exception& e) {
    return detail::errorFromException(e, "the language model",
                                      weights.embedding.device().is_cuda());
  }
  return out;
}

Expected<std::shared_ptr<const Tokenizer>> modelTokenizer(const std::string& modelDir) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const Tokenizer>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = cache.find(modelDir); it != cache.end()) return it->second;
  auto loaded = Tokenizer::load(modelDir + "/tokenizer.json");
  if (!loaded) return loaded.error();
  auto shared = std::make_shared<const Tokenizer>(std::move(*loaded));
  cache[modelDir] = shared;
  return shared;
}

Expected<RunResult> runLanguage(Model& model, pipeline::VisionOutput vision, ProgressSink& progress,
                                const CancelToken& cancel, TokenSink* tokens, TensorDump* dump) {
  RunResult result = std::move(vision.result);
  const auto& info = model.info();
  if (!info.languageModelLoaded)
    return makeError(ErrorCode::InvalidArgument,
                     "the model was loaded without its language model; reload it with the LLM");
  auto tokenizer = modelTokenizer(info.dir);
  if (!tokenizer) return tokenizer.error();
  auto prompt = buildVideoPrompt(**tokenizer, info.config, result.frameTime, result.keptPerFrame,
                                 result.request.question);
  if (!prompt) return prompt.error();

  LlmWeights weights;
  try {
    weights = llmWeights(model.impl());
  } catch (const std::exception& e) {
    return makeError(ErrorCode::InvalidData, e.what());
  }
  // Streamed text: decode the tokens not yet shown and emit them once they form complete UTF-8
  // (decode() shows an incomplete tail as U+FFFD). Byte-level BPE decodes piecewise exactly, so
  // the pending list restarts after each emit and streaming stays linear in the answer length.
  std::vector<int32_t> pending;
  auto onToken = [&](int32_t id) {
    if (!tokens) return;
    pending.push_back(id);
    std::string text = (*tokenizer)->decode(pending, /*skipSpecial=*/true);
    const bool incomplete =
        text.size() >= 3 && text.compare(text.size() - 3, 3, "\xEF\xBF\xBD") == 0;
    if (incomplete && pending.size() < 4) {  // a UTF-8 character spans at most 4 byte tokens
      tokens->token(id, {});
      return;
    }
    pending.clear();
    tokens->token(id, text);
  };
  std::optional<FastvPlan> fastv;
  FastvOutcome fastvOutcome;
  if (result.request.method == "fastv") {
    auto plan = fastvPlanFor(result, info.config);
    if (!plan) return plan.error();
    fastv = *plan;
  }
  auto gen = generate(weights, *prompt, vision.features, result.request.maxNewTokens, progress,
                      cancel, onToken, fastv ? &*fastv : nullptr, &fastvOutcome,
                      /*keepLogits=*/dump != nullptr);
  if (!gen) return gen.error();
  if (fastv) applyFastvOutcome(*fastv, fastvOutcome, result);
  const std::string device = info.device;
  const auto promptLen = static_cast<int64_t>(prompt->ids.size());
  result.timings.push_back(StageTiming{"prefill", gen->prefillMs, device, promptLen});
  result.timings.push_back(StageTiming{"decode_tokens", gen->decodeMs, device,
                                       static_cast<int64_t>(gen->tokens.size())});
  // The vision half reset the allocator's peak; this is the whole run's.
  result.peakDeviceMemoryBytes = std::max(result.peakDeviceMemoryBytes,
                                          model::peakDeviceMemoryBytes(weights.embedding.device()));
  result.answerTokens = gen->tokens;
  result.answer = (*tokenizer)->decode(gen->tokens, /*skipSpecial=*/true);
  result.promptTokens = promptLen;
  if (dump) {
    try {
      const std::vector<int64_t> ids(prompt->ids.begin(), prompt->ids.end());
      dump->set("prompt_ids", "I64", {promptLen}, ids.data(), ids.size());
      // Row i is the distribution token i was chosen from; one more row than answer tokens when
      // decoding stopped at <|im_end|> (the run file's answer_tokens leave it out).
      pipeline::dumpAsFloat(*dump, "logits", at::stack(gen->stepLogits));
      pipeline::dumpSelection(*dump, result);  // FastV chooses in the prefill
      const bool eosRow = gen->stepLogits.size() > gen->tokens.size();
      dump->metadata["last_logits_row_is_eos"] = eosRow ? "true" : "false";
      dump->metadata["generated_tokens"] = std::to_string(gen->tokens.size());
    } catch (const std::exception& e) {
      return detail::errorFromException(e, "the tensor dump", false);
    }
  }
  return result;
}

// The prompt's length does not depend on which cells are kept, only on how many, and the budget
// fixes that before the ViT runs: a question too long for the model's context is refused before
// any of the vision half's time is spent (a 100 KB question used to run for minutes).
Expected<void> checkPromptFits(const Model& model, const RunRequest& request,
                               const std::vector<SampledFrame>& frames) {
  const auto& info = model.info();
  const auto& cfg = info.config;
  auto tokenizer = modelTokenizer(info.dir);
  if (!tokenizer) return tokenizer.error();
  const auto t = static_cast<int64_t>(frames.size());
  const int64_t cellsPerFrame =
      (cfg.vit.imageHeight / cfg.vit.patchSize / 3) * (cfg.vit.imageWidth / cfg.vit.patchSize / 3);
  const MethodInfo* method = findPruningMethod(request.method);
  const auto policy = prune::parseBudgetPolicy(request.budgetPolicy);
  if (!method || !policy) return {};  // runVision reports these with its own words
  // FastV prunes inside the language model: the prefill starts with every cell.
  const int64_t kept = method->actsOn == MethodStage::InLlm
                           ? t * cellsPerFrame
                           : prune::keptCellCount(request.method, *policy, request.keepRatio, t,
                                                  cfg.stts.pruneFromFrame, cellsPerFrame);
  std::vector<double> times;
  std::vector<int32_t> perFrame(static_cast<size_t>(t), 0);
  for (const auto& f : frames) times.push_back(f.point.requestedTime);
  for (int64_t left = kept, f = 0; left > 0 && t > 0; f = (f + 1) % t) {
    if (perFrame[static_cast<size_t>(f)] < cellsPerFrame) {
      ++perFrame[static_cast<size_t>(f)];
      --left;
    }
  }
  auto prompt = buildVideoPrompt(**tokenizer, cfg, times, perFrame, request.question);
  if (prompt) return {};
  if (prompt.error().code != ErrorCode::TooLarge) return prompt.error();
  const auto question = static_cast<int64_t>((*tokenizer)->encode(request.question).size());
  const int64_t limit = cfg.text.maxPositionEmbeddings;
  if (question + 16 >= limit)
    return makeError(ErrorCode::TooLarge,
                     "the question is " + std::to_string(question) +
                         " tokens, more than the model's context of " + std::to_string(limit) +
                         " positions (max_position_embeddings in config.json) can hold; "
                         "shorten it");
  return makeError(ErrorCode::TooLarge,
                   "the question (" + std::to_string(question) + " tokens) and the video (" +
                       std::to_string(kept) + " vision tokens from " + std::to_string(t) +
                       " frames) do not fit the model's context of " + std::to_string(limit) +
                       " positions (max_position_embeddings in config.json); shorten the "
                       "question, use fewer frames or a lower keep ratio");
}

}  // namespace stts::llm

namespace stts {

Expected<RunResult> runFull(Model& model, const RunRequest& request,
                            const std::vector<SampledFrame>& frames, ProgressSink& progress,
                            const CancelToken& cancel, TokenSink* tokens, TensorDump* dump) {
  // Check the cheap things before spending the ViT's time.
  if (request.question.find_first_not_of(" \t\r\n") == std::string::npos)
    return makeError(ErrorCode::InvalidArgument, "the question is empty; ask something");
  if (request.maxNewTokens < 1)
    return makeError(ErrorCode::InvalidArgument, "max new tokens must be at least 1");
  if (!model.info().languageModelLoaded)
    return makeError(ErrorCode::InvalidArgument,
                     "the model was loaded without its language model; reload it with the LLM");
  if (auto fits = llm::checkPromptFits(model, request, frames); !fits) return fits.error();
  // Filled into a scratch dump and handed over only on success: a failed run dumps nothing.
  TensorDump scratch;
  pipeline::VisionOptions options;
  options.dump = dump ? &scratch : nullptr;
  auto vision = pipeline::runVisionInternal(model, request, frames, progress, cancel, options);
  if (!vision) return vision.error();
  auto result = llm::runLanguage(model, std::move(*vision), progress, cancel, tokens, options.dump);
  if (result && dump) *dump = std::move(scratch);
  return result;
}

}  // namespace stts
