// Training-free baseline selectors (docs/baselines.md §2-5, §11): exact kept counts for every
// budget and T, first-frame rules, VidCom2's per-frame floor and reconcile, EVS ties on a static
// video, seeded random masks, the heuristic's retry from the original mask, and one small input
// per method whose mask is worked out by hand in the comments.
#include <QtTest/QtTest>

#include <cmath>
#include <numbers>
#include <random>

#include "stts/methods.h"
#include "stts/prune/selectors.h"
#include "stts/prune/stts_select.h"

using namespace stts::prune;

namespace {

int64_t sum(const std::vector<uint8_t>& v) {
  int64_t s = 0;
  for (auto x : v) s += x;
  return s;
}

// Features [frames, cells, dim] plus the input that views them.
struct Fixture {
  std::vector<float> data;
  SelectorInput input;
};

Fixture randomFeatures(int64_t frames, int64_t cells, int64_t dim, uint32_t seed) {
  Fixture f;
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal;
  f.data.resize(static_cast<size_t>(frames * cells * dim));
  for (auto& x : f.data) x = normal(rng);
  f.input.frames = frames;
  f.input.cellsPerFrame = cells;
  return f;
}

void bind(Fixture& f, int64_t dim) {
  f.input.features.data = f.data.data();
  f.input.features.frames = f.input.frames;
  f.input.features.rowsPerFrame = f.input.cellsPerFrame;
  f.input.features.dim = dim;
}

// Unit 2-d vectors at the given angles (degrees), frame-major: cos between two is cos(delta).
Fixture angles(int64_t frames, int64_t cells, const std::vector<double>& degrees) {
  Fixture f;
  for (double d : degrees) {
    const double r = d * std::numbers::pi / 180.0;
    f.data.push_back(static_cast<float>(std::cos(r)));
    f.data.push_back(static_cast<float>(std::sin(r)));
  }
  f.input.frames = frames;
  f.input.cellsPerFrame = cells;
  bind(f, 2);
  return f;
}

const char* const kSelectors[] = {"random", "heuristic", "easy", "evs", "vidcom2", "downsample"};

}  // namespace

class TestPruneBaselines : public QObject {
  Q_OBJECT

 private slots:
  void budgetFormulas() {
    // Equal: 81T - sttsBudget for every method. topk 0.3, T 64: trunc(24.3f * 64) = 1555 removed.
    for (const char* m :
         {"stts", "random", "heuristic", "easy", "evs", "vidcom2", "fastv", "downsample"})
      QCOMPARE(keptCellCount(m, BudgetPolicy::Equal, 0.7, 64, 0), int64_t(5184 - 1555));
    // Native EVS: max(81, floor(5184 * 0.7)) = floor(3628.8) = 3628 (one less than STTS).
    QCOMPARE(keptCellCount("evs", BudgetPolicy::Native, 0.7, 64, 0), int64_t(3628));
    QCOMPARE(keptCellCount("evs", BudgetPolicy::Native, 0.0, 64, 0), int64_t(81));
    // Native VidCom2: max(T, min(floor(P T r), P T)).
    QCOMPARE(keptCellCount("vidcom2", BudgetPolicy::Native, 0.7, 64, 0), int64_t(3628));
    QCOMPARE(keptCellCount("vidcom2", BudgetPolicy::Native, 0.0, 64, 0), int64_t(64));
    QCOMPARE(keptCellCount("vidcom2", BudgetPolicy::Native, 1.0, 3, 0), int64_t(243));
    // Native FastV: floor((1 - R) N) with R = 0.5, N = 162.
    QCOMPARE(keptCellCount("fastv", BudgetPolicy::Native, 0.5, 2, 0), int64_t(81));
    // Random and the STTS heuristics have no formula of their own: native = STTS.
    QCOMPARE(keptCellCount("random", BudgetPolicy::Native, 0.7, 64, 0), int64_t(3629));
    QCOMPARE(keptCellCount("none", BudgetPolicy::Equal, 0.1, 5, 0), int64_t(405));
    QVERIFY(parseBudgetPolicy("equal") == BudgetPolicy::Equal);
    QVERIFY(parseBudgetPolicy("native") == BudgetPolicy::Native);
    QVERIFY(!parseBudgetPolicy("Equal"));
  }

