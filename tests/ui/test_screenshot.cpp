// ui_screenshot: the main window at 1280x800 on a middle frame of the demo clip, written to
// ${build}/screenshot.png (and docs/screenshot.png when STTS_UPDATE_SCREENSHOT=1) for the README.
// When a demo run exists (${build}/demo/demo.sttsrun, or STTS_SCREENSHOT_RUN) the screenshot shows
// that run's score overlay (STTS_SCREENSHOT_OVERLAY=mask: its keep mask) instead of the bare video.
// For looking at other layouts by eye: STTS_SCREENSHOT_SIZE=1024x700 and
// STTS_SCREENSHOT_LANGUAGE=de (or zh_CN) write ${build}/screenshot_<size>_<language>.png instead
// (never the README's).
#include <QDir>
#include <QFile>
#include <QPixmap>
#include <QTemporaryDir>
#include <QTest>

#include "gui_test_support.h"
#include "main/app_style.h"
#include "main/main_window.h"
#include "main/translation.h"
#include "media/frame_navigator.h"
#include "view/frame_view.h"
#include "view/overlay_legend.h"
#include "view/overlay_state.h"

using namespace stts::ui;

class ScreenshotTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(settingsDir_.isValid());
    test::useTemporarySettings(settingsDir_);
    applyApplicationStyle(*qobject_cast<QApplication*>(QCoreApplication::instance()));
  }

  void mainWindowScreenshot() {
    const QString demo = QStringLiteral(STTS_BINARY_DIR "/demo/demo.mp4");
    QString demoRun = qEnvironmentVariable("STTS_SCREENSHOT_RUN");
    if (demoRun.isEmpty()) demoRun = QStringLiteral(STTS_BINARY_DIR "/demo/demo.sttsrun");
    const bool withRun = QFile::exists(demoRun);
    if (!withRun && !QFile::exists(demo)) {
      QSKIP("demo/demo.mp4 has not been built (target stts_demo_video)");
    }

    QSize size(1280, 800);
    const QStringList asked = qEnvironmentVariable("STTS_SCREENSHOT_SIZE").split(QLatin1Char('x'));
    if (asked.size() == 2 && asked[0].toInt() > 0 && asked[1].toInt() > 0)
      size = QSize(asked[0].toInt(), asked[1].toInt());
    const QString language = qEnvironmentVariable("STTS_SCREENSHOT_LANGUAGE");
    if (!language.isEmpty()) {
      const QLocale locale(language);
      QLocale::setDefault(locale);
      QVERIFY(installTranslators(locale));
    }
    const bool custom = size != QSize(1280, 800) || !language.isEmpty();

    MainWindow window;
    window.resize(size);
    QVERIFY(test::showActive(window));
    if (withRun) {
      // STTS_SCREENSHOT_OVERLAY=mask shows the keep mask instead of the scores.
      const bool mask = qEnvironmentVariable("STTS_SCREENSHOT_OVERLAY") == QLatin1String("mask");
      window.overlay()->setMode(mask ? OverlayMode::Mask : OverlayMode::Score);
      window.overlay()->setOpacity(0.6f);
      QVERIFY(test::openRunAndWait(window, demoRun));
      QVERIFY(window.frameView()->overlayCells());
    } else {
      QVERIFY(test::openAndWait(window, demo));
    }
    const int middle = int(window.video()->points.size()) / 2;
    window.navigator()->setCurrentIndex(middle);
    QTRY_COMPARE(window.navigator()->currentIndex(), middle);
    QCOMPARE(window.size(), size);
    // Let posted layout requests (status bar labels resized for the new text) run before grabbing.
    QTest::qWait(200);

    // QWidget::grab composites QOpenGLWidget content in Qt 6.
    const QPixmap shot = window.grab();
    QCOMPARE(shot.size(), size * shot.devicePixelRatio());
    const QImage image = shot.toImage();
    const QPoint viewCentre =
        window.frameView()->mapTo(&window, window.frameView()->rect().center());
    QVERIFY2(image.pixelColor(viewCentre) != FrameView::backgroundColor(),
             "the frame is missing from the screenshot");
    if (withRun) {
      QCOMPARE(window.frameView()->legend()->isVisible(),
               window.overlay()->mode() == OverlayMode::Score);
    }

    if (custom) {
      QVERIFY(shot.save(QStringLiteral(STTS_BINARY_DIR "/screenshot_%1x%2_%3.png")
                            .arg(size.width())
                            .arg(size.height())
                            .arg(language.isEmpty() ? QStringLiteral("en") : language),
                        "PNG"));
      return;
    }
    const QString buildCopy = QStringLiteral(STTS_BINARY_DIR "/screenshot.png");
    QVERIFY(shot.save(buildCopy, "PNG"));
    if (qEnvironmentVariable("STTS_UPDATE_SCREENSHOT") == QLatin1String("1")) {
      QVERIFY(QDir().mkpath(QStringLiteral(STTS_SOURCE_DIR "/docs")));
      QVERIFY(shot.save(QStringLiteral(STTS_SOURCE_DIR "/docs/screenshot.png"), "PNG"));
    }
  }

 private:
  QTemporaryDir settingsDir_;
};

QTEST_MAIN(ScreenshotTest)
#include "test_screenshot.moc"
