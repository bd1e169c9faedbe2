// MainWindow behaviour: keys, playback, broken files, persisted settings, drag and drop.
#include <QAbstractButton>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressBar>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "common/message_bar.h"
#include "common/recent_files.h"
#include "gui_test_support.h"
#include "main/main_window.h"
#include "main/translation.h"
#include "media/frame_navigator.h"
#include "timeline/timeline.h"
#include "view/frame_view.h"

using namespace stts::ui;
using namespace stts::ui::test;

class MainWindowTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(settingsDir_.isValid());
    QVERIFY(scratch_.isValid());
    useTemporarySettings(settingsDir_);
  }

  void keysMoveThroughSampledFrames() {
    MainWindow window;
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, colourClip()));
    QVERIFY(window.windowTitle().contains(QFileInfo(colourClip()).fileName()));
    FrameNavigator* nav = window.navigator();
    const int last = int(window.video()->points.size()) - 1;
    QVERIFY(last >= 2);
    QCOMPARE(nav->currentIndex(), 0);

    pressKey(window, Qt::Key_Right);
    QCOMPARE(nav->currentIndex(), 1);
    pressKey(window, Qt::Key_Period);
    QCOMPARE(nav->currentIndex(), 2);
    pressKey(window, Qt::Key_Left);
    QCOMPARE(nav->currentIndex(), 1);
    pressKey(window, Qt::Key_Comma);
    QCOMPARE(nav->currentIndex(), 0);
    pressKey(window, Qt::Key_Comma);  // clamps at the first frame
    QCOMPARE(nav->currentIndex(), 0);
    pressKey(window, Qt::Key_End);
    QCOMPARE(nav->currentIndex(), last);
    pressKey(window, Qt::Key_Right);  // clamps at the last frame
    QCOMPARE(nav->currentIndex(), last);
    pressKey(window, Qt::Key_Home);
    QCOMPARE(nav->currentIndex(), 0);
    QCOMPARE(window.timeline()->currentIndex(), 0);
    QVERIFY(window.frameView()->frame() == window.video()->store->display(0));

    // A click on the timeline seeks to the nearest sampled frame.
    Timeline* timeline = window.timeline();
    QTest::mouseClick(timeline, Qt::LeftButton, {}, QPoint(timeline->xForSample(last) - 2, 20));
    QCOMPARE(nav->currentIndex(), last);
    QVERIFY(window.frameView()->frame() ==
            window.video()->store->display(int(window.video()->points.size()) - 1));

    // No button can take focus, so none can swallow Space or the arrows.
    for (QAbstractButton* button : window.findChildren<QAbstractButton*>()) {
      QVERIFY2(button->focusPolicy() == Qt::NoFocus, qPrintable(button->objectName()));
    }
  }

  // The keyboard reaches the video from launch, whatever has the focus, except while a text field
  // is typed in; a click on the picture or the timeline takes the focus back. Keys go where a
  // real keyboard sends them (the focus widget), never clicked into place first.
  void playbackKeysReachTheVideoUnlessTyping() {
    MainWindow window;
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, colourClip()));
    FrameNavigator* nav = window.navigator();
    QWidget* focus = QApplication::focusWidget();
    QVERIFY2(focus == window.frameView(), focus ? focus->metaObject()->className() : "no focus");
    pressKey(window, Qt::Key_Right);
    QCOMPARE(nav->currentIndex(), 1);
    pressKey(window, Qt::Key_End);
    QCOMPARE(nav->currentIndex(), int(window.video()->points.size()) - 1);
    pressKey(window, Qt::Key_Home);
    QCOMPARE(nav->currentIndex(), 0);

#if STTS_UI_HAVE_MODEL
    auto* edit = window.findChild<QLineEdit*>(QStringLiteral("askModelFolder"));
    QVERIFY(edit && edit->isVisible());
    QTest::mouseClick(edit, Qt::LeftButton);
    QTRY_VERIFY(edit->hasFocus());
    edit->setText(QStringLiteral("models"));
    pressKey(window, Qt::Key_Space);  // typed, not play
    pressKey(window, Qt::Key_Right);  // moves the text cursor
    QCOMPARE(edit->text(), QStringLiteral("models "));
    QCOMPARE(nav->currentIndex(), 0);
    QVERIFY(!nav->isPlaying());

    QTest::mouseClick(window.frameView(), Qt::LeftButton, {}, window.frameView()->rect().center());
    QTRY_VERIFY(window.frameView()->hasFocus());
    pressKey(window, Qt::Key_Right);
    QCOMPARE(nav->currentIndex(), 1);

    QTest::mouseClick(edit, Qt::LeftButton);
    QTRY_VERIFY(edit->hasFocus());
    Timeline* timeline = window.timeline();
    QTest::mouseClick(timeline, Qt::LeftButton, {}, QPoint(timeline->xForSample(0) + 1, 20));
    QTRY_VERIFY(timeline->hasFocus());
    QCOMPARE(nav->currentIndex(), 0);
    pressKey(window, Qt::Key_Right);
    QCOMPARE(nav->currentIndex(), 1);
