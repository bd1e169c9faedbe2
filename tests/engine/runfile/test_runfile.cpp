// The run file: bit-exact round trips (save -> load -> save gives the same bytes and every field
// equal), one distinct error per broken-file rule, save-side refusals, the video identity hash,
// and an independent Python reader checking the bytes against what this test expects.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <limits>
#include <set>

#include <nlohmann/json.hpp>

#include "stts/checkpoint/safetensors.h"
#include "stts/runfile.h"
#include "stts/stages.h"

using namespace stts;

namespace {

template <typename T>
bool sameBits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}
bool sameBits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

std::vector<std::byte> readAll(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  const QByteArray b = f.readAll();
  std::vector<std::byte> out(static_cast<std::size_t>(b.size()));
  std::memcpy(out.data(), b.constData(), out.size());
  return out;
}

// A run with every field set to something non-default, including awkward values: NaN with a
// payload and -0.0 in tensors, doubles without short decimal forms, a non-UTF-8 answer, the
// largest seed.
RunResult sampleRun(int frames, bool withFrames, bool withExtras) {
  RunResult r;
  r.request.videoPath = "/videos/caf\xc3\xa9 clip.mp4";
  r.request.modelPath = "/models/tiny";
  r.request.sampling.maxFrames = 64;
  r.request.sampling.maxFps = 1.0 / 3.0;
  r.request.question = "What happens \"next\"?\n";
  r.request.keepRatio = 0.3;
  r.request.method = "vidcom2";
  r.request.budgetPolicy = "native";
  r.request.fastvLayer = 5;
  r.request.tapPoint = "vit";
  r.request.seed = std::numeric_limits<uint64_t>::max();
  r.request.device = "cuda:1";
  r.request.dtype = "bfloat16";
  r.request.maxNewTokens = 17;
  r.video.path = r.request.videoPath;
  r.video.container = "mov,mp4,m4a,3gp,3g2,mj2";
  r.video.codec = "h264";
  r.video.streamIndex = 0;
  r.video.codedWidth = 640;
  r.video.codedHeight = 360;
  r.video.sampleAspectRatio = {4, 3};
  r.video.rotation = 90;
  r.video.displayWidth = 360;
  r.video.displayHeight = 853;
  r.video.timeBase = {1, 90000};
  r.video.startPts = -1234;
  r.video.startTime = -0.013711111111111111;
  r.video.duration = 12.345678901234567;
  r.video.frameCount = 371;
  r.video.averageFps = 30000.0 / 1001.0;
  r.video.variableFrameRate = true;
  r.video.containerDuration = -1;
  r.videoFileSize = 123456789;
  r.videoMtime = 1764000000;
  r.videoHeadHash = std::string(64, 'a');
  r.modelConfigHash = std::string(64, 'b');
  r.modelHasScorer = true;
  r.frames = frames;
  float nanWithPayload;
  const uint32_t nanBits = 0x7FC01234u;
  std::memcpy(&nanWithPayload, &nanBits, 4);
  for (int t = 0; t < frames; ++t) {
    r.frameTime.push_back(t * 0.1 + 1e-17);
    r.framePts.push_back(int64_t{1} << 40 | t);
    r.frameNumber.push_back(t * 3);
    int kept = 0;
    for (int c = 0; c < kCellsPerFrame; ++c) {
      const uint8_t k = static_cast<uint8_t>((t * 7 + c * 13) % 3 == 0);
      r.keep.push_back(k);
      kept += k;
      r.scores.push_back(std::sin(float(t * 81 + c)) * 3.0f);
    }
    r.keptPerFrame.push_back(kept);
  }
  r.scores[1] = nanWithPayload;
  r.scores[2] = -0.0f;
  r.scores[3] = std::numeric_limits<float>::infinity();
  r.scores[4] = std::numeric_limits<float>::denorm_min();
  r.visionTokensBefore = int64_t{81} * frames;
  r.visionTokensAfter = 0;
  for (int k : r.keptPerFrame) r.visionTokensAfter += k;
  if (withExtras) {
    r.extras["cell_prob"] = std::vector<float>(r.scores.size(), 0.25f);
    r.extras["frame_sim"] = std::vector<float>(static_cast<std::size_t>(frames), -1.5f);
    r.extras["misc.raw-1"] = {1.f, 2.f, 3.f, 4.f, 5.f, 6.f, 7.f};
  }
  if (withFrames) {
    r.inputWidth = 6;
    r.inputHeight = 4;
    for (int i = 0; i < frames * 6 * 4 * 3; ++i)
      r.inputFrames.push_back(static_cast<uint8_t>(i * 31));
  }
  r.answer = "A cat jumps \xe2\x9c\x93 then \xe2\x9c";  // ends inside a UTF-8 sequence
  r.answerTokens = {151644, 872, 198, -1, 2147483647};
  r.promptTokens = 1234;
  r.timings = {{"decode", 12.5, "cpu", 0}, {"vit_pre", 0.1 + 0.2, "cuda:1", 729 * 3}};
  r.peakMemoryBytes = int64_t{5} << 33;
  r.peakDeviceMemoryBytes = int64_t{3} << 32;
  r.timingClock = "cuda_events";
  r.timingWarmup = 2;
  r.timingRepeats = 5;
  r.versions = {{"engine", "0.1.0"}, {"libtorch", "2.4.1"}, {"device", "NVIDIA H100"}};
  return r;
}

