// stts compare: every (method, keep) of a sweep on one video or on a list of videos (optionally
// one shard of it), with the model loaded once and each video decoded once. Writes one run file
// per run and a summary (CSV + JSON) with answers, token counts, stage timings, peak memory and
// the IoU of kept cells between the runs of each video.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "command.h"
#include "compare_summary.h"
#include "run_support.h"
#include "signals.h"
#include "stts/generate.h"
#include "stts/methods.h"
#include "stts/pipeline.h"
#include "stts/regular_file.h"
#include "stts/runfile.h"

namespace stts::cli {
namespace fs = std::filesystem;
namespace {

struct ComparePlan {
  RunRequest base;
  DeviceSpec device;
  std::vector<VideoListEntry> videos;  // the whole list
  std::vector<std::size_t> mine;       // the list indices this shard runs
  bool batch = false;                  // --videos: run files go into OUTDIR/<video>/
  bool storeFrames = true;
  std::string outputDir;
  Summary summary;  // sweep, shard and environment filled; runs appended as they finish
};

std::optional<int> parsePlan(const ParsedArguments& args, ComparePlan& plan) {
  const auto model = args.value("model");
  const auto output = args.value("output");
  if (!model || !output) return reportUsage("compare", "--model and -o/--output are required");
  if (args.has("video") == args.has("videos"))
    return reportUsage("compare", "give either --video FILE or --videos LIST");
  plan.base.modelPath = *model;
  plan.outputDir = *output;
  if (auto usage = parseSamplingAndDeviceOptions(args, "compare", plan.base, plan.device))
    return usage;
  plan.storeFrames = !args.has("no-frames");

  auto methods = parseMethodList(args.value("methods").value_or("stts"));
  if (!methods) return reportUsage("compare", methods.error().message);
  for (const auto& method : *methods)
    if (!findPruningMethod(method))
      return reportUsage("compare", "--methods: unknown method \"" + method +
                                        "\"; known: " + pruningMethodNames());
  auto keeps = parseKeepList(args.value("keep").value_or("0.5"));
  if (!keeps) return reportUsage("compare", keeps.error().message);

  if (auto question = args.value("question")) {
    if (question->find_first_not_of(" \t\r\n") == std::string::npos)
      return reportUsage("compare", "--question must not be empty (leave it out for vision only)");
    plan.base.question = *question;
  }
  if (auto text = args.value("max-new-tokens")) {
    auto n = parseInteger(*text, 1, 32768);
    if (!n) return reportUsage("compare", "--max-new-tokens must be an integer from 1 to 32768");
    plan.base.maxNewTokens = static_cast<int>(*n);
  }

  ShardSpec shard;
  if (auto text = args.value("shard")) {
    if (!args.has("videos")) return reportUsage("compare", "--shard needs --videos LIST");
    auto parsed = parseShard(*text);
    if (!parsed) return reportUsage("compare", parsed.error().message);
    shard = *parsed;
  }
  if (auto list = args.value("videos")) {
    auto entries = readVideoList(*list);
    if (!entries) return reportUsage("compare", entries.error().message);
    plan.videos = std::move(entries).value();
    plan.batch = true;
    plan.summary.environment["videoList"] = *list;
  } else {
    const std::string video = *args.value("video");
    plan.videos = {{video, safeVideoStem(video), 0}};
  }
  plan.mine = shardVideoIndices(plan.videos.size(), shard);

  plan.summary.shard = shard;
  plan.summary.sharded = args.has("shard");
  plan.summary.environment["model"] = *model;
  plan.summary.environment["device"] = plan.device.device;
  auto configRead = readRegularFile(*model + "/config.json", 16u << 20);
  const std::string configText = configRead ? std::move(configRead).value() : std::string();
  plan.summary.sweep = {std::move(methods).value(),
                        std::move(keeps).value(),
                        plan.base.question,
                        plan.base.question.empty() ? 0 : plan.base.maxNewTokens,
                        plan.base.budgetPolicy,
                        plan.base.fastvLayer,
                        plan.base.sampling.maxFrames,
                        plan.base.sampling.maxFps,
                        plan.base.seed,
                        plan.device.dtype,
                        sha256Hex(configText),
                        plan.videos.size()};
  return std::nullopt;
}

RunRecord recordOf(const RunResult& run, std::size_t videoIndex, const std::string& video,
                   const std::string& runFile) {
  RunRecord record;
  record.videoIndex = videoIndex;
  record.video = video;
  record.method = run.request.method;
  record.keep = run.request.keepRatio;
  record.ok = true;
  record.runFile = runFile;
  record.answer = run.answer;
  record.frames = run.frames;
  record.promptTokens = run.promptTokens;
  record.visionTokensBefore = run.visionTokensBefore;
  record.visionTokensAfter = run.visionTokensAfter;
  record.peakMemoryBytes = run.peakMemoryBytes;
  for (const auto& timing : run.timings)
    record.stageMs.emplace_back(timing.name, timing.milliseconds);
  record.keepMask = run.keep;
  return record;
}

RunRecord failedRecord(std::size_t videoIndex, const std::string& video, const std::string& method,
                       double keep, const std::string& error) {
  RunRecord record;
  record.videoIndex = videoIndex;
  record.video = video;
  record.method = method;
  record.keep = keep;
  record.error = error;
  return record;
}

// The start of an answer on one line, for the progress line of a run.
std::string answerPreview(const std::string& answer) {
  if (answer.empty()) return {};
  std::string line;
  for (char c : answer) line += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (line.size() > 60) {
    std::size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
    line = line.substr(0, cut) + "...";
  }
  return ", answer \"" + line + "\"";
}

double totalMs(const RunRecord& record) {
  double total = 0;
  for (const auto& [name, ms] : record.stageMs) total += ms;
  return total;
}

int runCompare(const ParsedArguments& args) {
  ComparePlan plan;
  if (auto usage = parsePlan(args, plan)) return *usage;
  if (!videoDecodingAvailable()) return reportFailure(noFfmpegMessage("compare"));
  std::error_code ec;
  fs::create_directories(plan.outputDir, ec);
  if (ec) return reportFailure("cannot create the folder " + plan.outputDir + ": " + ec.message());

  if (plan.mine.empty()) {  // more shards than videos: this one only says so, for the merge
    if (auto saved = writeSummary(plan.outputDir, plan.summary); !saved)
      return reportFailure(saved.error());
    std::printf("shard %d/%d has no videos (the list has %zu); empty summary written\n",
                plan.summary.shard.index, plan.summary.shard.count, plan.videos.size());
    return kExitOk;
  }
  CancelToken cancel;
  const SignalCancel cancelOnSignal(cancel);  // the first Ctrl+C stops at the next check
  plan.device.loadLanguageModel = !plan.base.question.empty();
  auto loaded = loadModelFor(plan.base, plan.device);
  if (!loaded) return reportFailure(loaded.error());

  const SweepInfo& sweep = plan.summary.sweep;
  const std::size_t totalRuns = plan.mine.size() * sweep.methods.size() * sweep.keeps.size();
  std::size_t done = 0, failed = 0, written = 0;
  TerminalProgress progress;
  for (std::size_t videoIndex : plan.mine) {
    const VideoListEntry& entry = plan.videos[videoIndex];
    const fs::path runDir =
        plan.batch ? fs::path(plan.outputDir) / entry.name : fs::path(plan.outputDir);
    RunRequest request = plan.base;
    request.videoPath = entry.path;
    auto video = sampleVideo(request, cancel);
    std::error_code folderError;
    if (video && plan.batch) fs::create_directories(runDir, folderError);
    for (const auto& method : sweep.methods) {
      for (double keep : sweep.keeps) {
        if (cancel.isCancelled()) break;
        ++done;
        request.method = method;
        request.keepRatio = keep;
        char what[512];
        std::snprintf(what, sizeof what, "[%zu/%zu] %s %s keep %s%%", done, totalRuns,
                      entry.name.c_str(), method.c_str(), keepLabel(keep).c_str());
        auto fail = [&](const std::string& why) {
          progress.clear();
          std::fprintf(stderr, "stts: %s failed: %s\n", what, why.c_str());
          plan.summary.runs.push_back(failedRecord(videoIndex, entry.path, method, keep, why));
          ++failed;
        };
        if (!video) {
          fail(video.error().message);
          continue;
        }
        if (folderError) {
          fail("cannot create the folder " + runDir.string() + ": " + folderError.message());
          continue;
        }
        auto run = request.question.empty()
                       ? runVision(*loaded, request, video->frames, progress, cancel)
                       : runFull(*loaded, request, video->frames, progress, cancel);
        if (cancel.isCancelled()) break;
        if (!run) {
          fail(run.error().message);
          continue;
        }
        stampRun(*run, request, *video, *loaded, plan.storeFrames);
        const fs::path file = runDir / runFileName(entry.name, method, keep);
        if (auto saved = saveRunFile(file.string(), *run); !saved) {
          fail(saved.error().message);
          continue;
        }
        ++written;
        const std::string relative = file.lexically_proximate(plan.outputDir).string();
        plan.summary.runs.push_back(recordOf(*run, videoIndex, entry.path, relative));
        progress.clear();
        std::printf("%s: vision tokens %lld -> %lld, %.0f ms%s -> %s\n", what,
                    static_cast<long long>(run->visionTokensBefore),
                    static_cast<long long>(run->visionTokensAfter),
                    totalMs(plan.summary.runs.back()), answerPreview(run->answer).c_str(),
                    file.string().c_str());
        std::fflush(stdout);
      }
    }
    if (cancel.isCancelled()) break;
  }
  progress.clear();
  if (cancel.isCancelled())
    return reportFailure("cancelled after " + std::to_string(written) +
                         " complete run file(s); no summary was written");

  fillIoU(plan.summary.runs, sweep);
  if (auto saved = writeSummary(plan.outputDir, plan.summary); !saved)
    return reportFailure(saved.error());
  const std::string summaryPath =
      (fs::path(plan.outputDir) / summaryBaseName(plan.summary.shard, plan.summary.sharded))
          .string();
  std::printf("%zu of %zu runs succeeded; summary in %s.csv and .json\n", totalRuns - failed,
              totalRuns, summaryPath.c_str());
  if (failed > 0)
    return reportFailure(std::to_string(failed) + " of " + std::to_string(totalRuns) +
                         " runs failed (listed above and in the summary)");
  return kExitOk;
}

}  // namespace

Command compareCommand() {
  std::vector<OptionSpec> options = {
      {"model", "DIR", "model folder, loaded once for the whole sweep"},
      {"video", "FILE", "one video (or use --videos)"},
      {"videos", "LIST",
       "text file, one video path per line; blank lines and #comments are "
       "ignored; relative paths are relative to the list's folder"},
      {"shard", "I/N",
       "run only shard I of N (0-based: I = 0..N-1); video k of the list goes "
       "to shard k mod N. For a Slurm array: --array=0-(N-1) and "
       "--shard $SLURM_ARRAY_TASK_ID/N"},
      {"output", "OUTDIR", "folder for the run files and the summary", 'o'},
      {"methods", "LIST", "comma-separated methods, e.g. stts,none,random (default stts)"},
      {"keep", "LIST", "comma-separated keep ratios 0..1, e.g. 0.5,0.3 (default 0.5)"},
      {"question", "TEXT", "ask the language model; without it the runs are vision only"},
      {"max-new-tokens", "N", "stop each answer after N tokens (default 200)"}};
  const auto shared = samplingAndDeviceOptions();
  options.insert(options.end(), shared.begin(), shared.end());
  return {{"compare",
           "Run every method x keep ratio on a video or a list of videos (model loaded once, each "
           "video decoded once; the decode time is repeated in each of its runs). Writes "
           "<video>_<method>-<keep%>.sttsrun per run (into OUTDIR/<video>/ with --videos) and "
           "summary.csv/.json (summary-shard-I-of-N.* with --shard) with answers, token counts, "
           "stage timings, peak memory and the IoU of kept cells between runs of each video. "
           "Exit code 1 if any run failed; the others still run.",
           {},
           options},
          runCompare};
}

}  // namespace stts::cli
