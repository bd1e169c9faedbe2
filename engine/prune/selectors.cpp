// The budget shared by selection and prompt building, and the random, heuristic/easy and EVS
// selectors (docs/baselines.md §2-4). VidCom2 lives in vidcom2.cpp.
#include "stts/prune/selectors.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <unordered_map>

#include "selectors_internal.h"
#include "stts/prune/stts_select.h"

namespace stts::prune {

std::optional<BudgetPolicy> parseBudgetPolicy(std::string_view name) {
  if (name == "equal") return BudgetPolicy::Equal;
  if (name == "native") return BudgetPolicy::Native;
  return std::nullopt;
}

int64_t keptCellCount(std::string_view method, BudgetPolicy policy, double keepRatio,
                      int64_t frames, int64_t pruneFromFrame, int64_t cellsPerFrame) {
  const int64_t total = std::max<int64_t>(frames, 0) * cellsPerFrame;
  if (method == "none" || total == 0) return total;
  const double keep = std::clamp(keepRatio, 0.0, 1.0);
  if (policy == BudgetPolicy::Native) {
    const auto all = static_cast<double>(total);
    if (method == "evs") {
      const double q = 1.0 - keep;  // vLLM's pruning rate
      const auto k = static_cast<int64_t>(std::floor(all * (1.0 - q)));
      return std::clamp<int64_t>(std::max<int64_t>(cellsPerFrame, k), 0, total);
    }
    if (method == "vidcom2") {
      const auto k = static_cast<int64_t>(std::floor(all * keep));
      return std::max<int64_t>(frames, std::min<int64_t>(k, total));
    }
    if (method == "fastv") {
      const double r = 1.0 - keep;  // FastV's drop ratio R
      return std::clamp<int64_t>(static_cast<int64_t>(std::floor((1.0 - r) * all)), 0, total);
    }
  }
  return total - sttsBudget(1.0 - keep, frames, pruneFromFrame, cellsPerFrame);
}

double CellFeatures::dotSamePosition(int64_t ta, int64_t tb, int64_t c) const {
  double sum = 0.0;
  for (int64_t j = 0; j < rowsPerCell; ++j) {
    const int64_t row = cellRows.empty() ? c : cellRows[static_cast<size_t>(c * rowsPerCell + j)];
    const float* a = data + (ta * rowsPerFrame + row) * dim;
    const float* b = data + (tb * rowsPerFrame + row) * dim;
    // Four float partial sums per row keep the loop vectorisable; rows are short (<= a few
    // thousand), so float accumulation loses nothing that matters for a ranking.
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int64_t i = 0;
    for (; i + 4 <= dim; i += 4) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
      s2 += a[i + 2] * b[i + 2];
      s3 += a[i + 3] * b[i + 3];
    }
    for (; i < dim; ++i) s0 += a[i] * b[i];
    sum += static_cast<double>(s0) + s1 + s2 + s3;
  }
  return sum;
}

void CellFeatures::copyCell(int64_t t, int64_t c, float* out) const {
  for (int64_t j = 0; j < rowsPerCell; ++j) {
    const int64_t row = cellRows.empty() ? c : cellRows[static_cast<size_t>(c * rowsPerCell + j)];
    const float* src = data + (t * rowsPerFrame + row) * dim;
    std::copy(src, src + dim, out + j * dim);
  }
}

namespace detail {

void keepFirst(const std::vector<int64_t>& order, int64_t keepCells, SelectorResult& out) {
  out.keep.assign(order.size(), 0);
  const auto n = static_cast<size_t>(std::clamp<int64_t>(keepCells, 0, std::ssize(order)));
  for (size_t i = 0; i < n; ++i) out.keep[static_cast<size_t>(order[i])] = 1;
}

void countPerFrame(int64_t frames, int64_t cellsPerFrame, SelectorResult& out) {
  out.keptPerFrame.assign(static_cast<size_t>(frames), 0);
  for (size_t i = 0; i < out.keep.size(); ++i)
    out.keptPerFrame[i / static_cast<size_t>(cellsPerFrame)] += out.keep[i];
}

std::vector<int64_t> stableOrder(size_t n, const std::function<bool(int64_t, int64_t)>& before) {
  std::vector<int64_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), before);
  return order;
}

}  // namespace detail

SelectorResult selectRandom(const SelectorInput& in) {
  const auto n = static_cast<size_t>(in.frames * in.cellsPerFrame);
  // mt19937_64's sequence is fixed by the standard; the key is its top 53 bits, so the same
  // seed gives the same mask with every compiler and library.
  std::mt19937_64 rng(in.seed);
  std::vector<double> key(n);
  for (auto& k : key) k = static_cast<double>(rng() >> 11) * 0x1.0p-53;
  auto order = detail::stableOrder(n, [&](int64_t a, int64_t b) {
    return key[static_cast<size_t>(a)] > key[static_cast<size_t>(b)];
  });
  SelectorResult out;
  detail::keepFirst(order, in.keepCells, out);
  out.score.assign(key.begin(), key.end());
  detail::countPerFrame(in.frames, in.cellsPerFrame, out);
  return out;
}

