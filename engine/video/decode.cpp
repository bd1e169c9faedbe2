// Decoding a chosen frame: seek to a keyframe only when decoding forward would cost more,
// then decode forward to the target PTS; drain the decoder at the end of the stream.
#include <algorithm>

#include "video_impl.h"

extern "C" {
#include <libavutil/imgutils.h>
}

namespace stts {

int64_t VideoSource::Impl::frameNumberOf(const AVFrame* f) const {
  const int64_t n = int64_t(index.pts.size());
  // A real PTS identifies a frame. The best-effort guess for a packet without PTS is its DTS,
  // which may be another frame's PTS, so it is used only when the index itself holds such
  // guesses. Otherwise frames come out in presentation order: this is the one after the last.
  const int64_t ts = f->pts != AV_NOPTS_VALUE ? f->pts
                     : extra.ptsReliable      ? AV_NOPTS_VALUE
                                              : f->best_effort_timestamp;
  if (ts == AV_NOPTS_VALUE) return std::min(lastOutput + 1, n - 1);
  auto lo = std::lower_bound(index.pts.begin(), index.pts.end(), ts);
  auto hi = std::upper_bound(lo, index.pts.end(), ts);
  if (lo != hi) {
    // Equal PTS (damaged files): prefer the successor of the last frame returned.
    const int64_t next = lastOutput + 1;
    const int64_t a = lo - index.pts.begin(), b = hi - index.pts.begin();
    return (next >= a && next < b) ? next : a;
  }
  // A timestamp not in the index (damaged files): take the nearest indexed frame.
  int64_t i = lo - index.pts.begin();
  if (i >= n) return n - 1;
  if (i > 0 && ts - index.pts[size_t(i - 1)] < index.pts[size_t(i)] - ts) --i;
  return i;
}

std::string VideoSource::Impl::frameAtText(int64_t number) const {
  if (number < 0 || number >= int64_t(index.times.size())) return "frame";
  return "frame at " + video::secondsText(index.times[size_t(number)]);
}

bool VideoSource::Impl::pictureFits(int64_t w, int64_t h) const {
  return w > 0 && h > 0 && w * h <= options.maxPixels &&
         av_image_check_size(unsigned(w), unsigned(h), 0, nullptr) >= 0;
}

Error VideoSource::Impl::pictureTooLarge(int64_t w, int64_t h, int64_t number) const {
  return makeError(ErrorCode::TooLarge,
                   "The video's " + frameAtText(number) + " has a picture of " +
                       video::sizeText(w, h) + " pixels, more than the limit of " +
                       std::to_string(options.maxPixels) + " pixels (the stream header says " +
                       video::sizeText(info.codedWidth, info.codedHeight) + "): " + info.path);
}

// The decoder refuses a picture over its max_pixels without allocating it, and the refusal looks
// like any decoding error. A decoder that keeps the refused size in its context (H.264 does) tells
// it apart from damage: sizes the index pass could not see (no parser) end here.
std::optional<Error> VideoSource::Impl::refusedPicture(int64_t ts) {
  const int64_t w = dec->width, h = dec->height;
  if (w <= 0 || h <= 0 || pictureFits(w, h)) return std::nullopt;
  needsSeek = true;
  int64_t number = -1;
  if (ts != AV_NOPTS_VALUE && !index.pts.empty()) {
    auto it = std::lower_bound(index.pts.begin(), index.pts.end(), ts);
    number = std::min<int64_t>(it - index.pts.begin(), int64_t(index.pts.size()) - 1);
  }
  return pictureTooLarge(w, h, number);
}

Expected<void> VideoSource::Impl::checkDecodedFrame(int width, int height, int64_t number) {
  const int64_t w = width, h = height;
  // The decoder's max_pixels already stops such pictures before they are allocated; this is
  // the check of every frame that does come out, whatever the header said.
  if (!pictureFits(w, h)) return pictureTooLarge(w, h, number);
  passPixels += w * h;
  ++passFrames;
  if (passPixels > options.maxDecodedPixels)
    return makeError(ErrorCode::TooLarge,
                     "Reading " + info.path + " decoded " + std::to_string(passFrames) +
                         " frames (" + std::to_string(passPixels) + " pixels) by its " +
                         frameAtText(number) + ", more than the limit of " +
                         std::to_string(options.maxDecodedPixels) + " pixels (" +
                         video::pixelsText(double(options.maxDecodedPixels)) + ") for one pass.");
  return {};
}

Expected<bool> VideoSource::Impl::nextFrame(AVFrame* out, int64_t* number) {
  if (pendingNumber >= 0) {
    av_frame_unref(out);
    av_frame_move_ref(out, pending.get());
    *number = pendingNumber;
    pendingNumber = -1;
    return true;
  }
  if (decoderDone) return false;
  // A damaged stream may make the decoder fail on every call; give up on it after this many
  // errors in a row rather than spin until the deadline.
  constexpr int kMaxErrorsInARow = 256;
  int errors = 0;
  for (;;) {
    if (deadline.expired()) return timeoutOr(ErrorCode::Timeout, "");
    // A stretch that yields no frame (damage, a long wait for a keyframe) must not outlast a
    // cancel any more than the deadline.
    if (isCancelled(cancel)) {
      needsSeek = true;
      return makeError(ErrorCode::Cancelled, "Decoding was cancelled.");
    }
    const int got = avcodec_receive_frame(dec.get(), out);
    // Each result (a frame or an error) answers the oldest packet still in the decoder: with
    // frame threads an error surfaces some packets after the one that caused it.
    int64_t answeredTs = AV_NOPTS_VALUE;
    if (got != AVERROR(EAGAIN) && got != AVERROR_EOF && !inFlight.empty()) {
      answeredTs = inFlight.front();
      inFlight.pop_front();
    }
    if (got == 0) {
      ++stats.framesDecoded;
      lastOutput = frameNumberOf(out);
      *number = lastOutput;
      if (auto ok = checkDecodedFrame(out->width, out->height, lastOutput); !ok) {
        needsSeek = true;
        return ok.error();
      }
      return true;
    }
    if (got != AVERROR(EAGAIN) && got != AVERROR_EOF) {
      if (auto refused = refusedPicture(answeredTs)) return *refused;
    }
    if (got != AVERROR(EAGAIN) && got != AVERROR_EOF && ++errors > kMaxErrorsInARow) {
      needsSeek = true;
      return makeError(ErrorCode::InvalidData, "The video in " + info.path +
                                                   " is too damaged to decode (" +
                                                   video::avErrorText(got) + ").");
    }
    if (got == AVERROR_EOF || (demuxEof && got == AVERROR(EAGAIN))) {
      // Fully drained: the decoder accepts nothing until a seek flushes it.
      decoderDone = true;
      needsSeek = true;
      return false;
    }
    if (demuxEof) continue;  // draining; a decoding error on one frame, try the next

    // The decoder wants input (or hit an error in a damaged stream): feed it.
    if (!packetHeld) {
      const int rd = av_read_frame(fmt.get(), packet.get());
      if (rd == AVERROR(EAGAIN)) continue;
      if (rd < 0) {
        if (deadline.fired()) return timeoutOr(ErrorCode::Timeout, "");
        // End of data (or an unreadable rest of a damaged file): a NULL packet drains the
        // frames still held for reordering.
        demuxEof = true;
        avcodec_send_packet(dec.get(), nullptr);
        continue;
      }
      if (packet->stream_index != info.streamIndex) {
        av_packet_unref(packet.get());
        continue;
      }
    }
    const int64_t ts = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
    const int sent = avcodec_send_packet(dec.get(), packet.get());
    // EAGAIN: output must be read first; keep the packet and send it again after that.
    packetHeld = sent == AVERROR(EAGAIN);
    if (!packetHeld) av_packet_unref(packet.get());
    if (sent == 0 && inFlight.size() < 64) inFlight.push_back(ts);
    if (sent < 0 && sent != AVERROR(EAGAIN)) {
      // A frame-threaded decoder reports an earlier packet's failure here: the oldest one in
      // flight (give or take the frames it holds back for reordering).
      int64_t failedTs = ts;
      if ((dec->active_thread_type & FF_THREAD_FRAME) && !inFlight.empty()) {
        failedTs = inFlight.front();
        inFlight.pop_front();
      }
      if (auto refused = refusedPicture(failedTs)) return *refused;
    }
    // Other errors concern this packet of a damaged stream only; it is skipped, as players do.
  }
}

Expected<void> VideoSource::Impl::seekToKeyframe(int64_t key) {
  const int si = info.streamIndex;
  // Indexed demuxers: the keyframe's PTS with BACKWARD lands on it, or on an earlier keyframe
  // where the index holds raw DTS (mp4). decodeTo steps back further if a demuxer lands late.
  int64_t ts = 0;
  if (key < 0)
    ts = extra.seekByDts ? extra.minTimestamp : index.pts.front();
  else
    ts = extra.seekByDts ? extra.dts[size_t(key)] : index.pts[size_t(key)];
  int err = av_seek_frame(fmt.get(), si, ts, AVSEEK_FLAG_BACKWARD);
  if (err < 0) err = avformat_seek_file(fmt.get(), si, INT64_MIN, ts, ts, 0);
  if (err < 0) {
    // Not seekable there (no index, timestamps the demuxer cannot place): start over.
    if (deadline.fired()) return timeoutOr(ErrorCode::Timeout, "");
    return restartFromBeginning();
  }
  resetDecoder();
  soughtKey = key;
  lastOutput = std::max<int64_t>(-1, key - 1);
  return {};
}

void VideoSource::Impl::resetDecoder() {
  avcodec_flush_buffers(dec.get());
  inFlight.clear();
  av_packet_unref(packet.get());
  packetHeld = false;
  ++stats.seeks;
  demuxEof = false;
  decoderDone = false;
  needsSeek = false;
  pendingNumber = -1;
  av_frame_unref(pending.get());
  unverifiedSeek = true;
}

Expected<void> VideoSource::Impl::restartFromBeginning() {
  if (auto r = reopenDemuxer(); !r) return r;
  resetDecoder();
  soughtKey = -1;
  lastOutput = -1;
  return {};
}

Expected<void> VideoSource::Impl::seekToStart() {
  auto r = seekToKeyframe(-1);
  lastOutput = -1;
  return r;
}

// A seek landed after the target or on nothing decodable: first switch to DTS seeking (the
// demuxer's index was not what it seemed), then step back one keyframe, finally reopen the file.
Expected<void> VideoSource::Impl::seekForRetry(int64_t* seekKey, int attempt) {
  if (attempt >= 3 || (*seekKey < 0 && attempt >= 2)) {
    // Timestamp seeking keeps failing: reading from the very beginning always works.
    *seekKey = -1;
    return restartFromBeginning();
  }
  if (!extra.seekByDts && attempt == 1) {
    extra.seekByDts = true;
  } else {
    *seekKey = *seekKey > 0 ? extra.keyBefore[size_t(*seekKey - 1)] : -1;
  }
  return *seekKey >= 0 ? seekToKeyframe(*seekKey) : seekToStart();
}

Expected<int64_t> VideoSource::Impl::decodeTo(int64_t target, const CancelToken* cancelToken) {
  // nextFrame checks it too; cleared on the way out, the token belongs to this call's caller.
  struct Scoped {
    const CancelToken*& slot;
    ~Scoped() { slot = nullptr; }
  } scoped{cancel};
  cancel = cancelToken;
  const int64_t n = int64_t(index.pts.size());
  target = std::clamp<int64_t>(target, 0, n - 1);
  // The last frame consumed from the decoder; a read-ahead frame has not been consumed yet.
  const int64_t position = pendingNumber >= 0 ? pendingNumber - 1 : lastOutput;
  const int64_t key = extra.keyBefore[size_t(target)];
  // Seek when going back, or when a keyframe between here and the target lets us skip frames.
  int64_t seekKey = -2;  // -2: no seek
  if (needsSeek || target <= position || key > position + 1) seekKey = key;
  int attempts = 0;
  if (seekKey != -2) {
    auto s = seekKey >= 0 ? seekToKeyframe(seekKey) : seekToStart();
    if (!s) return s.error();
  }
  // Verify where the last seek landed (this call's, or open's) with its first frame.
  seekKey = soughtKey;

  video::FramePtr prev(av_frame_alloc());
  if (!prev) return makeError(ErrorCode::OutOfMemory, "Out of memory decoding " + info.path);
  int64_t prevNumber = -1;
  for (;;) {
    if (isCancelled(cancel)) return makeError(ErrorCode::Cancelled, "Decoding was cancelled.");
    int64_t num = -1;
    auto got = nextFrame(frame.get(), &num);
    if (!got) return got.error();
    if (!*got) {
      if (unverifiedSeek && attempts < 3) {
        auto r = seekForRetry(&seekKey, ++attempts);
        if (!r) return r.error();
        continue;
      }
      if (prevNumber >= 0) {
        av_frame_unref(frame.get());
        av_frame_move_ref(frame.get(), prev.get());
        return prevNumber;
      }
      return makeError(ErrorCode::InvalidData, "Frame " + std::to_string(target) + " of " +
                                                   info.path + " could not be decoded.");
    }
    if (unverifiedSeek && num > target && attempts < 3) {
      auto r = seekForRetry(&seekKey, ++attempts);
      if (!r) return r.error();
      continue;
    }
    unverifiedSeek = false;
    if (num < target) {
      av_frame_unref(prev.get());
      av_frame_move_ref(prev.get(), frame.get());
      prevNumber = num;
      continue;
    }
    if (num == target) return target;
    // The target never came out (undecodable): deliver the nearest decoded frame before it,
    // else this later one; keep the later one for the next request either way.
    if (prevNumber >= 0) {
      av_frame_unref(pending.get());
      av_frame_move_ref(pending.get(), frame.get());
      pendingNumber = num;
      av_frame_move_ref(frame.get(), prev.get());
      return prevNumber;
    }
    return num;
  }
}

Expected<RgbImagePtr> VideoSource::Impl::decodeImage(int64_t target, const CancelToken* cancelToken,
                                                     int64_t* delivered) {
  auto got = decodeTo(target, cancelToken);
  if (!got) {
    // After a timeout the I/O context is in an error state, after other failures the decoder
    // may be mid-stream: the next request starts with a seek, which resets both.
    needsSeek = true;
    return got.error();
  }
  if (delivered) *delivered = *got;
  ++stats.framesConverted;
  return converter.convert(frame.get(), info.path);
}

}  // namespace stts
