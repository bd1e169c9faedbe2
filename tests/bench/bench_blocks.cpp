// The engine's ViT block stack and LLM prefill on the CPU, timed the way
// tests/bench/eager_blocks.py times the same computation in plain PyTorch eager, on the same
// weights: that script runs this binary first and prints both times and their ratio
// (tests/bench/README.md).
//
//   bench_blocks --weights DIR [--shapes tiny|real] [--frames T] [--vit-blocks N]
//                [--llm-layers M] [--prefill L1,L2,..] [--threads N] [--warmup W] [--repeat R]
//                [--json FILE]
//
// DIR/blocks.safetensors holds the ViT blocks and LLM layers under the checkpoint's own names and
// DIR/blocks.json their shapes; both are written (seeded random weights) when DIR has none. Inputs
// are a closed formula (sin of the flat index) that both languages compute bit for bit, and the
// first output's checksum is reported, so the two implementations are seen to agree.
#include <ATen/Parallel.h>
#include <sys/resource.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "stts/checkpoint/safetensors.h"
#include "stts/checkpoint/tensor_names.h"
#include "stts/llm/qwen3.h"
#include "stts/model/ops.h"
#include "stts/model/threads.h"
#include "stts/model/vit.h"

namespace fs = std::filesystem;
namespace names = stts::ckpt::names;
using nlohmann::json;

namespace {

struct Shapes {
  int64_t vitWidth, vitHeads, vitHeadDim, vitMlp, tokensPerFrame;
  int64_t llmWidth, llmHeads, llmKvHeads, llmHeadDim, llmMlp;
};
const Shapes kTiny = {64, 4, 16, 128, 729, 64, 4, 2, 16, 128};
const Shapes kReal = {1152, 16, 72, 4304, 729, 2560, 32, 8, 128, 9728};  // Molmo2-4B

struct Args {
  std::string weights, shapes = "tiny", json;
  int64_t frames = 0, vitBlocks = 0, llmLayers = 0;
  std::vector<int64_t> prefill;
  int threads = 0, warmup = 1, repeat = 3;
};

// sin(step * i) over the flat index, in fp64 then rounded: the same values in C++ and Python.
at::Tensor formulaInput(const std::vector<int64_t>& shape, double step) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return at::sin(at::arange(n, at::kDouble) * step).to(at::kFloat).view(shape);
}

double peakMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// Every tensor of the stack, name -> shape (checkpoint names, so a real folder's first blocks fit).
std::map<std::string, std::vector<int64_t>> tensorShapes(const json& cfg) {
  std::map<std::string, std::vector<int64_t>> s;
  const int64_t w = cfg["vit_width"], m = cfg["vit_mlp"];
  for (int64_t j = 0; j < cfg["vit_blocks"].get<int64_t>(); ++j) {
    auto n = [&](const std::string& leaf) { return names::vitBlock(j, leaf); };
    for (const char* p : {"attention_norm", "ffn_norm"}) {
      s[n(std::string(p) + ".weight")] = {w};
      s[n(std::string(p) + ".bias")] = {w};
    }
    for (const char* p : {"wq", "wk", "wv", "wo"}) {
      s[n(std::string("attention.") + p + ".weight")] = {w, w};
      s[n(std::string("attention.") + p + ".bias")] = {w};
    }
    s[n("feed_forward.w1.weight")] = {m, w};
    s[n("feed_forward.w1.bias")] = {m};
    s[n("feed_forward.w2.weight")] = {w, m};
    s[n("feed_forward.w2.bias")] = {w};
  }
  const int64_t d = cfg["llm_width"], h = cfg["llm_heads"], g = cfg["llm_kv_heads"],
                hd = cfg["llm_head_dim"], f = cfg["llm_mlp"];
  for (int64_t i = 0; i < cfg["llm_layers"].get<int64_t>(); ++i) {
    auto n = [&](const std::string& leaf) { return names::llmBlock(i, leaf); };
    s[n("attn_norm.weight")] = {d};
    s[n("self_attn.att_proj.weight")] = {(h + 2 * g) * hd, d};
    s[n("self_attn.q_norm.weight")] = {hd};
    s[n("self_attn.k_norm.weight")] = {hd};
    s[n("self_attn.attn_out.weight")] = {d, h * hd};
    s[n("ff_norm.weight")] = {d};
    s[n("mlp.ff_proj.weight")] = {2 * f, d};
    s[n("mlp.ff_out.weight")] = {d, f};
  }
  return s;
}

