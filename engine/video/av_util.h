// Small RAII and error helpers around FFmpeg's C API, private to engine/video.
// Every FFmpeg object is owned by a unique_ptr so early error returns never leak.
#pragma once

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/frame.h>
#include <libswscale/swscale.h>
}

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace stts::video {

struct FormatCloser {
  void operator()(AVFormatContext* p) const { avformat_close_input(&p); }
};
struct CodecCloser {
  void operator()(AVCodecContext* p) const { avcodec_free_context(&p); }
};
struct PacketFree {
  void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct FrameFree {
  void operator()(AVFrame* p) const { av_frame_free(&p); }
};
struct SwsFree {
  void operator()(SwsContext* p) const { sws_freeContext(p); }
};

using FormatPtr = std::unique_ptr<AVFormatContext, FormatCloser>;
using CodecPtr = std::unique_ptr<AVCodecContext, CodecCloser>;
using PacketPtr = std::unique_ptr<AVPacket, PacketFree>;
using FramePtr = std::unique_ptr<AVFrame, FrameFree>;
using SwsPtr = std::unique_ptr<SwsContext, SwsFree>;

// FFmpeg's description of an AVERROR code ("Invalid data found when processing input").
std::string avErrorText(int err);

// Message pieces: "320x240", "4.00 s", "12.0 GiB", "6.7 gigapixels" (or megapixels, pixels).
std::string sizeText(int64_t w, int64_t h);
std::string secondsText(double seconds);
std::string gibText(double bytes);
std::string pixelsText(double pixels);

// Wall-clock budget for one public call. FFmpeg polls it through the AVIO interrupt callback,
// so a stalled read or a pathological file cannot hold a call past its deadline.
class Deadline {
 public:
  void start(double seconds);
  bool expired() const;
  // Sticky: set once the callback has interrupted FFmpeg, so errors can be reported as Timeout.
  bool fired() const { return fired_; }
  double budgetSeconds() const { return budget_; }
  static int interruptCallback(void* opaque);

 private:
  std::chrono::steady_clock::time_point end_{};
  double budget_ = 0;
  mutable bool fired_ = false;
};

}  // namespace stts::video
