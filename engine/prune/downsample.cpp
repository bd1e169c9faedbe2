// The downsample baseline: each frame's cell grid average-pooled to a coarser grid whose token
// count is the frame's share of the budget (engine/prune/README.md).
#include <algorithm>
#include <cmath>
#include <numeric>

#include "selectors_internal.h"
#include "stts/prune/selectors.h"

namespace stts::prune {

std::vector<PoolRegion> poolRegions(int64_t rows, int64_t cols, int64_t tokens) {
  std::vector<PoolRegion> regions;
  tokens = std::clamp<int64_t>(tokens, 0, rows * cols);
  if (tokens == 0 || rows <= 0 || cols <= 0) return regions;
  // Bands of rows, about as many as the square grid of `tokens` regions with this aspect would
  // have; more when a band would need more regions than the grid has columns.
  const double ideal = std::sqrt(static_cast<double>(tokens) * rows / cols);
  int64_t bands = std::clamp<int64_t>(std::llround(ideal), 1, std::min(rows, tokens));
  while ((tokens + bands - 1) / bands > cols) ++bands;
  const int64_t base = tokens / bands, wider = tokens % bands;
  // The tallest bands (heights differ by at most one row) take the extra regions, which keeps
  // the largest region at most 4 times the smallest.
  std::vector<int64_t> order(static_cast<size_t>(bands));
  std::iota(order.begin(), order.end(), 0);
  auto height = [&](int64_t b) { return (b + 1) * rows / bands - b * rows / bands; };
  std::stable_sort(order.begin(), order.end(),
                   [&](int64_t a, int64_t b) { return height(a) > height(b); });
  std::vector<uint8_t> takesOneMore(static_cast<size_t>(bands), 0);
  for (int64_t i = 0; i < wider; ++i) takesOneMore[static_cast<size_t>(order[size_t(i)])] = 1;
  for (int64_t b = 0; b < bands; ++b) {
    const int64_t row0 = b * rows / bands, row1 = (b + 1) * rows / bands;
    const int64_t across = base + takesOneMore[static_cast<size_t>(b)];
    for (int64_t j = 0; j < across; ++j)
      regions.push_back({row0, row1, j * cols / across, (j + 1) * cols / across});
  }
  return regions;
}

SelectorResult selectDownsample(const SelectorInput& in) {
  const int64_t cells = in.cellsPerFrame;
  const int64_t cols =
      in.cellColumns > 0 ? in.cellColumns : std::max<int64_t>(1, std::llround(std::sqrt(cells)));
  const int64_t rows = cells / cols;
  const auto n = static_cast<size_t>(in.frames * cells);
  SelectorResult out;
  out.keep.assign(n, 0);
  out.score.assign(n, 0.0f);
  std::vector<float> region(n, -1.0f);
  const int64_t keepCells = std::clamp<int64_t>(in.keepCells, 0, in.frames * rows * cols);
  int64_t token = 0;
  for (int64_t t = 0; t < in.frames; ++t) {
    // The budget spread evenly; the first frames take the remainder.
    const int64_t share = keepCells / in.frames + (t < keepCells % in.frames ? 1 : 0);
    const std::vector<PoolRegion> grid = poolRegions(rows, cols, share);
    int64_t band = -1, lastRow = -1, across = 0;
    for (const PoolRegion& r : grid) {
      if (r.row0 != lastRow) ++band, lastRow = r.row0, across = 0;
      for (int64_t y = r.row0; y < r.row1; ++y)
        for (int64_t x = r.col0; x < r.col1; ++x) {
          const auto i = static_cast<size_t>(t * cells + y * cols + x);
          region[i] = static_cast<float>(token);
          // Four shades: neighbours in a band differ in `across`, neighbours above and
          // below in `band`, so every region stands apart from each of its neighbours.
          out.score[i] =
              0.25f + 0.5f * static_cast<float>(band % 2) + 0.25f * static_cast<float>(across % 2);
        }
      // The region's middle cell stands for its token: the kept cells are the tokens, in the
      // order the language model reads them.
      const int64_t y = (r.row0 + r.row1 - 1) / 2, x = (r.col0 + r.col1 - 1) / 2;
      out.keep[static_cast<size_t>(t * cells + y * cols + x)] = 1;
      ++token;
      ++across;
    }
  }
  out.extras["downsample_region"] = std::move(region);
  detail::countPerFrame(in.frames, cells, out);
  return out;
}

}  // namespace stts::prune
