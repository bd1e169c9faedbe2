// Bench files: JSON Lines, one sample a line (engine/eval/README.md).
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "stts/eval.h"
#include "stts/json_depth.h"
#include "stts/regular_file.h"
#include "stts/runfile.h"

namespace stts::eval {

namespace {

// A bench of a hundred thousand questions is a few tens of MiB; anything far larger is not one.
constexpr std::size_t kMaxBenchBytes = std::size_t(512) << 20;

using Json = nlohmann::json;

Error lineError(const std::string& label, int line, const std::string& what) {
  return makeError(ErrorCode::InvalidData, label + " line " + std::to_string(line) + ": " + what);
}

std::string quotedText(const std::string& text) {
  return "\"" + (text.size() > 40 ? text.substr(0, 40) + "…" : text) + "\"";
}

Expected<std::string> requiredText(const Json& row, const char* key, const std::string& label,
                                   int line) {
  const auto it = row.find(key);
  if (it == row.end()) return lineError(label, line, std::string("\"") + key + "\" is missing");
  if (!it->is_string()) return lineError(label, line, std::string("\"") + key + "\" is not text");
  std::string text = it->get<std::string>();
  if (text.empty()) return lineError(label, line, std::string("\"") + key + "\" is empty");
  return text;
}

Expected<std::optional<double>> optionalSeconds(const Json& row, const char* key,
                                                const std::string& label, int line) {
  const auto it = row.find(key);
  if (it == row.end() || it->is_null()) return std::optional<double>();
  if (!it->is_number())
    return lineError(label, line, std::string("\"") + key + "\" is not a number of seconds");
  const double seconds = it->get<double>();
  if (!std::isfinite(seconds) || seconds < 0.0)
    return lineError(label, line, std::string("\"") + key + "\" is not a time in the video");
  return std::optional<double>(seconds);
}

Expected<BenchSample> parseLine(std::string_view text, int line, const std::string& folder,
                                const std::string& label) {
  if (const std::string nesting = describeJsonNesting(text); !nesting.empty())
    return lineError(label, line, "the line " + nesting);
  Json row = Json::parse(text, nullptr, false);
  if (row.is_discarded()) return lineError(label, line, "not valid JSON");
  if (!row.is_object()) return lineError(label, line, "not a JSON object");
  BenchSample sample;
  sample.line = line;
  // An id may be given as a number (many converted benches do); it is kept as text.
  const auto id = row.find("id");
  if (id == row.end()) return lineError(label, line, "\"id\" is missing");
  if (id->is_string()) {
    sample.id = id->get<std::string>();
  } else if (id->is_number_integer()) {
    sample.id = std::to_string(id->get<int64_t>());
  } else {
    return lineError(label, line, "\"id\" is neither text nor a whole number");
  }
  if (sample.id.empty()) return lineError(label, line, "\"id\" is empty");
  auto video = requiredText(row, "video", label, line);
  if (!video) return video.error();
  sample.video = *video;
  const std::filesystem::path videoPath(sample.video);
  sample.videoPath = videoPath.is_absolute() ? videoPath.string()
                                             : (std::filesystem::path(folder) / videoPath).string();
  auto question = requiredText(row, "question", label, line);
  if (!question) return question.error();
  sample.question = *question;
  if (const auto options = row.find("options"); options != row.end() && !options->is_null()) {
    if (!options->is_array()) return lineError(label, line, "\"options\" is not a list");
    if (options->size() < 2 || options->size() > std::size_t(kMaxOptions))
      return lineError(label, line,
                       "\"options\" must list 2 to " + std::to_string(kMaxOptions) +
                           " choices (it lists " + std::to_string(options->size()) + ")");
    for (const Json& option : *options) {
      if (!option.is_string() || option.get<std::string>().empty())
        return lineError(label, line, "every option must be non-empty text");
      sample.options.push_back(option.get<std::string>());
    }
  }
  if (const auto answer = row.find("answer"); answer != row.end() && !answer->is_null()) {
    if (!answer->is_string()) return lineError(label, line, "\"answer\" is not text");
    sample.answer = answer->get<std::string>();
  }
  if (sample.multipleChoice() && !sample.answer.empty() && sample.answerIndex() < 0) {
    return lineError(label, line,
                     "\"answer\" " + quotedText(sample.answer) +
                         " is not the letter of one of the " +
                         std::to_string(sample.options.size()) + " options (A to " +
                         std::string(1, optionLetter(int(sample.options.size()) - 1)) + ")");
  }
  auto start = optionalSeconds(row, "start", label, line);
  if (!start) return start.error();
  auto end = optionalSeconds(row, "end", label, line);
  if (!end) return end.error();
  sample.start = *start;
  sample.end = *end;
  if (sample.start && sample.end && *sample.end <= *sample.start)
    return lineError(label, line, "\"end\" is not after \"start\"");
  return sample;
}

}  // namespace

int BenchSample::answerIndex() const {
  if (!multipleChoice()) return -1;
  std::string letter;
  for (char c : answer) {
    if (c != ' ' && c != '(' && c != ')' && c != '.') letter += c;
  }
  if (letter.size() != 1) return -1;
  const char upper = char(letter[0] >= 'a' && letter[0] <= 'z' ? letter[0] - 'a' + 'A' : letter[0]);
  const int index = upper - 'A';
  return index >= 0 && index < int(options.size()) ? index : -1;
}

Expected<Bench> parseBench(std::string_view text, const std::string& folder,
                           const std::string& label) {
  Bench bench;
  bench.path = label;
  bench.sha256 = sha256Hex(text);
  std::set<std::string> ids;
  int line = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t newline = text.find('\n', at);
    std::string_view row =
        text.substr(at, newline == std::string_view::npos ? text.size() - at : newline - at);
    at = newline == std::string_view::npos ? text.size() : newline + 1;
    ++line;
    if (!row.empty() && row.back() == '\r') row.remove_suffix(1);
    if (row.find_first_not_of(" \t") == std::string_view::npos) continue;  // blank lines
    auto sample = parseLine(row, line, folder, label);
    if (!sample) return sample.error();
    if (!ids.insert(sample->id).second)
      return lineError(label, line, "the id " + quotedText(sample->id) + " was used before");
    bench.samples.push_back(std::move(sample.value()));
  }
  if (bench.samples.empty())
    return makeError(ErrorCode::InvalidData, label + " holds no samples (one JSON object a line).");
  return bench;
}

Expected<Bench> loadBench(const std::string& path) {
  auto text = readRegularFile(path, kMaxBenchBytes);
  if (!text) return text.error();
  const std::filesystem::path file(path);
  return parseBench(*text, file.has_parent_path() ? file.parent_path().string() : ".", path);
}

}  // namespace stts::eval
