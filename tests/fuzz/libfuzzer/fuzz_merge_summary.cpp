// (e) `stts merge`: the compare summary reader (readSummary's nesting check and parse, then
// summaryFromJson, app/cli/compare_summary.cpp) and the merge of shard summaries
// (mergeSummaries), plus the other list parsers of stts_cli_logic on the same text (video lists,
// method and keep lists, shard specs).
//
// Input: up to 8 summary JSON documents separated by 0xFF (fuzz_util.h), merged as the shards
// shard-<i>/summary.json. Properties: every summary that reads also writes as CSV, and a merge
// that succeeds writes (summaryJson, summaryCsv) and reads back.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "compare_plan.h"
#include "compare_summary.h"
#include "fuzz_util.h"
#include "stts/json_depth.h"

using namespace stts::cli;

namespace {

bool hasNonFinite(const Summary& s) {
  bool bad = !std::isfinite(s.sweep.maxFps);
  for (double k : s.sweep.keeps) bad = bad || !std::isfinite(k);
  for (const RunRecord& r : s.runs) {
    bad = bad || !std::isfinite(r.keep);
    for (const auto& [stage, ms] : r.stageMs) bad = bad || !std::isfinite(ms);
    for (const auto& [label, iou] : r.iou) bad = bad || (iou && !std::isfinite(*iou));
  }
  return bad;
}

// Writing never fails on what was read, and the written JSON reads back (JSON has no NaN or
// infinity, which a summary can only hold by having been read from e.g. 1e999). Run on the merged
// summary only: merging one shard gives the same runs back, and every JSON pass costs.
void checkWritesAndReadsBack(const Summary& s) {
  (void)summaryCsv(s);
  const nlohmann::json written = summaryJson(s);
  const auto reparsed = nlohmann::json::parse(written.dump(), nullptr, false);
  STTS_FUZZ_CHECK(!reparsed.is_discarded());
  const auto again = summaryFromJson(reparsed, "rewritten.json");
  STTS_FUZZ_CHECK(again.ok() || hasNonFinite(s));
  if (again) STTS_FUZZ_CHECK(summaryJson(*again) == written);
}

// The CLI's other parsers of user text, cheap enough to run on every part.
void otherParsers(std::string_view text) {
  (void)parseVideoList(text, "/videos", "list.txt");
  (void)parseMethodList(text);
  (void)parseKeepList(text);
  (void)parseShard(text);
  (void)safeVideoStem(std::string(text.substr(0, 256)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto parts = stts::fuzz::splitParts(data, size, 8);
  std::vector<SummaryInput> inputs;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    otherParsers(parts[i]);
    // readSummary, after reading the file.
    if (!stts::describeJsonNesting(parts[i]).empty()) continue;
    const auto json = nlohmann::json::parse(parts[i], nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) continue;
    const std::string path = "shard-" + std::to_string(i) + "/summary.json";
    auto summary = summaryFromJson(json, path);
    if (!summary) {
      STTS_FUZZ_CHECK(!summary.error().message.empty());
      continue;
    }
    (void)summaryCsv(*summary);
    inputs.push_back(SummaryInput{path, std::move(*summary)});
  }
  if (inputs.empty()) return 0;
  auto merged = mergeSummaries(inputs, "merged");
  if (!merged) {
    STTS_FUZZ_CHECK(!merged.error().message.empty());
    return 0;
  }
  STTS_FUZZ_CHECK(!merged->sharded || merged->shard.count >= 1);
  checkWritesAndReadsBack(*merged);
  return 0;
}
