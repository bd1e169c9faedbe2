// Deterministic corruption of valid files (bit flips, byte runs, truncation, zeroed regions,
// duplicated chunks): every variant must come back from open + sample + frameAt as either an
// error with a sentence or frames of the promised size, within a deadline — never a crash or a
// hang. Failures print the seed and mutation so they can be replayed.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <random>

#include "stts/video.h"

namespace {

QByteArray readAll(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return file.readAll();
}

enum class Mutation { FlipBits, RandomRun, Truncate, ZeroRegion, DuplicateChunk };

QString mutate(QByteArray& data, std::mt19937& rng) {
  const auto size = static_cast<qsizetype>(data.size());
  auto pick = [&](qsizetype lo, qsizetype hi) {
    return std::uniform_int_distribution<qsizetype>(lo, std::max(lo, hi))(rng);
  };
  switch (static_cast<Mutation>(pick(0, 4))) {
    case Mutation::FlipBits: {
      const int flips = static_cast<int>(pick(1, 16));
      for (int i = 0; i < flips; ++i) data[pick(0, size - 1)] ^= char(1 << pick(0, 7));
      return QStringLiteral("flip %1 bits").arg(flips);
    }
    case Mutation::RandomRun: {
      const qsizetype at = pick(0, size - 1), len = std::min<qsizetype>(pick(1, 512), size - at);
      for (qsizetype i = 0; i < len; ++i) data[at + i] = char(pick(0, 255));
      return QStringLiteral("random run of %1 at %2").arg(len).arg(at);
    }
    case Mutation::Truncate: {
      const qsizetype keep = pick(0, size - 1);
      data.truncate(keep);
      return QStringLiteral("truncate to %1").arg(keep);
    }
    case Mutation::ZeroRegion: {
      const qsizetype at = pick(0, size - 1), len = std::min<qsizetype>(pick(1, 4096), size - at);
      for (qsizetype i = 0; i < len; ++i) data[at + i] = 0;
      return QStringLiteral("zero %1 bytes at %2").arg(len).arg(at);
    }
    case Mutation::DuplicateChunk: {
      const qsizetype at = pick(0, size - 1), len = std::min<qsizetype>(pick(1, 8192), size - at);
      data.insert(pick(0, data.size()), data.mid(at, len));
      return QStringLiteral("duplicate %1 bytes from %2").arg(len).arg(at);
    }
  }
  return {};
}

}  // namespace

class VideoCorruptionTest : public QObject {
  Q_OBJECT

 private slots:
  void survivesCorruption_data() {
    QTest::addColumn<QString>("seedFile");
    QTest::addColumn<int>("variants");
    QTest::newRow("h264 mp4 with b-frames") << "seed.mp4" << 120;
    QTest::newRow("ffv1 mkv") << "seed.mkv" << 60;
    QTest::newRow("vp8 webm") << "seed.webm" << 60;
  }

  void survivesCorruption() {
    QFETCH(QString, seedFile);
    QFETCH(int, variants);
    const QByteArray original = readAll(QStringLiteral(STTS_FUZZ_SEEDS "/") + seedFile);
    QVERIFY2(!original.isEmpty(), "seed video missing: the build generates it");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    stts::OpenOptions options;
    options.timeoutSeconds = 10;
    options.maxPixels = 4096 * 4096;
    int opened = 0, failed = 0;
    for (int variant = 0; variant < variants; ++variant) {
      std::mt19937 rng(static_cast<unsigned>(variant * 7919 + 17));
      QByteArray data = original;
      const QString what = mutate(data, rng);
      const QString path = dir.filePath(QStringLiteral("v%1_%2").arg(variant).arg(seedFile));
      QFile out(path);
      QVERIFY(out.open(QIODevice::WriteOnly));
      out.write(data);
      out.close();

      const QByteArray context =
          QStringLiteral("%1 variant %2 (%3)").arg(seedFile).arg(variant).arg(what).toUtf8();
      QElapsedTimer timer;
      timer.start();
      auto source = stts::VideoSource::open(path.toStdString(), options);
      if (!source) {
        ++failed;
        QVERIFY2(!source.error().message.empty(), context.constData());
        continue;
      }
      ++opened;
      const stts::VideoInfo& info = source->info();
      QVERIFY2(info.displayWidth > 0 && info.displayHeight > 0, context.constData());
      QVERIFY2(info.frameCount > 0, context.constData());
      auto frames = source->sample(stts::SamplingSpec{8, 2.0});
      if (frames) {
        for (const auto& frame : *frames) {
          QVERIFY2(frame.image, context.constData());
          QCOMPARE(frame.image->width, info.displayWidth);
          QCOMPARE(frame.image->height, info.displayHeight);
          QCOMPARE(frame.image->pixels.size(), size_t(info.displayWidth) * info.displayHeight * 3);
        }
      } else {
        QVERIFY2(!frames.error().message.empty(), context.constData());
      }
      auto scrub = source->frameAt(info.duration / 2);
      if (scrub) QVERIFY2(scrub.value() != nullptr, context.constData());
      // The deadline is per call; three calls must not take much longer than three deadlines.
      QVERIFY2(timer.elapsed() < 3 * 1000 * options.timeoutSeconds + 5000, context.constData());
    }
    qInfo("%s: %d variants opened, %d refused with an error", qPrintable(seedFile), opened, failed);
  }
};

QTEST_GUILESS_MAIN(VideoCorruptionTest)
#include "test_video_corruption.moc"
