#include "export/export_data.h"
#include "common/sample_numbers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <cstdio>

namespace stts::ui {

namespace {

QString text(const std::string& value) {
  return QString::fromStdString(value);
}

// JSON has no NaN or infinity; a missing score is better than an unparseable file.
QJsonValue number(double value) {
  return std::isfinite(value) ? QJsonValue(value) : QJsonValue();
}

QJsonObject requestObject(const stts::RunRequest& request) {
  return QJsonObject{
      {QStringLiteral("video_path"), text(request.videoPath)},
      {QStringLiteral("model_path"), text(request.modelPath)},
      {QStringLiteral("max_frames"), request.sampling.maxFrames},
      {QStringLiteral("max_fps"), number(request.sampling.maxFps)},
      {QStringLiteral("question"), text(request.question)},
      {QStringLiteral("method"), text(request.method)},
      {QStringLiteral("keep_ratio"), number(request.keepRatio)},
      {QStringLiteral("seed"), QString::number(request.seed)},
      {QStringLiteral("device"), text(request.device)},
      {QStringLiteral("dtype"), text(request.dtype)},
      {QStringLiteral("max_new_tokens"), request.maxNewTokens},
  };
}

QJsonObject videoObject(const stts::RunResult& run) {
  const stts::VideoInfo& video = run.video;
  return QJsonObject{
      {QStringLiteral("path"), text(video.path)},
      {QStringLiteral("container"), text(video.container)},
      {QStringLiteral("codec"), text(video.codec)},
      {QStringLiteral("coded_width"), video.codedWidth},
      {QStringLiteral("coded_height"), video.codedHeight},
      {QStringLiteral("sample_aspect_ratio"),
       QStringLiteral("%1:%2").arg(video.sampleAspectRatio.num).arg(video.sampleAspectRatio.den)},
      {QStringLiteral("rotation"), video.rotation},
      {QStringLiteral("display_width"), video.displayWidth},
      {QStringLiteral("display_height"), video.displayHeight},
      {QStringLiteral("duration"), number(video.duration)},
      {QStringLiteral("frame_count"), qint64(video.frameCount)},
      {QStringLiteral("average_fps"), number(video.averageFps)},
      {QStringLiteral("variable_frame_rate"), video.variableFrameRate},
      {QStringLiteral("file_size"), qint64(run.videoFileSize)},
      {QStringLiteral("mtime"), qint64(run.videoMtime)},
      {QStringLiteral("head_sha256"), text(run.videoHeadHash)},
  };
}

QJsonArray framesArray(const stts::RunResult& run) {
  QJsonArray frames;
  for (int i = 0; i < run.frames; ++i) {
    const size_t f = size_t(i);
    QJsonObject frame{{QStringLiteral("sample"), sampleNumber(i)}};
    if (f < run.frameTime.size()) frame[QStringLiteral("time")] = number(run.frameTime[f]);
    if (f < run.framePts.size()) frame[QStringLiteral("pts")] = qint64(run.framePts[f]);
    if (f < run.frameNumber.size()) {
      frame[QStringLiteral("frame_number")] = qint64(run.frameNumber[f]);
    }
    if (f < run.keptPerFrame.size()) frame[QStringLiteral("kept")] = run.keptPerFrame[f];
    frames.append(frame);
  }
  return frames;
}

QJsonArray timingsArray(const stts::RunResult& run) {
  QJsonArray timings;
  for (const stts::StageTiming& timing : run.timings) {
    timings.append(QJsonObject{{QStringLiteral("name"), text(timing.name)},
                               {QStringLiteral("milliseconds"), number(timing.milliseconds)},
                               {QStringLiteral("device"), text(timing.device)},
                               {QStringLiteral("tokens"), qint64(timing.tokens)}});
  }
  return timings;
}

}  // namespace

QByteArray cellsCsv(const stts::RunResult& run) {
  QByteArray csv(kCellCsvHeader);
  csv += '\n';
  csv.reserve(csv.size() + qsizetype(run.frames) * kCellsPerFrame * 32);
  char line[128];
  for (int f = 0; f < run.frames; ++f) {
    const double time = size_t(f) < run.frameTime.size() ? run.frameTime[size_t(f)] : 0.0;
    for (int c = 0; c < kCellsPerFrame; ++c) {
      const size_t cell = size_t(f) * kCellsPerFrame + size_t(c);
      const float score = cell < run.scores.size() ? run.scores[cell] : NAN;
      const int kept = cell < run.keep.size() && run.keep[cell] ? 1 : 0;
      // %.9g round-trips a float exactly; "nan" is what pandas and numpy read back.
      const int length =
          std::snprintf(line, sizeof line, "%d,%.6f,%d,%d,%.9g,%d\n", sampleNumber(f), time,
                        c / kCellGrid, c % kCellGrid, double(score), kept);
      csv.append(line, length);
    }
  }
  return csv;
}

QByteArray runMetadataJson(const stts::RunResult& run, const QString& runPath,
                           const QString& videoPath) {
  QJsonObject versions;
  for (const auto& [key, value] : run.versions) versions[text(key)] = text(value);
  QJsonObject extras;
  for (const auto& [key, values] : run.extras) extras[text(key)] = qint64(values.size());
  QJsonArray answerTokens;
  for (int32_t token : run.answerTokens) answerTokens.append(token);

  const QJsonObject root{
      {QStringLiteral("format"), QStringLiteral("stts-lens-run-metadata")},
      {QStringLiteral("run_file"), runPath.isEmpty() ? QJsonValue() : QJsonValue(runPath)},
      {QStringLiteral("video_file"), videoPath.isEmpty() ? QJsonValue() : QJsonValue(videoPath)},
      {QStringLiteral("request"), requestObject(run.request)},
      {QStringLiteral("video"), videoObject(run)},
      {QStringLiteral("model"),
       QJsonObject{{QStringLiteral("config_sha256"), text(run.modelConfigHash)},
                   {QStringLiteral("has_scorer"), run.modelHasScorer}}},
      {QStringLiteral("frame_count"), run.frames},
      {QStringLiteral("cells_per_frame"), kCellsPerFrame},
      {QStringLiteral("vision_tokens_before"), qint64(run.visionTokensBefore)},
      {QStringLiteral("vision_tokens_after"), qint64(run.visionTokensAfter)},
      {QStringLiteral("frames"), framesArray(run)},
      {QStringLiteral("stored_frames"),
       QJsonObject{{QStringLiteral("width"), run.inputWidth},
                   {QStringLiteral("height"), run.inputHeight},
                   {QStringLiteral("present"), !run.inputFrames.empty()}}},
      {QStringLiteral("extras"), extras},
      {QStringLiteral("answer"), text(run.answer)},
      {QStringLiteral("answer_tokens"), answerTokens},
      {QStringLiteral("prompt_tokens"), qint64(run.promptTokens)},
      {QStringLiteral("timings"), timingsArray(run)},
      {QStringLiteral("peak_memory_bytes"), qint64(run.peakMemoryBytes)},
      {QStringLiteral("versions"), versions},
  };
  return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

}  // namespace stts::ui
