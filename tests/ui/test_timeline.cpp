// The timeline area and the transport keys (ux.md §2-3): ±1 sample, ±1 raw video frame decoded on
// a worker, ±1 second, Home/End, the J/K/L shuttle, click and drag on the timeline, the thumbnail
// strip (one item per sample, keep-% badge, current one outlined and in view) and the marks for
// frames a method treats specially. Real widgets under xvfb, real decoded pixels.
#include <QAction>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>
#include <cstring>

#include "actions/action_registry.h"
#include "common/time_format.h"
#include "gui_test_support.h"
#include "main/main_window.h"
#include "media/frame_navigator.h"
#include "media/frame_provider.h"
#include "stts/runfile.h"
#include "timeline/frame_marks.h"
#include "timeline/playback_controller.h"
#include "timeline/thumbnail_strip.h"
#include "timeline/timeline.h"
#include "view/frame_view.h"

using namespace stts::ui;
using namespace stts::ui::test;

namespace {

// testsrc2 at 30 fps for 20 s: every frame differs from the next (moving pattern and counter),
// and 2 samples per second give 40 samples, more than fit the window's width as thumbnails.
QString motionClip() {
  return QStringLiteral(STTS_FIXTURE_DIR "/longgop.mp4");
}

stts::RunResult makeRun(const LoadedVideo& video, const QString& videoPath) {
  stts::RunResult run;
  run.request.videoPath = QFile::encodeName(videoPath).toStdString();
  run.request.method = "stts";
  run.request.sampling = video.sampling;
  run.video = video.info;
  run.video.path = run.request.videoPath;
  run.frames = int(video.points.size());
  for (int f = 0; f < run.frames; ++f) {
    const stts::SamplePoint& point = video.points[size_t(f)];
    run.frameTime.push_back(point.requestedTime);
    run.framePts.push_back(point.pts);
    run.frameNumber.push_back(point.frameNumber);
    const int kept = f == 0 ? 81 : 20 + f % 40;  // a different keep % on every frame
    for (int c = 0; c < stts::kCellsPerFrame; ++c) {
      run.scores.push_back(0.5f);
      run.keep.push_back(c < kept ? 1 : 0);
    }
    run.keptPerFrame.push_back(kept);
    run.visionTokensAfter += kept;
  }
  run.visionTokensBefore = int64_t(stts::kCellsPerFrame) * run.frames;
  return run;
}

std::vector<stts::SamplePoint> evenSamples(int count, double spacing) {
  std::vector<stts::SamplePoint> samples;
  for (int i = 0; i < count; ++i) {
    stts::SamplePoint point;
    point.requestedTime = i * spacing;
    point.frameTime = point.requestedTime;
    point.frameNumber = i * 25;
    samples.push_back(point);
  }
  return samples;
}

bool samePixels(const stts::RgbImage& a, const stts::RgbImage& b) {
  return a.width == b.width && a.height == b.height && a.pixels == b.pixels;
}

// The thumbnail itself is in view (the gap after the last item may be cut off by a pixel).
bool fullyInView(ThumbnailStrip& strip, int index) {
  const QRect item = strip.visualRect(strip.model()->index(index, 0));
  const QRect picture(item.topLeft(), strip.thumbnailSize());
  return strip.viewport()->rect().contains(picture);
}

void pressWith(QWidget& window, Qt::Key key, Qt::KeyboardModifiers modifiers) {
  if (!window.isActiveWindow()) {
    window.activateWindow();
    (void)QTest::qWaitForWindowActive(&window, 5000);
  }
  QTest::keyClick(&window, key, modifiers);
}

}  // namespace

class TimelineTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(settingsDir_.isValid());
    QVERIFY(scratch_.isValid());
    useTemporarySettings(settingsDir_);
    QVERIFY2(QFileInfo::exists(motionClip()), "fixtures missing: build the stts_fixtures target");
  }

  void shuttleDoublesUpToEightAndReverses() {
    FrameNavigator navigator;
    navigator.reset(10, 2.0);
    QCOMPARE(navigator.shuttleSpeed(), 0);
    navigator.shuttleForward();
    QCOMPARE(navigator.shuttleSpeed(), 1);
    QCOMPARE(navigator.playbackIntervalMs(), 500);
    for (int expected : {2, 4, 8, 8}) {
      navigator.shuttleForward();
      QCOMPARE(navigator.shuttleSpeed(), expected);
    }
    QCOMPARE(navigator.playbackIntervalMs(), 62);
    navigator.shuttleReverse();  // from forward: backwards at normal speed
    QCOMPARE(navigator.shuttleSpeed(), -1);
    navigator.shuttleReverse();
    QCOMPARE(navigator.shuttleSpeed(), -2);
    navigator.setPlaying(false);
    QCOMPARE(navigator.shuttleSpeed(), 0);
    QVERIFY(!navigator.isPlaying());
    navigator.togglePlayback();  // Space plays forward at normal speed again
    QCOMPARE(navigator.shuttleSpeed(), 1);
    navigator.setPlaying(false);

    // Backwards playback runs to the first sample and stops there.
    navigator.reset(4, 50.0);
    navigator.goToLast();
    navigator.shuttleReverse();
    QTRY_COMPARE_WITH_TIMEOUT(navigator.currentIndex(), 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!navigator.isPlaying(), 10000);
  }

  void betweenSamplesStepsToTheNeighbours() {
    FrameNavigator navigator;
    navigator.reset(5, 2.0);
    navigator.setCurrentIndex(2);
    QSignalSpy changed(&navigator, &FrameNavigator::currentIndexChanged);
    navigator.setBetweenSamples(2);  // a raw frame between samples 2 and 3
    QCOMPARE(changed.count(), 0);
    navigator.step(-1);  // back lands on sample 2 itself, announced so it replaces the raw frame
    QCOMPARE(navigator.currentIndex(), 2);
    QCOMPARE(changed.count(), 1);
    navigator.setBetweenSamples(2);
    navigator.step(+1);
    QCOMPARE(navigator.currentIndex(), 3);
    QVERIFY(!navigator.isBetweenSamples());
  }

  void methodMarksComeFromTheRun() {
    stts::RunResult run;
    run.frames = 6;
    run.request.method = "stts";
    QCOMPARE(methodFrameMarks(run).forced, std::vector<int>{0});
    run.request.method = "random";
    QVERIFY(methodFrameMarks(run).forced.empty());
    QVERIFY(methodFrameMarks(run).references.empty());

    // Extras: per-frame flags, or frame indices; junk is dropped, unknown keys ignored.
    run.extras["evs_forced_frame"] = {0, 0, 1, 0, 0, 1};
    run.extras["reference_frames"] = {4, 1, 99, 2.5f, -1, 1};
    run.extras["pack_bin"] = {7, 7, 7};
    MethodFrameMarks marks = methodFrameMarks(run);
    QCOMPARE(marks.forced, (std::vector<int>{2, 5}));
    QCOMPARE(marks.references, (std::vector<int>{1, 4}));

    // The STTS heuristic scores every cell of a new reference frame -1.
    run.extras.clear();
    run.request.method = "heuristic";
    run.scores.assign(size_t(6 * stts::kCellsPerFrame), 0.9f);
    for (int t : {0, 3}) {
      std::fill_n(run.scores.begin() + t * stts::kCellsPerFrame, stts::kCellsPerFrame, -1.0f);
    }
    QCOMPARE(methodFrameMarks(run).references, (std::vector<int>{0, 3}));
    run.scores.resize(10);  // malformed: no marks, no crash
    QVERIFY(methodFrameMarks(run).references.empty());
  }

  void timelineDrawsRawPositionAndReferenceMarks() {
    Timeline timeline;
    timeline.resize(424, 100);
    timeline.setSamples(evenSamples(5, 1.0), 4.0);
    timeline.setKeepCounts({81, 40, 40, 40, 40}, 81, {0});
    timeline.setReferenceFrames({2});
    timeline.resize(424, timeline.sizeHint().height());
    timeline.setCurrentIndex(1);
    QCOMPARE(timeline.positionLabels().at(2), QStringLiteral("Frame 25"));

    const QImage image = timeline.grab().toImage();
    const QRect strip = timeline.keepStripRect();
    const QColor mark = image.pixelColor(timeline.xForSample(2), strip.top() + 5);
    QVERIFY2(colourNear(mark, Timeline::referenceColour(), 40), qPrintable(describe(mark)));

    timeline.setRawPosition(1.2, 31);
    QVERIFY(timeline.hasRawPosition());
    const QStringList labels = timeline.positionLabels();
    QCOMPARE(labels.at(0), QStringLiteral("00:00:01.200"));
    QVERIFY2(labels.at(1).contains(QStringLiteral("not a sampled frame")),
             qPrintable(labels.at(1)));
    QCOMPARE(labels.at(2), QStringLiteral("Frame 31"));
    timeline.setCurrentIndex(1);  // any sample clears the raw position
    QVERIFY(!timeline.hasRawPosition());
    QCOMPARE(timeline.positionLabels().at(2), QStringLiteral("Frame 25"));
  }

  // Time labels under the bar at steps that never crowd, and the keep strip's values on hover.
  void rulerLabelsAndKeepStripHover() {
    Timeline timeline;
    timeline.setSamples(evenSamples(17, 0.5), 8.0);
    timeline.resize(800, timeline.sizeHint().height());
    auto labels = timeline.rulerLabels();
    QVERIFY(labels.size() >= 4);
    QCOMPARE(labels.front().second, QStringLiteral("0 s"));
    const double step = labels[1].first - labels[0].first;
    QVERIFY2(step == 1.0 || step == 2.0 || step == 5.0, qPrintable(QString::number(step)));
    QCOMPARE(labels[1].second, QStringLiteral("%1 s").arg(step));
    timeline.resize(200, timeline.height());
    QVERIFY(timeline.rulerLabels().size() < labels.size());  // fewer, never overlapping
    timeline.setSamples(evenSamples(5, 3000.0), 3.0 * 3600.0);
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d:\\d\\d:\\d\\d$"))
                 .match(timeline.rulerLabels().back().second)
                 .hasMatch(),
             qPrintable(timeline.rulerLabels().back().second));

    // The labels are painted: ink right under the bar where the first label sits.
    timeline.setSamples(evenSamples(17, 0.5), 8.0);
    timeline.resize(800, timeline.sizeHint().height());
    const QImage ruler = timeline.grab().toImage();
    bool ink = false;
    const QColor base = ruler.pixelColor(timeline.width() / 2, 2);
    for (int y = 10 + 26 + 5; y < 10 + 26 + 18 && !ink; ++y)
      for (int x = 12; x < 30 && !ink; ++x) ink = ruler.pixelColor(x, y) != base;
    QVERIFY(ink);

    timeline.setKeepCounts(std::vector<int>(17, 40), 81, {0});
    timeline.resize(800, timeline.sizeHint().height());
    const QRect strip = timeline.keepStripRect();
    const QString tip =
        timeline.keepStripToolTipAt(QPoint(timeline.xForSample(4), strip.center().y()));
    QVERIFY2(tip.startsWith(QStringLiteral("Sample 5 · 00:00:02.000 · kept 40 of 81 cells")),
             qPrintable(tip));
    QVERIFY(timeline.keepStripToolTipAt(QPoint(timeline.xForSample(0), strip.center().y()))
                .contains(QStringLiteral("Kept whole")));
    QVERIFY(timeline.keepStripToolTipAt(QPoint(timeline.xForSample(4), 2)).isEmpty());
  }

  // On a narrow window the long raw-frame text is shortened rather than drawn over the time.
  void middleLabelNeverOverlapsTheTime() {
    Timeline timeline;
    timeline.setSamples(evenSamples(5, 1.0), 4.0);
    timeline.resize(460, timeline.sizeHint().height());
    timeline.setCurrentIndex(1);
    timeline.setRawPosition(1.2, 31);
    const QImage image = timeline.grab().toImage();
    const QFontMetrics metrics(timeline.font());
    const int top = timeline.height() - 10 - metrics.height();
    const int timeEnd = 12 + metrics.horizontalAdvance(timeline.positionLabels().at(0));
    const QColor background = image.pixelColor(timeEnd + 4, timeline.height() - 2);
    for (int y = top; y < top + metrics.height(); ++y) {
      for (int x = timeEnd + 2; x < timeEnd + 10; ++x) {
        QVERIFY2(image.pixelColor(x, y) == background,
                 qPrintable(QStringLiteral("ink at %1,%2").arg(x).arg(y)));
      }
    }
  }

  void arrowsSecondsAndHomeEndMoveThePlayhead() {
    MainWindow window;
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, motionClip()));
    FrameNavigator* nav = window.navigator();
    const int last = int(window.video()->points.size()) - 1;
    QVERIFY(last >= 39);  // 20 s at 2 samples per second (and the last frame)
    // Samples are 0.5 s apart, so one second is two samples, whichever key asks for it.
    pressWith(window, Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(nav->currentIndex(), 2);
    pressKey(window, Qt::Key_PageDown);
    QCOMPARE(nav->currentIndex(), 4);
    pressKey(window, Qt::Key_Period);
    QCOMPARE(nav->currentIndex(), 5);
    pressWith(window, Qt::Key_Left, Qt::ShiftModifier);
    QCOMPARE(nav->currentIndex(), 3);
    pressKey(window, Qt::Key_PageUp);
    QCOMPARE(nav->currentIndex(), 1);
    pressKey(window, Qt::Key_PageUp);  // clamps at the start
    QCOMPARE(nav->currentIndex(), 0);
    pressKey(window, Qt::Key_Right);
    QCOMPARE(nav->currentIndex(), 1);
    pressKey(window, Qt::Key_Comma);
    QCOMPARE(nav->currentIndex(), 0);
    pressKey(window, Qt::Key_End);
    QCOMPARE(nav->currentIndex(), last);
    pressKey(window, Qt::Key_PageDown);
    QCOMPARE(nav->currentIndex(), last);
    // From the end, one second back is the sample nearest to that time.
    const auto& points = window.video()->points;
    const double target = points.back().requestedTime - 1.0;
    int nearest = 0;
    for (int i = 0; i <= last; ++i) {
      if (std::abs(points[size_t(i)].requestedTime - target) <
          std::abs(points[size_t(nearest)].requestedTime - target)) {
        nearest = i;
      }
    }
    pressWith(window, Qt::Key_Left, Qt::ShiftModifier);
    QCOMPARE(nav->currentIndex(), nearest);
    QCOMPARE(window.timeline()->positionLabels().at(0),
             formatTimestamp(points[size_t(nearest)].requestedTime));
    pressKey(window, Qt::Key_Home);
    QCOMPARE(nav->currentIndex(), 0);
    QCOMPARE(window.timeline()->currentIndex(), 0);
    QCOMPARE(window.thumbnailStrip()->currentSample(), 0);
  }

  void ctrlArrowsShowRawFramesBetweenSamples() {
    MainWindow window;
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, motionClip()));
    PlaybackController* playback = window.playback();
    FrameNavigator* nav = window.navigator();
    const auto& points = window.video()->points;
    QCOMPARE(points[0].frameNumber, 0);
    QCOMPARE(points[1].frameNumber, 15);  // 30 fps, a sample every 0.5 s
    const stts::RgbImagePtr sampled = window.video()->store->display(0);

    QSignalSpy shown(playback, &PlaybackController::rawFrameShown);
    pressWith(window, Qt::Key_Right, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
    QCOMPARE(shown.last().at(0).toLongLong(), 1);
    QCOMPARE(playback->rawFrame(), 1);
    stts::RgbImagePtr raw = window.frameView()->frame();
    QVERIFY(raw);
    QVERIFY(raw != sampled);
    QCOMPARE(raw->width, sampled->width);
    QVERIFY2(!samePixels(*raw, *sampled), "the raw frame shows the same pixels as the sample");
    QVERIFY(!window.frameView()->overlayCells().has_value());
    QCOMPARE(nav->currentIndex(), 0);
    QVERIFY(nav->isBetweenSamples());
    const QStringList labels = window.timeline()->positionLabels();
    QCOMPARE(labels.at(2), QStringLiteral("Frame 1"));
    QCOMPARE(labels.at(0), QStringLiteral("00:00:00.033"));
    QVERIFY2(labels.at(1).contains(QStringLiteral("not a sampled frame")),
             qPrintable(labels.at(1)));
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("not a sampled frame")),
             qPrintable(window.statusBar()->currentMessage()));

    pressWith(window, Qt::Key_Right, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 2, 30000);
    QCOMPARE(playback->rawFrame(), 2);
    QVERIFY(!samePixels(*window.frameView()->frame(), *raw));

    // Back twice: frame 1 again (from the cache), then frame 0, which is sample 0 itself.
    const int64_t decodedBefore = playback->frameProvider()->decodedCount();
    pressWith(window, Qt::Key_Left, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 3, 30000);
    QCOMPARE(playback->rawFrame(), 1);
    QCOMPARE(playback->frameProvider()->decodedCount(), decodedBefore);
    pressWith(window, Qt::Key_Left, Qt::ControlModifier);
    QCOMPARE(playback->rawFrame(), -1);
    QCOMPARE(nav->currentIndex(), 0);
    QVERIFY(window.frameView()->frame() == sampled);
    QVERIFY(!window.timeline()->hasRawPosition());

    // From a raw frame, Right goes to the next sample and Left back to the one before it.
    pressWith(window, Qt::Key_Right, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 4, 30000);
    pressKey(window, Qt::Key_Right);
    QCOMPARE(nav->currentIndex(), 1);
    QVERIFY(window.frameView()->frame() == window.video()->store->display(1));
    pressWith(window, Qt::Key_Left, Qt::ControlModifier);  // frame 14, between samples 0 and 1
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 5, 30000);
    QCOMPARE(playback->rawFrame(), 14);
    QCOMPARE(nav->currentIndex(), 0);
    pressKey(window, Qt::Key_Left);
    QCOMPARE(nav->currentIndex(), 0);
    QVERIFY(window.frameView()->frame() == sampled);
  }

  void rawFramesNeedTheVideoOfARun() {
    MainWindow window;
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, motionClip()));
    // A run whose video is there steps between its samples like a plain video.
    {
      const stts::RunResult withVideo =
          makeRun(*window.video(), QFileInfo(motionClip()).absoluteFilePath());
      const QString path = scratch_.filePath(QStringLiteral("with_video.sttsrun"));
      QVERIFY(stts::saveRunFile(QFile::encodeName(path).toStdString(), withVideo));
      QVERIFY(openRunAndWait(window, path));
      QVERIFY(!window.run()->usesStoredFrames);
      QVERIFY(window.frameView()->overlayCells().has_value());
      QSignalSpy shown(window.playback(), &PlaybackController::rawFrameShown);
      pressWith(window, Qt::Key_Right, Qt::ControlModifier);
      QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
      QCOMPARE(window.playback()->rawFrame(), 1);
      QVERIFY(!window.frameView()->overlayCells().has_value());  // the model never saw frame 1
      pressWith(window, Qt::Key_Left, Qt::ControlModifier);
      QVERIFY(window.frameView()->overlayCells().has_value());  // sample 0 again, with its cells
    }
    stts::RunResult run = makeRun(*window.video(), scratch_.filePath(QStringLiteral("gone.mp4")));
    run.inputWidth = 378;
    run.inputHeight = 378;
    run.inputFrames.assign(size_t(run.frames) * 378 * 378 * 3, 90);
    const QString path = scratch_.filePath(QStringLiteral("stored.sttsrun"));
    QVERIFY(stts::saveRunFile(QFile::encodeName(path).toStdString(), run));
    QVERIFY(openRunAndWait(window, path));
    QVERIFY(window.run()->usesStoredFrames);
    QVERIFY(!window.playback()->rawFramesUnavailableReason().isEmpty());
    pressWith(window, Qt::Key_Right, Qt::ControlModifier);
    QTest::qWait(200);
    QCOMPARE(window.playback()->rawFrame(), -1);
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("stored")),
             qPrintable(window.statusBar()->currentMessage()));
  }

  void shuttleKeys() {
    MainWindow window;
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, motionClip()));
    FrameNavigator* nav = window.navigator();
    pressKey(window, Qt::Key_L);
    QCOMPARE(nav->shuttleSpeed(), 1);
    pressKey(window, Qt::Key_L);
    QCOMPARE(nav->shuttleSpeed(), 2);
    pressKey(window, Qt::Key_L);
    QCOMPARE(nav->shuttleSpeed(), 4);
    pressKey(window, Qt::Key_J);
    QCOMPARE(nav->shuttleSpeed(), -1);
    pressKey(window, Qt::Key_J);
    QCOMPARE(nav->shuttleSpeed(), -2);
    pressKey(window, Qt::Key_K);
    QVERIFY(!nav->isPlaying());
    QCOMPARE(nav->shuttleSpeed(), 0);

    // K held: L and J step one sample each and never start playback.
    nav->setCurrentIndex(10);
    QTest::keyPress(&window, Qt::Key_K);
    QVERIFY(window.playback()->isShuttlePauseHeld());
    QTest::keyClick(&window, Qt::Key_L);
    QCOMPARE(nav->currentIndex(), 11);
    QVERIFY(!nav->isPlaying());
    QTest::keyClick(&window, Qt::Key_J);
    QTest::keyClick(&window, Qt::Key_J);
    QCOMPARE(nav->currentIndex(), 9);
    QVERIFY(!nav->isPlaying());
    QTest::keyRelease(&window, Qt::Key_K);
    QVERIFY(!window.playback()->isShuttlePauseHeld());
    pressKey(window, Qt::Key_L);
    QVERIFY(nav->isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(nav->currentIndex() > 9, 10000);
    pressKey(window, Qt::Key_K);
    QVERIFY(!nav->isPlaying());
  }

  void timelineClickAndDragSnapToSamples() {
    MainWindow window;
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, motionClip()));
    Timeline* timeline = window.timeline();
    FrameNavigator* nav = window.navigator();
    const FrameStore& frames = *window.video()->store;
    const int y = 20;
    // Just past sample 7 snaps back to 7; a third of the way to 13 snaps to 12.
    const int x7 = timeline->xForSample(7);
    const int between = x7 + (timeline->xForSample(8) - x7) / 3;
    QTest::mouseClick(timeline, Qt::LeftButton, {}, QPoint(between, y));
    QCOMPARE(nav->currentIndex(), 7);
    QVERIFY(window.frameView()->frame() == frames.display(7));

    // Drag: the frame follows the pointer while the button is still down (live preview).
    QTest::mousePress(timeline, Qt::LeftButton, {}, QPoint(timeline->xForSample(2), y));
    QCOMPARE(nav->currentIndex(), 2);
    for (int target : {5, 12, 20}) {
      QTest::mouseMove(timeline, QPoint(timeline->xForSample(target) + 1, y));
      QCOMPARE(nav->currentIndex(), target);
      QVERIFY(window.frameView()->frame() == frames.display(target));
      QCOMPARE(timeline->currentIndex(), target);
    }
    QTest::mouseRelease(timeline, Qt::LeftButton, {}, QPoint(timeline->xForSample(20) + 1, y));
    QCOMPARE(window.thumbnailStrip()->currentSample(), 20);
  }

  void thumbnailStripFollowsThePlayhead() {
    MainWindow window;
    window.resize(1000, 700);
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, motionClip()));
    ThumbnailStrip* strip = window.thumbnailStrip();
    const int count = int(window.video()->points.size());
    QCOMPARE(strip->thumbnailCount(), count);
    QTRY_VERIFY(strip->builtThumbnailCount() > 0);
    // Only what has been on screen is scaled: the strip is far wider than the window.
    QVERIFY2(strip->builtThumbnailCount() < count,
             qPrintable(QString::number(strip->builtThumbnailCount())));
    QVERIFY(strip->badgeText(0).isEmpty());  // no run, no badge

    pressKey(window, Qt::Key_End);
    QCOMPARE(strip->currentSample(), count - 1);
    QTRY_VERIFY(fullyInView(*strip, count - 1));
    QVERIFY(strip->horizontalScrollBar()->value() > 0);
    QTRY_VERIFY(strip->isThumbnailBuilt(count - 1));
    // The current item is outlined in the highlight colour.
    const QRect item = strip->visualRect(strip->model()->index(count - 1, 0));
    const QImage pixels = strip->viewport()->grab().toImage();
    const QColor outline = pixels.pixelColor(item.left() + 1, item.center().y());
    QVERIFY2(colourNear(outline, strip->palette().color(QPalette::Highlight), 10),
             qPrintable(describe(outline)));
    const QRect other = strip->visualRect(strip->model()->index(count - 3, 0));
    QVERIFY(!colourNear(pixels.pixelColor(other.left() + 1, other.center().y()),
                        strip->palette().color(QPalette::Highlight), 10));

    // The mouse wheel scrolls the strip sideways.
    const int scrolled = strip->horizontalScrollBar()->value();
    QWheelEvent wheel(QPointF(20, 20), strip->viewport()->mapToGlobal(QPointF(20, 20)), QPoint(),
                      QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(strip->viewport(), &wheel);
    QVERIFY(strip->horizontalScrollBar()->value() < scrolled);

    pressKey(window, Qt::Key_Home);
    QTRY_VERIFY(fullyInView(*strip, 0));
    // A click on a thumbnail seeks there.
    const QRect third = strip->visualRect(strip->model()->index(3, 0));
    QTest::mouseClick(strip->viewport(), Qt::LeftButton, {}, third.center());
    QCOMPARE(window.navigator()->currentIndex(), 3);
    QVERIFY(window.frameView()->frame() == window.video()->store->display(3));

    // With a run the badges show each frame's keep %.
    stts::RunResult run = makeRun(*window.video(), QFileInfo(motionClip()).absoluteFilePath());
    const QString path = scratch_.filePath(QStringLiteral("badges.sttsrun"));
    QVERIFY(stts::saveRunFile(QFile::encodeName(path).toStdString(), run));
    QVERIFY(openRunAndWait(window, path));
    QCOMPARE(strip->thumbnailCount(), run.frames);
    for (int i : {0, 1, 7, run.frames - 1}) {
      const int percent = int(std::lround(100.0 * run.keptPerFrame[size_t(i)] / 81.0));
      QCOMPARE(strip->badgeText(i), QStringLiteral("%1 %").arg(percent));
    }
    QCOMPARE(strip->badgeText(0), QStringLiteral("100 %"));
    // The run's forced first frame is marked on the timeline.
    QCOMPARE(window.timeline()->forcedFrames(), std::vector<int>{0});
    // An artefact for eyes: the timeline area with a run.
    pressKey(window, Qt::Key_End);
    QTest::qWait(100);
    window.grab().save(QStringLiteral(STTS_BINARY_DIR "/timeline_thumbnails.png"), "PNG");
  }

  // Not a timed assertion: prints what scaling thumbnails costs for the 384-frame maximum.
  void thumbnailCostFor384Frames() {
    auto video = std::make_shared<LoadedVideo>();
    auto image = std::make_shared<stts::RgbImage>();
    image->width = 640;
    image->height = 360;
    image->pixels.assign(size_t(640 * 360 * 3), 100);
    std::vector<stts::SampledFrame> frames;
    for (int i = 0; i < 384; ++i) {
      auto own = std::make_shared<stts::RgbImage>(*image);
      own->pixels[0] = uint8_t(i);
      stts::SampledFrame frame;
      frame.point.requestedTime = i * 0.5;
      frame.point.frameNumber = i;
      frame.image = own;
      video->points.push_back(frame.point);
      frames.push_back(frame);
    }
    video->store = std::make_shared<FrameStore>(std::move(frames), FrameMemoryLimits{});
    ThumbnailStrip strip;
    strip.resize(1280, strip.sizeHint().height());
    QElapsedTimer timer;
    timer.start();
    strip.setFrames(video, std::vector<int>(384, 40), 81);
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    const qint64 firstShow = timer.elapsed();
    const int visible = strip.builtThumbnailCount();
    timer.restart();
    strip.buildAllThumbnails();
    const qint64 all = timer.elapsed();
    qInfo("thumbnails, 384 frames of 640x360: first paint %lld ms (%d built), all %lld ms",
          firstShow, visible, all);
    QCOMPARE(strip.builtThumbnailCount(), 384);
  }

 private:
  QTemporaryDir settingsDir_;
  QTemporaryDir scratch_;
};

QTEST_MAIN(TimelineTest)
#include "test_timeline.moc"
