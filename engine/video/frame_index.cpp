// The PTS index: one demux pass over packets (no decoding), sorted into presentation order.
// Container duration and nb_frames are never trusted; everything derives from packet timestamps.
#include <algorithm>
#include <cmath>
#include <iterator>

#include "video_impl.h"

extern "C" {
#include <libavutil/imgutils.h>
}

namespace stts {
namespace {

struct PacketFacts {
  int64_t pts = 0;
  bool hadPts = false;
  int64_t dts = AV_NOPTS_VALUE;
  int64_t duration = 0;
  bool key = false;
};

double medianOf(std::vector<double> v) {
  if (v.empty()) return 0;
  const size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + long(mid), v.end());
  return v[mid];
}

// Some demuxers (MPEG-PS, AVI) give only a DTS for some frames. With B-frames a DTS is not that
// frame's PTS, and using it would put two frames at one time. When the first packet shows the
// reorder delay (it has both), the presentation times are the decode times shifted by it, so
// the missing PTS are the shifted DTS values no known PTS claims, handed out in decode order.
// Returns false when that does not add up; the DTS then stays as the best guess.
bool inferPtsFromDts(std::vector<PacketFacts>& facts) {
  constexpr int64_t kNone = AV_NOPTS_VALUE;
  std::vector<int64_t> dts, known;
  size_t missing = 0;
  for (const auto& f : facts) {
    if (f.dts == kNone) return missing == 0;  // needs every DTS
    dts.push_back(f.dts);
    if (f.hadPts)
      known.push_back(f.pts);
    else
      ++missing;
  }
  if (missing == 0) return true;
  if (!facts.front().hadPts) return false;
  std::sort(dts.begin(), dts.end());
  std::sort(known.begin(), known.end());
  const int64_t delay = facts.front().pts - facts.front().dts;
  std::vector<int64_t> candidates(dts.size());
  for (size_t i = 0; i < dts.size(); ++i) candidates[i] = dts[i] + delay;
  if (!std::includes(candidates.begin(), candidates.end(), known.begin(), known.end()))
    return false;
  std::vector<int64_t> unclaimed;
  std::set_difference(candidates.begin(), candidates.end(), known.begin(), known.end(),
                      std::back_inserter(unclaimed));
  if (unclaimed.size() != missing) return false;
  size_t next = 0;
  for (auto& f : facts)
    if (!f.hadPts) f.pts = unclaimed[next++];
  return true;
}

// Packets with neither PTS nor DTS get synthetic ones, in decode order. The usual cause is a
// timestamp the demuxer could not represent (Matroska blocks before zero), so those seen before
// the packet with the smallest known PTS are placed before it, one frame apart, matching the
// order in which the decoder returns their (timestamp-less) frames. Later ones follow the
// previous packet. With no timestamps at all, frames are numbered 0, 1, 2, ...
void fillMissingTimestamps(std::vector<PacketFacts>& facts) {
  constexpr int64_t kNone = AV_NOPTS_VALUE;
  size_t minAt = facts.size();
  std::vector<int64_t> known;
  for (size_t i = 0; i < facts.size(); ++i) {
    if (facts[i].pts == kNone) continue;
    if (minAt == facts.size() || facts[i].pts < facts[minAt].pts) minAt = i;
    known.push_back(facts[i].pts);
  }
  // One frame apart: the median gap between known timestamps in presentation order.
  std::sort(known.begin(), known.end());
  std::vector<int64_t> steps;
  for (size_t i = 1; i < known.size(); ++i)
    if (known[i] > known[i - 1]) steps.push_back(known[i] - known[i - 1]);
  int64_t step = 1;
  if (!steps.empty()) {
    std::nth_element(steps.begin(), steps.begin() + long(steps.size() / 2), steps.end());
    step = std::max<int64_t>(1, steps[steps.size() / 2]);
  } else if (facts.front().duration > 0) {
    step = facts.front().duration;
  }
  if (minAt == facts.size()) {
    for (size_t i = 0; i < facts.size(); ++i) facts[i].pts = int64_t(i) * step;
    return;
  }
  size_t leading = 0;
  for (size_t i = 0; i < minAt; ++i) leading += facts[i].pts == kNone;
  int64_t next = facts[minAt].pts - int64_t(leading) * step;
  int64_t last = kNone;
  for (size_t i = 0; i < facts.size(); ++i) {
    if (facts[i].pts != kNone) {
      last = facts[i].pts;
    } else if (i < minAt) {
      facts[i].pts = next;
      next += step;
    } else {
      facts[i].pts = last = last + step;
    }
  }
}

// The picture size each packet announces, read by the codec's parser from the headers it carries
// (an H.264/HEVC SPS, an MPEG sequence header) without decoding anything. Codecs whose parser
// does not report sizes (VP9, MJPEG, ...) are left to the decoder's own cap and the check of
// every decoded frame (decode.cpp).
class AnnouncedSize {
 public:
  explicit AnnouncedSize(const AVCodecParameters* par) {
    parser_ = av_parser_init(par->codec_id);
    if (!parser_) return;
    parser_->flags |= PARSER_FLAG_COMPLETE_FRAMES;  // demuxed packets are whole frames
    ctx_.reset(avcodec_alloc_context3(nullptr));    // the parser writes into it; not the decoder's
    if (!ctx_ || avcodec_parameters_to_context(ctx_.get(), par) < 0) {
      av_parser_close(parser_);
      parser_ = nullptr;
    }
  }
  ~AnnouncedSize() {
    if (parser_) av_parser_close(parser_);
  }
  AnnouncedSize(const AnnouncedSize&) = delete;
  AnnouncedSize& operator=(const AnnouncedSize&) = delete;

