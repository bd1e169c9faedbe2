#include "run_support.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <limits>

#include "command.h"
#include "stts/frames_file.h"
#include "stts/methods.h"
#include "stts/regular_file.h"
#include "stts/runfile.h"
#include "stts/stages.h"

namespace stts::cli {
namespace {

// The model's config.json for its hash; loading the model already checked it (regular, < 16 MiB).
std::string readConfigText(const std::string& path) {
  auto text = readRegularFile(path, 16u << 20);
  return text ? std::move(text).value() : std::string();
}

}  // namespace

std::vector<OptionSpec> modelRunOptions() {
  std::vector<OptionSpec> options = {
      {"model", "DIR", "model folder (config.json, safetensors shards, tokenizer.json)"},
      {"video", "FILE", "the video"},
      {"frames-in", "FILE",
       "instead of --video: frames sampled by stts sample VIDEO --frames-out FILE (same run "
       "file as --video with that sampling; needs no FFmpeg)"},
      {"output", "RUN", "run file to write (.sttsrun)", 'o'},
      {"method", "NAME",
       "stts (default), none, random, heuristic, easy, evs, vidcom2, downsample or fastv (run "
       "only)"},
      {"keep", "R", "fraction of video tokens kept, 0..1 (default 0.5)"}};
  const auto shared = samplingAndDeviceOptions();
  options.insert(options.end(), shared.begin(), shared.end());
  options.push_back({"warmup", "W",
                     "runs made and discarded before the timed ones (default 0; on a GPU use "
                     "at least 1: the first run pays for kernel selection and allocation)"});
  options.push_back(
      {"repeat", "N", "timed runs; the run file reports each stage's median (default 1)"});
  options.push_back({"dump", "FILE",
                     "also write the run's intermediate tensors (model input, ViT block "
                     "prune_at, scores, keep, connector output; run: prompt ids, logits) to "
                     "FILE (.safetensors, fp32) to compare devices, dtypes or implementations"});
  return options;
}

std::vector<OptionSpec> samplingAndDeviceOptions() {
  return {{"frames", "N", "at most N sampled frames (default 384)"},
          {"max-fps", "F", "at most F sampled frames per second (default 2)"},
          {"seed", "N", "seed for methods that draw at random (default 0)"},
          {"budget", "P",
           "equal (default: as many tokens as STTS keeps) or native (each "
           "method's own count)"},
          {"fastv-layer", "K", "FastV prunes at the input of LLM layer K (default 2)"},
          {"tap", "WHERE",
           "EVS / VidCom2 features: connector (default; full ViT) or vit (block "
           "prune_at output; prunes the ViT too)"},
          {"device", "DEV", "cpu (default), cuda or cuda:N"},
          {"dtype", "T", "auto (default: bfloat16 on CUDA, float32 on CPU), float32, bfloat16"},
          {"threads", "N", "CPU threads for LibTorch (default: all)"},
          {"no-frames", "", "do not store the model-input frames in the run file"}};
}

std::optional<int> parseModelRunOptions(const ParsedArguments& args, const std::string& command,
                                        RunRequest& request, DeviceSpec& device) {
  const auto model = args.value("model");
  const auto video = args.value("video");
  if (video && args.has("frames-in"))
    return reportUsage(command, "--video and --frames-in are mutually exclusive: give one");
  if (!model || !(video || args.has("frames-in")) || !args.value("output"))
    return reportUsage(command, "--model, --video (or --frames-in) and -o/--output are required");
  // A frames file was sampled already; its sampling is part of it.
  if (args.has("frames-in") && (args.has("frames") || args.has("max-fps")))
    return reportUsage(command,
                       "--frames and --max-fps choose how --video is sampled; a --frames-in file "
                       "holds frames sampled already (stts sample --max-frames/--max-fps)");
  if (args.value("dump") == args.value("output"))
    return reportUsage(command, "--dump and -o/--output must name different files");
  // Refused before any work: a device node, FIFO or folder is never replaced, and a missing
  // folder should not cost a whole run to find out.
  for (const char* option : {"output", "dump"})
    if (auto target = args.value(option))
      if (auto ok = checkSaveTarget(*target); !ok) return reportFailure(ok.error());
  request.modelPath = *model;
  request.videoPath = video.value_or("");
  request.method = args.value("method").value_or("stts");
  if (!findPruningMethod(request.method))
    return reportUsage(command, "--method must be one of " + pruningMethodNames());
  if (request.method == "fastv" && command == "score")
    return reportUsage(command,
                       "fastv chooses tokens from the question's attention inside the language "
                       "model; use stts run with --question");
  if (auto text = args.value("keep")) {
    auto keep = parseReal(*text, 0.0, 1.0);
    if (!keep) return reportUsage(command, "--keep must be a number from 0 to 1");
    request.keepRatio = *keep;
  }
  return parseSamplingAndDeviceOptions(args, command, request, device);
}

std::optional<int> parseSamplingAndDeviceOptions(const ParsedArguments& args,
                                                 const std::string& command, RunRequest& request,
                                                 DeviceSpec& device, bool parseFrames) {
  if (auto text = args.value("budget")) {
    if (!isBudgetPolicy(*text)) return reportUsage(command, "--budget must be equal or native");
    request.budgetPolicy = *text;
  }
  if (auto text = args.value("tap")) {
    if (!isTapPoint(*text)) return reportUsage(command, "--tap must be connector or vit");
    request.tapPoint = *text;
  }
  if (auto text = args.value("fastv-layer")) {
    auto layer = parseInteger(*text, 1, 1024);
    if (!layer) return reportUsage(command, "--fastv-layer must be an integer from 1 to 1024");
    request.fastvLayer = static_cast<int>(*layer);
  }
  if (auto text = args.value("seed")) {
    auto seed = parseInteger(*text, 0, std::numeric_limits<long long>::max());
    if (!seed) return reportUsage(command, "--seed must be an integer of at least 0");
    request.seed = static_cast<uint64_t>(*seed);
  }
  if (auto text = parseFrames ? args.value("frames") : std::nullopt) {
    auto frames = parseInteger(*text, 1, 4096);
    if (!frames) return reportUsage(command, "--frames must be an integer from 1 to 4096");
    request.sampling.maxFrames = static_cast<int>(*frames);
  }
  if (auto text = args.value("max-fps")) {
    auto fps = parseReal(*text, 1e-6, 1000.0);
    if (!fps) return reportUsage(command, "--max-fps must be a number above 0 and at most 1000");
    request.sampling.maxFps = *fps;
  }
  device.device = args.value("device").value_or("cpu");
  if (device.device != "cpu" && device.device.rfind("cuda", 0) != 0)
    return reportUsage(command, "--device must be cpu, cuda or cuda:N");
  device.dtype = args.value("dtype").value_or("auto");
  if (device.dtype != "auto" && device.dtype != "float32" && device.dtype != "bfloat16")
    return reportUsage(command, "--dtype must be auto, float32 or bfloat16");
  if (auto text = args.value("threads")) {
    auto threads = parseInteger(*text, 0, 1024);
    if (!threads) return reportUsage(command, "--threads must be an integer from 0 to 1024");
    device.cpuThreads = static_cast<int>(*threads);
  }
  return std::nullopt;
}

TerminalProgress::TerminalProgress() : enabled_(isatty(STDERR_FILENO) != 0) {}

void TerminalProgress::progress(std::string_view stage, long long done, long long total) {
  if (stage == "prefill" && done == 0) {
    prefillStart_ = std::chrono::steady_clock::now();
    prefillEstimated_ = false;
  } else if (stage == "prefill" && done > 0 && done < total && !prefillEstimated_) {
    prefillEstimated_ = true;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - prefillStart_).count();
    const double remaining =
        elapsed * static_cast<double>(total - done) / static_cast<double>(done);
    if (remaining > 10.0) {
      clear();
      std::fprintf(stderr,
                   "stts: note: the prompt has %lld tokens; reading it (prefill) takes about %.0f "
                   "s more (measured on its first layers)\n",
                   total, remaining);
    }
  }
  if (!enabled_ || stage == "decode_tokens") return;
  std::fprintf(stderr, "\r%-12.*s %lld/%lld   ", static_cast<int>(stage.size()), stage.data(), done,
               total);
  std::fflush(stderr);
}

