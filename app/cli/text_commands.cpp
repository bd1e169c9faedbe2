// stts tokenize: the model's tokenizer as a line filter. Encoding reads one JSON string per line
// and prints one JSON array of ids; --decode does the reverse. JSON on both sides keeps newlines,
// tabs and any Unicode intact in a line-based protocol.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "command.h"
#include "stts/json_depth.h"
#include "stts/tokenizer.h"

namespace stts::cli {
namespace {

using nlohmann::json;

// An element of a --decode line as the error shows it: numbers as written, anything else by kind
// (a nested array or a megabyte string is not echoed back).
std::string describeIdCandidate(const json& v) {
  if (v.is_number()) return v.dump();
  if (v.is_string()) return "a string";
  if (v.is_array()) return "an array";
  if (v.is_object()) return "an object";
  return v.dump();  // true, false, null
}

std::string lineError(std::size_t lineNumber, const std::string& why) {
  return "input line " + std::to_string(lineNumber) + " " + why;
}

// Benchmark mode: encodes every input line `rounds` times and prints throughput. The first
// round runs with an empty word cache, the rest show the cached speed of repeated text.
int runBenchmark(const Tokenizer& tokenizer, const std::vector<std::string>& texts, int rounds) {
  std::size_t bytes = 0;
  for (const auto& t : texts) bytes += t.size();
  for (int round = 0; round < rounds; ++round) {
    std::size_t tokens = 0;
    const auto started = std::chrono::steady_clock::now();
    for (const auto& t : texts) tokens += tokenizer.encode(t).size();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf(
        "round %d: %zu lines, %zu bytes, %zu tokens in %.3f s: %.0f tokens/s, %.1f MB/s%s\n",
        round + 1, texts.size(), bytes, tokens, seconds, seconds > 0 ? tokens / seconds : 0.0,
        seconds > 0 ? bytes / seconds / 1e6 : 0.0, round == 0 ? " (cold cache)" : "");
  }
  return kExitOk;
}

int runTokenize(const ParsedArguments& args) {
  const std::string dir = args.value("model").value_or("");
  if (dir.empty()) return reportUsage("tokenize", "--model DIR is required");
  const bool decode = args.has("decode");
  if (args.has("skip-special") && !decode)
    return reportUsage("tokenize", "--skip-special only applies with --decode");
  int benchRounds = 0;
  if (auto text = args.value("bench")) {
    auto n = parseInteger(*text, 1, 1000);
    if (!n) return reportUsage("tokenize", "--bench must be an integer from 1 to 1000");
    if (decode) return reportUsage("tokenize", "--bench measures encoding; drop --decode");
    benchRounds = static_cast<int>(*n);
  }

  std::ios::sync_with_stdio(false);  // this command only uses the C++ streams for its data
  auto tokenizer = Tokenizer::load(dir + "/tokenizer.json");
  if (!tokenizer) return reportFailure(tokenizer.error());

  std::string line;
  std::size_t lineNumber = 0;
  std::vector<std::string> benchTexts;
  while (std::getline(std::cin, line)) {
    ++lineNumber;
    if (!line.empty() && line.back() == '\r') line.pop_back();  // input written on Windows
    // Checked before parsing: a line of 100,000 nested '[' would overflow the stack when an
    // error message prints one of its elements.
    if (const std::string nesting = describeJsonNesting(line); !nesting.empty())
      return reportFailure(lineError(lineNumber, nesting));
    const json value = json::parse(line, nullptr, false);
    if (value.is_discarded()) return reportFailure(lineError(lineNumber, "is not valid JSON"));
    if (decode) {
      if (!value.is_array())
        return reportFailure(lineError(lineNumber, "is not a JSON array of ids"));
      std::vector<int32_t> ids;
      ids.reserve(value.size());
      for (const json& v : value) {
        if (!v.is_number_integer() || v.get<int64_t>() < 0 ||
            v.get<int64_t>() >= tokenizer->vocabSize())
          return reportFailure(lineError(
              lineNumber,
              "holds " + describeIdCandidate(v) + ", which is not a token id of this model"));
        ids.push_back(static_cast<int32_t>(v.get<int64_t>()));
      }
      const std::string text = tokenizer->decode(ids, args.has("skip-special"));
      std::cout << json(text).dump() << '\n';
    } else {
      if (!value.is_string()) return reportFailure(lineError(lineNumber, "is not a JSON string"));
      if (benchRounds > 0) {
        benchTexts.push_back(value.get<std::string>());
        continue;
      }
      std::cout << json(tokenizer->encode(value.get<std::string>())).dump() << '\n';
    }
  }
  if (benchRounds > 0) return runBenchmark(*tokenizer, benchTexts, benchRounds);
  std::cout.flush();
  if (!std::cout) return reportFailure("cannot write the output");
  return kExitOk;
}

}  // namespace

Command tokenizeCommand() {
  return {{"tokenize",
           "Tokenize text with a model's tokenizer.json: one JSON string per stdin line in, one "
           "JSON array of ids per line out (--decode: the reverse).",
           {},
           {{"model", "DIR", "model folder holding tokenizer.json"},
            {"decode", "", "read JSON arrays of ids and print JSON strings"},
            {"skip-special", "", "with --decode: leave out special tokens such as <|im_end|>"},
            {"bench", "N", "encode all input N times and print tokens/s instead of ids"}}},
          runTokenize};
}

}  // namespace stts::cli
