// VidCom2 (docs/baselines.md §5): low-variance channels, Gaussian similarity to the video and
// frame centres, per-frame budgets from a sharp softmax over frame distinctiveness, then the
// vLLM reconcile to exactly keepCells. Arithmetic in double; the inputs are fp32.
#include <algorithm>
#include <cmath>

#include "selectors_internal.h"
#include "stts/prune/selectors.h"

namespace stts::prune {
namespace {

constexpr double kBandwidths[] = {0.125, 0.25, 0.5, 1.0, 2.0};
constexpr double kTemperature = 0.01;

double gaussianSimilarity(const float* x, const double* centre, size_t dim) {
  double sq = 0.0;
  for (size_t i = 0; i < dim; ++i) {
    const double d = x[i] - centre[i];
    sq += d * d;
  }
  double sum = 0.0;
  for (double a : kBandwidths) sum += std::exp(-sq / (2.0 * a));
  return sum;
}

}  // namespace

SelectorResult selectVidcom2(const SelectorInput& in) {
  const int64_t t = in.frames, cells = in.cellsPerFrame;
  const auto n = static_cast<size_t>(t * cells);
  const CellFeatures& f = in.features;
  const auto dim = static_cast<size_t>(f.cellDim());
  SelectorResult out;
  if (n == 0) return out;

  // 1. Channel variances over every token; keep the lowest-variance half (ties: lower channel).
  std::vector<float> row(dim);
  std::vector<double> mean(dim, 0.0), var(dim, 0.0);
  for (int64_t fr = 0; fr < t; ++fr)
    for (int64_t c = 0; c < cells; ++c) {
      f.copyCell(fr, c, row.data());
      for (size_t i = 0; i < dim; ++i) mean[i] += row[i];
    }
  for (auto& m : mean) m /= static_cast<double>(n);
  for (int64_t fr = 0; fr < t; ++fr)
    for (int64_t c = 0; c < cells; ++c) {
      f.copyCell(fr, c, row.data());
      for (size_t i = 0; i < dim; ++i) var[i] += (row[i] - mean[i]) * (row[i] - mean[i]);
    }
  auto channelOrder = detail::stableOrder(dim, [&](int64_t a, int64_t b) {
    return var[static_cast<size_t>(a)] < var[static_cast<size_t>(b)];
  });
  const size_t kept = std::max<size_t>(1, dim / 2);
  channelOrder.resize(kept);

  // 2. Selected channels, each token L2-normalised (norm floored at 1e-12).
  std::vector<float> x(n * kept);  // fp32 storage: T=384 at 2560-d would be 318 MB in double
  for (int64_t fr = 0; fr < t; ++fr)
    for (int64_t c = 0; c < cells; ++c) {
      f.copyCell(fr, c, row.data());
      float* dst = x.data() + static_cast<size_t>(fr * cells + c) * kept;
      double sq = 0.0;
      for (size_t i = 0; i < kept; ++i) {
        dst[i] = row[static_cast<size_t>(channelOrder[i])];
        sq += static_cast<double>(dst[i]) * dst[i];
      }
      const double inv = 1.0 / std::max(std::sqrt(sq), 1e-12);
      for (size_t i = 0; i < kept; ++i) dst[i] = static_cast<float>(dst[i] * inv);
    }

  // 3. Video centre and frame centres.
  std::vector<double> video(kept, 0.0), frame(static_cast<size_t>(t) * kept, 0.0);
  for (size_t k = 0; k < n; ++k) {
    const size_t fr = k / static_cast<size_t>(cells);
    for (size_t i = 0; i < kept; ++i) {
      video[i] += x[k * kept + i];
      frame[fr * kept + i] += x[k * kept + i];
    }
  }
  for (auto& v : video) v /= static_cast<double>(n);
  for (auto& v : frame) v /= static_cast<double>(cells);

  // 4. Redundancy score = similarity to the video centre + similarity to the frame centre.
  std::vector<double> vs(n), score(n);
  for (size_t k = 0; k < n; ++k) {
    const size_t fr = k / static_cast<size_t>(cells);
    vs[k] = gaussianSimilarity(x.data() + k * kept, video.data(), kept);
    score[k] = vs[k] + gaussianSimilarity(x.data() + k * kept, frame.data() + fr * kept, kept);
  }

  // 5-6. Frame weights from distinctiveness, per-frame counts k_t (at least one per frame).
  std::vector<double> u(static_cast<size_t>(t), 0.0), w(static_cast<size_t>(t));
  for (size_t k = 0; k < n; ++k) u[k / static_cast<size_t>(cells)] -= vs[k];
  for (auto& v : u) v /= static_cast<double>(cells);
  const double uMax = *std::max_element(u.begin(), u.end());
  double wSum = 0.0;
  for (size_t i = 0; i < u.size(); ++i) wSum += (w[i] = std::exp((u[i] - uMax) / kTemperature));
  for (auto& v : w) v /= wSum;
  const double r = std::clamp(in.keepRatio, 0.0, 1.0);
  std::vector<int64_t> kt(static_cast<size_t>(t));
  for (size_t i = 0; i < kt.size(); ++i) {
    const double s = std::min(1.0, r * (1.0 + w[i] - 1.0 / static_cast<double>(t)));
    // Round half to even, as torch.round / Python round do.
    kt[i] = std::clamp<int64_t>(
        static_cast<int64_t>(std::nearbyint(s * static_cast<double>(cells))), 1, cells);
  }

  // 7. In each frame keep the k_t least redundant cells.
  out.keep.assign(n, 0);
  int64_t total = 0;
  for (int64_t fr = 0; fr < t; ++fr) {
    const double* sc = score.data() + fr * cells;
    auto order = detail::stableOrder(static_cast<size_t>(cells),
                                     [&](int64_t a, int64_t b) { return sc[a] < sc[b]; });
    for (int64_t j = 0; j < kt[static_cast<size_t>(fr)]; ++j)
      out.keep[static_cast<size_t>(fr * cells + order[static_cast<size_t>(j)])] = 1;
    total += kt[static_cast<size_t>(fr)];
  }

  // 8. Reconcile to exactly keepCells: drop the most redundant kept cells or add the least
  // redundant dropped ones, video-wide.
  const int64_t target = std::clamp<int64_t>(in.keepCells, 0, static_cast<int64_t>(n));
  if (total != target) {
    const bool tooMany = total > target;
    auto order = detail::stableOrder(n, [&](int64_t a, int64_t b) {
      const double sa = score[static_cast<size_t>(a)], sb = score[static_cast<size_t>(b)];
      return tooMany ? sa > sb : sa < sb;
    });
    int64_t change = tooMany ? total - target : target - total;
    for (int64_t k : order) {
      if (change == 0) break;
      uint8_t& keep = out.keep[static_cast<size_t>(k)];
      if (keep == (tooMany ? 1 : 0)) {
        keep = tooMany ? 0 : 1;
        --change;
      }
    }
  }
  detail::countPerFrame(t, cells, out);
  out.score.assign(score.begin(), score.end());
  out.extras["vidcom2_k_t"].assign(kt.begin(), kt.end());
  out.extras["vidcom2_frame_weight"].assign(w.begin(), w.end());
  return out;
}

}  // namespace stts::prune
