// (c) A model folder's small JSON files: config.json (parseMolmo2Config) and
// model.safetensors.index.json (parseSafetensorsIndex), then the tensor table config.json sizes
// (expectedTensors) checked against the index's tensor names (validateTensorInventory), as
// ModelCheckpoint::open does before anything large is read.
//
// Input: config.json, optionally followed by 0xFF and the index file (fuzz_util.h).
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "fuzz_util.h"
#include "stts/checkpoint/model_folder.h"
#include "stts/checkpoint/tensor_names.h"
#include "stts/model_config.h"

using namespace stts;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto parts = fuzz::splitParts(data, size, 2);
  auto config = parseMolmo2Config(parts[0], "config.json");
  std::optional<std::map<std::string, std::string>> weightMap;
  if (parts.size() > 1) {
    auto index = ckpt::parseSafetensorsIndex(parts[1], "model.safetensors.index.json");
    if (index) {
      STTS_FUZZ_CHECK(!index->empty());
      for (const auto& [tensor, shard] : *index)
        STTS_FUZZ_CHECK(!shard.empty() && shard.find('/') == std::string::npos);
      weightMap = std::move(*index);
    }
  }
  if (!config) {
    STTS_FUZZ_CHECK(!config.error().message.empty());
    return 0;
  }

  // What the loader derives from a valid config must stay inside the config's own bounds.
  const Molmo2Config& c = *config;
  for (int64_t block : c.vitFeatureBlocks())
    STTS_FUZZ_CHECK(block >= 0 && block < c.vit.numHiddenLayers);
  STTS_FUZZ_CHECK(c.vitBlocksUsed() >= 1 && c.vitBlocksUsed() <= c.vit.numHiddenLayers);
  std::vector<ckpt::ExpectedTensor> table;
  for (bool scorer : {false, true}) {
    table = ckpt::expectedTensors(c, scorer);
    STTS_FUZZ_CHECK(!table.empty());
    for (const auto& t : table)
      for (int64_t d : t.shape) STTS_FUZZ_CHECK(d >= 0);
  }
  if (!weightMap) return 0;

  // The index's tensors as the folder would hold them: the table's shape (with the scorer) where
  // the name is known, a stray one otherwise; dtypes alternate so the dtype check runs too.
  std::unordered_map<std::string, const ckpt::ExpectedTensor*> byName;
  for (const auto& t : table) byName.emplace(t.name, &t);
  std::vector<ckpt::TensorEntry> entries;
  for (const auto& [tensor, shard] : *weightMap) {
    ckpt::TensorEntry e;
    e.name = tensor;
    e.file = shard;
    auto it = byName.find(tensor);
    e.shape = it != byName.end() ? it->second->shape : std::vector<int64_t>{1};
    e.dtype = tensor.size() % 3 == 0 ? ckpt::DType::I64 : ckpt::DType::BF16;
    entries.push_back(std::move(e));
  }
  auto valid = ckpt::validateTensorInventory(c, entries, "fuzz-model");
  if (!valid) STTS_FUZZ_CHECK(!valid.error().message.empty());
  return 0;
}
