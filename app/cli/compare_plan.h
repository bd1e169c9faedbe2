// What `stts compare` plans before it runs anything: the video list, which videos a shard owns,
// the comma lists of methods and keep ratios, and the file names of the runs. Pure functions:
// no LibTorch, no Qt, no model, so they are unit-testable and shared with `stts merge`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "stts/error.h"

namespace stts::cli {

// One shard of a sweep, 0-based: video k of the list belongs to shard k mod count.
struct ShardSpec {
  int index = 0;
  int count = 1;
  bool operator==(const ShardSpec&) const = default;
};

// Parses "I/N" (0 <= I < N). The error sentence says the index is 0-based.
Expected<ShardSpec> parseShard(std::string_view text);
bool videoInShard(std::size_t videoIndex, const ShardSpec& shard);
// The list indices shard `shard` owns, in list order.
std::vector<std::size_t> shardVideoIndices(std::size_t videoCount, const ShardSpec& shard);

struct VideoListEntry {
  std::string path;  // as it will be opened (relative entries resolved against the list's folder)
  std::string name;  // safe file stem, unique within the list
  int line = 0;      // 1-based line in the list file (0 for a single --video)
};

// One path per line; blank lines and lines starting with '#' are ignored; surrounding spaces and
// a trailing CR are trimmed. Relative paths are taken relative to `baseDir`. Refuses an empty
// list and two entries whose file names would collide in the output folder.
Expected<std::vector<VideoListEntry>> parseVideoList(std::string_view text,
                                                     const std::string& baseDir,
                                                     const std::string& listName);
Expected<std::vector<VideoListEntry>> readVideoList(const std::string& listPath);

// "stts, evs ,none" -> {"stts", "evs", "none"}; refuses empty items and duplicates.
Expected<std::vector<std::string>> parseMethodList(std::string_view text);
// "0.5,0.3" -> {0.5, 0.3}; each in [0, 1]; refuses two ratios with the same keepLabel.
Expected<std::vector<double>> parseKeepList(std::string_view text);

// "16, 64" -> {16, 64}; each a frame count from 1 to 4096; refuses duplicates.
Expected<std::vector<int>> parseFrameList(std::string_view text);

// A file-name-safe version of `text` (stts::safeFileNamePart, "video" in front when needed).
std::string safeName(std::string_view text);
// safeName of the file name without its last extension ("/a/b/clip 1.mp4" -> "clip_1").
std::string safeVideoStem(const std::string& path);
// The keep ratio as a percentage with at most two decimals: 0.5 -> "50", 0.125 -> "12.5"
// (stts::keepPercentLabel).
std::string keepLabel(double keep);
// "stts-50": names one (method, keep) of a sweep in file names, CSV columns and JSON keys.
std::string runLabel(const std::string& method, double keep);
// "<stem>_<method>-<keep%>.sttsrun".
std::string runFileName(const std::string& videoStem, const std::string& method, double keep);
// "summary" or "summary-shard-I-of-N" (without extension).
std::string summaryBaseName(const ShardSpec& shard, bool sharded);

}  // namespace stts::cli
