// (f) Video probe and sampling on a file image in memory (VideoSource::openMemory, which FFmpeg
// reads through a custom AVIOContext and which refuses every other URL): container and stream
// choice, the pixel cap, the one-pass PTS index, the sampling plan, decoding with seeks and
// recovery, RGB conversion, and scrubbing backwards.
//
// FFmpeg itself is the system's (not instrumented): coverage feedback and ASan see the engine's
// code and what it hands to FFmpeg, not FFmpeg's internals. Limits are small so each input
// costs milliseconds: 1 Mpx pictures, 20,000 indexed frames, 8 sampled frames, 5 s per call.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_util.h"
#include "stts/video.h"

using namespace stts;

namespace {

void checkImage(const RgbImagePtr& image, const VideoInfo& info) {
  STTS_FUZZ_CHECK(image != nullptr);
  STTS_FUZZ_CHECK(image->width == info.displayWidth && image->height == info.displayHeight);
  STTS_FUZZ_CHECK(image->pixels.size() ==
                  static_cast<std::size_t>(image->width) * image->height * 3);
  volatile uint8_t first = *image->pixel(0, 0);
  volatile uint8_t last = image->pixel(image->width - 1, image->height - 1)[2];
  (void)first;
  (void)last;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  OpenOptions options;
  options.timeoutSeconds = 5;
  options.maxPixels = 1024 * 1024;
  options.maxIndexedFrames = 20000;
  options.frameCacheSize = 4;
  options.decoderThreads = 1;  // deterministic, and no thread pool per input
  auto source =
      VideoSource::openMemory(std::vector<uint8_t>(data, data + size), "fuzz-video", options);
  if (!source) {
    STTS_FUZZ_CHECK(!source.error().message.empty());
    return 0;
  }
  const VideoInfo& info = source->info();
  const FrameIndex& index = source->index();
  STTS_FUZZ_CHECK(info.frameCount >= 1);
  STTS_FUZZ_CHECK(index.pts.size() == static_cast<std::size_t>(info.frameCount));
  STTS_FUZZ_CHECK(index.times.size() == index.pts.size() && index.ends.size() == index.pts.size());
  STTS_FUZZ_CHECK(index.isKey.size() == index.pts.size());
  STTS_FUZZ_CHECK(info.displayWidth >= 1 && info.displayHeight >= 1);
  STTS_FUZZ_CHECK(int64_t{info.displayWidth} * info.displayHeight <= options.maxPixels);

  const SamplingSpec spec{8, 2.0};
  for (const SamplePoint& p : source->plan(spec))
    STTS_FUZZ_CHECK(p.frameNumber >= 0 && p.frameNumber < info.frameCount);
  if (auto frames = source->sample(spec)) {
    for (const SampledFrame& f : *frames) {
      STTS_FUZZ_CHECK(f.point.frameNumber >= 0 && f.point.frameNumber < info.frameCount);
      checkImage(f.image, info);
    }
  }
  // Scrubbing: the last frame, then back to the first (a seek backwards), then the middle.
  for (int64_t n : {info.frameCount - 1, int64_t{0}}) {
    if (auto image = source->frame(n)) checkImage(*image, info);
  }
  if (auto image = source->frameAt(info.duration / 2)) checkImage(*image, info);
  return 0;
}