  void exactKeptCountsEverywhere() {
    // Every selector keeps exactly keptCellCount cells for every T and keep ratio, both
    // policies, including T = 1 and ratios next to 0 and 1.
    for (int64_t t : {1, 2, 3, 7, 16}) {
      Fixture f = randomFeatures(t, 81, 6, static_cast<uint32_t>(t));
      bind(f, 6);
      for (double keep : {0.0, 0.001, 0.05, 0.3, 0.5, 0.7, 0.999, 1.0}) {
        for (auto policy : {BudgetPolicy::Equal, BudgetPolicy::Native}) {
          for (const char* m : kSelectors) {
            f.input.keepCells = keptCellCount(m, policy, keep, t, 0);
            f.input.keepRatio = keep;
            auto r = makeSelector(m)->select(f.input);
            const QByteArray what = QByteArray(m) + " T=" + QByteArray::number(qint64(t)) +
                                    " keep=" + QByteArray::number(keep);
            QVERIFY2(sum(r.keep) == f.input.keepCells, what);
            QVERIFY2(r.score.size() == static_cast<size_t>(81 * t), what);
            QVERIFY2(r.keptPerFrame.size() == static_cast<size_t>(t), what);
            int64_t perFrame = 0;
            for (auto k : r.keptPerFrame) perFrame += k;
            QVERIFY2(perFrame == f.input.keepCells, what);
          }
        }
      }
    }
  }

  void firstFrameRules() {
    Fixture f = randomFeatures(6, 81, 5, 11);
    bind(f, 5);
    // EVS: native K >= 81 always, and frame 0 ranks first (sentinel), so it is kept whole.
    for (double keep : {0.0, 0.1, 0.5}) {
      f.input.keepCells = keptCellCount("evs", BudgetPolicy::Native, keep, 6, 0);
      auto r = selectEvs(f.input);
      QCOMPARE(r.keptPerFrame[0], 81);
      QCOMPARE(r.extras.at("evs_forced_frame")[0], 1.0f);
    }
    // STTS: frame 0 is forced to 100 and kept while the budget fits in the other frames.
    std::vector<float> scores(6 * 81, 0.01f);
    auto sel = selectLowest(selectionScores(scores, 81), 6, 81, sttsBudget(0.8, 6, 0));
    QCOMPARE(sel.keptPerFrame[0], 81);
    // Random does not protect frame 0: with 1 of 486 cells kept, frame 0 loses cells.
    f.input.keepCells = 1;
    auto r = selectRandom(f.input);
    QVERIFY(r.keptPerFrame[0] < 81);
  }

  void vidcom2FloorAndReconcile() {
    Fixture f = randomFeatures(8, 81, 12, 5);
    bind(f, 12);
    for (double keep : {0.001, 0.2, 0.5, 0.9}) {
      f.input.keepRatio = keep;
      f.input.keepCells = keptCellCount("vidcom2", BudgetPolicy::Native, keep, 8, 0);
      auto r = selectVidcom2(f.input);
      const auto& kt = r.extras.at("vidcom2_k_t");
      QCOMPARE(kt.size(), size_t(8));
      for (float k : kt) QVERIFY(k >= 1 && k <= 81);  // at least one per frame before reconcile
      QCOMPARE(sum(r.keep), f.input.keepCells);       // exactly K after it
      QCOMPARE(r.extras.at("vidcom2_frame_weight").size(), size_t(8));
    }
  }

  void evsStaticVideoTiesGoToTheEarliest() {
    // Identical frames: d = 0 for every cell of frames 1.., so after frame 0 (sentinel) the
    // earliest indices win: K = 81 + 5 keeps frame 0 and cells 0..4 of frame 1.
    // Cell c is (c + 1) on axis c % 4, so its norm is exact and cos(x, x) is exactly 1.
    Fixture f;
    for (int t = 0; t < 4; ++t)
      for (int c = 0; c < 81; ++c)
        for (int i = 0; i < 4; ++i) f.data.push_back(i == c % 4 ? float(c + 1) : 0.0f);
    f.input.frames = 4;
    f.input.cellsPerFrame = 81;
    bind(f, 4);
    f.input.keepCells = 86;
    auto r = selectEvs(f.input);
    for (int i = 0; i < 4 * 81; ++i) QCOMPARE(int(r.keep[i]), i < 86 ? 1 : 0);
    QCOMPARE(r.score[81], 0.0f);
    QCOMPARE(r.score[0], 2.0f);  // frame 0 reported as the largest possible distance
  }

