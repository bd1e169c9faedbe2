// Pixel tests of the OpenGL frame view, read back with grabFramebuffer(): the right frame is on
// screen, letterboxed on the background colour, and odd widths upload without shearing; every
// overlay option (mask dim / hatch, score colours and normalisation, diff, grid, brightness /
// contrast) against the CPU composite; zoom, 100 %, pan and its clamp; the hover tooltip; Space
// tapped (plays) versus Space + drag (pans); the Display dock in step with the keys.
#include <QCheckBox>
#include <QComboBox>
#include <QCursor>
#include <QDockWidget>
#include <QMenu>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QPushButton>
#include <QSlider>
#include <QSurfaceFormat>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <QWheelEvent>
#include <cmath>
#include <functional>

#include "actions/action_registry.h"
#include "gui_test_support.h"
#include "main/frame_navigator.h"
#include "main/main_window.h"
#include "view/display_panel.h"
#include "view/frame_view.h"
#include "view/overlay_legend.h"
#include "view/overlay_state.h"
#include "view/view_controller.h"

using namespace stts::ui;
using namespace stts::ui::test;

namespace {

const QColor kRed(255, 0, 0);
const QColor kGreen(0, 255, 0);
const QColor kBlue(0, 0, 255);

// The sampled index whose requested time is nearest to `seconds`.
int sampleNearestTime(const LoadedVideo& video, double seconds) {
  int best = 0;
  for (int i = 0; i < int(video.frames.size()); ++i) {
    if (std::abs(video.frames[size_t(i)].point.requestedTime - seconds) <
        std::abs(video.frames[size_t(best)].point.requestedTime - seconds)) {
      best = i;
    }
  }
  return best;
}

// The same tests run against other GL setups (see CMakeLists.txt): STTS_TEST_GL_PROFILE=core asks
// for a 3.3 core profile, where a VAO is mandatory and GLSL 120 is unavailable.
void chooseSurfaceFormat() {
  if (qEnvironmentVariable("STTS_TEST_GL_PROFILE") != QLatin1String("core")) return;
  QSurfaceFormat format = QSurfaceFormat::defaultFormat();
  format.setVersion(3, 3);
  format.setProfile(QSurfaceFormat::CoreProfile);
  QSurfaceFormat::setDefaultFormat(format);
}
Q_COREAPP_STARTUP_FUNCTION(chooseSurfaceFormat)

QColor centreOf(FrameView* view) {
  const QImage image = view->grabFramebuffer();
  return image.pixelColor(image.width() / 2, image.height() / 2);
}

constexpr int kGrid = stts::kCellGrid;

// A synthetic picture: every pixel from `colourAt(x, y)`.
stts::RgbImagePtr makeFrame(int width, int height, const std::function<QRgb(int, int)>& colourAt) {
  auto frame = std::make_shared<stts::RgbImage>();
  frame->width = width;
  frame->height = height;
  frame->pixels.reserve(size_t(width) * size_t(height) * 3);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const QRgb c = colourAt(x, y);
      frame->pixels.push_back(uint8_t(qRed(c)));
      frame->pixels.push_back(uint8_t(qGreen(c)));
      frame->pixels.push_back(uint8_t(qBlue(c)));
    }
  }
  return frame;
}

stts::RgbImagePtr flatFrame(int width, int height, QRgb colour) {
  return makeFrame(width, height, [colour](int, int) { return colour; });
}

// A checkerboard of kept and dropped cells, scores rising with the cell index.
OverlayCells checkerCells() {
  std::vector<float> scores;
  std::vector<uint8_t> keep;
  for (int i = 0; i < stts::kCellsPerFrame; ++i) {
    scores.push_back(float(i));
    keep.push_back((i / kGrid + i % kGrid) % 2 == 0 ? 1 : 0);
  }
  return makeOverlayCells(scores, keep, 0.0f, 80.0f);
}

int channelDiff(QColor a, QColor b) {
  return std::max({std::abs(a.red() - b.red()), std::abs(a.green() - b.green()),
                   std::abs(a.blue() - b.blue())});
}

double luminance(QColor c) {
  return 0.2126 * c.red() + 0.7152 * c.green() + 0.0722 * c.blue();
}

