// writeTinyModel: config, deterministic weights in three shards plus the index, tokenizer and
// processor files, all written into a temporary sibling folder, validated with the same checks
// a real checkpoint goes through (inspectModelFolder), then renamed into place.
#include "stts/tiny_model.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "stts/checkpoint/model_folder.h"
#include "stts/checkpoint/safetensors.h"
#include "stts/checkpoint/tensor_names.h"
#include "tiny_internal.h"
#include "tiny_weights.h"

namespace stts {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

static_assert(std::endian::native == std::endian::little,
              "safetensors data is little-endian; this writer copies host floats as they are");

constexpr double kInitStd = 0.02;
constexpr const char* kInstalledTokenizerDir =
    "share/stts-lens/tokenizer-qwen3";  // the usual transformer init for linears and embeddings

// Shards in the HF naming. Embeddings and the head (~39 MB each) get their own shards so the
// index maps tensors to more than one file, as in a real export.
constexpr const char* kShardLlm = "model-00001-of-00003.safetensors";
constexpr const char* kShardHead = "model-00002-of-00003.safetensors";
constexpr const char* kShardVision = "model-00003-of-00003.safetensors";

Error ioError(const std::string& what, const std::string& path, int err) {
  return makeError(ErrorCode::Io, what + " " + path + ": " + std::strerror(err));
}

// Writes and fsyncs one file; the folder rename publishes it, so a crash leaves no partial file
// inside a published model folder.
Expected<void> writeFileSynced(const std::string& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return ioError("cannot create", path, errno);
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : EIO;
      ::close(fd);
      return ioError("cannot write", path, err);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) return ioError("cannot flush", path, errno);
  return {};
}

// Norm weights start at one, biases and norm biases at zero, everything else normal(0, 0.02).
bool isNormLeaf(const std::string& name) {
  const std::size_t dot = name.rfind('.');
  const std::string stem = name.substr(0, dot);
  const std::string leaf = stem.substr(stem.rfind('.') + 1);
  return leaf == "ln_f" || (leaf.size() >= 4 && leaf.compare(leaf.size() - 4, 4, "norm") == 0);
}

std::vector<float> initialValues(uint64_t seed, const ckpt::ExpectedTensor& t, int64_t count) {
  const bool isBias = t.name.size() > 5 && t.name.compare(t.name.size() - 5, 5, ".bias") == 0;
  if (isNormLeaf(t.name))
    return std::vector<float>(static_cast<std::size_t>(count), isBias ? 0.f : 1.f);
  if (isBias) return std::vector<float>(static_cast<std::size_t>(count), 0.f);
  return tiny::normalValues(seed, t.name, count, kInitStd);
}

const char* shardOf(const std::string& name) {
  if (name == ckpt::names::lmHead()) return kShardHead;
  if (name.rfind("model.transformer.", 0) == 0) return kShardLlm;
  return kShardVision;
}

struct OwnedTensor {
  std::string name;
  std::vector<int64_t> shape;
  std::vector<float> values;
};

fs::path normalizedTarget(const std::string& dir) {
  fs::path p = fs::absolute(fs::path(dir)).lexically_normal();
  if (!p.has_filename()) p = p.parent_path();  // "out/" -> "out"
  return p;
}

