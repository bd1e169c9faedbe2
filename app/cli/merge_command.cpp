// stts merge: joins the shard summaries of one `stts compare --shard I/N` sweep into a single
// summary.csv / summary.json, after checking that they belong together and cover every video.
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "command.h"
#include "compare_summary.h"
#include "eval_report.h"

namespace stts::cli {
namespace {

int runMerge(const ParsedArguments& args) {
  const auto output = args.value("output");
  if (!output) return reportUsage("merge", "-o/--output MERGED is required");
  std::vector<std::string> arguments = args.positionals();
  if (arguments.empty())
    return reportUsage("merge", "name at least one OUTDIR or summary .json file to merge");

  // The shards of an eval (metrics-shard-*.json beside predictions-shard-*.jsonl).
  std::vector<std::string> evalShards;
  for (const auto& argument : arguments) {
    const bool metricsFile =
        std::filesystem::path(argument).filename().string().rfind("metrics-shard-", 0) == 0;
    const auto found =
        metricsFile ? std::vector<std::string>{argument} : evalShardMetricsIn(argument);
    evalShards.insert(evalShards.end(), found.begin(), found.end());
  }
  if (!evalShards.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(*output, ec);
    if (ec) return reportFailure("cannot create the folder " + *output + ": " + ec.message());
    auto table = mergeEvalShards(evalShards, *output);
    if (!table) {
      std::fprintf(stderr, "stts: cannot merge these eval shards: %s\n",
                   table.error().message.c_str());
      return kExitFailed;
    }
    std::printf("merged %zu eval shards -> %s/predictions.jsonl and metrics.json\n\n%s",
                evalShards.size(), output->c_str(), table->c_str());
    return kExitOk;
  }

  std::vector<SummaryInput> inputs;
  for (const auto& argument : arguments) {
    auto files = summaryFilesIn(argument);
    if (!files) return reportFailure(files.error());
    for (const auto& file : *files) {
      auto summary = readSummary(file);
      if (!summary) return reportFailure(summary.error());
      inputs.push_back(std::move(summary).value());
    }
  }
  std::error_code ec;
  std::filesystem::create_directories(*output, ec);
  if (ec) return reportFailure("cannot create the folder " + *output + ": " + ec.message());
  auto merged = mergeSummaries(inputs, *output);
  if (!merged) {
    std::fprintf(stderr, "stts: cannot merge these summaries:\n%s\n",
                 merged.error().message.c_str());
    return kExitFailed;
  }
  if (auto saved = writeSummary(*output, *merged); !saved) return reportFailure(saved.error());
  std::size_t failed = 0;
  for (const auto& run : merged->runs) failed += run.ok ? 0 : 1;
  std::printf(
      "merged %zu summaries: %zu videos, %zu runs (%zu failed) -> %s/summary.csv and "
      ".json\n",
      inputs.size(), merged->sweep.videoCount, merged->runs.size(), failed, output->c_str());
  return kExitOk;
}

}  // namespace

Command mergeCommand() {
  return {{"merge",
           "Merge the summaries of the shards of one 'stts compare --videos LIST --shard I/N' "
           "sweep (give their OUTDIRs or summary-shard-*.json files) into one summary.csv and "
           "summary.json, or the shards of one 'stts eval --shard I/N' (their OUTDIRs or "
           "metrics-shard-*.json files) into one predictions.jsonl, metrics.json and plots; "
           "refuses shards of different runs and names missing or duplicated ones.",
           {"OUTDIR|SUMMARY.json"},
           {{"output", "MERGED", "folder for the merged summary.csv and summary.json", 'o'}},
           /*lastPositionalRepeats=*/true},
          runMerge};
}

}  // namespace stts::cli
