// Frames files: `stts sample VIDEO --frames-out F` and `stts score|run --frames-in F`.
// In every build: the engine's save/load round trip, a run from a synthetic frames file that
// records the frames file's video, one-line errors (exit 1, no run file) for each kind of broken
// file, usage errors (exit 2), and in a build without FFmpeg the one line that points to frames
// files. With the demo clip: a run from `stts sample`'s frames file equals the run from the video
// itself bit for bit (scores, keep, frames, times, video identity, tensor dump, answer).
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <functional>

#include "cli_process.h"
#include "stts/checkpoint/safetensors.h"
#include "stts/frames_file.h"
#include "stts/runfile.h"
#include "video_identity_compare.h"

using stts::ckpt::DType;
using stts::ckpt::SafetensorsFile;
using stts::ckpt::TensorToWrite;
using stts::test::CliResult;
using stts::test::runCli;

namespace {

// Three frames of a 64x48 clip that does not exist on disk: a run from the file must not need it.
stts::FramesFile syntheticFrames() {
  stts::FramesFile f;
  stts::VideoInfo& v = f.video;
  v.path = "/nonexistent/synthetic clip.mp4";
  v.container = "mov,mp4,m4a,3gp,3g2,mj2";
  v.codec = "h264";
  v.streamIndex = 0;
  v.codedWidth = v.displayWidth = 64;
  v.codedHeight = v.displayHeight = 48;
  v.timeBase = {1, 12800};
  v.startPts = 0;
  v.duration = 2.0;
  v.frameCount = 20;
  v.averageFps = 10.0;
  v.containerDuration = 2.0;
  f.videoFile = {123456, 1700000000, std::string(64, 'a')};
  f.sampling = {3, 1.0};
  const double times[] = {0.0, 1.0, 2.0};
  const int64_t numbers[] = {0, 10, 19};
  for (int k = 0; k < 3; ++k) {
    auto image = std::make_shared<stts::RgbImage>();
    image->width = 64;
    image->height = 48;
    image->pixels.resize(64 * 48 * 3);
    for (size_t i = 0; i < image->pixels.size(); ++i)
      image->pixels[i] = static_cast<uint8_t>((i * 7 + static_cast<size_t>(k) * 50) % 251);
    stts::SampledFrame frame;
    frame.point = {times[k], numbers[k], numbers[k] * 1280, numbers[k] * 0.1};
    frame.image = image;
    f.frames.push_back(frame);
  }
  return f;
}

template <typename T>
QByteArray bytesOf(const std::vector<T>& v) {
  return QByteArray(reinterpret_cast<const char*>(v.data()),
                    static_cast<qsizetype>(v.size() * sizeof(T)));
}

// Rewrites `src` into `dst` after `change` edits its tensors and metadata (broken files).
bool rewrite(const QString& src, const QString& dst,
             const std::function<void(std::vector<TensorToWrite>&,
                                      std::map<std::string, std::string>&)>& change) {
  auto file = SafetensorsFile::open(src.toStdString());
  if (!file) return false;
  std::vector<TensorToWrite> tensors;
  for (const auto& t : file->tensors()) tensors.push_back({t.name, t.dtype, t.shape, t.data});
  std::map<std::string, std::string> metadata = file->metadata();
  change(tensors, metadata);
  return stts::ckpt::writeSafetensors(dst.toStdString(), tensors, metadata).ok();
}

TensorToWrite* findTensor(std::vector<TensorToWrite>& tensors, const std::string& name) {
  for (auto& t : tensors)
    if (t.name == name) return &t;
  return nullptr;
}

#ifdef STTS_DEMO_VIDEO  // helpers of the test that needs the demo clip
QByteArray fileBytes(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void compareVideo(const stts::RunResult& a, const stts::RunResult& b) {
  QCOMPARE(a.request.videoPath, b.request.videoPath);
  QCOMPARE(a.request.sampling.maxFrames, b.request.sampling.maxFrames);
  QCOMPARE(a.request.sampling.maxFps, b.request.sampling.maxFps);
  stts::test::compareVideoIdentity(a, b);
  if (QTest::currentTestFailed()) return;
  QCOMPARE(bytesOf(a.frameTime), bytesOf(b.frameTime));
  QCOMPARE(bytesOf(a.framePts), bytesOf(b.framePts));
  QCOMPARE(bytesOf(a.frameNumber), bytesOf(b.frameNumber));
}
#endif

}  // namespace

class CliFramesTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString model_;
  QString synthetic_;

