// Opening valid fixtures: the PTS index must match ffprobe exactly (frame count from
// -count_frames, packet PTS), and sizes, rotation, start time and VFR must be what was encoded.
#include <QTest>
#include <algorithm>
#include <cmath>

#include "fixture_util.h"

class TestVideoProbe : public QObject {
  Q_OBJECT

 private slots:
  void indexMatchesFfprobe_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("displayWidth");
    QTest::addColumn<int>("displayHeight");
    QTest::addColumn<double>("duration");
    QTest::addColumn<bool>("vfr");
    QTest::newRow("normal") << "normal.mp4" << 160 << 120 << 3.0 << false;
    QTest::newRow("b-frames") << "bframes.mp4" << 160 << 120 << 4.0 << false;
    QTest::newRow("long gop") << "longgop.mp4" << 160 << 120 << 20.0 << false;
    QTest::newRow("vfr") << "vfr.mkv" << 160 << 120 << 10.84 << true;
    QTest::newRow("start 10 s") << "start10.mkv" << 160 << 120 << 2.0 << false;
    QTest::newRow("negative start") << "negstart.ts" << 160 << 120 << 2.0 << false;
    QTest::newRow("one frame") << "one_frame.mp4" << 160 << 120 << 0.04 << false;
    QTest::newRow("webm from pipe") << "pipe.webm" << 160 << 120 << 2.0 << false;
    QTest::newRow("rotate tag 90") << "rot90.mp4" << 120 << 160 << 3.0 << false;
    QTest::newRow("rotate tag 180") << "rot180.mp4" << 160 << 120 << 3.0 << false;
    QTest::newRow("rotate tag 270") << "rot270.mp4" << 120 << 160 << 3.0 << false;
    QTest::newRow("853x479") << "odd_853x479.mkv" << 853 << 479 << 0.2 << false;
    QTest::newRow("1x1") << "odd_1x1.mkv" << 1 << 1 << 0.2 << false;
    QTest::newRow("3x2") << "odd_3x2.mkv" << 3 << 2 << 0.2 << false;
    QTest::newRow("sar 2:1") << "sar2.mp4" << 320 << 120 << 1.0 << false;
    QTest::newRow("damage source") << "damage_src.mp4" << 160 << 120 << 4.0 << false;
  }
  void indexMatchesFfprobe() {
    QFETCH(QString, name);
    QFETCH(int, displayWidth);
    QFETCH(int, displayHeight);
    QFETCH(double, duration);
    QFETCH(bool, vfr);
    const auto truth = fixtures::probe(qPrintable(name));
    QVERIFY2(truth, "missing ffprobe ground truth; was stts_fixtures built?");
    auto src = stts::VideoSource::open(fixtures::path(qPrintable(name)));
    QVERIFY2(src, src ? "" : src.error().message.c_str());
    const auto& info = src->info();
    const auto& idx = src->index();

    QCOMPARE(info.frameCount, truth->nbReadFrames);
    QCOMPARE(int64_t(idx.pts.size()), truth->nbReadFrames);
    QCOMPARE(idx.pts, truth->pts);
    QCOMPARE(idx.times.size(), idx.pts.size());
    QCOMPARE(idx.ends.size(), idx.pts.size());
    QCOMPARE(idx.isKey.size(), idx.pts.size());
    QCOMPARE(idx.times.front(), 0.0);
    QVERIFY(idx.isKey.front() == 1);
    const double tb = info.timeBase.toDouble();
    for (size_t i = 0; i < idx.pts.size(); ++i) {
      QVERIFY(std::abs(idx.times[i] - double(idx.pts[i] - idx.pts[0]) * tb) < 1e-9);
      QVERIFY(idx.ends[i] > idx.times[i]);
      if (i + 1 < idx.pts.size()) QCOMPARE(idx.ends[i], idx.times[i + 1]);
    }

    QCOMPARE(info.startPts, truth->pts.front());
    if (truth->startTime) QVERIFY(std::abs(info.startTime - *truth->startTime) < 1e-6);
    QCOMPARE(info.rotation, fixtures::rotationFromProbe(truth->rotation));
    QCOMPARE(info.displayWidth, displayWidth);
    QCOMPARE(info.displayHeight, displayHeight);
    QVERIFY2(std::abs(info.duration - duration) < 1e-6, qPrintable(QString::number(info.duration)));
    QCOMPARE(info.variableFrameRate, vfr);
    QVERIFY(std::abs(info.averageFps - info.frameCount / info.duration) < 1e-9);
    QVERIFY(!info.codec.empty());
    QVERIFY(!info.container.empty());
  }

  void startTimes() {
    auto late = stts::VideoSource::open(fixtures::path("start10.mkv"));
    QVERIFY(late);
    QVERIFY(std::abs(late->info().startTime - 10.0) < 1e-9);
    auto early = stts::VideoSource::open(fixtures::path("negstart.ts"));
    QVERIFY(early);
    QVERIFY(early->info().startTime < -0.5);
    QVERIFY(early->info().startPts < 0);
    // Times are keyed on PTS minus the stream start, so both clips sample from 0.
    QCOMPARE(early->plan({4, 2.0}).front().frameNumber, 0);
    QCOMPARE(late->plan({4, 2.0}).front().requestedTime, 0.0);
  }

  void missingTimestampsArePlaced() {
    const auto truth = fixtures::probe("missing_pts.mkv");
    QVERIFY(truth);
    auto src = stts::VideoSource::open(fixtures::path("missing_pts.mkv"));
    QVERIFY2(src, src ? "" : src.error().message.c_str());
    const auto& idx = src->index();
    QCOMPARE(src->info().frameCount, truth->nbReadFrames);
    // ffprobe lists only the packets that have a PTS; the index has those plus the placed ones,
    // which come first (they were before zero), one frame apart.
    QVERIFY(truth->pts.size() < idx.pts.size());
    const size_t missing = idx.pts.size() - truth->pts.size();
    QVERIFY(std::equal(truth->pts.begin(), truth->pts.end(), idx.pts.begin() + long(missing)));
    for (size_t i = 1; i < idx.pts.size(); ++i) QVERIFY(idx.pts[i] > idx.pts[i - 1]);
    QVERIFY(std::abs(src->info().startTime + 0.2) < 1e-9);
    QVERIFY(std::abs(src->info().duration - 2.0) < 1e-9);
    QVERIFY(!src->info().variableFrameRate);
  }

  // Packets without PTS (MPEG-PS: some; AVI: all): the count still matches ffprobe and the
  // index stays strictly increasing (no two frames at one time).
  void partialTimestamps_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("mpeg-ps") << "partial_pts.mpg";
    QTest::newRow("avi") << "dts_only.avi";
  }
  void partialTimestamps() {
    QFETCH(QString, name);
    const auto truth = fixtures::probe(qPrintable(name));
    QVERIFY(truth);
    auto src = stts::VideoSource::open(fixtures::path(qPrintable(name)));
    QVERIFY2(src, src ? "" : src.error().message.c_str());
    const auto& idx = src->index();
    QCOMPARE(src->info().frameCount, truth->nbReadFrames);
    for (size_t i = 1; i < idx.pts.size(); ++i) QVERIFY(idx.pts[i] > idx.pts[i - 1]);
    QVERIFY(std::abs(src->info().duration - 4.0) < 1e-6);
    QVERIFY(!src->info().variableFrameRate);
  }

  void noContainerDuration() {
    auto src = stts::VideoSource::open(fixtures::path("pipe.webm"));
    QVERIFY(src);
    QCOMPARE(src->info().containerDuration, -1.0);
    QVERIFY(src->info().duration > 1.9);
  }

  void rotationFromDisplayMatrix() {
    // The fixtures carry rotate tags 90/180/270; FFmpeg 5.1 stores them as matrices that ffprobe
    // reports as 90/-180/-90. The engine reports the same angles mod 360, the tags' values (it
    // turns the pictures 270/180/90 degrees clockwise, as ffmpeg's autorotate does).
    for (auto [file, rotation] :
         {std::pair{"rot90.mp4", 90}, {"rot180.mp4", 180}, {"rot270.mp4", 270}}) {
      auto src = stts::VideoSource::open(fixtures::path(file));
      QVERIFY(src);
      QCOMPARE(src->info().rotation, rotation);
      QCOMPARE(src->info().codedWidth, 160);
      QCOMPARE(src->info().codedHeight, 120);
    }
  }

  void sampleAspectRatio() {
    auto src = stts::VideoSource::open(fixtures::path("sar2.mp4"));
    QVERIFY(src);
    QCOMPARE(src->info().sampleAspectRatio.num, 2);
    QCOMPARE(src->info().sampleAspectRatio.den, 1);
    QCOMPARE(src->info().codedWidth, 160);
    QCOMPARE(src->info().displayWidth, 320);
  }

  void planUsesDisplayedFrame() {
    for (const char* file : {"normal.mp4", "vfr.mkv", "negstart.ts", "longgop.mp4"}) {
      auto src = stts::VideoSource::open(fixtures::path(file));
      QVERIFY(src);
      const auto& idx = src->index();
      const auto points = src->plan({16, 2.0});
      QVERIFY(!points.empty());
      QCOMPARE(points.back().requestedTime, src->info().duration);
      for (const auto& p : points) {
        const auto n = size_t(p.frameNumber);
        QVERIFY(idx.times[n] <= p.requestedTime + 1e-12);
        QVERIFY(idx.ends[n] > p.requestedTime || n + 1 == idx.times.size());
        QCOMPARE(p.pts, idx.pts[n]);
        QCOMPARE(p.frameTime, idx.times[n]);
      }
    }
  }

  void plannedTimeIsRequestedTime() {
    auto src = stts::VideoSource::open(fixtures::path("normal.mp4"));
    QVERIFY(src);
    const auto points = src->plan({3, 2.0});  // (3-1)/2 < 3 s: linspace 0, 1.5, 3
    QCOMPARE(points.size(), size_t(3));
    QCOMPARE(points[1].requestedTime, 1.5);
    QCOMPARE(points[1].frameNumber, 37);  // shown from 1.48 s to 1.52 s
    QVERIFY(std::abs(points[1].frameTime - 1.48) < 1e-9);
    QCOMPARE(points[2].frameNumber, 74);  // t = D: clamped to the last frame
  }
};

QTEST_APPLESS_MAIN(TestVideoProbe)
#include "test_video_probe.moc"
