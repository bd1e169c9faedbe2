// Shared fixture builders for the checkpoint tests: raw safetensors images, config.json text for
// the real Molmo2-4B numbers and for a tiny consistent model, and tiny model folders.
#pragma once

#include <QFile>
#include <QString>

#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "stts/checkpoint/model_folder.h"
#include "stts/checkpoint/safetensors.h"
#include "stts/checkpoint/tensor_names.h"
#include "stts/model_config.h"

namespace fixtures {

inline std::vector<std::byte> toBytes(const std::string& s) {
  std::vector<std::byte> out(s.size());
  std::memcpy(out.data(), s.data(), s.size());
  return out;
}

// 8-byte little-endian length `n` + header text + data. `n` defaults to the header length so
// tests can lie about it.
inline std::vector<std::byte> rawImage(const std::string& header, std::size_t dataBytes = 0,
                                       std::optional<uint64_t> n = std::nullopt) {
  std::vector<std::byte> out;
  const uint64_t len = n.value_or(header.size());
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::byte>((len >> (8 * i)) & 0xFF));
  for (char c : header) out.push_back(static_cast<std::byte>(c));
  out.resize(out.size() + dataBytes, std::byte{0x11});
  return out;
}

inline bool writeFile(const QString& path, const std::vector<std::byte>& bytes) {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
  return f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<qint64>(bytes.size())) ==
         static_cast<qint64>(bytes.size());
}

inline bool writeText(const QString& path, const std::string& text) {
  return writeFile(path, toBytes(text));
}

// The real Molmo2-4B numbers of docs/molmo2-spec.md §1.2 (STTS fields optional).
inline std::string molmo2_4bConfig(const std::string& extraVit = "") {
  return R"({
  "architectures": ["Molmo2ForConditionalGeneration"],
  "model_type": "molmo2",
  "image_start_token_id": 151936, "image_end_token_id": 151937, "image_patch_id": 151938,
  "image_col_id": 151939, "low_res_image_start_token_id": 151940, "image_low_res_id": 151942,
  "frame_start_token_id": 151943, "frame_end_token_id": 151944,
  "use_frame_special_tokens": false, "tie_word_embeddings": false,
  "vit_config": {)" +
         extraVit + R"(
    "hidden_size": 1152, "intermediate_size": 4304, "num_hidden_layers": 27,
    "num_attention_heads": 16, "num_key_value_heads": 16, "head_dim": 72,
    "hidden_act": "gelu_pytorch_tanh", "layer_norm_eps": 1e-6,
    "image_default_input_size": [378, 378], "image_patch_size": 14, "image_num_pos": 729,
    "float32_attention": true
  },
  "adapter_config": {
    "vit_layers": [-3, -9], "pooling_attention_mask": true, "hidden_size": 1152,
    "num_attention_heads": 16, "num_key_value_heads": 16, "head_dim": 72, "hidden_act": "silu",
    "intermediate_size": 9728, "text_hidden_size": 2560
  },
  "text_config": {
    "hidden_size": 2560, "num_hidden_layers": 36, "num_attention_heads": 32,
    "num_key_value_heads": 8, "head_dim": 128, "intermediate_size": 9728,
    "vocab_size": 151936, "additional_vocab_size": 128, "qkv_bias": false,
    "use_qk_norm": true, "qk_norm_type": "qwen3", "layer_norm_eps": 1e-6,
    "norm_after": false, "rope_theta": 5000000.0, "rope_scaling": null,
    "max_position_embeddings": 36864
  }
})";
}

// A tiny model with the same structure: ViT 4 layers of which blocks 0..2 are used
// (vit_layers [-2, -3]), q width != hidden in the LLM as in Qwen3, prune_at 1.
inline std::string tinyConfig(const std::string& modelType = "molmo2") {
  return R"({
  "model_type": ")" +
         modelType + R"(",
  "image_start_token_id": 64, "image_end_token_id": 65, "image_patch_id": 66,
  "image_col_id": 67, "low_res_image_start_token_id": 68, "image_low_res_id": 69,
  "frame_start_token_id": 70, "frame_end_token_id": 71, "use_frame_special_tokens": true,
  "vit_config": {
    "hidden_size": 8, "intermediate_size": 12, "num_hidden_layers": 4,
    "num_attention_heads": 2, "head_dim": 4, "image_default_input_size": [28, 28],
    "image_patch_size": 14, "image_num_pos": 4, "prune_at": 1, "topk": 0.3
  },
  "adapter_config": {
    "vit_layers": [-2, -3], "hidden_size": 8, "num_attention_heads": 2, "head_dim": 4,
    "intermediate_size": 12, "text_hidden_size": 16
  },
  "text_config": {
    "hidden_size": 16, "num_hidden_layers": 2, "num_attention_heads": 4,
    "num_key_value_heads": 2, "head_dim": 8, "intermediate_size": 24, "vocab_size": 64,
    "additional_vocab_size": 8, "use_qk_norm": true, "qk_norm_type": "qwen3",
    "rope_theta": 1000000.0
  }
})";
}

