#include "media/video_loader.h"

#include <QFile>
#include <QFileInfo>
#include <QMetaObject>
#include <algorithm>

#include "common/engine_error.h"
#include "media/run_loading.h"

namespace stts::ui {

namespace {

// Runs on the worker thread. Engine errors are already user-readable sentences.
LoadedVideoPtr runLoadJob(const QString& path, const stts::SamplingSpec& spec,
                          const stts::CancelToken* cancel, QString* error) {
  // The engine takes a native (local 8-bit) path so non-UTF-8 file names still open.
  auto source = stts::VideoSource::open(QFile::encodeName(path).toStdString());
  if (!source) {
    *error = engineErrorText(source.error());
    return nullptr;
  }
  auto frames = source->sample(spec, cancel);
  if (!frames) {
    *error = engineErrorText(frames.error());
    return nullptr;
  }
  if (frames->empty()) {
    *error = VideoLoader::tr("The video contains no frames that could be decoded.");
    return nullptr;
  }
  auto video = std::make_shared<LoadedVideo>();
  video->path = path;
  video->info = source->info();
  video->sampling = spec;
  video->frames = std::move(frames.value());
  return video;
}

}  // namespace

int LoadedVideo::sampleNearestToTime(double seconds) const {
  if (frames.empty()) return -1;
  auto it = std::lower_bound(
      frames.begin(), frames.end(), seconds,
      [](const stts::SampledFrame& f, double t) { return f.point.requestedTime < t; });
  if (it == frames.end()) return int(frames.size()) - 1;
  const int after = int(it - frames.begin());
  if (after == 0) return 0;
  const double toAfter = it->point.requestedTime - seconds;
  const double toBefore = seconds - frames[size_t(after - 1)].point.requestedTime;
  return toBefore <= toAfter ? after - 1 : after;
}

double LoadedVideo::sampledFramesPerSecond() const {
  if (frames.size() >= 2) {
    const double span = frames.back().point.requestedTime - frames.front().point.requestedTime;
    if (span > 0.0) return double(frames.size() - 1) / span;
  }
  return sampling.maxFps > 0.0 ? sampling.maxFps : 2.0;
}

VideoLoader::VideoLoader(QObject* parent) : QObject(parent) {
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
  start(path, false, [path, spec](const stts::CancelToken* cancel) {
    Outcome outcome;
    outcome.video = runLoadJob(path, spec, cancel, &outcome.error);
    return outcome;
  });
}

void VideoLoader::loadRun(const QString& path) {
  start(path, true, [path](const stts::CancelToken* cancel) {
    RunJobOutcome job = loadRunJob(path, cancel);
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