void compareRuns(const RunResult& a, const RunResult& b) {
  QCOMPARE(a.request.videoPath, b.request.videoPath);
  QCOMPARE(a.request.modelPath, b.request.modelPath);
  QCOMPARE(a.request.sampling.maxFrames, b.request.sampling.maxFrames);
  QVERIFY(sameBits(a.request.sampling.maxFps, b.request.sampling.maxFps));
  QCOMPARE(a.request.question, b.request.question);
  QCOMPARE(a.request.method, b.request.method);
  QVERIFY(sameBits(a.request.keepRatio, b.request.keepRatio));
  QCOMPARE(a.request.budgetPolicy, b.request.budgetPolicy);
  QCOMPARE(a.request.fastvLayer, b.request.fastvLayer);
  QCOMPARE(a.request.tapPoint, b.request.tapPoint);
  QCOMPARE(a.request.seed, b.request.seed);
  QCOMPARE(a.request.device, b.request.device);
  QCOMPARE(a.request.dtype, b.request.dtype);
  QCOMPARE(a.request.maxNewTokens, b.request.maxNewTokens);
  const VideoInfo &v = a.video, &w = b.video;
  QCOMPARE(v.path, w.path);
  QCOMPARE(v.container, w.container);
  QCOMPARE(v.codec, w.codec);
  QCOMPARE(v.streamIndex, w.streamIndex);
  QCOMPARE(v.codedWidth, w.codedWidth);
  QCOMPARE(v.codedHeight, w.codedHeight);
  QCOMPARE(v.sampleAspectRatio.num, w.sampleAspectRatio.num);
  QCOMPARE(v.sampleAspectRatio.den, w.sampleAspectRatio.den);
  QCOMPARE(v.rotation, w.rotation);
  QCOMPARE(v.displayWidth, w.displayWidth);
  QCOMPARE(v.displayHeight, w.displayHeight);
  QCOMPARE(v.timeBase.num, w.timeBase.num);
  QCOMPARE(v.timeBase.den, w.timeBase.den);
  QCOMPARE(v.startPts, w.startPts);
  QVERIFY(sameBits(v.startTime, w.startTime));
  QVERIFY(sameBits(v.duration, w.duration));
  QCOMPARE(v.frameCount, w.frameCount);
  QVERIFY(sameBits(v.averageFps, w.averageFps));
  QCOMPARE(v.variableFrameRate, w.variableFrameRate);
  QVERIFY(sameBits(v.containerDuration, w.containerDuration));
  QCOMPARE(a.videoFileSize, b.videoFileSize);
  QCOMPARE(a.videoMtime, b.videoMtime);
  QCOMPARE(a.videoHeadHash, b.videoHeadHash);
  QCOMPARE(a.modelConfigHash, b.modelConfigHash);
  QCOMPARE(a.modelHasScorer, b.modelHasScorer);
  QCOMPARE(a.frames, b.frames);
  QVERIFY(sameBits(a.frameTime, b.frameTime));
  QVERIFY(sameBits(a.framePts, b.framePts));
  QVERIFY(sameBits(a.frameNumber, b.frameNumber));
  QVERIFY(sameBits(a.scores, b.scores));
  QVERIFY(sameBits(a.keep, b.keep));
  QVERIFY(sameBits(a.keptPerFrame, b.keptPerFrame));
  QCOMPARE(a.visionTokensBefore, b.visionTokensBefore);
  QCOMPARE(a.visionTokensAfter, b.visionTokensAfter);
  QCOMPARE(a.extras.size(), b.extras.size());
  for (const auto& [name, values] : a.extras) {
    QVERIFY2(b.extras.count(name), name.c_str());
    QVERIFY(sameBits(values, b.extras.at(name)));
  }
  QCOMPARE(a.inputWidth, b.inputWidth);
  QCOMPARE(a.inputHeight, b.inputHeight);
  QVERIFY(sameBits(a.inputFrames, b.inputFrames));
  QCOMPARE(a.answer, b.answer);
  QVERIFY(sameBits(a.answerTokens, b.answerTokens));
  QCOMPARE(a.promptTokens, b.promptTokens);
  QCOMPARE(a.timings.size(), b.timings.size());
  for (std::size_t i = 0; i < a.timings.size(); ++i) {
    QCOMPARE(a.timings[i].name, b.timings[i].name);
    QVERIFY(sameBits(a.timings[i].milliseconds, b.timings[i].milliseconds));
    QCOMPARE(a.timings[i].device, b.timings[i].device);
    QCOMPARE(a.timings[i].tokens, b.timings[i].tokens);
  }
  QCOMPARE(a.peakMemoryBytes, b.peakMemoryBytes);
  QCOMPARE(a.peakDeviceMemoryBytes, b.peakDeviceMemoryBytes);
  QCOMPARE(a.timingClock, b.timingClock);
  QCOMPARE(a.timingWarmup, b.timingWarmup);
  QCOMPARE(a.timingRepeats, b.timingRepeats);
  QVERIFY(a.versions == b.versions);
}

