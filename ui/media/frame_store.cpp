#include "media/frame_store.h"

#include <QCoreApplication>
#include <QFile>
#include <QImage>
#include <QMetaObject>
#include <algorithm>
#include <cmath>
#include <cstring>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "common/engine_error.h"

namespace stts::ui {

namespace {

int64_t rgbBytes(QSize size) {
  return int64_t(std::max(0, size.width())) * std::max(0, size.height()) * 3;
}

int64_t imageBytes(const stts::RgbImagePtr& image) {
  return image ? int64_t(image->pixels.size()) : 0;
}

// The worker and the on-demand decoder keep no frames of their own: the store is the cache.
stts::OpenOptions storeOpenOptions() {
  stts::OpenOptions options;
  options.frameCacheSize = 0;
  return options;
}

// A store's copies are up to the whole budget, freed together when the store goes. glibc keeps
// freed blocks in the arena of the thread that made them (here the store's worker), where the
// next store's worker, in another arena, does not reuse them: opening a second 384-frame 1080p
// run grew the resident size by 600 MiB. Trimming hands the free pages back to the system.
void returnFreedFrameMemory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace

QSize fittedSize(QSize source, QSize box, int64_t maxBytes) {
  if (source.isEmpty()) return source;
  double scale = 1.0;
  if (!box.isEmpty()) {
    scale = std::min(
        {scale, double(box.width()) / source.width(), double(box.height()) / source.height()});
  }
  const int64_t bytes = rgbBytes(source);
  if (maxBytes > 0 && bytes > 0 && double(bytes) * scale * scale > double(maxBytes)) {
    scale = std::sqrt(double(maxBytes) / double(bytes));
  }
  if (scale >= 1.0) return source;
  // Rounded down so the byte bound holds; never below one pixel.
  return {std::max(1, int(std::floor(source.width() * scale))),
          std::max(1, int(std::floor(source.height() * scale)))};
}

stts::RgbImagePtr shrunkToFit(const stts::RgbImagePtr& image, QSize box) {
  if (!image || image->width <= 0 || image->height <= 0) return image;
  const QSize target = fittedSize(QSize(image->width, image->height), box, 0);
  if (target == QSize(image->width, image->height)) return image;
  const QImage wrapped(image->pixels.data(), image->width, image->height, image->width * 3,
                       QImage::Format_RGB888);
  // Qt's smooth scaling averages the source area behind each output pixel when shrinking.
  const QImage scaled = wrapped.scaled(target, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                            .convertToFormat(QImage::Format_RGB888);
  auto out = std::make_shared<stts::RgbImage>();
  out->width = scaled.width();
  out->height = scaled.height();
  out->pixels.resize(size_t(out->width) * size_t(out->height) * 3);
  const size_t row = size_t(out->width) * 3;
  for (int y = 0; y < out->height; ++y) {
    std::memcpy(out->pixels.data() + size_t(y) * row, scaled.constScanLine(y), row);
  }
  return out;
}

FrameStore::FrameStore(QString path, std::vector<stts::SamplePoint> points, QSize sourceSize,
                       const FrameMemoryLimits& limits)
    : path_(std::move(path)),
      points_(std::move(points)),
      sourceSize_(sourceSize),
      limits_(limits),
      entries_(points_.size()) {
  computeCopySize();
}

FrameStore::FrameStore(std::vector<stts::SampledFrame> frames, const FrameMemoryLimits& limits)
    : limits_(limits), overImages_(true), entries_(frames.size()) {
  points_.reserve(frames.size());
  for (const stts::SampledFrame& frame : frames) {
    points_.push_back(frame.point);
    if (frame.image && sourceSize_.isEmpty()) {
      sourceSize_ = QSize(frame.image->width, frame.image->height);
    }
  }
  computeCopySize();
  for (size_t i = 0; i < frames.size(); ++i) {
    const stts::RgbImagePtr& image = frames[i].image;
    if (!image) {
      entries_[i].failed = true;
      continue;
    }
    const bool fits = fittedSize(QSize(image->width, image->height), copySize_, 0) ==
                      QSize(image->width, image->height);
    // An image that fits is its own drawing copy (and its own full resolution); a larger one is
    // replaced by a copy: the budget holds whatever was handed in.
    if (fits) entries_[i].full = image;
    storeCopies(int(i), image);
  }
}

FrameStore::~FrameStore() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
  entries_.clear();
  onDemand_.reset();
  returnFreedFrameMemory();
}

void FrameStore::computeCopySize() {
  int64_t distinct = 0;
  for (size_t i = 0; i < points_.size(); ++i) {
    distinct += (i == 0 || points_[i].frameNumber != points_[i - 1].frameNumber || overImages_);
  }
  distinct = std::max<int64_t>(1, distinct);
  const int64_t thumbnailBytes = rgbBytes(fittedSize(sourceSize_, limits_.thumbnailLimit, 0));
  const int64_t perFrame = std::max<int64_t>(3, limits_.budgetBytes / distinct - thumbnailBytes);
  copySize_ = fittedSize(sourceSize_, limits_.displayLimit, perFrame);
}

stts::RgbImagePtr FrameStore::display(int index) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (index < 0 || index >= count()) return nullptr;
  return entries_[size_t(index)].display;
}

stts::RgbImagePtr FrameStore::thumbnail(int index) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (index < 0 || index >= count()) return nullptr;
  return entries_[size_t(index)].thumbnail;
}

