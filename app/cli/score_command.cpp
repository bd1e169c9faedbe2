// stts score: the vision half of a run (sample, ViT with STTS or no pruning, connector) written
// to a run file that the GUI and notebooks open.
#include <unistd.h>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "command.h"
#include "stts/model.h"
#include "stts/pipeline.h"
#include "stts/runfile.h"
#include "stts/video.h"

namespace stts::cli {
namespace {

// SIGINT cancels the run between ViT blocks instead of killing the process mid-write.
CancelToken* gCancel = nullptr;
extern "C" void onInterrupt(int) {
  if (gCancel) gCancel->cancel();
}

// Stage names on stderr, only for a person watching a terminal.
class TerminalProgress final : public ProgressSink {
 public:
  TerminalProgress() : enabled_(isatty(STDERR_FILENO) != 0) {}
  void progress(std::string_view stage, long long done, long long total) override {
    if (!enabled_) return;
    std::fprintf(stderr, "\r%-12.*s %lld/%lld   ", static_cast<int>(stage.size()), stage.data(),
                 done, total);
    std::fflush(stderr);
  }
  ~TerminalProgress() override {
    if (enabled_) std::fputs("\r\033[K", stderr);
  }

 private:
  bool enabled_;
};

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

double elapsedMs(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since)
      .count();
}

int runScore(const ParsedArguments& args) {
  RunRequest request;
  const auto model = args.value("model");
  const auto video = args.value("video");
  const auto output = args.value("output");
  if (!model || !video || !output)
    return reportUsage("score", "--model, --video and -o/--output are required");
  request.modelPath = *model;
  request.videoPath = *video;
  request.method = args.value("method").value_or("stts");
  if (request.method != "stts" && request.method != "none")
    return reportUsage("score", "--method must be stts or none");
  if (auto text = args.value("keep")) {
    auto keep = parseReal(*text, 0.0, 1.0);
    if (!keep) return reportUsage("score", "--keep must be a number from 0 to 1");
    request.keepRatio = *keep;
  }
  if (auto text = args.value("frames")) {
    auto frames = parseInteger(*text, 1, 4096);
    if (!frames) return reportUsage("score", "--frames must be an integer from 1 to 4096");
    request.sampling.maxFrames = static_cast<int>(*frames);
  }
  if (auto text = args.value("max-fps")) {
    auto fps = parseReal(*text, 1e-6, 1000.0);
    if (!fps) return reportUsage("score", "--max-fps must be a number above 0 and at most 1000");
    request.sampling.maxFps = *fps;
  }
  DeviceSpec device;
  device.device = args.value("device").value_or("cpu");
  if (device.device != "cpu" && device.device.rfind("cuda", 0) != 0)
    return reportUsage("score", "--device must be cpu, cuda or cuda:N");
  device.dtype = args.value("dtype").value_or("auto");
  if (device.dtype != "auto" && device.dtype != "float32" && device.dtype != "bfloat16")
    return reportUsage("score", "--dtype must be auto, float32 or bfloat16");
  if (auto text = args.value("threads")) {
    auto threads = parseInteger(*text, 0, 1024);
    if (!threads) return reportUsage("score", "--threads must be an integer from 0 to 1024");
    device.cpuThreads = static_cast<int>(*threads);
  }
  device.loadLanguageModel = false;  // scoring never reaches the LLM

  CancelToken cancel;
  gCancel = &cancel;
  std::signal(SIGINT, onInterrupt);

  const auto decodeStarted = std::chrono::steady_clock::now();
  auto source = VideoSource::open(request.videoPath);
  if (!source) return reportFailure(source.error());
  auto frames = source->sample(request.sampling, &cancel);
  if (!frames) return reportFailure(frames.error());
  const double decodeMs = elapsedMs(decodeStarted);

  auto loaded = Model::load(request.modelPath, device);
  if (!loaded) return reportFailure(loaded.error());
  request.device = loaded->info().device;
  request.dtype = loaded->info().dtype;

  TerminalProgress progress;
  auto run = runVision(*loaded, request, *frames, progress, cancel);
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
  if (auto saved = saveRunFile(*output, *run); !saved) return reportFailure(saved.error());

  double totalMs = 0;
  std::string stages;
  for (const auto& timing : run->timings) {
    totalMs += timing.milliseconds;
    char part[96];
    std::snprintf(part, sizeof part, "%s%s %.1f ms", stages.empty() ? "" : ", ",
                  timing.name.c_str(), timing.milliseconds);
    stages += part;
  }
  std::printf("%s: %d frames, vision tokens %lld -> %lld (%s, keep %.2f) on %s/%s in %.0f ms\n",
              output->c_str(), run->frames, static_cast<long long>(run->visionTokensBefore),
              static_cast<long long>(run->visionTokensAfter), request.method.c_str(),
              request.keepRatio, request.device.c_str(), request.dtype.c_str(), totalMs);
  std::printf("  %s\n", stages.c_str());
  return kExitOk;
}

}  // namespace

Command scoreCommand() {
  return {{"score",
           "Sample VIDEO, run the model's ViT with STTS pruning (or none) and the connector, and "
           "write scores, keep mask, kept counts, token counts and stage timings to a run file.",
           {},
           {{"model", "DIR", "model folder (config.json, safetensors shards)"},
            {"video", "FILE", "the video to score"},
            {"output", "RUN", "run file to write (.sttsrun)", 'o'},
            {"method", "NAME", "stts (default) or none"},
            {"keep", "R", "fraction of video tokens kept, 0..1 (default 0.5)"},
            {"frames", "N", "at most N sampled frames (default 384)"},
            {"max-fps", "F", "at most F sampled frames per second (default 2)"},
            {"device", "DEV", "cpu (default), cuda or cuda:N"},
            {"dtype", "T", "auto (default: bfloat16 on CUDA, float32 on CPU), float32, bfloat16"},
            {"threads", "N", "CPU threads for LibTorch (default: all)"},
            {"no-frames", "", "do not store the model-input frames in the run file"}}},
          runScore};
}

}  // namespace stts::cli