  CliResult score(const QStringList& input, const QString& out, const QStringList& extra = {}) {
    return runCli(QStringList{"score", "--model", model_, "--threads", "2", "-o", out} + input +
                  extra);
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    model_ = dir_.filePath("tiny");
    const CliResult made = runCli({"make-tiny-model", model_});
    QVERIFY2(made.exitCode == 0, made.err.constData());
    synthetic_ = dir_.filePath("synthetic.safetensors");
    auto saved = stts::saveFramesFile(synthetic_.toStdString(), syntheticFrames());
    QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().message.c_str());
  }

  void engineRoundTrip() {
    const stts::FramesFile want = syntheticFrames();
    auto got = stts::loadFramesFile(synthetic_.toStdString());
    QVERIFY2(got.ok(), got.ok() ? "" : got.error().message.c_str());
    QCOMPARE(got->video.path, want.video.path);
    QCOMPARE(got->video.frameCount, want.video.frameCount);
    QCOMPARE(got->videoFile.size, want.videoFile.size);
    QCOMPARE(got->videoFile.mtime, want.videoFile.mtime);
    QCOMPARE(got->videoFile.headHash, want.videoFile.headHash);
    QCOMPARE(got->sampling.maxFrames, 3);
    QCOMPARE(got->sampling.maxFps, 1.0);
    QCOMPARE(got->frames.size(), size_t(3));
    for (size_t k = 0; k < 3; ++k) {
      QCOMPARE(got->frames[k].point.requestedTime, want.frames[k].point.requestedTime);
      QCOMPARE(got->frames[k].point.frameNumber, want.frames[k].point.frameNumber);
      QCOMPARE(got->frames[k].point.pts, want.frames[k].point.pts);
      QCOMPARE(got->frames[k].point.frameTime, want.frames[k].point.frameTime);
      QVERIFY(got->frames[k].image->pixels == want.frames[k].image->pixels);
    }
    // A frame of another size than the video's display size is refused before writing.
    stts::FramesFile wrong = syntheticFrames();
    wrong.video.displayWidth = 80;
    QVERIFY(!stts::saveFramesFile(dir_.filePath("wrong.safetensors").toStdString(), wrong).ok());
    QVERIFY(!QFile::exists(dir_.filePath("wrong.safetensors")));
  }

  void runFromASyntheticFramesFile() {
    const QString out = dir_.filePath("synthetic.sttsrun");
    const CliResult r = score({"--frames-in", synthetic_}, out);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    auto run = stts::loadRunFile(out.toStdString());
    QVERIFY2(run.ok(), run.ok() ? "" : run.error().message.c_str());
    const stts::FramesFile want = syntheticFrames();
    QCOMPARE(run->frames, 3);
    QCOMPARE(run->request.videoPath, want.video.path);  // the video, not the frames file
    QCOMPARE(run->request.sampling.maxFrames, 3);
    QCOMPARE(run->video.displayWidth, 64);
    QCOMPARE(run->video.codec, std::string("h264"));
    QCOMPARE(run->videoFileSize, want.videoFile.size);
    QCOMPARE(run->videoHeadHash, want.videoFile.headHash);
    QCOMPARE(run->frameTime, (std::vector<double>{0.0, 1.0, 2.0}));
    QCOMPARE(run->frameNumber, (std::vector<int64_t>{0, 10, 19}));
    QCOMPARE(run->framePts, (std::vector<int64_t>{0, 12800, 24320}));
    QCOMPARE(run->timings.front().name, std::string("decode"));
  }

  void brokenFramesFilesFailWithOneLine_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expect");  // a word the error must contain
    QTest::newRow("frames as float") << "dtype"
                                     << "frames";
    QTest::newRow("four channels") << "shape"
                                   << "shape";
    QTest::newRow("no metadata") << "metadata"
                                 << "frames file";
    QTest::newRow("a time missing") << "missing"
                                    << "requested_time";
    QTest::newRow("an extra tensor") << "extra"
                                     << "unexpected";
    QTest::newRow("video field missing") << "video"
                                         << "video.info.codec";
    QTest::newRow("size not the display size") << "size"
                                               << "display size";
    QTest::newRow("frame number past the end") << "number"
                                               << "frame number";
    QTest::newRow("not safetensors") << "text"
                                     << "broken-text";
  }

  void brokenFramesFilesFailWithOneLine() {
    QFETCH(QString, name);
    QFETCH(QString, expect);
    const QString broken = dir_.filePath("broken-" + name + ".safetensors");
    static std::vector<float> floats(3 * 48 * 64 * 3);
    static std::vector<uint8_t> fourChannels(3 * 48 * 64 * 4);
    static std::vector<double> extra(3);
    static std::vector<int64_t> badNumbers = {0, 10, 20};
    bool ok = true;
    if (name == "text") {
      QFile f(broken);
      ok = f.open(QIODevice::WriteOnly) && f.write("synthetic frames, honest") > 0;
    } else {
      ok = rewrite(synthetic_, broken, [&](auto& tensors, auto& metadata) {
        auto json = [&] { return QJsonDocument::fromJson(metadata["stts"].c_str()).object(); };
        auto setJson = [&](const QJsonObject& o) {
          metadata["stts"] = QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
        };
        if (name == "dtype")
          *findTensor(tensors, "frames") = {
              "frames", DType::F32, {3, 48, 64, 3}, std::as_bytes(std::span<const float>(floats))};
        if (name == "shape")
          *findTensor(tensors, "frames") = {"frames",
                                            DType::U8,
                                            {3, 48, 64, 4},
                                            std::as_bytes(std::span<const uint8_t>(fourChannels))};
        if (name == "metadata") metadata.clear();
        if (name == "missing")
          std::erase_if(tensors, [](const TensorToWrite& t) { return t.name == "requested_time"; });
        if (name == "extra")
          tensors.push_back(
              {"scores", DType::F64, {3}, std::as_bytes(std::span<const double>(extra))});
        if (name == "video") {
          QJsonObject o = json(), video = o["video"].toObject(), info = video["info"].toObject();
          info.remove("codec");
          video["info"] = info;
          o["video"] = video;
          setJson(o);
        }
        if (name == "size") {
          QJsonObject o = json(), video = o["video"].toObject(), info = video["info"].toObject();
          info["display_width"] = 65;
          video["info"] = info;
          o["video"] = video;
          setJson(o);
        }
        if (name == "number")
          findTensor(tensors, "frame_number")->data =
              std::as_bytes(std::span<const int64_t>(badNumbers));
      });
    }
    QVERIFY(ok);
    QVERIFY(!stts::loadFramesFile(broken.toStdString()).ok());
    const QString out = dir_.filePath("broken-" + name + ".sttsrun");
    const CliResult r = score({"--frames-in", broken}, out);
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.errText().contains(expect), r.err.constData());
    QVERIFY(!QFile::exists(out));
  }

  void usage() {
    const QString out = dir_.filePath("usage.sttsrun");
    const CliResult both = score({"--video", "clip.mp4", "--frames-in", synthetic_}, out);
    QCOMPARE(both.exitCode, 2);
    QVERIFY(both.errText().contains("mutually exclusive"));
    QCOMPARE(score({}, out).exitCode, 2);  // neither
    // The frames file was sampled already: sampling options would be silently ignored.
    QCOMPARE(score({"--frames-in", synthetic_, "--frames", "2"}, out).exitCode, 2);
    QCOMPARE(score({"--frames-in", synthetic_, "--max-fps", "1"}, out).exitCode, 2);
    QCOMPARE(
        runCli({"sample", "clip.mp4", "--plan-only", "--frames-out", "f.safetensors"}).exitCode, 2);
    QVERIFY(!QFile::exists(out));
  }

  void buildWithoutFfmpegSaysWhatToDo() {
#if STTS_HAVE_FFMPEG
    QSKIP("this build decodes videos (STTS_WITH_FFMPEG=ON)");
#else
    const QString out = dir_.filePath("noffmpeg.sttsrun");
    for (const QStringList& args :
         {QStringList{"score", "--model", model_, "--video", "clip.mp4", "-o", out},
          QStringList{"run", "--model", model_, "--video", "clip.mp4", "--question", "Why?", "-o",
                      out},
          QStringList{"probe", "clip.mp4"}, QStringList{"sample", "clip.mp4"},
          QStringList{"compare", "--model", model_, "--video", "clip.mp4", "-o", dir_.path()}}) {
      const CliResult r = runCli(args);
      QCOMPARE(r.exitCode, 1);
      QCOMPARE(r.err.count('\n'), 1);
      QVERIFY2(r.errText().contains("this build has no FFmpeg"), r.err.constData());
      QVERIFY2(r.errText().contains("--frames-in"), r.err.constData());
    }
    QVERIFY(!QFile::exists(out));
#endif
  }

  void framesFileRunEqualsVideoRun() {
#ifndef STTS_DEMO_VIDEO
    QSKIP("needs the demo clip (a build with FFmpeg)");
#else
    const QString frames = dir_.filePath("demo-frames.safetensors");
    const CliResult sampled =
        runCli({"sample", STTS_DEMO_VIDEO, "--max-frames", "4", "--frames-out", frames});
    QVERIFY2(sampled.exitCode == 0, sampled.err.constData());
    const QJsonObject plan = QJsonDocument::fromJson(sampled.out).object();
    QCOMPARE(plan["frames_out"].toString(), frames);
    auto file = stts::loadFramesFile(frames.toStdString());
    QVERIFY2(file.ok(), file.ok() ? "" : file.error().message.c_str());
    QCOMPARE(file->frames.size(), size_t(4));
    QCOMPARE(file->frames.front().image->width, file->video.displayWidth);
    QCOMPARE(file->frames.front().image->height, file->video.displayHeight);
    QCOMPARE(file->frames.back().point.frameNumber,
             plan["frames"].toArray().last().toObject()["frame_number"].toInteger());

    const QString fromVideo = dir_.filePath("video.sttsrun");
    const QString fromFrames = dir_.filePath("frames.sttsrun");
    const QString dumpVideo = dir_.filePath("video-dump.safetensors");
    const QString dumpFrames = dir_.filePath("frames-dump.safetensors");
    CliResult r =
        score({"--video", STTS_DEMO_VIDEO, "--frames", "4", "--dump", dumpVideo}, fromVideo);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = score({"--frames-in", frames, "--dump", dumpFrames}, fromFrames);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    auto a = stts::loadRunFile(fromVideo.toStdString());
    auto b = stts::loadRunFile(fromFrames.toStdString());
    QVERIFY(a.ok() && b.ok());
    compareVideo(*a, *b);
    QCOMPARE(bytesOf(a->scores), bytesOf(b->scores));
    QCOMPARE(bytesOf(a->keep), bytesOf(b->keep));
    QCOMPARE(bytesOf(a->inputFrames), bytesOf(b->inputFrames));
    QCOMPARE(a->visionTokensAfter, b->visionTokensAfter);
    QCOMPARE(fileBytes(dumpFrames), fileBytes(dumpVideo));

    // And the whole run, answer included.
    const QStringList ask = {"--question", "What moves?", "--max-new-tokens", "3"};
    const QString answerVideo = dir_.filePath("answer-video.sttsrun");
    const QString answerFrames = dir_.filePath("answer-frames.sttsrun");
    r = runCli(QStringList{"run", "--model", model_, "--threads", "2", "--video", STTS_DEMO_VIDEO,
                           "--frames", "4", "-o", answerVideo} +
               ask);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = runCli(QStringList{"run", "--model", model_, "--threads", "2", "--frames-in", frames, "-o",
                           answerFrames} +
               ask);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    auto c = stts::loadRunFile(answerVideo.toStdString());
    auto d = stts::loadRunFile(answerFrames.toStdString());
    QVERIFY(c.ok() && d.ok());
    compareVideo(*c, *d);
    QCOMPARE(c->answerTokens, d->answerTokens);
    QCOMPARE(bytesOf(c->keep), bytesOf(d->keep));
#endif
  }
};

QTEST_GUILESS_MAIN(CliFramesTest)
#include "test_cli_frames.moc"