#endif
  }

  // The status bar says how large the picture is drawn: 100 % at actual size.
  void zoomReadout() {
    MainWindow window;
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, colourClip()));
    auto* zoom = window.findChild<QLabel*>(QStringLiteral("zoomLabel"));
    QVERIFY(zoom);
    QTRY_VERIFY(zoom->text().startsWith(QStringLiteral("Zoom ")));
    pressKey(window, Qt::Key_1);
    QTRY_COMPARE(zoom->text(), QStringLiteral("Zoom 100 %"));
    window.frameView()->zoomIn();
    QTRY_COMPARE(zoom->text(), QStringLiteral("Zoom 125 %"));
    QCOMPARE(window.frameView()->zoomPercent(), 125);
  }

  // A 1024 x 700 window (a small laptop) holds everything, every dock open (it could not be made
  // shorter than 724 px with the Ask, Answer and Display docks in one column).
  void fitsASmallScreen() {
    MainWindow window;
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, colourClip()));
    for (QDockWidget* dock : window.findChildren<QDockWidget*>()) dock->show();
    window.resize(1024, 700);
    QTest::qWait(200);
    QTRY_COMPARE(window.size(), QSize(1024, 700));
    // Nothing in the Ask dock may be cut at its right edge, German's longer labels included: its
    // rows fit, or it scrolls sideways, and the window stays 1024 px wide.
    for (const char* language : {"en", "de"}) {
      installTranslators(QLocale(QString::fromLatin1(language)));
      QTest::qWait(100);
      auto* scroll =
          window.findChild<QDockWidget*>(QStringLiteral("askPanel"))->findChild<QScrollArea*>();
      QVERIFY(scroll && scroll->widget());
      QTRY_VERIFY2(scroll->widget()->width() <= scroll->viewport()->width() ||
                       scroll->horizontalScrollBar()->isVisible(),
                   qPrintable(QStringLiteral("%1: contents %2 px wide in a %3 px dock")
                                  .arg(QString::fromLatin1(language))
                                  .arg(scroll->widget()->width())
                                  .arg(scroll->viewport()->width())));
      QCOMPARE(window.size(), QSize(1024, 700));
    }
    installTranslators(QLocale(QLocale::English));
  }

  void spaceStartsAndStopsPlayback() {
    MainWindow window;
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, colourClip()));
    FrameNavigator* nav = window.navigator();
    QVERIFY(!nav->isPlaying());
    pressKey(window, Qt::Key_Space);
    QVERIFY(nav->isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(nav->currentIndex() >= 2, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(window.timeline()->currentIndex(), nav->currentIndex(), 5000);

    // Rewind so the short clip cannot end (and stop by itself) just before Space is pressed. On a
    // very slow machine it may already have ended: Space then starts it again first.
    pressKey(window, Qt::Key_Home);
    if (!nav->isPlaying()) pressKey(window, Qt::Key_Space);
    QVERIFY(nav->isPlaying());
    pressKey(window, Qt::Key_Space);
    QVERIFY(!nav->isPlaying());
    const int stoppedAt = nav->currentIndex();
    QTest::qWait(1200);  // more than two playback intervals: nothing may move now
    QCOMPARE(nav->currentIndex(), stoppedAt);
  }

  void brokenFilesShowAMessageAndTheWindowSurvives() {
    MainWindow window;
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, colourClip()));
    const auto goodVideo = window.video();

    const QString textFile = scratch_.filePath(QStringLiteral("not_a_video.mp4"));
    {
      QFile file(textFile);
      QVERIFY(file.open(QIODevice::WriteOnly));
      file.write("This is a text file pretending to be a video.\n");
    }
    const QString missing = scratch_.filePath(QStringLiteral("does/not/exist.mp4"));
    for (const QString& path : {textFile, missing}) {
      QSignalSpy failed(&window, &MainWindow::videoLoadFailed);
      window.openVideo(path);
      // The result arrives through the event loop, so the busy state is always observable.
      QVERIFY(window.isLoading());
      QVERIFY(window.findChild<QProgressBar*>(QStringLiteral("busyIndicator"))->isVisible());
      QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
      const QString engineSentence = failed.first().at(1).toString();
      QVERIFY(!engineSentence.isEmpty());
      QVERIFY(window.messageBar()->isVisible());
      QVERIFY2(window.messageBar()->text().contains(engineSentence),
               qPrintable(window.messageBar()->text()));
      QVERIFY(window.isVisible());
      QVERIFY(!window.isLoading());
      QVERIFY(window.findChild<QProgressBar*>(QStringLiteral("busyIndicator"))->isHidden());
      // The previous video stays: a failed open must not cost the user their view.
      QCOMPARE(window.video(), goodVideo);
      QVERIFY(window.frameView()->frame());
    }

    QVERIFY(openAndWait(window, oddSizeClip()));
    QVERIFY(window.messageBar()->isHidden());
    QCOMPARE(window.video()->info.displayWidth, 321);
  }

  void brokenFileInAnEmptyWindowKeepsItEmpty() {
    MainWindow window;
    QVERIFY(showActive(window));
    QSignalSpy failed(&window, &MainWindow::videoLoadFailed);
    window.openVideo(scratch_.filePath(QStringLiteral("missing.mp4")));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
    QVERIFY(!window.video());
    QVERIFY(window.messageBar()->isVisible());
    pressKey(window, Qt::Key_Right);  // navigation on nothing is harmless
    QCOMPARE(window.navigator()->currentIndex(), -1);
    QVERIFY(openAndWait(window, colourClip()));
  }

  void aNewerOpenSupersedesAnOlderOne() {
    MainWindow window;
    QVERIFY(showActive(window));
    QSignalSpy loaded(&window, &MainWindow::videoLoaded);
    QSignalSpy failed(&window, &MainWindow::videoLoadFailed);
    window.openVideo(colourClip());
    window.openVideo(oddSizeClip());
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
    QTest::qWait(300);  // a stale result of the first request would arrive by now
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(window.video()->info.displayWidth, 321);
  }

  void recentFilesAndGeometryPersist() {
    const QSize size(900, 640);
    {
      MainWindow first;
      QVERIFY(showActive(first));
      first.resize(size);
      QTRY_COMPARE(first.size(), size);
      QVERIFY(openAndWait(first, oddSizeClip()));
      QVERIFY(openAndWait(first, colourClip()));
      first.close();
    }
    MainWindow second;
    const QStringList recent = second.recentFilesMenu()->files();
    QVERIFY(recent.size() >= 2);
    QCOMPARE(recent.at(0), QFileInfo(colourClip()).absoluteFilePath());
    QCOMPARE(recent.at(1), QFileInfo(oddSizeClip()).absoluteFilePath());
    QCOMPARE(second.size(), size);

    // The menu lists them and choosing one opens it.
    QSignalSpy loaded(&second, &MainWindow::videoLoaded);
    QList<QAction*> entries = second.recentFilesMenu()->actions();
    QVERIFY(entries.size() >= 2);
    entries.at(1)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
    QCOMPARE(loaded.first().at(0).toString(), QFileInfo(oddSizeClip()).absoluteFilePath());
  }

  void droppingAFileOpensIt() {
    MainWindow window;
    QVERIFY(showActive(window));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(colourClip())});
    const QPoint centre = window.rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());

    QSignalSpy loaded(&window, &MainWindow::videoLoaded);
    QDropEvent drop(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    QVERIFY(drop.isAccepted());
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
    QCOMPARE(QFileInfo(window.video()->path), QFileInfo(colourClip()));

    // Text without a file URL is refused rather than guessed at.
    QMimeData text;
    text.setText(QStringLiteral("hello"));
    QDragEnterEvent refused(centre, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &refused);
    QVERIFY(!refused.isAccepted());
  }

 private:
  QTemporaryDir settingsDir_;
  QTemporaryDir scratch_;
};

QTEST_MAIN(MainWindowTest)
#include "test_main_window.moc"
