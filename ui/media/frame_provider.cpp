#include "media/frame_provider.h"

#include "common/engine_error.h"

#include <QFile>
#include <QMetaObject>

namespace stts::ui {

struct FrameProvider::WorkerState {
  QString openedPath;
  std::unique_ptr<stts::VideoSource> source;
  QString openError;
};

FrameProvider::FrameProvider(QObject* parent)
    : QObject(parent),
      state_(std::make_shared<WorkerState>()),
      latestRequest_(std::make_shared<std::atomic<quint64>>(0)) {
  worker_ = new QObject;  // deleted by the thread's finished signal, in its own thread
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  thread_.setObjectName(QStringLiteral("stts-frame-provider"));
  thread_.start();
}

FrameProvider::~FrameProvider() {
  latestRequest_->fetch_add(1);  // pending jobs see they are stale and return at once
  thread_.quit();
  thread_.wait();
}

void FrameProvider::setVideo(const QString& path) {
  if (path == path_) return;
  path_ = path;
  cache_.clear();
  cacheBytes_ = 0;
  latestRequest_->fetch_add(1);
  // Close the old file now rather than at the next request: it may be deleted or replaced.
  QMetaObject::invokeMethod(
      worker_,
      [state = state_, path] {
        if (state->openedPath == path) return;
        state->source.reset();
        state->openedPath.clear();
        state->openError.clear();
      },
      Qt::QueuedConnection);
}

const FrameProvider::Cached* FrameProvider::findCached(int64_t frameNumber) const {
  for (const Cached& entry : cache_) {
    if (entry.frameNumber == frameNumber) return &entry;
  }
  return nullptr;
}

stts::RgbImagePtr FrameProvider::cachedFrame(int64_t frameNumber) const {
  const Cached* entry = findCached(frameNumber);
  return entry ? entry->image : nullptr;
}

void FrameProvider::requestFrame(int64_t frameNumber) {
  const quint64 request = latestRequest_->fetch_add(1) + 1;
  if (const Cached* entry = findCached(frameNumber)) {
    emit frameReady(frameNumber, entry->seconds, entry->image);
    return;
  }
  if (path_.isEmpty()) {
    emit frameFailed(frameNumber, tr("No video file is open."));
    return;
  }
  QMetaObject::invokeMethod(
      worker_,
      [this, state = state_, latest = latestRequest_, request, frameNumber, path = path_] {
        if (latest->load() != request) return;  // a newer request supersedes this one
        if (state->openedPath != path) {
          state->source.reset();
          state->openError.clear();
          state->openedPath = path;
          // The provider's own cache is the only one: the engine's would hold the same frames.
          stts::OpenOptions options;
          options.frameCacheSize = 0;
          auto opened = stts::VideoSource::open(QFile::encodeName(path).toStdString(), options);
          if (opened) {
            state->source = std::make_unique<stts::VideoSource>(std::move(opened.value()));
          } else {
            state->openError = engineErrorText(opened.error());
          }
        }
        stts::RgbImagePtr image;
        double seconds = 0.0;
        QString error = state->openError;
        if (state->source) {
          const auto& times = state->source->index().times;
          if (frameNumber < 0 || frameNumber >= int64_t(times.size())) {
            error = FrameProvider::tr("The video has no frame %1.").arg(frameNumber);
          } else {
            seconds = times[size_t(frameNumber)];
            auto decoded = state->source->frame(frameNumber);
            if (decoded) {
              image = decoded.value();
            } else {
              error = engineErrorText(decoded.error());
            }
          }
        }
        if (latest->load() != request) return;
        // The provider outlives the worker (its destructor joins the thread), so posting to it
        // here is safe; a stale answer is dropped in deliver().
        QMetaObject::invokeMethod(
            this,
            [this, request, frameNumber, seconds, image, error] {
              deliver(request, frameNumber, seconds, image, error);
            },
            Qt::QueuedConnection);
      },
      Qt::QueuedConnection);
}

void FrameProvider::deliver(quint64 request, int64_t frameNumber, double seconds,
                            stts::RgbImagePtr image, const QString& error) {
  if (latestRequest_->load() != request) return;
  if (!image) {
    emit frameFailed(frameNumber, error);
    return;
  }
  ++decoded_;
  cache_.push_front({frameNumber, seconds, image});
  cacheBytes_ += int64_t(image->pixels.size());
  // The newest frame stays even when it alone is over the bound: it is the one on screen.
  while (cache_.size() > 1 &&
         (cache_.size() > size_t(kCacheSize) || cacheBytes_ > cacheLimitBytes_)) {
    cacheBytes_ -= int64_t(cache_.back().image->pixels.size());
    cache_.pop_back();
  }
  emit frameReady(frameNumber, seconds, image);
}

}  // namespace stts::ui
