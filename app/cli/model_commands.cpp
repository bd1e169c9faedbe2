// stts make-tiny-model: writes the deterministic tiny Molmo2 model folder (design.md §5).
#include <chrono>
#include <cstdio>

#include "command.h"
#include "stts/tiny_model.h"

namespace stts::cli {
namespace {

int runMakeTinyModel(const ParsedArguments& args) {
  TinyModelOptions options;
  if (auto text = args.value("seed")) {
    // Seeds are printed and stored in config.json as JSON integers, so keep them below 2^53 to
    // survive every JSON reader unchanged.
    auto seed = parseInteger(*text, 0, (1LL << 53) - 1);
    if (!seed) return reportUsage("make-tiny-model", "--seed must be an integer from 0 to 2^53-1");
    options.seed = static_cast<uint64_t>(*seed);
  }
  options.overwrite = args.has("force");
  const auto started = std::chrono::steady_clock::now();
  auto summary = writeTinyModel(args.positionals()[0], options);
  if (!summary) return reportFailure(summary.error());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf(
      "wrote the tiny model to %s: %zu files, %d shards, %lld tensors, %lld parameters, "
      "%.1f MB in %.2f s (seed %llu)\n",
      summary->dir.c_str(), summary->files.size(), summary->shardCount,
      static_cast<long long>(summary->tensorCount), static_cast<long long>(summary->parameterCount),
      summary->totalBytes / 1e6, seconds, static_cast<unsigned long long>(options.seed));
  return kExitOk;
}

}  // namespace

Command makeTinyModelCommand() {
  return {{"make-tiny-model",
           "Write a tiny Molmo2-architecture model with an STTS scorer to DIR: real config "
           "schema, tensor names and tokenizer, small widths, deterministic untrained weights.",
           {"DIR"},
           {{"seed", "N", "weight seed (default 20260101); the same seed gives identical files"},
            {"force", "", "replace DIR if it already holds a model"}}},
          runMakeTinyModel};
}

}  // namespace stts::cli
