#include "compare_summary.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <tuple>
#include <type_traits>
#include <utility>

#include "stts/json_depth.h"
#include "stts/regular_file.h"

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

// One line per problem, at most kMaxProblemLines of them: a damaged sweep of 5,000 videos gets a
// screenful and a count, not 5,000 lines.
constexpr std::size_t kMaxProblemLines = 20;
constexpr std::size_t kMaxListed = 10;  // items named in one summarised problem
// A summary holds a few hundred bytes per run: 1 GiB is millions of runs.
constexpr std::size_t kMaxSummaryBytes = std::size_t{1} << 30;

std::string joinLines(const std::vector<std::string>& lines) {
  std::string joined;
  for (std::size_t i = 0; i < lines.size() && i < kMaxProblemLines; ++i) {
    if (!joined.empty()) joined += '\n';
    joined += lines[i];
  }
  if (lines.size() > kMaxProblemLines)
    joined += "\n... and " + std::to_string(lines.size() - kMaxProblemLines) + " more problems";
  return joined;
}

// "1, 4, 7" from the first kMaxListed of `items`, and "and N more" for the rest of `total`.
std::string listSome(const std::vector<std::string>& items, std::size_t total) {
  std::string text;
  for (std::size_t i = 0; i < items.size() && i < kMaxListed; ++i)
    text += (i ? ", " : "") + items[i];
  const std::size_t shown = std::min(items.size(), kMaxListed);
  if (total > shown) text += " and " + std::to_string(total - shown) + " more";
  return text;
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

namespace {

// Reads a summary's fields by name and type. The first missing or mistyped field ends the read
// with its place ("runs[3].keep is not a number"), never with the JSON library's exception text.
class SummaryFields {
 public:
  struct Problem {
    std::string sentence;
  };

  static const nlohmann::json& node(const nlohmann::json& object, std::string_view key,
                                    const std::string& where) {
    if (!object.is_object())
      throw Problem{(where.empty() ? std::string("the top level") : where) +
                    " is not a JSON object"};
    const auto it = object.find(key);
    if (it == object.end()) throw Problem{qualified(key, where) + " is missing"};
    return *it;
  }

  template <typename T>
  static T get(const nlohmann::json& object, std::string_view key, const std::string& where) {
    return convert<T>(node(object, key, where), qualified(key, where));
  }

  static std::string qualified(std::string_view key, const std::string& where) {
    return where.empty() ? std::string(key) : where + "." + std::string(key);
  }

  // A field that may be absent (older summaries); present, it must have the right type.
  template <typename T>
  static T optional(const nlohmann::json& object, std::string_view key, const std::string& where,
                    T fallback) {
    if (!object.is_object() || !object.contains(key)) return fallback;
    return get<T>(object, key, where);
  }

  template <typename T>
  static T convert(const nlohmann::json& value, const std::string& name) {
    if constexpr (std::is_same_v<T, std::string>) {
      if (!value.is_string()) throw Problem{name + " is not a string"};
      return value.get<std::string>();
    } else if constexpr (std::is_same_v<T, bool>) {
      if (!value.is_boolean()) throw Problem{name + " is not true or false"};
      return value.get<bool>();
    } else if constexpr (std::is_floating_point_v<T>) {
      if (!value.is_number()) throw Problem{name + " is not a number"};
      return value.get<T>();
    } else if constexpr (std::is_integral_v<T>) {
      // Checked against T's range: 10^12 must not wrap into a plausible int.
      if (value.is_number_unsigned()) {
        const auto v = value.get<uint64_t>();
        if (v <= static_cast<uint64_t>(std::numeric_limits<T>::max())) return static_cast<T>(v);
      } else if (value.is_number_integer()) {
        const auto v = value.get<int64_t>();
        if (v >= 0 || std::is_signed_v<T>) {
          if (std::cmp_greater_equal(v, std::numeric_limits<T>::min()) &&
              std::cmp_less_equal(v, std::numeric_limits<T>::max()))
            return static_cast<T>(v);
        }
      } else {
        throw Problem{name + " is not an integer"};
      }
      throw Problem{name + " is out of range"};
    } else {
      static_assert(std::is_same_v<T, std::vector<typename T::value_type>>);
      if (!value.is_array()) throw Problem{name + " is not a list"};
      T out;
      for (std::size_t i = 0; i < value.size(); ++i)
        out.push_back(
            convert<typename T::value_type>(value[i], name + "[" + std::to_string(i) + "]"));
      return out;
    }
  }
};

}  // namespace

Expected<Summary> summaryFromJson(const nlohmann::json& json, const std::string& source) {
  using F = SummaryFields;
  try {
    if (!json.is_object() || !json.contains("format") || json["format"] != kSummaryFormat)
      return invalidData(source + " is not a stts compare summary");
    const auto version = F::get<int64_t>(json, "version", "");
    if (version != kSummaryVersion)
      return invalidData(source + " has summary version " + std::to_string(version) +
                         "; this stts reads version " + std::to_string(kSummaryVersion));
    Summary summary;
    const auto& s = F::node(json, "sweep", "");
    const std::string w = "sweep";
    summary.sweep = {F::get<std::vector<std::string>>(s, "methods", w),
                     F::get<std::vector<double>>(s, "keeps", w),
                     F::get<std::string>(s, "question", w),
                     F::get<int>(s, "maxNewTokens", w),
                     F::get<std::string>(s, "budgetPolicy", w),
                     F::get<int>(s, "fastvLayer", w),
                     F::get<int>(s, "maxFrames", w),
                     F::get<double>(s, "maxFps", w),
                     F::get<uint64_t>(s, "seed", w),
                     F::get<std::string>(s, "dtype", w),
                     F::get<std::string>(s, "modelConfigHash", w),
                     F::get<std::size_t>(s, "videoCount", w)};
    const auto& shard = F::node(json, "shard", "");
    summary.shard = {F::get<int>(shard, "index", "shard"), F::get<int>(shard, "count", "shard")};
    if (summary.shard.count < 1 || summary.shard.index < 0 ||
        summary.shard.index >= summary.shard.count)
      return invalidData(source + " names an impossible shard");
    summary.sharded = F::optional<bool>(json, "sharded", "", false);
    if (json.contains("environment")) {
      const auto& environment = json["environment"];
      if (!environment.is_object()) throw F::Problem{"environment is not a JSON object"};
      for (const auto& [key, value] : environment.items())
        summary.environment[key] = F::convert<std::string>(value, "environment." + key);
    }
    const auto& runs = F::node(json, "runs", "");
    if (!runs.is_array()) throw F::Problem{"runs is not a list"};
    for (std::size_t i = 0; i < runs.size(); ++i) {
      const auto& r = runs[i];
      const std::string where = "runs[" + std::to_string(i) + "]";
      RunRecord run;
      run.videoIndex = F::get<std::size_t>(r, "videoIndex", where);
      run.video = F::get<std::string>(r, "video", where);
      run.method = F::get<std::string>(r, "method", where);
      run.keep = F::get<double>(r, "keep", where);
      run.ok = F::get<std::string>(r, "status", where) == "ok";
      run.error = F::optional<std::string>(r, "error", where, "");
      run.runFile = F::optional<std::string>(r, "runFile", where, "");
      run.answer = F::optional<std::string>(r, "answer", where, "");
      run.frames = F::optional<int64_t>(r, "frames", where, 0);
      run.promptTokens = F::optional<int64_t>(r, "promptTokens", where, 0);
      run.visionTokensBefore = F::optional<int64_t>(r, "visionTokensBefore", where, 0);
      run.visionTokensAfter = F::optional<int64_t>(r, "visionTokensAfter", where, 0);
      run.peakMemoryBytes = F::optional<int64_t>(r, "peakMemoryBytes", where, 0);
      const auto& timings = F::node(r, "timings", where);
      if (!timings.is_array()) throw F::Problem{where + ".timings is not a list"};
      for (std::size_t t = 0; t < timings.size(); ++t) {
        const std::string at = where + ".timings[" + std::to_string(t) + "]";
        run.stageMs.emplace_back(F::get<std::string>(timings[t], "stage", at),
                                 F::get<double>(timings[t], "ms", at));
      }
      const auto& iou = F::node(r, "iou", where);
      if (!iou.is_object()) throw F::Problem{where + ".iou is not a JSON object"};
      for (const auto& [label, value] : iou.items())
        run.iou[label] =
            value.is_null()
                ? std::nullopt
                : std::optional<double>(F::convert<double>(value, where + ".iou." + label));
      summary.runs.push_back(std::move(run));
    }
    return summary;
  } catch (const SummaryFields::Problem& problem) {
    return invalidData(source + " is not a readable stts compare summary: " + problem.sentence);
  } catch (const nlohmann::json::exception&) {
    return invalidData(source + " is not a readable stts compare summary");
  }
}

Expected<void> writeFileAtomically(const std::string& path, const std::string& contents) {
  if (auto target = checkSaveTarget(path); !target) return target.error();
  const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return makeError(ErrorCode::Io, "cannot write " + path + ": " + std::strerror(errno));
  const PendingTemporary pending(temporary);
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
  if (auto target = checkSaveTarget(path); complete && !target) {
    ::unlink(temporary.c_str());
    return target.error();
  }
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
  auto text = readRegularFile(path, kMaxSummaryBytes);
  if (!text) return text.error();
  if (const std::string nesting = describeJsonNesting(*text); !nesting.empty())
    return invalidData(path + " " + nesting + ", which no stts summary does");
  nlohmann::json json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
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
  // Counted, not enumerated: a summary may claim 2^31-1 shards. Only the first few missing ones
  // are named, which takes at most (shards given + kMaxListed) steps.
  const std::size_t missingShards = static_cast<std::size_t>(shardCount) - fileOfShard.size();
  if (missingShards > 0) {
    std::vector<int> missing;
    std::vector<std::string> named;
    for (int index = 0; index < shardCount && missing.size() < kMaxListed; ++index)
      if (!fileOfShard.count(index)) {
        missing.push_back(index);
        named.push_back(summaryBaseName({index, shardCount}, true) + ".json");
      }
    problems.push_back(missingShards == 1
                           ? "shard " + std::to_string(missing.front()) + " of " +
                                 std::to_string(shardCount) + " is missing (" + named.front() + ")"
                           : std::to_string(missingShards) + " of " + std::to_string(shardCount) +
                                 " shards are missing: " + listSome(named, missingShards));
  }

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
  // Videos the given shards should hold but do not. The summary's videoCount may be anything
  // (10^12), so the count is computed, and only the first few missing videos of each shard are
  // looked for: bounded by the runs the files hold, never by the count they claim.
  const auto count = static_cast<std::size_t>(shardCount);
  std::size_t expectedVideos = 0;
  std::vector<std::size_t> missingVideos;
  for (const auto& [owner, file] : fileOfShard) {
    const auto first = static_cast<std::size_t>(owner);
    if (first >= merged.sweep.videoCount) continue;
    expectedVideos += (merged.sweep.videoCount - 1 - first) / count + 1;
    std::size_t foundHere = 0;
    for (std::size_t k = first; k < merged.sweep.videoCount && foundHere < kMaxListed; k += count) {
      if (!shardFileOfVideo.count(k)) {
        missingVideos.push_back(k);
        ++foundHere;
      }
      if (k > std::numeric_limits<std::size_t>::max() - count) break;
    }
  }
  const std::size_t missingVideoCount = expectedVideos - shardFileOfVideo.size();
  if (missingVideoCount > 0) {
    std::sort(missingVideos.begin(), missingVideos.end());
    std::vector<std::string> named;
    for (std::size_t k : missingVideos)
      named.push_back("video " + std::to_string(k) + " (" +
                      fileOfShard[static_cast<int>(k % count)] + ")");
    problems.push_back(std::to_string(missingVideoCount) + " of the " +
                       std::to_string(merged.sweep.videoCount) +
                       " videos of the list are missing from their shard summaries: " +
                       listSome(named, missingVideoCount));
  }
  for (const auto& [k, runs] : runsOfVideo)
    if (runs != runsPerVideo)
      problems.push_back("video " + std::to_string(k) + " has " + std::to_string(runs) +
                         " runs instead of " + std::to_string(runsPerVideo));
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