  void randomIsSeeded() {
    Fixture f = randomFeatures(4, 81, 1, 1);
    f.input.keepCells = 150;
    f.input.seed = 42;
    auto a = selectRandom(f.input), b = selectRandom(f.input);
    QCOMPARE(a.keep, b.keep);
    QCOMPARE(a.score, b.score);
    f.input.seed = 43;
    auto c = selectRandom(f.input);
    QVERIFY(a.keep != c.keep);
    // The kept cells are exactly those with the highest keys, keys in [0, 1).
    float lowestKept = 1.0f, highestDropped = 0.0f;
    for (size_t i = 0; i < a.keep.size(); ++i) {
      QVERIFY(a.score[i] >= 0.0f && a.score[i] < 1.0f);
      if (a.keep[i])
        lowestKept = std::min(lowestKept, a.score[i]);
      else
        highestDropped = std::max(highestDropped, a.score[i]);
    }
    QVERIFY(lowestKept > highestDropped);
  }

  void heuristicRetryStartsFromTheOriginalMask() {
    // One cell per frame, unit vectors: f0 at 0 deg, f1 = f2 with cos 0.82 to f0.
    //   theta 0.85: f1's mean 0.82 < 0.85 -> reference frame (-1); f2 vs f1 = 1.0.
    //     scores [-1, -1, 1]; dropping 2 of 3 (most redundant first, stable) drops f2 and f0,
    //     a reference frame -> failure.
    //   theta 0.80: f1 0.82 >= 0.80 -> score 0.82, f0 stays the reference; f2 vs f0 = 0.82.
    //     scores [-1, .82, .82]: drop f1, f2 -> keep [1, 0, 0]. Success.
    // A retry that started from the already pruned mask would drop 2 more cells.
    const double a = std::acos(0.82) * 180.0 / std::numbers::pi;
    for (auto mode : {ReferenceMode::Tracked, ReferenceMode::Previous}) {
      Fixture f = angles(3, 1, {0.0, a, a});
      f.input.keepCells = 1;
      bool failed = false;
      similarityAttempt(f.input, mode, 0.85, &failed);
      QVERIFY(failed);
      auto r = selectSimilarity(f.input, mode);
      QCOMPARE(r.keep, (std::vector<uint8_t>{1, 0, 0}));
      QCOMPARE(r.extras.at("heuristic_tries")[0], 2.0f);
      QCOMPARE(r.extras.at("heuristic_threshold")[0], 0.80f);
      auto direct = similarityAttempt(f.input, mode, 0.80, &failed);
      QVERIFY(!failed);
      QCOMPARE(r.keep, direct.keep);
    }
  }

