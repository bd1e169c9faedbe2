// Benchmark: Molmo2 sampling of 64 frames from a 1-minute and a 10-minute 1080p H.264 clip
// (GOP 250). Shows whether sampling cost depends on video length for a fixed frame count.
// Media are generated once with the ffmpeg tool and cached in the build tree.
//
// usage: bench_video_sampling [MEDIA_DIR] [REPORT_JSON] [REPETITIONS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "stts/video.h"

namespace fs = std::filesystem;

namespace {

struct Result {
  std::string name;
  double seconds = 0;   // video duration
  int64_t frames = 0;   // frames in the video
  double openMs = 0;    // median open (probe + PTS index)
  double sampleMs = 0;  // median sample(64)
  int64_t decoded = 0;  // frames decoded by one sample() call
  int64_t seeks = 0;
  double decodedPerSecond = 0;
};

double msSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

bool run(const std::string& cmd) {
  std::printf("  $ %s\n", cmd.c_str());
  std::fflush(stdout);
  return std::system(cmd.c_str()) == 0;
}

// The longer clips are the 1-minute clip concatenated by stream copy: same GOP structure,
// generated in seconds instead of minutes.
bool concatClip(const std::string& ff, const fs::path& dir, const fs::path& shortClip, int times,
                const fs::path& out) {
  if (fs::exists(out)) return true;
  const fs::path list = dir / "bench_concat.txt", tmp = dir / "bench_concat.tmp.mp4";
  {
    std::ofstream f(list);
    for (int i = 0; i < times; ++i) f << "file '" << shortClip.string() << "'\n";
  }
  if (!run(ff + "-f concat -safe 0 -i \"" + list.string() + "\" -c copy \"" + tmp.string() + "\""))
    return false;
  fs::rename(tmp, out);
  return true;
}

bool makeMedia(const fs::path& dir) {
  fs::create_directories(dir);
  const fs::path shortClip = dir / "bench_1min.mp4";
  const std::string ff = std::string(STTS_FFMPEG) + " -nostdin -hide_banner -v error -y ";
  if (!fs::exists(shortClip)) {
    const fs::path tmp = dir / "bench_1min.tmp.mp4";
    if (!run(ff +
             "-f lavfi -i testsrc2=s=1920x1080:r=25:d=60 -c:v libx264 -preset ultrafast "
             "-g 250 -keyint_min 250 -sc_threshold 0 -pix_fmt yuv420p \"" +
             tmp.string() + "\""))
      return false;
    fs::rename(tmp, shortClip);
  }
  return concatClip(ff, dir, shortClip, 5, dir / "bench_5min.mp4") &&
         concatClip(ff, dir, shortClip, 10, dir / "bench_10min.mp4");
  return true;
}

bool measure(const std::string& name, const fs::path& file, int reps, Result* out) {
  std::vector<double> openMs, sampleMs;
  out->name = name;
  for (int r = 0; r < reps; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    auto src = stts::VideoSource::open(file.string());
    openMs.push_back(msSince(t0));
    if (!src) {
      std::fprintf(stderr, "open failed: %s\n", src.error().message.c_str());
      return false;
    }
    t0 = std::chrono::steady_clock::now();
    auto frames = src->sample(stts::SamplingSpec{64, 2.0});
    sampleMs.push_back(msSince(t0));
    if (!frames) {
      std::fprintf(stderr, "sample failed: %s\n", frames.error().message.c_str());
      return false;
    }
    out->seconds = src->info().duration;
    out->frames = src->info().frameCount;
    out->decoded = src->stats().framesDecoded;
    out->seeks = src->stats().seeks;
  }
  out->openMs = median(openMs);
  out->sampleMs = median(sampleMs);
  out->decodedPerSecond = out->sampleMs > 0 ? out->decoded / (out->sampleMs / 1000.0) : 0;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path dir = argc > 1 && *argv[1] ? fs::path(argv[1]) : fs::path(STTS_BENCH_MEDIA_DIR);
  const fs::path report =
      argc > 2 && *argv[2] ? fs::path(argv[2]) : dir / "bench_video_sampling.json";
  const int reps = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;
  std::printf("bench_video_sampling: media in %s\n", dir.string().c_str());
  if (!makeMedia(dir)) {
    std::fprintf(stderr, "could not generate benchmark media with %s\n", STTS_FFMPEG);
    return 1;
  }
  Result shortR, midR, longR;
  if (!measure("1 min", dir / "bench_1min.mp4", reps, &shortR) ||
      !measure("5 min", dir / "bench_5min.mp4", reps, &midR) ||
      !measure("10 min", dir / "bench_10min.mp4", reps, &longR))
    return 1;
  const double ratio = shortR.sampleMs > 0 ? longR.sampleMs / shortR.sampleMs : 0;
  // Once samples are further apart than keyframes, each costs at most one GOP of decoding, so
  // 5 -> 10 minutes shows the length dependence; 1 minute is cheaper because its 64 samples
  // are closer together than the GOP and share decoding.
  const double ratioMid = midR.sampleMs > 0 ? longR.sampleMs / midR.sampleMs : 0;

  std::printf("\n64 frames, max 2 fps, 1920x1080 H.264 GOP 250, median of %d runs\n", reps);
  std::printf("%-8s %9s %8s %10s %11s %9s %6s %12s\n", "clip", "duration", "frames", "open ms",
              "sample ms", "decoded", "seeks", "decoded fps");
  for (const Result* r : {&shortR, &midR, &longR})
    std::printf("%-8s %8.1fs %8lld %10.1f %11.1f %9lld %6lld %12.1f\n", r->name.c_str(), r->seconds,
                static_cast<long long>(r->frames), r->openMs, r->sampleMs,
                static_cast<long long>(r->decoded), static_cast<long long>(r->seeks),
                r->decodedPerSecond);
  std::printf("ratio 10 min / 1 min sample time: %.2f (goal < 1.5)\n", ratio);
  std::printf("ratio 10 min / 5 min sample time: %.2f\n", ratioMid);

  std::ofstream json(report);
  json << "{\n  \"benchmark\": \"video_sampling\",\n  \"frames_requested\": 64,\n"
       << "  \"repetitions\": " << reps << ",\n  \"clips\": [\n";
  for (const Result* r : {&shortR, &midR, &longR})
    json << "    {\"name\": \"" << r->name << "\", \"duration_s\": " << r->seconds
         << ", \"frames\": " << r->frames << ", \"open_ms\": " << r->openMs
         << ", \"sample_ms\": " << r->sampleMs << ", \"frames_decoded\": " << r->decoded
         << ", \"seeks\": " << r->seeks << ", \"decoded_fps\": " << r->decodedPerSecond << "}"
         << (r == &longR ? "\n" : ",\n");
  json << "  ],\n  \"ratio_long_short\": " << ratio << ",\n  \"ratio_10min_5min\": " << ratioMid
       << "\n}\n";
  std::printf("report: %s\n", report.string().c_str());
  return 0;
}
