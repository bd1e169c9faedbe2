// Model::load: validate the folder with the checkpoint library, then copy every tensor from the
// read-only mapping into LibTorch tensors on the device, in the run dtype.
#include <torch/torch.h>

#include <cstring>
#include <new>
#include <stdexcept>

#include "stts/checkpoint/model_folder.h"
#include "stts/checkpoint/tensor_names.h"
#include "stts/model/model_impl.h"
#include "stts/model/threads.h"

namespace stts {
namespace detail {
namespace names = ckpt::names;

std::optional<at::ScalarType> torchFloatType(ckpt::DType dtype) {
  switch (dtype) {
    case ckpt::DType::F32:
      return at::kFloat;
    case ckpt::DType::BF16:
      return at::kBFloat16;
    case ckpt::DType::F16:
      return at::kHalf;
    case ckpt::DType::F64:
      return at::kDouble;
    default:
      return std::nullopt;
  }
}

static bool endsWith(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

static std::string firstLine(const std::string& s) {
  return s.substr(0, s.find('\n'));
}

at::Tensor ModelImpl::weight(const std::string& name) const {
  auto it = weights.find(name);
  return it == weights.end() ? at::Tensor() : it->second;
}

bool keepsFloat32(const std::string& name) {
  return endsWith(name, "norm.weight") || endsWith(name, "norm.bias") ||
         name.find("ln_f.") != std::string::npos;
}

Expected<at::Device> parseDevice(const std::string& device) {
  if (device == "cpu") return at::Device(at::kCPU);
  int index = 0;
  if (device == "cuda") {
    index = 0;
  } else if (device.rfind("cuda:", 0) == 0 && device.size() > 5 && device.size() < 9 &&
             device.find_first_not_of("0123456789", 5) == std::string::npos) {
    index = std::stoi(device.substr(5));
  } else {
    return makeError(ErrorCode::InvalidArgument,
                     "unknown device \"" + device + "\"; use cpu, cuda or cuda:N");
  }
  if (!torch::cuda::is_available()) {
    return makeError(ErrorCode::Unsupported,
                     "device " + device +
                         " was requested but CUDA is not available (no GPU, no driver, or a "
                         "CPU-only LibTorch); use --device cpu");
  }
  const auto count = static_cast<int>(torch::cuda::device_count());
  if (index >= count) {
    return makeError(ErrorCode::InvalidArgument, "device " + device + " does not exist (" +
                                                     std::to_string(count) + " CUDA device(s))");
  }
  return at::Device(at::kCUDA, static_cast<at::DeviceIndex>(index));
}

Expected<at::ScalarType> parseDtype(const std::string& dtype) {
  if (dtype == "float32" || dtype == "fp32") return at::kFloat;
  if (dtype == "bfloat16" || dtype == "bf16") return at::kBFloat16;
  return makeError(ErrorCode::InvalidArgument,
                   "unknown dtype \"" + dtype + "\"; use auto, float32 or bfloat16");
}

Error errorFromException(const std::exception& e, const std::string& stage, bool onCuda) {
  std::string what = e.what();
  if (const auto* ce = dynamic_cast<const c10::Error*>(&e)) what = ce->what_without_backtrace();
  if (dynamic_cast<const std::bad_alloc*>(&e) != nullptr ||
      what.find("out of memory") != std::string::npos ||
      what.find("Out of memory") != std::string::npos ||
      what.find("DefaultCPUAllocator: can't allocate") != std::string::npos) {
    return makeError(ErrorCode::OutOfMemory,
                     onCuda ? "out of GPU memory at " + stage + "; try fewer frames or CPU"
                            : "out of memory at " + stage + "; try fewer frames");
  }
  return makeError(ErrorCode::Internal, stage + " failed: " + firstLine(what));
}

std::shared_ptr<ModelImpl> buildModelImpl(const Molmo2Config& config, bool withScorer,
                                          std::map<std::string, at::Tensor> weights,
                                          at::Device device, at::ScalarType dtype) {
  auto impl = std::make_shared<ModelImpl>();
  impl->device = device;
  impl->dtype = dtype;
  impl->weights = std::move(weights);
  auto need = [&](const std::string& name) {
    at::Tensor t = impl->weight(name);
    if (!t.defined()) throw std::runtime_error("tensor " + name + " is missing");
    return t;
  };
  auto attn = [&](auto nameOf) {
    model::AttentionWeights a;
    a.wq = need(nameOf("wq.weight"));
    a.bq = need(nameOf("wq.bias"));
    a.wk = need(nameOf("wk.weight"));
    a.bk = need(nameOf("wk.bias"));
    a.wv = need(nameOf("wv.weight"));
    a.bv = need(nameOf("wv.bias"));
    a.wo = need(nameOf("wo.weight"));
    a.bo = need(nameOf("wo.bias"));
    return a;
  };

  auto& v = impl->vit;
  v.heads = config.vit.numAttentionHeads;
  v.headDim = config.vit.headDim;
  v.eps = config.vit.layerNormEps;
  v.patchW = need(names::vit("patch_embedding.weight"));
  v.patchB = need(names::vit("patch_embedding.bias"));
  v.pos = need(names::vit("positional_embedding"));
  for (int64_t j = 0; j < config.vitBlocksUsed(); ++j) {
    auto n = [&](std::string_view leaf) { return names::vitBlock(j, leaf); };
    model::VitBlockWeights b;
    b.ln1w = need(n("attention_norm.weight"));
    b.ln1b = need(n("attention_norm.bias"));
    b.attn = attn([&](const char* leaf) { return n(std::string("attention.") + leaf); });
    b.ln2w = need(n("ffn_norm.weight"));
    b.ln2b = need(n("ffn_norm.bias"));
    b.w1 = need(n("feed_forward.w1.weight"));
    b.b1 = need(n("feed_forward.w1.bias"));
    b.w2 = need(n("feed_forward.w2.weight"));
    b.b2 = need(n("feed_forward.w2.bias"));
    v.blocks.push_back(std::move(b));
  }

  auto& c = impl->connector;
  c.heads = config.adapter.numAttentionHeads;
  c.headDim = config.adapter.headDim;
  c.maskedMean = config.adapter.poolingAttentionMask;
  c.pool = attn([](const char* leaf) { return names::pooling(leaf); });
  c.w1 = need(names::projector("w1.weight"));
  c.w3 = need(names::projector("w3.weight"));
  c.w2 = need(names::projector("w2.weight"));

  if (withScorer) {
    model::ScorerWeights s;
    s.heads = config.vit.numAttentionHeads;
    s.headDim = config.vit.headDim;
    s.pool = attn(
        [](const char* leaf) { return names::scorer(std::string("patch_token_pooler.") + leaf); });
    s.w1 = need(names::scorer("mlp.w1.weight"));
    s.b1 = need(names::scorer("mlp.w1.bias"));
    s.w2 = need(names::scorer("mlp.w2.weight"));
    s.b2 = need(names::scorer("mlp.w2.bias"));
    s.w3 = need(names::scorer("mlp.w3.weight"));
    s.b3 = need(names::scorer("mlp.w3.bias"));
    impl->scorer = std::move(s);
  }

  auto& info = impl->info;
  info.config = config;
  info.hasScorer = withScorer;
  info.device = device.str();
  info.dtype = dtype == at::kBFloat16 ? "bfloat16" : "float32";
  for (const auto& [name, t] : impl->weights) {
    info.parameterCount += t.numel();
    info.weightBytes += t.numel() * static_cast<int64_t>(t.element_size());
  }
  return impl;
}

Model wrapModel(std::shared_ptr<ModelImpl> impl) {
  return Model(std::move(impl));
}

}  // namespace detail

Model::Model(std::shared_ptr<detail::ModelImpl> impl) : impl_(std::move(impl)) {}
Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;
Model::~Model() = default;

const ModelInfo& Model::info() const {
  return impl_->info;
}

Expected<Model> Model::load(const std::string& dir, const DeviceSpec& spec) {
  auto device = detail::parseDevice(spec.device);
  if (!device) return device.error();
  auto dtype = spec.dtype == "auto"
                   ? Expected<at::ScalarType>(device->is_cuda() ? at::kBFloat16 : at::kFloat)
                   : detail::parseDtype(spec.dtype);
  if (!dtype) return dtype.error();
  const bool onCuda = device->is_cuda();
  std::string stage = "reading " + dir;
  try {
    model::configureThreads(spec.cpuThreads);
    // Everything (config, shard headers, index, every name/shape/dtype) is checked here,
    // before a single tensor is allocated.
    auto ckptOr = ckpt::ModelCheckpoint::open(dir);
    if (!ckptOr) return ckptOr.error();
    const ckpt::ModelCheckpoint& ck = *ckptOr;
    const auto& cfg = ck.info().config;
    if (cfg.vit.numKeyValueHeads != cfg.vit.numAttentionHeads ||
        cfg.adapter.numKeyValueHeads != cfg.adapter.numAttentionHeads) {
      return makeError(ErrorCode::Unsupported,
                       dir +
                           "/config.json: grouped-query attention in the ViT or the pooling "
                           "is not supported (num_key_value_heads must equal "
                           "num_attention_heads)");
    }
    const bool withScorer = ck.info().hasSttsScorer;

    std::map<std::string, at::Tensor> weights;
    for (const auto& e : ckpt::expectedTensors(cfg, withScorer)) {
      if (e.group == ckpt::TensorGroup::Llm && !spec.loadLanguageModel) continue;
      const ckpt::TensorView* view = ck.tensor(e.name);
      if (view == nullptr) continue;  // optional (validated by open)
      stage = "loading " + e.name;
      if (auto fin = ck.checkFinite(e.name); !fin) return fin.error();
      // The tensor table only admits float weights (isAllowedWeightDType).
      const auto stored = detail::torchFloatType(view->dtype);
      if (!stored)
        return makeError(ErrorCode::Internal, "unexpected weight dtype " +
                                                  std::string(ckpt::dtypeName(view->dtype)) +
                                                  " for " + e.name);
      at::Tensor host = at::empty(view->shape, at::TensorOptions().dtype(*stored));
      // The mapping is not aligned for the element type: copy bytes, never reinterpret.
      if (!view->data.empty()) std::memcpy(host.data_ptr(), view->data.data(), view->data.size());
      ck.releasePages(e.name);
      const at::ScalarType target = detail::keepsFloat32(e.name) ? at::kFloat : *dtype;
      weights.emplace(e.name, host.to(*device, target));
    }
    stage = "building the model";
    auto impl = detail::buildModelImpl(cfg, withScorer, std::move(weights), *device, *dtype);
    impl->info.dir = dir;
    impl->info.languageModelLoaded = spec.loadLanguageModel;
    return detail::wrapModel(std::move(impl));
  } catch (const std::exception& e) {
    return detail::errorFromException(e, stage, onCuda);
  }
}

}  // namespace stts
