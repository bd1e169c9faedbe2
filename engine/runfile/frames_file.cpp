// The frames file (stts/frames_file.h; format in FORMAT.md, "Frames files"). It lives beside the
// run file because both describe the same video with the same "video" metadata object, and a run
// made from a frames file must record exactly what a run made from the video records.
#include "stts/frames_file.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "runfile_internal.h"
#include "stts/checkpoint/safetensors.h"
#include "stts/json_depth.h"

namespace stts {
namespace {

using ckpt::DType;
using nlohmann::json;
using nlohmann::ordered_json;

static_assert(std::endian::native == std::endian::little,
              "safetensors data is little-endian; this code copies host values as they are");

constexpr const char* kMetadataKey = "stts";
constexpr int64_t kMaxSide = 1 << 16;
constexpr int64_t kMaxPixels = 8192LL * 8192;  // the video engine's default picture cap
constexpr int64_t kMaxFrames = 1 << 20;

template <typename T>
std::span<const std::byte> bytesOf(const std::vector<T>& v) {
  return std::as_bytes(std::span<const T>(v));
}

// What both directions check about the frame geometry and the sampling; `why` is a sentence.
std::string checkShape(int64_t frames, int64_t width, int64_t height, const SamplingSpec& s) {
  if (frames < 1 || frames > kMaxFrames)
    return "it must hold 1 to " + std::to_string(kMaxFrames) + " frames, not " +
           std::to_string(frames);
  if (width < 1 || height < 1 || width > kMaxSide || height > kMaxSide ||
      width * height > kMaxPixels)
    return "its frame size " + std::to_string(width) + "x" + std::to_string(height) +
           " is out of range";
  if (s.maxFrames < 1) return "its sampling has max_frames below 1";
  if (!(std::isfinite(s.maxFps) && s.maxFps > 0)) return "its sampling max_fps is not above 0";
  // Molmo2's sampling never yields more frames than max_frames (video.h, molmo2SampleTimes).
  if (frames > s.maxFrames)
    return "it holds " + std::to_string(frames) + " frames, more than its sampling's max_frames " +
           std::to_string(s.maxFrames);
  return {};
}

std::string checkPoint(const SamplePoint& p, int64_t k, int64_t frameCount) {
  const std::string which = "frame " + std::to_string(k);
  if (!std::isfinite(p.requestedTime) || p.requestedTime < 0)
    return which + " has a requested time that is negative or not finite";
  if (!std::isfinite(p.frameTime)) return which + " has a frame time that is not finite";
  if (p.frameNumber < 0 || p.frameNumber >= frameCount)
    return which + " has frame number " + std::to_string(p.frameNumber) + ", outside the video's " +
           std::to_string(frameCount) + " frames";
  return {};
}

// A JSON integer in [min, max], else nullopt.
std::optional<int64_t> integerIn(const json& obj, const char* key, int64_t min, int64_t max) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_number_integer()) return std::nullopt;
  if (it->is_number_unsigned() && it->get<uint64_t>() > static_cast<uint64_t>(max))
    return std::nullopt;
  const auto v = it->get<int64_t>();
  if (v < min || v > max) return std::nullopt;
  return v;
}

}  // namespace

