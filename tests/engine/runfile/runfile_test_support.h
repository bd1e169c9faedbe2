// Shared by the run-file tests: a sample run with every field set, a field-by-field comparison,
// and a way to take a saved file apart, edit it and write it back (for broken-file cases).
#pragma once

#include <QFile>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stts/checkpoint/safetensors.h"
#include "stts/runfile.h"
#include "video_identity_compare.h"

namespace runfile_test {

using namespace stts;

template <typename T>
inline bool sameBits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}
inline bool sameBits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

inline std::vector<std::byte> readAll(const QString& path) {
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
inline RunResult sampleRun(int frames, bool withFrames, bool withExtras) {
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

inline void compareRuns(const RunResult& a, const RunResult& b) {
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
  stts::test::compareVideoIdentity(a, b);
  if (QTest::currentTestFailed()) return;
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

inline Parts partsOf(const std::string& path) {
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

inline std::string editMetadata(const std::string& text, const char* key, nlohmann::json value) {
  auto j = nlohmann::ordered_json::parse(text);
  j[key] = std::move(value);
  return j.dump();
}

}  // namespace runfile_test
