// Limits beyond one picture (engine/video/README.md, Bounds): the RGB bytes a sample() pass keeps
// and the pixels it decodes, checked before decoding anything; a picture size that changes
// mid-stream checked frame by frame. Each refusal is quick and allocates no huge frame.
#include <QElapsedTimer>
#include <QTest>
#include <set>

#include "fixture_util.h"

using stts::ErrorCode;

namespace {

int64_t distinctFrames(const std::vector<stts::SamplePoint>& points) {
  std::set<int64_t> numbers;
  for (const auto& p : points) numbers.insert(p.frameNumber);
  return int64_t(numbers.size());
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

class TestVideoLimits : public QObject {
  Q_OBJECT

 private slots:
  // The defaults must never refuse realistic videos: 384 frames of 4K (DCI 4096x2160) kept, and
  // a 10-minute 4K60 clip decoded end to end (what sampling a long-GOP file can cost).
  void defaultsAdmitRealisticVideos() {
    const stts::OpenOptions opt;
    QVERIFY(384LL * 4096 * 2160 * 3 <= opt.maxSampleBytes);
    QVERIFY(10LL * 60 * 60 * 3840 * 2160 <= opt.maxDecodedPixels);
    QVERIFY(8192LL * 8192 <= opt.maxPixels);
  }

  // 64 frames of 8192x8192 in 0.8 MB: each frame passes the per-picture cap, the pass would keep
  // 12 GiB. Refused by the plan, before a single frame is decoded.
  void decodedSizeBombRefusedBeforeDecoding() {
    const std::string path = fixtures::path("bomb_8192.mp4");
    QElapsedTimer timer;
    timer.start();
    auto src = stts::VideoSource::open(path);
    QVERIFY2(src, src ? "" : src.error().message.c_str());
    QCOMPARE(src->info().displayWidth, 8192);
    QCOMPARE(src->info().frameCount, int64_t(64));
    auto frames = src->sample(stts::SamplingSpec{});
    QVERIFY2(!frames, "sampled a decoded-size bomb");
    QCOMPARE(frames.error().code, ErrorCode::TooLarge);
    QCOMPARE(frames.error().message,
             "Sampling 64 frames of 8192x8192 pixels from " + path +
                 " would keep 12.0 GiB of RGB frames, more than the 10.0 GiB one sampling pass "
                 "may keep; ask for at most 53 frames of this size.");
    QCOMPARE(src->stats().framesDecoded, int64_t(0));
    QCOMPARE(src->stats().framesConverted, int64_t(0));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
  }

  // The kept bytes are exact (every frame is converted to the display size): a limit of exactly
  // the plan's bytes passes, one byte less is refused with the number of frames that fit.
  void keptBytesLimitIsExact() {
    const std::string path = fixtures::path("normal.mp4");
    const stts::SamplingSpec spec{8, 2.0};
    const int64_t frameBytes = 160 * 120 * 3;
    stts::OpenOptions opt;
    auto probe = stts::VideoSource::open(path, opt);
    QVERIFY(probe);
    const int64_t distinct = distinctFrames(probe->plan(spec));
    QVERIFY(distinct >= 3);

    opt.maxSampleBytes = distinct * frameBytes;
    auto fits = stts::VideoSource::open(path, opt);
    QVERIFY(fits);
    auto frames = fits->sample(spec);
    QVERIFY2(frames, frames ? "" : frames.error().message.c_str());

    opt.maxSampleBytes = distinct * frameBytes - 1;
    auto tight = stts::VideoSource::open(path, opt);
    QVERIFY(tight);
    auto refused = tight->sample(spec);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::TooLarge);
    QVERIFY2(contains(refused.error().message, "Sampling " + std::to_string(distinct) +
                                                   " frames of 160x120 pixels from " + path),
             refused.error().message.c_str());
    QVERIFY2(contains(refused.error().message,
                      "ask for at most " + std::to_string(distinct - 1) + " frames"),
             refused.error().message.c_str());
    QCOMPARE(tight->stats().framesDecoded, int64_t(0));
  }

  // A long GOP makes sampling decode forward through (nearly) every frame: the pass's decoding
  // is predicted from the index and refused before it starts when over the budget.
  void decodedPixelsPlannedBeforeDecoding() {
    const std::string path = fixtures::path("longgop.mp4");
    const stts::SamplingSpec spec{384, 2.0};
    stts::OpenOptions opt;
    opt.maxDecodedPixels = 100 * 160 * 120;
    auto src = stts::VideoSource::open(path, opt);
    QVERIFY(src);
    const auto plan = src->plan(spec);
    auto frames = src->sample(spec);
    QVERIFY(!frames);
    QCOMPARE(frames.error().code, ErrorCode::TooLarge);
    // Decoded forward from frame 0 to the last planned frame, skipping (by a seek to the keyframe
    // at 300) the frames between the last target before it and 300.
    const std::string& message = frames.error().message;
    const std::string head = "Sampling " + std::to_string(distinctFrames(plan)) + " frames from " +
                             path + " would decode about ";
    QVERIFY2(message.rfind(head, 0) == 0, message.c_str());
    const int64_t decoded = std::stoll(message.substr(head.size()));
    const int64_t last = plan.back().frameNumber;
    QVERIFY2(decoded <= last + 1 && decoded > last + 1 - 30, message.c_str());
    QVERIFY2(contains(message, std::to_string(decoded) + " frames of 160x120 (11."),
             message.c_str());
    QVERIFY2(
        contains(frames.error().message,
                 "more than the limit of 1920000 pixels (1.9 megapixels); ask for fewer frames."),
        frames.error().message.c_str());
    QCOMPARE(src->stats().framesDecoded, int64_t(0));

    // Within the budget the same pass runs.
    opt.maxDecodedPixels = (decoded + 16) * 160 * 120;
    auto fits = stts::VideoSource::open(path, opt);
    QVERIFY(fits);
    auto ok = fits->sample(spec);
    QVERIFY2(ok, ok ? "" : ok.error().message.c_str());
    QVERIFY(fits->stats().framesDecoded <= decoded + 16);
  }

  // The decoded frames themselves are counted too (frame() has no plan): decoding stops at the
  // first frame past the budget.
  void decodedPixelsCountedWhileDecoding() {
    const std::string path = fixtures::path("longgop.mp4");
    stts::OpenOptions opt;
    opt.maxDecodedPixels = 100 * 160 * 120;
    auto src = stts::VideoSource::open(path, opt);
    QVERIFY(src);
    auto img = src->frame(299);  // 300 frames forward from the keyframe at 0
    QVERIFY(!img);
    QCOMPARE(img.error().code, ErrorCode::TooLarge);
    QVERIFY2(contains(img.error().message,
                      "Reading " + path + " decoded 101 frames (1939200 pixels) by its frame at "),
             img.error().message.c_str());
    QVERIFY2(contains(img.error().message,
                      "more than the limit of 1920000 pixels (1.9 megapixels) for one pass."),
             img.error().message.c_str());
    QCOMPARE(src->stats().framesDecoded, int64_t(101));
    // Each call has its own budget: a frame near the start still decodes.
    auto early = src->frame(10);
    QVERIFY2(early, early ? "" : early.error().message.c_str());
  }

  // The header says 320x240; from 4 s on the stream carries 8208x8208 pictures (a new SPS), over
  // the cap. Every frame is checked, not only the header: the file is refused at open, naming the
  // frame's time and size, instead of sampling 4-7 s as the last small frame.
  void pictureSizeChangeRefused() {
    const std::string path = fixtures::path("size_change.mp4");
    QElapsedTimer timer;
    timer.start();
    auto src = stts::VideoSource::open(path);
    QVERIFY2(!src, "opened a file whose frames exceed the pixel cap");
    QCOMPARE(src.error().code, ErrorCode::TooLarge);
    QCOMPARE(src.error().message,
             "The video's frame at 4.00 s claims a picture of 8208x8208 pixels, more than the "
             "limit of 67108864 pixels (the stream header says 320x240): " +
                 path);
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
  }

  // Within the cap, a size change is just decoded: the large frames are scaled to the display
  // size the header gave, not replaced by the last small frame.
  void pictureSizeChangeWithinCapIsDecoded() {
    stts::OpenOptions opt;
    opt.maxPixels = 8208LL * 8208;
    auto src = stts::VideoSource::open(fixtures::path("size_change.mp4"), opt);
    QVERIFY2(src, src ? "" : src.error().message.c_str());
    QCOMPARE(src->info().displayWidth, 320);
    QCOMPARE(src->info().frameCount, int64_t(103));
    auto frames = src->sample(stts::SamplingSpec{16, 2.0});
    QVERIFY2(frames, frames ? "" : frames.error().message.c_str());
    int late = 0;
    for (const auto& f : *frames) {
      QCOMPARE(f.image->width, 320);
      QCOMPARE(f.image->height, 240);
      if (f.point.requestedTime < 4.0) {
        QVERIFY(f.point.frameNumber < 100);
        QVERIFY2(fixtures::near(*f.image, 160, 120, 128, 128, 128), "not the gray part");
      } else {
        ++late;
        QVERIFY2(f.point.frameNumber >= 100, qPrintable(QString::number(f.point.frameNumber)));
        QVERIFY2(fixtures::near(*f.image, 160, 120, 0, 0, 0), "not the black 8208x8208 part");
      }
    }
    QVERIFY(late >= 3);
  }
};

QTEST_APPLESS_MAIN(TestVideoLimits)
#include "test_video_limits.moc"
