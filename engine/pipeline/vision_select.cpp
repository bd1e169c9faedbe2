#include "vision_select.h"

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

}  // namespace stts::pipeline::baselines
