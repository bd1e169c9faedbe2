// Opening a file: container, stream choice, safety caps (time, pixels) and the decoder.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "memory_source.h"
#include "video_impl.h"

extern "C" {
#include <libavutil/display.h>
#include <libavutil/imgutils.h>
}

namespace stts {
namespace {

bool isAttachedPicture(const AVStream* st) {
  return (st->disposition & AV_DISPOSITION_ATTACHED_PIC) != 0;
}

bool isVideo(const AVStream* st) {
  return st->codecpar->codec_type == AVMEDIA_TYPE_VIDEO;
}

// The display matrix's angle as ffprobe prints it (av_display_rotation_get: counter-clockwise
// degrees), snapped to the nearest quarter turn, since only those can be displayed without
// resampling, and taken mod 360: 0/90/180/270. FFmpeg's autorotate turns the picture
// counter-clockwise by this angle (clockwise by 360 minus it), and so does the converter.
int rotationOf(const AVStream* st) {
  size_t size = 0;
  const uint8_t* sd = av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, &size);
  if (!sd || size < 9 * sizeof(int32_t)) return 0;
  const double ccw = av_display_rotation_get(reinterpret_cast<const int32_t*>(sd));
  if (std::isnan(ccw)) return 0;
  long deg = std::lround(ccw);
  deg = ((deg % 360) + 360) % 360;
  return static_cast<int>(((deg + 45) / 90 * 90) % 360);
}

// Candidates in priority order: the container's default stream, then the largest picture.
int chooseVideoStream(const AVFormatContext* fmt, bool* sawAttachedPicture) {
  int best = -1;
  int64_t bestScore = -1;
  for (unsigned i = 0; i < fmt->nb_streams; ++i) {
    const AVStream* st = fmt->streams[i];
    if (!isVideo(st)) continue;
    if (isAttachedPicture(st)) {
      *sawAttachedPicture = true;
      continue;
    }
    const int64_t pixels = int64_t(st->codecpar->width) * st->codecpar->height;
    const int64_t score = ((st->disposition & AV_DISPOSITION_DEFAULT) ? (int64_t(1) << 50) : 0) +
                          std::min<int64_t>(pixels, (int64_t(1) << 49));
    if (score > bestScore) {
      bestScore = score;
      best = static_cast<int>(i);
    }
  }
  return best;
}

// The YUV4MPEG2 demuxer itself refuses absurd sizes, which would surface as "not a video file";
// reading the claimed size from its text header lets that case say what is actually wrong.
bool y4mClaimedSize(const std::string& path, int64_t* w, int64_t* h) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  char buf[256] = {};
  const size_t n = std::fread(buf, 1, sizeof(buf) - 1, f);
  std::fclose(f);
  const std::string head(buf, n);
  if (head.rfind("YUV4MPEG2 ", 0) != 0) return false;
  const auto line = head.substr(0, head.find('\n'));
  *w = *h = 0;
  size_t pos = 0;
  while ((pos = line.find(' ', pos)) != std::string::npos) {
    ++pos;
    if (pos >= line.size()) break;
    const char tag = line[pos];
    if (tag != 'W' && tag != 'H') continue;
    const int64_t v = std::strtoll(line.c_str() + pos + 1, nullptr, 10);
    (tag == 'W' ? *w : *h) = v;
  }
  return *w > 0 && *h > 0;
}

std::string sizeText(int64_t w, int64_t h) {
  return std::to_string(w) + "x" + std::to_string(h);
}

Error tooLarge(int64_t w, int64_t h, int64_t maxPixels, const std::string& path) {
  return makeError(ErrorCode::TooLarge, "The video claims a picture of " + sizeText(w, h) +
                                            " pixels, more than the limit of " +
                                            std::to_string(maxPixels) + " pixels: " + path);
}

}  // namespace

Error VideoSource::Impl::timeoutOr(ErrorCode code, const std::string& message) const {
  if (deadline.fired()) {
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%g", deadline.budgetSeconds());
    return makeError(ErrorCode::Timeout,
                     "Reading " + info.path + " took longer than the " + buf + " s limit.");
  }
  return makeError(code, message);
}

