// Run files in the window (label ui): a RunResult built here, saved with stts::saveRunFile and
// opened like a user would. Checks what is on screen: the mask dims exactly the dropped cells,
// score colours follow the colour map, the GPU composite matches the CPU one, the keep-count strip
// draws, keys switch modes, broken runs open nothing, and a run without its video still shows.
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <cmath>

#include "actions/action_registry.h"
#include "common/message_bar.h"
#include "common/recent_files.h"
#include "gui_test_support.h"
#include "main/main_window.h"
#include "media/frame_navigator.h"
#include "stts/runfile.h"
#include "timeline/timeline.h"
#include "view/frame_view.h"
#include "view/overlay_legend.h"
#include "view/overlay_state.h"

using namespace stts::ui;
using namespace stts::ui::test;

namespace {

constexpr int kGrid = stts::kCellGrid;

// Frame 0 keeps everything (STTS's rule); later frames keep a checkerboard, so dropped and kept
// cells sit side by side. Scores rise with the cell index, from -0.5 to 1.5 in every frame.
bool keptCell(int frame, int cell) {
  return frame == 0 || ((cell / kGrid + cell % kGrid) % 2 == 0);
}
float cellScore(int cell) {
  return -0.5f + 2.0f * float(cell) / 80.0f;
}

stts::RunResult makeRun(const std::vector<stts::SamplePoint>& points, const stts::VideoInfo& info,
                        const QString& videoPath) {
  stts::RunResult run;
  run.request.videoPath = QFile::encodeName(videoPath).toStdString();
  run.request.method = "stts";
  run.video = info;
  run.video.path = run.request.videoPath;
  run.frames = int(points.size());
  for (int f = 0; f < run.frames; ++f) {
    run.frameTime.push_back(points[size_t(f)].requestedTime);
    run.framePts.push_back(points[size_t(f)].pts);
    run.frameNumber.push_back(points[size_t(f)].frameNumber);
    int kept = 0;
    for (int c = 0; c < stts::kCellsPerFrame; ++c) {
      run.scores.push_back(cellScore(c));
      run.keep.push_back(keptCell(f, c) ? 1 : 0);
      kept += keptCell(f, c) ? 1 : 0;
    }
    run.keptPerFrame.push_back(kept);
    run.visionTokensAfter += kept;
  }
  run.visionTokensBefore = int64_t(stts::kCellsPerFrame) * run.frames;
  return run;
}

// Model-input frames of one flat colour each, as the pipeline would store them.
void storeFlatFrames(stts::RunResult& run, QRgb colour) {
  run.inputWidth = 378;
  run.inputHeight = 378;
  run.inputFrames.clear();
  for (size_t i = 0; i < size_t(run.frames) * 378 * 378; ++i) {
    run.inputFrames.push_back(uint8_t(qRed(colour)));
    run.inputFrames.push_back(uint8_t(qGreen(colour)));
    run.inputFrames.push_back(uint8_t(qBlue(colour)));
  }
}

// The centre of cell (row, column) on screen and in an image of `size` showing the whole frame.
QPointF cellCentre(const QRectF& frame, int row, int column) {
  return {frame.left() + (column + 0.5) * frame.width() / kGrid,
          frame.top() + (row + 0.5) * frame.height() / kGrid};
}

struct Readback {
  QImage image;
  QRectF frame;
  QColor at(int row, int column) const {
    const QPointF p = cellCentre(frame, row, column) * image.devicePixelRatio();
    return image.pixelColor(int(p.x()), int(p.y()));
  }
};

Readback readBack(FrameView* view) {
  return {view->grabFramebuffer(), view->frameRect()};
}

int maxChannelDiff(QColor a, QColor b) {
  return std::max({std::abs(a.red() - b.red()), std::abs(a.green() - b.green()),
                   std::abs(a.blue() - b.blue())});
}

// The GPU composite on screen against the CPU composite of the same frame, at every cell centre.
int maxCellDiffGpuVsCpu(MainWindow& window) {
  FrameView* view = window.frameView();
  const Readback gpu = readBack(view);
  const OverlayCells cells = *view->overlayCells();
  const QImage cpu = compositeFrame(*view->frame(), &cells, view->overlayStyle());
  int worst = 0;
  for (int row = 0; row < kGrid; ++row) {
    for (int column = 0; column < kGrid; ++column) {
      const QPointF p = cellCentre(QRectF(QPointF(0, 0), QSizeF(cpu.size())), row, column);
      worst = std::max(worst,
                       maxChannelDiff(gpu.at(row, column), cpu.pixelColor(int(p.x()), int(p.y()))));
    }
  }
  return worst;
}

bool isMesa(FrameView* view) {
  view->makeCurrent();
  const auto* version =
      reinterpret_cast<const char*>(view->context()->functions()->glGetString(GL_VERSION));
  const bool mesa = version && QByteArray(version).contains("Mesa");
  view->doneCurrent();
  return mesa;
}

double brightness(QColor c) {
  return c.red() + c.green() + c.blue();
}

}  // namespace

class RunOverlayTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(settingsDir_.isValid());
    QVERIFY(scratch_.isValid());
    useTemporarySettings(settingsDir_);
  }

  void overlayOverTheVideo() {
    MainWindow window;
    window.resize(1000, 720);
    QVERIFY(showActive(window));
    const QString runPath = saveRunForColourClip(window, QStringLiteral("colours.sttsrun"));
    QVERIFY(!runPath.isEmpty());
    QVERIFY(openRunAndWait(window, runPath));
    QVERIFY(window.run());
    QVERIFY(!window.run()->usesStoredFrames);
    const int frames = window.run()->run->frames;
    QCOMPARE(int(window.video()->points.size()), frames);
    QVERIFY(window.windowTitle().contains(QStringLiteral("colours.sttsrun")));
    QVERIFY(window.findChild<QLabel*>(QStringLiteral("runInfoLabel"))
                ->text()
                .contains(QString::number(81 * frames)));

    // Frame 1 is red in the clip; (0, 0) is kept there and (0, 1) dropped.
    window.navigator()->setCurrentIndex(1);
    OverlayState* overlay = window.overlay();
    FrameView* view = window.frameView();
    overlay->setOpacity(0.7f);
    overlay->setMode(OverlayMode::Off);
    const Readback off = readBack(view);
    QVERIFY2(colourNear(off.at(0, 1), QColor(255, 0, 0)), qPrintable(describe(off.at(0, 1))));

    overlay->setMode(OverlayMode::Mask);
    const Readback mask = readBack(view);
    for (int row = 0; row < kGrid; ++row) {
      for (int column = 0; column < kGrid; ++column) {
        const QColor before = off.at(row, column);
        const QColor after = mask.at(row, column);
        const QString where = QStringLiteral("cell (%1, %2): %3 -> %4")
                                  .arg(row)
                                  .arg(column)
                                  .arg(describe(before), describe(after));
        if (keptCell(1, row * kGrid + column)) {
          QVERIFY2(maxChannelDiff(before, after) <= 3, qPrintable(where));
        } else {
          QVERIFY2(brightness(after) < 0.6 * brightness(before), qPrintable(where));
        }
      }
    }
    QVERIFY(!view->legend()->isVisible());
    QVERIFY2(maxCellDiffGpuVsCpu(window) <= 3, "mask: GPU and CPU composites differ");
    // The GLSL 120 variant of this test (CMakeLists.txt) must really have run the 120 shader.
    const QString expectedDialect = qEnvironmentVariable("STTS_TEST_EXPECT_GLSL_ON_MESA");
    if (!expectedDialect.isEmpty() && isMesa(view))
      QCOMPARE(view->shaderDialect(), expectedDialect);

    // Score mode at full opacity shows the colour map itself, normalised over the whole run.
    overlay->setMode(OverlayMode::Score);
    overlay->setOpacity(1.0f);
    QCOMPARE(overlay->scoreLow(), -0.5f);
    QCOMPARE(overlay->scoreHigh(), 1.5f);
    for (ColourMap map : {ColourMap::Viridis, ColourMap::Magma}) {
      overlay->setColourMap(map);
      const Readback score = readBack(view);
      for (int cell : {0, 1, 40, 44, 80}) {
        const uint8_t level = colourMapLevel(cellScore(cell), -0.5f, 1.5f);
        const QColor expected = QColor::fromRgb(colourTable(map)[level]);
        const QColor actual = score.at(cell / kGrid, cell % kGrid);
        QVERIFY2(maxChannelDiff(actual, expected) <= 2,
                 qPrintable(QStringLiteral("%1 cell %2: %3, expected %4")
                                .arg(colourMapKey(map))
                                .arg(cell)
                                .arg(describe(actual), describe(expected))));
      }
    }
    QVERIFY(view->legend()->isVisible());
    QCOMPARE(view->legend()->low(), -0.5);
    overlay->setColourMap(ColourMap::Viridis);
    overlay->setOpacity(0.6f);
    QVERIFY2(maxCellDiffGpuVsCpu(window) <= 3, "score: GPU and CPU composites differ");

    // The last frame (blue) follows the playhead.
    pressKey(window, Qt::Key_End);
    QCOMPARE(view->frame(), window.video()->store->display(frames - 1));
    QVERIFY(view->overlayCells() == overlay->cellsForFrame(frames - 1));
    QVERIFY2(maxCellDiffGpuVsCpu(window) <= 3, "last frame: GPU and CPU composites differ");
  }

  void keysSwitchModesAndOpacity() {
    MainWindow window;
    QVERIFY(showActive(window));
    OverlayState* overlay = window.overlay();
    overlay->setMode(OverlayMode::Off);
    pressKey(window, Qt::Key_O);
    QCOMPARE(overlay->mode(), OverlayMode::Mask);
    pressKey(window, Qt::Key_O);
    QCOMPARE(overlay->mode(), OverlayMode::Score);
    pressKey(window, Qt::Key_V);
    QCOMPARE(overlay->mode(), OverlayMode::Off);
    overlay->setOpacity(0.5f);
    pressKey(window, Qt::Key_BracketRight);
    QVERIFY(std::abs(overlay->opacity() - 0.6f) < 1e-4f);
    pressKey(window, Qt::Key_BracketLeft);
    pressKey(window, Qt::Key_BracketLeft);
    QVERIFY(std::abs(overlay->opacity() - 0.4f) < 1e-4f);

    // Per-frame normalisation is in the View menu, on N, and follows the Display dock.
    overlay->setNormalisation(ScoreNormalisation::PerRun);
    QAction* perFrame = window.actions()->action(ActionId::ScoresPerFrame);
    QVERIFY(window.menuBar()->actions().size() > 2);
    bool inViewMenu = false;
    for (QAction* menu : window.menuBar()->actions()) {
      if (menu->menu() && menu->menu()->actions().contains(perFrame)) inViewMenu = true;
    }
    QVERIFY(inViewMenu);
    pressKey(window, Qt::Key_N);
    QCOMPARE(overlay->normalisation(), ScoreNormalisation::PerFrame);
    QVERIFY(perFrame->isChecked());
    overlay->setNormalisation(ScoreNormalisation::PerRun);  // as the Display dock does
    QVERIFY(!perFrame->isChecked());
  }

  void keepStripDrawsOneBarPerFrame() {
    MainWindow window;
    window.resize(1000, 720);
    QVERIFY(showActive(window));
    const QString runPath = saveRunForColourClip(window, QStringLiteral("strip.sttsrun"));
    QVERIFY(openRunAndWait(window, runPath));
    Timeline* timeline = window.timeline();
    QVERIFY(timeline->hasKeepCounts());
    window.navigator()->setCurrentIndex(2);
    const QRect strip = timeline->keepStripRect();
    QVERIFY(!strip.isEmpty());
    const QImage image = timeline->grab().toImage();
    const qreal ratio = image.devicePixelRatio();
    auto pixel = [&](int x, int y) { return image.pixelColor(int(x * ratio), int(y * ratio)); };
    const QColor base = timeline->palette().color(QPalette::Base);
    // Frame 0 is forced-kept: a full-height amber bar.
    const int x0 = timeline->xForSample(0);
    QVERIFY2(colourNear(pixel(x0, strip.top() + 4), Timeline::forcedKeepColour(), 40),
             qPrintable(describe(pixel(x0, strip.top() + 4))));
    // Frame 1 keeps 41 / 81: a bar in its lower half, background above it.
    const int x1 = timeline->xForSample(1);
    QVERIFY2(!colourNear(pixel(x1, strip.bottom() - 2), base, 10),
             qPrintable(describe(pixel(x1, strip.bottom() - 2))));
    QVERIFY2(colourNear(pixel(x1, strip.top() + 5), base, 10),
             qPrintable(describe(pixel(x1, strip.top() + 5))));
    // Between two samples there is no bar.
    const int between = (x1 + timeline->xForSample(2)) / 2;
    QVERIFY2(colourNear(pixel(between, strip.bottom() - 2), base, 10),
             qPrintable(describe(pixel(between, strip.bottom() - 2))));

    // Opening a plain video afterwards drops the run and its strip.
    QVERIFY(openAndWait(window, colourClip()));
    QVERIFY(!window.run());
    QVERIFY(!timeline->hasKeepCounts());
    QVERIFY(!window.frameView()->overlayCells());
  }

  void brokenRunFileOpensNothing() {
    MainWindow window;
    QVERIFY(showActive(window));
    const QString good = saveRunForColourClip(window, QStringLiteral("good.sttsrun"));
    QVERIFY(!good.isEmpty());
    const auto videoBefore = window.video();
    QFile source(good);
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QByteArray bytes = source.readAll();
    const QString broken = scratch_.filePath(QStringLiteral("truncated.sttsrun"));
    QFile target(broken);
    QVERIFY(target.open(QIODevice::WriteOnly));
    target.write(bytes.left(bytes.size() / 2));
    target.close();

    QSignalSpy failed(&window, &MainWindow::runLoadFailed);
    QSignalSpy loaded(&window, &MainWindow::runLoaded);
    window.openRun(broken);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
    const QString sentence = failed.first().at(1).toString();
    QVERIFY(!sentence.isEmpty());
    QVERIFY(window.messageBar()->isVisible());
    QVERIFY2(window.messageBar()->text().contains(sentence),
             qPrintable(window.messageBar()->text()));
    QCOMPARE(loaded.count(), 0);
    QVERIFY(!window.run());
    QCOMPARE(window.video(), videoBefore);
    QVERIFY(!window.timeline()->hasKeepCounts());
  }

  void runWithoutItsVideoShowsStoredFrames() {
    MainWindow window;
    window.resize(1000, 720);
    QVERIFY(showActive(window));
    std::vector<stts::SamplePoint> points(3);
    for (int i = 0; i < 3; ++i) {
      points[size_t(i)].requestedTime = 0.5 * i;
      points[size_t(i)].frameNumber = 12 * i;
      points[size_t(i)].pts = 12 * i;
    }
    stts::VideoInfo info;
    info.displayWidth = 640;
    info.displayHeight = 240;  // 8:3, far from the stored frames' 1:1
    info.duration = 1.5;
    stts::RunResult run =
        makeRun(points, info, scratch_.filePath(QStringLiteral("gone/missing.mp4")));
    const QRgb stored = qRgb(200, 160, 90);
    storeFlatFrames(run, stored);
    const QString path = scratch_.filePath(QStringLiteral("stored.sttsrun"));
    QVERIFY(stts::saveRunFile(QFile::encodeName(path).toStdString(), run));

    QVERIFY(openRunAndWait(window, path));
    QVERIFY(window.run()->usesStoredFrames);
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("missing.mp4")));
    QCOMPARE(int(window.video()->points.size()), 3);
    FrameView* view = window.frameView();
    QCOMPARE(view->frame()->width, 378);
    const QRectF rect = view->frameRect();
    QVERIFY2(std::abs(rect.width() / rect.height() - 640.0 / 240.0) < 0.02,
             qPrintable(QStringLiteral("%1 x %2").arg(rect.width()).arg(rect.height())));

    window.navigator()->setCurrentIndex(1);
    window.overlay()->setOpacity(0.7f);
    window.overlay()->setMode(OverlayMode::Off);
    const Readback off = readBack(view);
    QVERIFY2(colourNear(off.at(4, 4), QColor::fromRgb(stored), 2),
             qPrintable(describe(off.at(4, 4))));
    window.overlay()->setMode(OverlayMode::Mask);
    const Readback mask = readBack(view);
    QVERIFY(maxChannelDiff(mask.at(0, 0), off.at(0, 0)) <= 2);            // kept
    QVERIFY(brightness(mask.at(0, 1)) < 0.6 * brightness(off.at(0, 1)));  // dropped
    QVERIFY(brightness(mask.at(8, 7)) < 0.6 * brightness(off.at(8, 7)));  // last row, dropped
    QVERIFY2(maxCellDiffGpuVsCpu(window) <= 3, "stored frames: GPU and CPU composites differ");
    window.overlay()->setMode(OverlayMode::Score);
    QVERIFY2(maxCellDiffGpuVsCpu(window) <= 3, "stored frames: GPU and CPU composites differ");

    // An artefact for eyes: the window as a user would see this run.
    QTest::qWait(100);
    window.grab().save(QStringLiteral(STTS_BINARY_DIR "/run_overlay_stored_frames.png"), "PNG");
  }

  // Run frames are matched to the video by requested time, also for times the loader's own
  // sampling plan does not contain (a seek then fetches the frame shown at that time).
  void runFramesAlignWithTheVideoByRequestedTime() {
    MainWindow window;
    window.resize(900, 640);
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, colourClip()));
    std::vector<stts::SamplePoint> points(3);
    for (int i = 0; i < 3; ++i) points[size_t(i)].requestedTime = 0.25 + 1.0 * i;
    stts::RunResult run =
        makeRun(points, window.video()->info, QFileInfo(colourClip()).absoluteFilePath());
    run.request.sampling = window.video()->sampling;
    const QString path = scratch_.filePath(QStringLiteral("offgrid.sttsrun"));
    QVERIFY(stts::saveRunFile(QFile::encodeName(path).toStdString(), run));
    QVERIFY(openRunAndWait(window, path));
    QVERIFY(!window.run()->usesStoredFrames);
    window.overlay()->setMode(OverlayMode::Off);
    const QColor expected[] = {QColor(255, 0, 0), QColor(0, 255, 0), QColor(0, 0, 255)};
    for (int i = 0; i < 3; ++i) {
      window.navigator()->setCurrentIndex(i);
      QCOMPARE(window.video()->points[size_t(i)].requestedTime, 0.25 + i);
      const QColor centre = readBack(window.frameView()).at(4, 4);
      QVERIFY2(colourNear(centre, expected[i]), qPrintable(describe(centre)));
    }
  }

  // A video whose content differs from the run's record is not trusted when the run has its own
  // frames; without them it is shown with a warning. No video and no frames: nothing opens.
  void changedOrMissingVideos() {
    MainWindow window;
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, colourClip()));
    std::vector<stts::SamplePoint> points;
    points = window.video()->points;
    stts::RunResult run =
        makeRun(points, window.video()->info, QFileInfo(colourClip()).absoluteFilePath());
    run.videoHeadHash = std::string(64, '0');  // not the clip's hash
    const QString withFrames = scratch_.filePath(QStringLiteral("changed_frames.sttsrun"));
    stts::RunResult stored = run;
    storeFlatFrames(stored, qRgb(30, 60, 90));
    QVERIFY(stts::saveRunFile(QFile::encodeName(withFrames).toStdString(), stored));
    QVERIFY(openRunAndWait(window, withFrames));
    QVERIFY(window.run()->usesStoredFrames);
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("changed")));

    const QString withoutFrames = scratch_.filePath(QStringLiteral("changed.sttsrun"));
    QVERIFY(stts::saveRunFile(QFile::encodeName(withoutFrames).toStdString(), run));
    QVERIFY(openRunAndWait(window, withoutFrames));
    QVERIFY(!window.run()->usesStoredFrames);
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("changed")));

    run.video.path = QFile::encodeName(scratch_.filePath(QStringLiteral("gone.mp4"))).toStdString();
    const QString nothing = scratch_.filePath(QStringLiteral("nothing.sttsrun"));
    QVERIFY(stts::saveRunFile(QFile::encodeName(nothing).toStdString(), run));
    const auto before = window.run();
    QSignalSpy failed(&window, &MainWindow::runLoadFailed);
    window.openRun(nothing);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
    QVERIFY(window.messageBar()->text().contains(QStringLiteral("gone.mp4")));
    QCOMPARE(window.run(), before);
  }

  void dropRecentAndCommandLineOpenRuns() {
    const QString path = scratch_.filePath(QStringLiteral("colours.sttsrun"));
    QVERIFY2(QFile::exists(path), "overlayOverTheVideo writes it");
    {
      MainWindow window;
      QVERIFY(showActive(window));
      QMimeData mime;
      mime.setUrls({QUrl::fromLocalFile(path)});
      const QPoint centre = window.rect().center();
      QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
      QApplication::sendEvent(&window, &enter);
      QVERIFY(enter.isAccepted());
      QSignalSpy loaded(&window, &MainWindow::runLoaded);
      QDropEvent drop(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
      QApplication::sendEvent(&window, &drop);
      QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
      QCOMPARE(window.recentFilesMenu()->files().value(0), QFileInfo(path).absoluteFilePath());
    }
    // The recent list reopens it as a run, and openPath (the command line's entry) picks runs by
    // their extension.
    MainWindow window;
    QSignalSpy loaded(&window, &MainWindow::runLoaded);
    window.recentFilesMenu()->actions().at(0)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
    window.openPath(path);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 30000);
    QVERIFY(window.run());
  }

  // Rotated (90 / 270) and non-square-pixel videos: the picture is shown at its display size and
  // orientation, and the mask's cell boundaries fall exactly where the picture's 9 x 9 grid is.
  void overlayLinesUpOnRotatedAndNonSquarePixelVideos() {
    struct Case {
      const char* file;
      QPointF marker;  // where the clip's yellow corner marker must be, as a picture fraction
    };
    // The marker corners are where FFmpeg's own autorotation puts them for these files (the
    // engine matches FFmpeg: tests/engine/video); the view must show the frames as delivered.
    const Case cases[] = {
        {"rot90.mp4", {0.05, 0.95}}, {"rot270.mp4", {0.95, 0.05}}, {"sar2.mp4", {-1, -1}}};
    for (const Case& c : cases) {
      const QString path = QStringLiteral(STTS_FIXTURE_DIR "/") + QLatin1String(c.file);
      if (!QFile::exists(path)) QSKIP("video fixtures missing (target stts_fixtures)");
      MainWindow window;
      window.resize(1000, 720);
      QVERIFY(showActive(window));
      QVERIFY(openAndWait(window, path));
      const LoadedVideo& video = *window.video();
      std::vector<stts::SamplePoint> points;
      points = video.points;
      QVERIFY(points.size() >= 2);
      stts::RunResult run = makeRun(points, video.info, QFileInfo(path).absoluteFilePath());
      run.request.sampling = video.sampling;
      const QString runPath = scratch_.filePath(QLatin1String(c.file) + QStringLiteral(".sttsrun"));
      QVERIFY(stts::saveRunFile(QFile::encodeName(runPath).toStdString(), run));
      QVERIFY(openRunAndWait(window, runPath));
      QVERIFY(!window.run()->usesStoredFrames);
      window.navigator()->setCurrentIndex(1);  // a checkerboard frame

      FrameView* view = window.frameView();
      const stts::VideoInfo& info = window.video()->info;
      const QRectF rect = view->frameRect();
      QVERIFY2(std::abs(rect.width() / rect.height() -
                        double(info.displayWidth) / info.displayHeight) < 0.01,
               qPrintable(QStringLiteral("%1: %2 x %3 on screen, %4 x %5 display")
                              .arg(QLatin1String(c.file))
                              .arg(rect.width())
                              .arg(rect.height())
                              .arg(info.displayWidth)
                              .arg(info.displayHeight)));
      OverlayState* overlay = window.overlay();
      overlay->setOpacity(1.0f);
      overlay->setMode(OverlayMode::Off);
      const QImage off = view->grabFramebuffer();
      overlay->setMode(OverlayMode::Mask);
      const QImage mask = view->grabFramebuffer();
      const qreal ratio = off.devicePixelRatio();
      if (c.marker.x() >= 0) {
        const QPointF p(rect.left() + c.marker.x() * rect.width(),
                        rect.top() + c.marker.y() * rect.height());
        const QColor marker = off.pixelColor(int(p.x() * ratio), int(p.y() * ratio));
        QVERIFY2(marker.red() > 150 && marker.green() > 150 && marker.blue() < 110,
                 qPrintable(QLatin1String(c.file) + QStringLiteral(" marker ") + describe(marker)));
      }
      // Along the middle row of every cell row: left of and right of each boundary (2 px away)
      // the pixel is dimmed exactly when its cell is dropped.
      int checked = 0;
      for (int row = 0; row < kGrid; ++row) {
        const int y = int((rect.top() + (row + 0.5) * rect.height() / kGrid) * ratio);
        for (int column = 0; column < kGrid; ++column) {
          const double left = rect.left() + column * rect.width() / kGrid;
          const double right = rect.left() + (column + 1) * rect.width() / kGrid;
          for (double x : {left + 2.0, right - 2.0}) {
            const QColor before = off.pixelColor(int(x * ratio), y);
            if (brightness(before) < 90) continue;  // too dark to tell dimmed from not
            const QColor after = mask.pixelColor(int(x * ratio), y);
            const bool dimmed = brightness(after) < 0.5 * brightness(before);
            const bool dropped = !keptCell(1, row * kGrid + column);
            QVERIFY2(dimmed == dropped,
                     qPrintable(QStringLiteral("%1 cell (%2, %3) at x %4: %5 -> %6")
                                    .arg(QLatin1String(c.file))
                                    .arg(row)
                                    .arg(column)
                                    .arg(x)
                                    .arg(describe(before), describe(after))));
            ++checked;
          }
        }
      }
      QVERIFY2(checked > 80, qPrintable(QString::number(checked)));
      // Flat colours resample alike on both paths; testsrc2's fine pattern (sar2) does not.
      if (c.marker.x() >= 0) QVERIFY2(maxCellDiffGpuVsCpu(window) <= 3, c.file);
    }
  }

 private:
  // Opens the colour clip to learn its sampled frames, then writes a run aligned with them.
  QString saveRunForColourClip(MainWindow& window, const QString& name) {
    if (!openAndWait(window, colourClip())) return {};
    const LoadedVideo& video = *window.video();
    std::vector<stts::SamplePoint> points;
    points = video.points;
    stts::RunResult run = makeRun(points, video.info, QFileInfo(colourClip()).absoluteFilePath());
    run.request.sampling = video.sampling;
    const QString path = scratch_.filePath(name);
    if (auto saved = stts::saveRunFile(QFile::encodeName(path).toStdString(), run); !saved) {
      qWarning("saveRunFile: %s", saved.error().message.c_str());
      return {};
    }
    return path;
  }

  QTemporaryDir settingsDir_;
  QTemporaryDir scratch_;
};

QTEST_MAIN(RunOverlayTest)
#include "test_run_overlay.moc"
