#include "compare_summary.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <tuple>

namespace stts::cli {
namespace fs = std::filesystem;
namespace {

// The pipeline's stages in the order they run (design.md §4); others follow in first-seen order.
const std::vector<std::string> kStageOrder = {"decode",   "preprocess",   "vit_pre",  "select",
                                              "vit_bias", "pack",         "vit_post", "connector",
                                              "prefill",  "decode_tokens"};

std::string number(double value, const char* format) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

std::vector<std::string> stageColumns(const std::vector<RunRecord>& runs) {
  std::vector<std::string> present;
  for (const auto& run : runs)
    for (const auto& [name, ms] : run.stageMs)
      if (std::find(present.begin(), present.end(), name) == present.end()) present.push_back(name);
  std::vector<std::string> columns;
  for (const auto& name : kStageOrder)
    if (std::find(present.begin(), present.end(), name) != present.end()) columns.push_back(name);
  for (const auto& name : present)
    if (std::find(columns.begin(), columns.end(), name) == columns.end()) columns.push_back(name);
  return columns;
}

std::vector<std::string> sweepLabels(const SweepInfo& sweep) {
  std::vector<std::string> labels;
  for (const auto& method : sweep.methods)
    for (double keep : sweep.keeps) labels.push_back(runLabel(method, keep));
  return labels;
}

nlohmann::json sweepJson(const SweepInfo& s) {
  return {{"methods", s.methods},
          {"keeps", s.keeps},
          {"question", s.question},
          {"maxNewTokens", s.maxNewTokens},
          {"budgetPolicy", s.budgetPolicy},
          {"fastvLayer", s.fastvLayer},
          {"maxFrames", s.maxFrames},
          {"maxFps", s.maxFps},
          {"seed", s.seed},
          {"dtype", s.dtype},
          {"modelConfigHash", s.modelConfigHash},
          {"videoCount", s.videoCount}};
}

std::string joinLines(const std::vector<std::string>& lines) {
  std::string joined;
  for (const auto& line : lines) {
    if (!joined.empty()) joined += '\n';
    joined += line;
  }
  return joined;
}

Error invalidData(std::string message) {
  return makeError(ErrorCode::InvalidData, std::move(message));
}

}  // namespace

std::optional<double> keptCellIoU(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b) {
  if (a.size() != b.size()) return std::nullopt;
  std::size_t both = 0, either = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    both += (a[i] && b[i]) ? 1 : 0;
    either += (a[i] || b[i]) ? 1 : 0;
  }
  if (either == 0) return 1.0;
  return static_cast<double>(both) / static_cast<double>(either);
}

void fillIoU(std::vector<RunRecord>& runs, const SweepInfo& sweep) {
  for (auto& run : runs) {
    run.iou.clear();
    for (const auto& label : sweepLabels(sweep)) run.iou[label] = std::nullopt;
    if (!run.ok) continue;
    for (const auto& other : runs) {
      if (!other.ok || other.videoIndex != run.videoIndex) continue;
      run.iou[runLabel(other.method, other.keep)] = keptCellIoU(run.keepMask, other.keepMask);
    }
  }
}