// The tensors and metadata of a saved file, editable, to build broken files with the writer.
struct Parts {
  std::vector<std::string> names;
  std::vector<stts::ckpt::DType> dtypes;
  std::vector<std::vector<int64_t>> shapes;
  std::vector<std::vector<std::byte>> bytes;
  std::map<std::string, std::string> metadata;

  int index(const std::string& name) const {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) return static_cast<int>(i);
    return -1;
  }
  void erase(const std::string& name) {
    const int i = index(name);
    names.erase(names.begin() + i);
    dtypes.erase(dtypes.begin() + i);
    shapes.erase(shapes.begin() + i);
    bytes.erase(bytes.begin() + i);
  }
  bool write(const std::string& path) const {
    std::vector<stts::ckpt::TensorToWrite> t;
    for (std::size_t i = 0; i < names.size(); ++i)
      t.push_back({names[i], dtypes[i], shapes[i], bytes[i]});
    return stts::ckpt::writeSafetensors(path, t, metadata).ok();
  }
};

Parts partsOf(const std::string& path) {
  Parts p;
  auto file = stts::ckpt::SafetensorsFile::open(path);
  if (!file) return p;
  for (const auto& v : file->tensors()) {
    p.names.push_back(v.name);
    p.dtypes.push_back(v.dtype);
    p.shapes.push_back(v.shape);
    p.bytes.emplace_back(v.data.begin(), v.data.end());
  }
  p.metadata = file->metadata();
  return p;
}

