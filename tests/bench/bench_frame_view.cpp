// Benchmark of the frame view (prints numbers, asserts nothing; run under xvfb-run, Mesa llvmpipe
// is enough):
//   1. opening a 1080p video through the window (384 sampled frames): until the window shows it
//      (usable), and until the frame store has every drawing copy (filled in the background),
//   2. the memory the frames hold: the store's copies and thumbnails against its budget, and the
//      process's resident memory,
//   3. opening a 384-frame run over that video, the same two times,
//   4. scrubbing through all sampled frames with the overlay on (mask, score, hatch + grid):
//      frames per second, each frame counted once the view has swapped it to the screen,
//   5. opening a 384-frame run file with stored model-input frames (stts::saveRunFile from
//      synthetic data; its video is missing, so the stored frames are shown).
// The 1080p clip is made once with the ffmpeg tool (lavfi testsrc2, 2 fps, 200 s, mpeg4).
//
// usage: xvfb-run -a -s "-screen 0 1920x1200x24" bench_frame_view [MEDIA_DIR] [FRAMES]
#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <string>

#include "main/main_window.h"
#include "media/frame_navigator.h"
#include "stts/runfile.h"
#include "view/frame_view.h"
#include "view/overlay_state.h"

namespace fs = std::filesystem;
using namespace stts::ui;

namespace {

bool makeClip(const fs::path& clip) {
  if (fs::exists(clip)) return true;
  fs::create_directories(clip.parent_path());
  const fs::path tmp = clip.parent_path() / "bench_view_1080p.tmp.mp4";
  const std::string command = std::string(STTS_FFMPEG) +
                              " -nostdin -hide_banner -v error -y -f lavfi -i "
                              "testsrc2=s=1920x1080:r=2:d=200 -c:v mpeg4 -q:v 6 -g 12 "
                              "-pix_fmt yuv420p \"" +
                              tmp.string() + "\"";
  std::printf("  $ %s\n", command.c_str());
  std::fflush(stdout);
  if (std::system(command.c_str()) != 0) return false;
  fs::rename(tmp, clip);
  return true;
}

long residentKiB() {
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == "VmRSS:") {
      long kib = 0;
      status >> kib;
      return kib;
    }
    status.ignore(4096, '\n');
  }
  return -1;
}

// Bytes of pixels held by the window's frame store (copies and thumbnails shared by several
// samples count once).
size_t frameBytes(const LoadedVideo& video, size_t* distinct) {
  std::set<const stts::RgbImage*> seen;
  size_t bytes = 0;
  for (int i = 0; i < video.store->count(); ++i) {
    for (const stts::RgbImagePtr& image : {video.store->display(i), video.store->thumbnail(i)}) {
      if (!image || !seen.insert(image.get()).second) continue;
      bytes += image->pixels.capacity() + sizeof(stts::RgbImage);
    }
  }
  *distinct = seen.size();
  return bytes;
}

// Milliseconds from `since` until the shown video's store has every picture.
double waitForFill(MainWindow& window, const QElapsedTimer& since) {
  if (!QTest::qWaitFor([&] { return window.video()->store->isComplete(); }, 600000))
    std::fprintf(stderr, "the frames never all arrived\n");
  QCoreApplication::processEvents();
  return double(since.nsecsElapsed()) / 1e6;
}

stts::RunResult syntheticRun(const LoadedVideo& video, const QString& videoPath) {
  stts::RunResult run;
  run.request.videoPath = QFile::encodeName(videoPath).toStdString();
  run.request.method = "stts";
  run.request.sampling = video.sampling;
  run.video = video.info;
  run.video.path = run.request.videoPath;
  run.frames = int(video.points.size());
  uint32_t state = 12345;
  for (const stts::SamplePoint& point : video.points) {
    run.frameTime.push_back(point.requestedTime);
    run.framePts.push_back(point.pts);
    run.frameNumber.push_back(point.frameNumber);
    int kept = 0;
    for (int c = 0; c < stts::kCellsPerFrame; ++c) {
      state = state * 1664525u + 1013904223u;
      run.scores.push_back(float(state >> 8) / float(1u << 24));
      const bool keep = (state >> 28) < 8;
      run.keep.push_back(keep ? 1 : 0);
      kept += keep ? 1 : 0;
    }
    run.keptPerFrame.push_back(kept);
    run.visionTokensAfter += kept;
  }
  run.visionTokensBefore = int64_t(run.frames) * stts::kCellsPerFrame;
  return run;
}

// Starts something and waits for the window's signal; `timer` keeps running from the start.
template <typename Signal>
bool waitFor(MainWindow& window, Signal signal, const std::function<void()>& start, double* ms,
             QElapsedTimer* timer) {
  QSignalSpy spy(&window, signal);
  timer->start();
  start();
  const bool ok = QTest::qWaitFor([&] { return spy.count() > 0; }, 600000);
  *ms = double(timer->nsecsElapsed()) / 1e6;
  return ok;
}

