#include "media/video_loader.h"

#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMetaObject>
#include <QScreen>
#include <algorithm>

#include "common/engine_error.h"
#include "common/settings.h"
#include "media/run_loading.h"

namespace stts::ui {

namespace {

// Runs on the worker thread. Engine errors are already user-readable sentences. Only the first
// sample is decoded here, so the window shows the video at once; the store fills in the rest.
LoadedVideoPtr runLoadJob(const QString& path, const stts::SamplingSpec& spec,
                          const FrameMemoryLimits& limits, const stts::CancelToken* cancel,
                          QString* error) {
  // The engine takes a native (local 8-bit) path so non-UTF-8 file names still open.
  auto source = stts::VideoSource::open(QFile::encodeName(path).toStdString());
  if (!source) {
    *error = engineErrorText(source.error());
    return nullptr;
  }
  auto video = std::make_shared<LoadedVideo>();
  video->path = path;
  video->info = source->info();
  video->sampling = spec;
  const QSize size(video->info.displayWidth, video->info.displayHeight);
  std::vector<stts::SamplePoint> plan = source->plan(spec);
  auto first = plan.empty() ? stts::Expected<stts::RgbImagePtr>(stts::makeError(
                                  stts::ErrorCode::InvalidData, "The video has no frames."))
                            : source->frame(plan.front().frameNumber);
  if (first) {
    video->points = std::move(plan);
    video->store = std::make_shared<FrameStore>(path, video->points, size, limits);
    video->store->provide(0, *first);
    return video;
  }
  if (first.error().code != stts::ErrorCode::InvalidData) {
    *error = engineErrorText(first.error());
    return nullptr;
  }
  // The first frame is damaged: sample the whole plan now, which replaces damaged frames by
  // their decodable neighbours (or says that none decodes), and keep copies of what it found.
  auto frames = source->sample(spec, cancel);
  if (!frames) {
    *error = engineErrorText(frames.error());
    return nullptr;
  }
  if (frames->empty()) {
    *error = VideoLoader::tr("The video contains no frames that could be decoded.");
    return nullptr;
  }
  for (const stts::SampledFrame& frame : *frames) video->points.push_back(frame.point);
  video->store = std::make_shared<FrameStore>(path, video->points, size, limits);
  video->store->fillFrom(*frames);
  return video;
}

}  // namespace

int LoadedVideo::sampleNearestToTime(double seconds) const {
  if (points.empty()) return -1;
  auto it =
      std::lower_bound(points.begin(), points.end(), seconds,
                       [](const stts::SamplePoint& p, double t) { return p.requestedTime < t; });
  if (it == points.end()) return int(points.size()) - 1;
  const int after = int(it - points.begin());
  if (after == 0) return 0;
  const double toAfter = it->requestedTime - seconds;
  const double toBefore = seconds - points[size_t(after - 1)].requestedTime;
  return toBefore <= toAfter ? after - 1 : after;
}

double LoadedVideo::sampledFramesPerSecond() const {
  if (points.size() >= 2) {
    const double span = points.back().requestedTime - points.front().requestedTime;
    if (span > 0.0) return double(points.size() - 1) / span;
  }
  return sampling.maxFps > 0.0 ? sampling.maxFps : 2.0;
}

namespace {

// The budget the user chose, and drawing copies no larger than the largest screen.
FrameMemoryLimits savedFrameLimits() {
  FrameMemoryLimits limits;
  limits.budgetBytes = int64_t(savedFrameMemoryMiB()) << 20;
  QSize largest;
  for (const QScreen* screen : QGuiApplication::screens()) {
    const QSize pixels = screen->size() * screen->devicePixelRatio();
    largest = largest.expandedTo(pixels);
  }
  if (!largest.isEmpty()) limits.displayLimit = largest;
  return limits;
}

}  // namespace

VideoLoader::VideoLoader(QObject* parent) : QObject(parent), limits_(savedFrameLimits()) {
  worker_ = new QObject;  // deleted by the thread's finished signal, in its own thread
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  thread_.setObjectName(QStringLiteral("stts-video-loader"));
  thread_.start();
}

VideoLoader::~VideoLoader() {
  cancel();
  thread_.quit();
  // Waiting here guarantees no job posts back to a destroyed loader.
  thread_.wait();
}

void VideoLoader::load(const QString& path) {
  const stts::SamplingSpec spec = sampling_;
  const FrameMemoryLimits limits = limits_;
  start(path, false, [path, spec, limits](const stts::CancelToken* cancel) {
    Outcome outcome;
    outcome.video = runLoadJob(path, spec, limits, cancel, &outcome.error);
    return outcome;
  });
}

void VideoLoader::loadRun(const QString& path) {
  const FrameMemoryLimits limits = limits_;
  start(path, true, [path, limits](const stts::CancelToken* cancel) {
    RunJobOutcome job = loadRunJob(path, cancel, limits);
    Outcome outcome;
    outcome.run = std::move(job.run);
    outcome.error = std::move(job.error);
    return outcome;
  });
}

void VideoLoader::start(const QString& path, bool isRun, Job job) {
  // Not cancel(): busy stays true across the hand-over, so the indicator does not flicker.
  if (currentCancel_) currentCancel_->cancel();
  const quint64 request = ++latestRequest_;
  auto cancelToken = std::make_shared<stts::CancelToken>();
  currentCancel_ = cancelToken;
  setBusy(true);
  emit started(path);

  QMetaObject::invokeMethod(worker_,
                            [this, request, path, isRun, cancelToken, job = std::move(job)] {
                              if (cancelToken->isCancelled()) return;  // superseded while queued
                              Outcome outcome = job(cancelToken.get());
                              QMetaObject::invokeMethod(
                                  this,
                                  [this, request, path, isRun, outcome = std::move(outcome)] {
                                    finish(request, outcome, path, isRun);
                                  },
                                  Qt::QueuedConnection);
                            });
}

void VideoLoader::cancel() {
  if (currentCancel_) currentCancel_->cancel();
  currentCancel_.reset();
  setBusy(false);
}

void VideoLoader::finish(quint64 request, const Outcome& outcome, const QString& path, bool isRun) {
  if (request != latestRequest_ || !busy_) return;  // a newer request or a cancel won
  currentCancel_.reset();
  setBusy(false);
  if (outcome.run) {
    emit runLoaded(outcome.run);
  } else if (outcome.video) {
    emit loaded(outcome.video);
  } else if (isRun) {
    emit runFailed(path, outcome.error);
  } else {
    emit failed(path, outcome.error);
  }
}

void VideoLoader::setBusy(bool busy) {
  if (busy == busy_) return;
  busy_ = busy;
  emit busyChanged(busy);
}

}  // namespace stts::ui