// mkdtemp next to the target, so the final rename stays on one file system.
Expected<fs::path> makeSiblingTemp(const fs::path& target, const std::string& tag) {
  std::string pattern =
      (target.parent_path() / ("." + target.filename().string() + tag + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    return ioError("cannot create a temporary folder in", target.parent_path().string(), errno);
  }
  ::chmod(pattern.c_str(), 0755);
  return fs::path(pattern);
}

Expected<TinyModelSummary> writeInto(const fs::path& tmp, const TinyModelOptions& options) {
  TinyModelSummary summary;
  const std::string configText = tinyModelConfigJson(options.seed);
  auto config = parseMolmo2Config(configText);
  if (!config)
    return makeError(ErrorCode::Internal, "tiny model config: " + config.error().message);

  // The tokenizer first: it is the step most likely to fail (data not fetched).
  const std::string tokDir =
      options.tokenizerDir.empty() ? defaultQwen3TokenizerDir() : options.tokenizerDir;
  auto tokenizer = tiny::tokenizerFiles(tokDir);
  if (!tokenizer) return tokenizer.error();

  std::vector<tiny::TextFile> textFiles = {{"config.json", configText}};
  for (auto& f : *tokenizer) textFiles.push_back(std::move(f));
  for (auto& f : tiny::processorFiles()) textFiles.push_back(std::move(f));

  // Weights, grouped by shard.
  std::map<std::string, std::vector<OwnedTensor>> shards;
  ordered_json weightMap = ordered_json::object();
  uint64_t totalSize = 0;
  auto expected = ckpt::expectedTensors(*config, /*withScorer=*/true);
  std::sort(expected.begin(), expected.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  for (const auto& t : expected) {
    int64_t count = 1;
    for (int64_t d : t.shape) count *= d;
    shards[shardOf(t.name)].push_back({t.name, t.shape, initialValues(options.seed, t, count)});
    weightMap[t.name] = shardOf(t.name);
    totalSize += static_cast<uint64_t>(count) * sizeof(float);
    summary.parameterCount += count;
    ++summary.tensorCount;
  }
  for (const auto& [file, tensors] : shards) {
    std::vector<ckpt::TensorToWrite> toWrite;
    for (const auto& t : tensors) {
      toWrite.push_back(
          {t.name, ckpt::DType::F32, t.shape, std::as_bytes(std::span<const float>(t.values))});
    }
    // HF's save_pretrained marks PyTorch tensors this way; loaders that check it expect it.
    auto written = ckpt::writeSafetensors((tmp / file).string(), toWrite, {{"format", "pt"}});
    if (!written) return written.error();
    ++summary.shardCount;
  }
  ordered_json index;
  index["metadata"] = {{"total_size", totalSize}};
  index["weight_map"] = std::move(weightMap);
  textFiles.push_back({std::string(ckpt::kIndexFile), index.dump(2) + "\n"});

  for (const auto& f : textFiles) {
    auto written = writeFileSynced((tmp / f.name).string(), f.text);
    if (!written) return written.error();
  }

  // Prove the folder is what the loader accepts before publishing it.
  auto info = ckpt::inspectModelFolder(tmp.string());
  if (!info) {
    return makeError(ErrorCode::Internal,
                     "the tiny model does not pass its own validation: " + info.error().message);
  }
  if (!info->hasSttsScorer) return makeError(ErrorCode::Internal, "tiny model lacks its scorer");
  for (const auto& entry : fs::directory_iterator(tmp)) {
    summary.files.push_back(entry.path().filename().string());
    summary.totalBytes += entry.file_size();
  }
  std::sort(summary.files.begin(), summary.files.end());
  return summary;
}

}  // namespace

std::string defaultQwen3TokenizerDir() {
  if (const char* env = std::getenv("STTS_QWEN3_TOKENIZER_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  // An installed stts finds the copy its package ships (engine/tinymodel/CMakeLists.txt installs
  // it next to bin/); a build-tree stts uses the folder CMake was configured with.
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / kInstalledTokenizerDir;
    if (fs::exists(installed / "tokenizer.json", ec)) return installed.string();
  }
#ifdef STTS_QWEN3_TOKENIZER_DIR_DEFAULT
  return STTS_QWEN3_TOKENIZER_DIR_DEFAULT;
#else
  return {};
#endif
}

std::string tinyModelConfigJson(uint64_t seed) {
  ordered_json vit;
  vit["hidden_size"] = 64;
  vit["intermediate_size"] = 128;
  // 9 layers with vit_layers [-1, -3]: features come from blocks 8 and 6, both after the STTS
  // prune point (scorer on block 3, soft bias in block 4), as in the 25-block real schedule.
  vit["num_hidden_layers"] = 9;
  vit["num_attention_heads"] = 4;
  vit["num_key_value_heads"] = 4;
  vit["head_dim"] = 16;
  vit["hidden_act"] = "gelu_pytorch_tanh";
  vit["layer_norm_eps"] = 1e-6;
  vit["image_default_input_size"] = {378, 378};  // real geometry: 27 x 27 patches, 9 x 9 cells
  vit["image_patch_size"] = 14;
  vit["image_num_pos"] = 729;
  vit["float32_attention"] = true;
  vit["topk"] = 0.5;  // STTS TemporalVitConfig (docs/molmo2-spec.md §6.2)
  vit["prune_at"] = 3;
  vit["prune"] = true;
  vit["prune_method"] = "scorer";
  vit["pruning_in_scorer"] = true;
  vit["rescale_bias_min"] = 0.1353352832366127;
  vit["prune_from_frame"] = 0;

  ordered_json adapter;
  adapter["vit_layers"] = {-1, -3};
  adapter["pooling_attention_mask"] = true;
  adapter["hidden_size"] = 64;
  adapter["num_attention_heads"] = 4;
  adapter["num_key_value_heads"] = 4;
  adapter["head_dim"] = 16;
  adapter["hidden_act"] = "silu";
  adapter["intermediate_size"] = 128;
  adapter["text_hidden_size"] = 64;

  ordered_json text;
  text["hidden_size"] = 64;
  text["num_hidden_layers"] = 2;
  text["num_attention_heads"] = 4;
  text["num_key_value_heads"] = 2;
  text["head_dim"] = 16;
  text["intermediate_size"] = 128;
  text["vocab_size"] = 151936;
  text["additional_vocab_size"] = 128;
  text["qkv_bias"] = false;
  text["use_qk_norm"] = true;
  text["qk_norm_type"] = "qwen3";
  text["layer_norm_eps"] = 1e-6;
  text["norm_after"] = false;
  text["rope_theta"] = 5000000.0;
  text["rope_scaling"] = nullptr;
  text["max_position_embeddings"] = 36864;
  text["tie_word_embeddings"] = false;

  ordered_json c;
  c["architectures"] = {"Molmo2ForConditionalGeneration"};
  c["model_type"] = "molmo2";
  c["dtype"] = "float32";
  c["image_start_token_id"] = 151936;
  c["image_end_token_id"] = 151937;
  c["image_patch_id"] = 151938;
  c["image_col_id"] = 151939;
  c["low_res_image_start_token_id"] = 151940;
  c["image_low_res_id"] = 151942;
  c["frame_start_token_id"] = 151943;
  c["frame_end_token_id"] = 151944;
  c["use_frame_special_tokens"] = true;  // STTS Lite was trained with frame tokens (§6.1)
  c["tie_word_embeddings"] = false;
  c["vit_config"] = std::move(vit);
  c["adapter_config"] = std::move(adapter);
  c["text_config"] = std::move(text);
  c["stts_tiny_model"] = {{"seed", seed}, {"note", "untrained demo weights"}};
  return c.dump(2) + "\n";
}

Expected<TinyModelSummary> writeTinyModel(const std::string& dir, uint64_t seed) {
  TinyModelOptions options;
  options.seed = seed;
  return writeTinyModel(dir, options);
}

Expected<TinyModelSummary> writeTinyModel(const std::string& dir, const TinyModelOptions& options) {
  if (dir.empty()) return makeError(ErrorCode::InvalidArgument, "the model folder path is empty");
  std::error_code ec;
  const fs::path target = normalizedTarget(dir);
  const fs::path parent = target.parent_path();
  if (!fs::is_directory(parent, ec)) {
    return makeError(ErrorCode::NotFound, parent.string() + " does not exist or is not a folder");
  }
  bool replace = false;
  const auto status = fs::symlink_status(target, ec);
  if (fs::exists(status)) {
    if (!fs::is_directory(status)) {
      return makeError(ErrorCode::InvalidArgument, target.string() + " exists and is not a folder");
    }
    if (!fs::is_empty(target, ec)) {
      if (!options.overwrite) {
        return makeError(ErrorCode::InvalidArgument,
                         target.string() + " is not empty; pass --force to replace it");
      }
      if (!fs::exists(target / ckpt::kConfigFile, ec)) {
        return makeError(ErrorCode::InvalidArgument,
                         "refusing to replace " + target.string() +
                             ": it is not a model folder (no config.json)");
      }
      replace = true;
    }
  }

  auto tmp = makeSiblingTemp(target, ".tmp-");
  if (!tmp) return tmp.error();
  auto summary = writeInto(*tmp, options);
  if (!summary) {
    fs::remove_all(*tmp, ec);
    return summary.error();
  }
  fs::path old;
  if (replace) {
    // Move the old folder aside (onto an empty placeholder), publish, then delete the old one.
    auto placeholder = makeSiblingTemp(target, ".old-");
    if (!placeholder) {
      fs::remove_all(*tmp, ec);
      return placeholder.error();
    }
    old = *placeholder;
    if (::rename(target.c_str(), old.c_str()) != 0) {
      const int err = errno;
      fs::remove_all(*tmp, ec);
      fs::remove(old, ec);
      return ioError("cannot move aside", target.string(), err);
    }
  }
  // rename(2) replaces an empty directory, so an existing empty target is fine too.
  if (::rename(tmp->c_str(), target.c_str()) != 0) {
    const int err = errno;
    fs::remove_all(*tmp, ec);
    if (!old.empty()) ::rename(old.c_str(), target.c_str());  // put the old model back
    return ioError("cannot move the new model into", target.string(), err);
  }
  if (!old.empty()) fs::remove_all(old, ec);
  summary->dir = target.string();
  return summary;
}

}  // namespace stts
