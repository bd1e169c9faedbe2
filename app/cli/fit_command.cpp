// stts fit-scorer: trains only the STTS temporal token scorer on videos with the auxiliary
// objective of docs/molmo2-spec.md §6.9 and writes a complete model folder with the new scorer.
#include <cstdio>
#include <sstream>

#include "command.h"
#include "signals.h"
#include "stts/fit.h"
#include "stts/video.h"

namespace stts::cli {
namespace {

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

int runFit(const ParsedArguments& args) {
  const auto model = args.value("model");
  const auto videos = args.value("videos");
  const auto output = args.value("output");
  if (!model || !videos || !output)
    return reportUsage("fit-scorer", "--model, --videos and -o/--output are required");
  FitRequest request;
  request.modelDir = *model;
  request.videos = splitList(*videos);
  if (request.videos.empty()) return reportUsage("fit-scorer", "--videos names no file");
  request.outputDir = *output;
  if (auto text = args.value("steps")) {
    auto steps = parseInteger(*text, 1, 1000000);
    if (!steps) return reportUsage("fit-scorer", "--steps must be an integer from 1 to 1000000");
    request.steps = static_cast<int>(*steps);
  }
  if (auto text = args.value("lr")) {
    auto lr = parseReal(*text, 1e-12, 10.0);
    if (!lr) return reportUsage("fit-scorer", "--lr must be a number above 0 and at most 10");
    request.learningRate = *lr;
  }
  if (auto text = args.value("frames")) {
    auto frames = parseInteger(*text, 2, 4096);
    if (!frames) return reportUsage("fit-scorer", "--frames must be an integer from 2 to 4096");
    request.maxFrames = static_cast<int>(*frames);
  }
  if (auto text = args.value("max-fps")) {
    auto fps = parseReal(*text, 1e-6, 1000.0);
    if (!fps)
      return reportUsage("fit-scorer", "--max-fps must be a number above 0 and at most 1000");
    request.maxFps = *fps;
  }
  if (auto text = args.value("seed")) {
    auto seed = parseInteger(*text, 0, (1LL << 62));
    if (!seed) return reportUsage("fit-scorer", "--seed must be a non-negative integer");
    request.seed = static_cast<uint64_t>(*seed);
  }
  if (auto text = args.value("threads")) {
    auto threads = parseInteger(*text, 0, 1024);
    if (!threads) return reportUsage("fit-scorer", "--threads must be an integer from 0 to 1024");
    request.cpuThreads = static_cast<int>(*threads);
  }
  request.overwrite = args.has("force");
  if (!videoDecodingAvailable()) return reportFailure(noFfmpegMessage("fit-scorer"));

  CancelToken cancel;
  const SignalCancel cancelOnSignal(cancel);  // Ctrl+C stops at the next step; nothing is written
  // "step k/N loss x" every 10 steps and at the last one, as the fit runs.
  request.onStep = [total = request.steps](int step, double loss) {
    if (step % 10 != 0 && step != total) return;
    std::printf("step %d/%d loss %.6g\n", step, total, loss);
    std::fflush(stdout);
  };
  NullProgress progress;
  auto fit = fitScorer(request, progress, cancel);
  if (!fit) return reportFailure(fit.error());

  for (const auto& s : fit->skipped)
    std::fprintf(stderr, "stts: skipped %s: %s\n", s.path.c_str(), s.error.c_str());
  const auto& losses = fit->losses;
  const double perStep = fit->trainingSeconds / static_cast<double>(losses.size());
  std::printf(
      "%s: %zu video(s), %lld frames, loss %.6g -> %.6g (x%.1f lower) in %.1f s "
      "(%.4f s/step)\n",
      fit->outputDir.c_str(), fit->videosUsed.size(), static_cast<long long>(fit->framesUsed),
      fit->firstLoss, fit->lastLoss, fit->lastLoss > 0 ? fit->firstLoss / fit->lastLoss : 0.0,
      fit->seconds, perStep);
  return kExitOk;
}

}  // namespace

Command fitScorerCommand() {
  return {{"fit-scorer",
           "Train only the STTS temporal token scorer on VIDEOS (auxiliary similarity loss) "
           "and write a copy of the model folder with the fitted scorer and fit_log.json.",
           {},
           {{"model", "DIR", "model folder with an STTS scorer"},
            {"videos", "V1,V2,...", "comma-separated training videos"},
            {"output", "DIR", "model folder to create", 'o'},
            {"steps", "N", "Adam steps (default 200)"},
            {"lr", "X", "learning rate (default 0.001)"},
            {"frames", "N", "at most N sampled frames per video (default 16)"},
            {"max-fps", "F", "at most F sampled frames per second (default 2)"},
            {"seed", "N", "random seed (default 0)"},
            {"threads", "N", "CPU threads for LibTorch (default: all)"},
            {"force", "", "replace an existing output model folder"}}},
          runFit};
}

}  // namespace stts::cli