Expected<void> VideoSource::Impl::openFile(const std::string& path) {
  info.path = path;
  if (memory) {  // VideoSource::openMemory: no file to check, `path` is only a label
    if (memory->size() == 0)
      return makeError(ErrorCode::InvalidData, "The video file is empty (0 bytes): " + path);
  } else {
    if (path.empty()) return makeError(ErrorCode::InvalidArgument, "No video file was given.");
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status))
      return makeError(ErrorCode::NotFound, "Video file not found: " + path);
    if (std::filesystem::is_directory(status))
      return makeError(ErrorCode::InvalidArgument,
                       "Expected a video file but got a folder: " + path);
    // Pipes and devices cannot be read twice (the index pass consumes them) and may block in
    // open(2), out of reach of the deadline.
    if (!std::filesystem::is_regular_file(status))
      return makeError(ErrorCode::InvalidArgument, "Not a regular file: " + path);
    if (std::filesystem::file_size(path, ec) == 0 && !ec)
      return makeError(ErrorCode::InvalidData, "The video file is empty (0 bytes): " + path);
  }

  deadline.start(options.timeoutSeconds);
  AVFormatContext* raw = avformat_alloc_context();
  if (!raw) return makeError(ErrorCode::OutOfMemory, "Out of memory opening " + path);
  raw->interrupt_callback.callback = &video::Deadline::interruptCallback;
  raw->interrupt_callback.opaque = &deadline;
  if (memory) {
    if (auto r = memory->attach(raw); !r) {
      avformat_free_context(raw);
      return r;
    }
  }
  // On failure avformat_open_input frees the context itself.
  int err = avformat_open_input(&raw, path.c_str(), nullptr, nullptr);
  if (err < 0) {
    if (err == AVERROR(EACCES))
      return makeError(ErrorCode::Io, "Permission denied reading " + path);
    int64_t cw = 0, ch = 0;
    if (!memory && y4mClaimedSize(path, &cw, &ch) &&
        (cw * ch > options.maxPixels ||
         av_image_check_size(unsigned(std::min<int64_t>(cw, INT32_MAX)),
                             unsigned(std::min<int64_t>(ch, INT32_MAX)), 0, nullptr) < 0))
      return tooLarge(cw, ch, options.maxPixels, path);
    return timeoutOr(ErrorCode::InvalidData, "Not a video file or unsupported format: " + path);
  }
  fmt.reset(raw);
  info.container = fmt->iformat && fmt->iformat->name ? fmt->iformat->name : "";

  // Headers usually state the picture size; refuse absurd sizes before anything decodes a frame
  // (avformat_find_stream_info would otherwise allocate it).
  for (unsigned i = 0; i < fmt->nb_streams; ++i) {
    const AVStream* st = fmt->streams[i];
    if (!isVideo(st) || isAttachedPicture(st)) continue;
    const int64_t w = st->codecpar->width, h = st->codecpar->height;
    if (w > 0 && h > 0 &&
        (w * h > options.maxPixels ||
         av_image_check_size(unsigned(w), unsigned(h), 0, nullptr) < 0))
      return tooLarge(w, h, options.maxPixels, path);
  }

  // The probing decoders must obey the same pixel cap.
  std::vector<AVDictionary*> streamOpts(fmt->nb_streams, nullptr);
  for (auto& d : streamOpts) av_dict_set_int(&d, "max_pixels", options.maxPixels, 0);
  err = avformat_find_stream_info(fmt.get(), streamOpts.empty() ? nullptr : streamOpts.data());
  for (auto& d : streamOpts) av_dict_free(&d);
  if (err < 0)
    return timeoutOr(ErrorCode::InvalidData,
                     "Could not read stream information (" + video::avErrorText(err) +
                         "); not a video file or unsupported format: " + path);

  bool sawCover = false;
  const int si = chooseVideoStream(fmt.get(), &sawCover);
  if (si < 0) {
    bool audio = false;
    for (unsigned i = 0; i < fmt->nb_streams; ++i)
      audio = audio || fmt->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_AUDIO;
    if (sawCover)
      return makeError(ErrorCode::NotFound, "No video stream in " + path +
                                                " (only a cover picture" +
                                                std::string(audio ? " and audio)." : ")."));
    if (audio)
      return makeError(ErrorCode::NotFound, "No video stream in " + path + " (audio only).");
    if (fmt->nb_streams == 0)
      return makeError(ErrorCode::InvalidData, "Not a video file or unsupported format: " + path);
    return makeError(ErrorCode::NotFound, "No video stream in " + path + ".");
  }
  AVStream* st = fmt->streams[si];
  const AVCodecParameters* par = st->codecpar;
  info.streamIndex = si;
  const int64_t w = par->width, h = par->height;
  if (w <= 0 || h <= 0)
    return makeError(ErrorCode::InvalidData, "The video stream has no valid picture size (" +
                                                 sizeText(w, h) + ") in " + path);
  if (w * h > options.maxPixels || av_image_check_size(unsigned(w), unsigned(h), 0, nullptr) < 0)
    return tooLarge(w, h, options.maxPixels, path);

  const AVCodec* codec = avcodec_find_decoder(par->codec_id);
  if (!codec)
    return makeError(ErrorCode::Unsupported, std::string("No decoder for the ") +
                                                 avcodec_get_name(par->codec_id) +
                                                 " video codec in " + path);
  dec.reset(avcodec_alloc_context3(codec));
  packet.reset(av_packet_alloc());
  frame.reset(av_frame_alloc());
  pending.reset(av_frame_alloc());
  if (!dec || !packet || !frame || !pending)
    return makeError(ErrorCode::OutOfMemory, "Out of memory opening " + path);
  if (avcodec_parameters_to_context(dec.get(), par) < 0)
    return makeError(ErrorCode::Unsupported, "Unusable codec parameters in " + path);
  // The decoder checks its cap on the stride-aligned width (up to 63 pixels wider), so a picture
  // within maxPixels could be refused as "damaged". Give it 1/8 of slack; checkDecodedFrame
  // (decode.cpp) holds every decoded frame to maxPixels itself and names the one that breaks it.
  dec->max_pixels =
      options.maxPixels + std::min(options.maxPixels / 8, INT64_MAX - options.maxPixels);
  dec->thread_count = options.decoderThreads;
  dec->pkt_timebase = st->time_base;
  err = avcodec_open2(dec.get(), codec, nullptr);
  if (err < 0)
    return makeError(ErrorCode::Unsupported, "Could not start the " + std::string(codec->name) +
                                                 " decoder (" + video::avErrorText(err) + ") for " +
                                                 path);

  info.codec = codec->name;
  info.codedWidth = static_cast<int>(w);
  info.codedHeight = static_cast<int>(h);
  AVRational sar = av_guess_sample_aspect_ratio(fmt.get(), st, nullptr);
  if (sar.num <= 0 || sar.den <= 0) sar = AVRational{1, 1};
  av_reduce(&sar.num, &sar.den, sar.num, sar.den, 1 << 20);
  info.sampleAspectRatio = Rational{sar.num, sar.den};
  info.rotation = rotationOf(st);
  const int64_t scaledW = std::max<int64_t>(1, std::llround(double(w) * sar.num / sar.den));
  if (scaledW * h > options.maxPixels || scaledW > 65535)
    return makeError(ErrorCode::TooLarge, "The pixel aspect ratio stretches the picture to " +
                                              sizeText(scaledW, h) +
                                              " pixels, larger than "
                                              "allowed, in " +
                                              path);
  const bool swap = info.rotation == 90 || info.rotation == 270;
  info.displayWidth = static_cast<int>(swap ? h : scaledW);
  info.displayHeight = static_cast<int>(swap ? scaledW : h);
  info.timeBase = Rational{st->time_base.num, st->time_base.den};
  if (st->time_base.num <= 0 || st->time_base.den <= 0)
    return makeError(ErrorCode::InvalidData, "The video stream has no valid time base in " + path);
  if (st->duration != AV_NOPTS_VALUE && st->duration > 0)
    info.containerDuration = double(st->duration) * av_q2d(st->time_base);
  else if (fmt->duration != AV_NOPTS_VALUE && fmt->duration > 0)
    info.containerDuration = double(fmt->duration) / AV_TIME_BASE;
  converter.configure(static_cast<int>(scaledW), static_cast<int>(h), (360 - info.rotation) % 360);

  // Only the chosen stream's packets matter from here on; the demuxer may skip the rest.
  for (unsigned i = 0; i < fmt->nb_streams; ++i)
    if (int(i) != si) fmt->streams[i]->discard = AVDISCARD_ALL;
  return {};
}

