// Decoding: known colours at known times, rotation, odd sizes, SAR, decode-once sampling,
// keyframe-aware scrubbing (seek only when decoding forward costs more), cache, cancel.
#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <random>
#include <set>

#include "fixture_util.h"

using fixtures::describe;
using fixtures::near;

namespace {

stts::VideoSource openOrDie(const char* name, stts::OpenOptions opt = {}) {
  auto src = stts::VideoSource::open(fixtures::path(name), opt);
  if (!src) qFatal("cannot open %s: %s", name, src.error().message.c_str());
  return std::move(src).value();
}

bool sameImage(const stts::RgbImage& a, const stts::RgbImage& b) {
  return a.width == b.width && a.height == b.height && a.pixels == b.pixels;
}

}  // namespace

class TestVideoDecode : public QObject {
  Q_OBJECT

 private slots:
  void knownColoursAtKnownTimes() {
    auto src = openOrDie("normal.mp4");
    auto frames = src.sample({3, 2.0});  // t = 0, 1.5, 3: red, green, blue segments
    QVERIFY(frames);
    QCOMPARE(frames->size(), size_t(3));
    const int rgb[3][3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}};
    for (int i = 0; i < 3; ++i) {
      const auto& img = *(*frames)[size_t(i)].image;
      QCOMPARE(img.width, 160);
      QCOMPARE(img.height, 120);
      QCOMPARE(img.pixels.size(), size_t(160 * 120 * 3));
      QVERIFY2(near(img, 80, 60, rgb[i][0], rgb[i][1], rgb[i][2]), describe(img, 80, 60));
      QVERIFY2(near(img, 4, 4, 255, 255, 0), describe(img, 4, 4));  // marker, top-left
      QVERIFY2(!near(img, 155, 115, 255, 255, 0), describe(img, 155, 115));
    }
    QCOMPARE((*frames)[1].point.requestedTime, 1.5);
  }

  // A clip of the video (a bench question about [1.2, 1.8] s): planned as a video of that length,
  // times relative to the clip's start, frames from inside it; a clip past the end is refused.
  void clipWindowSamplesInsideIt() {
    auto src = openOrDie("normal.mp4");
    stts::SamplingSpec clip{4, 2.0};
    clip.clipStart = 1.2;
    clip.clipEnd = 1.8;
    const auto plan = src.plan(clip);
    QCOMPARE(plan.size(), stts::molmo2SampleTimes(0.6, clip).size());
    QCOMPARE(plan.front().requestedTime, 0.0);
    for (const auto& point : plan) {
      QVERIFY(point.requestedTime >= 0.0 && point.requestedTime <= 0.6 + 1e-9);
      QVERIFY2(point.frameTime >= 1.2 - 0.04 && point.frameTime <= 1.8,
               qPrintable(QString::number(point.frameTime)));
    }
    auto frames = src.sample(clip);
    QVERIFY(frames);
    for (const auto& frame : *frames)  // the green second
      QVERIFY2(near(*frame.image, 80, 60, 0, 255, 0), describe(*frame.image, 80, 60));
    clip.clipEnd = 100.0;  // beyond the end: up to the end
    QVERIFY(src.plan(clip).back().frameTime > 2.9);
    clip.clipStart = 5.0;
    auto late = src.sample(clip);
    QVERIFY(!late);
    QCOMPARE(late.error().code, stts::ErrorCode::InvalidArgument);
    QVERIFY2(late.error().message.find("after the end of the video") != std::string::npos,
             late.error().message.c_str());
  }

  void rotationPutsMarkerInRotatedCorner_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("rot90") << "rot90.mp4";
    QTest::newRow("rot180") << "rot180.mp4";
    QTest::newRow("rot270") << "rot270.mp4";
  }
  void rotationPutsMarkerInRotatedCorner() {
    QFETCH(QString, name);
    auto src = openOrDie(qPrintable(name));
    const int cw = fixtures::clockwiseTurn(src.info().rotation);
    auto img = src.frameAt(0.5);
    QVERIFY(img);
    const auto& im = **img;
    QCOMPARE(im.width, src.info().displayWidth);
    QCOMPARE(im.height, src.info().displayHeight);
    const int w = im.width, h = im.height;
    // Where the coded top-left corner lands after turning the picture cw degrees clockwise.
    const std::pair<int, int> corners[4] = {{4, 4}, {w - 5, 4}, {w - 5, h - 5}, {4, h - 5}};
    const int k = cw / 90;
    for (int c = 0; c < 4; ++c) {
      const auto [x, y] = corners[c];
      QVERIFY2(near(im, x, y, 255, 255, 0) == (c == k),
               describe(im, x, y) + " cw=" + QByteArray::number(cw));
    }
    QVERIFY2(near(im, w / 2, h / 2, 255, 0, 0), describe(im, w / 2, h / 2));
  }

  // The engine's first frame against ffmpeg's own rendering of it (see make_fixtures.sh).
  void matchesFfmpegReference_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("w");
    QTest::addColumn<int>("h");
    QTest::newRow("colour") << "bframes.mp4" << 160 << 120;
    QTest::newRow("rotate tag 90") << "rot90.mp4" << 120 << 160;
    QTest::newRow("rotate tag 180") << "rot180.mp4" << 160 << 120;
    QTest::newRow("sar 2:1") << "sar2.mp4" << 320 << 120;
    QTest::newRow("853x479") << "odd_853x479.mkv" << 853 << 479;
    QTest::newRow("untagged HD") << "hd_untagged.mp4" << 1280 << 720;
    QTest::newRow("BT.709") << "hd_bt709.mp4" << 1280 << 720;
    QTest::newRow("BT.709 full range") << "hd_bt709_full.mp4" << 1280 << 720;
  }
  void matchesFfmpegReference() {
    QFETCH(QString, name);
    QFETCH(int, w);
    QFETCH(int, h);
    QFile ref(QString::fromStdString(fixtures::path(qPrintable(name)))
                  .replace(QRegularExpression("\\.[a-z0-9]+$"), ".f0.rgb"));
    QVERIFY2(ref.open(QIODevice::ReadOnly), qPrintable(ref.fileName()));
    const QByteArray expected = ref.readAll();
    QCOMPARE(expected.size(), qsizetype(w) * h * 3);
    auto src = openOrDie(qPrintable(name));
    auto img = src.frame(0);
    QVERIFY(img);
    QCOMPARE((*img)->width, w);
    QCOMPARE((*img)->height, h);
    int64_t sum = 0;
    int worst = 0;
    for (qsizetype i = 0; i < expected.size(); ++i) {
      const int d = std::abs(int((*img)->pixels[size_t(i)]) - int(uint8_t(expected[i])));
      sum += d;
      worst = std::max(worst, d);
    }
    const double mean = double(sum) / double(expected.size());
    qInfo("%s: mean abs diff %.3f, worst %d", qPrintable(name), mean, worst);
    // Same swscale path and flags: bit-exact with FFmpeg 5.1; the margin allows for rounding
    // differences in other FFmpeg versions, not for a wrong matrix, range, rotation or stretch.
    QVERIFY2(mean < 1.0, qPrintable(QString("mean %1 worst %2").arg(mean).arg(worst)));
  }

  void oddSizes_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("w");
    QTest::addColumn<int>("h");
    QTest::newRow("853x479") << "odd_853x479.mkv" << 853 << 479;
    QTest::newRow("1x1") << "odd_1x1.mkv" << 1 << 1;
    QTest::newRow("3x2") << "odd_3x2.mkv" << 3 << 2;
  }
  void oddSizes() {
    QFETCH(QString, name);
    QFETCH(int, w);
    QFETCH(int, h);
    auto src = openOrDie(qPrintable(name));
    auto frames = src.sample({8, 2.0});
    QVERIFY(frames);
    for (const auto& f : *frames) {
      QCOMPARE(f.image->width, w);
      QCOMPARE(f.image->height, h);
      QCOMPARE(f.image->pixels.size(), size_t(w) * h * 3);
    }
    if (w <= 3)
      QVERIFY2(near(*frames->front().image, w - 1, h - 1, 255, 0, 0),
               describe(*frames->front().image, w - 1, h - 1));
  }

  void nonSquarePixelsStretchWidth() {
    auto src = openOrDie("sar2.mp4");
    auto img = src.frame(0);
    QVERIFY(img);
    QCOMPARE((*img)->width, 320);
    QCOMPARE((*img)->height, 120);
  }

  void sampleDecodesEachDistinctFrameOnce_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("frames");
    QTest::addColumn<int>("maxSeeks");
    QTest::addColumn<double>("fps");
    // 600 frames, keyframes at 0 and 300 only: one seek (to 300), the rest decoded forward.
    QTest::newRow("long gop") << "longgop.mp4" << 16 << 1 << 2.0;
    // Samples 12.5 frames apart, keyframes every 12: seeking to each keyframe is cheaper.
    QTest::newRow("b-frames sparse") << "bframes.mp4" << 8 << 8 << 2.0;
    // Every frame (25 fps): one forward sweep, no seek.
    QTest::newRow("b-frames every frame") << "bframes.mp4" << 384 << 0 << 25.0;
    QTest::newRow("vfr") << "vfr.mkv" << 16 << 0 << 2.0;
    QTest::newRow("mpeg-ts") << "negstart.ts" << 8 << 0 << 2.0;
  }
  void sampleDecodesEachDistinctFrameOnce() {
    QFETCH(QString, name);
    QFETCH(int, frames);
    QFETCH(int, maxSeeks);
    QFETCH(double, fps);
    auto src = openOrDie(qPrintable(name));
    const stts::SamplingSpec spec{frames, fps};
    std::set<int64_t> distinct;
    for (const auto& p : src.plan(spec)) distinct.insert(p.frameNumber);
    auto sampled = src.sample(spec);
    QVERIFY(sampled);
    const auto st = src.stats();
    QCOMPARE(st.framesConverted, int64_t(distinct.size()));
    // Never a frame decoded twice: at most every frame once, in one forward sweep.
    QVERIFY2(st.framesDecoded <= src.info().frameCount,
             qPrintable(QString::number(st.framesDecoded)));
    QVERIFY2(st.seeks <= maxSeeks, qPrintable(QString::number(st.seeks)));
    for (size_t i = 1; i < sampled->size(); ++i)
      QVERIFY((*sampled)[i].point.frameNumber >= (*sampled)[i - 1].point.frameNumber);
  }

  void sharedImageForRepeatedFrame() {
    auto src = openOrDie("one_frame.mp4");
    auto frames = src.sample({384, 2.0});  // times 0 and 0.04 both show frame 0
    QVERIFY(frames);
    QCOMPARE(frames->size(), size_t(2));
    QCOMPARE((*frames)[0].point.frameNumber, 0);
    QCOMPARE((*frames)[1].point.frameNumber, 0);
    QCOMPARE((*frames)[0].image.get(), (*frames)[1].image.get());
    QCOMPARE((*frames)[1].point.requestedTime, 0.04);
    QCOMPARE(src.stats().framesConverted, 1);
  }

  // Random access (seek + decode forward) must give exactly the pixels of a sequential decode.
  void randomAccessMatchesSequential_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("exactTimestamps");  // false: the file lacks PTS for some frames
    QTest::newRow("b-frames") << "bframes.mp4" << true;
    QTest::newRow("start 10 s") << "start10.mkv" << true;
    QTest::newRow("vfr") << "vfr.mkv" << true;
    QTest::newRow("webm from pipe") << "pipe.webm" << true;
    QTest::newRow("rotated") << "rot90.mp4" << true;
    QTest::newRow("missing timestamps")
        << "missing_pts.mkv" << true;  // unseekable: restarts instead
    QTest::newRow("mpeg-ps, some PTS missing") << "partial_pts.mpg" << false;
    QTest::newRow("avi, no PTS") << "dts_only.avi" << false;
    QTest::newRow("mpeg-ts negative start") << "negstart.ts" << true;
  }
  void randomAccessMatchesSequential() {
    QFETCH(QString, name);
    QFETCH(bool, exactTimestamps);
    stts::OpenOptions noCache;
    noCache.frameCacheSize = 0;
    auto seq = openOrDie(qPrintable(name), noCache);
    std::vector<stts::RgbImagePtr> all;
    for (int64_t i = 0; i < seq.info().frameCount; ++i) {
      auto img = seq.frame(i);
      QVERIFY2(img, img ? "" : img.error().message.c_str());
      all.push_back(*img);
    }
    if (exactTimestamps) {
      QCOMPARE(seq.stats().seeks, 0);  // pure forward decoding never seeks
      QCOMPARE(seq.stats().framesDecoded, seq.info().frameCount);
    }

    auto rnd = openOrDie(qPrintable(name), noCache);
    std::mt19937 rng(1234);
    std::uniform_int_distribution<int64_t> pick(0, rnd.info().frameCount - 1);
    std::vector<int64_t> order = {rnd.info().frameCount - 1, 0, rnd.info().frameCount / 2};
    for (int i = 0; i < 25; ++i) order.push_back(pick(rng));
    for (int64_t n : order) {
      auto img = rnd.frame(n);
      QVERIFY2(img, img ? "" : img.error().message.c_str());
      QVERIFY2(sameImage(**img, *all[size_t(n)]), qPrintable(QString("frame %1").arg(n)));
    }
  }

  void scrubbingDecodesForwardWhenCheaper() {
    auto src = openOrDie("normal.mp4");  // keyframes every 25 frames
    QVERIFY(src.frame(3));
    QVERIFY(src.frame(10));  // ahead within the same GOP: decode forward, no seek
    QCOMPARE(src.stats().seeks, 0);
    QCOMPARE(src.stats().framesDecoded, 11);
    QVERIFY(src.frame(30));  // keyframe 25 lies between: seek to it
    QCOMPARE(src.stats().seeks, 1);
    QVERIFY(src.frame(5));  // backwards: seek
    QCOMPARE(src.stats().seeks, 2);
    const auto before = src.stats();
    auto again = src.frame(10);  // cached
    QVERIFY(again);
    QCOMPARE(src.stats().cacheHits, before.cacheHits + 1);
    QCOMPARE(src.stats().framesDecoded, before.framesDecoded);
    auto byTime = src.frameAt(10 * 0.04 + 0.01);
    QVERIFY(byTime);
    QCOMPARE(byTime->get(), again->get());
  }

  void cacheIsBounded() {
    stts::OpenOptions opt;
    opt.frameCacheSize = 2;
    auto src = openOrDie("normal.mp4", opt);
    QVERIFY(src.frame(0));
    QVERIFY(src.frame(1));
    QVERIFY(src.frame(2));  // evicts 0
    QVERIFY(src.frame(1));
    QCOMPARE(src.stats().cacheHits, 1);
    QVERIFY(src.frame(0));
    QCOMPARE(src.stats().cacheHits, 1);
  }

  // The scrubbing cache is bounded by the bytes it holds as well as by count: large frames must
  // not multiply into gigabytes.
  void cacheIsBoundedByBytes() {
    auto probe = openOrDie("normal.mp4");
    const int64_t frameBytes = int64_t(probe.info().displayWidth) * probe.info().displayHeight * 3;
    stts::OpenOptions opt;
    opt.frameCacheSize = 100;
    opt.frameCacheBytes = frameBytes * 5 / 2;  // room for two frames
    auto src = openOrDie("normal.mp4", opt);
    QVERIFY(src.frame(0));
    QVERIFY(src.frame(1));
    QVERIFY(src.frame(2));  // evicts 0
    QVERIFY(src.frame(2));
    QVERIFY(src.frame(1));
    QCOMPARE(src.stats().cacheHits, 2);
    QVERIFY(src.frame(0));
    QCOMPARE(src.stats().cacheHits, 2);
    // One frame larger than the bound is still kept: the frame just asked for is the one asked
    // for again when stepping back and forth.
    stts::OpenOptions tiny;
    tiny.frameCacheBytes = 1;
    auto small = openOrDie("normal.mp4", tiny);
    QVERIFY(small.frame(4));
    QVERIFY(small.frame(4));
    QCOMPARE(small.stats().cacheHits, 1);
  }

  void frameOutOfRange() {
    auto src = openOrDie("normal.mp4");
    auto r = src.frame(75);
    QVERIFY(!r);
    QCOMPARE(r.error().code, stts::ErrorCode::InvalidArgument);
    QVERIFY(src.frame(-1).error().code == stts::ErrorCode::InvalidArgument);
    QVERIFY(src.frameAt(1e9));  // times past the end show the last frame
  }

  void cancelHonoured() {
    auto src = openOrDie("longgop.mp4");
    stts::CancelToken token;
    token.cancel();
    auto r = src.sample({16, 2.0}, &token);
    QVERIFY(!r);
    QCOMPARE(r.error().code, stts::ErrorCode::Cancelled);
    QCOMPARE(src.stats().framesConverted, 0);
    token.reset();
    QVERIFY(src.sample({4, 2.0}, &token));  // still usable afterwards
  }

  void timeoutIsAnError() {
    stts::OpenOptions opt;
    opt.timeoutSeconds = 1e-9;
    auto r = stts::VideoSource::open(fixtures::path("longgop.mp4"), opt);
    QVERIFY(!r);
    QCOMPARE(r.error().code, stts::ErrorCode::Timeout);
    QVERIFY(r.error().message.find("longgop.mp4") != std::string::npos);
  }

  void movedSourceKeepsWorking() {
    auto a = openOrDie("normal.mp4");
    stts::VideoSource b = std::move(a);
    auto img = b.frameAt(2.5);
    QVERIFY(img);
    QVERIFY(near(**img, 80, 60, 0, 0, 255));
  }
};

QTEST_APPLESS_MAIN(TestVideoDecode)
#include "test_video_decode.moc"
