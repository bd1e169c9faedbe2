// Video input: probe, PTS index, Molmo2 time sampling and RGB frames, on top of FFmpeg.
// FFmpeg types never appear here; a VideoSource owns its demuxer and decoder behind a pimpl.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "stts/cancel.h"
#include "stts/error.h"

namespace stts {

struct Rational {
  int num = 0;
  int den = 1;
  double toDouble() const { return den == 0 ? 0.0 : static_cast<double>(num) / den; }
};

// Presentation-order index of every video frame, built in one demux pass (no decoding).
// Times are seconds since the first frame's PTS ("stream start"), so negative or non-zero
// container start times never leak into sampling.
struct FrameIndex {
  std::vector<int64_t> pts;    // stream time base, ascending
  std::vector<double> times;   // (pts - pts.front()) * time_base, seconds
  std::vector<double> ends;    // time at which the next frame replaces this one
  std::vector<uint8_t> isKey;  // 1 where the packet was a keyframe
};

struct VideoInfo {
  std::string path;
  std::string container;  // demuxer short name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
  std::string codec;      // decoder short name, e.g. "h264"
  int streamIndex = -1;
  int codedWidth = 0;  // decoded picture size
  int codedHeight = 0;
  Rational sampleAspectRatio{1, 1};
  // Display-matrix angle as ffprobe reports it (counter-clockwise degrees), snapped to a quarter
  // turn and taken mod 360: 0, 90, 180, 270 (ffprobe's -90 is 270). Frames are delivered turned
  // counter-clockwise by it, as FFmpeg's autorotate shows them. engine/video/README.md, Rotation.
  int rotation = 0;
  int displayWidth = 0;  // after SAR and rotation: the size frames are delivered at
  int displayHeight = 0;
  Rational timeBase{1, 1};
  int64_t startPts = 0;            // PTS of the first frame in presentation order
  double startTime = 0.0;          // startPts in seconds; may be negative
  double duration = 0.0;           // from the PTS index: end of the last frame - start
  int64_t frameCount = 0;          // from the PTS index
  double averageFps = 0.0;         // frameCount / duration
  bool variableFrameRate = false;  // frame durations differ by more than rounding
  double containerDuration = -1;   // what the container claims (-1: absent); never trusted
};

// Tightly packed RGB24, row-major, at display size (SAR and rotation applied).
struct RgbImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;  // width * height * 3
  const uint8_t* pixel(int x, int y) const { return pixels.data() + (size_t(y) * width + x) * 3; }
};
using RgbImagePtr = std::shared_ptr<const RgbImage>;

// Molmo2's video sampling (HF Molmo2VideoProcessor, mode uniform_last_frame).
struct SamplingSpec {
  int maxFrames = 384;  // num_frames
  double maxFps = 2.0;  // max_fps
  // The part of the video a question is about, in seconds: times are planned over
  // [clipStart, min(clipEnd, duration)] as for a video of that length, and requestedTime is
  // relative to clipStart (what the model sees for the clip). The defaults are the whole video.
  double clipStart = 0.0;
  double clipEnd = std::numeric_limits<double>::infinity();
};

// One planned sample: the time asked for, and the frame displayed at that time.
struct SamplePoint {
  double requestedTime = 0.0;  // seconds; this, not the frame's PTS, is the model's timestamp
  int64_t frameNumber = 0;     // index into FrameIndex (presentation order)
  int64_t pts = 0;             // that frame's PTS in the stream time base
  double frameTime = 0.0;      // that frame's time in seconds since stream start
};

struct SampledFrame {
  SamplePoint point;
  RgbImagePtr image;  // frames chosen by several times share one image
};

// False in a build without FFmpeg (cmake -DSTTS_WITH_FFMPEG=OFF): VideoSource::open then always
// fails (Unsupported), and sampled frames come from a frames file (stts/frames_file.h).
bool videoDecodingAvailable();

// Pure planning, no I/O: the requested times for a video of `duration` seconds.
std::vector<double> molmo2SampleTimes(double duration, const SamplingSpec& spec);
// Index of the frame being displayed at time t (first frame whose end > t; clamped).
int64_t frameDisplayedAt(const FrameIndex& index, double t);

struct OpenOptions {
  double timeoutSeconds = 30.0;       // wall-clock budget per open / frameAt, per frame of sample
  int64_t maxPixels = 8192LL * 8192;  // per picture, the header's and every frame's
  int64_t maxIndexedFrames = 5'000'000;
  // One sample() pass: the RGB bytes of the distinct frames it returns (checked against the plan
  // before decoding; 10 GiB holds 384 frames of 4096x2160), and the pixels it may decode, frames
  // decoded on the way to a target included (also per frame()/frameAt() call). TooLarge beyond.
  int64_t maxSampleBytes = 10LL << 30;
  int64_t maxDecodedPixels = 1LL << 40;
  // Decoded display frames kept for scrubbing (frame()/frameAt()): at most this many, and at
  // most frameCacheBytes of pixels (the newest frame is kept even when it alone is larger).
  // 24 frames of 1080p are 149 MB; of 8192 x 8192 they would be 4.8 GB without the byte bound.
  int frameCacheSize = 24;
  int64_t frameCacheBytes = 256LL << 20;
  int decoderThreads = 0;  // 0: FFmpeg's choice
};

// Not thread-safe: use a VideoSource from one thread at a time (one per thread is fine).
// Damaged files: a frame that cannot be decoded is replaced by the nearest decodable one
// (before it if any, else after); sample() reports the substitute's frameNumber/pts/frameTime.
// Design notes: engine/video/README.md.
class VideoSource {
 public:
  static Expected<VideoSource> open(const std::string& path, const OpenOptions& options = {});
  // The same on a file image in memory (tests, tests/fuzz/libfuzzer/fuzz_video.cpp); `label`
  // stands for the path in info() and messages. FFmpeg reads only these bytes: references to
  // other files inside them are refused. engine/video/memory_source.cpp; FFmpeg builds only.
  static Expected<VideoSource> openMemory(std::vector<uint8_t> bytes, const std::string& label,
                                          const OpenOptions& options = {});

  VideoSource(VideoSource&&) noexcept;
  VideoSource& operator=(VideoSource&&) noexcept;
  ~VideoSource();

  const VideoInfo& info() const;
  const FrameIndex& index() const;

  // The sampling plan (no decoding).
  std::vector<SamplePoint> plan(const SamplingSpec& spec) const;
  // Decode the planned frames, each distinct frame exactly once, in time order.
  Expected<std::vector<SampledFrame>> sample(const SamplingSpec& spec,
                                             const CancelToken* cancel = nullptr);
  // The frame displayed at time t (seconds since stream start), for scrubbing; cached.
  Expected<RgbImagePtr> frameAt(double seconds);
  // A frame by its index in presentation order; cached.
  Expected<RgbImagePtr> frame(int64_t frameNumber);

  // Counters for tests and benchmarks.
  struct Stats {
    int64_t framesDecoded = 0;
    int64_t seeks = 0;
    int64_t cacheHits = 0;
    int64_t framesConverted = 0;  // frames turned into RGB images (each one delivered once)
  };
  Stats stats() const;

 private:
  struct Impl;
  explicit VideoSource(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace stts