std::string writeWeights(const fs::path& dir, const json& cfg) {
  fs::create_directories(dir);
  at::manual_seed(11);
  std::vector<at::Tensor> keep;
  std::vector<stts::ckpt::TensorToWrite> out;
  for (const auto& [name, shape] : tensorShapes(cfg)) {
    const bool norm = name.find("norm.") != std::string::npos;
    at::Tensor t = shape.size() == 1 ? (norm && name.find("weight") != std::string::npos
                                            ? at::ones(shape)
                                            : 0.02 * at::randn(shape))
                                     : at::randn(shape) / std::sqrt(static_cast<double>(shape[1]));
    t = t.contiguous();
    keep.push_back(t);
    out.push_back({name,
                   stts::ckpt::DType::F32,
                   shape,
                   {reinterpret_cast<const std::byte*>(t.data_ptr<float>()),
                    static_cast<size_t>(t.numel()) * sizeof(float)}});
  }
  if (auto r = stts::ckpt::writeSafetensors((dir / "blocks.safetensors").string(), out); !r)
    return r.error().message;
  std::ofstream(dir / "blocks.json") << cfg.dump(2) << "\n";
  return {};
}

std::vector<int64_t> parseList(const std::string& s) {
  std::vector<int64_t> v;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');) v.push_back(std::stoll(item));
  return v;
}

