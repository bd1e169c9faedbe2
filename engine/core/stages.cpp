#include "stts/stages.h"

#include <algorithm>
#include <array>
#include <utility>

namespace stts {

std::string_view stageScope(std::string_view stage) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kScopes{{
      {"decode", "demuxing and decoding the sampled video frames to RGB (CPU, FFmpeg)"},
      {"preprocess",
       "resize to the model input, patchify and the host-to-device copy of the patches"},
      {"vit_pre", "patch embedding and ViT blocks 0..prune_at on every patch"},
      {"select", "choosing the kept cells: the STTS scorer and top-k, or the baseline's selection"},
      {"vit_bias", "ViT block prune_at+1 on every patch with the STTS soft bias"},
      {"pack", "building the keep mask and the first-fit-decreasing packing plan"},
      {"vit_post", "the ViT blocks after the prune point, on the kept (packed) tokens only"},
      {"connector", "feature concatenation, 3x3 attention pooling and the projector"},
      {"prefill",
       "embedding the prompt and running every LLM layer over it, up to the first token's "
       "logits"},
      {"decode_tokens", "greedy decoding of the answer with the KV cache, all tokens together"},
  }};
  for (const auto& [name, scope] : kScopes)
    if (name == stage) return scope;
  return {};
}

std::vector<StageTiming> medianTimings(const std::vector<std::vector<StageTiming>>& runs) {
  if (runs.empty()) return {};
  std::vector<StageTiming> out = runs.front();
  for (size_t i = 0; i < out.size(); ++i) {
    // The i-th occurrence of a name: a stage may appear twice (select before and after).
    size_t occurrence = 0;
    for (size_t j = 0; j < i; ++j) occurrence += out[j].name == out[i].name;
    std::vector<double> values;
    for (const auto& run : runs) {
      size_t seen = 0;
      for (const auto& t : run) {
        if (t.name != out[i].name) continue;
        if (seen++ == occurrence) {
          values.push_back(t.milliseconds);
          break;
        }
      }
    }
    std::sort(values.begin(), values.end());
    out[i].milliseconds = values[values.size() / 2];
  }
  return out;
}

}  // namespace stts
