// STTS budget, selection, soft-bias rescale and FFD packing against hand-computed cases
// (docs/molmo2-spec.md §6.5-6.7).
#include <QtTest/QtTest>

#include <cmath>
#include <vector>

#include "stts/prune/stts_select.h"

using namespace stts::prune;

class TestPruneStts : public QObject {
  Q_OBJECT
 private slots:
  void budgetTable_data() {
    QTest::addColumn<double>("topk");
    QTest::addColumn<qlonglong>("frames");
    QTest::addColumn<qlonglong>("pruneFrom");
    QTest::addColumn<qlonglong>("budget");
    // Values from trunc(float32(81*topk) * float32(T - pruneFrom)).
    QTest::newRow("paper 0.5 x 64") << 0.5 << 64LL << 0LL << 2592LL;
    QTest::newRow("0.3 x 64 (24.3/frame)") << 0.3 << 64LL << 0LL << 1555LL;
    QTest::newRow("T=1") << 0.5 << 1LL << 0LL << 40LL;
    QTest::newRow("topk 0") << 0.0 << 10LL << 0LL << 0LL;
    QTest::newRow("topk near 1") << 0.999 << 10LL << 0LL << 809LL;
    QTest::newRow("topk 1") << 1.0 << 4LL << 0LL << 324LL;
    QTest::newRow("0.1 x 7") << 0.1 << 7LL << 0LL << 56LL;
    QTest::newRow("0.9 x 384") << 0.9 << 384LL << 0LL << 27993LL;
    // float32 rounding decides: in double these are 242.99999999999997 and 1214.9999999999998.
    QTest::newRow("f32 trunc 0.03 x 100") << 0.03 << 100LL << 0LL << 243LL;
    QTest::newRow("f32 trunc 0.06 x 250") << 0.06 << 250LL << 0LL << 1215LL;
    QTest::newRow("f32 0.3 x 10") << 0.3 << 10LL << 0LL << 243LL;
    QTest::newRow("keep 0.7 x 5") << (1.0 - 0.7) << 5LL << 0LL << 121LL;
    QTest::newRow("prune_from_frame") << 0.5 << 10LL << 2LL << 324LL;
    QTest::newRow("prune_from beyond T") << 0.5 << 3LL << 5LL << 0LL;
  }
  void budgetTable() {
    QFETCH(double, topk);
    QFETCH(qlonglong, frames);
    QFETCH(qlonglong, pruneFrom);
    QFETCH(qlonglong, budget);
    QCOMPARE(static_cast<qlonglong>(sttsBudget(topk, frames, pruneFrom)), budget);
  }

  void frameZeroKept() {
    // 3 frames x 4 cells; frame 0 has the lowest raw scores but is forced to 100.
    std::vector<float> raw = {0.0f, 0.0f, 0.0f, 0.0f, 0.5f, 0.2f,
                              0.9f, 0.1f, 0.3f, 0.8f, 0.4f, 0.7f};
    auto sel = selectLowest(selectionScores(raw, 4), 3, 4, 5);
    // Lowest five of frames 1-2: 0.1, 0.2, 0.3, 0.4, 0.5.
    std::vector<uint8_t> want = {1, 1, 1, 1, 0, 0, 1, 0, 0, 1, 0, 1};
    QCOMPARE(sel.keep, want);
    QCOMPARE(sel.keptPerFrame, (std::vector<int32_t>{4, 1, 2}));
    QCOMPARE(sel.removed, int64_t{5});
    // T = 1 with a budget: frame 0 is the only frame, so its cells go (lowest flat index first).
    auto one = selectLowest(selectionScores({0.1f, 0.2f, 0.3f, 0.4f}, 4), 1, 4, 2);
    QCOMPARE(one.keep, (std::vector<uint8_t>{0, 0, 1, 1}));
    // Budget larger than the other frames' cells eats into frame 0.
    auto big = selectLowest(selectionScores(raw, 4), 3, 4, 10);
    QCOMPARE(big.keptPerFrame, (std::vector<int32_t>{2, 0, 0}));
    QCOMPARE(big.keep[2], uint8_t{1});
    QCOMPARE(big.keep[0], uint8_t{0});
  }

  void deterministicTies() {
    std::vector<float> raw(3 * 4, 0.5f);
    auto a = selectLowest(selectionScores(raw, 4), 3, 4, 6);
    auto b = selectLowest(selectionScores(raw, 4), 3, 4, 6);
    QCOMPARE(a.keep, b.keep);
    // Equal scores: lower flat index removed first; frame 0 untouched.
    QCOMPARE(a.keep, (std::vector<uint8_t>{1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1}));
  }

