// Decoded frame -> tightly packed RGB24 at display size (SAR applied), rotated upright.
#include <cstring>

#include "video_impl.h"

extern "C" {
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
}

namespace stts::video {
namespace {

// Untagged video gets swscale's default (BT.601) whatever its size, as FFmpeg's tools, PyAV and
// decord do: Molmo2's reference preprocessing decodes through them, and the model input should
// match it. (Players guess BT.709 for untagged HD instead.)
int swsColorspace(AVColorSpace cs) {
  switch (cs) {
    case AVCOL_SPC_BT709:
      return SWS_CS_ITU709;
    case AVCOL_SPC_FCC:
      return SWS_CS_FCC;
    case AVCOL_SPC_SMPTE240M:
      return SWS_CS_SMPTE240M;
    case AVCOL_SPC_BT470BG:
    case AVCOL_SPC_SMPTE170M:
      return SWS_CS_ITU601;
    case AVCOL_SPC_BT2020_NCL:
    case AVCOL_SPC_BT2020_CL:
      return SWS_CS_BT2020;
    default:
      return SWS_CS_DEFAULT;
  }
}

// The deprecated yuvj formats only mean "full range"; swscale wants the plain format plus a
// range flag (and warns otherwise).
AVPixelFormat dejpeg(AVPixelFormat f, bool* full) {
  switch (f) {
    case AV_PIX_FMT_YUVJ420P:
      *full = true;
      return AV_PIX_FMT_YUV420P;
    case AV_PIX_FMT_YUVJ422P:
      *full = true;
      return AV_PIX_FMT_YUV422P;
    case AV_PIX_FMT_YUVJ444P:
      *full = true;
      return AV_PIX_FMT_YUV444P;
    case AV_PIX_FMT_YUVJ440P:
      *full = true;
      return AV_PIX_FMT_YUV440P;
    case AV_PIX_FMT_YUVJ411P:
      *full = true;
      return AV_PIX_FMT_YUV411P;
    default:
      return f;
  }
}

void rotateInto(const uint8_t* src, int srcStride, int w, int h, int rotation, RgbImage& out) {
  // (x, y) index the rotated output; the source pixel is found by the inverse rotation.
  for (int y = 0; y < out.height; ++y) {
    uint8_t* row = out.pixels.data() + size_t(y) * out.width * 3;
    for (int x = 0; x < out.width; ++x) {
      int sx = 0, sy = 0;
      if (rotation == 90) {
        sx = y;
        sy = h - 1 - x;
      } else if (rotation == 180) {
        sx = w - 1 - x;
        sy = h - 1 - y;
      } else {  // 270
        sx = w - 1 - y;
        sy = x;
      }
      std::memcpy(row + size_t(x) * 3, src + size_t(sy) * srcStride + size_t(sx) * 3, 3);
    }
  }
}

}  // namespace

void RgbConverter::configure(int scaledWidth, int scaledHeight, int rotation) {
  outW_ = scaledWidth;
  outH_ = scaledHeight;
  rotation_ = rotation;
}

Expected<RgbImagePtr> RgbConverter::convert(const AVFrame* frame, const std::string& path) {
  if (!frame || frame->width <= 0 || frame->height <= 0 || frame->format < 0)
    return makeError(ErrorCode::InvalidData, "A decoded frame of " + path + " has no picture.");
  bool full = frame->color_range == AVCOL_RANGE_JPEG;
  const AVPixelFormat fmt = dejpeg(static_cast<AVPixelFormat>(frame->format), &full);
  const int space = swsColorspace(frame->colorspace);
  const int range = full ? 1 : 0;
  if (!sws_ || frame->width != srcW_ || frame->height != srcH_ || fmt != srcFmt_) {
    // Full horizontal chroma interpolation avoids colour fringes at edges. SWS_ACCURATE_RND is
    // left out on purpose: it only removes +-1 rounding, yet forces swscale off its SIMD path
    // (1080p: 12 ms instead of 0.6 ms per frame), which dominated sampling time.
    sws_.reset(sws_getContext(frame->width, frame->height, fmt, outW_, outH_, AV_PIX_FMT_RGB24,
                              SWS_BILINEAR | SWS_FULL_CHR_H_INT, nullptr, nullptr, nullptr));
    if (!sws_)
      return makeError(ErrorCode::Unsupported,
                       std::string("Cannot convert the pixel format ") +
                           (av_get_pix_fmt_name(fmt) ? av_get_pix_fmt_name(fmt) : "?") +
                           " to RGB for " + path);
    srcW_ = frame->width;
    srcH_ = frame->height;
    srcFmt_ = fmt;
    srcSpace_ = -1;
  }
  if (space != srcSpace_ || range != srcRange_) {
    // Output is full-range RGB; only the source side varies.
    sws_setColorspaceDetails(sws_.get(), sws_getCoefficients(space), range,
                             sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
    srcSpace_ = space;
    srcRange_ = range;
  }
  if (!alignedOwner_) {
    // swscale's SIMD paths want 16/32-byte aligned rows with slack at the end.
    alignedStride_ = FFALIGN(outW_ * 3, 64);
    alignedOwner_.reset(static_cast<uint8_t*>(av_malloc(size_t(alignedStride_) * outH_ + 64)));
    aligned_ = alignedOwner_.get();
    if (!aligned_)
      return makeError(ErrorCode::OutOfMemory, "Out of memory converting frames of " + path);
  }
  uint8_t* dst[4] = {aligned_, nullptr, nullptr, nullptr};
  int dstStride[4] = {alignedStride_, 0, 0, 0};
  const int rows =
      sws_scale(sws_.get(), frame->data, frame->linesize, 0, frame->height, dst, dstStride);
  if (rows <= 0)
    return makeError(ErrorCode::InvalidData, "Could not convert a frame of " + path + " to RGB.");

  auto img = std::make_shared<RgbImage>();
  const bool swap = rotation_ == 90 || rotation_ == 270;
  img->width = swap ? outH_ : outW_;
  img->height = swap ? outW_ : outH_;
  img->pixels.resize(size_t(outW_) * outH_ * 3);
  if (rotation_ == 0) {
    for (int y = 0; y < outH_; ++y)
      std::memcpy(img->pixels.data() + size_t(y) * outW_ * 3, aligned_ + size_t(y) * alignedStride_,
                  size_t(outW_) * 3);
  } else {
    rotateInto(aligned_, alignedStride_, outW_, outH_, rotation_, *img);
  }
  return RgbImagePtr(std::move(img));
}

}  // namespace stts::video