std::string csvField(const std::string& text) {
  const bool quote = text.find_first_of(",\"\r\n") != std::string::npos ||
                     (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string summaryCsv(const Summary& summary) {
  const auto stages = stageColumns(summary.runs);
  const auto labels = sweepLabels(summary.sweep);
  std::vector<std::string> header = {"video",
                                     "method",
                                     "keep",
                                     "status",
                                     "error",
                                     "frames",
                                     "vision_tokens_before",
                                     "vision_tokens_after",
                                     "prompt_tokens"};
  for (const auto& stage : stages) header.push_back(stage + "_ms");
  for (const char* name : {"total_ms", "peak_memory_bytes", "answer", "run_file"})
    header.push_back(name);
  for (const auto& label : labels) header.push_back("iou_" + label);

  std::string csv;
  auto appendRow = [&csv](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) csv += ',';
      csv += csvField(fields[i]);
    }
    csv += "\r\n";
  };
  appendRow(header);
  for (const auto& run : summary.runs) {
    std::vector<std::string> row = {run.video,
                                    run.method,
                                    number(run.keep, "%g"),
                                    run.ok ? "ok" : "failed",
                                    run.error,
                                    std::to_string(run.frames),
                                    std::to_string(run.visionTokensBefore),
                                    std::to_string(run.visionTokensAfter),
                                    std::to_string(run.promptTokens)};
    double totalMs = 0;
    for (const auto& stage : stages) {
      auto it = std::find_if(run.stageMs.begin(), run.stageMs.end(),
                             [&](const auto& timing) { return timing.first == stage; });
      row.push_back(it == run.stageMs.end() ? "" : number(it->second, "%.3f"));
      if (it != run.stageMs.end()) totalMs += it->second;
    }
    row.push_back(run.ok ? number(totalMs, "%.3f") : "");
    row.push_back(run.ok ? std::to_string(run.peakMemoryBytes) : "");
    row.push_back(run.answer);
    row.push_back(run.runFile);
    for (const auto& label : labels) {
      auto it = run.iou.find(label);
      row.push_back(it != run.iou.end() && it->second ? number(*it->second, "%.6f") : "");
    }
    appendRow(row);
  }
  return csv;
}

nlohmann::json summaryJson(const Summary& summary) {
  nlohmann::json runs = nlohmann::json::array();
  for (const auto& run : summary.runs) {
    nlohmann::json timings = nlohmann::json::array();
    for (const auto& [name, ms] : run.stageMs) timings.push_back({{"stage", name}, {"ms", ms}});
    nlohmann::json iou = nlohmann::json::object();
    for (const auto& [label, value] : run.iou)
      iou[label] = value ? nlohmann::json(*value) : nlohmann::json(nullptr);
    runs.push_back({{"videoIndex", run.videoIndex},
                    {"video", run.video},
                    {"method", run.method},
                    {"keep", run.keep},
                    {"status", run.ok ? "ok" : "failed"},
                    {"error", run.error},
                    {"runFile", run.runFile},
                    {"answer", run.answer},
                    {"frames", run.frames},
                    {"promptTokens", run.promptTokens},
                    {"visionTokensBefore", run.visionTokensBefore},
                    {"visionTokensAfter", run.visionTokensAfter},
                    {"peakMemoryBytes", run.peakMemoryBytes},
                    {"timings", timings},
                    {"iou", iou}});
  }
  return {{"format", kSummaryFormat},
          {"version", kSummaryVersion},
          {"sweep", sweepJson(summary.sweep)},
          {"shard", {{"index", summary.shard.index}, {"count", summary.shard.count}}},
          {"sharded", summary.sharded},
          {"environment", summary.environment},
          {"runs", runs}};
}

Expected<Summary> summaryFromJson(const nlohmann::json& json, const std::string& source) {
  try {
    if (!json.is_object() || json.value("format", "") != kSummaryFormat)
      return invalidData(source + " is not a stts compare summary");
    if (json.at("version").get<int>() != kSummaryVersion)
      return invalidData(source + " has summary version " + json.at("version").dump() +
                         "; this stts reads version " + std::to_string(kSummaryVersion));
    Summary summary;
    const auto& s = json.at("sweep");
    summary.sweep = {s.at("methods").get<std::vector<std::string>>(),
                     s.at("keeps").get<std::vector<double>>(),
                     s.at("question").get<std::string>(),
                     s.at("maxNewTokens").get<int>(),
                     s.at("budgetPolicy").get<std::string>(),
                     s.at("fastvLayer").get<int>(),
                     s.at("maxFrames").get<int>(),
                     s.at("maxFps").get<double>(),
                     s.at("seed").get<uint64_t>(),
                     s.at("dtype").get<std::string>(),
                     s.at("modelConfigHash").get<std::string>(),
                     s.at("videoCount").get<std::size_t>()};
    summary.shard = {json.at("shard").at("index").get<int>(),
                     json.at("shard").at("count").get<int>()};
    if (summary.shard.count < 1 || summary.shard.index < 0 ||
        summary.shard.index >= summary.shard.count)
      return invalidData(source + " names an impossible shard");
    summary.sharded = json.value("sharded", false);
    summary.environment = json.value("environment", std::map<std::string, std::string>{});
    for (const auto& r : json.at("runs")) {
      RunRecord run;
      run.videoIndex = r.at("videoIndex").get<std::size_t>();
      run.video = r.at("video").get<std::string>();
      run.method = r.at("method").get<std::string>();
      run.keep = r.at("keep").get<double>();
      run.ok = r.at("status").get<std::string>() == "ok";
      run.error = r.value("error", "");
      run.runFile = r.value("runFile", "");
      run.answer = r.value("answer", "");
      run.frames = r.value("frames", int64_t{0});
      run.promptTokens = r.value("promptTokens", int64_t{0});
      run.visionTokensBefore = r.value("visionTokensBefore", int64_t{0});
      run.visionTokensAfter = r.value("visionTokensAfter", int64_t{0});
      run.peakMemoryBytes = r.value("peakMemoryBytes", int64_t{0});
      for (const auto& t : r.at("timings"))
        run.stageMs.emplace_back(t.at("stage").get<std::string>(), t.at("ms").get<double>());
      for (const auto& [label, value] : r.at("iou").items())
        run.iou[label] =
            value.is_null() ? std::nullopt : std::optional<double>(value.get<double>());
      summary.runs.push_back(std::move(run));
    }
    return summary;
  } catch (const nlohmann::json::exception& e) {
    return invalidData(source + " is not a readable stts compare summary (" + e.what() + ")");
  }
}