  void softBiasRows() {
    // 2 frames, grid 6x6 patches, pool 3 -> 2x2 cells.
    const double lo = std::exp(-2.0);
    std::vector<float> s = {0.9f, 0.1f, 0.3f, 0.8f,   // frame 0: ignored (bias 0)
                            0.2f, 0.6f, 0.7f, 0.7f};  // frame 1: row 0 = (0.2, 0.6), row 1 equal
    auto bias = softBiasLog(s, 2, 6, 6, 3, lo);
    QCOMPARE(bias.size(), size_t{72});
    for (int i = 0; i < 36; ++i) QCOMPARE(bias[static_cast<size_t>(i)], 0.0f);
    const float flo = static_cast<float>(lo);
    auto ref = [&](float v, float mn, float mx) {
      return std::log(flo + (v - mn) * (1.0f - flo) / (mx - mn + 1e-6f));
    };
    for (int y = 0; y < 3; ++y) {
      for (int x = 0; x < 6; ++x) {
        const float want = ref(x < 3 ? 0.2f : 0.6f, 0.2f, 0.6f);
        QCOMPARE(bias[static_cast<size_t>(36 + y * 6 + x)], want);
      }
    }
    // Row minimum -> ln(e^-2) = -2; row maximum -> ln(~1) ~ 0.
    QVERIFY(std::fabs(bias[36] + 2.0f) < 1e-5f);
    QVERIFY(std::fabs(bias[36 + 5]) < 1e-5f);
    // An all-equal row: s - min = 0 -> every patch gets e^-2, i.e. bias -2 (spec §6.10).
    for (int y = 3; y < 6; ++y)
      for (int x = 0; x < 6; ++x)
        QVERIFY(std::fabs(bias[static_cast<size_t>(36 + y * 6 + x)] + 2.0f) < 1e-5f);
  }

  void ffdAssignment() {
    // capacity 10; counts: f0 10, f1 4, f2 6, f3 3, f4 0, f5 4
    // order by count desc: f0(10) f2(6) f1(4) f5(4) f3(3) f4(0)
    // f0 -> bin0 (full); f2 -> bin1 (6); f1 -> bin1 (10); f5 -> bin2 (4); f3 -> bin2 (7)
    auto plan = ffdPack({10, 4, 6, 3, 0, 4}, 10);
    QCOMPARE(plan.order, (std::vector<int32_t>{0, 2, 1, 5, 3, 4}));
    QCOMPARE(plan.frameBin, (std::vector<int32_t>{0, 1, 1, 2, -1, 2}));
    QCOMPARE(plan.frameOffset, (std::vector<int32_t>{0, 6, 0, 4, 0, 0}));
    QCOMPARE(plan.binUsed, (std::vector<int32_t>{10, 10, 7}));
    QCOMPARE(plan.lone, (std::vector<uint8_t>{1, 0, 0, 0, 0, 0}));
  }

  void ffdLoneRefill() {
    // Two big frames cannot share: each is alone -> both refilled; the small pair shares.
    auto plan = ffdPack({7, 8, 2, 1}, 9);
    // order: f1(8) f0(7) f2(2) f3(1): f1->b0 (8), f0->b1 (7), f2->b1 (9), f3->b0 (9)
    QCOMPARE(plan.frameBin, (std::vector<int32_t>{1, 0, 1, 0}));
    QCOMPARE(plan.lone, (std::vector<uint8_t>{0, 0, 0, 0}));
    auto lone = ffdPack({7, 8, 2}, 9);
    // f1->b0 (8), f0->b1 (7), f2->b1 (9): f1 alone in b0 -> refilled.
    QCOMPARE(lone.lone, (std::vector<uint8_t>{0, 1, 0}));
    // Ties in count are broken by frame index.
    auto ties = ffdPack({5, 5, 5}, 9);
    QCOMPARE(ties.order, (std::vector<int32_t>{0, 1, 2}));
    QCOMPARE(ties.frameBin, (std::vector<int32_t>{0, 1, 2}));
    QCOMPARE(ties.lone, (std::vector<uint8_t>{1, 1, 1}));
  }
};

QTEST_GUILESS_MAIN(TestPruneStts)
#include "test_prune_stts.moc"
