#include "media/run_loading.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <cmath>

#include "common/engine_error.h"
#include "stts/runfile.h"

namespace stts::ui {

namespace {

// The run's frames from its video: the frame displayed at each requested time (what sampling
// chose when the run was made, and what a seek shows for a run made with other settings). Only
// the first is decoded now, to prove the video decodes.
LoadedVideoPtr framesFromVideo(const stts::RunResult& run, const QString& videoPath,
                               const FrameMemoryLimits& limits, const stts::CancelToken* cancel,
                               QString* problem) {
  auto source = stts::VideoSource::open(QFile::encodeName(videoPath).toStdString());
  if (!source) {
    *problem = engineErrorText(source.error());
    return nullptr;
  }
  auto video = std::make_shared<LoadedVideo>();
  video->path = videoPath;
  video->info = source->info();
  video->sampling = run.request.sampling;
  video->points.reserve(size_t(run.frames));
  const stts::FrameIndex& index = source->index();
  for (int i = 0; i < run.frames; ++i) {
    const double t = run.frameTime[size_t(i)];
    const int64_t shown = stts::frameDisplayedAt(index, t);
    if (shown < 0) {
      *problem = QCoreApplication::translate("RunLoading", "its video has no frames");
      return nullptr;
    }
    video->points.push_back({t, shown, index.pts[size_t(shown)], index.times[size_t(shown)]});
  }
  if (stts::isCancelled(cancel)) return nullptr;
  video->store = std::make_shared<FrameStore>(
      videoPath, video->points, QSize(video->info.displayWidth, video->info.displayHeight), limits);
  if (!video->points.empty()) {
    auto first = source->frame(video->points.front().frameNumber);
    if (!first && first.error().code != stts::ErrorCode::InvalidData) {
      *problem = engineErrorText(first.error());
      return nullptr;
    }
    if (first) video->store->provide(0, *first);
  }
  return video;
}

// The run's stored model inputs, one image per frame, drawn at the video's display aspect.
LoadedVideoPtr storedFrames(const stts::RunResult& run, const QString& videoPath,
                            const FrameMemoryLimits& limits) {
  auto video = std::make_shared<LoadedVideo>();
  video->path = videoPath;
  video->info = run.video;
  video->sampling = run.request.sampling;
  video->displayAspect = run.video.displayWidth > 0 && run.video.displayHeight > 0
                             ? double(run.video.displayWidth) / run.video.displayHeight
                             : 1.0;
  const size_t frameBytes = size_t(run.inputWidth) * size_t(run.inputHeight) * 3;
  std::vector<stts::SampledFrame> frames;
  frames.reserve(size_t(run.frames));
  for (int i = 0; i < run.frames; ++i) {
    auto image = std::make_shared<stts::RgbImage>();
    image->width = run.inputWidth;
    image->height = run.inputHeight;
    const auto begin = run.inputFrames.begin() + std::ptrdiff_t(size_t(i) * frameBytes);
    image->pixels.assign(begin, begin + std::ptrdiff_t(frameBytes));
    stts::SampledFrame frame;
    frame.image = std::move(image);
    frame.point.requestedTime = run.frameTime[size_t(i)];
    frame.point.frameNumber = run.frameNumber[size_t(i)];
    frame.point.pts = run.framePts[size_t(i)];
    frame.point.frameTime = run.frameTime[size_t(i)];
    video->points.push_back(frame.point);
    frames.push_back(std::move(frame));
  }
  video->store = std::make_shared<FrameStore>(std::move(frames), limits);
  return video;
}

// True when the file at `videoPath` is provably not the one the run was made from: its size or the
// hash of its first MiB differ. The modification time alone is not trusted (copies change it).
bool videoChanged(const stts::RunResult& run, const QString& videoPath) {
  if (run.videoHeadHash.empty()) return false;  // the run cannot tell
  auto identity = stts::fileIdentity(QFile::encodeName(videoPath).toStdString());
  if (!identity) return false;  // opening the video will report what is wrong
  return identity->headHash != run.videoHeadHash ||
         (run.videoFileSize > 0 && identity->size != run.videoFileSize);
}

}  // namespace

QString runVideoPath(const stts::RunResult& run, const QString& runPath) {
  const std::string& stored = !run.video.path.empty() ? run.video.path : run.request.videoPath;
  if (stored.empty()) return {};
  const QString path = QFile::decodeName(QByteArray::fromStdString(stored));
  if (QFileInfo(path).isAbsolute()) return path;
  return QFileInfo(runPath).absoluteDir().absoluteFilePath(path);
}

bool isRunFilePath(const QString& path) {
  return path.endsWith(QString::fromLatin1(stts::kRunFileExtension.data(),
                                           qsizetype(stts::kRunFileExtension.size())),
                       Qt::CaseInsensitive);
}

RunJobOutcome loadRunJob(const QString& path, const stts::CancelToken* cancel,
                         const FrameMemoryLimits& limits) {
  auto loaded = stts::loadRunFile(QFile::encodeName(path).toStdString());
  if (!loaded) return {nullptr, engineErrorText(loaded.error())};
  auto result = std::make_shared<LoadedRun>();
  result->path = path;
  result->run = std::make_shared<const stts::RunResult>(std::move(loaded.value()));
  const stts::RunResult& run = *result->run;

  const QString videoPath = runVideoPath(run, path);
  const bool hasStoredFrames =
      !run.inputFrames.empty() && run.inputWidth > 0 && run.inputHeight > 0;
  QString problem;
  if (videoPath.isEmpty()) {
    problem = QCoreApplication::translate("RunLoading", "the run does not name its video");
  } else if (!QFileInfo::exists(videoPath)) {
    problem = QCoreApplication::translate("RunLoading", "its video “%1” was not found")
                  .arg(QFileInfo(videoPath).fileName());
  } else {
    const bool changed = videoChanged(run, videoPath);
    if (changed) {
      problem = QCoreApplication::translate("RunLoading",
                                            "its video “%1” has changed since the run was made")
                    .arg(QFileInfo(videoPath).fileName());
    }
    // A changed video would put the cells over the wrong pictures; the run's own frames are
    // right by construction, so they win when there are any.
    if (!changed || !hasStoredFrames) {
      result->video = framesFromVideo(run, videoPath, limits, cancel, &problem);
      if (stts::isCancelled(cancel)) return {nullptr, QString()};
      if (result->video) {
        if (changed) result->videoProblem = problem;
        return {std::move(result), QString()};
      }
    }
  }
  if (!hasStoredFrames) {
    return {nullptr,
            QCoreApplication::translate(
                "RunLoading", "The run cannot be shown: %1, and it stores no frames of its own.")
                .arg(problem)};
  }
  result->video = storedFrames(run, videoPath, limits);
  result->usesStoredFrames = true;
  result->videoProblem = problem;
  return {std::move(result), QString()};
}

}  // namespace stts::ui
