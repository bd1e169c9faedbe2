#include "stts/llm/fastv.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace stts::llm {

std::vector<uint8_t> fastvKeep(const std::vector<float>& attention, int64_t keep) {
  std::vector<int64_t> order(attention.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
    return attention[static_cast<size_t>(a)] > attention[static_cast<size_t>(b)];
  });
  std::vector<uint8_t> out(attention.size(), 0);
  const auto n = static_cast<size_t>(std::clamp<int64_t>(keep, 0, std::ssize(order)));
  for (size_t i = 0; i < n; ++i) out[static_cast<size_t>(order[i])] = 1;
  return out;
}

at::Tensor fastvPrefill(const LlmWeights& w, const at::Tensor& x, const PromptLayout& prompt,
                        KvCache& cache, const FastvPlan& plan, FastvOutcome& outcome,
                        const std::function<void(int64_t)>& onBlock) {
  const auto& c = w.config;
  const int64_t layers = static_cast<int64_t>(w.blocks.size());
  if (plan.layer < 1 || plan.layer >= layers)
    throw std::invalid_argument("FastV's layer must be from 1 to " + std::to_string(layers - 1));
  if (cache.length != 0) throw std::invalid_argument("FastV prefill needs an empty cache");
  const int64_t L = x.size(1);
  const at::Device device = x.device();
  at::Tensor pos = at::arange(0, L, at::kLong).to(device);
  auto [cos, sin] = ropeTables(pos, c.headDim, c.ropeTheta);
  at::Tensor mask = prefillAllowed(0, L, prompt.imageToken).to(device).view({1, 1, L, L});

  at::Tensor h = x;
  at::Tensor row;
  for (int64_t i = 0; i < plan.layer; ++i) {
    if (onBlock) onBlock(i);
    h = block(w, static_cast<size_t>(i), h, cos, sin, mask, cache,
              i == plan.layer - 1 ? &row : nullptr);
  }

  // Rank the vision positions by the last token's attention; every text token stays.
  at::Tensor vision = at::tensor(prompt.patchPositions, at::kLong);
  at::Tensor visionAttention = row.to(at::kCPU).index_select(0, vision).to(at::kFloat).contiguous();
  outcome.attention.assign(visionAttention.data_ptr<float>(),
                           visionAttention.data_ptr<float>() + visionAttention.numel());
  outcome.keep = fastvKeep(outcome.attention, plan.keepVision);
  std::vector<uint8_t> stays(static_cast<size_t>(L), 1);
  for (size_t j = 0; j < prompt.patchPositions.size(); ++j)
    stays[static_cast<size_t>(prompt.patchPositions[j])] = outcome.keep[j];
  std::vector<int64_t> kept;
  for (int64_t p = 0; p < L; ++p)
    if (stays[static_cast<size_t>(p)]) kept.push_back(p);
  outcome.tokensAfter = static_cast<int64_t>(kept.size());

  // Layers >= K on the kept tokens, at their original positions and with their mask entries.
  at::Tensor idx = at::tensor(kept, at::kLong).to(device);
  h = h.index_select(1, idx);
  cos = cos.index_select(0, idx);
  sin = sin.index_select(0, idx);
  mask = mask.index_select(2, idx).index_select(3, idx);
  for (int64_t i = plan.layer; i < layers; ++i) {
    if (onBlock) onBlock(i);
    h = block(w, static_cast<size_t>(i), h, cos, sin, mask, cache);
  }
  cache.length = L;  // decoding continues at the original next position
  return rmsNorm(h, w.lnF, c.layerNormEps);
}

}  // namespace stts::llm
