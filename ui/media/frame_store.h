// The pictures of a video's sampled frames, held within a memory budget (docs/architecture.md,
// "Frame memory"). What the window draws are copies no larger than the screen, shrunk further so
// that every sampled frame fits the budget at once (1 GiB by default: 384 frames of any resolution
// are then at most ~1270 x 715), plus a small thumbnail each. They are decoded on a worker
// thread after the store opens, starting at the playhead and going forward, so a window is usable
// before its frames are in; frameFilled() says when each arrives. Full-resolution frames (exports,
// the model, zooming past the copy) are decoded again on demand, on the caller's thread.
//
// A store over images already in memory (a run's stored model inputs) holds those images and
// decodes nothing.
#pragma once

#include <QObject>
#include <QSize>
#include <QString>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "stts/cancel.h"
#include "stts/error.h"
#include "stts/video.h"

namespace stts::ui {

struct FrameMemoryLimits {
  static constexpr int64_t kDefaultBudgetBytes = int64_t(1) << 30;
  // Pixels of the drawing copies and thumbnails of one store together.
  int64_t budgetBytes = kDefaultBudgetBytes;
  // No drawing copy is larger than this (the largest screen, in device pixels).
  QSize displayLimit{3840, 2160};
  // Thumbnails fit this box (the timeline's strip draws them at most this large).
  QSize thumbnailLimit{192, 108};
};

class FrameStore : public QObject {
  Q_OBJECT

 public:
  // Over the video at `path`; `points` are the frames to show, in time order (frame numbers in
  // presentation order, as VideoSource::plan gives them). `sourceSize` is the video's display
  // size. Nothing is decoded until start() or a call that needs pixels.
  FrameStore(QString path, std::vector<stts::SamplePoint> points, QSize sourceSize,
             const FrameMemoryLimits& limits);
  // Over images already decoded: they are the full-resolution frames, held as they are when they
  // fit the budget (stored model inputs always do), else replaced by drawing copies.
  FrameStore(std::vector<stts::SampledFrame> frames, const FrameMemoryLimits& limits);
  ~FrameStore() override;  // stops and joins the worker

  int count() const { return int(points_.size()); }
  const stts::SamplePoint& point(int index) const { return points_[size_t(index)]; }
  const std::vector<stts::SamplePoint>& points() const { return points_; }
  const QString& videoPath() const { return path_; }
  // The frames' full display size (the drawing copies may be smaller).
  QSize sourceSize() const { return sourceSize_; }
  // The size drawing copies are made at for frames of the source size.
  QSize copySize() const { return copySize_; }
  const FrameMemoryLimits& limits() const { return limits_; }

  // The drawing copy of sample `index`, or null while it has not been decoded.
  stts::RgbImagePtr display(int index) const;
  stts::RgbImagePtr thumbnail(int index) const;
  // The drawing copy, decoded now on the calling thread if it is not in yet (exports).
  stts::Expected<stts::RgbImagePtr> displayNow(int index,
                                               const stts::CancelToken* cancel = nullptr);
  // The frame at full resolution, decoded now on the calling thread unless the store holds it.
  // Thread-safe; never call it on the UI thread for a video (it decodes).
  stts::Expected<stts::RgbImagePtr> full(int index, const stts::CancelToken* cancel = nullptr);
  // Every sample at full resolution, for the model (each distinct frame decoded once).
  stts::Expected<std::vector<stts::SampledFrame>> fullFrames(const stts::CancelToken* cancel);

  // Starts filling the drawing copies in the background (the window; headless users skip it).
  void start();
  // Samples from here on are decoded first (the playhead moved).
  void setPlayhead(int index);
  bool isComplete() const;
  int filledCount() const;
  int64_t heldBytes() const;  // pixels of the copies and thumbnails held now
  // How many frames the worker decoded (for tests and the benchmark).
  int64_t decodedCount() const;

  // Copies made directly from full-resolution images the caller decoded anyway (the loader's
  // first frame, the Ask worker's frames), so the worker does not decode them again.
  void provide(int index, const stts::RgbImagePtr& image);
  void fillFrom(const std::vector<stts::SampledFrame>& frames);

 signals:
  // Sample `index` can now be drawn (queued to the store's thread).
  void frameFilled(int index);
  void complete();
  // The worker stopped before the end; the samples not filled stay empty.
  void fillFailed(const QString& message);

 private:
  struct Entry {
    stts::RgbImagePtr display;
    stts::RgbImagePtr thumbnail;
    stts::RgbImagePtr full;  // only for stores over images
    bool failed = false;
  };

  void computeCopySize();
  void work();
  int nextToFill();  // under mutex_
  bool fillIndex(int index, stts::VideoSource& source, QString* error);
  void storeCopies(int index, const stts::RgbImagePtr& image);
  stts::Expected<stts::RgbImagePtr> decodeFull(stts::VideoSource& source, int index,
                                               const stts::CancelToken* cancel);
  stts::Expected<stts::VideoSource*> onDemandSource();  // under onDemandMutex_

  QString path_;
  std::vector<stts::SamplePoint> points_;
  QSize sourceSize_;
  QSize copySize_;
  FrameMemoryLimits limits_;
  bool overImages_ = false;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Entry> entries_;
  int filled_ = 0;
  int playhead_ = 0;
  bool stop_ = false;
  int64_t heldBytes_ = 0;
  int64_t decoded_ = 0;
  std::thread worker_;

  std::mutex onDemandMutex_;  // full(): one decoder of its own, apart from the worker's
  std::unique_ptr<stts::VideoSource> onDemand_;
};

using FrameStorePtr = std::shared_ptr<FrameStore>;

// `image` shrunk (area average) to fit `box`, keeping its aspect; the image itself when it fits.
stts::RgbImagePtr shrunkToFit(const stts::RgbImagePtr& image, QSize box);
// The size an image of `source` size is drawn at when it must fit `box` and `maxBytes` of RGB24.
QSize fittedSize(QSize source, QSize box, int64_t maxBytes);

}  // namespace stts::ui