bool FrameStore::isComplete() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return filled_ >= count();
}

int FrameStore::filledCount() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return filled_;
}

int64_t FrameStore::heldBytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return heldBytes_;
}

int64_t FrameStore::decodedCount() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return decoded_;
}

void FrameStore::storeCopies(int index, const stts::RgbImagePtr& image) {
  // Made outside the lock: shrinking a 4K frame takes milliseconds.
  stts::RgbImagePtr copy = shrunkToFit(image, copySize_);
  stts::RgbImagePtr small = shrunkToFit(copy, limits_.thumbnailLimit);
  std::vector<int> filledNow;
  bool completedNow = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    // Samples showing the same video frame share one copy (a short clip sampled densely).
    const int64_t number = points_[size_t(index)].frameNumber;
    int first = index;
    int last = index;
    if (!overImages_) {
      while (first > 0 && points_[size_t(first - 1)].frameNumber == number) --first;
      while (last + 1 < count() && points_[size_t(last + 1)].frameNumber == number) ++last;
    }
    bool counted = false;
    for (int i = first; i <= last; ++i) {
      Entry& entry = entries_[size_t(i)];
      if (entry.display && !entry.failed) continue;
      if (!entry.display) ++filled_;
      if (!counted) {
        heldBytes_ += imageBytes(copy) + (small != copy ? imageBytes(small) : 0);
        counted = true;
      }
      entry.display = copy;
      entry.thumbnail = small;
      entry.failed = false;
      filledNow.push_back(i);
    }
    completedNow = !filledNow.empty() && filled_ == count();
  }
  if (filledNow.empty() || !QCoreApplication::instance()) return;
  QMetaObject::invokeMethod(
      this,
      [this, filledNow, completedNow] {
        for (int i : filledNow) emit frameFilled(i);
        if (completedNow) emit complete();
      },
      Qt::QueuedConnection);
}

void FrameStore::provide(int index, const stts::RgbImagePtr& image) {
  if (index < 0 || index >= count() || !image || display(index)) return;
  storeCopies(index, image);
}

void FrameStore::fillFrom(const std::vector<stts::SampledFrame>& frames) {
  const size_t n = std::min(frames.size(), points_.size());
  for (size_t i = 0; i < n; ++i) provide(int(i), frames[i].image);
}

void FrameStore::start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (overImages_ || worker_.joinable() || filled_ >= count()) return;
  worker_ = std::thread([this] { work(); });
}

void FrameStore::setPlayhead(int index) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (index < 0 || index >= count() || index == playhead_) return;
    playhead_ = index;
  }
  wake_.notify_all();
}

int FrameStore::nextToFill() {
  // Ahead of the playhead first (playback and stepping go forward), then from the start.
  const int n = count();
  for (int k = 0; k < n; ++k) {
    const int i = (playhead_ + k) % n;
    const Entry& entry = entries_[size_t(i)];
    if (!entry.display && !entry.failed) return i;
  }
  return -1;
}

stts::Expected<stts::RgbImagePtr> FrameStore::decodeFull(stts::VideoSource& source, int index,
                                                         const stts::CancelToken* cancel) {
  if (stts::isCancelled(cancel)) {
    return stts::makeError(stts::ErrorCode::Cancelled, "Decoding was cancelled.");
  }
  return source.frame(points_[size_t(index)].frameNumber);
}