void TerminalProgress::clear() {
  if (enabled_) std::fputs("\r\033[K", stderr);
}

Expected<Model> loadModelFor(RunRequest& request, const DeviceSpec& device) {
  auto loaded = Model::load(request.modelPath, device);
  if (loaded) {
    request.device = loaded->info().device;
    request.dtype = loaded->info().dtype;
  }
  return loaded;
}

Expected<SampledVideo> sampleVideo(const RunRequest& request, const CancelToken& cancel) {
  if (!videoDecodingAvailable()) return makeError(ErrorCode::Unsupported, noFfmpegMessage("score"));
  const auto started = std::chrono::steady_clock::now();
  auto source = VideoSource::open(request.videoPath);
  if (!source) return source.error();
  auto frames = source->sample(request.sampling, &cancel);
  if (!frames) return frames.error();
  SampledVideo sampled;
  sampled.info = source->info();
  sampled.frames = std::move(frames).value();
  sampled.decodeMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  if (auto identity = fileIdentity(request.videoPath)) sampled.identity = *identity;
  return sampled;
}

Expected<SampledVideo> runInput(const ParsedArguments& args, RunRequest& request,
                                const CancelToken& cancel) {
  const auto framesFile = args.value("frames-in");
  if (!framesFile) return sampleVideo(request, cancel);
  const auto started = std::chrono::steady_clock::now();
  auto loaded = loadFramesFile(*framesFile);
  if (!loaded) return loaded.error();
  // The run records the video the frames came from, as a run on that video would.
  request.videoPath = loaded->video.path;
  request.sampling = loaded->sampling;
  SampledVideo sampled;
  sampled.info = std::move(loaded->video);
  sampled.frames = std::move(loaded->frames);
  sampled.identity = std::move(loaded->videoFile);
  sampled.decodeMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return sampled;
}

