// What `stts score` and `stts run` share: the request and device options, cancel on SIGINT /
// SIGTERM, stage progress on a terminal, sampling the video and stamping a finished run with
// its video and model identity before it is saved.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "arguments.h"
#include "stts/model.h"
#include "stts/progress.h"
#include "stts/run_result.h"
#include "stts/runfile.h"
#include "stts/video.h"

namespace stts::cli {

// Options both commands take (model, video or frames-in, output, method, keep, frames, device,
// dump, ...).
std::vector<OptionSpec> modelRunOptions();

// Fills request and device from the options; on a usage error returns the exit code to use.
std::optional<int> parseModelRunOptions(const ParsedArguments& args, const std::string& command,
                                        RunRequest& request, DeviceSpec& device);

// The part of those options that `stts compare` shares too: sampling, seed, budget, FastV
// layer, device, dtype, threads, no-frames.
std::vector<OptionSpec> samplingAndDeviceOptions();
// `stts eval` reads --frames as a list itself: parseFrames = false leaves it alone.
std::optional<int> parseSamplingAndDeviceOptions(const ParsedArguments& args,
                                                 const std::string& command, RunRequest& request,
                                                 DeviceSpec& device, bool parseFrames = true);

// --warmup W --repeat N (score and run): W runs made and discarded, then N timed runs whose
// per-stage medians the run file reports (the last run's result is kept otherwise).
struct TimingPlan {
  int warmup = 0;
  int repeat = 1;
  int total() const { return warmup + repeat; }
};
std::optional<int> parseTimingPlan(const ParsedArguments& args, const std::string& command,
                                   TimingPlan& plan);
// Replaces the timings of `last` by the medians of `measured` and records the plan.
void applyTimingPlan(RunResult& last, const std::vector<std::vector<StageTiming>>& measured,
                     const TimingPlan& plan);
// Runs `once(isLast)` plan.total() times, stopping at the first failure, and returns the last
// result with the plan's median timings. Only the last run should stream or dump.
template <typename RunOnce>
Expected<RunResult> runWithTimingPlan(const TimingPlan& plan, RunOnce&& once) {
  Expected<RunResult> run = makeError(ErrorCode::Internal, "no run was made");
  std::vector<std::vector<StageTiming>> measured;
  for (int i = 0; i < plan.total(); ++i) {
    run = once(i + 1 == plan.total());
    if (!run) return run;
    if (i >= plan.warmup) measured.push_back(run->timings);
  }
  applyTimingPlan(*run, measured, plan);
  return run;
}

// Stage names on stderr, only for a person watching a terminal; "decode_tokens" stays silent so
// a streamed answer on stdout never shares a line with it. One exception for scripts too: a
// prefill that will take long (a long question) is announced with its estimated time, measured
// on its first layer.
class TerminalProgress final : public ProgressSink {
 public:
  TerminalProgress();
  ~TerminalProgress() override { clear(); }
  void progress(std::string_view stage, long long done, long long total) override;
  void clear();

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point prefillStart_;
  bool prefillEstimated_ = false;
};

struct SampledVideo {
  VideoInfo info;
  std::vector<SampledFrame> frames;
  double decodeMs = 0;                   // the "decode" stage: decoding, or reading a frames file
  std::optional<FileIdentity> identity;  // of the video file, when it could be read
};
// Decodes request.videoPath with request.sampling; in a build without FFmpeg, an error saying to
// use a frames file.
Expected<SampledVideo> sampleVideo(const RunRequest& request, const CancelToken& cancel);
// The frames of `stts score|run`: --frames-in's file (its video path and sampling go into
// `request`, so the run file says what a run on the video would) or sampleVideo.
Expected<SampledVideo> runInput(const ParsedArguments& args, RunRequest& request,
                                const CancelToken& cancel);

// Loads request.modelPath onto `device` and records in the request the device and dtype the
// model actually resolved to ("auto" becomes a real dtype), so the run file says what ran.
Expected<Model> loadModelFor(RunRequest& request, const DeviceSpec& device);

// Adds the decode stage and the video and model identity; drops the stored frames on request.
void stampRun(RunResult& run, const RunRequest& request, const SampledVideo& video,
              const Model& model, bool keepInputFrames);

}  // namespace stts::cli
