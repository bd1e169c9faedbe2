// Blocks after the soft-bias block, on kept tokens only (docs/molmo2-spec.md §6.7). Three exactly
// equivalent executions: Varlen and Packed skip the pruned work for real; Masked computes every
// token and only restricts the keys, and exists as the reference the tests compare against.
#include <algorithm>
#include <atomic>
#include <map>
#include <vector>

#include "stts/pipeline/vision_internal.h"

namespace stts::pipeline {
namespace {

at::Tensor longTensor(const std::vector<int64_t>& v, at::Device device) {
  return at::tensor(at::ArrayRef<int64_t>(v), at::kLong).to(device);
}

// One batch of frames whose token sets have the same length L.
struct Group {
  at::Tensor x;          // [G, L, W]
  at::Tensor validRows;  // rows of x.view(G*L, W) that are valid (pre-refill)
  at::Tensor dst;        // their flat positions in [T*N]
};

using Captured = std::map<int64_t, at::Tensor>;

bool captures(const std::vector<int64_t>& blocks, int64_t b) {
  for (int64_t c : blocks)
    if (c == b) return true;
  return false;
}

Captured runVarlen(const model::VitWeights& vit, const at::Tensor& h, const at::Tensor& setCpu,
                   const at::Tensor& validCpu, int64_t first, int64_t last,
                   const std::vector<int64_t>& captureBlocks,
                   const std::function<void(int64_t)>& onBlock, int64_t* tokens,
                   const std::function<void()>& betweenSlices) {
  const int64_t t = h.size(0), n = h.size(1), w = h.size(2);
  auto set = setCpu.accessor<bool, 2>();
  auto valid = validCpu.accessor<bool, 2>();
  std::map<int64_t, std::vector<int64_t>> byLength;  // ordered: deterministic batching
  for (int64_t f = 0; f < t; ++f) {
    int64_t len = 0;
    for (int64_t p = 0; p < n; ++p) len += set[f][p];
    if (len > 0) byLength[len].push_back(f);
  }
  std::vector<Group> groups;
  int64_t total = 0;
  const at::Tensor flat = h.reshape({t * n, w});
  for (const auto& [len, frames] : byLength) {
    std::vector<int64_t> src, rows, dst;
    for (int64_t f : frames) {
      for (int64_t p = 0; p < n; ++p) {
        if (!set[f][p]) continue;
        if (valid[f][p]) {
          rows.push_back(static_cast<int64_t>(src.size()));
          dst.push_back(f * n + p);
        }
        src.push_back(f * n + p);  // original patch order within the frame
      }
    }
    const auto g = static_cast<int64_t>(frames.size());
    groups.push_back({flat.index_select(0, longTensor(src, h.device())).view({g, len, w}),
                      longTensor(rows, h.device()), longTensor(dst, h.device())});
    total += g * len;
  }
  if (tokens) *tokens = total;
  Captured out;
  for (int64_t b = first; b <= last; ++b) {
    for (auto& g : groups) g.x = vitBlockSliced(vit, b, g.x, {}, {}, betweenSlices);
    if (captures(captureBlocks, b)) {
      at::Tensor o = at::zeros({t * n, w}, h.options());
      for (const auto& g : groups)
        o.index_copy_(0, g.dst, g.x.reshape({-1, w}).index_select(0, g.validRows));
      out[b] = o.view({t, n, w});
    }
    onBlock(b);
  }
  return out;
}

Captured runPacked(const model::VitWeights& vit, const at::Tensor& h, const at::Tensor& setCpu,
                   const at::Tensor& validCpu, const prune::PackPlan& plan, int64_t first,
                   int64_t last, const std::vector<int64_t>& captureBlocks,
                   const std::function<void(int64_t)>& onBlock, int64_t* tokens,
                   const std::function<void()>& betweenSlices) {
  const int64_t t = h.size(0), n = h.size(1), w = h.size(2);
  const int64_t cap = plan.capacity;
  const auto bins = static_cast<int64_t>(plan.binUsed.size());
  auto set = setCpu.accessor<bool, 2>();
  auto valid = validCpu.accessor<bool, 2>();
  // Slot -> source token (-1 empty) and slot -> frame (-1 empty). A lone frame is alone in its
  // bin, so its refilled N tokens start at slot 0.
  std::vector<int64_t> src(static_cast<size_t>(bins * cap), -1);
  std::vector<int64_t> slotFrame(static_cast<size_t>(bins * cap), -1);
  std::vector<int64_t> rows, dst;
  for (int64_t f = 0; f < t; ++f) {
    const int32_t bin = plan.frameBin[static_cast<size_t>(f)];
    if (bin < 0) continue;
    int64_t slot = bin * cap + (plan.lone[static_cast<size_t>(f)] ? 0 : plan.frameOffset[f]);
    for (int64_t p = 0; p < n; ++p) {
      if (!set[f][p]) continue;
      TORCH_CHECK(slot < (bin + 1) * cap, "pack plan overflows bin ", bin);
      src[static_cast<size_t>(slot)] = f * n + p;
      slotFrame[static_cast<size_t>(slot)] = f;
      if (valid[f][p]) {
        rows.push_back(slot);
        dst.push_back(f * n + p);
      }
      ++slot;
    }
  }
  if (tokens) *tokens = bins * cap;
  Captured out;
  if (bins == 0) {
    for (int64_t b = first; b <= last; ++b) {
      if (captures(captureBlocks, b)) out[b] = at::zeros_like(h);
      onBlock(b);
    }
    return out;
  }
  at::Tensor srcT = longTensor(src, h.device());
  at::Tensor filled = srcT.ge(0);
  at::Tensor x = h.reshape({t * n, w}).index_select(0, srcT.clamp_min(0)) *
                 filled.unsqueeze(-1).to(h.scalar_type());
  x = x.view({bins, cap, w});
  // Block-diagonal: a token sees only tokens of its own frame. Empty slots (frame -1) see each
  // other, so no row is fully masked; their outputs are never read.
  at::Tensor sf = longTensor(slotFrame, h.device()).view({bins, cap});
  at::Tensor allowed = sf.unsqueeze(2).eq(sf.unsqueeze(1)).unsqueeze(1);
  at::Tensor rowsT = longTensor(rows, h.device());
  at::Tensor dstT = longTensor(dst, h.device());
  for (int64_t b = first; b <= last; ++b) {
    x = vitBlockSliced(vit, b, x, {}, allowed, betweenSlices);
    if (captures(captureBlocks, b)) {
      at::Tensor o = at::zeros({t * n, w}, h.options());
      o.index_copy_(0, dstT, x.reshape({-1, w}).index_select(0, rowsT));
      out[b] = o.view({t, n, w});
    }
    onBlock(b);
  }
  return out;
}

Captured runMasked(const model::VitWeights& vit, const at::Tensor& h, const at::Tensor& setMask,
                   const at::Tensor& patchValid, int64_t first, int64_t last,
                   const std::vector<int64_t>& captureBlocks,
                   const std::function<void(int64_t)>& onBlock, int64_t* tokens,
                   const std::function<void()>& betweenSlices) {
  const int64_t t = h.size(0), n = h.size(1);
  at::Tensor allowed = setMask.to(h.device()).view({t, 1, 1, n});
  at::Tensor keep = patchValid.to(h.device()).unsqueeze(-1).to(h.scalar_type());
  if (tokens) *tokens = t * n;
  Captured out;
  at::Tensor x = h;
  for (int64_t b = first; b <= last; ++b) {
    x = vitBlockSliced(vit, b, x, {}, allowed, betweenSlices);
    if (captures(captureBlocks, b)) out[b] = x * keep;
    onBlock(b);
  }
  return out;
}

}  // namespace

namespace {
constexpr int64_t kDefaultSliceTokens = 2048;
std::atomic<int64_t> gSliceTokens{kDefaultSliceTokens};
}  // namespace

int64_t blockSliceTokens() {
  return gSliceTokens.load();
}

void setBlockSliceTokens(int64_t tokens) {
  gSliceTokens.store(tokens > 0 ? tokens : kDefaultSliceTokens);
}

at::Tensor vitBlockSliced(const model::VitWeights& vit, int64_t b, const at::Tensor& x,
                          const at::Tensor& bias, const at::Tensor& allowed,
                          const std::function<void()>& betweenSlices) {
  const int64_t batch = x.size(0), len = std::max<int64_t>(x.size(1), 1);
  const int64_t perSlice = std::max<int64_t>(1, blockSliceTokens() / len);
  if (x.is_cuda() || perSlice >= batch) {
    at::Tensor y = model::vitBlock(vit, b, x, bias, allowed);
    if (betweenSlices) betweenSlices();
    return y;
  }
  auto part = [&](const at::Tensor& t, int64_t start, int64_t count) {
    return t.defined() && t.dim() > 0 && t.size(0) == batch ? t.narrow(0, start, count) : t;
  };
  at::Tensor y;
  for (int64_t start = 0; start < batch; start += perSlice) {
    const int64_t count = std::min(perSlice, batch - start);
    at::Tensor slice = model::vitBlock(vit, b, x.narrow(0, start, count), part(bias, start, count),
                                       part(allowed, start, count));
    if (!y.defined()) y = at::empty({batch, x.size(1), slice.size(2)}, slice.options());
    y.narrow(0, start, count).copy_(slice);
    if (betweenSlices) betweenSlices();
  }
  return y;
}

std::map<int64_t, at::Tensor> runPostBlocks(const model::VitWeights& vit, const at::Tensor& h,
                                            const at::Tensor& setMask, const at::Tensor& patchValid,
                                            const prune::PackPlan& plan, PostMode mode,
                                            int64_t first, int64_t last,
                                            const std::vector<int64_t>& captureBlocks,
                                            const std::function<void(int64_t)>& onBlock,
                                            int64_t* tokens,
                                            const std::function<void()>& betweenSlices) {
  if (mode == PostMode::Auto) mode = h.is_cuda() ? PostMode::Packed : PostMode::Varlen;
  const at::Tensor setCpu = setMask.to(at::kCPU).contiguous();
  const at::Tensor validCpu = patchValid.to(at::kCPU).contiguous();
  switch (mode) {
    case PostMode::Packed:
      return runPacked(vit, h, setCpu, validCpu, plan, first, last, captureBlocks, onBlock, tokens,
                       betweenSlices);
    case PostMode::Masked:
      return runMasked(vit, h, setCpu, validCpu, first, last, captureBlocks, onBlock, tokens,
                       betweenSlices);
    default:
      return runVarlen(vit, h, setCpu, validCpu, first, last, captureBlocks, onBlock, tokens,
                       betweenSlices);
  }
}

}  // namespace stts::pipeline
