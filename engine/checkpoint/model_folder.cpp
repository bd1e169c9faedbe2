// Model folder = config.json + shards. Order of checks: config (cheap, explains everything after
// it), shard headers, index vs shards, stray shards, then the table check; only then NaN scans,
// which touch tensor pages.
#include "stts/checkpoint/model_folder.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>

#include "strict_json.h"
#include "stts/checkpoint/finite.h"
#include "stts/checkpoint/tensor_names.h"
#include "stts/regular_file.h"

namespace stts::ckpt {

struct ModelCheckpoint::Impl {
  CheckpointInfo info;
  std::vector<SafetensorsFile> files;
  // Points into `files`' shared tensor lists, which never move.
  std::unordered_map<std::string_view, std::pair<const TensorView*, std::size_t>> byName;
};

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kListCap = 8;

std::string inQuotes(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

std::string joinPath(const std::string& dir, std::string_view file) {
  return (fs::path(dir) / std::string(file)).string();
}

bool isPlainFileName(const std::string& name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
         name.find('\0') == std::string::npos;
}

Expected<std::string> readSmallFile(const std::string& path, std::size_t cap) {
  return readRegularFile(path, cap);
}

// weight_map of the index: tensor -> shard file name (duplicate tensors were refused by the
// strict parser, which reports the tensor name).
Expected<std::map<std::string, std::string>> readIndex(const std::string& path) {
  auto text = readSmallFile(path, 64u << 20);
  if (!text) return text.error();
  return parseSafetensorsIndex(*text, path);
}

}  // namespace

Expected<std::map<std::string, std::string>> parseSafetensorsIndex(std::string_view text,
                                                                   const std::string& path) {
  auto parsed = detail::parseStrictJson(text, path);
  if (!parsed) return parsed.error();
  const auto& root = *parsed;
  auto bad = [&](const std::string& what) {
    return makeError(ErrorCode::InvalidData, path + ": " + what);
  };
  if (!root.is_object()) return bad("must hold a JSON object");
  auto it = root.find("weight_map");
  if (it == root.end()) return bad("has no \"weight_map\"");
  if (!it->is_object()) return bad("\"weight_map\" must be an object of tensor name -> shard file");
  std::map<std::string, std::string> map;
  for (const auto& [tensor, shard] : it->items()) {
    if (!shard.is_string()) {
      return bad("weight_map entry " + inQuotes(tensor) + " must be a file name string, found " +
                 detail::describeJsonType(shard));
    }
    const std::string file = shard.get<std::string>();
    if (!isPlainFileName(file)) {
      return bad("weight_map entry " + inQuotes(tensor) + " names " + inQuotes(file) +
                 ", which is not a file name inside the model folder");
    }
    map.emplace(tensor, file);
  }
  if (map.empty()) return bad("weight_map lists no tensors");
  return map;
}

namespace {

struct Shards {
  std::vector<std::string> names;  // sorted
  std::vector<SafetensorsFile> files;
};

Expected<Shards> openShards(const std::string& dir, const std::vector<std::string>& names,
                            const std::string& listedIn,
                            const std::map<std::string, std::string>& firstTensorOf) {
  Shards out;
  std::map<std::pair<dev_t, ino_t>, std::string> seen;
  for (const auto& name : names) {
    const std::string path = joinPath(dir, name);
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      auto t = firstTensorOf.find(name);
      return makeError(ErrorCode::NotFound,
                       listedIn + " lists shard " + inQuotes(name) +
                           (t != firstTensorOf.end() ? " (for tensor " + inQuotes(t->second) + ")"
                                                     : std::string()) +
                           ", but that file is missing from " + dir);
    }
    auto [it, fresh] = seen.emplace(std::make_pair(st.st_dev, st.st_ino), name);
    if (!fresh) {
      return makeError(ErrorCode::InvalidData, listedIn + " lists the same shard file twice, as " +
                                                   inQuotes(it->second) + " and " + inQuotes(name));
    }
    auto file = SafetensorsFile::open(path);
    if (!file) return file.error();
    out.names.push_back(name);
    out.files.push_back(std::move(*file));
  }
  return out;
}

// Every model*.safetensors in the folder that is not one of the shards and holds tensors means
// the index and the folder disagree (a half-updated download); refuse rather than guess.
Expected<void> checkStrayShards(const std::string& dir, const std::set<std::string>& used,
                                const std::string& listedIn) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (used.count(name) || name.rfind("model", 0) != 0 || name.size() < 12 ||
        name.substr(name.size() - 12) != ".safetensors") {
      continue;
    }
    auto file = SafetensorsFile::open(it->path().string());
    if (file && !file->tensors().empty()) {
      return makeError(ErrorCode::InvalidData, dir + ": " + inQuotes(name) + " holds " +
                                                   std::to_string(file->tensors().size()) +
                                                   " tensors but is not listed in " + listedIn +
                                                   "; remove it or fix the index");
    }
  }
  return {};
}

