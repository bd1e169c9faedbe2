// What `stts eval` and `stts merge` write from a predictions file: metrics.json (groups plus the
// context that makes the numbers reproducible), the two SVG plots, and the table they print.
// Torch-free (stts_cli_logic), so the merge of eval shards needs no model.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "stts/error.h"
#include "stts/eval.h"

namespace stts::cli {

// "predictions" or "predictions-shard-I-of-N" (without extension).
std::string predictionsBaseName(int shardIndex, int shardCount, bool sharded);

// Reads OUTDIR/<base>.jsonl (a missing file is no predictions yet). `truncated` counts a last
// line cut by a kill; the caller rewrites the file without it before appending.
Expected<std::vector<eval::Prediction>> readPredictionsFile(const std::string& path,
                                                            int* truncated);

// metrics.json: {"context": context, "stage_scopes": {...}, "groups": [...]} plus the two plots,
// all next to `base` (e.g. OUTDIR/metrics, OUTDIR/accuracy_vs_tokens.svg); returns the table.
Expected<std::string> writeEvalReport(const std::string& outputDir, const std::string& suffix,
                                      const std::vector<eval::Prediction>& predictions,
                                      const nlohmann::json& context);

// The eval shards (predictions-shard-I-of-N.jsonl with their metrics-shard-I-of-N.json) in each
// folder, or nothing when there are none (a compare sweep's folder).
std::vector<std::string> evalShardMetricsIn(const std::string& folder);

// `stts merge` of eval shards: checks that the shards come from one eval (same bench, model,
// methods, keeps, frames) and that all N are there, then writes OUTPUT/predictions.jsonl and the
// report. Returns the table.
Expected<std::string> mergeEvalShards(const std::vector<std::string>& metricsFiles,
                                      const std::string& outputDir);

}  // namespace stts::cli
