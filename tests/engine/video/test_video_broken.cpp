// Broken and non-video inputs: a clear error (exact code, a sentence naming the file) or the
// frames that decode; never a crash, a hang or an unbounded allocation.
#include <QElapsedTimer>
#include <QTest>

#include "fixture_util.h"

using stts::ErrorCode;

namespace {

bool isSentenceNaming(const std::string& message, const std::string& path) {
  return !message.empty() && message.find(path) != std::string::npos && message.back() != '\n' &&
         std::isupper(static_cast<unsigned char>(message.front()));
}

}  // namespace

class TestVideoBroken : public QObject {
  Q_OBJECT

 private slots:
  void clearErrors_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("0-byte file") << "empty.mp4" << int(ErrorCode::InvalidData) << "empty";
    QTest::newRow("text renamed .mp4")
        << "text.mp4" << int(ErrorCode::InvalidData) << "Not a video file";
    QTest::newRow("zeroed header")
        << "zeroed_header.mp4" << int(ErrorCode::InvalidData) << "Not a video file";
    QTest::newRow("missing file") << "does_not_exist.mp4" << int(ErrorCode::NotFound)
                                  << "not found";
    QTest::newRow("audio only") << "audio_only.m4a" << int(ErrorCode::NotFound)
                                << "No video stream";
    QTest::newRow("cover art only")
        << "cover_art.mp3" << int(ErrorCode::NotFound) << "No video stream";
    QTest::newRow("huge 65535x65535") << "huge.y4m" << int(ErrorCode::TooLarge) << "65535x65535";
    QTest::newRow("huge 16000x16000")
        << "huge_16k.y4m" << int(ErrorCode::TooLarge) << "16000x16000";
  }
  void clearErrors() {
    QFETCH(QString, name);
    QFETCH(int, code);
    QFETCH(QString, mentions);
    const std::string path = fixtures::path(qPrintable(name));
    QElapsedTimer timer;
    timer.start();
    auto r = stts::VideoSource::open(path);
    QVERIFY(timer.elapsed() < 5000);
    QVERIFY2(!r, "opened a file that should be refused");
    QVERIFY2(int(r.error().code) == code, r.error().message.c_str());
    QVERIFY2(isSentenceNaming(r.error().message, path), r.error().message.c_str());
    QVERIFY2(r.error().message.find(mentions.toStdString()) != std::string::npos,
             r.error().message.c_str());
  }

  void folderIsNotAVideo() {
    auto r = stts::VideoSource::open(STTS_FIXTURE_DIR);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
  }

  void deviceIsNotAVideo() {
    auto r = stts::VideoSource::open("/dev/null");
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
  }

  void pixelCapRefusesBeforeDecoding() {
    stts::OpenOptions opt;
    opt.maxPixels = 100 * 100;
    auto r = stts::VideoSource::open(fixtures::path("normal.mp4"), opt);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::TooLarge);
    QVERIFY2(r.error().message.find("160x120") != std::string::npos, r.error().message.c_str());
  }

  void frameCountCap() {
    stts::OpenOptions opt;
    opt.maxIndexedFrames = 10;
    auto r = stts::VideoSource::open(fixtures::path("normal.mp4"), opt);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ErrorCode::TooLarge);
  }

  // Damaged files: either refused with InvalidData, or every request answers with frames of the
  // right size (the nearest decodable frame) or an InvalidData sentence. Quickly.
  void damagedFiles_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("truncated 10%") << "truncated_10.mp4";
    QTest::newRow("truncated 50%") << "truncated_50.mp4";
    QTest::newRow("truncated 90%") << "truncated_90.mp4";
    QTest::newRow("bit-flipped") << "bitflip.mp4";
  }
  void damagedFiles() {
    QFETCH(QString, name);
    const std::string path = fixtures::path(qPrintable(name));
    QElapsedTimer timer;
    timer.start();
    auto src = stts::VideoSource::open(path);
    if (!src) {
      QCOMPARE(src.error().code, ErrorCode::InvalidData);
      QVERIFY(isSentenceNaming(src.error().message, path));
      return;
    }
    QVERIFY(src->info().frameCount > 0);
    QVERIFY(src->info().frameCount <= 100);  // never more than the intact file has
    // Some frames decode in each of these files, so sampling must succeed with substitutes.
    auto frames = src->sample({32, 2.0});
    QVERIFY2(frames, frames ? "" : frames.error().message.c_str());
    QVERIFY(!frames->empty());
    for (const auto& f : *frames) {
      QVERIFY(f.image);
      QCOMPARE(f.image->width, 160);
      QCOMPARE(f.image->pixels.size(), size_t(160 * 120 * 3));
      QVERIFY(f.point.frameNumber >= 0 && f.point.frameNumber < src->info().frameCount);
      QCOMPARE(f.point.pts, src->index().pts[size_t(f.point.frameNumber)]);
    }
    for (int64_t n = src->info().frameCount - 1; n >= 0; n -= 7) {
      auto img = src->frame(n);
      QVERIFY(img || img.error().code == ErrorCode::InvalidData);
    }
    QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
  }

  void truncatedKeepsReadableFrames() {
    auto src = stts::VideoSource::open(fixtures::path("truncated_50.mp4"));
    QVERIFY(src);
    QVERIFY(src->info().frameCount >= 30 && src->info().frameCount < 100);
    QVERIFY(src->info().containerDuration > src->info().duration);  // the header still says 4 s
  }
};

QTEST_APPLESS_MAIN(TestVideoBroken)
#include "test_video_broken.moc"