std::string listWithCap(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < kListCap; ++i) {
    if (i) out += "; ";
    out += items[i];
  }
  if (items.size() > kListCap) out += "; and " + std::to_string(items.size() - kListCap) + " more";
  return out;
}

}  // namespace

Expected<void> validateTensorInventory(const Molmo2Config& config,
                                       const std::vector<TensorEntry>& tensors,
                                       std::string_view label) {
  const bool scorer = std::any_of(tensors.begin(), tensors.end(),
                                  [](const TensorEntry& t) { return isScorerTensorName(t.name); });
  std::unordered_map<std::string_view, const TensorEntry*> present;
  for (const auto& t : tensors) present.emplace(t.name, &t);

  std::vector<std::string> missing, shapes, dtypes, unexpected;
  std::set<std::string_view> known;
  const auto expected = expectedTensors(config, scorer);
  for (const auto& e : expected) {
    known.insert(e.name);
    auto it = present.find(e.name);
    if (it == present.end()) {
      if (!e.optional) missing.push_back(e.name);
      continue;
    }
    const TensorEntry& t = *it->second;
    if (t.shape != e.shape) {
      shapes.push_back(t.name + " in " + t.file + " is " + formatShape(t.shape) +
                       ", config.json implies " + formatShape(e.shape));
    }
    if (!isAllowedWeightDType(t.dtype)) {
      dtypes.push_back(t.name + " in " + t.file + " is " + dtypeName(t.dtype));
    }
  }
  for (const auto& t : tensors) {
    if (!known.count(t.name)) unexpected.push_back(t.name + " (in " + t.file + ")");
  }
  if (missing.empty() && shapes.empty() && dtypes.empty() && unexpected.empty()) {
    if (scorer && config.stts.pruneAt + 1 >= config.vitBlocksUsed()) {
      return makeError(ErrorCode::InvalidData,
                       std::string(label) + ": config.json prune_at (" +
                           std::to_string(config.stts.pruneAt) + ") needs ViT block " +
                           std::to_string(config.stts.pruneAt + 1) + ", but the model runs only " +
                           std::to_string(config.vitBlocksUsed()) + " blocks");
    }
    return {};
  }
  std::string msg = std::string(label) + ": the tensors do not match config.json";
  if (!missing.empty()) {
    msg += "; " + std::to_string(missing.size()) + " missing: " + listWithCap(missing);
  }
  if (!shapes.empty()) {
    msg += "; " + std::to_string(shapes.size()) + " with the wrong shape: " + listWithCap(shapes);
  }
  if (!dtypes.empty()) {
    msg += "; " + std::to_string(dtypes.size()) +
           " with an unsupported dtype (weights must be F32, BF16 or F16): " + listWithCap(dtypes);
  }
  if (!unexpected.empty()) {
    msg += "; " + std::to_string(unexpected.size()) + " unexpected: " + listWithCap(unexpected);
  }
  return makeError(ErrorCode::InvalidData, msg);
}

