// VideoSource's private state, shared by the files that implement it (open, index, decode,
// convert, cache). FFmpeg types stay in engine/video; the public header only sees a pimpl.
#pragma once

#include <deque>
#include <list>
#include <optional>
#include <unordered_map>

#include "av_util.h"
#include "stts/video.h"

namespace stts::video {

class MemoryInput;  // memory_source.h

// Extra per-frame facts from the demux pass that the public FrameIndex does not carry.
struct IndexExtra {
  std::vector<int64_t> keyBefore;  // last keyframe at or before each frame, -1 if none
  std::vector<int64_t> dts;        // decode timestamp of each frame's packet (PTS if absent)
  int64_t minTimestamp = 0;        // smallest PTS or DTS of any packet
  // Demuxers with a seek index (mp4, mkv) seek exactly by PTS; the others (MPEG-TS) search by
  // DTS without knowing keyframes, so they must be given the keyframe's own DTS.
  bool seekByDts = false;
  // False when some PTS could only be guessed from DTS: decoded frames without a PTS are then
  // matched by FFmpeg's best-effort timestamp instead of by output order.
  bool ptsReliable = true;
};

// RGB conversion of decoded frames to the display size, then rotation to upright.
class RgbConverter {
 public:
  // Size before rotation (SAR applied), and clockwise rotation to apply.
  void configure(int scaledWidth, int scaledHeight, int rotation);
  Expected<RgbImagePtr> convert(const AVFrame* frame, const std::string& path);

 private:
  SwsPtr sws_;
  int srcW_ = 0, srcH_ = 0, srcFmt_ = -1, srcSpace_ = -1, srcRange_ = -1;
  int outW_ = 0, outH_ = 0, rotation_ = 0;
  uint8_t* aligned_ = nullptr;  // sws output with padded rows, reused between frames
  int alignedStride_ = 0;
  struct AvFree {
    void operator()(uint8_t* p) const { av_free(p); }
  };
  std::unique_ptr<uint8_t, AvFree> alignedOwner_;
};

}  // namespace stts::video

namespace stts {

struct VideoSource::Impl {
  OpenOptions options;
  VideoInfo info;
  FrameIndex index;
  video::IndexExtra extra;
  Stats stats;

  // Heap-stable: FFmpeg keeps a pointer to it in the interrupt callback.
  video::Deadline deadline;
  // Set by VideoSource::openMemory (memory_source.cpp): the bytes FFmpeg reads instead of a file.
  // Declared before `fmt`, so the readers it owns outlive every format context reading them.
  std::shared_ptr<video::MemoryInput> memory;
  video::FormatPtr fmt;
  video::CodecPtr dec;
  video::PacketPtr packet;
  video::FramePtr frame;
  video::RgbConverter converter;

  // Decoder position, in presentation-order frame numbers.
  int64_t lastOutput = -1;   // frame number of the last frame the decoder returned
  bool needsSeek = false;    // decoder drained or in an unknown state: seek before decoding
  bool demuxEof = false;     // the demuxer returned EOF and the decoder got a flush packet
  bool decoderDone = false;  // the decoder reported EOF after draining
  bool packetHeld = false;
  bool unverifiedSeek = false;  // no frame decoded since the last seek: it may have landed late
  int64_t soughtKey = -1;       // keyframe the last seek aimed at (-1: the start)   // `packet` was
                                // refused with EAGAIN and must be sent again
  video::FramePtr pending;      // a decoded frame read ahead of the request that wanted it
  int64_t pendingNumber = -1;

  // Work of the current pass (one sample() or frame() call), against options.maxDecodedPixels.
  int64_t passPixels = 0;
  int64_t passFrames = 0;
  const CancelToken* cancel = nullptr;  // the current decodeTo's, also checked between packets
  std::deque<int64_t> inFlight;         // PTS (else DTS) of the packets sent, not yet answered

  // LRU cache of display frames for scrubbing: most recent at the front.
  std::list<std::pair<int64_t, RgbImagePtr>> cacheList;
  std::unordered_map<int64_t, std::list<std::pair<int64_t, RgbImagePtr>>::iterator> cacheMap;
  int64_t cacheBytes = 0;  // pixels held by cacheList

  // open.cpp
  Expected<void> openFile(const std::string& path);
  // Opens the same file again, positioned at its first packet (when seeking cannot get there).
  Expected<void> reopenDemuxer();
  // frame_index.cpp
  Expected<void> buildIndex();
  // decode.cpp
  // Decodes the frame with this number (seeking only when cheaper than decoding forward).
  // On success returns the frame actually delivered and its number: the target, or the nearest
  // decodable frame when the target itself cannot be decoded.
  Expected<int64_t> decodeTo(int64_t target, const CancelToken* cancel);
  Expected<void> seekToStart();
  Expected<RgbImagePtr> decodeImage(int64_t target, const CancelToken* cancel, int64_t* delivered);

  Error timeoutOr(ErrorCode code, const std::string& message) const;
  // Every decoded picture against the per-frame cap, and the pass's decoded pixels against its
  // budget (decode.cpp); `number` is the frame's index, for the time in the message.
  Expected<void> checkDecodedFrame(int width, int height, int64_t number);
  bool pictureFits(int64_t w, int64_t h) const;
  Error pictureTooLarge(int64_t w, int64_t h, int64_t number) const;
  // After a decoding error: the picture the decoder refused for its size, if that was the cause;
  // `ts` is the failing packet's timestamp, for the frame time in the message.
  std::optional<Error> refusedPicture(int64_t ts);
  // "frame at 4.00 s" (seconds since stream start) for messages.
  std::string frameAtText(int64_t number) const;
  // video_source.cpp: a sample() pass's kept RGB bytes and predicted decoding, before decoding.
  Expected<void> checkPassBounds(const std::vector<SamplePoint>& points) const;
  std::optional<RgbImagePtr> cacheGet(int64_t number);
  void cachePut(int64_t number, const RgbImagePtr& image);

 private:
  Expected<void> seekToKeyframe(int64_t key);
  Expected<void> seekForRetry(int64_t* seekKey, int attempt);
  Expected<void> restartFromBeginning();
  void resetDecoder();
  // Next decoded frame in presentation order; false at end of stream.
  Expected<bool> nextFrame(AVFrame* out, int64_t* number);
  int64_t frameNumberOf(const AVFrame* f) const;
};

}  // namespace stts
