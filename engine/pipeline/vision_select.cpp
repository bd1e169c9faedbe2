#include "vision_select.h"

#include <algorithm>
#include <vector>

namespace stts::pipeline::baselines {
namespace {

// fp32, contiguous, on the CPU: a view when the tensor already is, else one copy.
at::Tensor hostFloat(const at::Tensor& x) {
  return x.to(at::kCPU).to(at::kFloat).contiguous();
}

prune::SelectorInput inputFor(const RunRequest& request, int64_t frames, int64_t cellsPerFrame,
                              int64_t keepCells) {
  prune::SelectorInput in;
  in.frames = frames;
  in.cellsPerFrame = cellsPerFrame;
  in.keepCells = keepCells;
  in.keepRatio = request.keepRatio;
  in.seed = request.seed;
  return in;
}

}  // namespace

prune::SelectorResult selectOnPatches(const prune::Selector& selector, const RunRequest& request,
                                      const at::Tensor& h, const at::Tensor& cellIdx,
                                      int64_t keepCells) {
  const int64_t frames = h.size(0), cells = cellIdx.size(0);
  prune::SelectorInput in = inputFor(request, frames, cells, keepCells);
  at::Tensor host;  // keeps the data alive while the selector reads it
  if (selector.features() != prune::SelectorFeatures::None) {
    host = hostFloat(h);
    at::Tensor idx = cellIdx.to(at::kCPU).to(at::kInt).contiguous();
    in.features.data = host.data_ptr<float>();
    in.features.frames = frames;
    in.features.rowsPerFrame = host.size(1);
    in.features.dim = host.size(2);
    in.features.rowsPerCell = cellIdx.size(1);
    in.features.cellRows.assign(idx.data_ptr<int32_t>(), idx.data_ptr<int32_t>() + idx.numel());
  }
  return selector.select(in);
}

prune::SelectorResult selectOnConnectorOutput(const prune::Selector& selector,
                                              const RunRequest& request, const at::Tensor& features,
                                              int64_t frames, int64_t cellsPerFrame,
                                              int64_t keepCells) {
  prune::SelectorInput in = inputFor(request, frames, cellsPerFrame, keepCells);
  at::Tensor host = hostFloat(features);
  in.features.data = host.data_ptr<float>();
  in.features.frames = frames;
  in.features.rowsPerFrame = cellsPerFrame;
  in.features.dim = host.size(1);
  return selector.select(in);
}

prune::SelectorResult downsampleConnectorOutput(const RunRequest& request, at::Tensor& features,
                                                int64_t frames, int64_t cellsPerFrame,
                                                int64_t cellColumns, int64_t keepCells) {
  prune::SelectorInput in = inputFor(request, frames, cellsPerFrame, keepCells);
  in.cellColumns = cellColumns;
  prune::SelectorResult out = prune::selectDownsample(in);
  const std::vector<float>& region = out.extras.at("downsample_region");
  std::vector<int64_t> rows, tokens;
  int64_t count = 0;
  for (size_t i = 0; i < region.size(); ++i) {
    if (region[i] < 0) continue;
    rows.push_back(static_cast<int64_t>(i));
    tokens.push_back(static_cast<int64_t>(region[i]));
    count = std::max(count, tokens.back() + 1);
  }
  const at::Device device = features.device();
  const at::Tensor source = features.index_select(0, at::tensor(rows, at::kLong).to(device));
  const at::Tensor into = at::tensor(tokens, at::kLong).to(device);
  // Summed in fp32 whatever the model's dtype, then divided by the region's size.
  at::Tensor sums = at::zeros({count, features.size(1)}, features.options().dtype(at::kFloat));
  sums.index_add_(0, into, source.to(at::kFloat));
  at::Tensor sizes = at::zeros({count}, sums.options());
  sizes.index_add_(0, into, at::ones({into.size(0)}, sums.options()));
  features = (sums / sizes.unsqueeze(1)).to(features.scalar_type());
  return out;
}

}  // namespace stts::pipeline::baselines
