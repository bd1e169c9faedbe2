#include "compare_plan.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "arguments.h"
#include "stts/file_names.h"
#include "stts/regular_file.h"

namespace stts::cli {
namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::vector<std::string_view> splitCommas(std::string_view text) {
  std::vector<std::string_view> items;
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    items.push_back(trim(text.substr(start, comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return items;
}

Error invalid(std::string message) {
  return makeError(ErrorCode::InvalidArgument, std::move(message));
}

}  // namespace

Expected<ShardSpec> parseShard(std::string_view text) {
  const std::string spelled(text);
  const auto slash = spelled.find('/');
  const std::string howTo =
      "--shard takes I/N with a 0-based index I from 0 to N-1 (e.g. 0/4 .. 3/4)";
  if (slash == std::string::npos) return invalid(howTo + ", not \"" + spelled + "\"");
  const auto index = parseInteger(spelled.substr(0, slash), 0, 1'000'000);
  const auto count = parseInteger(spelled.substr(slash + 1), 1, 1'000'000);
  if (!count)
    return invalid(howTo + "; the shard count N in \"" + spelled +
                   "\" must be an integer from 1 to 1000000");
  if (!index) return invalid(howTo + "; the index I in \"" + spelled + "\" is not an integer >= 0");
  if (*index >= *count)
    return invalid("--shard " + spelled + ": the shard index is 0-based and must be below " +
                   std::to_string(*count) + " (use 0/" + std::to_string(*count) + " .. " +
                   std::to_string(*count - 1) + "/" + std::to_string(*count) + ")");
  return ShardSpec{static_cast<int>(*index), static_cast<int>(*count)};
}

bool videoInShard(std::size_t videoIndex, const ShardSpec& shard) {
  return videoIndex % static_cast<std::size_t>(shard.count) ==
         static_cast<std::size_t>(shard.index);
}

std::vector<std::size_t> shardVideoIndices(std::size_t videoCount, const ShardSpec& shard) {
  std::vector<std::size_t> indices;
  for (std::size_t k = static_cast<std::size_t>(shard.index); k < videoCount;
       k += static_cast<std::size_t>(shard.count))
    indices.push_back(k);
  return indices;
}

Expected<std::vector<VideoListEntry>> parseVideoList(std::string_view text,
                                                     const std::string& baseDir,
                                                     const std::string& listName) {
  std::vector<VideoListEntry> entries;
  std::map<std::string, int> lineOfName;
  int lineNumber = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++lineNumber;
    const std::string_view line = trim(text.substr(start, end - start));
    start = end + 1;
    if (line.empty() || line.front() == '#') continue;
    std::filesystem::path path{std::string(line)};
    if (path.is_relative() && !baseDir.empty()) path = std::filesystem::path(baseDir) / path;
    VideoListEntry entry{path.lexically_normal().string(), safeVideoStem(std::string(line)),
                         lineNumber};
    if (auto [it, inserted] = lineOfName.emplace(entry.name, lineNumber); !inserted)
      return invalid(listName + ": lines " + std::to_string(it->second) + " and " +
                     std::to_string(lineNumber) + " both name a video called \"" + entry.name +
                     "\", so their run files would overwrite each other; rename one");
    entries.push_back(std::move(entry));
  }
  if (entries.empty())
    return invalid(listName + " lists no videos (blank lines and #comments are ignored)");
  return entries;
}

Expected<std::vector<VideoListEntry>> readVideoList(const std::string& listPath) {
  // A list of video paths: 64 MiB is a million long lines.
  auto text = readRegularFile(listPath, 64u << 20);
  if (!text) {
    if (text.error().code == ErrorCode::NotFound)
      return makeError(ErrorCode::NotFound, "cannot read the video list " + listPath);
    return text.error();
  }
  return parseVideoList(*text, std::filesystem::path(listPath).parent_path().string(), listPath);
}

Expected<std::vector<std::string>> parseMethodList(std::string_view text) {
  std::vector<std::string> methods;
  for (auto item : splitCommas(text)) {
    if (item.empty())
      return invalid("--methods has an empty item in \"" + std::string(text) + "\"");
    for (const auto& seen : methods)
      if (seen == item) return invalid("--methods names " + seen + " twice");
    methods.emplace_back(item);
  }
  return methods;
}

Expected<std::vector<double>> parseKeepList(std::string_view text) {
  std::vector<double> keeps;
  for (auto item : splitCommas(text)) {
    const auto keep = parseReal(std::string(item), 0.0, 1.0);
    if (!keep)
      return invalid("--keep takes numbers from 0 to 1 separated by commas, not \"" +
                     std::string(item) + "\"");
    for (double seen : keeps)
      if (keepLabel(seen) == keepLabel(*keep))
        return invalid("--keep lists " + keepLabel(*keep) +
                       " % twice (ratios are named to 0.01 %)");
    keeps.push_back(*keep);
  }
  return keeps;
}

Expected<std::vector<int>> parseFrameList(std::string_view text) {
  std::vector<int> counts;
  for (auto item : splitCommas(text)) {
    const auto n = parseInteger(std::string(item), 1, 4096);
    if (!n) return invalid("--frames takes frame counts from 1 to 4096, e.g. 16,64");
    for (int seen : counts)
      if (seen == *n) return invalid("--frames lists " + std::string(item) + " twice");
    counts.push_back(static_cast<int>(*n));
  }
  return counts;
}

std::string safeName(std::string_view text) {
  return safeFileNamePart(text, "video");
}

std::string safeVideoStem(const std::string& path) {
  return safeName(std::filesystem::path(path).stem().string());
}

std::string keepLabel(double keep) {
  return keepPercentLabel(keep);
}

std::string runLabel(const std::string& method, double keep) {
  return method + "-" + keepLabel(keep);
}

std::string runFileName(const std::string& videoStem, const std::string& method, double keep) {
  return videoStem + "_" + safeName(method) + "-" + keepLabel(keep) + ".sttsrun";
}

std::string summaryBaseName(const ShardSpec& shard, bool sharded) {
  if (!sharded) return "summary";
  return "summary-shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count);
}

}  // namespace stts::cli
