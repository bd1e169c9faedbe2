// stts eval: a bench file of questions over videos, answered under every method x keep x frame
// count with the model loaded once; each answer scored and appended to predictions.jsonl as it
// finishes (a killed eval resumes where it stopped), then metrics.json, the two plots and the
// table (engine/eval/README.md, README "Evaluation").
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <set>

#include "command.h"
#include "compare_plan.h"
#include "compare_summary.h"
#include "eval_report.h"
#include "run_support.h"
#include "signals.h"
#include "stts/eval.h"
#include "stts/generate.h"
#include "stts/methods.h"
#include "stts/pipeline.h"
#include "stts/regular_file.h"
#include "stts/runfile.h"

namespace stts::cli {
namespace fs = std::filesystem;
namespace {

struct EvalPlan {
  RunRequest base;
  DeviceSpec device;
  eval::Bench bench;
  std::vector<std::string> methods;
  std::vector<double> keeps;
  std::vector<int> frames;
  ShardSpec shard;
  bool sharded = false;
  bool saveRuns = false;
  int warmups = 1;  // discarded runs before the first timed one (kernel choice, allocation)
  std::string outputDir;
  nlohmann::json context;

  // "none" prunes nothing: its keep ratio means nothing, so it runs once per frame count.
  std::vector<double> keepsOf(const std::string& method) const {
    return method == "none" ? std::vector<double>{1.0} : keeps;
  }
};

std::optional<int> parsePlan(const ParsedArguments& args, EvalPlan& plan) {
  const auto model = args.value("model");
  const auto benchPath = args.value("bench");
  const auto output = args.value("output");
  if (!model || !benchPath || !output)
    return reportUsage("eval", "--model, --bench and -o/--output are required");
  plan.base.modelPath = *model;
  plan.outputDir = *output;
  if (auto usage = parseSamplingAndDeviceOptions(args, "eval", plan.base, plan.device,
                                                 /*parseFrames=*/false))
    return usage;
  auto frames = parseFrameList(args.value("frames").value_or("16"));
  if (!frames) return reportUsage("eval", frames.error().message);
  plan.frames = std::move(frames).value();
  auto methods = parseMethodList(args.value("methods").value_or("none,stts"));
  if (!methods) return reportUsage("eval", methods.error().message);
  for (const auto& method : *methods)
    if (!findPruningMethod(method))
      return reportUsage(
          "eval", "--methods: unknown method \"" + method + "\"; known: " + pruningMethodNames());
  plan.methods = std::move(methods).value();
  auto keeps = parseKeepList(args.value("keep").value_or("0.5"));
  if (!keeps) return reportUsage("eval", keeps.error().message);
  plan.keeps = std::move(keeps).value();
  plan.base.maxNewTokens = 32;  // a letter or a short phrase
  if (auto text = args.value("max-new-tokens")) {
    auto n = parseInteger(*text, 1, 32768);
    if (!n) return reportUsage("eval", "--max-new-tokens must be an integer from 1 to 32768");
    plan.base.maxNewTokens = static_cast<int>(*n);
  }
  if (auto text = args.value("shard")) {
    auto parsed = parseShard(*text);
    if (!parsed) return reportUsage("eval", parsed.error().message);
    plan.shard = *parsed;
    plan.sharded = true;
  }
  plan.saveRuns = args.has("save-runs");
  if (auto text = args.value("warmup")) {
    auto n = parseInteger(*text, 0, 100);
    if (!n) return reportUsage("eval", "--warmup must be an integer from 0 to 100");
    plan.warmups = static_cast<int>(*n);
  }
  auto bench = eval::loadBench(*benchPath);
  if (!bench) {
    reportFailure(bench.error());
    return kExitFailed;
  }
  plan.bench = std::move(bench).value();
  auto config = readRegularFile(*model + "/config.json", 16u << 20);
  plan.context = {{"bench", *benchPath},
                  {"bench_name", fs::path(*benchPath).stem().string()},
                  {"bench_sha256", plan.bench.sha256},
                  {"samples", plan.bench.samples.size()},
                  {"model", *model},
                  {"model_config_sha256", sha256Hex(config ? *config : std::string())},
                  {"methods", plan.methods},
                  {"keeps", plan.keeps},
                  {"frames", plan.frames},
                  {"max_fps", plan.base.sampling.maxFps},
                  {"max_new_tokens", plan.base.maxNewTokens},
                  {"budget", plan.base.budgetPolicy},
                  {"fastv_layer", plan.base.fastvLayer},
                  {"tap", plan.base.tapPoint},
                  {"seed", plan.base.seed},
                  {"warmup_runs", plan.warmups},
                  {"device", plan.device.device},
                  {"dtype", plan.device.dtype},
                  {"engine_version", STTS_VERSION}};
  if (plan.sharded) plan.context["shard"] = {plan.shard.index, plan.shard.count};
  return std::nullopt;
}

// Appends one line and syncs it, so a kill leaves whole lines (and at most one cut last line,
// which the next run drops and redoes).
Expected<void> appendLine(int fd, const std::string& path, const std::string& line) {
  const std::string text = line + "\n";
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      return makeError(ErrorCode::Io, "cannot append to " + path + ": " + std::strerror(errno));
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0)
    return makeError(ErrorCode::Io, "cannot write " + path + ": " + std::strerror(errno));
  return {};
}

int runEval(const ParsedArguments& args) {
  EvalPlan plan;
  if (auto usage = parsePlan(args, plan)) return *usage;
  if (!videoDecodingAvailable()) return reportFailure(noFfmpegMessage("eval"));
  std::error_code ec;
  fs::create_directories(plan.outputDir, ec);
  if (ec) return reportFailure("cannot create the folder " + plan.outputDir + ": " + ec.message());

  const std::string base = predictionsBaseName(plan.shard.index, plan.shard.count, plan.sharded);
  const std::string predictionsPath = (fs::path(plan.outputDir) / (base + ".jsonl")).string();
  int truncated = 0;
  auto earlier = readPredictionsFile(predictionsPath, &truncated);
  if (!earlier) return reportFailure(earlier.error());
  std::vector<eval::Prediction> predictions = std::move(earlier).value();
  if (truncated > 0) {  // a kill cut the last line: keep the whole ones, redo that sample
    std::string whole;
    for (const auto& p : predictions) whole += eval::predictionLine(p) + "\n";
    if (auto saved = writeFileAtomically(predictionsPath, whole); !saved)
      return reportFailure(saved.error());
  }
  std::set<std::string> done;
  for (const auto& p : predictions)
    done.insert(eval::predictionKey(p.id, p.method, p.keep, p.frames));

  std::vector<const eval::BenchSample*> mine;
  for (std::size_t i = 0; i < plan.bench.samples.size(); ++i)
    if (videoInShard(i, plan.shard)) mine.push_back(&plan.bench.samples[i]);
  std::size_t total = 0, toRun = 0;
  for (const auto* sample : mine)
    for (int frames : plan.frames)
      for (const auto& method : plan.methods)
        for (double keep : plan.keepsOf(method)) {
          ++total;
          toRun += done.count(eval::predictionKey(sample->id, method, keep, frames)) ? 0 : 1;
        }
  std::printf(
      "%zu samples x %zu frame counts x %zu methods and their keeps: %zu answers, %zu to "
      "run, %zu done before%s\n",
      mine.size(), plan.frames.size(), plan.methods.size(), total, toRun, total - toRun,
      truncated ? " (one answer cut by a kill is run again)" : "");
  std::fflush(stdout);

  if (toRun > 0) {
    const int fd = ::open(predictionsPath.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
      return reportFailure("cannot write " + predictionsPath + ": " + std::strerror(errno));
    CancelToken cancel;
    const SignalCancel cancelOnSignal(cancel);
    plan.device.loadLanguageModel = true;
    auto loaded = loadModelFor(plan.base, plan.device);
    if (!loaded) {
      ::close(fd);
      return reportFailure(loaded.error());
    }
    plan.context["device"] = plan.base.device;
    plan.context["dtype"] = plan.base.dtype;
    TerminalProgress progress;
    std::size_t ran = 0;
    for (const eval::BenchSample* sample : mine) {
      for (int frames : plan.frames) {
        RunRequest request = plan.base;
        request.videoPath = sample->videoPath;
        request.sampling.maxFrames = frames;
        request.question = eval::buildPrompt(*sample);
        bool anyToRun = false;
        for (const auto& method : plan.methods)
          for (double keep : plan.keepsOf(method))
            anyToRun |= !done.count(eval::predictionKey(sample->id, method, keep, frames));
        if (!anyToRun) continue;
        request.sampling.clipStart = sample->start.value_or(0.0);
        request.sampling.clipEnd = sample->end.value_or(std::numeric_limits<double>::infinity());
        auto video = sampleVideo(request, cancel);
        for (const auto& method : plan.methods) {
          for (double keep : plan.keepsOf(method)) {
            if (cancel.isCancelled()) break;
            if (done.count(eval::predictionKey(sample->id, method, keep, frames))) continue;
            request.method = method;
            request.keepRatio = keep;
            eval::Prediction p;
            p.id = sample->id;
            p.method = method;
            p.keep = keep;
            p.frames = frames;
            if (!video) {
              p.error = video.error().message;
            } else {
              // The first runs pay for kernel choice and allocation: made, then discarded, so
              // the first sample's times are like the others'.
              for (; plan.warmups > 0 && !cancel.isCancelled(); --plan.warmups)
                (void)runFull(*loaded, request, video->frames, progress, cancel);
              auto run = runFull(*loaded, request, video->frames, progress, cancel);
              if (cancel.isCancelled()) break;
              if (!run) {
                p.error = run.error().message;
              } else {
                stampRun(*run, request, *video, *loaded, false);
                if (!plan.context.contains("versions")) {
                  plan.context["versions"] = run->versions;
                  plan.context["timing_clock"] = run->timingClock;
                }
                p.answer = run->answer;
                const eval::Scored scored = eval::score(*sample, run->answer);
                p.choice = scored.choice;
                p.correct = scored.correct;
                p.visionTokensBefore = run->visionTokensBefore;
                p.visionTokensAfter = run->visionTokensAfter;
                p.promptTokens = run->promptTokens;
                for (const auto& t : run->timings) p.stageMs.emplace_back(t.name, t.milliseconds);
                if (plan.saveRuns) {
                  const fs::path runs = fs::path(plan.outputDir) / "runs";
                  fs::create_directories(runs, ec);
                  const fs::path file = runs / eval::savedRunName(p);
                  if (auto saved = saveRunFile(file.string(), *run); !saved)
                    std::fprintf(stderr, "stts: %s\n", saved.error().message.c_str());
                }
              }
            }
            if (auto appended = appendLine(fd, predictionsPath, eval::predictionLine(p));
                !appended) {
              ::close(fd);
              return reportFailure(appended.error());
            }
            predictions.push_back(p);
            ++ran;
            progress.clear();
            std::printf("[%zu/%zu] %s %d frames %s keep %s%%: %s\n", ran, toRun, sample->id.c_str(),
                        frames, method.c_str(), keepLabel(keep).c_str(),
                        !p.error.empty() ? ("failed: " + p.error).c_str()
                        : p.correct      ? "correct"
                                         : "wrong");
            std::fflush(stdout);
          }
        }
        if (cancel.isCancelled()) break;
      }
      if (cancel.isCancelled()) break;
    }
    ::close(fd);
    progress.clear();
    if (cancel.isCancelled())
      return reportFailure("cancelled; the " + std::to_string(ran) + " answers so far are in " +
                           predictionsPath + " and the same command continues from there");
  }

  const std::string suffix = plan.sharded ? base.substr(std::string("predictions").size()) : "";
  auto table = writeEvalReport(plan.outputDir, suffix, predictions, plan.context);
  if (!table) return reportFailure(table.error());
  std::printf("\n%s\nmetrics%s.json, accuracy_vs_tokens%s.svg and latency_vs_tokens%s.svg in %s\n",
              table->c_str(), suffix.c_str(), suffix.c_str(), suffix.c_str(),
              plan.outputDir.c_str());
  std::size_t failed = 0;
  for (const auto& p : predictions) failed += p.error.empty() ? 0 : 1;
  if (failed > 0)
    std::printf("%zu answers could not be made (their errors are in the predictions)\n", failed);
  return kExitOk;
}

}  // namespace

Command evalCommand() {
  std::vector<OptionSpec> options = {
      {"model", "DIR", "model folder, loaded once"},
      {"bench", "FILE", "JSON Lines, one question a line (engine/eval/README.md)"},
      {"output", "OUTDIR", "folder for predictions.jsonl, metrics.json and the plots", 'o'},
      {"methods", "LIST", "comma-separated methods (default none,stts; 'none' gives the speedups)"},
      {"keep", "LIST", "comma-separated keep ratios 0..1 (default 0.5)"},
      {"frames", "LIST", "comma-separated frame counts, e.g. 16,64 (default 16)"},
      {"shard", "I/N", "answer only samples k with k mod N = I (0-based); join with stts merge"},
      {"save-runs", "", "also write each answer's run file into OUTDIR/runs/"},
      {"max-new-tokens", "N", "stop each answer after N tokens (default 32)"},
      {"warmup", "W", "runs made and discarded before the first timed one (default 1)"}};
  for (const OptionSpec& shared : samplingAndDeviceOptions())
    if (shared.name != "frames" && shared.name != "no-frames") options.push_back(shared);
  return {{"eval",
           "Answer a bench of questions about videos under every method x keep x frame count "
           "(model loaded once), score them (multiple choice: mc-letter-v1 prompt, "
           "letter-parser-v1), and write predictions.jsonl (appended as answers finish: run the "
           "same command again to continue after a kill), metrics.json (accuracy with 95 % "
           "intervals, tokens, stage times, speedups against 'none'), accuracy_vs_tokens.svg and "
           "latency_vs_tokens.svg. A sample whose video is missing or broken is recorded as "
           "failed; the others still run.",
           {},
           options},
          runEval};
}

}  // namespace stts::cli