Expected<void> writeFileAtomically(const std::string& path, const std::string& contents) {
  const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return makeError(ErrorCode::Io, "cannot write " + path + ": " + std::strerror(errno));
  std::size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  const int savedErrno = errno;
  const bool complete = written == contents.size() && ::fsync(fd) == 0;
  ::close(fd);
  if (!complete || std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(complete ? errno : savedErrno);
    ::unlink(temporary.c_str());
    return makeError(ErrorCode::Io, "cannot write " + path + ": " + reason);
  }
  return {};
}

Expected<void> writeSummary(const std::string& dir, const Summary& summary) {
  const fs::path base = fs::path(dir) / summaryBaseName(summary.shard, summary.sharded);
  if (auto csv = writeFileAtomically(base.string() + ".csv", summaryCsv(summary)); !csv) return csv;
  return writeFileAtomically(base.string() + ".json", summaryJson(summary).dump(2) + "\n");
}

Expected<std::vector<std::string>> summaryFilesIn(const std::string& argument) {
  std::error_code ec;
  if (!fs::is_directory(argument, ec)) {
    if (!fs::exists(argument, ec))
      return makeError(ErrorCode::NotFound, argument + " does not exist");
    return std::vector<std::string>{argument};
  }
  std::vector<std::string> shards;
  for (const auto& entry : fs::directory_iterator(argument, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("summary-shard-", 0) == 0 && entry.path().extension() == ".json")
      shards.push_back(entry.path().string());
  }
  std::sort(shards.begin(), shards.end());
  if (!shards.empty()) return shards;
  const fs::path whole = fs::path(argument) / "summary.json";
  if (fs::exists(whole, ec)) return std::vector<std::string>{whole.string()};
  return makeError(ErrorCode::NotFound,
                   argument + " holds no summary-shard-*-of-*.json and no summary.json");
}

Expected<SummaryInput> readSummary(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::NotFound, "cannot read " + path);
  nlohmann::json json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return invalidData(path + " is not valid JSON");
  auto summary = summaryFromJson(json, path);
  if (!summary) return summary.error();
  return SummaryInput{path, std::move(summary).value()};
}

