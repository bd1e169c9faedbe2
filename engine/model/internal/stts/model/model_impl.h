// Model::Impl: the weights of a loaded model as LibTorch tensors, plus the typed views the ViT,
// scorer and connector run on. Internal (pipeline, tests, benchmark).
#pragma once

#include <ATen/ATen.h>

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "stts/checkpoint/dtype.h"
#include "stts/model.h"
#include "stts/model/connector.h"
#include "stts/model/scorer.h"
#include "stts/model/vit.h"

namespace stts::detail {

// The LibTorch element type of a checkpoint's floating-point dtype (F32, BF16, F16, F64);
// nullopt for integer and other dtypes. The one mapping used by loading and by fit-scorer.
std::optional<at::ScalarType> torchFloatType(ckpt::DType dtype);

struct ModelImpl {
  ModelInfo info;
  at::Device device{at::kCPU};
  at::ScalarType dtype = at::kFloat;
  // Every loaded tensor by checkpoint name (the LLM side looks its weights up here).
  std::map<std::string, at::Tensor> weights;
  model::VitWeights vit;
  model::ConnectorWeights connector;
  std::optional<model::ScorerWeights> scorer;

  // nullptr-safe lookup; an undefined tensor when absent.
  at::Tensor weight(const std::string& name) const;
};

// Builds the typed views from `weights` (already on `device` in the run dtype, norms fp32).
// Throws c10::Error / std::runtime_error on a missing tensor (callers convert to Error).
std::shared_ptr<ModelImpl> buildModelImpl(const Molmo2Config& config, bool withScorer,
                                          std::map<std::string, at::Tensor> weights,
                                          at::Device device, at::ScalarType dtype);

// True for tensors kept in fp32 whatever the run dtype (LayerNorm / RMSNorm parameters).
bool keepsFloat32(const std::string& name);

// Parses "cpu" / "cuda" / "cuda:N" and "float32" / "bfloat16"; errors name the bad value and
// say when CUDA was asked for but is not available.
Expected<at::Device> parseDevice(const std::string& device);
Expected<at::ScalarType> parseDtype(const std::string& dtype);

// Converts a LibTorch / standard exception into an Error; "out of memory" becomes OutOfMemory
// with "out of GPU memory at <stage>; try fewer frames or CPU".
Error errorFromException(const std::exception& e, const std::string& stage, bool onCuda);

}  // namespace stts::detail