// A view exactly as wide and tall as twice the 270 x 180 picture: the picture fills it at
// zoom 1, every cell is 60 x 40 device pixels and the CPU composite at 540 x 360 lines up with
// the screen pixel for pixel.
struct ViewUnderTest {
  FrameView view;
  ViewUnderTest() {
    view.resize(540, 360);
    view.show();
  }
  bool exposed() { return QTest::qWaitForWindowExposed(&view); }
  QImage grab() { return view.grabFramebuffer(); }
  QColor cellColour(const QImage& image, int row, int column) {
    const QRectF rect = view.frameRect();
    const qreal ratio = image.devicePixelRatio();
    return image.pixelColor(int((rect.left() + (column + 0.5) * rect.width() / kGrid) * ratio),
                            int((rect.top() + (row + 0.5) * rect.height() / kGrid) * ratio));
  }
};

// The screen against the CPU composite of the same frame, cells and style, pixel for pixel:
// how many pixels differ by more than `tolerance` in a channel.
int pixelsDifferingFromCpu(ViewUnderTest& under, const QImage& screen, int tolerance = 3) {
  const QImage cpu = compositeFrame(
      *under.view.frame(), under.view.overlayCells() ? &*under.view.overlayCells() : nullptr,
      under.view.overlayStyle(), screen.size());
  int differing = 0;
  for (int y = 0; y < screen.height(); ++y) {
    for (int x = 0; x < screen.width(); ++x) {
      if (channelDiff(screen.pixelColor(x, y), cpu.pixelColor(x, y)) > tolerance) ++differing;
    }
  }
  return differing;
}

void sendCtrlWheel(QWidget* widget, QPointF position, int angle) {
  QWheelEvent wheel(position, widget->mapToGlobal(position), QPoint(), QPoint(0, angle),
                    Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
  QApplication::sendEvent(widget, &wheel);
}

}  // namespace

class FrameViewTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(settingsDir_.isValid());
    useTemporarySettings(settingsDir_);
  }

  void emptyViewShowsBackground() {
    FrameView view;
    view.resize(320, 200);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage image = view.grabFramebuffer();
    QVERIFY(!image.isNull());
    QVERIFY(colourNear(image.pixelColor(5, 5), FrameView::backgroundColor(), 2));

    // The placeholder text shows over the background (light pixels near the centre line), also in
    // QWidget::grab(), which the screenshot uses.
    view.setPlaceholderText(QStringLiteral("Open a video"));
    const QImage withText = view.grab().toImage();
    int lightPixels = 0;
    for (int y = withText.height() / 2 - 10; y < withText.height() / 2 + 10; ++y) {
      for (int x = 0; x < withText.width(); ++x) {
        if (withText.pixelColor(x, y).lightness() > 100) ++lightPixels;
      }
    }
    QVERIFY2(lightPixels > 20, qPrintable(QString::number(lightPixels)));
    QVERIFY2(!view.shaderDialect().isEmpty(), qPrintable(view.graphicsError()));
    qInfo("GL %s, GLSL dialect %s",
          view.context()->format().version() >= qMakePair(3, 2) &&
                  view.context()->format().profile() == QSurfaceFormat::CoreProfile
              ? "core"
              : "compatibility",
          qPrintable(view.shaderDialect()));
    QString expected = qEnvironmentVariable("STTS_TEST_EXPECT_GLSL");
    // Mesa's version overrides only bind Mesa; elsewhere the GLSL 120 variant checks pixels only.
    view.makeCurrent();
    const auto* version =
        reinterpret_cast<const char*>(view.context()->functions()->glGetString(GL_VERSION));
    view.doneCurrent();
    if (expected.isEmpty() && version && QByteArray(version).contains("Mesa")) {
      expected = qEnvironmentVariable("STTS_TEST_EXPECT_GLSL_ON_MESA");
    }
    if (!expected.isEmpty()) QCOMPARE(view.shaderDialect(), expected);
  }

  void showsTheSampledFrameLetterboxed() {
    MainWindow window;
    // Closed docks leave the window free to be this small: a wide view for a 4:3 clip, bars left
    // and right.
    for (QDockWidget* dock : window.findChildren<QDockWidget*>()) dock->hide();
    window.resize(1000, 500);
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, colourClip()));
    // Again once shown: showing may grow the window to fit the docks' first layout.
    window.resize(1000, 500);
    QTRY_COMPARE(window.size(), QSize(1000, 500));
    const LoadedVideo& video = *window.video();
    QVERIFY(video.frames.size() >= 3);

    const int greenIndex = sampleNearestTime(video, 1.5);
    window.navigator()->setCurrentIndex(greenIndex);
    FrameView* view = window.frameView();
    QColor centre = centreOf(view);
    QVERIFY2(colourNear(centre, kGreen), qPrintable(describe(centre)));

    const QRectF frame = view->frameRect();
    // The letterbox really exists at this size.
    QVERIFY2(frame.left() > 4, qPrintable(QStringLiteral("view %1 x %2, window %3 x %4")
                                              .arg(view->width())
                                              .arg(view->height())
                                              .arg(window.width())
                                              .arg(window.height())));
    const QImage image = view->grabFramebuffer();
    const qreal ratio = image.devicePixelRatio();
    const QColor bar = image.pixelColor(int(2 * ratio), image.height() / 2);
    QVERIFY2(colourNear(bar, FrameView::backgroundColor(), 2), qPrintable(describe(bar)));
    const QColor inside = image.pixelColor(int((frame.left() + 4) * ratio), image.height() / 2);
    QVERIFY2(colourNear(inside, kGreen), qPrintable(describe(inside)));

    // Keys go through the window's actions: End shows the last (blue) frame, Home the first.
    pressKey(window, Qt::Key_End);
    QCOMPARE(window.navigator()->currentIndex(), int(video.frames.size()) - 1);
    centre = centreOf(view);
    QVERIFY2(colourNear(centre, kBlue), qPrintable(describe(centre)));
    pressKey(window, Qt::Key_Home);
    centre = centreOf(view);
    QVERIFY2(colourNear(centre, kRed), qPrintable(describe(centre)));

    // From the green sample, Right moves on in time: still green or already blue, never red.
    window.navigator()->setCurrentIndex(greenIndex);
    pressKey(window, Qt::Key_Right);
    QCOMPARE(window.navigator()->currentIndex(), greenIndex + 1);
    const double nextTime = video.frames[size_t(greenIndex + 1)].point.requestedTime;
    centre = centreOf(view);
    QVERIFY2(colourNear(centre, nextTime < 2.0 ? kGreen : kBlue), qPrintable(describe(centre)));
  }

  void uploadsOddWidthsWithoutShearing() {
    MainWindow window;
    window.resize(800, 600);
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, oddSizeClip()));
    QCOMPARE(window.video()->info.displayWidth, 321);
    FrameView* view = window.frameView();
    const QImage image = view->grabFramebuffer();
    const qreal ratio = image.devicePixelRatio();
    const QRectF frame = view->frameRect();
    // Several consecutive rows in each half: a misaligned upload rotates channels row by row.
    for (double fraction : {0.15, 0.2, 0.25, 0.3, 0.35}) {
      for (int dy = 0; dy < 3; ++dy) {
        const int x = int((frame.left() + frame.width() * 0.5) * ratio);
        const int yTop = int((frame.top() + frame.height() * fraction) * ratio) + dy;
        const int yBottom = int((frame.top() + frame.height() * (1.0 - fraction)) * ratio) + dy;
        const QColor top = image.pixelColor(x, yTop);
        const QColor bottom = image.pixelColor(x, yBottom);
        QVERIFY2(colourNear(top, kRed), qPrintable(describe(top)));
        QVERIFY2(colourNear(bottom, kBlue), qPrintable(describe(bottom)));
      }
    }
    // A column near the right edge proves the last pixel of each row is not lost either.
    const QColor rightEdge = image.pixelColor(int((frame.right() - 3) * ratio),
                                              int((frame.top() + frame.height() * 0.8) * ratio));
    QVERIFY2(colourNear(rightEdge, kBlue), qPrintable(describe(rightEdge)));
  }

  // Mask mode: a dropped cell is darker than with the overlay off, a kept one unchanged; the
  // hatched style alternates dark line pixels and untouched ones inside a dropped cell.
  void maskDimsOrHatchesDroppedCells() {
    ViewUnderTest under;
    QVERIFY(under.exposed());
    const QRgb grey = qRgb(180, 150, 120);
    under.view.setFrame(flatFrame(270, 180, grey));
    OverlayStyle style;
    style.opacity = 0.8f;
    style.mode = OverlayMode::Off;
    under.view.setOverlay(checkerCells(), style);
    const QImage off = under.grab();
    style.mode = OverlayMode::Mask;
    under.view.setOverlay(checkerCells(), style);
    const QImage dim = under.grab();
    QVERIFY(channelDiff(under.cellColour(dim, 0, 0), under.cellColour(off, 0, 0)) <= 2);  // kept
    QVERIFY2(luminance(under.cellColour(dim, 0, 1)) < 0.5 * luminance(under.cellColour(off, 0, 1)),
             qPrintable(describe(under.cellColour(dim, 0, 1))));
    QCOMPARE(pixelsDifferingFromCpu(under, dim), 0);

    style.maskStyle = MaskStyle::Hatch;
    under.view.setOverlay(checkerCells(), style);
    const QImage hatch = under.grab();
    // Row 20 of cell (0, 1) (x 60..119): runs of dark line pixels between untouched ones.
    int transitions = 0;
    int dark = 0;
    bool previousDark = false;
    for (int x = 62; x < 118; ++x) {
      const QColor c = hatch.pixelColor(x, 20);
      const bool isDark = luminance(c) < 0.5 * luminance(QColor::fromRgb(grey));
      if (!isDark) QVERIFY2(channelDiff(c, QColor::fromRgb(grey)) <= 2, qPrintable(describe(c)));
      if (x > 62 && isDark != previousDark) ++transitions;
      previousDark = isDark;
      dark += isDark ? 1 : 0;
    }
    QVERIFY2(transitions >= 10, qPrintable(QString::number(transitions)));
    QVERIFY(dark > 10 && dark < 40);
    // Kept cells stay clear of lines.
    for (int x = 2; x < 58; ++x)
      QVERIFY(channelDiff(hatch.pixelColor(x, 20), off.pixelColor(x, 20)) <= 2);
    QCOMPARE(pixelsDifferingFromCpu(under, hatch), 0);
  }

  // Score mode: at full opacity a cell shows exactly the colour-map entry of its normalised
  // score; per-frame and per-run normalisation give different colours where the frame's range is
  // narrower than the run's, and the legend shows the range actually used.
  void scoreColoursFollowTheNormalisation() {
    ViewUnderTest under;
    QVERIFY(under.exposed());
    under.view.setFrame(flatFrame(270, 180, qRgb(40, 40, 40)));
    OverlayState state;
    state.setMode(OverlayMode::Score);
    state.setOpacity(1.0f);
    state.setColourMap(ColourMap::Viridis);
    auto run = std::make_shared<stts::RunResult>();
    run->frames = 2;
    run->keep.assign(2 * 81, 1);
    run->keptPerFrame = {81, 81};
    run->scores.resize(2 * 81);
    for (int i = 0; i < 81; ++i) {
      run->scores[size_t(i)] = float(i) / 80.0f;                     // frame 0: 0 .. 1
      run->scores[size_t(81 + i)] = 0.4f + 0.2f * float(i) / 80.0f;  // frame 1: 0.4 .. 0.6
    }
    state.setRun(run);
    auto show = [&] {
      under.view.setOverlay(state.cellsForFrame(1), state.style());
      return under.grab();
    };
    state.setNormalisation(ScoreNormalisation::PerRun);
    const QImage perRun = show();
    QVERIFY(under.view.legend()->isVisible());
    QCOMPARE(under.view.legend()->low(), 0.0);
    QCOMPARE(under.view.legend()->high(), 1.0);
    QVERIFY(!under.view.legend()->perFrame());
    state.setNormalisation(ScoreNormalisation::PerFrame);
    const QImage perFrame = show();
    QCOMPARE(under.view.legend()->low(), double(0.4f));
    QCOMPARE(under.view.legend()->high(), double(0.6f));
    QVERIFY(under.view.legend()->perFrame());
    QVERIFY(under.view.legend()->title().contains(QStringLiteral("frame")));
    for (int cell : {0, 40, 80}) {
      const float score = run->scores[size_t(81 + cell)];
      const QColor expectedRun =
          QColor::fromRgb(colourTable(ColourMap::Viridis)[colourMapLevel(score, 0.0f, 1.0f)]);
      const QColor expectedFrame =
          QColor::fromRgb(colourTable(ColourMap::Viridis)[colourMapLevel(score, 0.4f, 0.6f)]);
      const QColor atRun = under.cellColour(perRun, cell / kGrid, cell % kGrid);
      const QColor atFrame = under.cellColour(perFrame, cell / kGrid, cell % kGrid);
      QVERIFY2(channelDiff(atRun, expectedRun) <= 2, qPrintable(describe(atRun)));
      QVERIFY2(channelDiff(atFrame, expectedFrame) <= 2, qPrintable(describe(atFrame)));
      if (cell != 40) QVERIFY(channelDiff(atRun, atFrame) > 30);  // the ends differ, not the middle
    }
    // GL against CPU at partial opacity in both normalisations.
    state.setOpacity(0.6f);
    QCOMPARE(pixelsDifferingFromCpu(under, show()), 0);
    state.setNormalisation(ScoreNormalisation::PerRun);
    QCOMPARE(pixelsDifferingFromCpu(under, show()), 0);
  }

  void gridBrightnessContrastAndDiffMatchTheCpu() {
    ViewUnderTest under;
    QVERIFY(under.exposed());
    const QRgb base = qRgb(90, 100, 110);
    under.view.setFrame(flatFrame(270, 180, base));
    OverlayStyle style;
    style.mode = OverlayMode::Off;
    under.view.setOverlay(std::nullopt, style);
    const QImage plain = under.grab();
    // Grid: the 8 inner boundaries at x = 60, 120, … and y = 40, 80, …; nothing between them.
    style.showGrid = true;
    under.view.setOverlay(std::nullopt, style);
    const QImage grid = under.grab();
    for (int x = 0; x < 540; ++x) {
      const bool line = x % 60 == 0 && x != 0;
      const bool lighter =
          luminance(grid.pixelColor(x, 20)) > luminance(plain.pixelColor(x, 20)) + 40;
      QVERIFY2(line == lighter, qPrintable(QStringLiteral("x %1").arg(x)));
    }
    QVERIFY(luminance(grid.pixelColor(30, 40)) > luminance(plain.pixelColor(30, 40)) + 40);
    QVERIFY(luminance(grid.pixelColor(30, 41)) < luminance(plain.pixelColor(30, 41)) + 2);
    QCOMPARE(pixelsDifferingFromCpu(under, grid), 0);
    style.showGrid = false;
    under.view.setOverlay(std::nullopt, style);
    QCOMPARE(pixelsDifferingFromCpu(under, under.grab()), 0);
    QVERIFY(channelDiff(under.grab().pixelColor(60, 20), plain.pixelColor(60, 20)) <= 1);

    // Brightness raises the mean luminance; contrast spreads values around mid-grey.
    auto meanLuminance = [](const QImage& image) {
      double sum = 0;
      for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7) sum += luminance(image.pixelColor(x, y));
      }
      return sum;
    };
    style.brightness = 0.25f;
    under.view.setOverlay(std::nullopt, style);
    const QImage brighter = under.grab();
    QVERIFY(meanLuminance(brighter) > 1.3 * meanLuminance(plain));
    QCOMPARE(pixelsDifferingFromCpu(under, brighter), 0);
    style.brightness = 0.1f;
    style.contrast = 1.8f;
    style.mode = OverlayMode::Mask;
    style.showGrid = true;
    under.view.setOverlay(checkerCells(), style);
    QCOMPARE(pixelsDifferingFromCpu(under, under.grab()), 0);

    // Diff: three classes in three colours, dropped-by-both dimmed; the legend lists them.
    style = OverlayStyle();
    style.opacity = 1.0f;
    under.view.setOverlay(checkerCells(), style);
    std::vector<uint8_t> a(81, 0);
    std::vector<uint8_t> b(81, 0);
    a[0] = b[0] = 1;  // both
    a[1] = 1;         // only A
    b[2] = 1;         // only B
    under.view.setDiffCells(a, b);
    QCOMPARE(under.view.overlayStyle().mode, OverlayMode::Diff);
    const QImage diff = under.grab();
    QVERIFY(channelDiff(under.cellColour(diff, 0, 0), QColor::fromRgb(kDiffBothColour)) <= 2);
    QVERIFY(channelDiff(under.cellColour(diff, 0, 1), QColor::fromRgb(kDiffOnlyAColour)) <= 2);
    QVERIFY(channelDiff(under.cellColour(diff, 0, 2), QColor::fromRgb(kDiffOnlyBColour)) <= 2);
    QVERIFY(luminance(under.cellColour(diff, 0, 3)) < 0.4 * luminance(QColor::fromRgb(base)));
    QVERIFY(under.view.legend()->isVisible());
    QCOMPARE(under.view.legend()->content(), OverlayLegend::Content::Diff);
    QCOMPARE(pixelsDifferingFromCpu(under, diff), 0);
    style.mode = OverlayMode::Diff;
    style.opacity = 0.5f;
    style.maskStyle = MaskStyle::Hatch;
    OverlayCells withDiff = *under.view.overlayCells();
    under.view.setOverlay(withDiff, style);
    QCOMPARE(pixelsDifferingFromCpu(under, under.grab()), 0);
  }

  // Ctrl + wheel zooms around the cursor: the picture point under it stays under it.
  void zoomKeepsThePointUnderTheCursor() {
    ViewUnderTest under;
    QVERIFY(under.exposed());
    // Every cell its own colour, so "the same picture point" can be read from the screen too.
    under.view.setFrame(makeFrame(
        270, 180, [](int x, int y) { return qRgb((x * 9 / 270) * 28, (y * 9 / 180) * 28, 200); }));
    QSignalSpy changed(&under.view, &FrameView::viewTransformChanged);
    const QPointF cursor(170.0, 130.0);
    auto pictureFraction = [&] {
      const QRectF rect = under.view.frameRect();
      return QPointF((cursor.x() - rect.left()) / rect.width(),
                     (cursor.y() - rect.top()) / rect.height());
    };
    const QPointF before = pictureFraction();
    const QColor colourBefore = under.grab().pixelColor(cursor.toPoint());
    sendCtrlWheel(&under.view, cursor, 120);
    QVERIFY(std::abs(under.view.zoom() - FrameView::kZoomStep) < 1e-9);
    sendCtrlWheel(&under.view, cursor, 240);
    QVERIFY(std::abs(under.view.zoom() - std::pow(FrameView::kZoomStep, 3)) < 1e-9);
    QCOMPARE(changed.count(), 2);
    const QPointF after = pictureFraction();
    // Within a device pixel: the corner snaps to whole pixels.
    QVERIFY2(std::abs(after.x() - before.x()) * under.view.frameRect().width() < 1.0 &&
                 std::abs(after.y() - before.y()) * under.view.frameRect().height() < 1.0,
             qPrintable(QStringLiteral("%1,%2 -> %3,%4")
                            .arg(before.x())
                            .arg(before.y())
                            .arg(after.x())
                            .arg(after.y())));
    QVERIFY(channelDiff(under.grab().pixelColor(cursor.toPoint()), colourBefore) <= 2);
    // Without Ctrl the wheel does not zoom (it is left to scrolling parents).
    QWheelEvent plain(cursor, under.view.mapToGlobal(cursor), QPoint(), QPoint(0, 120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&under.view, &plain);
    QCOMPARE(changed.count(), 2);
    under.view.fitToWindow();
    QCOMPARE(under.view.zoom(), 1.0);
    QCOMPARE(under.view.pan(), QPointF());
  }

  // 100 %: one source pixel per device pixel; 1-pixel stripes stay sharp instead of blending.
  // With a display aspect (non-square pixels) 100 % is at the stretched display size.
  void actualSizeShowsOnePixelPerPixel() {
    ViewUnderTest under;
    QVERIFY(under.exposed());
    under.view.setFrame(makeFrame(
        1080, 720, [](int x, int) { return x % 2 ? qRgb(255, 255, 255) : qRgb(0, 0, 0); }));
    const QImage fit = under.grab();
    QVERIFY(std::abs(fit.pixelColor(270, 180).red() - 128) < 40);  // blended at half size
    under.view.zoomActualSize();
    QCOMPARE(under.view.zoom(), 2.0);
    const QRectF rect = under.view.frameRect();
    QCOMPARE(rect.size(), QSizeF(1080, 720));
    const QImage actual = under.grab();
    for (int x = 250; x < 290; ++x) {
      const int sourceX = x - int(rect.left());
      const int expected = sourceX % 2 ? 255 : 0;
      QVERIFY2(
          std::abs(actual.pixelColor(x, 180).red() - expected) <= 2,
          qPrintable(QStringLiteral("x %1: %2").arg(x).arg(describe(actual.pixelColor(x, 180)))));
    }
    // A 200 x 100 picture with 2:1 pixels is 400 x 100 at 100 %, smaller than the view.
    under.view.setFrame(flatFrame(200, 100, qRgb(10, 200, 10)));
    under.view.setDisplayAspect(4.0);
    QCOMPARE(under.view.naturalSize(), QSizeF(400, 100));
    under.view.zoomActualSize();
    QCOMPARE(under.view.frameRect().size(), QSizeF(400, 100));
    QVERIFY(under.view.zoom() < 1.0);
  }

  // Pan never loses the picture: zoomed in it keeps covering the view, zoomed out it stays
  // inside; middle-drag pans.
  void panIsClampedAndMiddleDragPans() {
    ViewUnderTest under;
    QVERIFY(under.exposed());
    under.view.setFrame(flatFrame(270, 180, qRgb(200, 0, 0)));
    under.view.setZoom(2.0);
    under.view.setPan(QPointF(10.0, -10.0));
    QRectF rect = under.view.frameRect();
    QVERIFY2(
        rect.left() <= 0.5 && rect.right() >= 539.5 && rect.top() <= 0.5 && rect.bottom() >= 359.5,
        qPrintable(QStringLiteral("%1 %2 %3 %4")
                       .arg(rect.left())
                       .arg(rect.top())
                       .arg(rect.right())
                       .arg(rect.bottom())));
    QCOMPARE(under.view.pan(), QPointF(0.5, -0.5));  // exactly at the edge
    under.view.setZoom(0.5);
    under.view.setPan(QPointF(-10.0, 10.0));
    rect = under.view.frameRect();
    QVERIFY(rect.left() >= -0.5 && rect.bottom() <= 360.5);
    QVERIFY(std::abs(rect.left()) < 0.6 && std::abs(rect.bottom() - 360) < 0.6);

    under.view.setViewTransform(2.0, QPointF());
    const QPoint start(270, 180);
    QTest::mousePress(&under.view, Qt::MiddleButton, Qt::NoModifier, start);
    QVERIFY(under.view.isPanning());
    QTest::mouseMove(&under.view, start + QPoint(54, 36));
    QTest::mouseRelease(&under.view, Qt::MiddleButton, Qt::NoModifier, start + QPoint(54, 36));
    QVERIFY(!under.view.isPanning());
    // 54 px of a 540 px fitted width is 0.1 of it.
    QVERIFY(std::abs(under.view.pan().x() - 0.1) < 1e-9);
    QVERIFY(std::abs(under.view.pan().y() - 0.1) < 1e-9);
  }

  void tooltipNamesTheCellUnderTheCursor() {
    ViewUnderTest under;
    QVERIFY(under.exposed());
    under.view.setFrame(flatFrame(270, 180, qRgb(100, 100, 100)));
    std::vector<float> scores(81, 0.25f);
    std::vector<uint8_t> keep(81, 1);
    scores[4 * kGrid + 5] = 0.731f;
    keep[4 * kGrid + 5] = 0;
    OverlayStyle style;
    style.mode = OverlayMode::Mask;
    under.view.setOverlay(makeOverlayCells(scores, keep, 0.0f, 1.0f), style);
    under.view.setFrameInfo(12, 384, 6.0);
    // Zoomed and panned: the cell is found through the transform.
    under.view.setViewTransform(1.5, QPointF(-0.1, 0.05));
    const QRectF rect = under.view.frameRect();
    const QPointF centre(rect.left() + 5.5 * rect.width() / kGrid,
                         rect.top() + 4.5 * rect.height() / kGrid);
    QVERIFY(under.view.cellAt(centre) == std::optional<CellPosition>(CellPosition{4, 5}));
    const QString text = under.view.toolTipTextAt(centre);
    for (const char* part : {"12", "384", "00:00:06.000", "row 4, column 5", "0.731", "Dropped"}) {
      QVERIFY2(text.contains(QLatin1String(part)), qPrintable(text));
    }
    QVERIFY(under.view.toolTipTextAt(QPointF(rect.left() + 1, rect.top() + 1))
                .contains(QStringLiteral("Kept")));
    QVERIFY(!under.view.cellAt(QPointF(rect.left() - 2, rect.top() + 10)));

    QSignalSpy hovered(&under.view, &FrameView::hoveredCellChanged);
    QTest::mouseMove(&under.view, centre.toPoint());
    QTRY_VERIFY(hovered.count() >= 1);
    QCOMPARE(hovered.last().at(0).toInt(), 12);
    QCOMPARE(hovered.last().at(1).toInt(), 4);
    QCOMPARE(hovered.last().at(2).toInt(), 5);
    QHelpEvent help(QEvent::ToolTip, centre.toPoint(), under.view.mapToGlobal(centre.toPoint()));
    QApplication::sendEvent(&under.view, &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(QStringLiteral("0.731")), qPrintable(QToolTip::text()));
    QToolTip::hideText();
  }

  // In the window: the zoom keys, the grid key and the Display dock, all in step; Space tapped
  // over the picture still plays, Space + drag pans without playing.
  void windowKeysPanelAndSpace() {
    MainWindow window;
    window.resize(1000, 700);
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, colourClip()));
    FrameView* view = window.frameView();
    QVERIFY(window.viewController());
    DisplayPanel* panel = window.viewController()->displayPanel();
    QVERIFY(panel);
    // Closed at first, opened from View ▸ Panels.
    QVERIFY(!panel->isVisible());
    QVERIFY(window.panelsMenu()->actions().contains(panel->toggleViewAction()));
    panel->toggleViewAction()->trigger();
    QTRY_VERIFY(panel->isVisible());

    pressKey(window, Qt::Key_Plus);
    QVERIFY(std::abs(view->zoom() - FrameView::kZoomStep) < 1e-9);
    pressKey(window, Qt::Key_Equal);
    pressKey(window, Qt::Key_Minus);
    QVERIFY(std::abs(view->zoom() - FrameView::kZoomStep) < 1e-9);
    pressKey(window, Qt::Key_1);
    QVERIFY(std::abs(view->zoom() - view->actualSizeZoom()) < 1e-9);
    QVERIFY(std::abs(view->frameRect().width() - 320.0) < 0.01);  // the clip is 320 x 240
    pressKey(window, Qt::Key_0);
    QCOMPARE(view->zoom(), 1.0);

    OverlayState* overlay = window.overlay();
    overlay->setShowGrid(false);
    pressKey(window, Qt::Key_G);
    QVERIFY(overlay->showGrid());
    QVERIFY(view->overlayStyle().showGrid);
    QVERIFY(panel->gridCheckBox()->isChecked());
    QVERIFY(window.actions()->action(ActionId::ToggleCellGrid)->isChecked());
    panel->gridCheckBox()->click();
    QVERIFY(!overlay->showGrid());
    QVERIFY(!window.actions()->action(ActionId::ToggleCellGrid)->isChecked());

    overlay->setMode(OverlayMode::Off);
    pressKey(window, Qt::Key_O);
    QCOMPARE(panel->modeBox()->currentIndex(), int(OverlayMode::Mask));
    panel->maskStyleBox()->setCurrentIndex(int(MaskStyle::Hatch));
    emit panel->maskStyleBox()->activated(int(MaskStyle::Hatch));
    QCOMPARE(overlay->maskStyle(), MaskStyle::Hatch);
    panel->brightnessSlider()->setValue(30);
    QCOMPARE(overlay->brightness(), 0.3f);
    QCOMPARE(view->overlayStyle().brightness, 0.3f);
    panel->resetButton()->click();
    QCOMPARE(overlay->brightness(), 0.0f);
    QCOMPARE(panel->brightnessSlider()->value(), 0);
    QCOMPARE(overlay->maskStyle(), MaskStyle::Dim);

    // Space over the picture: a tap plays and pauses as before. (Nothing typed into: a focused
    // question box would take Space as text.)
    if (QWidget* focus = QApplication::focusWidget()) focus->clearFocus();
    const QPoint centre = view->rect().center();
    QCursor::setPos(view->mapToGlobal(centre));
    QTRY_VERIFY(view->rect().contains(view->mapFromGlobal(QCursor::pos())));
    FrameNavigator* navigator = window.navigator();
    QVERIFY(!navigator->isPlaying());
    pressKey(window, Qt::Key_Space);
    QVERIFY(navigator->isPlaying());
    pressKey(window, Qt::Key_Space);
    QVERIFY(!navigator->isPlaying());
    // Space held with a left drag pans and does not play.
    view->setZoom(3.0);
    const QPointF panBefore = view->pan();
    QTest::keyPress(&window, Qt::Key_Space);
    QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, centre);
    QVERIFY2(view->isPanning(), QApplication::focusWidget()
                                    ? QApplication::focusWidget()->metaObject()->className()
                                    : "no focus");
    QTest::mouseMove(view, centre + QPoint(40, 20));
    QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, centre + QPoint(40, 20));
    QTest::keyRelease(&window, Qt::Key_Space);
    QVERIFY(!navigator->isPlaying());
    QVERIFY2(view->pan().x() > panBefore.x(), qPrintable(QString::number(view->pan().x())));
    // A left click without Space does not pan.
    const QPointF panAfter = view->pan();
    QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, centre);
    QVERIFY(!view->isPanning());
    QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, centre);
    QCOMPARE(view->pan(), panAfter);
  }

 private:
  QTemporaryDir settingsDir_;
};

QTEST_MAIN(FrameViewTest)
#include "test_frame_view.moc"
