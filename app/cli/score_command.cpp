// stts score: the vision half of a run (sample, ViT with STTS or no pruning, connector) written
// to a run file that the GUI and notebooks open.
#include <cstdio>

#include "command.h"
#include "run_support.h"
#include "signals.h"
#include "stts/pipeline.h"
#include "stts/runfile.h"
#include "stts/tensor_dump.h"

namespace stts::cli {
namespace {

int runScore(const ParsedArguments& args) {
  RunRequest request;
  DeviceSpec device;
  if (auto usage = parseModelRunOptions(args, "score", request, device)) return *usage;
  device.loadLanguageModel = false;  // scoring never reaches the LLM
  TimingPlan timing;
  if (auto usage = parseTimingPlan(args, "score", timing)) return *usage;
  const std::string output = *args.value("output");

  CancelToken cancel;
  const SignalCancel cancelOnSignal(cancel);  // the first Ctrl+C stops at the next check
  auto video = runInput(args, request, cancel);
  if (!video) return reportFailure(video.error());
  auto loaded = loadModelFor(request, device);
  if (!loaded) return reportFailure(loaded.error());

  TerminalProgress progress;
  TensorDump dump;
  TensorDump* dumpTo = args.has("dump") ? &dump : nullptr;
  auto run = runWithTimingPlan(timing, [&](bool last) {
    return runVision(*loaded, request, video->frames, progress, cancel, last ? dumpTo : nullptr);
  });
  progress.clear();
  if (!run) return reportFailure(run.error());
  stampRun(*run, request, *video, *loaded, !args.has("no-frames"));
  if (auto saved = saveRunFile(output, *run); !saved) return reportFailure(saved.error());
  if (dumpTo)
    if (auto saved = saveTensorDump(*args.value("dump"), dump); !saved)
      return reportFailure(saved.error());

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
              output.c_str(), run->frames, static_cast<long long>(run->visionTokensBefore),
              static_cast<long long>(run->visionTokensAfter), request.method.c_str(),
              request.keepRatio, request.device.c_str(), request.dtype.c_str(), totalMs);
  std::printf("  %s\n", stages.c_str());
  return kExitOk;
}

}  // namespace

Command scoreCommand() {
  return {{"score",
           "Sample VIDEO (or read frames sampled by stts sample --frames-out), run the model's "
           "ViT with STTS pruning (or a training-free baseline, or none) and the connector, and "
           "write scores, keep mask, kept counts, token counts and stage timings to a run file.",
           {},
           modelRunOptions()},
          runScore};
}

}  // namespace stts::cli
