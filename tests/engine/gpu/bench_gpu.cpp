// The GPU benchmark of scripts/gpu_check.sh: whole runs (ViT with pruning, connector, LLM prefill,
// greedy decoding) at Molmo2-4B shapes with random weights made on the device, for frames x
// methods x keep ratios. Stage times are CUDA events read after each run (the engine's clock);
// every configuration is warmed up, then each stage's median over the repeats is reported.
//
//   bench_gpu [--shapes real|tiny] [--device cuda] [--dtype bfloat16] [--frames 16,64,128]
//             [--keeps 1.0,0.5,0.3] [--methods none,stts,evs] [--warmup 1] [--repeat 3]
//             [--new-tokens 16] [--peak-frames 384] [--json FILE]
//
// Prints one table row per run: stage ms (vit_pre, vit_post, connector, prefill, decode per
// token), vision tokens reaching the LLM, the prefill and time-to-first-token speedups over the
// unpruned run of the same frames, vit_post against the ideal token ratio, and peak GPU memory.
// --shapes tiny runs the same code on the tiny model (the CPU test of this benchmark).
#include <stdlib.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "stts/checkpoint/tensor_names.h"
#include "stts/generate.h"
#include "stts/model/device_metrics.h"
#include "stts/model/model_impl.h"
#include "stts/tiny_model.h"

namespace {

struct Args {
  std::string shapes = "real";
  std::string device = "cuda";
  std::string dtype = "bfloat16";
  std::vector<int> frames = {16, 64, 128};
  std::vector<double> keeps = {1.0, 0.5, 0.3};
  std::vector<std::string> methods = {"none", "stts", "evs"};
  int warmup = 1;
  int repeat = 3;
  int newTokens = 16;
  int peakFrames = 384;
  std::string json;
};

template <typename T>
std::vector<T> splitList(const std::string& s) {
  std::vector<T> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) {
    std::stringstream v(item);
    T x{};
    v >> x;
    out.push_back(x);
  }
  return out;
}

// The tiny model's config (for its token ids, which match the tokenizer it ships) with the
// Molmo2-4B widths and depths of docs/molmo2-spec.md §1.
std::string realConfigFrom(const std::string& tinyDir) {
  std::ifstream in(tinyDir + "/config.json");
  nlohmann::json c = nlohmann::json::parse(in);
  auto& v = c["vit_config"];
  v["hidden_size"] = 1152;
  v["intermediate_size"] = 4304;
  v["num_hidden_layers"] = 27;
  v["num_attention_heads"] = 16;
  v["num_key_value_heads"] = 16;
  v["head_dim"] = 72;
  auto& a = c["adapter_config"];
  a["vit_layers"] = nlohmann::json::array({-3, -9});
  a["hidden_size"] = 1152;
  a["num_attention_heads"] = 16;
  a["num_key_value_heads"] = 16;
  a["head_dim"] = 72;
  a["intermediate_size"] = 9728;
  a["text_hidden_size"] = 2560;
  auto& t = c["text_config"];
  t["hidden_size"] = 2560;
  t["num_hidden_layers"] = 36;
  t["num_attention_heads"] = 32;
  t["num_key_value_heads"] = 8;
  t["head_dim"] = 128;
  t["intermediate_size"] = 9728;
  t["rope_theta"] = 5000000.0;
  return c.dump();
}

// Random weights made directly on the device (no host copy of 4.8 B parameters).
stts::Expected<stts::Model> realShapesModel(const Args& a, const std::string& tinyDir) {
  auto cfg = stts::parseMolmo2Config(realConfigFrom(tinyDir));
  if (!cfg) return cfg.error();
  auto dev = stts::detail::parseDevice(a.device);
  if (!dev) return dev.error();
  auto dt = stts::detail::parseDtype(a.dtype);
  if (!dt) return dt.error();
  torch::NoGradGuard noGrad;
  at::manual_seed(1);
  std::map<std::string, at::Tensor> w;
  for (const auto& e : stts::ckpt::expectedTensors(*cfg, true)) {
    const bool norm = stts::detail::keepsFloat32(e.name);
    const auto opts = at::TensorOptions().device(*dev).dtype(norm ? at::kFloat : *dt);
    at::Tensor t;
    if (norm && e.name.find("weight") != std::string::npos)
      t = at::ones(e.shape, opts);
    else if (e.shape.size() == 1)
      t = at::randn(e.shape, opts) * 0.02;
    else
      t = at::randn(e.shape, opts) / std::sqrt(static_cast<double>(e.shape.back()));
    w.emplace(e.name, t);
  }
  auto impl = stts::detail::buildModelImpl(*cfg, true, std::move(w), *dev, *dt);
  impl->info.dir = tinyDir;  // the tokenizer
  impl->info.languageModelLoaded = true;
  return stts::detail::wrapModel(std::move(impl));
}