namespace {

constexpr float kReferenceScore = -1.0f;
constexpr float kReferenceFrame = 2.0f;
constexpr float kReferenceCell = 1.0f;

// Cosines between same-position cells, memoised across the retries of one selection (the
// tracked reference changes with the threshold, but most pairs recur).
class SamePositionCosine {
 public:
  explicit SamePositionCosine(const CellFeatures& f) : f_(f) {
    const int64_t c = f.cellsPerFrame();
    norms_.resize(static_cast<size_t>(f.frames * c));
    for (int64_t t = 0; t < f.frames; ++t)
      for (int64_t k = 0; k < c; ++k)
        norms_[static_cast<size_t>(t * c + k)] = std::sqrt(f.squaredNorm(t, k));
  }
  // Cosine of L2-normalised vectors (each norm floored at 1e-12, as F.normalize does).
  double operator()(int64_t ta, int64_t tb, int64_t c) {
    const int64_t cells = f_.cellsPerFrame();
    const uint64_t key = (static_cast<uint64_t>(ta) << 40) ^ (static_cast<uint64_t>(tb) << 20) ^
                         static_cast<uint64_t>(c);
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    const double na = std::max(norms_[static_cast<size_t>(ta * cells + c)], 1e-12);
    const double nb = std::max(norms_[static_cast<size_t>(tb * cells + c)], 1e-12);
    const double cosine = f_.dotSamePosition(ta, tb, c) / (na * nb);
    memo_.emplace(key, cosine);
    return cosine;
  }

 private:
  const CellFeatures& f_;
  std::vector<double> norms_;
  std::unordered_map<uint64_t, double> memo_;
};

SelectorResult attempt(const SelectorInput& in, ReferenceMode mode, double theta,
                       SamePositionCosine& cosine, bool* failed) {
  const int64_t t = in.frames, cells = in.cellsPerFrame;
  const auto n = static_cast<size_t>(t * cells);
  SelectorResult out;
  out.score.assign(n, 0.0f);
  std::vector<float> flag(n, 0.0f);
  std::vector<int64_t> ref(static_cast<size_t>(cells), 0);
  auto at = [&](int64_t f, int64_t c) { return static_cast<size_t>(f * cells + c); };
  for (int64_t c = 0; c < cells && t > 0; ++c) {
    out.score[at(0, c)] = kReferenceScore;
    flag[at(0, c)] = kReferenceFrame;
  }
  std::vector<double> s(static_cast<size_t>(cells));
  for (int64_t f = 1; f < t; ++f) {
    double mean = 0.0;
    for (int64_t c = 0; c < cells; ++c) {
      const int64_t r = mode == ReferenceMode::Tracked ? ref[static_cast<size_t>(c)] : f - 1;
      s[static_cast<size_t>(c)] = cosine(f, r, c);
      mean += s[static_cast<size_t>(c)];
    }
    mean /= static_cast<double>(cells);
    if (mean < theta) {  // a new scene: the whole frame becomes the reference and is protected
      for (int64_t c = 0; c < cells; ++c) {
        out.score[at(f, c)] = kReferenceScore;
        flag[at(f, c)] = kReferenceFrame;
        ref[static_cast<size_t>(c)] = f;
      }
      continue;
    }
    for (int64_t c = 0; c < cells; ++c) {
      out.score[at(f, c)] = static_cast<float>(s[static_cast<size_t>(c)]);
      if (mode == ReferenceMode::Tracked && s[static_cast<size_t>(c)] < theta) {
        ref[static_cast<size_t>(c)] = f;
        flag[at(f, c)] = kReferenceCell;
      }
    }
  }
  // Most redundant first; the first n - keepCells are dropped.
  auto order = detail::stableOrder(n, [&](int64_t a, int64_t b) {
    return out.score[static_cast<size_t>(a)] > out.score[static_cast<size_t>(b)];
  });
  const auto drop = static_cast<size_t>(
      std::clamp<int64_t>(static_cast<int64_t>(n) - in.keepCells, 0, static_cast<int64_t>(n)));
  out.keep.assign(n, 1);
  bool droppedReference = false;
  for (size_t i = 0; i < drop; ++i) {
    const auto cell = static_cast<size_t>(order[i]);
    out.keep[cell] = 0;
    droppedReference = droppedReference || flag[cell] == kReferenceFrame;
  }
  if (failed) *failed = droppedReference;
  detail::countPerFrame(t, cells, out);
  out.extras["heuristic_reference"] = std::move(flag);
  return out;
}

}  // namespace

