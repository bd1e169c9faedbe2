// stts run: a whole run (sample, ViT with STTS or none, connector, prompt, LLM prefill and greedy
// decoding). The answer streams to stdout as tokens arrive; the run file is written only when
// the run finished.
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "command.h"
#include "stts/generate.h"
#include "stts/model.h"
#include "stts/runfile.h"
#include "stts/video.h"

namespace stts::cli {
namespace {

// SIGINT cancels between ViT/LLM blocks and tokens instead of killing the process mid-write.
CancelToken* gCancel = nullptr;
extern "C" void onRunInterrupt(int) {
  if (gCancel) gCancel->cancel();
}

// Stage names on stderr, only for a person watching a terminal; silent while the answer streams
// so the two never interleave on one line.
class TerminalProgress final : public ProgressSink {
 public:
  TerminalProgress() : enabled_(isatty(STDERR_FILENO) != 0) {}
  void progress(std::string_view stage, long long done, long long total) override {
    if (!enabled_ || stage == "decode_tokens") return;
    std::fprintf(stderr, "\r%-12.*s %lld/%lld   ", static_cast<int>(stage.size()), stage.data(),
                 done, total);
    std::fflush(stderr);
  }
  void clear() {
    if (enabled_) std::fputs("\r\033[K", stderr);
  }

 private:
  bool enabled_;
};

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

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int runRun(const ParsedArguments& args) {
  RunRequest request;
  const auto model = args.value("model");
  const auto video = args.value("video");
  const auto question = args.value("question");
  const auto output = args.value("output");
  if (!model || !video || !question || !output)
    return reportUsage("run", "--model, --video, --question and -o/--output are required");
  if (question->find_first_not_of(" \t\r\n") == std::string::npos)
    return reportUsage("run", "--question must not be empty");
  request.modelPath = *model;
  request.videoPath = *video;
  request.question = *question;
  request.method = args.value("method").value_or("stts");
  if (request.method != "stts" && request.method != "none")
    return reportUsage("run", "--method must be stts or none");
  if (auto text = args.value("keep")) {
    auto keep = parseReal(*text, 0.0, 1.0);
    if (!keep) return reportUsage("run", "--keep must be a number from 0 to 1");
    request.keepRatio = *keep;
  }
  if (auto text = args.value("frames")) {
    auto frames = parseInteger(*text, 1, 4096);
    if (!frames) return reportUsage("run", "--frames must be an integer from 1 to 4096");
    request.sampling.maxFrames = static_cast<int>(*frames);
  }
  if (auto text = args.value("max-new-tokens")) {
    auto n = parseInteger(*text, 1, 32768);
    if (!n) return reportUsage("run", "--max-new-tokens must be an integer from 1 to 32768");
    request.maxNewTokens = static_cast<int>(*n);
  }
  DeviceSpec device;
  device.device = args.value("device").value_or("cpu");
  if (device.device != "cpu" && device.device.rfind("cuda", 0) != 0)
    return reportUsage("run", "--device must be cpu, cuda or cuda:N");
  device.dtype = args.value("dtype").value_or("auto");
  if (device.dtype != "auto" && device.dtype != "float32" && device.dtype != "bfloat16")
    return reportUsage("run", "--dtype must be auto, float32 or bfloat16");
  if (auto text = args.value("threads")) {
    auto threads = parseInteger(*text, 0, 1024);
    if (!threads) return reportUsage("run", "--threads must be an integer from 0 to 1024");
    device.cpuThreads = static_cast<int>(*threads);
  }

  CancelToken cancel;
  gCancel = &cancel;
  std::signal(SIGINT, onRunInterrupt);
  std::signal(SIGTERM, onRunInterrupt);

  const auto decodeStarted = std::chrono::steady_clock::now();
  auto source = VideoSource::open(request.videoPath);
  if (!source) return reportFailure(source.error());
  auto frames = source->sample(request.sampling, &cancel);
  if (!frames) return reportFailure(frames.error());
  const double decodeMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - decodeStarted)
          .count();

  auto loaded = Model::load(request.modelPath, device);
  if (!loaded) return reportFailure(loaded.error());
  request.device = loaded->info().device;
  request.dtype = loaded->info().dtype;

  TerminalProgress progress;
  StdoutTokens tokens(progress);
  auto run = runFull(*loaded, request, *frames, progress, cancel, &tokens);
  progress.clear();
  std::fputs("\n", stdout);
  if (!run) return reportFailure(run.error());

  run->request = request;
  run->video = source->info();
  run->timings.insert(run->timings.begin(),
                      StageTiming{"decode", decodeMs, "cpu", static_cast<int64_t>(frames->size())});
  if (auto identity = fileIdentity(request.videoPath)) {
    run->videoFileSize = identity->size;
    run->videoMtime = identity->mtime;
    run->videoHeadHash = identity->headHash;
  }
  run->modelConfigHash = sha256Hex(readFile(request.modelPath + "/config.json"));
  run->modelHasScorer = loaded->info().hasScorer;
  if (args.has("no-frames")) {
    run->inputFrames.clear();
    run->inputWidth = run->inputHeight = 0;
  }
  if (cancel.isCancelled()) return reportFailure(makeError(ErrorCode::Cancelled, "cancelled"));
  if (auto saved = saveRunFile(*output, *run); !saved) return reportFailure(saved.error());

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
      output->c_str(), run->frames, static_cast<long long>(run->visionTokensBefore),
      static_cast<long long>(run->visionTokensAfter), request.method.c_str(), request.keepRatio,
      static_cast<long long>(run->promptTokens), visionMs, prefillMs,
      static_cast<long long>(generated), decodeTokensMs,
      decodeTokensMs > 0 ? 1000.0 * static_cast<double>(generated) / decodeTokensMs : 0.0,
      request.device.c_str(), request.dtype.c_str());
  return kExitOk;
}

}  // namespace

Command runCommand() {
  return {{"run",
           "Sample VIDEO, run the model's ViT with STTS pruning (or none), then answer QUESTION "
           "with the language model; the answer streams to stdout and the run (scores, tokens, "
           "answer, timings) is written to a run file.",
           {},
           {{"model", "DIR", "model folder (config.json, safetensors shards, tokenizer.json)"},
            {"video", "FILE", "the video to ask about"},
            {"question", "TEXT", "the question"},
            {"output", "RUN", "run file to write (.sttsrun)", 'o'},
            {"method", "NAME", "stts (default) or none"},
            {"keep", "R", "fraction of video tokens kept, 0..1 (default 0.5)"},
            {"frames", "N", "at most N sampled frames (default 384)"},
            {"max-new-tokens", "N", "stop after N generated tokens (default 200)"},
            {"device", "DEV", "cpu (default), cuda or cuda:N"},
            {"dtype", "T", "auto (default: bfloat16 on CUDA, float32 on CPU), float32, bfloat16"},
            {"threads", "N", "CPU threads for LibTorch (default: all)"},
            {"no-frames", "", "do not store the model-input frames in the run file"}}},
          runRun};
}

}  // namespace stts::cli
