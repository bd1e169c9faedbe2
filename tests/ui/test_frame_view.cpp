// Pixel tests of the OpenGL frame view, read back with grabFramebuffer(): the right frame is on
// screen, letterboxed on the background colour, and odd widths upload without shearing.
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QSurfaceFormat>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "actions/action_registry.h"
#include "gui_test_support.h"
#include "main/frame_navigator.h"
#include "main/main_window.h"
#include "view/frame_view.h"

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
    window.resize(1000, 500);  // a wide view for a 4:3 clip: bars left and right
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, colourClip()));
    const LoadedVideo& video = *window.video();
    QVERIFY(video.frames.size() >= 3);

    const int greenIndex = sampleNearestTime(video, 1.5);
    window.navigator()->setCurrentIndex(greenIndex);
    FrameView* view = window.frameView();
    QColor centre = centreOf(view);
    QVERIFY2(colourNear(centre, kGreen), qPrintable(describe(centre)));

    const QRectF frame = view->frameRect();
    QVERIFY(frame.left() > 4);  // the letterbox really exists at this size
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

 private:
  QTemporaryDir settingsDir_;
};

QTEST_MAIN(FrameViewTest)
#include "test_frame_view.moc"