Expected<void> saveFramesFile(const std::string& path, const FramesFile& file) {
  auto refuse = [&](const std::string& why) {
    return makeError(ErrorCode::InvalidArgument, "cannot save the frames to " + path + ": " + why);
  };
  if (path.empty()) return makeError(ErrorCode::InvalidArgument, "the frames file path is empty");
  const int64_t t = static_cast<int64_t>(file.frames.size());
  const int64_t w = file.video.displayWidth, h = file.video.displayHeight;
  if (auto why = checkShape(t, w, h, file.sampling); !why.empty()) return refuse(why);

  const std::size_t frameBytes = static_cast<std::size_t>(w * h * 3);
  std::vector<uint8_t> pixels;
  pixels.reserve(frameBytes * static_cast<std::size_t>(t));
  std::vector<double> requested, frameTime;
  std::vector<int64_t> pts, frameNumber;
  for (int64_t k = 0; k < t; ++k) {
    const SampledFrame& f = file.frames[static_cast<std::size_t>(k)];
    if (auto why = checkPoint(f.point, k, file.video.frameCount); !why.empty()) return refuse(why);
    if (!f.image || f.image->width != w || f.image->height != h ||
        f.image->pixels.size() != frameBytes) {
      return refuse("frame " + std::to_string(k) + " is not a " + std::to_string(w) + "x" +
                    std::to_string(h) + " RGB image (the video's display size)");
    }
    pixels.insert(pixels.end(), f.image->pixels.begin(), f.image->pixels.end());
    requested.push_back(f.point.requestedTime);
    frameTime.push_back(f.point.frameTime);
    pts.push_back(f.point.pts);
    frameNumber.push_back(f.point.frameNumber);
  }

  std::string nonFinite;
  ordered_json meta;
  meta["format"] = std::string(kFramesFileFormat);
  meta["version"] = kFramesFileVersion;
  meta["frames"] = t;
  meta["width"] = w;
  meta["height"] = h;
  meta["sampling"] = {{"max_frames", file.sampling.maxFrames}, {"max_fps", file.sampling.maxFps}};
  meta["video"] = runfile::videoJson({file.video, file.videoFile}, &nonFinite);
  if (!nonFinite.empty()) return refuse(nonFinite + " is not a finite number");

  const std::vector<ckpt::TensorToWrite> tensors = {
      {"frames", DType::U8, {t, h, w, 3}, bytesOf(pixels)},
      {"requested_time", DType::F64, {t}, bytesOf(requested)},
      {"frame_time", DType::F64, {t}, bytesOf(frameTime)},
      {"pts", DType::I64, {t}, bytesOf(pts)},
      {"frame_number", DType::I64, {t}, bytesOf(frameNumber)},
  };
  return ckpt::writeSafetensors(path, tensors, {{kMetadataKey, meta.dump()}});
}