// A textured background, a moving square and a cut halfway, as sampled frames.
std::vector<stts::SampledFrame> frames(int t, int size) {
  at::manual_seed(3);
  const at::Tensor a = at::randint(30, 220, {size, size, 3}, at::kByte);
  const at::Tensor b = at::randint(0, 255, {size, size, 3}, at::kByte);
  std::vector<stts::SampledFrame> out;
  for (int i = 0; i < t; ++i) {
    at::Tensor f = (i < t / 2 ? a : b).clone();
    f.narrow(0, size / 3, size / 6).narrow(1, (i * 7) % (size - size / 6), size / 6).fill_(255);
    auto image = std::make_shared<stts::RgbImage>();
    image->width = image->height = size;
    image->pixels.assign(f.data_ptr<uint8_t>(), f.data_ptr<uint8_t>() + f.numel());
    stts::SampledFrame s;
    s.point.requestedTime = 0.5 * i;
    s.point.frameNumber = i;
    s.image = image;
    out.push_back(s);
  }
  return out;
}

struct Row {
  int frames = 0;
  std::string method;
  double keep = 1.0;
  std::map<std::string, double> ms;  // median per stage
  int64_t visionTokens = 0, promptTokens = 0, postTokens = 0, generated = 0;
  double peakGpuMiB = 0;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

const std::vector<std::string> kVisionStages = {"preprocess", "vit_pre",  "select",   "vit_bias",
                                                "pack",       "vit_post", "connector"};

stts::Expected<Row> measure(stts::Model& model, const Args& a, int t, const std::string& method,
                            double keep, int repeat) {
  const auto input = frames(t, static_cast<int>(model.info().config.vit.imageHeight));
  stts::RunRequest r;
  r.method = method;
  r.keepRatio = keep;
  r.question = "What happens in this video?";
  r.maxNewTokens = a.newTokens;
  r.device = model.info().device;
  r.dtype = model.info().dtype;
  std::map<std::string, std::vector<double>> samples;
  Row row;
  row.frames = t;
  row.method = method;
  row.keep = keep;
  stts::NullProgress progress;
  stts::CancelToken cancel;
  for (int i = 0; i < a.warmup + repeat; ++i) {
    auto out = stts::runFull(model, r, input, progress, cancel);
    if (!out) return out.error();
    if (i < a.warmup) continue;
    for (const auto& s : out->timings) {
      samples[s.name].push_back(s.milliseconds);
      if (s.name == "vit_post") row.postTokens = s.tokens;
      if (s.name == "decode_tokens") row.generated = s.tokens;
    }
    row.visionTokens = out->visionTokensAfter;
    row.promptTokens = out->promptTokens;
    row.peakGpuMiB = std::max(row.peakGpuMiB, out->peakDeviceMemoryBytes / 1048576.0);
  }
  for (auto& [name, v] : samples) row.ms[name] = median(v);
  return row;
}

double stageMs(const Row& r, const std::string& stage) {
  auto it = r.ms.find(stage);
  return it == r.ms.end() ? 0.0 : it->second;
}

// Time to first token without decoding: every vision stage plus the prefill.
double toFirstToken(const Row& r) {
  double ms = stageMs(r, "prefill");
  for (const auto& s : kVisionStages) ms += stageMs(r, s);
  return ms;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string s = argv[i];
    const std::string v = i + 1 < argc ? argv[i + 1] : "";
    bool used = true;
    if (s == "--shapes")
      a.shapes = v;
    else if (s == "--device")
      a.device = v;
    else if (s == "--dtype")
      a.dtype = v;
    else if (s == "--frames")
      a.frames = splitList<int>(v);
    else if (s == "--keeps")
      a.keeps = splitList<double>(v);
    else if (s == "--methods")
      a.methods = splitList<std::string>(v);
    else if (s == "--warmup")
      a.warmup = std::stoi(v);
    else if (s == "--repeat")
      a.repeat = std::stoi(v);
    else if (s == "--new-tokens")
      a.newTokens = std::stoi(v);
    else if (s == "--peak-frames")
      a.peakFrames = std::stoi(v);
    else if (s == "--json")
      a.json = v;
    else
      used = false;
    if (!used || v.empty() || (a.shapes != "real" && a.shapes != "tiny") || a.repeat < 1 ||
        a.warmup < 0) {
      std::fprintf(stderr,
                   "usage: bench_gpu [--shapes real|tiny] [--device D] [--dtype T] [--frames "
                   "16,64,128] [--keeps 1.0,0.5,0.3] [--methods none,stts,evs] [--warmup W] "
                   "[--repeat R] [--new-tokens N] [--peak-frames F] [--json FILE]\n");
      return 2;
    }
    ++i;
  }

  char pattern[] = "/tmp/bench_gpu_XXXXXX";
  const std::string tmp = mkdtemp(pattern);
  auto written = stts::writeTinyModel(tmp + "/tiny", 3);
  if (!written) {
    std::fprintf(stderr, "cannot write the tiny model: %s\n", written.error().message.c_str());
    return 1;
  }
  stts::Expected<stts::Model> model = stts::makeError(stts::ErrorCode::Internal, "not loaded");
  if (a.shapes == "real") {
    model = realShapesModel(a, tmp + "/tiny");
  } else {
    stts::DeviceSpec spec;
    spec.device = a.device;
    spec.dtype = a.dtype;
    model = stts::Model::load(tmp + "/tiny", spec);
  }
  if (!model) {
    std::fprintf(stderr, "model: %s\n", model.error().message.c_str());
    return 1;
  }
  std::printf("bench_gpu: %s shapes, %s %s, LibTorch %s, warm-up %d, median of %d, %d new tokens\n",
              a.shapes.c_str(), model->info().device.c_str(), model->info().dtype.c_str(),
              TORCH_VERSION, a.warmup, a.repeat, a.newTokens);