void stampRun(RunResult& run, const RunRequest& request, const SampledVideo& video,
              const Model& model, bool keepInputFrames) {
  run.request = request;
  run.video = video.info;
  run.timings.insert(run.timings.begin(), StageTiming{"decode", video.decodeMs, "cpu",
                                                      static_cast<int64_t>(video.frames.size())});
  if (video.identity) {
    run.videoFileSize = video.identity->size;
    run.videoMtime = video.identity->mtime;
    run.videoHeadHash = video.identity->headHash;
  }
  run.modelConfigHash = sha256Hex(readConfigText(request.modelPath + "/config.json"));
  run.modelHasScorer = model.info().hasScorer;
  if (!keepInputFrames) {
    run.inputFrames.clear();
    run.inputWidth = run.inputHeight = 0;
  }
}

std::optional<int> parseTimingPlan(const ParsedArguments& args, const std::string& command,
                                   TimingPlan& plan) {
  if (auto text = args.value("warmup")) {
    auto n = parseInteger(*text, 0, 100);
    if (!n) return reportUsage(command, "--warmup must be an integer from 0 to 100");
    plan.warmup = static_cast<int>(*n);
  }
  if (auto text = args.value("repeat")) {
    auto n = parseInteger(*text, 1, 1000);
    if (!n) return reportUsage(command, "--repeat must be an integer from 1 to 1000");
    plan.repeat = static_cast<int>(*n);
  }
  return std::nullopt;
}

void applyTimingPlan(RunResult& last, const std::vector<std::vector<StageTiming>>& measured,
                     const TimingPlan& plan) {
  if (measured.size() > 1) last.timings = medianTimings(measured);
  last.timingWarmup = plan.warmup;
  last.timingRepeats = plan.repeat;
}

}  // namespace stts::cli