  void heuristicAndEasyByHand() {
    // Two cells, three frames, unit vectors at angles (deg): cell 0: 0, 30, 60; cell 1: 0, 0, 10.
    // cos 30 = .866, cos 60 = .5, cos 10 = .985. theta 0.85, keep 4 of 6 (drop 2).
    // heuristic: f1 vs ref f0: [.866, 1], mean .933 -> scores [.866, 1] (both >= theta, refs
    //   stay f0). f2 vs ref f0: [.5, .985], mean .742 < .85 -> reference frame, scores -1.
    //   Drop the two highest: f1c1 (1), f1c0 (.866) -> keep [1,1, 0,0, 1,1].
    // easy: f2 vs f1: [.866, .985], mean .926 -> scores [.866, .985].
    //   Drop f1c1 (1) and f2c1 (.985) -> keep [1,1, 1,0, 1,0].
    Fixture f = angles(3, 2, {0, 0, 30, 0, 60, 10});
    f.input.keepCells = 4;
    auto h = makeSelector("heuristic")->select(f.input);
    QCOMPARE(h.keep, (std::vector<uint8_t>{1, 1, 0, 0, 1, 1}));
    QCOMPARE(h.score[4], -1.0f);
    QCOMPARE(h.extras.at("heuristic_reference"), (std::vector<float>{2, 2, 0, 0, 2, 2}));
    QCOMPARE(h.extras.at("heuristic_tries")[0], 1.0f);
    auto e = makeSelector("easy")->select(f.input);
    QCOMPARE(e.keep, (std::vector<uint8_t>{1, 1, 1, 0, 1, 0}));
    QVERIFY(std::abs(e.score[4] - 0.8660254f) < 1e-5f);

    // Per-cell reference tracking: cell 0: 0, 40, 45; cell 1: 0, 0, 0 (theta .85, cos 40 =
    // .766). f1: [.766, 1], mean .883 -> no new frame; cell 0 is below theta, so f1c0 becomes
    // its reference (marked 1). f2 vs refs (f1c0, f0c1): [cos 5 = .996, 1]; easy would compare
    // with f1 too, so take keep 3 and look at the heuristic alone: scores f1 [.766, 1],
    // f2 [.996, 1]: drop f1c1 (1), f2c1 (1), f2c0 (.996) -> keep [1,1, 1,0, 0,0].
    Fixture g = angles(3, 2, {0, 0, 40, 0, 45, 0});
    g.input.keepCells = 3;
    auto t = makeSelector("heuristic")->select(g.input);
    QCOMPARE(t.extras.at("heuristic_reference"), (std::vector<float>{2, 2, 1, 0, 0, 0}));
    QCOMPARE(t.keep, (std::vector<uint8_t>{1, 1, 1, 0, 0, 0}));
    QVERIFY(std::abs(t.score[4] - std::cos(5.0 * std::numbers::pi / 180.0)) < 1e-5);
  }

  void evsByHand() {
    // Two cells, three frames: cell 0 at 0, 30, 40 deg; cell 1 at 0, 0, 20 deg.
    // d: frame 0 = sentinel; f1 [1 - cos30 = .134, 0]; f2 [1 - cos10 = .0152, 1 - cos20 = .0603].
    // Descending: f0c0, f0c1, f1c0, f2c1, f2c0, f1c1. K = 4 -> keep [1,1, 1,0, 0,1].
    Fixture f = angles(3, 2, {0, 0, 30, 0, 40, 20});
    f.input.keepCells = 4;
    auto r = makeSelector("evs")->select(f.input);
    QCOMPARE(r.keep, (std::vector<uint8_t>{1, 1, 1, 0, 0, 1}));
    QCOMPARE(r.keptPerFrame, (std::vector<int32_t>{2, 1, 1}));
    QVERIFY(std::abs(r.score[2] - (1.0f - 0.8660254f)) < 1e-5f);
  }

