// stts probe / stts sample: what the video engine sees in a file, as JSON on stdout; sample can
// also save the sampled frames for a build without FFmpeg (--frames-out).
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "command.h"
#include "stts/frames_file.h"
#include "stts/regular_file.h"
#include "stts/video.h"

namespace stts::cli {
namespace {

using nlohmann::ordered_json;

std::string rationalText(const Rational& r) {
  return std::to_string(r.num) + "/" + std::to_string(r.den);
}

ordered_json infoJson(const VideoInfo& info) {
  ordered_json j;
  j["path"] = info.path;
  j["container"] = info.container;
  j["codec"] = info.codec;
  j["stream_index"] = info.streamIndex;
  j["coded_width"] = info.codedWidth;
  j["coded_height"] = info.codedHeight;
  j["sample_aspect_ratio"] = rationalText(info.sampleAspectRatio);
  j["rotation"] = info.rotation;
  j["display_width"] = info.displayWidth;
  j["display_height"] = info.displayHeight;
  j["time_base"] = rationalText(info.timeBase);
  j["start_pts"] = info.startPts;
  j["start_time"] = info.startTime;
  j["duration"] = info.duration;
  j["frame_count"] = info.frameCount;
  j["average_fps"] = info.averageFps;
  j["variable_frame_rate"] = info.variableFrameRate;
  if (info.containerDuration >= 0)
    j["container_duration"] = info.containerDuration;
  else
    j["container_duration"] = nullptr;
  return j;
}

void printJson(const ordered_json& j) {
  const std::string text = j.dump(2);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fputc('\n', stdout);
}

int runProbe(const ParsedArguments& args) {
  if (!videoDecodingAvailable()) return reportFailure(noFfmpegMessage("probe"));
  auto source = VideoSource::open(args.positionals()[0]);
  if (!source) return reportFailure(source.error());
  ordered_json j = infoJson(source->info());
  if (args.has("pts")) {
    const FrameIndex& index = source->index();
    j["pts"] = index.pts;
    j["key_frames"] = ordered_json::array();
    for (size_t i = 0; i < index.isKey.size(); ++i)
      if (index.isKey[i]) j["key_frames"].push_back(i);
  }
  printJson(j);
  return kExitOk;
}

int runSample(const ParsedArguments& args) {
  SamplingSpec spec;
  if (auto text = args.value("max-frames")) {
    auto value = parseInteger(*text, 1, 100000);
    if (!value) return reportUsage("sample", "--max-frames must be an integer from 1 to 100000");
    spec.maxFrames = static_cast<int>(*value);
  }
  if (auto text = args.value("max-fps")) {
    auto value = parseReal(*text, 1e-6, 1000.0);
    if (!value) return reportUsage("sample", "--max-fps must be a number above 0 and at most 1000");
    spec.maxFps = *value;
  }
  const auto framesOut = args.value("frames-out");
  if (framesOut && args.has("plan-only"))
    return reportUsage("sample", "--frames-out needs the decoded frames; drop --plan-only");
  if (!videoDecodingAvailable()) return reportFailure(noFfmpegMessage("sample"));
  if (framesOut)
    if (auto ok = checkSaveTarget(*framesOut); !ok) return reportFailure(ok.error());
  auto source = VideoSource::open(args.positionals()[0]);
  if (!source) return reportFailure(source.error());

  ordered_json j;
  j["path"] = source->info().path;
  j["max_frames"] = spec.maxFrames;
  j["max_fps"] = spec.maxFps;
  j["duration"] = source->info().duration;
  j["frame_count"] = source->info().frameCount;

  std::vector<SamplePoint> points;
  if (args.has("plan-only")) {
    points = source->plan(spec);
  } else {
    const auto started = std::chrono::steady_clock::now();
    auto sampled = source->sample(spec);
    if (!sampled) return reportFailure(sampled.error());
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    for (const auto& frame : *sampled) points.push_back(frame.point);
    const auto stats = source->stats();
    j["decode"] = {{"milliseconds", ms},
                   {"frames_decoded", stats.framesDecoded},
                   {"seeks", stats.seeks},
                   {"width", sampled->empty() ? 0 : sampled->front().image->width},
                   {"height", sampled->empty() ? 0 : sampled->front().image->height}};
    if (framesOut) {
      FramesFile file;
      file.video = source->info();
      file.sampling = spec;
      file.frames = std::move(sampled).value();
      auto identity = fileIdentity(args.positionals()[0]);
      if (!identity) return reportFailure(identity.error());
      file.videoFile = std::move(identity).value();
      if (auto saved = saveFramesFile(*framesOut, file); !saved)
        return reportFailure(saved.error());
      j["frames_out"] = *framesOut;
    }
  }
  ordered_json frames = ordered_json::array();
  for (size_t k = 0; k < points.size(); ++k) {
    frames.push_back({{"index", k},
                      {"requested_time", points[k].requestedTime},
                      {"frame_number", points[k].frameNumber},
                      {"pts", points[k].pts},
                      {"frame_time", points[k].frameTime}});
  }
  j["frames"] = std::move(frames);
  printJson(j);
  return kExitOk;
}

}  // namespace

Command probeCommand() {
  return {{"probe",
           "Print what the video engine reads from VIDEO as JSON: codec, sizes after rotation "
           "and pixel aspect, duration and frame count from a PTS index. rotation is the display "
           "matrix's angle as ffprobe reports it, counter-clockwise, mod 360 (ffprobe's -90 is "
           "270); frames are shown turned counter-clockwise by it, as ffmpeg's autorotate does.",
           {"VIDEO"},
           {{"pts", "", "also print the PTS of every frame and the keyframe numbers"}}},
          runProbe};
}

Command sampleCommand() {
  return {{"sample",
           "Sample VIDEO the way Molmo2 does (uniform_last_frame) and print, per sampled frame, "
           "the requested time, the chosen frame's PTS and its raw frame number as JSON. With "
           "--frames-out, also save the decoded frames, their times and the video's identity to "
           "a file that stts score|run --frames-in reads where there is no FFmpeg.",
           {"VIDEO"},
           {{"max-frames", "N", "at most N frames (default 384)"},
            {"max-fps", "F", "at most F frames per second (default 2)"},
            {"plan-only", "", "only compute the plan; do not decode the frames"},
            {"frames-out", "FILE",
             "save the sampled RGB frames (video size, uint8 [T,H,W,3]) with their times, PTS, "
             "frame numbers and the video's identity (.safetensors; format in "
             "engine/runfile/FORMAT.md)"}}},
          runSample};
}

}  // namespace stts::cli
