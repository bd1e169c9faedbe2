// A tiny Molmo2 with the real structure (378 px, patch 14 -> 27x27 grid, 3x3 cells, prune_at 3,
// soft bias in block 4, feature blocks 7 and 5 after the prune point) and random weights, written
// with the checkpoint writer so the tests go through Model::load.
#pragma once

#include <torch/torch.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "stts/checkpoint/safetensors.h"
#include "stts/checkpoint/tensor_names.h"
#include "stts/model_config.h"

namespace tiny {

inline std::string configJson() {
  return R"({
  "model_type": "molmo2",
  "image_start_token_id": 64, "image_end_token_id": 65, "image_patch_id": 66,
  "image_col_id": 67, "low_res_image_start_token_id": 68, "image_low_res_id": 69,
  "frame_start_token_id": 70, "frame_end_token_id": 71, "use_frame_special_tokens": true,
  "vit_config": {
    "hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 10,
    "num_attention_heads": 2, "head_dim": 16, "image_default_input_size": [378, 378],
    "image_patch_size": 14, "image_num_pos": 729, "prune_at": 3, "topk": 0.5
  },
  "adapter_config": {
    "vit_layers": [-3, -5], "pooling_attention_mask": true, "hidden_size": 32,
    "num_attention_heads": 2, "head_dim": 16, "intermediate_size": 48, "text_hidden_size": 16
  },
  "text_config": {
    "hidden_size": 16, "num_hidden_layers": 2, "num_attention_heads": 4,
    "num_key_value_heads": 2, "head_dim": 8, "intermediate_size": 24, "vocab_size": 64,
    "additional_vocab_size": 8, "use_qk_norm": true, "qk_norm_type": "qwen3",
    "rope_theta": 1000000.0
  }
})";
}

struct Options {
  bool withScorer = true;
  bool constantScores = false;  // scorer output layer zero: every cell gets sigmoid(0.3)
  uint64_t seed = 1234;
};

// Writes config.json + model.safetensors into `dir`; returns "" or an error sentence.
inline std::string write(const std::string& dir, const Options& opt = {}) {
  auto cfg = stts::parseMolmo2Config(configJson());
  if (!cfg) return cfg.error().message;
  at::manual_seed(static_cast<int64_t>(opt.seed));
  std::vector<at::Tensor> keep;
  std::vector<stts::ckpt::TensorToWrite> out;
  auto endsWith = [](const std::string& s, const std::string& t) {
    return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
  };
  for (const auto& e : stts::ckpt::expectedTensors(*cfg, opt.withScorer)) {
    at::Tensor t;
    if (endsWith(e.name, "norm.weight")) {
      t = 1.0 + 0.1 * at::randn(e.shape);
    } else if (endsWith(e.name, "positional_embedding")) {
      t = 0.5 * at::randn(e.shape);
    } else if (e.shape.size() == 1) {
      t = 0.1 * at::randn(e.shape);
    } else {
      t = at::randn(e.shape) / std::sqrt(static_cast<double>(e.shape[1]));
    }
    if (e.name.find("temporal_token_scorer") != std::string::npos) {
      // Spread the scores: a wider output layer keeps sigmoid away from saturation yet varied.
      if (endsWith(e.name, "mlp.w3.weight")) t = opt.constantScores ? at::zeros(e.shape) : t * 3.0;
      if (endsWith(e.name, "mlp.w3.bias")) t = at::full(e.shape, 0.3);
    }
    t = t.to(at::kFloat).contiguous();
    keep.push_back(t);
    out.push_back({e.name, stts::ckpt::DType::F32, e.shape,
                   std::span<const std::byte>(reinterpret_cast<const std::byte*>(t.data_ptr()),
                                              static_cast<size_t>(t.nbytes()))});
  }
  if (auto w = stts::ckpt::writeSafetensors(dir + "/model.safetensors", out); !w)
    return w.error().message;
  std::ofstream cfgFile(dir + "/config.json");
  cfgFile << configJson();
  return cfgFile ? "" : "cannot write config.json";
}

}  // namespace tiny
