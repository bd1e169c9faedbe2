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

// Requested times are written by the same planner the loader uses, so equal times agree to far
// better than this; anything further apart is a different sample.
constexpr double kSameTimeTolerance = 1e-3;

const stts::SampledFrame* sampleAtTime(const std::vector<stts::SampledFrame>& frames, double t) {
  auto it = std::lower_bound(
      frames.begin(), frames.end(), t - kSameTimeTolerance,
      [](const stts::SampledFrame& f, double time) { return f.point.requestedTime < time; });
  if (it != frames.end() && std::abs(it->point.requestedTime - t) <= kSameTimeTolerance) {
    return &*it;
  }
  return nullptr;
}

// The run's frames from its video. Decodes the run's own sampling plan once (each distinct frame
// once), then falls back to a seek for any run frame the plan does not contain, e.g. a run made
// with other sampling settings than it records.
LoadedVideoPtr framesFromVideo(const stts::RunResult& run, const QString& videoPath,
                               const stts::CancelToken* cancel, QString* problem) {
  auto source = stts::VideoSource::open(QFile::encodeName(videoPath).toStdString());
  if (!source) {
    *problem = engineErrorText(source.error());
    return nullptr;
  }
  std::vector<stts::SampledFrame> sampled;
  if (auto frames = source->sample(run.request.sampling, cancel)) {
    sampled = std::move(frames.value());
  } else if (stts::isCancelled(cancel)) {
    return nullptr;
  } else if (frames.error().code == stts::ErrorCode::TooLarge) {
    // A decoded-size bound: fetching the frames one by one below would bypass it.
    *problem = engineErrorText(frames.error());
    return nullptr;
  }
  auto video = std::make_shared<LoadedVideo>();
  video->path = videoPath;
  video->info = source->info();
  video->sampling = run.request.sampling;
  video->frames.reserve(size_t(run.frames));
  for (int i = 0; i < run.frames; ++i) {
    if (stts::isCancelled(cancel)) return nullptr;
    const double t = run.frameTime[size_t(i)];
    stts::SampledFrame frame;
    if (const stts::SampledFrame* match = sampleAtTime(sampled, t)) {
      frame = *match;
    } else {
      auto image = source->frameAt(t);
      if (!image) {
        *problem = engineErrorText(image.error());
        return nullptr;
      }
      frame.image = std::move(image.value());
      frame.point.frameNumber = run.frameNumber[size_t(i)];
      frame.point.pts = run.framePts[size_t(i)];
      frame.point.frameTime = t;
    }
    frame.point.requestedTime = t;
    video->frames.push_back(std::move(frame));
  }
  return video;
}

// The run's stored model inputs, one image per frame, drawn at the video's display aspect.
LoadedVideoPtr storedFrames(const stts::RunResult& run, const QString& videoPath) {
  auto video = std::make_shared<LoadedVideo>();
  video->path = videoPath;
  video->info = run.video;
  video->sampling = run.request.sampling;
  video->displayAspect = run.video.displayWidth > 0 && run.video.displayHeight > 0
                             ? double(run.video.displayWidth) / run.video.displayHeight
                             : 1.0;
  const size_t frameBytes = size_t(run.inputWidth) * size_t(run.inputHeight) * 3;
  video->frames.reserve(size_t(run.frames));
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
    video->frames.push_back(std::move(frame));
  }
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

RunJobOutcome loadRunJob(const QString& path, const stts::CancelToken* cancel) {
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
      result->video = framesFromVideo(run, videoPath, cancel, &problem);
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
  result->video = storedFrames(run, videoPath);
  result->usesStoredFrames = true;
  result->videoProblem = problem;
  return {std::move(result), QString()};
}

}  // namespace stts::ui
