// Decodes single raw video frames (any frame, not only the sampled ones) on a worker thread, for
// stepping between samples with Ctrl+Left / Ctrl+Right (design.md §7: the UI thread never
// decodes). One stts::VideoSource lives on the worker, opened on the first request; results are
// kept in a small cache (bounded by count and by bytes: 48 frames of 4K would be 1.2 GB) so
// stepping back and forth does not decode again.
#pragma once

#include <QObject>
#include <QString>
#include <QThread>
#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <utility>

#include "stts/video.h"

namespace stts::ui {

class FrameProvider : public QObject {
  Q_OBJECT

 public:
  static constexpr int kCacheSize = 48;
  static constexpr int64_t kCacheBytes = int64_t(192) << 20;

  explicit FrameProvider(QObject* parent = nullptr);
  ~FrameProvider() override;  // joins the worker

  // The video to decode from; empty for none. Drops the cache and any request still pending.
  void setVideo(const QString& path);
  const QString& videoPath() const { return path_; }

  // Asks for frame `frameNumber` (presentation order). The answer arrives as frameReady or
  // frameFailed; only the newest request is served, so holding a key never builds a backlog.
  // A cached frame is answered at once, before this returns.
  void requestFrame(int64_t frameNumber);
  // The byte bound of the cache (kCacheBytes by default).
  void setCacheLimitBytes(int64_t bytes) { cacheLimitBytes_ = bytes; }
  // The cached frame, or null.
  stts::RgbImagePtr cachedFrame(int64_t frameNumber) const;
  int64_t decodedCount() const { return decoded_; }  // frames the worker decoded, for tests

 signals:
  // `seconds` is the frame's time since the stream start.
  void frameReady(qint64 frameNumber, double seconds, stts::RgbImagePtr image);
  void frameFailed(qint64 frameNumber, const QString& message);

 private:
  struct Cached {
    int64_t frameNumber = 0;
    double seconds = 0.0;
    stts::RgbImagePtr image;
  };
  struct WorkerState;  // lives on the worker thread only

  void deliver(quint64 request, int64_t frameNumber, double seconds, stts::RgbImagePtr image,
               const QString& error);
  const Cached* findCached(int64_t frameNumber) const;

  QThread thread_;
  QObject* worker_ = nullptr;
  std::shared_ptr<WorkerState> state_;
  std::shared_ptr<std::atomic<quint64>> latestRequest_;
  QString path_;
  std::deque<Cached> cache_;  // newest first
  int64_t cacheBytes_ = 0;
  int64_t cacheLimitBytes_ = kCacheBytes;
  int64_t decoded_ = 0;
};

}  // namespace stts::ui