Expected<Summary> mergeSummaries(const std::vector<SummaryInput>& inputs,
                                 const std::string& outputDir) {
  if (inputs.empty()) return makeError(ErrorCode::InvalidArgument, "no summaries to merge");
  std::vector<std::string> problems;
  const SummaryInput& first = inputs.front();
  const nlohmann::json firstSweep = sweepJson(first.summary.sweep);
  const int shardCount = first.summary.shard.count;
  std::map<int, std::string> fileOfShard;
  for (const auto& input : inputs) {
    const nlohmann::json sweep = sweepJson(input.summary.sweep);
    if (sweep != firstSweep) {
      for (const auto& [key, value] : firstSweep.items())
        if (sweep.at(key) != value)
          problems.push_back(input.path + " comes from a different sweep than " + first.path +
                             ": " + key + " is " + sweep.at(key).dump() + ", not " + value.dump());
      continue;
    }
    if (input.summary.shard.count != shardCount) {
      problems.push_back(input.path + " is one of " + std::to_string(input.summary.shard.count) +
                         " shards, but " + first.path + " is one of " + std::to_string(shardCount));
      continue;
    }
    auto [it, inserted] = fileOfShard.emplace(input.summary.shard.index, input.path);
    if (!inserted)
      problems.push_back("shard " + std::to_string(input.summary.shard.index) + " of " +
                         std::to_string(shardCount) + " is given twice: " + it->second + " and " +
                         input.path);
  }
  if (!problems.empty()) {
    return invalidData(joinLines(problems));
  }
  for (int index = 0; index < shardCount; ++index)
    if (!fileOfShard.count(index))
      problems.push_back("shard " + std::to_string(index) + " of " + std::to_string(shardCount) +
                         " is missing (" + summaryBaseName({index, shardCount}, true) + ".json)");

  Summary merged;
  merged.sweep = first.summary.sweep;
  merged.environment = first.summary.environment;
  std::map<std::size_t, std::string> shardFileOfVideo;
  std::map<std::size_t, std::size_t> runsOfVideo;
  const std::size_t runsPerVideo = merged.sweep.methods.size() * merged.sweep.keeps.size();
  for (const auto& input : inputs) {
    std::set<std::size_t> videosHere;
    for (const auto& run : input.summary.runs) {
      if (run.videoIndex >= merged.sweep.videoCount ||
          !videoInShard(run.videoIndex, input.summary.shard)) {
        problems.push_back(input.path + " holds video " + std::to_string(run.videoIndex) + " (" +
                           run.video + "), which is not part of its shard");
        continue;
      }
      if (videosHere.insert(run.videoIndex).second) {
        auto [it, inserted] = shardFileOfVideo.emplace(run.videoIndex, input.path);
        if (!inserted)
          problems.push_back("video " + std::to_string(run.videoIndex) + " (" + run.video +
                             ") appears in both " + it->second + " and " + input.path);
      }
      ++runsOfVideo[run.videoIndex];
      RunRecord copy = run;
      if (!copy.runFile.empty()) {
        const fs::path absolute =
            fs::absolute(fs::path(input.path).parent_path() / copy.runFile).lexically_normal();
        copy.runFile = absolute.lexically_proximate(fs::absolute(outputDir)).string();
      }
      merged.runs.push_back(std::move(copy));
    }
  }
  for (std::size_t k = 0; k < merged.sweep.videoCount; ++k) {
    const int owner = static_cast<int>(k % static_cast<std::size_t>(shardCount));
    if (!fileOfShard.count(owner)) continue;  // already reported as a missing shard
    if (!shardFileOfVideo.count(k))
      problems.push_back("video " + std::to_string(k) + " of the list is missing from " +
                         fileOfShard[owner]);
    else if (runsOfVideo[k] != runsPerVideo)
      problems.push_back("video " + std::to_string(k) + " has " + std::to_string(runsOfVideo[k]) +
                         " runs instead of " + std::to_string(runsPerVideo));
  }
  if (!problems.empty()) {
    return invalidData(joinLines(problems));
  }

  // List order, then the sweep's method and keep order: the order an unsharded sweep writes.
  auto position = [&](const RunRecord& run) {
    const auto& m = merged.sweep.methods;
    const auto& k = merged.sweep.keeps;
    const auto mi = std::find(m.begin(), m.end(), run.method) - m.begin();
    const auto ki = std::find(k.begin(), k.end(), run.keep) - k.begin();
    return std::tuple(run.videoIndex, mi, ki);
  };
  std::stable_sort(
      merged.runs.begin(), merged.runs.end(),
      [&](const RunRecord& a, const RunRecord& b) { return position(a) < position(b); });
  return merged;
}

}  // namespace stts::cli
