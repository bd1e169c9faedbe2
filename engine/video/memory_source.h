// A video file image in memory, read by FFmpeg through custom AVIOContexts: the input of
// VideoSource::openMemory (tests and tests/fuzz/libfuzzer/fuzz_video.cpp). Private to
// engine/video; the public header only says VideoSource::openMemory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "av_util.h"
#include "stts/error.h"

namespace stts::video {

class MemoryInput {
 public:
  explicit MemoryInput(std::vector<uint8_t> bytes);
  ~MemoryInput();
  MemoryInput(const MemoryInput&) = delete;
  MemoryInput& operator=(const MemoryInput&) = delete;

  std::size_t size() const { return bytes_.size(); }

  // Gives `fmt` (allocated, not yet opened) a seekable reader of the image from offset 0, and an
  // io_open that refuses every URL: a playlist, a concat list or an mp4 data reference inside the
  // image cannot make FFmpeg open files or the network. The reader lives as long as this object
  // (or until keepOnly drops it), so it must outlive `fmt`: VideoSource::Impl declares its
  // MemoryInput before the format context.
  Expected<void> attach(AVFormatContext* fmt);
  // Frees the readers of every format context except `live`'s (after reopenDemuxer replaced one).
  void keepOnly(const AVFormatContext* live);

 private:
  struct Reader;
  std::vector<uint8_t> bytes_;
  std::vector<std::unique_ptr<Reader>> readers_;
};

}  // namespace stts::video
