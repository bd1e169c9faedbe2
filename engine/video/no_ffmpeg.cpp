// VideoSource in a build without FFmpeg (STTS_WITH_FFMPEG=OFF): the model-only build for machines
// that have LibTorch but no FFmpeg. Every open fails with a sentence saying what to do instead,
// so callers need no build switches of their own; the pure sampling functions (sampling.cpp) are
// still built.
#include "stts/video.h"

namespace stts {

// Never constructed: open() is the only way to make a VideoSource, and it always fails here.
struct VideoSource::Impl {
  VideoInfo info;
  FrameIndex index;
};

bool videoDecodingAvailable() {
  return false;
}

Expected<VideoSource> VideoSource::open(const std::string& path, const OpenOptions&) {
  return makeError(ErrorCode::Unsupported,
                   "this build has no FFmpeg, so it cannot decode " + path +
                       "; sample the video into a frames file (stts sample VIDEO --frames-out "
                       "F.safetensors) on a machine with FFmpeg");
}

VideoSource::VideoSource(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
VideoSource::VideoSource(VideoSource&&) noexcept = default;
VideoSource& VideoSource::operator=(VideoSource&&) noexcept = default;
VideoSource::~VideoSource() = default;

const VideoInfo& VideoSource::info() const {
  return impl_->info;
}
const FrameIndex& VideoSource::index() const {
  return impl_->index;
}
VideoSource::Stats VideoSource::stats() const {
  return {};
}
std::vector<SamplePoint> VideoSource::plan(const SamplingSpec&) const {
  return {};
}

Expected<std::vector<SampledFrame>> VideoSource::sample(const SamplingSpec&, const CancelToken*) {
  return makeError(ErrorCode::Unsupported, "this build has no FFmpeg");
}
Expected<RgbImagePtr> VideoSource::frameAt(double) {
  return makeError(ErrorCode::Unsupported, "this build has no FFmpeg");
}
Expected<RgbImagePtr> VideoSource::frame(int64_t) {
  return makeError(ErrorCode::Unsupported, "this build has no FFmpeg");
}

}  // namespace stts
