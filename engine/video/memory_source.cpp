// VideoSource::openMemory: the same open, index and decoding as VideoSource::open, on a file
// image in memory. FFmpeg reads it through an AVIOContext whose read/seek callbacks copy from
// the buffer; every URL FFmpeg would open besides it is refused (see MemoryInput::attach).
#include "memory_source.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "video_impl.h"

namespace stts::video {

struct MemoryInput::Reader {
  const uint8_t* data = nullptr;
  int64_t size = 0;
  int64_t pos = 0;
  AVIOContext* avio = nullptr;

  ~Reader() {
    if (avio) {
      av_freep(&avio->buffer);  // FFmpeg may have replaced the buffer it was given
      avio_context_free(&avio);
    }
  }

  static int read(void* opaque, uint8_t* buf, int size) {
    auto* r = static_cast<Reader*>(opaque);
    const int64_t left = r->size - r->pos;
    if (left <= 0) return AVERROR_EOF;
    const int n = static_cast<int>(std::min<int64_t>(left, size));
    std::memcpy(buf, r->data + r->pos, static_cast<std::size_t>(n));
    r->pos += n;
    return n;
  }

  static int64_t seek(void* opaque, int64_t offset, int whence) {
    auto* r = static_cast<Reader*>(opaque);
    int64_t base = 0;
    switch (whence & ~AVSEEK_FORCE) {
      case AVSEEK_SIZE:
        return r->size;
      case SEEK_SET:
        base = 0;
        break;
      case SEEK_CUR:
        base = r->pos;
        break;
      case SEEK_END:
        base = r->size;
        break;
      default:
        return AVERROR(EINVAL);
    }
    // Offsets come from the file being read: keep the sum in range before forming it.
    if ((offset > 0 && base > INT64_MAX - offset) || base + offset < 0) return AVERROR(EINVAL);
    r->pos = base + offset;  // past the end is allowed (reads then return EOF), as for files
    return r->pos;
  }
};

namespace {

// FFmpeg opens further URLs through this for references inside a file (HLS and DASH playlists,
// concat lists, mp4 data references, image sequences). An image in memory has none to offer.
int refuseIoOpen(AVFormatContext*, AVIOContext**, const char*, int, AVDictionary**) {
  return AVERROR(EPERM);
}

}  // namespace

MemoryInput::MemoryInput(std::vector<uint8_t> bytes) : bytes_(std::move(bytes)) {}
MemoryInput::~MemoryInput() = default;

Expected<void> MemoryInput::attach(AVFormatContext* fmt) {
  constexpr int kBufferSize = 32 * 1024;
  auto reader = std::make_unique<Reader>();
  reader->data = bytes_.data();
  reader->size = static_cast<int64_t>(bytes_.size());
  auto* buffer = static_cast<uint8_t*>(av_malloc(kBufferSize));
  if (!buffer) return makeError(ErrorCode::OutOfMemory, "Out of memory reading a video in memory");
  reader->avio = avio_alloc_context(buffer, kBufferSize, 0, reader.get(), &Reader::read, nullptr,
                                    &Reader::seek);
  if (!reader->avio) {
    av_free(buffer);
    return makeError(ErrorCode::OutOfMemory, "Out of memory reading a video in memory");
  }
  fmt->pb = reader->avio;  // custom I/O: avformat_close_input leaves it to us
  fmt->io_open = &refuseIoOpen;
  readers_.push_back(std::move(reader));
  return {};
}

void MemoryInput::keepOnly(const AVFormatContext* live) {
  std::erase_if(readers_, [&](const std::unique_ptr<Reader>& r) {
    return live == nullptr || r->avio != live->pb;
  });
}

}  // namespace stts::video

namespace stts {

Expected<VideoSource> VideoSource::openMemory(std::vector<uint8_t> bytes, const std::string& label,
                                              const OpenOptions& options) {
  // As VideoSource::open: FFmpeg's stderr chatter only with STTS_FFMPEG_LOG=1.
  static std::once_flag quiet;
  std::call_once(quiet, [] {
    const char* env = std::getenv("STTS_FFMPEG_LOG");
    if (!env || std::string(env) != "1") av_log_set_level(AV_LOG_FATAL);
  });
  if (options.maxPixels <= 0 || options.maxIndexedFrames <= 0 || options.frameCacheSize < 0 ||
      options.frameCacheBytes < 0)
    return makeError(ErrorCode::InvalidArgument, "Invalid video open options for " + label);
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->memory = std::make_shared<video::MemoryInput>(std::move(bytes));
  if (auto r = impl->openFile(label); !r) return r.error();
  if (auto r = impl->buildIndex(); !r) return r.error();
  if (auto r = impl->seekToStart(); !r) return r.error();
  impl->stats = {};  // counters describe work after open
  return VideoSource(std::move(impl));
}

}  // namespace stts