  void vidcom2ByHand() {
    // T 2, P 2, D 2. Tokens (ch0, ch1): f0: (5, .1), (-5, .1); f1: (3, .1), (-3, -.1).
    // Channel 1 has the lower variance, so D' = 1 and the normalised tokens are +1, +1 | +1, -1.
    // Video centre g = .5; frame centres 1 and 0. With G(sq) = sum_a exp(-sq / 2a):
    //   vs = G(.25) for +1 tokens, G(2.25) for -1; u0 = -G(.25) = -3.58,
    //   u1 = -(G(.25) + G(2.25)) / 2 = -2.29: frame 1 is more distinctive, w ~ [0, 1].
    //   r = .5: s0 = .5 (1 + 0 - .5) = .25 -> round(.5) = 0 -> clamp 1; s1 = .75 -> round(1.5) = 2.
    //   k_t = [1, 2]. Frame 0's two tokens are equal: the first is kept -> [1,0, 1,1].
    // Scores: f0c0 = G(.25) + G(0) (largest), f1c0 = G(.25) + G(1), f1c1 = G(2.25) + G(1).
    // Reconcile to K = 2 drops the most redundant kept token, f0c0 -> [0,0, 1,1] (frame 0 empty:
    // the reconcile may empty a frame). K = 3 leaves [1,0, 1,1].
    Fixture f;
    f.data = {5, .1f, -5, .1f, 3, .1f, -3, -.1f};
    f.input.frames = 2;
    f.input.cellsPerFrame = 2;
    f.input.keepRatio = 0.5;
    bind(f, 2);
    f.input.keepCells = 3;
    auto r = makeSelector("vidcom2")->select(f.input);
    QCOMPARE(r.extras.at("vidcom2_k_t"), (std::vector<float>{1, 2}));
    QCOMPARE(r.keep, (std::vector<uint8_t>{1, 0, 1, 1}));
    f.input.keepCells = 2;
    r = makeSelector("vidcom2")->select(f.input);
    QCOMPARE(r.keep, (std::vector<uint8_t>{0, 0, 1, 1}));
    QCOMPARE(r.extras.at("vidcom2_k_t"), (std::vector<float>{1, 2}));
    QVERIFY(r.score[0] > r.score[2] && r.score[2] > r.score[3]);
    QVERIFY(r.extras.at("vidcom2_frame_weight")[1] > 0.999f);
  }

  void concatenatedCellRows() {
    // A cell made of two rows: dot = sum of the row dots (the heuristic's 9-patch concat).
    std::vector<float> data = {1, 2, 3, 4, /*frame 1*/ 1, 0, 0, 1};
    CellFeatures f;
    f.data = data.data();
    f.frames = 2;
    f.rowsPerFrame = 2;
    f.dim = 2;
    f.cellRows = {0, 1};
    f.rowsPerCell = 2;
    QCOMPARE(f.cellsPerFrame(), int64_t(1));
    QCOMPARE(f.dotSamePosition(0, 1, 0), 1.0 + 4.0);
    QCOMPARE(f.squaredNorm(0, 0), 30.0);
  }

  void poolRegionsTileTheGrid() {
    // Every token count of a 9 x 9 and a 6 x 12 grid: exactly that many non-empty rectangles,
    // covering each cell once, in reading order, of near-equal size (the largest at most 4 times
    // the smallest, as a 2 x 2 block next to a single cell is the worst a row/column split gives).
    for (auto [rows, cols] : {std::pair<int64_t, int64_t>{9, 9}, {6, 12}}) {
      for (int64_t k = 1; k <= rows * cols; ++k) {
        const auto regions = poolRegions(rows, cols, k);
        const QByteArray what = QByteArray::number(qint64(rows)) + "x" +
                                QByteArray::number(qint64(cols)) +
                                " k=" + QByteArray::number(qint64(k));
        QVERIFY2(std::ssize(regions) == k, what);
        std::vector<int> covered(static_cast<size_t>(rows * cols), 0);
        int64_t smallest = rows * cols, largest = 0, previous = -1;
        for (const PoolRegion& r : regions) {
          QVERIFY2(r.row0 < r.row1 && r.col0 < r.col1 && r.row1 <= rows && r.col1 <= cols, what);
          const int64_t first = r.row0 * cols + r.col0;
          QVERIFY2(first > previous, what);
          previous = first;
          smallest = std::min(smallest, (r.row1 - r.row0) * (r.col1 - r.col0));
          largest = std::max(largest, (r.row1 - r.row0) * (r.col1 - r.col0));
          for (int64_t y = r.row0; y < r.row1; ++y)
            for (int64_t x = r.col0; x < r.col1; ++x) ++covered[static_cast<size_t>(y * cols + x)];
        }
        for (int c : covered) QVERIFY2(c == 1, what);
        QVERIFY2(largest <= 4 * smallest, what);
      }
    }
    // Worked by hand: 9 tokens of 9 x 9 are the 3 x 3 blocks; 81 are the cells; 0 is nothing.
    const auto nine = poolRegions(9, 9, 9);
    QCOMPARE(nine[4].row0, int64_t(3));
    QCOMPARE(nine[4].row1, int64_t(6));
    QCOMPARE(nine[4].col0, int64_t(3));
    QCOMPARE(nine[4].col1, int64_t(6));
    const auto all = poolRegions(9, 9, 81);
    QCOMPARE(all[10].row0 * 9 + all[10].col0, int64_t(10));
    QVERIFY(poolRegions(9, 9, 0).empty());
  }