  // False when the parser does not know the size (yet).
  bool parse(const AVPacket* pkt, int64_t* w, int64_t* h) {
    if (!parser_) return false;
    uint8_t* out = nullptr;
    int outSize = 0;
    av_parser_parse2(parser_, ctx_.get(), &out, &outSize, pkt->data, pkt->size, AV_NOPTS_VALUE,
                     AV_NOPTS_VALUE, 0);
    *w = parser_->width > 0 ? parser_->width : parser_->coded_width;
    *h = parser_->height > 0 ? parser_->height : parser_->coded_height;
    return *w > 0 && *h > 0;
  }

 private:
  AVCodecParserContext* parser_ = nullptr;
  video::CodecPtr ctx_;
};

}  // namespace

Expected<void> VideoSource::Impl::buildIndex() {
  const int si = info.streamIndex;
  const AVStream* st = fmt->streams[si];
  const double tb = av_q2d(st->time_base);
  std::vector<PacketFacts> facts;
  // A stream may change its picture size mid-file (a new SPS): every frame, not only the header,
  // must fit the pixel cap, and one that does not refuses the file before anything decodes it.
  AnnouncedSize announced(st->codecpar);
  int64_t smallestTs = INT64_MAX;

  for (int64_t n = 0;; ++n) {
    // The interrupt callback bounds blocking reads; this bounds fast reads of a huge file.
    if ((n & 255) == 0 && deadline.expired()) return timeoutOr(ErrorCode::Timeout, "");
    const int err = av_read_frame(fmt.get(), packet.get());
    if (err == AVERROR(EAGAIN)) continue;
    if (err < 0) {
      if (deadline.fired()) return timeoutOr(ErrorCode::Timeout, "");
      // EOF, or a read error in a damaged file: keep what was readable, as the decoder would.
      break;
    }
    if (packet->stream_index != si || packet->size <= 0 || (packet->flags & AV_PKT_FLAG_DISCARD)) {
      av_packet_unref(packet.get());
      continue;
    }
    if (int64_t(facts.size()) >= options.maxIndexedFrames) {
      av_packet_unref(packet.get());
      return makeError(ErrorCode::TooLarge,
                       "The video has more than " + std::to_string(options.maxIndexedFrames) +
                           " frames, the most this program indexes: " + info.path);
    }
    PacketFacts f;
    f.dts = packet->dts;
    f.duration = std::max<int64_t>(0, packet->duration);
    f.key = (packet->flags & AV_PKT_FLAG_KEY) != 0;
    f.hadPts = packet->pts != AV_NOPTS_VALUE;
    f.pts = f.hadPts ? packet->pts : packet->dts;
    facts.push_back(f);
    if (f.pts != AV_NOPTS_VALUE) smallestTs = std::min(smallestTs, f.pts);
    int64_t w = 0, h = 0;
    const bool sized = announced.parse(packet.get(), &w, &h);
    av_packet_unref(packet.get());
    if (sized && (w * h > options.maxPixels ||
                  av_image_check_size(unsigned(w), unsigned(h), 0, nullptr) < 0)) {
      // Seconds since the earliest timestamp read so far: the stream start, but for reordering.
      const double at = f.pts != AV_NOPTS_VALUE ? double(f.pts - smallestTs) * tb : -1.0;
      return makeError(ErrorCode::TooLarge,
                       (at >= 0 ? "The video's frame at " + video::secondsText(at)
                                : "The video's frame " + std::to_string(facts.size() - 1)) +
                           " claims a picture of " + video::sizeText(w, h) +
                           " pixels, more than the limit of " + std::to_string(options.maxPixels) +
                           " pixels (the stream header says " +
                           video::sizeText(info.codedWidth, info.codedHeight) + "): " + info.path);
    }
  }
  if (facts.empty())
    return makeError(ErrorCode::InvalidData, "No video frames could be read from " + info.path);
  extra.ptsReliable = inferPtsFromDts(facts);
  fillMissingTimestamps(facts);

  std::stable_sort(facts.begin(), facts.end(),
                   [](const PacketFacts& a, const PacketFacts& b) { return a.pts < b.pts; });
  const size_t n = facts.size();
  index.pts.resize(n);
  index.times.resize(n);
  index.ends.resize(n);
  index.isKey.resize(n);
  extra.keyBefore.resize(n);
  extra.dts.resize(n);
  extra.minTimestamp = facts.front().pts;
  const int64_t first = facts.front().pts;
  int64_t lastKey = -1;
  for (size_t i = 0; i < n; ++i) {
    index.pts[i] = facts[i].pts;
    index.times[i] = double(facts[i].pts - first) * tb;
    index.isKey[i] = facts[i].key ? 1 : 0;
    extra.dts[i] = facts[i].dts != AV_NOPTS_VALUE ? facts[i].dts : facts[i].pts;
    extra.minTimestamp = std::min({extra.minTimestamp, facts[i].pts, extra.dts[i]});
    if (facts[i].key) lastKey = int64_t(i);
    extra.keyBefore[i] = lastKey;
  }

  std::vector<double> deltas;
  deltas.reserve(n);
  int64_t minTicks = INT64_MAX, maxTicks = 0;
  for (size_t i = 0; i + 1 < n; ++i) {
    index.ends[i] = index.times[i + 1];
    const int64_t d = facts[i + 1].pts - facts[i].pts;
    minTicks = std::min(minTicks, d);
    maxTicks = std::max(maxTicks, d);
    if (d > 0) deltas.push_back(double(d) * tb);
  }
  double lastDuration = double(facts.back().duration) * tb;
  if (!(lastDuration > 0)) lastDuration = medianOf(deltas);
  if (!(lastDuration > 0) && st->avg_frame_rate.num > 0 && st->avg_frame_rate.den > 0)
    lastDuration = 1.0 / av_q2d(st->avg_frame_rate);
  if (!(lastDuration > 0)) lastDuration = 1.0 / 25;  // one frame, no timing at all
  index.ends[n - 1] = index.times[n - 1] + lastDuration;

  extra.seekByDts = avformat_index_get_entries_count(st) == 0;
  info.startPts = first;
  info.startTime = double(first) * tb;
  info.frameCount = int64_t(n);
  info.duration = index.ends[n - 1] - index.times[0];
  info.averageFps = info.duration > 0 ? double(n) / info.duration : 0.0;
  // One tick of slack absorbs timestamps rounded to a coarse time base (33/34 ms at 1/1000).
  info.variableFrameRate = n >= 3 && (maxTicks - minTicks) > std::max<int64_t>(1, maxTicks / 100);
  return {};
}

}  // namespace stts
