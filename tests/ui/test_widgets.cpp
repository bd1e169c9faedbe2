// Widgets and helpers that need no video: time format, action registry, navigator, timeline.
#include <QAction>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QWidget>

#include "actions/action_registry.h"
#include "common/time_format.h"
#include "media/frame_navigator.h"
#include "timeline/timeline.h"

using namespace stts::ui;

class WidgetsTest : public QObject {
  Q_OBJECT

 private slots:
  void formatsTimestamps() {
    QCOMPARE(formatTimestamp(0.0), QStringLiteral("00:00:00.000"));
    QCOMPARE(formatTimestamp(1.5), QStringLiteral("00:00:01.500"));
    QCOMPARE(formatTimestamp(3723.0456), QStringLiteral("01:02:03.046"));
    QCOMPARE(formatTimestamp(59.9996), QStringLiteral("00:01:00.000"));
    QCOMPARE(formatTimestamp(-2.0), QStringLiteral("00:00:00.000"));
  }

  void registryHasEveryActionOnceWithoutKeyConflicts() {
    QWidget window;
    ActionRegistry registry(&window);
    QSet<QString> keys;
    QSet<QString> sequences;
    for (const ActionDefinition& row : ActionRegistry::definitions()) {
      QVERIFY2(!keys.contains(QLatin1String(row.settingsKey)), row.settingsKey);
      keys.insert(QLatin1String(row.settingsKey));
      QAction* action = registry.action(row.id);
      QVERIFY(action);
      QVERIFY(!action->text().isEmpty());
      QCOMPARE(action->shortcutContext(), Qt::WindowShortcut);
      QVERIFY(window.actions().contains(action));
      for (const QKeySequence& sequence : row.defaultShortcuts) {
        const QString text = sequence.toString(QKeySequence::PortableText);
        QVERIFY2(!sequences.contains(text), qPrintable(text + " bound twice"));
        sequences.insert(text);
      }
    }
  }

  void registryDefaultsFollowUxDoc() {
    QWidget window;
    ActionRegistry registry(&window);
    auto keysOf = [&](ActionId id) { return registry.action(id)->shortcuts(); };
    QVERIFY(keysOf(ActionId::NextSample).contains(QKeySequence(Qt::Key_Right)));
    QVERIFY(keysOf(ActionId::NextSample).contains(QKeySequence(Qt::Key_Period)));
    QVERIFY(keysOf(ActionId::PreviousSample).contains(QKeySequence(Qt::Key_Left)));
    QVERIFY(keysOf(ActionId::PreviousSample).contains(QKeySequence(Qt::Key_Comma)));
    QCOMPARE(keysOf(ActionId::FirstSample), QList<QKeySequence>{QKeySequence(Qt::Key_Home)});
    QCOMPARE(keysOf(ActionId::LastSample), QList<QKeySequence>{QKeySequence(Qt::Key_End)});
    QCOMPARE(keysOf(ActionId::PlayPause), QList<QKeySequence>{QKeySequence(Qt::Key_Space)});
    QVERIFY(keysOf(ActionId::OpenVideo).contains(QKeySequence(QKeySequence::Open)));

    registry.setShortcuts(ActionId::NextSample, {QKeySequence(Qt::Key_N)});
    QCOMPARE(keysOf(ActionId::NextSample), QList<QKeySequence>{QKeySequence(Qt::Key_N)});
    registry.resetShortcuts();
    QVERIFY(keysOf(ActionId::NextSample).contains(QKeySequence(Qt::Key_Right)));
  }

  void navigatorStepsAndClamps() {
    FrameNavigator navigator;
    QSignalSpy changed(&navigator, &FrameNavigator::currentIndexChanged);
    navigator.step(1);  // no frames: nothing happens
    QCOMPARE(navigator.currentIndex(), -1);
    navigator.reset(5, 2.0);
    QCOMPARE(navigator.currentIndex(), 0);
    QCOMPARE(navigator.playbackIntervalMs(), 500);
    navigator.step(-1);
    QCOMPARE(navigator.currentIndex(), 0);
    navigator.step(3);
    QCOMPARE(navigator.currentIndex(), 3);
    navigator.goToLast();
    QCOMPARE(navigator.currentIndex(), 4);
    navigator.step(1);
    QCOMPARE(navigator.currentIndex(), 4);
    navigator.goToFirst();
    QCOMPARE(navigator.currentIndex(), 0);
    QCOMPARE(changed.count(), 4);  // reset->0, 3, 4, 0
  }

  void navigatorPlaysToTheEndAndStops() {
    FrameNavigator navigator;
    navigator.reset(4, 50.0);
    navigator.togglePlayback();
    QVERIFY(navigator.isPlaying());
    QTRY_COMPARE_WITH_TIMEOUT(navigator.currentIndex(), 3, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!navigator.isPlaying(), 10000);
    navigator.togglePlayback();  // from the end: restarts at the first frame
    QVERIFY(navigator.isPlaying());
    QCOMPARE(navigator.currentIndex(), 0);
    navigator.setPlaying(false);
    QVERIFY(!navigator.isPlaying());
  }

  void timelineSnapsClicksToSamples() {
    Timeline timeline;
    timeline.resize(424, timeline.sizeHint().height());
    std::vector<stts::SamplePoint> samples;
    for (int i = 0; i < 5; ++i) {
      stts::SamplePoint point;
      point.requestedTime = i * 1.0;
      point.frameNumber = i * 25;
      samples.push_back(point);
    }
    timeline.setSamples(samples, 4.0);
    timeline.setCurrentIndex(0);
    QCOMPARE(timeline.sampleCount(), 5);
    QVERIFY(timeline.xForSample(0) < timeline.xForSample(4));

    QSignalSpy requested(&timeline, &Timeline::sampleRequested);
    const int y = 20;
    // A click just right of sample 2 snaps to 2; a drag towards the end scrubs to 4.
    QTest::mousePress(&timeline, Qt::LeftButton, {}, QPoint(timeline.xForSample(2) + 10, y));
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.last().at(0).toInt(), 2);
    QTest::mouseMove(&timeline, QPoint(timeline.xForSample(4) - 3, y));
    QCOMPARE(requested.last().at(0).toInt(), 4);
    QTest::mouseRelease(&timeline, Qt::LeftButton, {}, QPoint(timeline.xForSample(4) - 3, y));
    QCOMPARE(timeline.sampleNearestTo(-100), 0);
    QCOMPARE(timeline.sampleNearestTo(10000), 4);
  }
};

QTEST_MAIN(WidgetsTest)
#include "test_widgets.moc"