// Shows every sampled frame once, waiting for each to reach the screen; frames per second.
double scrub(MainWindow& window, int frames) {
  FrameView* view = window.frameView();
  int swapped = 0;
  const auto connection =
      QObject::connect(view, &QOpenGLWidget::frameSwapped, view, [&swapped] { ++swapped; });
  QElapsedTimer timer;
  timer.start();
  for (int i = 0; i < frames; ++i) {
    const int before = swapped;
    window.navigator()->setCurrentIndex(i);
    view->update();
    if (!QTest::qWaitFor([&] { return swapped > before; }, 10000)) {
      std::fprintf(stderr, "frame %d never reached the screen\n", i);
      break;
    }
  }
  const double seconds = double(timer.nsecsElapsed()) / 1e9;
  QObject::disconnect(connection);
  return seconds > 0 ? frames / seconds : 0.0;
}

// Redraws the current frame `count` times (no texture upload): the shader and composition cost.
double redraw(FrameView* view, int count) {
  int swapped = 0;
  const auto connection =
      QObject::connect(view, &QOpenGLWidget::frameSwapped, view, [&swapped] { ++swapped; });
  QElapsedTimer timer;
  timer.start();
  for (int i = 0; i < count; ++i) {
    const int before = swapped;
    view->update();
    if (!QTest::qWaitFor([&] { return swapped > before; }, 10000)) break;
  }
  const double seconds = double(timer.nsecsElapsed()) / 1e9;
  QObject::disconnect(connection);
  return seconds > 0 ? count / seconds : 0.0;
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QTemporaryDir settings;  // never touch the user's settings
  QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings.path());
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());
  const fs::path dir = argc > 1 && *argv[1] ? fs::path(argv[1]) : fs::path(STTS_BENCH_MEDIA_DIR);
  const int maxFrames = argc > 2 ? std::max(1, std::atoi(argv[2])) : 384;
  const fs::path clip = dir / "bench_view_1080p.mp4";
  std::printf("bench_frame_view: media in %s\n", dir.string().c_str());
  if (!makeClip(clip)) {
    std::fprintf(stderr, "could not generate the benchmark clip with %s\n", STTS_FFMPEG);
    return 1;
  }
  const QString clipPath = QString::fromStdString(clip.string());
  const long rssStart = residentKiB();

  MainWindow window;
  window.resize(1600, 1000);
  // The docks are closed so that the view gets the window's room, as a user inspecting frames
  // would have it.
  for (QDockWidget* dock : window.findChildren<QDockWidget*>()) dock->hide();
  window.show();
  if (!QTest::qWaitForWindowExposed(&window)) return 1;
  // The loader samples at most 384 frames; fewer here only if asked.
  double openVideoMs = 0;
  QElapsedTimer sinceOpen;
  if (!waitFor(
          window, &MainWindow::videoLoaded, [&] { window.openVideo(clipPath); }, &openVideoMs,
          &sinceOpen)) {
    std::fprintf(stderr, "the clip did not open\n");
    return 1;
  }
  const long rssShown = residentKiB();
  const double fillVideoMs = waitForFill(window, sinceOpen);
  const LoadedVideo& video = *window.video();
  const FrameStore& store = *video.store;
  const int frames = std::min(maxFrames, int(video.points.size()));
  size_t distinct = 0;
  const size_t bytes = frameBytes(video, &distinct);
  const long rssVideo = residentKiB();
  const QSize source = store.sourceSize();
  std::printf(
      "\nvideo: %d x %d, %zu sampled frames; drawing copies %d x %d, thumbnails <= %d x %d\n",
      source.width(), source.height(), video.points.size(), store.copySize().width(),
      store.copySize().height(), store.limits().thumbnailLimit.width(),
      store.limits().thumbnailLimit.height());
  std::printf(
      "open through the window: usable (first frame on screen) after %.0f ms; every "
      "frame in after %.0f ms (%.1f ms per frame, on the store's thread)\n",
      openVideoMs, fillVideoMs, fillVideoMs / double(video.points.size()));
  std::printf(
      "frame memory: %zu bytes = %.1f MiB in %zu images (budget %.0f MiB; full "
      "resolution would be %.1f MiB)\n",
      bytes, double(bytes) / 1048576.0, distinct, double(store.limits().budgetBytes) / 1048576.0,
      double(video.points.size()) * source.width() * source.height() * 3 / 1048576.0);
  std::printf("process RSS: %.1f MiB before, %.1f MiB when shown, %.1f MiB with every frame in\n",
              rssStart / 1024.0, rssShown / 1024.0, rssVideo / 1024.0);

  // A run over this video (frames from the video), then scrub it with the overlay.
  QTemporaryDir scratch;
  const stts::RunResult overVideo = syntheticRun(video, QFileInfo(clipPath).absoluteFilePath());
  const QString overVideoPath = scratch.filePath(QStringLiteral("over_video.sttsrun"));
  if (!stts::saveRunFile(QFile::encodeName(overVideoPath).toStdString(), overVideo)) return 1;
  double openRunVideoMs = 0;
  if (!waitFor(
          window, &MainWindow::runLoaded, [&] { window.openRun(overVideoPath); }, &openRunVideoMs,
          &sinceOpen)) {
    std::fprintf(stderr, "the run over the video did not open\n");
    return 1;
  }
  const double fillRunMs = waitForFill(window, sinceOpen);
  std::printf(
      "open a %d-frame run over this video: usable after %.0f ms, every frame in after "
      "%.0f ms\n",
      overVideo.frames, openRunVideoMs, fillRunMs);
  std::printf("process RSS with the run shown: %.1f MiB\n", residentKiB() / 1024.0);

  OverlayState* overlay = window.overlay();
  FrameView* view = window.frameView();
  std::printf("\nscrubbing %d sampled 1080p frames, view %d x %d, frame on screen until swapped\n",
              frames, view->width(), view->height());
  struct Setting {
    const char* name;
    OverlayMode mode;
    MaskStyle mask;
    bool grid;
  };
  for (const Setting& s :
       {Setting{"overlay off", OverlayMode::Off, MaskStyle::Dim, false},
        Setting{"mask (dim)", OverlayMode::Mask, MaskStyle::Dim, false},
        Setting{"score", OverlayMode::Score, MaskStyle::Dim, false},
        Setting{"mask (hatch) + grid", OverlayMode::Mask, MaskStyle::Hatch, true}}) {
    overlay->setMode(s.mode);
    overlay->setMaskStyle(s.mask);
    overlay->setShowGrid(s.grid);
    view->fitToWindow();
    const double fit = scrub(window, frames);
    const double same = redraw(view, 100);
    view->zoomActualSize();
    const double actual = scrub(window, frames);
    std::printf("  %-22s %7.1f fps at fit, %7.1f fps at 100 %%; one frame redrawn: %7.1f fps\n",
                s.name, fit, actual, same);
  }
  view->fitToWindow();

  // A run file with its model-input frames stored, whose video is gone: the stored frames show.
  stts::RunResult stored =
      syntheticRun(video, scratch.filePath(QStringLiteral("gone/missing_1080p.mp4")));
  stored.inputWidth = 378;
  stored.inputHeight = 378;
  stored.inputFrames.resize(size_t(stored.frames) * 378 * 378 * 3);
  for (size_t i = 0; i < stored.inputFrames.size(); ++i) stored.inputFrames[i] = uint8_t(i * 7);
  const QString storedPath = scratch.filePath(QStringLiteral("stored.sttsrun"));
  QElapsedTimer saveTimer;
  saveTimer.start();
  if (!stts::saveRunFile(QFile::encodeName(storedPath).toStdString(), stored)) return 1;
  const double saveMs = double(saveTimer.nsecsElapsed()) / 1e6;
  double openStoredMs = 0;
  if (!waitFor(
          window, &MainWindow::runLoaded, [&] { window.openRun(storedPath); }, &openStoredMs,
          &sinceOpen)) {
    std::fprintf(stderr, "the stored-frames run did not open\n");
    return 1;
  }
  size_t storedDistinct = 0;
  const size_t storedBytes = frameBytes(*window.video(), &storedDistinct);
  std::printf("\nrun file with %d stored 378 x 378 frames: %.1f MiB on disk, saved in %.0f ms\n",
              stored.frames, double(QFileInfo(storedPath).size()) / 1048576.0, saveMs);
  std::printf("open it through the window (missing video -> stored frames): %.0f ms\n",
              openStoredMs);
  std::printf("its frame cache: %zu bytes = %.1f MiB (%zu frames)\n", storedBytes,
              double(storedBytes) / 1048576.0, storedDistinct);
  window.overlay()->setMode(OverlayMode::Score);
  std::printf("scrubbing its stored frames with scores: %.1f fps\n",
              scrub(window, window.run()->run->frames));
  std::printf(
      "\nframe memory scaling: the copies fit the budget whatever the resolution (copy bytes <= "
      "budget / distinct frames - thumbnail); 384 frames in 1 GiB are at most ~1270 x 715 each; "
      "stored inputs (0.43 MB each) are kept as they are\n");
  return 0;
}
