// Baseline selector timings (prints numbers, asserts nothing).
//
//   bench_selectors [--frames 64,384] [--repeat R] [--e2e-frames N] [--no-e2e]
//
// 1. Each selector alone on random data of realistic width: heuristic / easy on ViT-input
//    patches (729 x 1152 per frame, cell = 9 patches concatenated), EVS / VidCom2 on 2560-d
//    connector output (81 per frame), random on nothing; keep 0.5, equal budget.
// 2. End to end per method at keep 0.5 on the tiny model (`stts make-tiny-model`): vision half
//    plus a 4-token answer, median milliseconds per stage group.
#include <torch/torch.h>

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "stts/llm/generate_internal.h"
#include "stts/methods.h"
#include "stts/pipeline/vision_internal.h"
#include "stts/prune/selectors.h"
#include "stts/tiny_model.h"

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

std::vector<float> randomData(size_t n, uint32_t seed) {
  std::vector<float> v(n);
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal;
  for (auto& x : v) x = normal(rng);
  return v;
}

void benchSelectors(const std::vector<int>& frameCounts, int repeat) {
  std::printf("selector alone (keep 0.5, equal budget), median of %d, ms\n", repeat);
  std::printf("%-10s %8s %12s %10s\n", "method", "T", "features", "ms");
  for (int t : frameCounts) {
    const auto vitInput = randomData(static_cast<size_t>(t) * 729 * 1152, 1);
    const auto connector = randomData(static_cast<size_t>(t) * 81 * 2560, 2);
    std::vector<int32_t> cellRows;
    for (int cy = 0; cy < 9; ++cy)
      for (int cx = 0; cx < 9; ++cx)
        for (int dy = 0; dy < 3; ++dy)
          for (int dx = 0; dx < 3; ++dx) cellRows.push_back((cy * 3 + dy) * 27 + cx * 3 + dx);
    for (const char* method : {"random", "heuristic", "easy", "evs", "vidcom2"}) {
      auto selector = stts::prune::makeSelector(method);
      stts::prune::SelectorInput in;
      in.frames = t;
      in.keepRatio = 0.5;
      in.keepCells =
          stts::prune::keptCellCount(method, stts::prune::BudgetPolicy::Equal, 0.5, t, 0);
      std::string shape = "-";
      if (selector->features() == stts::prune::SelectorFeatures::VitInput) {
        in.features = {vitInput.data(), t, 729, 1152, cellRows, 9};
        shape = "729x1152";
      } else if (selector->features() == stts::prune::SelectorFeatures::ConnectorOutput) {
        in.features = {connector.data(), t, 81, 2560, {}, 1};
        shape = "81x2560";
      }
      std::vector<double> times;
      for (int r = 0; r < repeat; ++r) {
        const auto t0 = Clock::now();
        auto out = selector->select(in);
        times.push_back(msSince(t0));
        if (out.keep.empty()) std::printf("(empty)\n");
      }
      std::printf("%-10s %8d %12s %10.1f\n", method, t, shape.c_str(), median(times));
      std::fflush(stdout);
    }
  }
}

void benchEndToEnd(int frames, int repeat) {
  std::string scratch =
      (std::filesystem::temp_directory_path() / "bench_selectors_XXXXXX").string();
  if (!mkdtemp(scratch.data())) {
    std::printf("end to end skipped: no temporary folder\n");
    return;
  }
  struct Cleanup {
    std::string dir;
    ~Cleanup() { std::filesystem::remove_all(dir); }
  } cleanup{scratch};
  const std::string path = scratch + "/tiny";
  if (auto w = stts::writeTinyModel(path); !w) {
    std::printf("end to end skipped: %s\n", w.error().message.c_str());
    return;
  }
  auto model = stts::Model::load(path);
  if (!model) {
    std::printf("end to end skipped: %s\n", model.error().message.c_str());
    return;
  }
  at::manual_seed(3);
  at::Tensor framesU8 = at::randint(0, 256, {frames, 378, 378, 3}, at::kByte);
  stts::NullProgress progress;
  stts::CancelToken cancel;
  std::printf(
      "\nend to end on the tiny model, T = %d, keep 0.5, 4 answer tokens, median of %d, "
      "ms (tokens)\n",
      frames, repeat);
  std::printf("%-10s %9s %9s %9s %9s %9s %9s %8s %8s\n", "method", "vit", "select", "connector",
              "prefill", "decode", "total", "vit_post", "to LLM");
  for (const auto& info : stts::pruningMethods()) {
    stts::RunRequest req;
    req.method = info.name;
    req.keepRatio = 0.5;
    req.question = "What happens?";
    req.maxNewTokens = 4;
    std::map<std::string, std::vector<double>> stage;
    int64_t postTokens = 0, toLlm = 0;
    bool failed = false;
    for (int r = 0; r < repeat && !failed; ++r) {
      const auto t0 = Clock::now();
      auto v = stts::pipeline::runVisionFrames(*model, req, framesU8, progress, cancel);
      if (!v) {
        std::printf("%-10s %s\n", info.name.c_str(), v.error().message.c_str());
        failed = true;
        break;
      }
      v->result.frameTime.assign(static_cast<size_t>(frames), 0.0);
      auto run = stts::llm::runLanguage(*model, std::move(*v), progress, cancel);
      if (!run) {
        std::printf("%-10s %s\n", info.name.c_str(), run.error().message.c_str());
        failed = true;
        break;
      }
      stage["total"].push_back(msSince(t0));
      std::map<std::string, double> group;
      for (const auto& s : run->timings) {
        if (s.name.rfind("vit", 0) == 0 || s.name == "pack")
          group["vit"] += s.milliseconds;
        else
          group[s.name] += s.milliseconds;
        if (s.name == "vit_post") postTokens = s.tokens;
      }
      for (const char* k : {"vit", "select", "connector", "prefill", "decode_tokens"})
        stage[k].push_back(group[k]);
      toLlm = run->visionTokensAfter;
    }
    if (failed) continue;
    std::printf("%-10s %9.1f %9.2f %9.1f %9.1f %9.1f %9.1f %8lld %8lld\n", info.name.c_str(),
                median(stage["vit"]), median(stage["select"]), median(stage["connector"]),
                median(stage["prefill"]), median(stage["decode_tokens"]), median(stage["total"]),
                static_cast<long long>(postTokens), static_cast<long long>(toLlm));
    std::fflush(stdout);
  }
}

std::vector<int> parseList(const std::string& text) {
  std::vector<int> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) out.push_back(std::stoi(item));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> frames = {64, 384};
  int repeat = 3, e2eFrames = 8;
  bool e2e = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (a == "--frames")
      frames = parseList(next());
    else if (a == "--repeat")
      repeat = std::max(1, std::stoi(next()));
    else if (a == "--e2e-frames")
      e2eFrames = std::max(1, std::stoi(next()));
    else if (a == "--no-e2e")
      e2e = false;
    else {
      std::fprintf(stderr,
                   "usage: bench_selectors [--frames 64,384] [--repeat R] [--e2e-frames N] "
                   "[--no-e2e]\n");
      return 2;
    }
  }
  benchSelectors(frames, repeat);
  if (e2e) benchEndToEnd(e2eFrames, repeat);
  return 0;
}
