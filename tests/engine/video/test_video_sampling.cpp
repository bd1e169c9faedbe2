// Molmo2 time sampling (molmo2-spec.md §2.1) and frame lookup: pure functions, no media.
#include <QTest>
#include <cmath>

#include "stts/video.h"

using stts::FrameIndex;
using stts::SamplingSpec;

namespace {

FrameIndex makeIndex(std::vector<double> times, double lastEnd) {
  FrameIndex idx;
  idx.times = times;
  for (size_t i = 0; i < times.size(); ++i) {
    idx.pts.push_back(int64_t(i));
    idx.isKey.push_back(i == 0);
    idx.ends.push_back(i + 1 < times.size() ? times[i + 1] : lastEnd);
  }
  return idx;
}

std::vector<double> linspace(double d, int n) {
  std::vector<double> v;
  for (int i = 0; i < n; ++i) v.push_back(n > 1 ? d * i / (n - 1) : 0.0);
  return v;
}

}  // namespace

class TestVideoSampling : public QObject {
  Q_OBJECT

 private slots:
  void sampleTimes_data() {
    QTest::addColumn<double>("duration");
    QTest::addColumn<int>("frames");
    QTest::addColumn<double>("fps");
    QTest::addColumn<std::vector<double>>("expected");
    // (N-1)/f < D: N values evenly spaced over [0, D] inclusive.
    QTest::newRow("linspace 10s N8 f2") << 10.0 << 8 << 2.0 << linspace(10.0, 8);
    QTest::newRow("linspace 200s N384 f2") << 200.0 << 384 << 2.0 << linspace(200.0, 384);
    QTest::newRow("linspace N1") << 1.0 << 1 << 2.0 << std::vector<double>{0.0};
    QTest::newRow("no fps cap") << 3.0 << 4 << 0.0 << linspace(3.0, 4);
    // Otherwise: 0, 1/f, 2/f, ... (< D), then D appended.
    QTest::newRow("arange 3s N8 f2")
        << 3.0 << 8 << 2.0 << std::vector<double>{0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0};
    QTest::newRow("boundary (N-1)/f == D")
        << 3.5 << 8 << 2.0 << std::vector<double>{0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5};
    QTest::newRow("arange 2.9s N384 f2")
        << 2.9 << 384 << 2.0 << std::vector<double>{0, 0.5, 1.0, 1.5, 2.0, 2.5, 2.9};
    QTest::newRow("one frame clip") << 0.04 << 384 << 2.0 << std::vector<double>{0, 0.04};
    QTest::newRow("f1 exact multiple") << 4.0 << 64 << 1.0 << std::vector<double>{0, 1, 2, 3, 4};
    QTest::newRow("zero duration") << 0.0 << 8 << 2.0 << std::vector<double>{0.0};
    QTest::newRow("no frames") << 5.0 << 0 << 2.0 << std::vector<double>{};
  }
  void sampleTimes() {
    QFETCH(double, duration);
    QFETCH(int, frames);
    QFETCH(double, fps);
    QFETCH(std::vector<double>, expected);
    const auto got = stts::molmo2SampleTimes(duration, SamplingSpec{frames, fps});
    QCOMPARE(got.size(), expected.size());
    for (size_t i = 0; i < got.size(); ++i)
      QVERIFY2(std::abs(got[i] - expected[i]) < 1e-9, qPrintable(QString::number(i)));
    if (got.size() > 1) QCOMPARE(got.back(), duration);  // the last time is exactly D
  }

  void sampleTimesNeverExceedBudget() {
    for (double d : {0.5, 1.0, 63.0, 63.5, 64.0, 100.0, 3600.0})
      for (int n : {1, 2, 16, 64, 384})
        QVERIFY(stts::molmo2SampleTimes(d, SamplingSpec{n, 2.0}).size() <= size_t(n));
  }

  void frameDisplayedAtEdges() {
    const auto idx = makeIndex({0.0, 0.04, 0.08}, 0.12);
    QCOMPARE(stts::frameDisplayedAt(idx, 0.0), 0);
    QCOMPARE(stts::frameDisplayedAt(idx, 0.039), 0);
    QCOMPARE(stts::frameDisplayedAt(idx, 0.04), 1);  // exactly on a boundary: the next frame
    QCOMPARE(stts::frameDisplayedAt(idx, 0.1), 2);
    QCOMPARE(stts::frameDisplayedAt(idx, 0.12), 2);  // the end: clamped to the last frame
    QCOMPARE(stts::frameDisplayedAt(idx, 99.0), 2);  // past the end
    QCOMPARE(stts::frameDisplayedAt(idx, -1.0), 0);
    QCOMPARE(stts::frameDisplayedAt(FrameIndex{}, 0.0), -1);
  }

  void frameDisplayedAtVariableRate() {
    const auto idx = makeIndex({0.0, 1.0, 1.1, 3.0}, 3.5);
    QCOMPARE(stts::frameDisplayedAt(idx, 0.99), 0);
    QCOMPARE(stts::frameDisplayedAt(idx, 1.05), 1);
    QCOMPARE(stts::frameDisplayedAt(idx, 2.9), 2);
    QCOMPARE(stts::frameDisplayedAt(idx, 3.4), 3);
  }
};

QTEST_APPLESS_MAIN(TestVideoSampling)
#include "test_video_sampling.moc"
