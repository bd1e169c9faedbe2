#include "main/video_loader.h"

#include <QFile>
#include <QFileInfo>
#include <QMetaObject>
#include <algorithm>

namespace stts::ui {

namespace {

struct JobOutcome {
  LoadedVideoPtr video;
  QString error;
};

// Runs on the worker thread. Engine errors are already user-readable sentences.
JobOutcome runLoadJob(const QString& path, const stts::SamplingSpec& spec,
                      const stts::CancelToken* cancel) {
  // The engine takes a native (local 8-bit) path so non-UTF-8 file names still open.
  auto source = stts::VideoSource::open(QFile::encodeName(path).toStdString());
  if (!source) return {nullptr, QString::fromStdString(source.error().message)};
  auto frames = source->sample(spec, cancel);
  if (!frames) return {nullptr, QString::fromStdString(frames.error().message)};
  if (frames->empty()) {
    return {nullptr, VideoLoader::tr("The video contains no frames that could be decoded.")};
  }
  auto video = std::make_shared<LoadedVideo>();
  video->path = path;
  video->info = source->info();
  video->sampling = spec;
  video->frames = std::move(frames.value());
  return {std::move(video), QString()};
}

}  // namespace

double LoadedVideo::sampledFramesPerSecond() const {
  if (frames.size() >= 2) {
    const double span = frames.back().point.requestedTime - frames.front().point.requestedTime;
    if (span > 0.0) return double(frames.size() - 1) / span;
  }
  return sampling.maxFps;
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
  // Not cancel(): busy stays true across the hand-over, so the indicator does not flicker.
  if (currentCancel_) currentCancel_->cancel();
  const quint64 request = ++latestRequest_;
  auto cancelToken = std::make_shared<stts::CancelToken>();
  currentCancel_ = cancelToken;
  setBusy(true);
  emit started(path);

  const stts::SamplingSpec spec = sampling_;
  QMetaObject::invokeMethod(worker_, [this, request, path, spec, cancelToken] {
    if (cancelToken->isCancelled()) return;  // superseded while queued
    JobOutcome outcome = runLoadJob(path, spec, cancelToken.get());
    QMetaObject::invokeMethod(
        this,
        [this, request, path, outcome = std::move(outcome)] {
          finish(request, outcome.video, path, outcome.error);
        },
        Qt::QueuedConnection);
  });
}

void VideoLoader::cancel() {
  if (currentCancel_) currentCancel_->cancel();
  currentCancel_.reset();
  setBusy(false);
}

void VideoLoader::finish(quint64 request, LoadedVideoPtr video, const QString& path,
                         const QString& error) {
  if (request != latestRequest_ || !busy_) return;  // a newer request or a cancel won
  currentCancel_.reset();
  setBusy(false);
  if (video) {
    emit loaded(std::move(video));
  } else {
    emit failed(path, error);
  }
}

void VideoLoader::setBusy(bool busy) {
  if (busy == busy_) return;
  busy_ = busy;
  emit busyChanged(busy);
}

}  // namespace stts::ui