std::string editMetadata(const std::string& text, const char* key, nlohmann::json value) {
  auto j = nlohmann::ordered_json::parse(text);
  j[key] = std::move(value);
  return j.dump();
}

}  // namespace

class TestRunFile : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  std::string path(const char* name) const { return dir_.filePath(name).toStdString(); }

 private slots:
  void sha256KnownAnswers() {
    QCOMPARE(sha256Hex(std::string_view("")),
             std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE(sha256Hex(std::string_view("abc")),
             std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(
        sha256Hex(std::string_view("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
        std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
    QCOMPARE(sha256Hex(std::string(1000000, 'a')),
             std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
  }

  void roundTripIsBitExact_data() {
    QTest::addColumn<int>("frames");
    QTest::addColumn<bool>("withFrames");
    QTest::addColumn<bool>("withExtras");
    QTest::newRow("minimal") << 1 << false << false;
    QTest::newRow("frames") << 3 << true << false;
    QTest::newRow("extras") << 5 << false << true;
    QTest::newRow("everything") << 81 << true << true;  // T == 81: extras shapes stay unambiguous
  }
  void roundTripIsBitExact() {
    QFETCH(int, frames);
    QFETCH(bool, withFrames);
    QFETCH(bool, withExtras);
    RunResult run = sampleRun(frames, withFrames, withExtras);
    if (frames == 1) {  // minimal: optional parts absent, strings empty
      run.answer.clear();
      run.answerTokens.clear();
      run.timings.clear();
      run.versions.clear();
    }
    const std::string a = path("a.sttsrun"), b = path("b.sttsrun");
    auto saved = saveRunFile(a, run);
    QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().message.c_str());
    auto loaded = loadRunFile(a);
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    compareRuns(run, *loaded);
    QVERIFY(saveRunFile(b, *loaded).ok());
    const auto bytesA = readAll(QString::fromStdString(a));
    QVERIFY(!bytesA.empty());
    QVERIFY(bytesA == readAll(QString::fromStdString(b)));
  }

  void filesBeforeTheBaselinesLoad() {
    // Run files written before budget_policy and fastv_layer existed load with the defaults.
    const std::string saved = path("old.sttsrun"), old = path("old-edited.sttsrun");
    QVERIFY(saveRunFile(saved, sampleRun(2, false, false)).ok());
    Parts p = partsOf(saved);
    auto j = nlohmann::ordered_json::parse(p.metadata["stts"]);
    QVERIFY(j["request"].contains("budget_policy"));
    j["request"].erase("budget_policy");
    j["request"].erase("fastv_layer");
    j["request"].erase("tap_point");
    p.metadata["stts"] = j.dump();
    QVERIFY(p.write(old));
    auto loaded = loadRunFile(old);
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    QCOMPARE(loaded->request.budgetPolicy, std::string("equal"));
    QCOMPARE(loaded->request.fastvLayer, 2);
    QCOMPARE(loaded->request.tapPoint, std::string("connector"));
    QCOMPARE(loaded->request.method, std::string("vidcom2"));
  }

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

  void loadErrorsHaveTheirOwnMessage() {
    const std::string good = path("good.sttsrun");
    QVERIFY(saveRunFile(good, sampleRun(4, true, true)).ok());
    const Parts base = partsOf(good);
    QVERIFY(base.index("keep") >= 0);
    const std::string meta = base.metadata.at("stts");

    struct Case {
      const char* name;
      std::function<void(Parts&)> edit;
      const char* expected;  // a fragment of the one-sentence error
    };
    const std::vector<Case> cases = {
        {"missing tensor", [](Parts& p) { p.erase("frame_number"); },
         "the tensor \"frame_number\" is missing"},
        {"T mismatch",
         [](Parts& p) {
           const int i = p.index("frame_pts");
           p.shapes[i] = {3};
           p.bytes[i].resize(3 * 8);
         },
         "\"frame_pts\" has 3 frames, but the run has 4"},
        {"keep value 2",
         [](Parts& p) {
           const int k = p.index("keep"), n = p.index("kept_per_frame");
           const auto old = static_cast<uint8_t>(p.bytes[k][5]);
           p.bytes[k][5] = std::byte{2};
           int32_t count;
           std::memcpy(&count, p.bytes[n].data(), 4);
           count += 2 - old;  // row sum still matches, so only the value is wrong
           std::memcpy(p.bytes[n].data(), &count, 4);
         },
         "keep[0, 5] is 2, but keep holds only 0 and 1"},
        {"kept_per_frame wrong",
         [](Parts& p) {
           const int n = p.index("kept_per_frame");
           int32_t count;
           std::memcpy(&count, p.bytes[n].data() + 8, 4);
           ++count;
           std::memcpy(p.bytes[n].data() + 8, &count, 4);
         },
         "kept_per_frame[2] is"},
        {"bad JSON", [](Parts& p) { p.metadata["stts"] = "{\"format\": \"stts-run\","; },
         "metadata is not valid JSON"},
        {"unknown version",
         [&](Parts& p) { p.metadata["stts"] = editMetadata(meta, "version", 99); },
         "format version 99, but this build reads only version 1"},
        {"not a run file",
         [](Parts& p) {
           p.metadata = {{"format", "pt"}};
         },
         "not an STTS run file"},
        {"wrong format", [&](Parts& p) { p.metadata["stts"] = editMetadata(meta, "format", "x"); },
         "metadata format is \"x\""},
        {"missing field",
         [&](Parts& p) {
           auto j = nlohmann::ordered_json::parse(meta);
           j["video"].erase("head_sha256");
           p.metadata["stts"] = j.dump();
         },
         "video.head_sha256 is missing"},
        {"bad budget policy",
         [&](Parts& p) {
           auto j = nlohmann::ordered_json::parse(meta);
           j["request"]["budget_policy"] = "generous";
           p.metadata["stts"] = j.dump();
         },
         "request.budget_policy must be \"equal\" or \"native\""},
        {"bad fastv layer",
         [&](Parts& p) {
           auto j = nlohmann::ordered_json::parse(meta);
           j["request"]["fastv_layer"] = "two";
           p.metadata["stts"] = j.dump();
         },
         "request.fastv_layer must be an integer"},
        {"bad tap point",
         [&](Parts& p) {
           auto j = nlohmann::ordered_json::parse(meta);
           j["request"]["tap_point"] = "llm";
           p.metadata["stts"] = j.dump();
         },
         "request.tap_point must be \"connector\" or \"vit\""},
        {"wrong dtype",
         [](Parts& p) {
           const int i = p.index("scores");
           p.dtypes[i] = stts::ckpt::DType::I32;
         },
         "\"scores\" is I32, expected F32"},
        {"unexpected tensor",
         [](Parts& p) {
           p.names.push_back("bogus");
           p.dtypes.push_back(stts::ckpt::DType::U8);
           p.shapes.push_back({1});
           p.bytes.push_back({std::byte{1}});
         },
         "unexpected tensor \"bogus\""},
        {"frames size",
         [&](Parts& p) {
           p.metadata["stts"] = editMetadata(meta, "input", {{"width", 5}, {"height", 4}});
         },
         "\"frames\" has shape [4, 4, 6, 3], expected [4, 4, 5, 3]"},
    };
    std::set<std::string> messages;
    for (const Case& c : cases) {
      Parts p = base;
      c.edit(p);
      const std::string file = path("broken.sttsrun");
      QVERIFY2(p.write(file), c.name);
      auto loaded = loadRunFile(file);
      QVERIFY2(!loaded.ok(), c.name);
      const std::string& message = loaded.error().message;
      QVERIFY2(message.find(c.expected) != std::string::npos,
               (std::string(c.name) + ": " + message).c_str());
      QVERIFY2(message.find(file) != std::string::npos, message.c_str());  // names the file
      QVERIFY2(message.find('\n') == std::string::npos, message.c_str());
      QVERIFY2(messages.insert(message).second, message.c_str());
    }

    // Truncated: the reader's own bounds checks refuse it.
    auto bytes = readAll(QString::fromStdString(good));
    bytes.resize(bytes.size() - 100);
    QFile out(dir_.filePath("truncated.sttsrun"));
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<qint64>(bytes.size()));
    out.close();
    auto truncated = loadRunFile(path("truncated.sttsrun"));
    QVERIFY(!truncated.ok());
    QVERIFY(messages.insert(truncated.error().message).second);
    auto missing = loadRunFile(path("does-not-exist.sttsrun"));
    QVERIFY(!missing.ok());
  }

  void saveRefusesInconsistentRuns() {
    const std::string file = path("refused.sttsrun");
    RunResult r = sampleRun(2, false, false);
    r.keep[3] = 2;
    auto saved = saveRunFile(file, r);
    QVERIFY(!saved.ok());
    QVERIFY2(saved.error().message.find("keep[0, 3] is 2") != std::string::npos,
             saved.error().message.c_str());
    r = sampleRun(2, false, false);
    r.timings[0].milliseconds = std::nan("");
    saved = saveRunFile(file, r);
    QVERIFY(!saved.ok());
    QVERIFY2(saved.error().message.find("timings.milliseconds is not a finite number") !=
                 std::string::npos,
             saved.error().message.c_str());
    r = sampleRun(2, true, false);
    r.inputFrames.pop_back();
    QVERIFY(!saveRunFile(file, r).ok());
    r = sampleRun(2, false, true);
    r.extras["bad name"] = {1.f};
    QVERIFY(!saveRunFile(file, r).ok());
    r = sampleRun(2, false, false);
    r.frames = 0;
    QVERIFY(!saveRunFile(file, r).ok());
    QVERIFY(!QFile::exists(QString::fromStdString(file)));  // nothing half-written
  }

  void fileIdentityHashesTheFirstMiB() {
    const QString name = dir_.filePath("video.bin");
    QFile f(name);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QByteArray data(int(kHeadHashBytes) + 4096, '\0');
    for (int i = 0; i < data.size(); ++i) data[i] = char((i * 2654435761u) >> 24);
    f.write(data);
    f.close();
    auto id = fileIdentity(name.toStdString());
    QVERIFY(id.ok());
    QCOMPARE(id->size, int64_t(data.size()));
    QVERIFY(id->mtime > 0);
    QCOMPARE(id->headHash, sha256Hex(std::string_view(data.constData(), size_t(kHeadHashBytes))));
    QVERIFY(!fileIdentity(dir_.filePath("nope").toStdString()).ok());
    QVERIFY(!fileIdentity(dir_.path().toStdString()).ok());  // a folder is not a video
  }

  // The bytes as an independent reader sees them (safetensors layout + metadata JSON).
  void pythonReaderAgrees() {
    // STTS_PYTHON picks the interpreter (e.g. one without numpy, to exercise the struct path);
    // otherwise Debian's python3, which the setup script gives numpy.
    QString python = qEnvironmentVariable("STTS_PYTHON");
    if (python.isEmpty()) {
      python = QFile::exists("/usr/bin/python3") ? "/usr/bin/python3"
                                                 : QStandardPaths::findExecutable("python3");
    }
    if (python.isEmpty()) QSKIP("python3 is not installed");

    const QString videoName = dir_.filePath("identity.bin");
    QFile video(videoName);
    QVERIFY(video.open(QIODevice::WriteOnly));
    video.write(QByteArray(3000, 'v'));
    video.close();
    RunResult run = sampleRun(3, true, true);
    auto id = fileIdentity(videoName.toStdString());
    QVERIFY(id.ok());
    run.videoHeadHash = id->headHash;
    run.answer = "plain answer";
    const std::string file = path("python.sttsrun");
    QVERIFY(saveRunFile(file, run).ok());

    QJsonObject tensors;
    auto add = [&](const char* name, const char* dtype, QJsonArray shape, const void* data,
                   std::size_t bytes, QJsonArray first) {
      tensors[name] = QJsonObject{{"dtype", dtype},
                                  {"shape", shape},
                                  {"sha256", QString::fromStdString(sha256Hex(std::string_view(
                                                 static_cast<const char*>(data), bytes)))},
                                  {"first", first}};
    };
    // scores[1..4] hold NaN/Inf/-0/denormal (not JSON); the hash covers them.
    add("scores", "F32", {3, 81}, run.scores.data(), run.scores.size() * 4,
        {double(run.scores[0])});
    add("keep", "U8", {3, 81}, run.keep.data(), run.keep.size(),
        {run.keep[0], run.keep[1], run.keep[2]});
    add("frame_time", "F64", {3}, run.frameTime.data(), 24, {run.frameTime[0], run.frameTime[1]});
    add("frame_pts", "I64", {3}, run.framePts.data(), 24,
        {qint64(run.framePts[0]), qint64(run.framePts[1])});
    add("frame_number", "I64", {3}, run.frameNumber.data(), 24, {0, 3, 6});
    add("kept_per_frame", "I32", {3}, run.keptPerFrame.data(), 12, {run.keptPerFrame[0]});
    add("frames", "U8", {3, 4, 6, 3}, run.inputFrames.data(), run.inputFrames.size(), {0, 31, 62});
    add("answer_tokens", "I32", {5}, run.answerTokens.data(), 20, {151644, 872, 198, -1});
    const auto& cellProb = run.extras.at("cell_prob");
    add("extra.cell_prob", "F32", {3, 81}, cellProb.data(), cellProb.size() * 4, {0.25});
    add("extra.frame_sim", "F32", {3}, run.extras.at("frame_sim").data(), 12, {-1.5, -1.5});
    add("extra.misc.raw-1", "F32", {7}, run.extras.at("misc.raw-1").data(), 28, {1.0, 2.0, 3.0});

    QJsonObject expected{
        {"tensors", tensors},
        {"identity_file", videoName},
        {"metadata",
         QJsonObject{{"format", "stts-run"},
                     {"version", 1},
                     {"frames", 3},
                     {"answer", "plain answer"},
                     {"request.video_path", QString::fromUtf8(run.request.videoPath.c_str())},
                     {"request.keep_ratio", 0.3},
                     {"request.max_new_tokens", 17},
                     {"video.size", qint64(run.videoFileSize)},
                     {"video.info.codec", "h264"},
                     {"video.info.time_base", QJsonArray{1, 90000}},
                     {"model.has_scorer", true},
                     {"input.width", 6},
                     {"vision_tokens.before", 243},
                     {"prompt_tokens", 1234},
                     {"versions.libtorch", "2.4.1"}}}};
    const QString expectedName = dir_.filePath("expected.json");
    QFile ej(expectedName);
    QVERIFY(ej.open(QIODevice::WriteOnly));
    ej.write(QJsonDocument(expected).toJson());
    ej.close();

    QProcess p;
    p.start(python, {STTS_RUNFILE_CHECKER, QString::fromStdString(file), expectedName});
    QVERIFY(p.waitForFinished(60000));
    const QString out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, qPrintable(out));
    QVERIFY2(out.contains("check_runfile: ok"), qPrintable(out));
    qInfo("%s via %s", qPrintable(out.trimmed()), qPrintable(python));
  }
};

QTEST_GUILESS_MAIN(TestRunFile)
#include "test_runfile.moc"
