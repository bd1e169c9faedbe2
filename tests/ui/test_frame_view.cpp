// Pixel tests of the OpenGL frame view, read back with grabFramebuffer(): the right frame is on
// screen, letterboxed on the background colour, and odd widths upload without shearing; every
// overlay option (mask dim / hatch, score colours and normalisation, diff, grid, brightness /
// contrast) against the CPU composite. Navigation (zoom, pan, tooltip, keys) is in
// test_frame_view_navigation.cpp.

#include "frame_view_test_support.h"
#include "main/translation.h"

using namespace stts::ui;
using namespace stts::ui::test;

namespace {

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
    QVERIFY(video.points.size() >= 3);

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
    QCOMPARE(window.navigator()->currentIndex(), int(video.points.size()) - 1);
    centre = centreOf(view);
    QVERIFY2(colourNear(centre, kBlue), qPrintable(describe(centre)));
    pressKey(window, Qt::Key_Home);
    centre = centreOf(view);
    QVERIFY2(colourNear(centre, kRed), qPrintable(describe(centre)));

    // From the green sample, Right moves on in time: still green or already blue, never red.
    window.navigator()->setCurrentIndex(greenIndex);
    pressKey(window, Qt::Key_Right);
    QCOMPARE(window.navigator()->currentIndex(), greenIndex + 1);
    const double nextTime = video.points[size_t(greenIndex + 1)].requestedTime;
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
    // The whole title fits in the legend (the longer per-frame title widens it), and after a
    // language change too (German's "Bereich des Laufs" was cut at 168 px).
    auto titleFits = [&] {
      const OverlayLegend* legend = under.view.legend();
      const int room = legend->width() - 16;
      return legend->fontMetrics().elidedText(legend->title(), Qt::ElideRight, room) ==
             legend->title();
    };
    QVERIFY(titleFits());
    QVERIFY(installTranslators(QLocale(QLocale::German)));
    QTRY_VERIFY(titleFits());
    QVERIFY(under.view.legend()->title().startsWith(QStringLiteral("Score (")));
    installTranslators(QLocale(QLocale::English));
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

 private:
  QTemporaryDir settingsDir_;
};

QTEST_MAIN(FrameViewTest)
#include "test_frame_view.moc"
