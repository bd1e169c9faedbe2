// The tensor half of the run file and the save/load entry points. Tensors are copied out of the
// read-only mapping (its spans are unaligned) with memcpy, so values reload bit for bit.
#include "stts/runfile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <set>

#include "runfile_internal.h"
#include "stts/checkpoint/safetensors.h"
#include "stts/regular_file.h"

namespace stts {
namespace {

using ckpt::DType;

static_assert(std::endian::native == std::endian::little,
              "safetensors data is little-endian; this code copies host values as they are");

constexpr const char* kExtraPrefix = "extra.";

template <typename T>
std::span<const std::byte> bytesOf(const std::vector<T>& v) {
  return std::as_bytes(std::span<const T>(v));
}

bool validExtraName(const std::string& name) {
  if (name.empty() || name.size() > 200) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// Extras carry no shape in RunResult; per-cell and per-frame data get their natural shape in the
// file (what a Python user expects), anything else stays flat. Loading flattens again.
std::vector<int64_t> extraShape(std::size_t n, int frames) {
  const auto t = static_cast<std::size_t>(frames);
  if (n == t * kCellsPerFrame) return {frames, kCellsPerFrame};
  if (n == t) return {frames};
  return {static_cast<int64_t>(n)};
}

std::string sizeMismatch(const char* what, std::size_t got, std::size_t want) {
  return std::string(what) + " has " + std::to_string(got) + " values, expected " +
         std::to_string(want);
}

// The caller has checked dtype and shape, so the byte count is a whole number of T.
template <typename T>
void copyTensor(const ckpt::TensorView& view, std::vector<T>* out) {
  out->resize(view.data.size() / sizeof(T));
  if (!view.data.empty()) std::memcpy(out->data(), view.data.data(), view.data.size());
}

}  // namespace

Expected<void> validateRunResult(const RunResult& r) {
  auto bad = [](const std::string& why) { return makeError(ErrorCode::InvalidData, why); };
  if (r.frames < 1) return bad("a run has at least one frame, found " + std::to_string(r.frames));
  const auto t = static_cast<std::size_t>(r.frames);
  const std::size_t cells = t * kCellsPerFrame;
  if (r.scores.size() != cells) return bad(sizeMismatch("scores", r.scores.size(), cells));
  if (r.keep.size() != cells) return bad(sizeMismatch("keep", r.keep.size(), cells));
  if (r.frameTime.size() != t) return bad(sizeMismatch("frame_time", r.frameTime.size(), t));
  if (r.framePts.size() != t) return bad(sizeMismatch("frame_pts", r.framePts.size(), t));
  if (r.frameNumber.size() != t) return bad(sizeMismatch("frame_number", r.frameNumber.size(), t));
  if (r.keptPerFrame.size() != t) {
    return bad(sizeMismatch("kept_per_frame", r.keptPerFrame.size(), t));
  }
  for (std::size_t f = 0; f < t; ++f) {
    int32_t kept = 0;
    for (std::size_t c = 0; c < kCellsPerFrame; ++c) {
      const uint8_t k = r.keep[f * kCellsPerFrame + c];
      if (k > 1) {
        return bad("keep[" + std::to_string(f) + ", " + std::to_string(c) + "] is " +
                   std::to_string(k) + ", but keep holds only 0 and 1");
      }
      kept += k;
    }
    if (r.keptPerFrame[f] != kept) {
      return bad("kept_per_frame[" + std::to_string(f) + "] is " +
                 std::to_string(r.keptPerFrame[f]) + ", but frame " + std::to_string(f) +
                 " keeps " + std::to_string(kept) + " cells in keep");
    }
  }
  if (r.inputWidth < 0 || r.inputHeight < 0 || r.inputWidth > 65536 || r.inputHeight > 65536) {
    return bad("the input frame size " + std::to_string(r.inputWidth) + "x" +
               std::to_string(r.inputHeight) + " is out of range");
  }
  if (!r.inputFrames.empty()) {
    const std::size_t want =
        t * static_cast<std::size_t>(r.inputWidth) * static_cast<std::size_t>(r.inputHeight) * 3;
    if (want == 0) return bad("frames are stored but the input frame size is 0");
    if (r.inputFrames.size() != want)
      return bad(sizeMismatch("frames", r.inputFrames.size(), want));
  }
  for (const auto& [name, values] : r.extras) {
    if (!validExtraName(name)) {
      return bad("extra \"" + name + "\" needs a name of letters, digits, '_', '-' and '.'");
    }
    if (values.empty()) return bad("extra \"" + name + "\" is empty");
  }
  if (r.visionTokensBefore < 0 || r.visionTokensAfter < 0) {
    return bad("vision token counts cannot be negative");
  }
  return {};
}

Expected<void> saveRunFile(const std::string& path, const RunResult& r) {
  if (path.empty()) return makeError(ErrorCode::InvalidArgument, "the run file path is empty");
  if (auto ok = validateRunResult(r); !ok) {
    return makeError(ErrorCode::InvalidArgument, "cannot save the run: " + ok.error().message);
  }
  auto meta = runfile::metadataJson(r);
  if (!meta) return meta.error();

  const int64_t t = r.frames;
  std::vector<ckpt::TensorToWrite> tensors = {
      {"scores", DType::F32, {t, kCellsPerFrame}, bytesOf(r.scores)},
      {"keep", DType::U8, {t, kCellsPerFrame}, bytesOf(r.keep)},
      {"frame_time", DType::F64, {t}, bytesOf(r.frameTime)},
      {"frame_pts", DType::I64, {t}, bytesOf(r.framePts)},
      {"frame_number", DType::I64, {t}, bytesOf(r.frameNumber)},
      {"kept_per_frame", DType::I32, {t}, bytesOf(r.keptPerFrame)},
  };
  if (!r.inputFrames.empty()) {
    tensors.push_back(
        {"frames", DType::U8, {t, r.inputHeight, r.inputWidth, 3}, bytesOf(r.inputFrames)});
  }
  if (!r.answerTokens.empty()) {
    tensors.push_back({"answer_tokens",
                       DType::I32,
                       {static_cast<int64_t>(r.answerTokens.size())},
                       bytesOf(r.answerTokens)});
  }
  for (const auto& [name, values] : r.extras) {
    tensors.push_back(
        {kExtraPrefix + name, DType::F32, extraShape(values.size(), r.frames), bytesOf(values)});
  }
  return ckpt::writeSafetensors(path, tensors, {{std::string(kRunFileMetadataKey), *meta}});
}

namespace {

// loadRunFile's checks on an image the safetensors reader has validated; `path` names it in
// every error.
Expected<RunResult> runFromSafetensors(const ckpt::SafetensorsFile* file, const std::string& path) {
  auto bad = [&](ErrorCode code, const std::string& why) {
    return makeError(code, path + ": " + why);
  };
  const auto& metadata = file->metadata();
  auto it = metadata.find(std::string(kRunFileMetadataKey));
  if (it == metadata.end()) {
    return bad(ErrorCode::InvalidData,
               "it is not an STTS run file (no \"stts\" entry in the safetensors metadata)");
  }
  RunResult r;
  if (auto ok = runfile::parseMetadataJson(it->second, &r); !ok) {
    return bad(ok.error().code, ok.error().message);
  }
  const int64_t t = r.frames;

  // Every tensor: expected dtype and shape; unknown names are refused (a newer format would
  // have a newer version number).
  std::set<std::string> seen;
  auto take = [&](const char* name, DType dtype, std::vector<int64_t> shape,
                  bool required) -> Expected<const ckpt::TensorView*> {
    const ckpt::TensorView* view = file->find(name);
    if (!view) {
      if (!required) return static_cast<const ckpt::TensorView*>(nullptr);
      return bad(ErrorCode::InvalidData, "the tensor \"" + std::string(name) + "\" is missing");
    }
    seen.insert(name);
    if (view->dtype != dtype) {
      return bad(ErrorCode::InvalidData, "the tensor \"" + std::string(name) + "\" is " +
                                             ckpt::dtypeName(view->dtype) + ", expected " +
                                             ckpt::dtypeName(dtype));
    }
    if (!view->shape.empty() && view->shape[0] != t && shape.size() > 0 && shape[0] == t) {
      return bad(ErrorCode::InvalidData, "the tensor \"" + std::string(name) + "\" has " +
                                             std::to_string(view->shape[0]) +
                                             " frames, but the run has " + std::to_string(t));
    }
    if (view->shape != shape) {
      return bad(ErrorCode::InvalidData, "the tensor \"" + std::string(name) + "\" has shape " +
                                             ckpt::formatShape(view->shape) + ", expected " +
                                             ckpt::formatShape(shape));
    }
    return view;
  };
  struct Required {
    const char* name;
    DType dtype;
    std::vector<int64_t> shape;
  };
  const Required required[] = {
      {"scores", DType::F32, {t, kCellsPerFrame}},
      {"keep", DType::U8, {t, kCellsPerFrame}},
      {"frame_time", DType::F64, {t}},
      {"frame_pts", DType::I64, {t}},
      {"frame_number", DType::I64, {t}},
      {"kept_per_frame", DType::I32, {t}},
  };
  const ckpt::TensorView* views[6] = {};
  for (int i = 0; i < 6; ++i) {
    auto v = take(required[i].name, required[i].dtype, required[i].shape, true);
    if (!v) return v.error();
    views[i] = *v;
  }
  copyTensor(*views[0], &r.scores);
  copyTensor(*views[1], &r.keep);
  copyTensor(*views[2], &r.frameTime);
  copyTensor(*views[3], &r.framePts);
  copyTensor(*views[4], &r.frameNumber);
  copyTensor(*views[5], &r.keptPerFrame);

  auto frames = take("frames", DType::U8, {t, r.inputHeight, r.inputWidth, 3}, false);
  if (!frames) return frames.error();
  if (*frames) copyTensor(**frames, &r.inputFrames);

  if (const ckpt::TensorView* tokens = file->find("answer_tokens")) {
    auto v =
        take("answer_tokens", DType::I32, {tokens->shape.empty() ? -1 : tokens->shape[0]}, false);
    if (!v) return v.error();
    copyTensor(**v, &r.answerTokens);
  }
  for (const ckpt::TensorView& view : file->tensors()) {
    if (seen.count(view.name)) continue;
    if (view.name.rfind(kExtraPrefix, 0) != 0) {
      return bad(ErrorCode::InvalidData, "it holds an unexpected tensor \"" + view.name + "\"");
    }
    if (view.dtype != DType::F32) {
      return bad(ErrorCode::InvalidData, "the tensor \"" + view.name + "\" is " +
                                             ckpt::dtypeName(view.dtype) + ", expected F32");
    }
    copyTensor(view, &r.extras[view.name.substr(std::strlen(kExtraPrefix))]);
  }
  if (auto ok = validateRunResult(r); !ok) return bad(ErrorCode::InvalidData, ok.error().message);
  return r;
}

}  // namespace

Expected<RunResult> loadRunFile(const std::string& path) {
  auto file = ckpt::SafetensorsFile::open(path);
  if (!file) return file.error();
  return runFromSafetensors(&*file, path);
}

Expected<RunResult> loadRunFileFromBytes(std::vector<std::byte> bytes, const std::string& label) {
  auto file = ckpt::SafetensorsFile::fromBytes(std::move(bytes), label);
  if (!file) return file.error();
  return runFromSafetensors(&*file, label);
}

Expected<FileIdentity> fileIdentity(const std::string& path) {
  auto opened = openRegularFile(path);  // a run's video_path may name a FIFO
  if (!opened) return opened.error();
  const int fd = *opened;
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return makeError(ErrorCode::Io, path + ": cannot read its status");
  }
  std::vector<std::byte> head(static_cast<std::size_t>(
      std::min<int64_t>(static_cast<int64_t>(st.st_size), kHeadHashBytes)));
  std::size_t done = 0;
  while (done < head.size()) {
    const ssize_t n = ::read(fd, head.data() + done, head.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // shrank while reading: hash what is there
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  head.resize(done);
  FileIdentity id;
  id.size = static_cast<int64_t>(st.st_size);
  id.mtime = static_cast<int64_t>(st.st_mtime);
  id.headHash = sha256Hex(std::span<const std::byte>(head));
  return id;
}

}  // namespace stts
