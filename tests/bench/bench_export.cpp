// Benchmark: export rendering on the CPU (ui/export) for a run of 384 sampled frames at 1080p:
// one frame at source resolution (composite, then PNG), and the contact sheet of all frames
// (composite of each thumbnail, labels, PNG). Synthetic frames, no decoding: only the export's
// own cost. Shows whether the window needs its worker thread (it uses one either way).
//
// usage: bench_export [FRAMES] [WIDTH] [HEIGHT]
#include <QBuffer>
#include <QGuiApplication>
#include <QImageWriter>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "export/export_render.h"

namespace {

double msSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

double pngMs(const QImage& image, qint64* bytes) {
  const auto t0 = std::chrono::steady_clock::now();
  QBuffer buffer;
  buffer.open(QIODevice::WriteOnly);
  QImageWriter(&buffer, "png").write(image);
  *bytes = buffer.size();
  return msSince(t0);
}

}  // namespace

int main(int argc, char** argv) {
  const int frames = argc > 1 ? std::atoi(argv[1]) : 384;
  const int width = argc > 2 ? std::atoi(argv[2]) : 1920;
  const int height = argc > 3 ? std::atoi(argv[3]) : 1080;
  static int qtArgc = 3;
  static char name[] = "bench_export";
  static char flag[] = "-platform";
  static char platform[] = "offscreen";
  static char* qtArgv[] = {name, flag, platform, nullptr};
  QGuiApplication app(qtArgc, qtArgv);

  auto video = std::make_shared<stts::ui::LoadedVideo>();
  video->info.displayWidth = width;
  video->info.displayHeight = height;
  auto run = std::make_shared<stts::RunResult>();
  run->request.method = "stts";
  run->frames = frames;
  // Eight distinct pictures shared round-robin: 384 distinct 1080p frames would need 2.4 GB
  // here, and compositing costs the same either way.
  std::vector<stts::RgbImagePtr> pictures;
  for (int p = 0; p < 8; ++p) {
    auto image = std::make_shared<stts::RgbImage>();
    image->width = width;
    image->height = height;
    image->pixels.resize(size_t(width) * height * 3);
    for (size_t i = 0; i < image->pixels.size(); ++i) image->pixels[i] = uint8_t((i * 7 + p) & 255);
    pictures.push_back(std::move(image));
  }
  std::vector<stts::SampledFrame> sampled;
  for (int f = 0; f < frames; ++f) {
    stts::SampledFrame frame;
    frame.image = pictures[size_t(f) % pictures.size()];
    frame.point.requestedTime = f * 0.5;
    frame.point.frameNumber = f;
    video->points.push_back(frame.point);
    sampled.push_back(std::move(frame));
    int kept = 0;
    for (int c = 0; c < stts::kCellsPerFrame; ++c) {
      run->scores.push_back(float((c * 37 + f) % 101));
      run->keep.push_back(uint8_t((c + f) % 2));
      kept += (c + f) % 2;
    }
    run->keptPerFrame.push_back(kept);
    run->frameTime.push_back(f * 0.5);
  }
  // The pictures are shared, so the store may hold them as the full-resolution frames whatever
  // the budget says about 384 distinct ones.
  stts::ui::FrameMemoryLimits limits;
  limits.budgetBytes = int64_t(1) << 40;
  video->store = std::make_shared<stts::ui::FrameStore>(std::move(sampled), limits);
  stts::ui::LoadedRun loaded;
  loaded.run = run;
  loaded.video = video;
  const stts::ui::ExportScene scene = stts::ui::sceneForRun(loaded, {});

  auto t0 = std::chrono::steady_clock::now();
  auto frame = stts::ui::renderFrame(scene, frames / 2, {});
  const double frameMs = msSince(t0);
  qint64 frameBytes = 0;
  const double framePng = frame ? pngMs(*frame, &frameBytes) : 0.0;

  t0 = std::chrono::steady_clock::now();
  auto sheet = stts::ui::renderContactSheet(scene, {});
  const double sheetMs = msSince(t0);
  qint64 sheetBytes = 0;
  const double sheetPng = sheet ? pngMs(*sheet, &sheetBytes) : 0.0;
  if (!frame || !sheet) {
    std::fprintf(stderr, "bench_export: rendering failed\n");
    return 1;
  }
  std::printf("frame %dx%d: composite %.1f ms, PNG %.1f ms (%lld bytes)\n", frame->width(),
              frame->height(), frameMs, framePng, static_cast<long long>(frameBytes));
  std::printf("contact sheet of %d frames, %dx%d: render %.1f ms, PNG %.1f ms (%lld bytes)\n",
              frames, sheet->width(), sheet->height(), sheetMs, sheetPng,
              static_cast<long long>(sheetBytes));
  return 0;
}