Expected<ModelCheckpoint> ModelCheckpoint::open(const std::string& dir,
                                                const InspectOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return makeError(ErrorCode::NotFound, dir +
                                              " is not a folder; choose the model folder that "
                                              "holds config.json");
  }
  auto impl = std::make_shared<Impl>();
  CheckpointInfo& info = impl->info;
  info.dir = dir;
  auto config = loadMolmo2Config(joinPath(dir, kConfigFile));
  if (!config) return config.error();
  info.config = std::move(*config);

  const std::string indexPath = joinPath(dir, kIndexFile);
  std::map<std::string, std::string> weightMap;
  std::vector<std::string> shardNames;
  std::map<std::string, std::string> firstTensorOf;
  std::string listedIn;
  if (fs::exists(indexPath, ec)) {
    auto index = readIndex(indexPath);
    if (!index) return index.error();
    weightMap = std::move(*index);
    std::set<std::string> unique;
    for (const auto& [tensor, shard] : weightMap) {
      if (unique.insert(shard).second) firstTensorOf.emplace(shard, tensor);
    }
    shardNames.assign(unique.begin(), unique.end());
    info.sharded = true;
    listedIn = indexPath;
  } else if (fs::exists(joinPath(dir, kSingleFile), ec)) {
    shardNames.push_back(std::string(kSingleFile));
    listedIn = dir;
  } else {
    return makeError(ErrorCode::NotFound, dir + " has neither " + std::string(kSingleFile) +
                                              " nor " + std::string(kIndexFile) +
                                              "; the model weights are missing");
  }

  auto shards = openShards(dir, shardNames, listedIn, firstTensorOf);
  if (!shards) return shards.error();
  info.files = shards->names;
  impl->files = std::move(shards->files);

  // Each tensor in exactly one shard (checked over all shards first, so a duplicate is named as
  // such rather than as an index mismatch), then (sharded) exactly where the index says.
  for (std::size_t s = 0; s < impl->files.size(); ++s) {
    for (const TensorView& t : impl->files[s].tensors()) {
      auto [it, fresh] = impl->byName.emplace(t.name, std::make_pair(&t, s));
      if (!fresh) {
        return makeError(ErrorCode::InvalidData, dir + ": tensor " + inQuotes(t.name) +
                                                     " is present in two shards, " +
                                                     inQuotes(info.files[it->second.second]) +
                                                     " and " + inQuotes(info.files[s]));
      }
    }
  }
  for (std::size_t s = 0; info.sharded && s < impl->files.size(); ++s) {
    for (const TensorView& t : impl->files[s].tensors()) {
      auto w = weightMap.find(t.name);
      if (w == weightMap.end()) {
        return makeError(ErrorCode::InvalidData, listedIn + " does not list tensor " +
                                                     inQuotes(t.name) + ", which shard " +
                                                     inQuotes(info.files[s]) + " contains");
      }
      if (w->second != info.files[s]) {
        return makeError(ErrorCode::InvalidData, listedIn + " says tensor " + inQuotes(t.name) +
                                                     " is in " + inQuotes(w->second) +
                                                     ", but it is in " + inQuotes(info.files[s]));
      }
    }
  }
  for (const auto& [tensor, shard] : weightMap) {
    if (!impl->byName.count(tensor)) {
      return makeError(ErrorCode::InvalidData, listedIn + " names tensor " + inQuotes(tensor) +
                                                   " in shard " + inQuotes(shard) +
                                                   ", but that shard does not contain it");
    }
  }
  auto stray =
      checkStrayShards(dir, std::set<std::string>(info.files.begin(), info.files.end()), listedIn);
  if (!stray) return stray.error();

  for (const auto& [name, where] : impl->byName) {
    const TensorView& t = *where.first;
    info.tensors.push_back(
        TensorEntry{t.name, t.dtype, t.shape, t.data.size(), info.files[where.second]});
    info.totalTensorBytes += t.data.size();
    if (isScorerTensorName(t.name)) info.hasSttsScorer = true;
  }
  std::sort(info.tensors.begin(), info.tensors.end(),
            [](const TensorEntry& a, const TensorEntry& b) { return a.name < b.name; });
  auto valid = validateTensorInventory(info.config, info.tensors, dir);
  if (!valid) return valid.error();

  ModelCheckpoint checkpoint(impl);
  for (const auto& t : info.tensors) {
    if (options.scanAllForNonFinite ||
        (options.scanScorerForNonFinite && isScorerTensorName(t.name))) {
      auto finite = checkpoint.checkFinite(t.name);
      if (!finite) return finite.error();
    }
  }
  return checkpoint;
}

const CheckpointInfo& ModelCheckpoint::info() const {
  return impl_->info;
}

const TensorView* ModelCheckpoint::tensor(std::string_view name) const {
  auto it = impl_->byName.find(name);
  return it == impl_->byName.end() ? nullptr : it->second.first;
}

std::string ModelCheckpoint::fileOf(std::string_view name) const {
  auto it = impl_->byName.find(name);
  return it == impl_->byName.end() ? std::string() : impl_->info.files[it->second.second];
}

void ModelCheckpoint::releasePages(std::string_view name) const {
  auto it = impl_->byName.find(name);
  if (it != impl_->byName.end()) impl_->files[it->second.second].releasePages(*it->second.first);
}

Expected<void> ModelCheckpoint::checkFinite(std::string_view name) const {
  const TensorView* t = tensor(name);
  if (t == nullptr) {
    return makeError(ErrorCode::NotFound, impl_->info.dir + ": no tensor " + inQuotes(name));
  }
  return ckpt::checkFinite(name, t->dtype, t->data, joinPath(impl_->info.dir, fileOf(name)));
}

Expected<CheckpointInfo> inspectModelFolder(const std::string& dir, const InspectOptions& options) {
  auto checkpoint = ModelCheckpoint::open(dir, options);
  if (!checkpoint) return checkpoint.error();
  return checkpoint->info();
}

}  // namespace stts::ckpt