template <typename Fn>
json timeRuns(const Args& a, Fn&& run) {
  for (int i = 0; i < a.warmup; ++i) run();
  std::vector<double> ms;
  at::Tensor first;
  for (int i = 0; i < a.repeat; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    at::Tensor y = run();
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    if (!first.defined()) first = y;
  }
  std::vector<double> sorted = ms;
  std::sort(sorted.begin(), sorted.end());
  return {{"median_ms", sorted[sorted.size() / 2]},
          {"runs_ms", ms},
          {"checksum", first.to(at::kDouble).abs().sum().item<double>()}};
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string s = argv[i];
    auto next = [&]() { return i + 1 < argc ? std::string(argv[++i]) : std::string("0"); };
    if (s == "--weights")
      a.weights = next();
    else if (s == "--shapes")
      a.shapes = next();
    else if (s == "--frames")
      a.frames = std::stoll(next());
    else if (s == "--vit-blocks")
      a.vitBlocks = std::stoll(next());
    else if (s == "--llm-layers")
      a.llmLayers = std::stoll(next());
    else if (s == "--prefill")
      a.prefill = parseList(next());
    else if (s == "--threads")
      a.threads = std::stoi(next());
    else if (s == "--warmup")
      a.warmup = std::stoi(next());
    else if (s == "--repeat")
      a.repeat = std::max(1, std::stoi(next()));
    else if (s == "--json")
      a.json = next();
    else {
      std::fprintf(stderr,
                   "usage: bench_blocks --weights DIR [--shapes tiny|real] [--frames T] "
                   "[--vit-blocks N] [--llm-layers M] [--prefill L1,L2] [--threads N] "
                   "[--warmup W] [--repeat R] [--json FILE]\n");
      return 2;
    }
  }
  if (a.weights.empty() || (a.shapes != "tiny" && a.shapes != "real")) {
    std::fprintf(stderr, "bench_blocks: --weights DIR is required; --shapes is tiny or real\n");
    return 2;
  }
  const fs::path dir(a.weights);
  json cfg;
  if (fs::exists(dir / "blocks.json")) {
    std::ifstream(dir / "blocks.json") >> cfg;  // the folder's shapes win over --shapes
    a.shapes = cfg.value("shapes", a.shapes);
  }
  const bool real = a.shapes == "real";
  const Shapes& sh = real ? kReal : kTiny;
  if (a.frames == 0) a.frames = real ? 8 : 16;
  if (a.vitBlocks == 0) a.vitBlocks = real ? 2 : 4;
  if (a.llmLayers == 0) a.llmLayers = real ? 1 : 2;
  if (a.prefill.empty())
    a.prefill =
        real ? std::vector<int64_t>{512, 1024, 2048} : std::vector<int64_t>{768, 1536, 3072};
  stts::model::configureThreads(a.threads);
  torch::NoGradGuard noGrad;

  if (cfg.is_null()) {
    cfg = {{"shapes", a.shapes},
           {"vit_blocks", a.vitBlocks},
           {"vit_width", sh.vitWidth},
           {"vit_heads", sh.vitHeads},
           {"vit_head_dim", sh.vitHeadDim},
           {"vit_mlp", sh.vitMlp},
           {"vit_eps", 1e-6},
           {"tokens_per_frame", sh.tokensPerFrame},
           {"llm_layers", a.llmLayers},
           {"llm_width", sh.llmWidth},
           {"llm_heads", sh.llmHeads},
           {"llm_kv_heads", sh.llmKvHeads},
           {"llm_head_dim", sh.llmHeadDim},
           {"llm_mlp", sh.llmMlp},
           {"llm_eps", 1e-6},
           {"rope_theta", 1000000.0}};
    if (auto e = writeWeights(dir, cfg); !e.empty()) {
      std::fprintf(stderr, "bench_blocks: cannot write the weights: %s\n", e.c_str());
      return 1;
    }
  }
  auto file = stts::ckpt::SafetensorsFile::open((dir / "blocks.safetensors").string());
  if (!file) {
    std::fprintf(stderr, "bench_blocks: %s\n", file.error().message.c_str());
    return 1;
  }
  std::map<std::string, at::Tensor> w;
  for (const auto& t : file->tensors()) {
    at::Tensor x = at::empty(t.shape, at::kFloat);
    std::memcpy(x.data_ptr<float>(), t.data.data(), t.data.size());
    w.emplace(t.name, x);
  }

  stts::model::VitWeights vit;
  vit.heads = cfg["vit_heads"];
  vit.headDim = cfg["vit_head_dim"];
  vit.eps = cfg["vit_eps"];
  for (int64_t j = 0; j < cfg["vit_blocks"].get<int64_t>(); ++j) {
    auto n = [&](const std::string& leaf) { return w.at(names::vitBlock(j, leaf)); };
    stts::model::VitBlockWeights b;
    b.ln1w = n("attention_norm.weight");
    b.ln1b = n("attention_norm.bias");
    b.attn = {n("attention.wq.weight"), n("attention.wq.bias"),   n("attention.wk.weight"),
              n("attention.wk.bias"),   n("attention.wv.weight"), n("attention.wv.bias"),
              n("attention.wo.weight"), n("attention.wo.bias")};
    b.ln2w = n("ffn_norm.weight");
    b.ln2b = n("ffn_norm.bias");
    b.w1 = n("feed_forward.w1.weight");
    b.b1 = n("feed_forward.w1.bias");
    b.w2 = n("feed_forward.w2.weight");
    b.b2 = n("feed_forward.w2.bias");
    vit.blocks.push_back(b);
  }
  stts::llm::LlmWeights llm;
  llm.config.hiddenSize = cfg["llm_width"];
  llm.config.numAttentionHeads = cfg["llm_heads"];
  llm.config.numKeyValueHeads = cfg["llm_kv_heads"];
  llm.config.headDim = cfg["llm_head_dim"];
  llm.config.layerNormEps = cfg["llm_eps"];
  llm.config.ropeTheta = cfg["rope_theta"];
  llm.config.useQkNorm = true;
  llm.config.qkNormType = "qwen3";
  for (int64_t i = 0; i < cfg["llm_layers"].get<int64_t>(); ++i) {
    auto n = [&](const std::string& leaf) { return w.at(names::llmBlock(i, leaf)); };
    llm.blocks.push_back({n("attn_norm.weight"), n("self_attn.att_proj.weight"), at::Tensor(),
                          n("self_attn.q_norm.weight"), n("self_attn.k_norm.weight"),
                          n("self_attn.attn_out.weight"), n("ff_norm.weight"),
                          n("mlp.ff_proj.weight"), n("mlp.ff_out.weight")});
  }

  json report = {{"implementation", "stts-engine"},
                 {"libtorch", TORCH_VERSION},
                 {"threads", at::get_num_threads()},
                 {"blas_threading", stts::model::blasThreadingName(stts::model::blasThreading())},
                 {"config", cfg},
                 {"frames", a.frames},
                 {"warmup", a.warmup},
                 {"repeat", a.repeat}};
  const at::Tensor x = formulaInput(
      {a.frames, cfg["tokens_per_frame"].get<int64_t>(), cfg["vit_width"].get<int64_t>()}, 0.37);
  report["vit"] = timeRuns(a, [&] {
    at::Tensor h = x;
    for (size_t b = 0; b < vit.blocks.size(); ++b)
      h = stts::model::vitBlock(vit, static_cast<int64_t>(b), h);
    return h;
  });
  std::printf("vit: %lld blocks x %lld frames x %lld tokens: %.1f ms\n",
              static_cast<long long>(vit.blocks.size()), static_cast<long long>(a.frames),
              static_cast<long long>(x.size(1)), report["vit"]["median_ms"].get<double>());
  // The same stack's matrix products alone (projections, MLP, and attention's q k^T and p v as
  // batched products), at the BLAS's own speed: the floor the blocks are measured against.
  {
    const int64_t rows = x.size(0) * x.size(1), width = x.size(2), mlp = cfg["vit_mlp"];
    const int64_t bh = x.size(0) * vit.heads, n = x.size(1), d = vit.headDim;
    const at::Tensor act = formulaInput({rows, std::max(width, mlp)}, 0.11);
    const at::Tensor q = formulaInput({bh, n, d}, 0.13), s = formulaInput({bh, n, n}, 0.17);
    report["vit_matmuls"] = timeRuns(a, [&] {
      at::Tensor last;
      for (const auto& b : vit.blocks) {
        const at::Tensor aw = act.narrow(1, 0, width);
        for (const at::Tensor* m : {&b.attn.wq, &b.attn.wk, &b.attn.wv, &b.attn.wo})
          last = at::mm(aw, m->t());
        last = at::mm(aw, b.w1.t());
        last = at::mm(act.narrow(1, 0, mlp), b.w2.t());
        last = at::bmm(q, q.transpose(1, 2));
        last = at::bmm(s, q);
      }
      return last;
    });
    const double flops = static_cast<double>(vit.blocks.size()) *
                         (2.0 * rows * width * (4.0 * width + 2.0 * mlp) + 4.0 * bh * n * n * d);
    report["vit_matmul_gflops"] = flops / 1e9;
    report["blas_gflop_per_s"] = flops / 1e6 / report["vit_matmuls"]["median_ms"].get<double>();
    std::printf("vit matrix products alone: %.1f ms (%.1f GFLOP at %.1f GFLOP/s)\n",
                report["vit_matmuls"]["median_ms"].get<double>(), flops / 1e9,
                report["blas_gflop_per_s"].get<double>());
  }
  report["prefill"] = json::array();
  for (int64_t len : a.prefill) {
    const at::Tensor e = formulaInput({1, len, llm.config.hiddenSize}, 0.61);
    const at::Tensor pos = at::arange(len, at::kLong);
    auto [cos, sin] = stts::llm::ropeTables(pos, llm.config.headDim, llm.config.ropeTheta);
    json r = timeRuns(a, [&] {
      // The causal mask as the engine's prefill builds it (no image tokens: plain causal).
      const at::Tensor mask = stts::llm::prefillAllowed(0, len, {}).view({1, 1, len, len});
      stts::llm::KvCache cache;
      at::Tensor h = e;
      for (size_t i = 0; i < llm.blocks.size(); ++i)
        h = stts::llm::block(llm, i, h, cos, sin, mask, cache, nullptr);
      return h;
    });
    r["tokens"] = len;
    std::printf("prefill: %lld layers x %lld tokens: %.1f ms\n",
                static_cast<long long>(llm.blocks.size()), static_cast<long long>(len),
                r["median_ms"].get<double>());
    report["prefill"].push_back(r);
  }
  report["peak_rss_mib"] = peakMiB();
  if (!a.json.empty()) std::ofstream(a.json) << report.dump(2) << "\n";
  return 0;
}
