// stts run: a whole run (sample, ViT with STTS or none, connector, prompt, LLM prefill and greedy
// decoding). The answer streams to stdout as tokens arrive; the run file is written only when
// the run finished.
#include <cstdio>

#include "command.h"
#include "run_support.h"
#include "signals.h"
#include "stts/generate.h"
#include "stts/runfile.h"
#include "stts/tensor_dump.h"

namespace stts::cli {
namespace {

class StdoutTokens final : public TokenSink {
 public:
  explicit StdoutTokens(TerminalProgress& progress) : progress_(progress) {}
  void token(int32_t, std::string_view text) override {
    if (first_) progress_.clear();
    first_ = false;
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
  }

 private:
  TerminalProgress& progress_;
  bool first_ = true;
};

int runRun(const ParsedArguments& args) {
  RunRequest request;
  DeviceSpec device;
  if (auto usage = parseModelRunOptions(args, "run", request, device)) return *usage;
  TimingPlan timing;
  if (auto usage = parseTimingPlan(args, "run", timing)) return *usage;
  const auto question = args.value("question");
  if (!question || question->find_first_not_of(" \t\r\n") == std::string::npos)
    return reportUsage("run", "--question is required and must not be empty");
  request.question = *question;
  if (auto text = args.value("max-new-tokens")) {
    auto n = parseInteger(*text, 1, 32768);
    if (!n) return reportUsage("run", "--max-new-tokens must be an integer from 1 to 32768");
    request.maxNewTokens = static_cast<int>(*n);
  }
  const std::string output = *args.value("output");

  CancelToken cancel;
  const SignalCancel cancelOnSignal(cancel);  // the first Ctrl+C stops at the next check
  auto video = runInput(args, request, cancel);
  if (!video) return reportFailure(video.error());
  auto loaded = loadModelFor(request, device);
  if (!loaded) return reportFailure(loaded.error());

  TerminalProgress progress;
  StdoutTokens tokens(progress);
  TensorDump dump;
  TensorDump* dumpTo = args.has("dump") ? &dump : nullptr;
  // Warm-up and repeated runs stream nothing; the last one streams the answer.
  auto run = runWithTimingPlan(timing, [&](bool last) {
    return runFull(*loaded, request, video->frames, progress, cancel, last ? &tokens : nullptr,
                   last ? dumpTo : nullptr);
  });
  progress.clear();
  std::fputs("\n", stdout);
  if (!run) return reportFailure(run.error());

  stampRun(*run, request, *video, *loaded, !args.has("no-frames"));
  if (cancel.isCancelled()) return reportFailure(makeError(ErrorCode::Cancelled, "cancelled"));
  if (auto saved = saveRunFile(output, *run); !saved) return reportFailure(saved.error());
  if (dumpTo)
    if (auto saved = saveTensorDump(*args.value("dump"), dump); !saved)
      return reportFailure(saved.error());

  double visionMs = 0, prefillMs = 0, decodeTokensMs = 0;
  int64_t generated = 0;
  for (const auto& t : run->timings) {
    if (t.name == "prefill") {
      prefillMs = t.milliseconds;
    } else if (t.name == "decode_tokens") {
      decodeTokensMs = t.milliseconds;
      generated = t.tokens;
    } else {
      visionMs += t.milliseconds;
    }
  }
  std::printf(
      "%s: %d frames, vision tokens %lld -> %lld (%s, keep %.2f), prompt %lld tokens; vision "
      "%.0f ms, prefill %.0f ms, %lld tokens in %.0f ms (%.1f tok/s) on %s/%s\n",
      output.c_str(), run->frames, static_cast<long long>(run->visionTokensBefore),
      static_cast<long long>(run->visionTokensAfter), request.method.c_str(), request.keepRatio,
      static_cast<long long>(run->promptTokens), visionMs, prefillMs,
      static_cast<long long>(generated), decodeTokensMs,
      decodeTokensMs > 0 ? 1000.0 * static_cast<double>(generated) / decodeTokensMs : 0.0,
      request.device.c_str(), request.dtype.c_str());
  return kExitOk;
}

}  // namespace

Command runCommand() {
  return {
      {"run",
       "Sample VIDEO (or read frames sampled by stts sample --frames-out), run the model's ViT "
       "with STTS pruning (or none), then answer QUESTION with the language model; the answer "
       "streams to stdout and the run (scores, tokens, answer, timings) is written to a run "
       "file.",
       {},
       [] {
         auto options = modelRunOptions();
         options.insert(options.begin() + 2, {"question", "TEXT", "the question"});
         options.push_back({"max-new-tokens", "N", "stop after N generated tokens (default 200)"});
         return options;
       }()},
      runRun};
}

}  // namespace stts::cli