// Deterministic F32 values (a small LCG) so shards differ from one another.
inline std::vector<float> values(int64_t n, uint32_t seed) {
  std::vector<float> v(static_cast<std::size_t>(n));
  uint32_t s = seed * 2654435761u + 1;
  for (auto& x : v) {
    s = s * 1664525u + 1013904223u;
    x = static_cast<float>(static_cast<int32_t>(s >> 8) % 2001 - 1000) / 1000.0f;
  }
  return v;
}

struct OwnedTensor {
  std::string name;
  stts::ckpt::DType dtype = stts::ckpt::DType::F32;
  std::vector<int64_t> shape;
  std::vector<std::byte> bytes;
};

inline OwnedTensor f32Tensor(const std::string& name, const std::vector<int64_t>& shape,
                             uint32_t seed) {
  int64_t n = 1;
  for (auto d : shape) n *= d;
  const auto v = values(n, seed);
  OwnedTensor t{name, stts::ckpt::DType::F32, shape, std::vector<std::byte>(v.size() * 4)};
  if (!v.empty()) std::memcpy(t.bytes.data(), v.data(), t.bytes.size());
  return t;
}

inline std::vector<stts::ckpt::TensorToWrite> views(const std::vector<OwnedTensor>& ts) {
  std::vector<stts::ckpt::TensorToWrite> out;
  for (const auto& t : ts) out.push_back({t.name, t.dtype, t.shape, t.bytes});
  return out;
}

// Every tensor the table expects for `configJson`, F32, deterministic values.
inline std::vector<OwnedTensor> tinyTensors(const std::string& configJson, bool withScorer) {
  auto config = stts::parseMolmo2Config(configJson);
  std::vector<OwnedTensor> out;
  if (!config) return out;
  uint32_t seed = 1;
  for (const auto& e : stts::ckpt::expectedTensors(*config, withScorer)) {
    out.push_back(f32Tensor(e.name, e.shape, seed++));
  }
  return out;
}

// A model folder before it is written: shard file -> tensors, and the index's weight_map.
struct Folder {
  std::map<std::string, std::vector<OwnedTensor>> shards;
  std::map<std::string, std::string> weightMap;
};

inline const std::string kShard1 = "model-00001-of-00002.safetensors";
inline const std::string kShard2 = "model-00002-of-00002.safetensors";

// LLM tensors in shard 1, everything else in shard 2, as HF shards by size.
inline Folder split(const std::vector<OwnedTensor>& tensors) {
  Folder f;
  for (const auto& t : tensors) {
    const bool llm = t.name.rfind("model.transformer.", 0) == 0 || t.name == "lm_head.weight";
    const std::string& shard = llm ? kShard1 : kShard2;
    f.shards[shard].push_back(t);
    f.weightMap[t.name] = shard;
  }
  return f;
}

inline std::string indexJson(const std::map<std::string, std::string>& weightMap) {
  std::string index = R"({"metadata": {"total_size": 0}, "weight_map": {)";
  bool first = true;
  for (const auto& [tensor, shard] : weightMap) {
    index += (first ? "\"" : ", \"") + tensor + "\": \"" + shard + "\"";
    first = false;
  }
  return index + "}}";
}

// Writes config.json, the shards and (when `withIndex`) the index. Returns "" or an error.
inline std::string writeFolder(const QString& dir, const Folder& folder,
                               const std::string& configJson = tinyConfig(),
                               bool withIndex = true) {
  if (!writeText(dir + "/config.json", configJson)) return "cannot write config.json";
  for (const auto& [shard, tensors] : folder.shards) {
    auto w = stts::ckpt::writeSafetensors((dir + "/").toStdString() + shard, views(tensors),
                                          {{"format", "pt"}});
    if (!w) return w.error().message;
  }
  if (withIndex && !writeText(dir + "/model.safetensors.index.json", indexJson(folder.weightMap))) {
    return "cannot write the index";
  }
  return "";
}

// The tiny model as a two-shard HF-style folder.
inline std::string writeTinyFolder(const QString& dir, const std::vector<OwnedTensor>& tensors,
                                   const std::string& configJson = tinyConfig()) {
  return writeFolder(dir, split(tensors), configJson);
}

}  // namespace fixtures