SelectorResult similarityAttempt(const SelectorInput& in, ReferenceMode mode, double theta,
                                 bool* failed) {
  SamePositionCosine cosine(in.features);
  return attempt(in, mode, theta, cosine, failed);
}

SelectorResult selectSimilarity(const SelectorInput& in, ReferenceMode mode) {
  // The released code hands the already-pruned mask to the retry, which compounds the budget;
  // every attempt here starts from the original mask, which is what the retry evidently means.
  static constexpr double kThresholds[] = {0.85, 0.80, 0.75, 0.70, 0.65};
  SamePositionCosine cosine(in.features);
  SelectorResult out;
  int tries = 0;
  double used = kThresholds[0];
  for (double theta : kThresholds) {
    bool failed = false;
    out = attempt(in, mode, theta, cosine, &failed);
    ++tries;
    used = theta;
    if (!failed) break;
  }
  out.extras["heuristic_threshold"] = {static_cast<float>(used)};
  out.extras["heuristic_tries"] = {static_cast<float>(tries)};
  return out;
}

SelectorResult selectEvs(const SelectorInput& in) {
  const int64_t t = in.frames, cells = in.cellsPerFrame;
  const auto n = static_cast<size_t>(t * cells);
  const CellFeatures& f = in.features;
  std::vector<double> norm(n);
  for (int64_t fr = 0; fr < t; ++fr)
    for (int64_t c = 0; c < cells; ++c)
      norm[static_cast<size_t>(fr * cells + c)] = std::sqrt(f.squaredNorm(fr, c));
  std::vector<float> d(n, kEvsFirstFrameSentinel);
  for (int64_t fr = 1; fr < t; ++fr) {
    for (int64_t c = 0; c < cells; ++c) {
      const double na = norm[static_cast<size_t>(fr * cells + c)];
      const double nb = norm[static_cast<size_t>((fr - 1) * cells + c)];
      const double cosine = f.dotSamePosition(fr, fr - 1, c) / std::max(na * nb, 1e-8);
      d[static_cast<size_t>(fr * cells + c)] = static_cast<float>(1.0 - cosine);
    }
  }
  auto order = detail::stableOrder(n, [&](int64_t a, int64_t b) {
    return d[static_cast<size_t>(a)] > d[static_cast<size_t>(b)];
  });
  SelectorResult out;
  detail::keepFirst(order, in.keepCells, out);
  detail::countPerFrame(t, cells, out);
  std::vector<float> forced(static_cast<size_t>(t), 0.0f);
  if (t > 0) forced[0] = 1.0f;
  for (int64_t c = 0; c < cells && t > 0; ++c) d[static_cast<size_t>(c)] = 2.0f;
  out.score = std::move(d);
  out.extras["evs_forced_frame"] = std::move(forced);
  return out;
}

namespace {

class FunctionSelector final : public Selector {
 public:
  using Fn = SelectorResult (*)(const SelectorInput&);
  FunctionSelector(std::string_view name, SelectorFeatures features, Fn fn)
      : name_(name), features_(features), fn_(fn) {}
  std::string_view name() const override { return name_; }
  SelectorFeatures features() const override { return features_; }
  SelectorResult select(const SelectorInput& input) const override { return fn_(input); }

 private:
  std::string_view name_;
  SelectorFeatures features_;
  Fn fn_;
};

SelectorResult heuristic(const SelectorInput& in) {
  return selectSimilarity(in, ReferenceMode::Tracked);
}
SelectorResult easy(const SelectorInput& in) {
  return selectSimilarity(in, ReferenceMode::Previous);
}

}  // namespace

std::unique_ptr<Selector> makeSelector(std::string_view method) {
  using F = SelectorFeatures;
  if (method == "random")
    return std::make_unique<FunctionSelector>("random", F::None, selectRandom);
  if (method == "heuristic")
    return std::make_unique<FunctionSelector>("heuristic", F::VitInput, heuristic);
  if (method == "easy") return std::make_unique<FunctionSelector>("easy", F::VitInput, easy);
  if (method == "evs")
    return std::make_unique<FunctionSelector>("evs", F::ConnectorOutput, selectEvs);
  if (method == "vidcom2")
    return std::make_unique<FunctionSelector>("vidcom2", F::ConnectorOutput, selectVidcom2);
  if (method == "downsample")  // reads no features to choose; the pipeline pools the output
    return std::make_unique<FunctionSelector>("downsample", F::None, selectDownsample);
  return nullptr;
}

}  // namespace stts::prune
