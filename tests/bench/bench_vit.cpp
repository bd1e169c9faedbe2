// ViT stage timings with STTS pruning at keep 1.0 / 0.7 / 0.5 / 0.3 (plus method "none").
//
//   bench_vit [--frames N] [--repeat R] [--device cpu|cuda] [--dtype float32|bfloat16]
//             [--real-shapes] [--post auto|varlen|packed|masked] [--threads N] [--json FILE]
//
// Default: the tiny test model (width 32, 8 blocks, 378 px) written to a temporary folder and
// loaded through Model::load. --real-shapes: random weights with the Molmo2-4B vision shapes
// (25 blocks, width 1152, 16 heads, MLP 4304, connector, scorer), no LLM. Prints a table and
// JSON: per stage the median milliseconds, vit_post relative to the unpruned run and the ideal
// ratio (tokens processed after the prune point / unpruned), and the process peak memory.
#include <stdlib.h>
#include <sys/resource.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "stts/checkpoint/tensor_names.h"
#include "stts/model/model_impl.h"
#include "stts/model/threads.h"
#include "stts/pipeline/vision_internal.h"
#include "tiny_model.h"

namespace {

const char* kRealConfig = R"({
  "model_type": "molmo2",
  "image_start_token_id": 151936, "image_end_token_id": 151937, "image_patch_id": 151938,
  "vit_config": {
    "hidden_size": 1152, "intermediate_size": 4304, "num_hidden_layers": 27,
    "num_attention_heads": 16, "num_key_value_heads": 16, "head_dim": 72,
    "image_default_input_size": [378, 378], "image_patch_size": 14, "image_num_pos": 729
  },
  "adapter_config": {
    "vit_layers": [-3, -9], "pooling_attention_mask": true, "hidden_size": 1152,
    "num_attention_heads": 16, "num_key_value_heads": 16, "head_dim": 72,
    "intermediate_size": 9728, "text_hidden_size": 2560
  },
  "text_config": {
    "hidden_size": 2560, "num_hidden_layers": 36, "num_attention_heads": 32,
    "num_key_value_heads": 8, "head_dim": 128, "intermediate_size": 9728,
    "vocab_size": 151936, "additional_vocab_size": 128
  }
})";

struct Args {
  int frames = 0;
  int repeat = 0;
  std::string device = "cpu";
  std::string dtype;
  bool real = false;
  std::string post = "auto";
  std::string json;
  int threads = 0;  // LibTorch intra-op threads (0 = hardware threads)
};

double peakMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// Random weights with the real vision shapes, straight into a Model (no file, no LLM).
stts::Expected<stts::Model> realShapesModel(const Args& a) {
  auto cfg = stts::parseMolmo2Config(kRealConfig);
  if (!cfg) return cfg.error();
  auto dev = stts::detail::parseDevice(a.device);
  if (!dev) return dev.error();
  auto dt = stts::detail::parseDtype(a.dtype);
  if (!dt) return dt.error();
  stts::model::configureThreads(a.threads);
  torch::NoGradGuard noGrad;
  at::manual_seed(1);
  std::map<std::string, at::Tensor> w;
  for (const auto& e : stts::ckpt::expectedTensors(*cfg, true)) {
    if (e.group == stts::ckpt::TensorGroup::Llm) continue;
    at::Tensor t;
    const bool norm = stts::detail::keepsFloat32(e.name);
    if (norm && e.name.find("weight") != std::string::npos) {
      t = at::ones(e.shape);
    } else if (e.shape.size() == 1) {
      t = 0.02 * at::randn(e.shape);
    } else {
      t = at::randn(e.shape) / std::sqrt(static_cast<double>(e.shape[1]));
    }
    w.emplace(e.name, t.to(*dev, norm ? at::kFloat : *dt));
  }
  auto impl = stts::detail::buildModelImpl(*cfg, true, std::move(w), *dev, *dt);
  return stts::detail::wrapModel(std::move(impl));
}