Expected<void> VideoSource::Impl::reopenDemuxer() {
  AVFormatContext* raw = avformat_alloc_context();
  if (!raw) return makeError(ErrorCode::OutOfMemory, "Out of memory reading " + info.path);
  raw->interrupt_callback.callback = &video::Deadline::interruptCallback;
  raw->interrupt_callback.opaque = &deadline;
  if (memory) {
    if (auto r = memory->attach(raw); !r) {
      avformat_free_context(raw);
      return r;
    }
  }
  const AVInputFormat* format = fmt ? fmt->iformat : nullptr;
  if (avformat_open_input(&raw, info.path.c_str(), format, nullptr) < 0)
    return timeoutOr(ErrorCode::Io, "Could not read " + info.path + " again.");
  video::FormatPtr fresh(raw);
  std::vector<AVDictionary*> streamOpts(fresh->nb_streams, nullptr);
  for (auto& d : streamOpts) av_dict_set_int(&d, "max_pixels", options.maxPixels, 0);
  const int err =
      avformat_find_stream_info(fresh.get(), streamOpts.empty() ? nullptr : streamOpts.data());
  for (auto& d : streamOpts) av_dict_free(&d);
  const int si = info.streamIndex;
  if (err < 0 || si >= int(fresh->nb_streams) ||
      fresh->streams[si]->codecpar->codec_id != fmt->streams[si]->codecpar->codec_id)
    return timeoutOr(ErrorCode::Io, "The file " + info.path + " changed while it was open.");
  for (unsigned i = 0; i < fresh->nb_streams; ++i)
    if (int(i) != si) fresh->streams[i]->discard = AVDISCARD_ALL;
  fmt = std::move(fresh);
  if (memory) memory->keepOnly(fmt.get());  // the old context's reader is unused now
  return {};
}

}  // namespace stts
