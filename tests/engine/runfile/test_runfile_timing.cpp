// How run files record their timings: the clock, warm-up and repeats, each stage's scope and the
// peak GPU memory; files written before these fields load with the defaults; and the median of
// repeated runs that stts score|run --repeat reports.
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "runfile_test_support.h"
#include "stts/runfile.h"
#include "stts/stages.h"

using namespace stts;
using namespace runfile_test;

class TestRunFileTiming : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  std::string path(const char* name) const { return dir_.filePath(name).toStdString(); }

 private slots:
  void timingScopeIsRecorded() {
    // Every stage a run file carries says what its milliseconds include, and how they were taken.
    const std::string file = path("scope.sttsrun");
    QVERIFY(saveRunFile(file, sampleRun(2, false, false)).ok());
    const auto j = nlohmann::json::parse(partsOf(file).metadata.at("stts"));
    QCOMPARE(j["timing"]["clock"].get<std::string>(), std::string("cuda_events"));
    QCOMPARE(j["timing"]["statistic"].get<std::string>(), std::string("median"));
    QCOMPARE(j["timing"]["repeats"].get<int>(), 5);
    QVERIFY(j["timing"]["scope"]["vit_pre"].get<std::string>().find("ViT blocks") !=
            std::string::npos);
    QVERIFY(j["timing"]["scope"].contains("decode"));
    QCOMPARE(j["peak_device_memory_bytes"].get<int64_t>(), int64_t{3} << 32);
  }

  void filesBeforeGpuTimingLoad() {
    const std::string saved = path("pre-gpu.sttsrun"), old = path("pre-gpu-edited.sttsrun");
    QVERIFY(saveRunFile(saved, sampleRun(2, false, false)).ok());
    Parts p = partsOf(saved);
    auto j = nlohmann::ordered_json::parse(p.metadata["stts"]);
    j.erase("timing");
    j.erase("peak_device_memory_bytes");
    p.metadata["stts"] = j.dump();
    QVERIFY(p.write(old));
    auto loaded = loadRunFile(old);
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    QCOMPARE(loaded->timingClock, std::string("steady_clock"));
    QCOMPARE(loaded->timingRepeats, 1);
    QCOMPARE(loaded->peakDeviceMemoryBytes, int64_t{0});
    // An unknown clock is refused, not guessed.
    j = nlohmann::ordered_json::parse(partsOf(saved).metadata["stts"]);
    j["timing"]["clock"] = "sundial";
    p.metadata["stts"] = j.dump();
    QVERIFY(p.write(old));
    auto bad = loadRunFile(old);
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message.find("timing.clock") != std::string::npos);
  }

  void medianOfRepeatedTimings() {
    using T = std::vector<StageTiming>;
    const std::vector<T> runs = {
        {{"vit_pre", 10, "cpu", 5}, {"select", 1, "cpu", 0}, {"select", 7, "cpu", 0}},
        {{"vit_pre", 30, "cpu", 5}, {"select", 3, "cpu", 0}, {"select", 9, "cpu", 0}},
        {{"vit_pre", 20, "cpu", 5}, {"select", 2, "cpu", 0}, {"select", 8, "cpu", 0}},
        {{"vit_pre", 40, "cpu", 5}, {"select", 4, "cpu", 0}, {"select", 6, "cpu", 0}}};
    const T m = medianTimings(runs);
    QCOMPARE(m.size(), size_t{3});
    QCOMPARE(m[0].milliseconds, 30.0);  // upper middle of 10, 20, 30, 40: a measured value
    QCOMPARE(m[1].milliseconds, 3.0);   // the first "select" of each run
    QCOMPARE(m[2].milliseconds, 8.0);   // the second
    QCOMPARE(m[0].tokens, int64_t{5});
    QVERIFY(medianTimings({}).empty());
  }
};

QTEST_GUILESS_MAIN(TestRunFileTiming)
#include "test_runfile_timing.moc"
