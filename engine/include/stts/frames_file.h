// Sampled video frames in a file (`stts sample VIDEO --frames-out F.safetensors`), so a build or
// machine without FFmpeg can run the model on a video (`stts score|run --frames-in F`): the RGB
// frames the video engine decoded, their sample points, the sampling asked for and the video's
// identity, exactly what a run made from the video itself records. One safetensors file; the
// format is in engine/runfile/FORMAT.md ("Frames files"). Needs neither FFmpeg nor LibTorch.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "stts/error.h"
#include "stts/runfile.h"
#include "stts/video.h"

namespace stts {

inline constexpr std::string_view kFramesFileFormat = "stts-frames";
inline constexpr int kFramesFileVersion = 1;

struct FramesFile {
  VideoInfo video;         // what the decoder read (video.path: the path given to stts sample)
  FileIdentity videoFile;  // size, mtime and head hash of the video file
  SamplingSpec sampling;   // the sampling that chose the frames
  // At least one; every image at the video's display size. Frames picked by several sample
  // times share one image after loading.
  std::vector<SampledFrame> frames;
};

// Checks the frames (count, sizes equal to video.displayWidth x displayHeight, finite times)
// and writes them atomically (temporary file, fsync, rename).
Expected<void> saveFramesFile(const std::string& path, const FramesFile& file);

// Reads and validates a frames file strictly: format and version, every tensor with its dtype and
// shape, no other tensor, the frame size equal to the recorded display size, finite times and
// complete metadata. Any problem is one sentence naming the file.
Expected<FramesFile> loadFramesFile(const std::string& path);

}  // namespace stts
