// The summary of a `stts compare` sweep (summary.csv / summary.json, or one per shard) and the
// merge of shard summaries. Pure data and text: no LibTorch, no Qt, no model.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare_plan.h"
#include "stts/error.h"

namespace stts::cli {

inline constexpr const char* kSummaryFormat = "stts-compare-summary";
inline constexpr int kSummaryVersion = 1;

// What makes two shards parts of the same sweep; merge refuses summaries that differ here.
struct SweepInfo {
  std::vector<std::string> methods;
  std::vector<double> keeps;
  std::string question;  // empty: vision-only runs
  int maxNewTokens = 0;
  std::string budgetPolicy;
  int fastvLayer = 0;
  int maxFrames = 0;
  double maxFps = 0;
  uint64_t seed = 0;
  std::string dtype;
  std::string modelConfigHash;
  std::size_t videoCount = 0;  // entries in the whole list, not only this shard's
};

struct RunRecord {
  std::size_t videoIndex = 0;  // 0-based position in the video list
  std::string video;           // the path that was opened
  std::string method;
  double keep = 0;
  bool ok = false;
  std::string error;    // why it failed; empty when ok
  std::string runFile;  // relative to the summary's folder; empty when failed
  std::string answer;   // empty for vision-only runs
  int64_t frames = 0;
  int64_t promptTokens = 0;
  int64_t visionTokensBefore = 0;
  int64_t visionTokensAfter = 0;
  int64_t peakMemoryBytes = 0;
  std::vector<std::pair<std::string, double>> stageMs;  // in pipeline order
  // IoU of this run's kept cells with each run of the same video, keyed by runLabel;
  // nullopt where either run failed or their frame counts differ.
  std::map<std::string, std::optional<double>> iou;
  std::vector<uint8_t> keepMask;  // [T * 81], in memory only (not written to the summary)
};

struct Summary {
  SweepInfo sweep;
  ShardSpec shard;
  bool sharded = false;
  std::map<std::string, std::string> environment;  // model path, device, list: informative only
  std::vector<RunRecord> runs;
};

// |A and B| / |A or B| over every cell; 1 when both are empty; nullopt when sizes differ.
std::optional<double> keptCellIoU(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b);
// Fills `iou` of every run from the keep masks of the runs with the same videoIndex.
void fillIoU(std::vector<RunRecord>& runs, const SweepInfo& sweep);

// One CSV field (RFC 4180): quoted when it holds a comma, quote, CR/LF or edge space.
std::string csvField(const std::string& text);
std::string summaryCsv(const Summary& summary);
nlohmann::json summaryJson(const Summary& summary);
// Reads what summaryJson wrote; `source` names the file in error sentences.
Expected<Summary> summaryFromJson(const nlohmann::json& json, const std::string& source);

// Writes `contents` to a temporary file next to `path`, fsyncs it and renames it over `path`,
// so an interrupted program never leaves half a file.
Expected<void> writeFileAtomically(const std::string& path, const std::string& contents);
// summary(.csv|.json) named by summaryBaseName, both written atomically into `dir`.
Expected<void> writeSummary(const std::string& dir, const Summary& summary);

struct SummaryInput {
  std::string path;  // the .json file
  Summary summary;
};
// The summary files a merge argument stands for: a .json file itself, or in a folder every
// summary-shard-*-of-*.json (or its summary.json when it has no shard files).
Expected<std::vector<std::string>> summaryFilesIn(const std::string& argument);
Expected<SummaryInput> readSummary(const std::string& path);
// Merges the shards of one sweep into an unsharded summary whose run files are relative to
// `outputDir`. Refuses different sweeps or shard counts, and names every missing or duplicated
// shard and every missing, duplicated or misplaced video (all problems, one per line).
Expected<Summary> mergeSummaries(const std::vector<SummaryInput>& inputs,
                                 const std::string& outputDir);

}  // namespace stts::cli