  void downsampleMarksOneCellPerToken() {
    // 2 frames, 19 tokens: frame 0 gets 10, frame 1 gets 9 (the 3 x 3 blocks, middle cells kept).
    SelectorInput in;
    in.frames = 2;
    in.cellsPerFrame = 81;
    in.keepCells = 19;
    const SelectorResult r = selectDownsample(in);
    QCOMPARE(r.keptPerFrame, (std::vector<int32_t>{10, 9}));
    std::vector<int64_t> kept;
    for (size_t i = 81; i < r.keep.size(); ++i)
      if (r.keep[i]) kept.push_back(int64_t(i) - 81);
    QCOMPARE(kept, (std::vector<int64_t>{10, 13, 16, 37, 40, 43, 64, 67, 70}));
    const std::vector<float>& region = r.extras.at("downsample_region");
    // Tokens count on over the video: frame 1's first block is token 10, its last token 18.
    QCOMPARE(region[81], 10.0f);
    QCOMPARE(region[81 + 80], 18.0f);
    // Each kept cell is its own region's token, and the tokens come in the kept cells' order.
    float expected = 0;
    for (size_t i = 0; i < r.keep.size(); ++i)
      if (r.keep[i]) QCOMPARE(region[i], expected++);
    // Neighbouring blocks never share a shade, so a heatmap shows the grid.
    QCOMPARE(r.score[81 + 0], 0.25f);
    QCOMPARE(r.score[81 + 3], 0.5f);
    QCOMPARE(r.score[81 + 27], 0.75f);
    QCOMPARE(r.score[81 + 30], 1.0f);
    // In frame 0 (10 tokens: bands of 3, 4 and 3 regions, so the grid does not line up) too:
    // every cell differs from its right and lower neighbour exactly where the region changes.
    const std::vector<float>& regionOf = r.extras.at("downsample_region");
    for (int y = 0; y < 9; ++y)
      for (int x = 0; x < 9; ++x) {
        const int i = y * 9 + x;
        if (x < 8)
          QCOMPARE(r.score[size_t(i)] != r.score[size_t(i + 1)],
                   regionOf[size_t(i)] != regionOf[size_t(i + 1)]);
        if (y < 8)
          QCOMPARE(r.score[size_t(i)] != r.score[size_t(i + 9)],
                   regionOf[size_t(i)] != regionOf[size_t(i + 9)]);
      }
    // Fewer tokens than frames: the last frames get none, and their cells feed nothing.
    in.keepCells = 1;
    const SelectorResult few = selectDownsample(in);
    QCOMPARE(few.keptPerFrame, (std::vector<int32_t>{1, 0}));
    QCOMPARE(few.extras.at("downsample_region")[40], 0.0f);
    QCOMPARE(few.extras.at("downsample_region")[81 + 40], -1.0f);
  }

  void methodList() {
    // The public list names exactly the methods the pipeline accepts, in display order.
    QCOMPARE(QString::fromStdString(stts::pruningMethodNames()),
             QString("stts, none, random, heuristic, easy, evs, vidcom2, fastv, downsample"));
    for (const char* m : kSelectors) {
      QVERIFY(makeSelector(m) != nullptr);
      QVERIFY(stts::findPruningMethod(m) != nullptr);
    }
    QVERIFY(!makeSelector("stts") && !makeSelector("fastv") && !makeSelector("bogus"));
    QVERIFY(stts::findPruningMethod("fastv")->textConditioned);
    QVERIFY(stts::findPruningMethod("evs")->actsOn == stts::MethodStage::PostConnector);
    QVERIFY(!stts::findPruningMethod("vidcom2")->higherScoreKept);
    QVERIFY(stts::findPruningMethod("downsample")->actsOn == stts::MethodStage::PostConnector);
  }
};

QTEST_APPLESS_MAIN(TestPruneBaselines)
#include "test_prune_baselines.moc"