stts::pipeline::PostMode postMode(const std::string& s) {
  if (s == "varlen") return stts::pipeline::PostMode::Varlen;
  if (s == "packed") return stts::pipeline::PostMode::Packed;
  if (s == "masked") return stts::pipeline::PostMode::Masked;
  return stts::pipeline::PostMode::Auto;
}

struct Row {
  std::string label;
  std::map<std::string, double> ms;  // median per stage
  int64_t postTokens = 0;
  int64_t kept = 0, cells = 0;
  double peak = 0;
};

const std::vector<std::string> kStages = {"preprocess", "vit_pre",  "select",   "vit_bias",
                                          "pack",       "vit_post", "connector"};

}  // namespace

int main(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string s = argv[i];
    auto next = [&]() { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (s == "--frames")
      a.frames = std::stoi(next());
    else if (s == "--repeat")
      a.repeat = std::stoi(next());
    else if (s == "--device")
      a.device = next();
    else if (s == "--dtype")
      a.dtype = next();
    else if (s == "--real-shapes")
      a.real = true;
    else if (s == "--post")
      a.post = next();
    else if (s == "--json")
      a.json = next();
    else if (s == "--threads")
      a.threads = std::stoi(next());
    else {
      std::fprintf(
          stderr,
          "usage: bench_vit [--frames N] [--repeat R] [--device D] [--dtype T] "
          "[--real-shapes] [--post auto|varlen|packed|masked] [--threads N] [--json FILE]\n");
      return 2;
    }
  }
  const bool cuda = a.device.rfind("cuda", 0) == 0;
  if (a.dtype.empty()) a.dtype = cuda ? "bfloat16" : "float32";
  if (a.frames == 0) a.frames = a.real ? (cuda ? 64 : 4) : 16;
  if (a.repeat == 0) a.repeat = a.real ? 1 : 5;

  std::string tmp;
  stts::Expected<stts::Model> model = stts::makeError(stts::ErrorCode::Internal, "not loaded");
  if (a.real) {
    model = realShapesModel(a);
  } else {
    char pattern[] = "/tmp/bench_vit_XXXXXX";
    tmp = mkdtemp(pattern);
    if (auto e = tiny::write(tmp); !e.empty()) {
      std::fprintf(stderr, "cannot write the tiny model: %s\n", e.c_str());
      return 1;
    }
    stts::DeviceSpec spec;
    spec.device = a.device;
    spec.dtype = a.dtype;
    spec.cpuThreads = a.threads;
    model = stts::Model::load(tmp, spec);
  }
  if (!model) {
    std::fprintf(stderr, "model: %s\n", model.error().message.c_str());
    return 1;
  }

  at::manual_seed(5);
  // Smooth random video: a base picture plus frame-dependent noise, so scores vary.
  at::Tensor base = at::rand({1, 3, 8, 8}) * 255;
  std::vector<at::Tensor> fr;
  for (int t = 0; t < a.frames; ++t) {
    at::Tensor f = base + at::randn({1, 3, 8, 8}) * 30.0 * (t % 4);
    f = at::upsample_bilinear2d(f, {378, 378}, false).clamp(0, 255).round();
    fr.push_back(f.squeeze(0).permute({1, 2, 0}).to(at::kByte));
  }
  at::Tensor frames = at::stack(fr).contiguous();

  std::printf("bench_vit: %s, %d frames, %s %s, LibTorch %s, %d CPU threads, post=%s, repeat %d\n",
              a.real ? "Molmo2-4B vision shapes (random weights)" : "tiny model", a.frames,
              model->info().device.c_str(), model->info().dtype.c_str(), TORCH_VERSION,
              at::get_num_threads(), a.post.c_str(), a.repeat);

  stts::NullProgress progress;
  stts::CancelToken cancel;
  stts::pipeline::VisionOptions opt;
  opt.post = postMode(a.post);
  opt.keepInputFrames = false;
  std::vector<Row> rows;
  std::vector<std::pair<std::string, double>> runs = {
      {"none", 1.0}, {"stts", 1.0}, {"stts", 0.7}, {"stts", 0.5}, {"stts", 0.3}};
  for (const auto& [method, keep] : runs) {
    stts::RunRequest req;
    req.method = method;
    req.keepRatio = keep;
    std::map<std::string, std::vector<double>> samples;
    Row row;
    row.label = method == "none" ? "none" : "stts keep " + std::to_string(keep).substr(0, 3);
    // One warm-up run (allocator, thread pool), then the timed repeats.
    for (int r = 0; r <= a.repeat; ++r) {
      auto out = stts::pipeline::runVisionFrames(*model, req, frames, progress, cancel, opt);
      if (!out) {
        std::fprintf(stderr, "%s: %s\n", row.label.c_str(), out.error().message.c_str());
        return 1;
      }
      if (r == 0 && a.repeat > 0) continue;
      for (const auto& s : out->result.timings) {
        samples[s.name].push_back(s.milliseconds);
        if (s.name == "vit_post") row.postTokens = s.tokens;
      }
      row.kept = out->result.visionTokensAfter;
      row.cells = out->result.visionTokensBefore;
    }
    for (auto& [name, v] : samples) {
      std::sort(v.begin(), v.end());
      row.ms[name] = v[v.size() / 2];
    }
    row.peak = peakMiB();
    rows.push_back(row);
  }

  const Row& unpruned = rows.front();
  std::printf("\n%-14s", "run");
  for (const auto& s : kStages) std::printf(" %10s", s.c_str());
  std::printf(" %10s %8s %9s %9s %9s %9s\n", "vit_total", "kept", "post_tok", "post/full", "ideal",
              "peak_MiB");
  std::string json = "{\n  \"model\": \"" +
                     std::string(a.real ? "molmo2-4b-vision-random" : "tiny") +
                     "\",\n  \"frames\": " + std::to_string(a.frames) + ",\n  \"device\": \"" +
                     model->info().device + "\",\n  \"dtype\": \"" + model->info().dtype +
                     "\",\n  \"libtorch\": \"" + TORCH_VERSION +
                     "\",\n  \"threads\": " + std::to_string(at::get_num_threads()) +
                     ",\n  \"post\": \"" + a.post + "\",\n  \"runs\": [\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    const double vit = r.ms.at("vit_pre") + r.ms.at("vit_bias") + r.ms.at("vit_post");
    const double rel = r.ms.at("vit_post") / unpruned.ms.at("vit_post");
    const double ideal = static_cast<double>(r.postTokens) / unpruned.postTokens;
    std::printf("%-14s", r.label.c_str());
    for (const auto& s : kStages) std::printf(" %10.1f", r.ms.at(s));
    std::printf(" %10.1f %8lld %9lld %9.3f %9.3f %9.0f\n", vit, static_cast<long long>(r.kept),
                static_cast<long long>(r.postTokens), rel, ideal, r.peak);
    json += "    {\"run\": \"" + r.label + "\"";
    for (const auto& s : kStages) json += ", \"" + s + "_ms\": " + std::to_string(r.ms.at(s));
    json += ", \"kept_cells\": " + std::to_string(r.kept) +
            ", \"cells\": " + std::to_string(r.cells) +
            ", \"vit_post_tokens\": " + std::to_string(r.postTokens) +
            ", \"vit_post_vs_unpruned\": " + std::to_string(rel) +
            ", \"ideal_vs_unpruned\": " + std::to_string(ideal) +
            ", \"process_peak_mib\": " + std::to_string(r.peak) + "}" +
            (i + 1 < rows.size() ? ",\n" : "\n");
  }
  json += "  ]\n}\n";
  std::printf("\n%s", json.c_str());
  if (!a.json.empty()) std::ofstream(a.json) << json;
  if (!tmp.empty()) std::filesystem::remove_all(tmp);
  return 0;
}
