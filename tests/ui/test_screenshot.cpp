// ui_screenshot: the main window at 1280x800 on a middle frame of the demo clip, written to
// ${build}/screenshot.png (and docs/screenshot.png when STTS_UPDATE_SCREENSHOT=1) for the README.
#include <QDir>
#include <QFile>
#include <QPixmap>
#include <QTemporaryDir>
#include <QTest>

#include "gui_test_support.h"
#include "main/app_style.h"
#include "main/frame_navigator.h"
#include "main/main_window.h"
#include "view/frame_view.h"

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
    if (!QFile::exists(demo)) QSKIP("demo/demo.mp4 has not been built (target stts_demo_video)");

    MainWindow window;
    window.resize(1280, 800);
    QVERIFY(test::showActive(window));
    QVERIFY(test::openAndWait(window, demo));
    const int middle = int(window.video()->frames.size()) / 2;
    window.navigator()->setCurrentIndex(middle);
    QTRY_COMPARE(window.navigator()->currentIndex(), middle);
    QCOMPARE(window.size(), QSize(1280, 800));
    // Let posted layout requests (status bar labels resized for the new text) run before grabbing.
    QTest::qWait(200);

    // QWidget::grab composites QOpenGLWidget content in Qt 6.
    const QPixmap shot = window.grab();
    QCOMPARE(shot.size(), QSize(1280, 800) * shot.devicePixelRatio());
    const QImage image = shot.toImage();
    const QPoint viewCentre =
        window.frameView()->mapTo(&window, window.frameView()->rect().center());
    QVERIFY2(image.pixelColor(viewCentre) != FrameView::backgroundColor(),
             "the frame is missing from the screenshot");

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
