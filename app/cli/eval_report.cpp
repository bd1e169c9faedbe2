#include "eval_report.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "compare_summary.h"
#include "stts/json_depth.h"
#include "stts/regular_file.h"
#include "stts/stages.h"

namespace stts::cli {

namespace fs = std::filesystem;

std::string predictionsBaseName(int shardIndex, int shardCount, bool sharded) {
  if (!sharded) return "predictions";
  return "predictions-shard-" + std::to_string(shardIndex) + "-of-" + std::to_string(shardCount);
}

Expected<std::vector<eval::Prediction>> readPredictionsFile(const std::string& path,
                                                            int* truncated) {
  if (truncated) *truncated = 0;
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::vector<eval::Prediction>();
  // A long eval: 100,000 samples x 12 settings of ~600 bytes each.
  auto text = readRegularFile(path, std::size_t(2) << 30);
  if (!text) return text.error();
  return eval::parsePredictions(*text, path, truncated);
}

Expected<std::string> writeEvalReport(const std::string& outputDir, const std::string& suffix,
                                      const std::vector<eval::Prediction>& predictions,
                                      const nlohmann::json& context) {
  const std::vector<eval::GroupMetrics> groups = eval::aggregate(predictions);
  nlohmann::json rows = nlohmann::json::array();
  nlohmann::json scopes = nlohmann::json::object();
  for (const eval::GroupMetrics& g : groups) {
    nlohmann::json stages = nlohmann::json::array();
    for (const eval::StageSummary& s : g.stages) {
      stages.push_back({{"name", s.name}, {"mean_ms", s.meanMs}, {"median_ms", s.medianMs}});
      if (const std::string_view scope = stageScope(s.name); !scope.empty())
        scopes[s.name] = std::string(scope);
    }
    rows.push_back({{"method", g.method},
                    {"keep", g.keep},
                    {"frames", g.frames},
                    {"n", g.accuracy.n},
                    {"failed", g.errors},
                    {"correct", g.accuracy.hits},
                    {"accuracy", g.accuracy.value},
                    {"accuracy_ci95", {g.accuracy.low, g.accuracy.high}},
                    {"mean_vision_tokens_before", g.meanVisionTokensBefore},
                    {"mean_vision_tokens", g.meanVisionTokens},
                    {"mean_prompt_tokens", g.meanPromptTokens},
                    {"stages", stages},
                    {"mean_total_ms", g.meanTotalMs},
                    {"median_total_ms", g.medianTotalMs},
                    {"prefill_speedup",
                     g.prefillSpeedup > 0 ? nlohmann::json(g.prefillSpeedup) : nlohmann::json()},
                    {"total_speedup",
                     g.totalSpeedup > 0 ? nlohmann::json(g.totalSpeedup) : nlohmann::json()}});
  }
  nlohmann::json metrics = {
      {"context", context},
      {"template", std::string(eval::kPromptTemplateVersion)},
      {"parser", std::string(eval::kAnswerParserVersion)},
      {"timing",
       "stage times per run from the engine's stage clock (CUDA events on a GPU, the host "
       "clock on the CPU), one run per sample after context.warmup_runs discarded runs; medians "
       "and means over the samples of a group; speedups are the unpruned run's ('none', same "
       "frames) median over this group's"},
      {"stage_scopes", scopes},
      {"groups", rows}};
  const fs::path dir(outputDir);
  if (auto saved = writeFileAtomically(
          (dir / ("metrics" + suffix + ".json")).string(),
          metrics.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
      !saved)
    return saved.error();
  const std::string title = context.value("bench_name", std::string("bench"));
  if (auto saved = writeFileAtomically((dir / ("accuracy_vs_tokens" + suffix + ".svg")).string(),
                                       eval::accuracyVsTokensSvg(groups, "Accuracy · " + title));
      !saved)
    return saved.error();
  if (auto saved = writeFileAtomically((dir / ("latency_vs_tokens" + suffix + ".svg")).string(),
                                       eval::latencyVsTokensSvg(groups, "Prefill time · " + title));
      !saved)
    return saved.error();
  return eval::resultsTable(groups);
}

std::vector<std::string> evalShardMetricsIn(const std::string& folder) {
  std::vector<std::string> files;
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return files;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("metrics-shard-", 0) == 0 && entry.path().extension() == ".json")
      files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

Expected<std::string> mergeEvalShards(const std::vector<std::string>& metricsFiles,
                                      const std::string& outputDir) {
  auto invalid = [](const std::string& text) { return makeError(ErrorCode::InvalidData, text); };
  // What must agree between shards of one eval.
  static const char* kSame[] = {"bench_sha256", "model_config_sha256", "methods", "keeps", "frames",
                                "max_fps",      "max_new_tokens",      "budget"};
  nlohmann::json context;
  int count = 0;
  std::set<int> seen;
  std::vector<eval::Prediction> all;
  std::set<std::string> keys;
  for (const std::string& file : metricsFiles) {
    auto text = readRegularFile(file, std::size_t(64) << 20);
    if (!text) return text.error();
    if (const std::string nesting = describeJsonNesting(*text); !nesting.empty())
      return invalid(file + " " + nesting + ", which no stts metrics file does");
    const nlohmann::json metrics = nlohmann::json::parse(*text, nullptr, false);
    if (metrics.is_discarded() || !metrics.is_object() || !metrics.contains("context") ||
        !metrics["context"].is_object())
      return invalid(file + " is not the metrics file of an stts eval");
    const nlohmann::json& shardContext = metrics["context"];
    const auto shard = shardContext.find("shard");
    if (shard == shardContext.end() || !shard->is_array() || shard->size() != 2 ||
        !(*shard)[0].is_number_integer() || !(*shard)[1].is_number_integer())
      return invalid(file + " is not from an eval run with --shard");
    const int index = (*shard)[0].get<int>();
    const int of = (*shard)[1].get<int>();
    if (of < 1 || index < 0 || index >= of)
      return invalid(file + ": the shard number is out of range");
    if (context.is_null()) {
      context = shardContext;
      count = of;
    } else {
      if (of != count)
        return invalid(file + " is shard " + std::to_string(index) + " of " + std::to_string(of) +
                       ", the others are of " + std::to_string(count));
      for (const char* key : kSame)
        if (shardContext.value(key, nlohmann::json()) != context.value(key, nlohmann::json()))
          return invalid(file + " is from another eval: its " + key + " differs");
    }
    if (!seen.insert(index).second)
      return invalid("shard " + std::to_string(index) + " is given twice");
    const std::string predictions =
        (fs::path(file).parent_path() / (predictionsBaseName(index, of, true) + ".jsonl")).string();
    int truncated = 0;
    auto read = readPredictionsFile(predictions, &truncated);
    if (!read) return read.error();
    if (truncated > 0)
      return invalid(predictions + " ends in a cut line: run that shard again to finish it");
    for (auto& p : *read)
      if (keys.insert(eval::predictionKey(p.id, p.method, p.keep, p.frames)).second)
        all.push_back(std::move(p));
  }
  if (context.is_null()) return invalid("no eval shards were given");
  std::vector<int> missing;
  for (int i = 0; i < count; ++i)
    if (!seen.count(i)) missing.push_back(i);
  if (!missing.empty()) {
    std::string list;
    for (std::size_t i = 0; i < missing.size() && i < 10; ++i)
      list += (i ? ", " : "") + std::to_string(missing[i]);
    if (missing.size() > 10) list += " and " + std::to_string(missing.size() - 10) + " more";
    return invalid("shards " + list + " of " + std::to_string(count) + " are missing");
  }
  context.erase("shard");
  context["merged_shards"] = count;
  std::string lines;
  for (const auto& p : all) lines += eval::predictionLine(p) + "\n";
  if (auto saved = writeFileAtomically((fs::path(outputDir) / "predictions.jsonl").string(), lines);
      !saved)
    return saved.error();
  return writeEvalReport(outputDir, "", all, context);
}

}  // namespace stts::cli
