// VideoSource's public face: open, plan, sample, scrubbing with a small LRU cache.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <optional>

#include "video_impl.h"

namespace stts {
namespace {

// Errors come back as values with sentences; FFmpeg's own stderr chatter about damaged input
// would only confuse users of the CLI. STTS_FFMPEG_LOG=1 keeps it for debugging.
void quietFfmpegLogs() {
  static std::once_flag once;
  std::call_once(once, [] {
    const char* env = std::getenv("STTS_FFMPEG_LOG");
    if (!env || std::string(env) != "1") av_log_set_level(AV_LOG_FATAL);
  });
}

}  // namespace

bool videoDecodingAvailable() {
  return true;
}

Expected<VideoSource> VideoSource::open(const std::string& path, const OpenOptions& options) {
  quietFfmpegLogs();
  if (options.maxPixels <= 0 || options.maxIndexedFrames <= 0 || options.frameCacheSize < 0 ||
      options.frameCacheBytes < 0 || options.maxSampleBytes <= 0 || options.maxDecodedPixels <= 0)
    return makeError(ErrorCode::InvalidArgument, "Invalid video open options for " + path);
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (auto r = impl->openFile(path); !r) return r.error();
  if (auto r = impl->buildIndex(); !r) return r.error();
  if (auto r = impl->seekToStart(); !r) return r.error();
  impl->stats = {};  // counters describe work after open
  return VideoSource(std::move(impl));
}

VideoSource::VideoSource(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
VideoSource::VideoSource(VideoSource&&) noexcept = default;
VideoSource& VideoSource::operator=(VideoSource&&) noexcept = default;
VideoSource::~VideoSource() = default;

const VideoInfo& VideoSource::info() const {
  return impl_->info;
}
const FrameIndex& VideoSource::index() const {
  return impl_->index;
}
VideoSource::Stats VideoSource::stats() const {
  return impl_->stats;
}

std::vector<SamplePoint> VideoSource::plan(const SamplingSpec& spec) const {
  const auto& idx = impl_->index;
  std::vector<SamplePoint> points;
  const double start = std::max(0.0, spec.clipStart);
  const double end = std::min(impl_->info.duration, spec.clipEnd);
  if (!(end > start)) return points;
  for (double t : molmo2SampleTimes(end - start, spec)) {
    const int64_t i = frameDisplayedAt(idx, start + t);
    if (i < 0) continue;
    points.push_back(SamplePoint{t, i, idx.pts[size_t(i)], idx.times[size_t(i)]});
  }
  return points;
}

Expected<void> VideoSource::Impl::checkPassBounds(const std::vector<SamplePoint>& points) const {
  // Planned frame numbers never decrease, so each run of equal numbers is one distinct frame.
  int64_t distinct = 0;
  for (size_t i = 0; i < points.size(); ++i)
    distinct += (i == 0 || points[i].frameNumber != points[i - 1].frameNumber);
  // Every frame is converted to the display size, whatever size it decodes at: the bytes a pass
  // keeps are known exactly before decoding anything.
  const int64_t frameBytes = int64_t(info.displayWidth) * info.displayHeight * 3;
  if (frameBytes > 0 && distinct > options.maxSampleBytes / frameBytes) {
    const int64_t fit = options.maxSampleBytes / frameBytes;
    return makeError(
        ErrorCode::TooLarge,
        "Sampling " + std::to_string(distinct) + " frames of " +
            video::sizeText(info.displayWidth, info.displayHeight) + " pixels from " + info.path +
            " would keep " + video::gibText(double(distinct) * double(frameBytes)) +
            " of RGB frames, more than the " + video::gibText(double(options.maxSampleBytes)) +
            " one sampling pass may keep; " +
            (fit > 0 ? "ask for at most " + std::to_string(fit) + " frames of this size."
                     : "not even one frame of this size fits."));
  }
  // The frames decodeTo will decode, following its choice between seeking to a keyframe and
  // decoding forward (B-frame reordering and damage aside), at the header's size; the decoded
  // frames themselves are counted against the same budget as they come (checkDecodedFrame).
  int64_t position = pendingNumber >= 0 ? pendingNumber - 1 : lastOutput;
  bool seek = needsSeek;
  int64_t frames = 0;
  for (size_t i = 0; i < points.size(); ++i) {
    const int64_t target = points[i].frameNumber;
    if (i > 0 && target == points[i - 1].frameNumber) continue;
    const int64_t key = extra.keyBefore[size_t(target)];
    const int64_t from = (seek || target <= position || key > position + 1)
                             ? std::max<int64_t>(key, 0)
                             : position + 1;
    frames += target - from + 1;
    position = target;
    seek = false;
  }
  const double pixels = double(frames) * double(info.codedWidth) * double(info.codedHeight);
  if (pixels > double(options.maxDecodedPixels))
    return makeError(ErrorCode::TooLarge,
                     "Sampling " + std::to_string(distinct) + " frames from " + info.path +
                         " would decode about " + std::to_string(frames) + " frames of " +
                         video::sizeText(info.codedWidth, info.codedHeight) + " (" +
                         video::pixelsText(pixels) + ") in one pass, more than the limit of " +
                         std::to_string(options.maxDecodedPixels) + " pixels (" +
                         video::pixelsText(double(options.maxDecodedPixels)) +
                         "); ask for fewer frames.");
  return {};
}

Expected<std::vector<SampledFrame>> VideoSource::sample(const SamplingSpec& spec,
                                                        const CancelToken* cancel) {
  Impl& d = *impl_;
  if (spec.clipStart > 0.0 && spec.clipStart >= d.info.duration) {
    char text[160];
    std::snprintf(text, sizeof text,
                  "the clip starts at %.3f s, after the end of the video (%.3f s)", spec.clipStart,
                  d.info.duration);
    return makeError(ErrorCode::InvalidArgument, text);
  }
  const auto points = plan(spec);
  // Bound the pass before decoding anything: the memory of the frames it keeps, the work.
  if (auto ok = d.checkPassBounds(points); !ok) return ok.error();
  d.passPixels = d.passFrames = 0;
  std::vector<SampledFrame> out(points.size());
  // Fills points [from, to) with an image, reporting the frame actually shown.
  auto assign = [&](size_t from, size_t to, const RgbImagePtr& image, int64_t shown) {
    for (size_t k = from; k < to; ++k) {
      out[k].point = points[k];
      out[k].point.frameNumber = shown;
      out[k].point.pts = d.index.pts[size_t(shown)];
      out[k].point.frameTime = d.index.times[size_t(shown)];
      out[k].image = image;
    }
  };
  RgbImagePtr lastImage;
  int64_t lastShown = -1;
  size_t unresolvedFrom = 0;  // points before this index have an image
  std::optional<Error> firstFailure;
  // Planned frame numbers never decrease with time, so equal frames are adjacent runs and
  // each distinct frame is decoded once, in time order.
  for (size_t i = 0; i < points.size();) {
    if (isCancelled(cancel)) return makeError(ErrorCode::Cancelled, "Sampling was cancelled.");
    size_t j = i;
    while (j < points.size() && points[j].frameNumber == points[i].frameNumber) ++j;
    int64_t shown = points[i].frameNumber;
    // The budget is per sampled frame: a long video sampled densely may take minutes in total
    // and still be progressing; a stall on any one frame is what must end.
    d.deadline.start(d.options.timeoutSeconds);
    auto img = d.decodeImage(points[i].frameNumber, cancel, &shown);
    if (!img) {
      // A damaged stretch: reuse the nearest frame before it, or the next one that decodes.
      if (img.error().code != ErrorCode::InvalidData) return img.error();
      if (!firstFailure) firstFailure = img.error();
      if (lastImage) {
        assign(i, j, lastImage, lastShown);
        unresolvedFrom = j;
      }
    } else {
      assign(unresolvedFrom, j, *img, shown);
      unresolvedFrom = j;
      lastImage = *img;
      lastShown = shown;
    }
    i = j;
  }
  if (unresolvedFrom < points.size()) return *firstFailure;  // nothing decodable at all
  return out;
}

Expected<RgbImagePtr> VideoSource::frameAt(double seconds) {
  return frame(frameDisplayedAt(impl_->index, seconds));
}

Expected<RgbImagePtr> VideoSource::frame(int64_t frameNumber) {
  Impl& d = *impl_;
  if (frameNumber < 0 || frameNumber >= d.info.frameCount)
    return makeError(ErrorCode::InvalidArgument,
                     "Frame " + std::to_string(frameNumber) + " does not exist in " + d.info.path +
                         " (it has " + std::to_string(d.info.frameCount) + " frames).");
  if (auto hit = d.cacheGet(frameNumber)) {
    ++d.stats.cacheHits;
    return *hit;
  }
  d.deadline.start(d.options.timeoutSeconds);
  d.passPixels = d.passFrames = 0;
  auto img = d.decodeImage(frameNumber, nullptr, nullptr);
  if (!img) return img.error();
  d.cachePut(frameNumber, *img);
  return *img;
}

std::optional<RgbImagePtr> VideoSource::Impl::cacheGet(int64_t number) {
  auto it = cacheMap.find(number);
  if (it == cacheMap.end()) return std::nullopt;
  cacheList.splice(cacheList.begin(), cacheList, it->second);
  return it->second->second;
}

void VideoSource::Impl::cachePut(int64_t number, const RgbImagePtr& image) {
  if (options.frameCacheSize <= 0 || options.frameCacheBytes <= 0) return;
  const auto bytesOf = [](const RgbImagePtr& held) {
    return held ? int64_t(held->pixels.size()) : int64_t(0);
  };
  if (auto it = cacheMap.find(number); it != cacheMap.end()) {
    cacheBytes += bytesOf(image) - bytesOf(it->second->second);
    it->second->second = image;
    cacheList.splice(cacheList.begin(), cacheList, it->second);
  } else {
    cacheList.emplace_front(number, image);
    cacheMap[number] = cacheList.begin();
    cacheBytes += bytesOf(image);
  }
  while (cacheList.size() > 1 && (int64_t(cacheList.size()) > options.frameCacheSize ||
                                  cacheBytes > options.frameCacheBytes)) {
    cacheBytes -= bytesOf(cacheList.back().second);
    cacheMap.erase(cacheList.back().first);
    cacheList.pop_back();
  }
}

}  // namespace stts
