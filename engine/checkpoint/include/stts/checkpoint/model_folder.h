// A Molmo2 model folder (config.json + model.safetensors, or shards + model.safetensors.index.json)
// validated as a whole before anything large is allocated: every shard's header, the index
// against the shards, and every tensor's name, shape and dtype against the table sized by
// config.json. Tensor bytes stay in the read-only mappings until the loader copies them.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "stts/checkpoint/dtype.h"
#include "stts/checkpoint/safetensors.h"
#include "stts/error.h"
#include "stts/model_config.h"

namespace stts::ckpt {

inline constexpr std::string_view kConfigFile = "config.json";
inline constexpr std::string_view kIndexFile = "model.safetensors.index.json";
inline constexpr std::string_view kSingleFile = "model.safetensors";

struct TensorEntry {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  uint64_t bytes = 0;
  std::string file;  // shard file name inside the folder
};

struct CheckpointInfo {
  std::string dir;
  Molmo2Config config;
  bool sharded = false;              // an index file was used
  std::vector<std::string> files;    // shard file names, sorted
  std::vector<TensorEntry> tensors;  // sorted by name
  bool hasSttsScorer = false;        // some tensor name contains "temporal_token_scorer"
  uint64_t totalTensorBytes = 0;
};

struct InspectOptions {
  // The scorer is small and a NaN there blanks every heatmap, so it is scanned by default.
  bool scanScorerForNonFinite = true;
  // Reads every page of every shard (minutes for 19 GB); the loader usually scans as it copies.
  bool scanAllForNonFinite = false;
};

class ModelCheckpoint {
 public:
  static Expected<ModelCheckpoint> open(const std::string& dir, const InspectOptions& options = {});

  const CheckpointInfo& info() const;
  // The mapped tensor, or nullptr when the checkpoint has no tensor of that name.
  const TensorView* tensor(std::string_view name) const;
  // Shard file name holding `name` ("" when absent).
  std::string fileOf(std::string_view name) const;
  // NaN/Inf scan of one tensor; the error names the tensor and its shard.
  Expected<void> checkFinite(std::string_view name) const;
  // SafetensorsFile::releasePages for the tensor `name` (after it has been copied).
  void releasePages(std::string_view name) const;

 private:
  struct Impl;
  explicit ModelCheckpoint(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

// ModelCheckpoint::open without keeping the mappings: what a "model info" view needs.
Expected<CheckpointInfo> inspectModelFolder(const std::string& dir,
                                            const InspectOptions& options = {});

// The weight_map of a model.safetensors.index.json (tensor name -> shard file name), validated
// as ModelCheckpoint::open does: strict JSON, an object of plain file names inside the folder,
// at least one entry. `label` names the file in errors. (Also the fuzzer's entry point,
// tests/fuzz/libfuzzer/fuzz_model_config.cpp.)
Expected<std::map<std::string, std::string>> parseSafetensorsIndex(std::string_view text,
                                                                   const std::string& label);

// Checks an inventory against expectedTensors(config, scorer present). One InvalidData error
// lists everything missing, unexpected, mis-shaped and wrongly typed (each list capped, with
// "and N more"). `label` names the folder in the message.
Expected<void> validateTensorInventory(const Molmo2Config& config,
                                       const std::vector<TensorEntry>& tensors,
                                       std::string_view label);

}  // namespace stts::ckpt