Expected<FramesFile> loadFramesFile(const std::string& path) {
  auto opened = ckpt::SafetensorsFile::open(path);
  if (!opened) return opened.error();
  const ckpt::SafetensorsFile& st = *opened;
  auto bad = [&](const std::string& why) {
    return makeError(ErrorCode::InvalidData, path + ": " + why);
  };
  const auto it = st.metadata().find(kMetadataKey);
  if (it == st.metadata().end() || st.metadata().size() != 1)
    return bad("it is not an STTS frames file (its metadata must hold exactly one \"stts\" entry)");
  if (const std::string nesting = describeJsonNesting(it->second); !nesting.empty())
    return bad("its \"stts\" metadata " + nesting);
  const json meta = json::parse(it->second, nullptr, false);
  if (meta.is_discarded() || !meta.is_object())
    return bad("its \"stts\" metadata is not a JSON object");
  if (!meta.contains("format") || !meta["format"].is_string() ||
      meta["format"].get<std::string>() != kFramesFileFormat)
    return bad(
        "it is not an STTS frames file (metadata format is not \"stts-frames\"; make one "
        "with stts sample VIDEO --frames-out FILE)");
  const auto version = integerIn(meta, "version", std::numeric_limits<int64_t>::min(),
                                 std::numeric_limits<int64_t>::max());
  if (!version) return bad("its metadata has no integer format version");
  if (*version != kFramesFileVersion)
    return bad("it has frames-file format version " + std::to_string(*version) +
               ", but this build reads only version " + std::to_string(kFramesFileVersion));

  const auto t = integerIn(meta, "frames", 1, kMaxFrames);
  const auto w = integerIn(meta, "width", 1, kMaxSide);
  const auto h = integerIn(meta, "height", 1, kMaxSide);
  if (!t || !w || !h)
    return bad("metadata fields frames, width and height must be positive integers in range");
  FramesFile out;
  const json& sampling = meta.contains("sampling") ? meta["sampling"] : json();
  const auto maxFrames =
      sampling.is_object() ? integerIn(sampling, "max_frames", 1, kMaxFrames) : std::nullopt;
  if (!maxFrames || !sampling.contains("max_fps") || !sampling["max_fps"].is_number())
    return bad("metadata field sampling must hold an integer max_frames and a number max_fps");
  out.sampling.maxFrames = static_cast<int>(*maxFrames);
  out.sampling.maxFps = sampling["max_fps"].get<double>();
  if (!meta.contains("video") || !meta["video"].is_object())
    return bad("metadata field video is missing");
  auto video = runfile::parseVideoJson(meta["video"]);
  if (!video) return bad(video.error().message);
  out.video = std::move(video->info);
  out.videoFile = std::move(video->file);
  if (auto why = checkShape(*t, *w, *h, out.sampling); !why.empty()) return bad(why);
  if (*w != out.video.displayWidth || *h != out.video.displayHeight)
    return bad("its frames are " + std::to_string(*w) + "x" + std::to_string(*h) +
               ", but the video's display size is " + std::to_string(out.video.displayWidth) + "x" +
               std::to_string(out.video.displayHeight));

  struct Expect {
    const char* name;
    DType dtype;
    std::vector<int64_t> shape;
  };
  const Expect expected[] = {{"frames", DType::U8, {*t, *h, *w, 3}},
                             {"requested_time", DType::F64, {*t}},
                             {"frame_time", DType::F64, {*t}},
                             {"pts", DType::I64, {*t}},
                             {"frame_number", DType::I64, {*t}}};
  std::map<std::string, const ckpt::TensorView*> views;
  for (const Expect& e : expected) {
    const ckpt::TensorView* v = st.find(e.name);
    if (!v) return bad("the tensor \"" + std::string(e.name) + "\" is missing");
    if (v->dtype != e.dtype)
      return bad("the tensor \"" + std::string(e.name) + "\" is " + ckpt::dtypeName(v->dtype) +
                 ", expected " + ckpt::dtypeName(e.dtype));
    if (v->shape != e.shape)
      return bad("the tensor \"" + std::string(e.name) + "\" has shape " +
                 ckpt::formatShape(v->shape) + ", expected " + ckpt::formatShape(e.shape));
    views[e.name] = v;
  }
  if (st.tensors().size() != views.size()) {
    for (const ckpt::TensorView& v : st.tensors())
      if (!views.count(v.name)) return bad("it holds an unexpected tensor \"" + v.name + "\"");
  }

  // The spans are unaligned: copy element by element with memcpy.
  auto at = [&](const char* name, int64_t k, auto* value) {
    std::memcpy(value, views[name]->data.data() + k * sizeof(*value), sizeof(*value));
  };
  const std::size_t frameBytes = static_cast<std::size_t>(*w * *h * 3);
  const std::byte* pixels = views["frames"]->data.data();
  std::map<int64_t, RgbImagePtr> byNumber;  // sampling decodes a frame once; keep that sharing
  for (int64_t k = 0; k < *t; ++k) {
    SampledFrame f;
    at("requested_time", k, &f.point.requestedTime);
    at("frame_time", k, &f.point.frameTime);
    at("pts", k, &f.point.pts);
    at("frame_number", k, &f.point.frameNumber);
    if (auto why = checkPoint(f.point, k, out.video.frameCount); !why.empty()) return bad(why);
    const std::byte* src = pixels + static_cast<std::size_t>(k) * frameBytes;
    auto shared = byNumber.find(f.point.frameNumber);
    if (shared != byNumber.end() &&
        std::memcmp(shared->second->pixels.data(), src, frameBytes) == 0) {
      f.image = shared->second;
    } else {
      auto image = std::make_shared<RgbImage>();
      image->width = static_cast<int>(*w);
      image->height = static_cast<int>(*h);
      image->pixels.resize(frameBytes);
      std::memcpy(image->pixels.data(), src, frameBytes);
      f.image = image;
      byNumber.emplace(f.point.frameNumber, f.image);
    }
    out.frames.push_back(std::move(f));
  }
  return out;
}

}  // namespace stts