  std::vector<Row> rows;
  for (int t : a.frames) {
    // The unpruned run of these frames first: every speedup is against it.
    std::vector<std::pair<std::string, double>> runs = {{"none", 1.0}};
    for (const auto& m : a.methods)
      if (m != "none")
        for (double k : a.keeps) runs.push_back({m, k});
    for (const auto& [method, keep] : runs) {
      auto row = measure(*model, a, t, method, keep, a.repeat);
      if (!row) {
        std::fprintf(stderr, "%d frames, %s keep %.2f: %s\n", t, method.c_str(), keep,
                     row.error().message.c_str());
        return 1;
      }
      rows.push_back(*row);
    }
  }
  // Peak memory at the longest videos Molmo2 samples (one run, STTS keep 0.5).
  std::optional<Row> peak;
  if (a.peakFrames > 0) {
    auto row = measure(*model, a, a.peakFrames, "stts", 0.5, 1);
    if (!row) {
      std::fprintf(stderr, "%d frames: %s\n", a.peakFrames, row.error().message.c_str());
      return 1;
    }
    peak = *row;
  }

  std::printf("\n%6s %-5s %5s %7s %7s %9s %9s %9s %9s %9s %8s %8s %8s %8s %9s\n", "frames",
              "method", "keep", "vis_tok", "prompt", "vit_pre", "vit_post", "connector", "prefill",
              "ms/token", "prefill×", "ttft×", "post/full", "ideal", "peak_MiB");
  nlohmann::ordered_json out;
  out["shapes"] = a.shapes == "real" ? "molmo2-4b (random weights)" : "tiny";
  out["device"] = model->info().device;
  out["dtype"] = model->info().dtype;
  out["libtorch"] = TORCH_VERSION;
  out["clock"] = model->info().device == "cpu" ? "steady_clock" : "cuda_events";
  out["warmup"] = a.warmup;
  out["repeats"] = a.repeat;
  out["statistic"] = "median";
  out["new_tokens"] = a.newTokens;
  out["runs"] = nlohmann::json::array();
  for (const Row& r : rows) {
    const Row* base = nullptr;
    for (const Row& b : rows)
      if (b.frames == r.frames && b.method == "none") base = &b;
    const double prefillX = stageMs(*base, "prefill") / std::max(stageMs(r, "prefill"), 1e-9);
    const double ttftX = toFirstToken(*base) / std::max(toFirstToken(r), 1e-9);
    const double postRel = stageMs(r, "vit_post") / std::max(stageMs(*base, "vit_post"), 1e-9);
    const double ideal = static_cast<double>(r.postTokens) / std::max<int64_t>(base->postTokens, 1);
    const double perToken = stageMs(r, "decode_tokens") / std::max<int64_t>(r.generated, 1);
    std::printf(
        "%6d %-5s %5.2f %7lld %7lld %9.1f %9.1f %9.1f %9.1f %9.2f %8.2f %8.2f %8.3f %8.3f "
        "%9.0f\n",
        r.frames, r.method.c_str(), r.keep, static_cast<long long>(r.visionTokens),
        static_cast<long long>(r.promptTokens), stageMs(r, "vit_pre"), stageMs(r, "vit_post"),
        stageMs(r, "connector"), stageMs(r, "prefill"), perToken, prefillX, ttftX, postRel, ideal,
        r.peakGpuMiB);
    nlohmann::ordered_json j;
    j["frames"] = r.frames;
    j["method"] = r.method;
    j["keep"] = r.keep;
    j["vision_tokens"] = r.visionTokens;
    j["prompt_tokens"] = r.promptTokens;
    j["vit_post_tokens"] = r.postTokens;
    j["generated_tokens"] = r.generated;
    for (const auto& [stage, ms] : r.ms) j["ms"][stage] = ms;
    j["decode_ms_per_token"] = perToken;
    j["prefill_speedup_vs_unpruned"] = prefillX;
    j["time_to_first_token_speedup_vs_unpruned"] = ttftX;
    j["vit_post_vs_unpruned"] = postRel;
    j["ideal_token_ratio"] = ideal;
    j["peak_gpu_mib"] = r.peakGpuMiB;
    out["runs"].push_back(j);
  }
  if (peak) {
    std::printf("\npeak GPU memory, %d frames, stts keep 0.5: %.0f MiB\n", peak->frames,
                peak->peakGpuMiB);
    out["peak"] = {{"frames", peak->frames},
                   {"method", "stts"},
                   {"keep", 0.5},
                   {"peak_gpu_mib", peak->peakGpuMiB}};
  }
  if (!a.json.empty()) std::ofstream(a.json) << out.dump(2) << "\n";
  std::filesystem::remove_all(tmp);
  return 0;
}
