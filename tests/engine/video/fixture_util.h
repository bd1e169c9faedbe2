// Helpers shared by the video tests: fixture paths, ffprobe ground truth, pixel checks.
#pragma once

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "stts/video.h"

namespace fixtures {

inline std::string path(const char* name) {
  return std::string(STTS_FIXTURE_DIR) + "/" + name;
}

// What ffprobe reported for a fixture when it was generated (make_fixtures.sh).
struct Probe {
  int64_t nbReadFrames = -1;
  std::vector<int64_t> pts;  // sorted packet PTS
  std::optional<double> startTime;
  int rotation = 0;  // ffprobe's display-matrix angle (counter-clockwise)
};

inline std::optional<Probe> probe(const char* name) {
  QFile f(QString::fromStdString(path(name) + ".probe.json"));
  if (!f.open(QIODevice::ReadOnly)) return std::nullopt;
  const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
  Probe p;
  p.nbReadFrames = o.value("nb_read_frames").toInteger(-1);
  for (const auto& v : o.value("pts").toArray()) p.pts.push_back(v.toInteger());
  if (o.value("start_time").isDouble()) p.startTime = o.value("start_time").toDouble();
  p.rotation = o.value("rotation").toInt();
  return p;
}

// VideoInfo::rotation for ffprobe's matrix angle: the same angle, taken mod 360 (-90 -> 270).
inline int rotationFromProbe(int ffprobeRotation) {
  return (ffprobeRotation % 360 + 360) % 360;
}

// Clockwise turn that FFmpeg's own autorotate (and the engine) applies for a VideoInfo::rotation.
inline int clockwiseTurn(int rotation) {
  return (360 - rotation) % 360;
}

inline bool near(const stts::RgbImage& img, int x, int y, int r, int g, int b, int tol = 40) {
  const uint8_t* p = img.pixel(x, y);
  return std::abs(p[0] - r) <= tol && std::abs(p[1] - g) <= tol && std::abs(p[2] - b) <= tol;
}

inline QByteArray describe(const stts::RgbImage& img, int x, int y) {
  const uint8_t* p = img.pixel(x, y);
  return QByteArray::number(x) + "," + QByteArray::number(y) + " = (" + QByteArray::number(p[0]) +
         "," + QByteArray::number(p[1]) + "," + QByteArray::number(p[2]) + ")";
}

}  // namespace fixtures