void FrameStore::work() {
  auto opened = stts::VideoSource::open(QFile::encodeName(path_).toStdString(), storeOpenOptions());
  if (!opened) {
    const QString message = engineErrorText(opened.error());
    QMetaObject::invokeMethod(
        this, [this, message] { emit fillFailed(message); }, Qt::QueuedConnection);
    return;
  }
  stts::VideoSource source = std::move(opened.value());
  for (;;) {
    int index = -1;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stop_) return;
      index = nextToFill();
    }
    if (index < 0) break;
    auto image = decodeFull(source, index, nullptr);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stop_) return;
      ++decoded_;
      if (!image) entries_[size_t(index)].failed = true;
    }
    if (image) storeCopies(index, *image);
  }
  // Damaged frames show their nearest decodable neighbour, earlier first, as sampling does.
  std::vector<std::pair<int, stts::RgbImagePtr>> substitutes;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (int i = 0; i < count(); ++i) {
      if (entries_[size_t(i)].display) continue;
      for (int distance = 1; distance < count(); ++distance) {
        const int before = i - distance;
        const int after = i + distance;
        if (before >= 0 && entries_[size_t(before)].display && !entries_[size_t(before)].failed) {
          substitutes.emplace_back(i, entries_[size_t(before)].display);
          break;
        }
        if (after < count() && entries_[size_t(after)].display && !entries_[size_t(after)].failed) {
          substitutes.emplace_back(i, entries_[size_t(after)].display);
          break;
        }
      }
    }
  }
  for (const auto& [index, image] : substitutes) storeCopies(index, image);
  if (substitutes.empty() && !isComplete()) {
    const QString message = QCoreApplication::translate(
        "FrameStore", "No sampled frame of the video could be decoded.");
    QMetaObject::invokeMethod(
        this, [this, message] { emit fillFailed(message); }, Qt::QueuedConnection);
  }
}

stts::Expected<stts::VideoSource*> FrameStore::onDemandSource() {
  if (!onDemand_) {
    auto opened =
        stts::VideoSource::open(QFile::encodeName(path_).toStdString(), storeOpenOptions());
    if (!opened) return opened.error();
    onDemand_ = std::make_unique<stts::VideoSource>(std::move(opened.value()));
  }
  return onDemand_.get();
}

stts::Expected<stts::RgbImagePtr> FrameStore::full(int index, const stts::CancelToken* cancel) {
  if (index < 0 || index >= count()) {
    return stts::makeError(stts::ErrorCode::InvalidArgument,
                           "Sample " + std::to_string(index + 1) + " does not exist.");
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const Entry& entry = entries_[size_t(index)];
    if (entry.full) return entry.full;
    // A copy at the source size is the frame itself.
    if (entry.display && copySize_ == sourceSize_ && !entry.failed) return entry.display;
    if (overImages_) {
      if (entry.display) return entry.display;  // the best the store has
      return stts::makeError(stts::ErrorCode::InvalidData,
                             "Sample " + std::to_string(index + 1) + " has no picture.");
    }
  }
  std::lock_guard<std::mutex> lock(onDemandMutex_);
  auto source = onDemandSource();
  if (!source) return source.error();
  return decodeFull(**source, index, cancel);
}

stts::Expected<stts::RgbImagePtr> FrameStore::displayNow(int index,
                                                         const stts::CancelToken* cancel) {
  if (stts::RgbImagePtr ready = display(index)) return ready;
  auto image = full(index, cancel);
  if (!image) return image.error();
  storeCopies(index, *image);
  if (stts::RgbImagePtr ready = display(index)) return ready;
  return shrunkToFit(*image, copySize_);
}

stts::Expected<std::vector<stts::SampledFrame>> FrameStore::fullFrames(
    const stts::CancelToken* cancel) {
  std::vector<stts::SampledFrame> frames(points_.size());
  std::unique_ptr<stts::VideoSource> own;
  for (int i = 0; i < count(); ++i) {
    if (stts::isCancelled(cancel)) {
      return stts::makeError(stts::ErrorCode::Cancelled, "Decoding was cancelled.");
    }
    frames[size_t(i)].point = points_[size_t(i)];
    if (i > 0 && !overImages_ &&
        points_[size_t(i)].frameNumber == points_[size_t(i - 1)].frameNumber) {
      frames[size_t(i)].image = frames[size_t(i - 1)].image;
      continue;
    }
    // Stored images, and copies that are the frames themselves, need no decoding.
    const bool held = overImages_ || (copySize_ == sourceSize_ && display(i));
    if (held) {
      auto image = full(i, cancel);
      if (!image) return image.error();
      frames[size_t(i)].image = *image;
      continue;
    }
    // A decoder of its own: the model's pass must not wait on the view's on-demand decodes.
    if (!own) {
      auto opened =
          stts::VideoSource::open(QFile::encodeName(path_).toStdString(), storeOpenOptions());
      if (!opened) return opened.error();
      own = std::make_unique<stts::VideoSource>(std::move(opened.value()));
    }
    auto image = decodeFull(*own, i, cancel);
    if (image) {
      frames[size_t(i)].image = *image;
    } else if (image.error().code == stts::ErrorCode::InvalidData && i > 0) {
      frames[size_t(i)].image = frames[size_t(i - 1)].image;  // as sampling substitutes
    } else {
      return image.error();
    }
  }
  return frames;
}

}  // namespace stts::ui
