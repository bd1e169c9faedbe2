// Field-by-field comparison of what two runs record about their video: the decoder's VideoInfo
// and the file identity (size, mtime, head hash). Floating-point fields must match bit for bit:
// the identity is copied, never recomputed, so any difference is a bug. Used by the run-file
// round-trip tests and by the frames-file test (a run from frames equals a run from the video).
#pragma once

#include <QtTest>

#include <cstring>

#include "stts/run_result.h"

namespace stts::test {

inline bool sameDoubleBits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

inline void compareVideoIdentity(const RunResult& a, const RunResult& b) {
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
  QVERIFY(sameDoubleBits(v.startTime, w.startTime));
  QVERIFY(sameDoubleBits(v.duration, w.duration));
  QCOMPARE(v.frameCount, w.frameCount);
  QVERIFY(sameDoubleBits(v.averageFps, w.averageFps));
  QCOMPARE(v.variableFrameRate, w.variableFrameRate);
  QVERIFY(sameDoubleBits(v.containerDuration, w.containerDuration));
  QCOMPARE(a.videoFileSize, b.videoFileSize);
  QCOMPARE(a.videoMtime, b.videoMtime);
  QCOMPARE(a.videoHeadHash, b.videoHeadHash);
}

}  // namespace stts::test
