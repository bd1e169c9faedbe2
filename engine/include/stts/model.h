// A loaded Molmo2 model (ViT, connector, optional STTS scorer, LLM weights) on one device.
// LibTorch never appears here: the weights live behind a pimpl (engine/model/internal).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "stts/error.h"
#include "stts/model_config.h"

namespace stts {

struct DeviceSpec {
  std::string device = "cpu";  // "cpu", "cuda", "cuda:N"
  // "auto" (bfloat16 on CUDA, float32 on the CPU), "float32" or "bfloat16". Norms, softmax and
  // the ViT residual stream stay float32 in every case.
  std::string dtype = "auto";
  // LibTorch intra-op threads on the CPU; 0 = every hardware thread. LibTorch's own default
  // can be 1 on some builds, so the loader always sets it explicitly.
  int cpuThreads = 0;
  // Skip the LLM weights (vision-only tools, benchmarks): they are still validated.
  bool loadLanguageModel = true;
};

struct ModelInfo {
  std::string dir;
  Molmo2Config config;
  bool hasScorer = false;
  int64_t parameterCount = 0;  // elements of every tensor loaded
  int64_t weightBytes = 0;     // bytes those tensors occupy on the device
  std::string device;          // resolved, e.g. "cpu" or "cuda:0"
  std::string dtype;           // "float32" or "bfloat16"
  bool languageModelLoaded = false;
};

class Model;
namespace detail {
struct ModelImpl;
Model wrapModel(std::shared_ptr<ModelImpl> impl);
}  // namespace detail

class Model {
 public:
  // Validates config.json and every tensor's name, shape and dtype (checkpoint library) before
  // allocating anything, then copies the weights to the device in the run dtype. Never throws:
  // CUDA unavailable, out of memory and bad data all come back as Error.
  static Expected<Model> load(const std::string& dir, const DeviceSpec& spec = {});

  Model(Model&&) noexcept;
  Model& operator=(Model&&) noexcept;
  ~Model();

  const ModelInfo& info() const;

  // Torch-level state for the pipeline (engine/model/internal/stts/model/model_impl.h).
  detail::ModelImpl& impl() const { return *impl_; }

 private:
  friend Model detail::wrapModel(std::shared_ptr<detail::ModelImpl> impl);
  explicit Model(std::shared_ptr<detail::ModelImpl> impl);
  std::shared_ptr<detail::ModelImpl> impl_;
};

}  // namespace stts
