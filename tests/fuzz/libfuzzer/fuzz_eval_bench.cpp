// (g) Bench files for `stts eval` (engine/eval): the JSON Lines reader, then the prompt, the
// letter parser and scoring on every sample it accepts, with the input's tail as an answer; the
// same text as a predictions file, aggregated into a report.
//
// Input: a bench file, optionally followed by 0xFF and an answer text (fuzz_util.h).
// Properties: an accepted sample has an id, a video, a question, 0 or 2..26 options, an answer
// index inside the options when it has an answer; a parsed choice is inside the options; the
// prompt holds the question; normalising twice changes nothing.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_util.h"
#include "stts/eval.h"

using namespace stts::eval;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const auto parts = stts::fuzz::splitParts(data, size, 2);
  const std::string_view answer = parts.size() > 1 ? parts[1] : std::string_view("B");
  auto bench = parseBench(parts[0], "/bench", "fuzz.jsonl");
  // The same bytes as predictions.jsonl: what reads aggregates and writes back.
  if (auto predictions = parsePredictions(parts[0], "fuzz.jsonl")) {
    for (const Prediction& p : *predictions) {
      auto again = parsePredictions(predictionLine(p) + "\n", "again.jsonl");
      STTS_FUZZ_CHECK(again && again->size() == 1 && again->front().id == p.id);
    }
    const auto groups = aggregate(*predictions);
    (void)resultsTable(groups);
    (void)accuracyVsTokensSvg(groups, "a");
    (void)latencyVsTokensSvg(groups, "l");
  }
  const std::string normalised = normaliseAnswer(answer);
  STTS_FUZZ_CHECK(normaliseAnswer(normalised) == normalised);
  if (!bench) {
    STTS_FUZZ_CHECK(!bench.error().message.empty());
    return 0;
  }
  STTS_FUZZ_CHECK(!bench->samples.empty());
  for (const BenchSample& sample : bench->samples) {
    STTS_FUZZ_CHECK(!sample.id.empty() && !sample.video.empty() && !sample.question.empty());
    STTS_FUZZ_CHECK(sample.options.empty() ||
                    (sample.options.size() >= 2 && sample.options.size() <= kMaxOptions));
    if (sample.multipleChoice() && !sample.answer.empty()) {
      STTS_FUZZ_CHECK(sample.answerIndex() >= 0 &&
                      sample.answerIndex() < int(sample.options.size()));
    }
    STTS_FUZZ_CHECK(buildPrompt(sample).find(sample.question) == 0);
    const Scored scored = score(sample, answer);
    if (scored.choice) {
      STTS_FUZZ_CHECK(*scored.choice >= 0 && *scored.choice < int(sample.options.size()));
    }
  }
  return 0;
}
