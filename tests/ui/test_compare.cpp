// The comparison window (ux.md §5, label ui) on runs made in the test (test_compare_support.h):
// one playhead and one zoom / pan for every pane checked on real pixels, the diff colours cell by
// cell, the IoU strip against an independent count, one stacked timing bar per run, headers and
// answers, refusal of runs that don't match, and how the window opens from the main window
// (Ctrl+Shift+C with the open run preselected, or dropping several run files).
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QLabel>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QUrl>
#include <QWheelEvent>

#include "common/message_bar.h"
#include "compare/compare_controller.h"
#include "compare/compare_pane.h"
#include "compare/iou_strip.h"
#include "compare/timing_chart.h"
#include "media/frame_navigator.h"
#include "test_compare_support.h"
#include "timeline/timeline.h"
#include "view/frame_view.h"

using namespace stts::ui;
using namespace stts::ui::test;
using namespace stts::ui::test::compare;

class CompareTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(settingsDir_.isValid());
    QVERIFY(scratch_.isValid());
    useTemporarySettings(settingsDir_);
    files_ = saveCompareRuns(scratch_.path());
  }

  void matchCheckAndIoUAreComputedRight() {
    std::vector<stts::RunResult> runs;
    for (int i = 0; i < 3; ++i)
      runs.push_back(*stts::loadRunFile(files_.matching[i].toStdString()));
    QVERIFY(comparisonProblem({&runs[0], &runs[1], &runs[2]}).isEmpty());
    QVERIFY(!comparisonProblem({&runs[0]}).isEmpty());
    for (int f = 0; f < kFrames; ++f) {
      QCOMPARE(keptIoU(runs[0], runs[1], f), expectedIoU(0, 1, f));
      const DiffCells diff = diffCells(runs[0], runs[2], f);
      for (int c = 0; c < stts::kCellsPerFrame; ++c) {
        QCOMPARE(int(diff[size_t(c)]), (kept(0, f, c) ? 1 : 0) | (kept(2, f, c) ? 2 : 0));
      }
    }
  }

  void panesShareOnePlayhead() {
    CompareWindow* window = openWindow(files_.matching);
    QVERIFY(window);
    QCOMPARE(window->paneCount(), 3);
    window->setOverlayMode(OverlayMode::Off);
    // Keys as a user presses them, then a click on the timeline.
    struct Step {
      Qt::Key key;
      int expected;
    };
    for (const Step& step : {Step{Qt::Key_Right, 1}, Step{Qt::Key_End, 3}, Step{Qt::Key_Left, 2},
                             Step{Qt::Key_Home, 0}}) {
      pressKey(*window, step.key);
      QCOMPARE(window->navigator()->currentIndex(), step.expected);
      verifyPanesShowFrame(window, step.expected);
    }
    Timeline* timeline = window->timeline();
    QTest::mouseClick(timeline, Qt::LeftButton, {}, QPoint(timeline->xForSample(2), 10));
    QCOMPARE(window->navigator()->currentIndex(), 2);
    verifyPanesShowFrame(window, 2);
  }

  void panesShareOneZoomAndPan() {
    CompareWindow* window = openWindow(files_.matching);
    QVERIFY(window);
    window->setOverlayMode(OverlayMode::Off);
    window->navigator()->setCurrentIndex(1);
    // Zoom and pan one pane as its own mouse handling would: the others follow.
    FrameView* second = window->pane(1)->view();
    second->setViewTransform(2.0, QPointF(0.2, -0.1));
    verifyTransformsEqual(window, 2.0);
    verifyRelativePixels(window, 1);
    // Ctrl + wheel over the third pane zooms every pane.
    FrameView* third = window->pane(2)->view();
    const QPointF centre(third->width() / 2.0, third->height() / 2.0);
    QWheelEvent wheel(centre, third->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton,
                      Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(third, &wheel);
    verifyTransformsEqual(window, 2.0 * FrameView::kZoomStep);
    verifyRelativePixels(window, 1);
    // The zoom keys, then back to fit.
    pressKey(*window, Qt::Key_Minus);
    verifyTransformsEqual(window, 2.0);
    pressKey(*window, Qt::Key_0);
    verifyTransformsEqual(window, 1.0);
    QCOMPARE(window->pan(), QPointF());
  }

  void diffOverlayColoursEachCell() {
    CompareWindow* window =
        openWindow({files_.matching[0], files_.matching[2], files_.matching[1]});
    QVERIFY(window);
    window->navigator()->setCurrentIndex(2);
    // O cycles off -> mask -> scores -> diff; the window starts on mask.
    QCOMPARE(window->overlayMode(), OverlayMode::Mask);
    pressKey(*window, Qt::Key_O);
    QCOMPARE(window->overlayMode(), OverlayMode::Score);
    pressKey(*window, Qt::Key_O);
    QCOMPARE(window->overlayMode(), OverlayMode::Diff);
    // Runs 0 and 2 (panes A and B) are the pair; pane C (run 1) keeps its own mask.
    QCOMPARE(window->pane(2)->view()->overlayStyle().mode, OverlayMode::Mask);
    for (int paneIndex : {0, 1}) {
      FrameView* view = window->pane(paneIndex)->view();
      QCOMPARE(view->overlayStyle().mode, OverlayMode::Diff);
      const float opacity = view->overlayStyle().opacity;
      const QImage image = view->grabFramebuffer();
      const QRectF frame = view->frameRect();
      const int run = paneIndex == 0 ? 0 : 2;
      for (int row = 0; row < stts::kCellGrid; ++row) {
        for (int column = 0; column < kLightColumns; ++column) {
          const int cell = row * stts::kCellGrid + column;
          const bool inA = kept(0, 2, cell);
          const bool inB = kept(2, 2, cell);
          const QColor expected = expectedDiffPixel(leftColour(run, 2), inA, inB, opacity);
          const QColor actual = pixelAt(image, cellCentre(frame, row, column));
          QVERIFY2(channelDiff(actual, expected) <= 4,
                   qPrintable(QStringLiteral("pane %1 cell (%2, %3): %4, expected %5")
                                  .arg(paneIndex)
                                  .arg(row)
                                  .arg(column)
                                  .arg(describe(actual), describe(expected))));
        }
      }
    }
    // The pair can change: B vs C.
    window->setDiffPair(1, 2);
    QCOMPARE(window->pane(0)->view()->overlayStyle().mode, OverlayMode::Mask);
    QCOMPARE(window->pane(2)->view()->overlayStyle().mode, OverlayMode::Diff);
  }

  void iouStripShowsTheIoUOfThePair() {
    CompareWindow* window = openWindow(files_.matching);
    QVERIFY(window);
    IoUStrip* strip = window->iouStrip();
    QCOMPARE(int(strip->values().size()), kFrames);
    for (int f = 0; f < kFrames; ++f) QCOMPARE(strip->values()[size_t(f)], expectedIoU(0, 1, f));
    window->setDiffPair(0, 2);
    for (int f = 0; f < kFrames; ++f) QCOMPARE(strip->values()[size_t(f)], expectedIoU(0, 2, f));
    // Hover: the bar under the mouse names its frame and value; bars sit under the timeline's
    // ticks.
    for (int f = 0; f < kFrames; ++f) {
      const int timelineX =
          window->timeline()->mapTo(window, QPoint(window->timeline()->xForSample(f), 0)).x();
      QCOMPARE(strip->mapTo(window, QPoint(strip->xForIndex(f), 0)).x(), timelineX);
      QTest::mouseMove(strip, QPoint(strip->xForIndex(f), strip->height() / 2));
      QTRY_VERIFY(strip->toolTip().contains(QString::number(expectedIoU(0, 2, f), 'f', 3)));
      QVERIFY(strip->toolTip().contains(QStringLiteral("Sample %1").arg(f + 1)));
    }
    // The strip draws: the bar of a frame with a higher IoU is taller.
    const QImage picture = strip->grab().toImage();
    QVERIFY(!picture.isNull());
  }

  void timingChartHasOneStackedBarPerRun() {
    CompareWindow* window = openWindow(files_.matching);
    QVERIFY(window);
    TimingChart* chart = window->timingChart();
    QCOMPARE(chart->categories().size(), 3);
    // Stages in first-seen order: decode, vit_pre, prefill, select.
    const QStringList stages = {"decode", "vit_pre", "prefill", "select"};
    const std::vector<std::vector<double>> expected = {
        {10, 20, 30, 0}, {12, 0, 50, 0}, {8, 0, 0, 4}};
    QCOMPARE(chart->data().stages, stages);
    QCOMPARE(chart->data().milliseconds, expected);
    // Every stage is in the legend and every run's bar is labelled, all inside the chart; the
    // axis counts in nice steps of milliseconds.
    const StageChartLayout& layout = chart->chartLayout();
    QVERIFY(layout.fits);
    QStringList legend;
    for (const LegendEntry& entry : layout.legend) legend.append(entry.label.text);
    QCOMPARE(legend, stages);
    QStringList rowLabels;
    for (const ChartText& text : layout.texts) {
      QVERIFY2(QRectF(chart->rect()).contains(text.rect), qPrintable(text.text));
      if (text.role == ChartText::Role::RowLabel) rowLabels.append(text.text);
      if (text.role == ChartText::Role::AxisTitle) QCOMPARE(text.text, QStringLiteral("Time (ms)"));
    }
    QCOMPARE(rowLabels, chart->categories());
    QVERIFY(!layout.unit.seconds);
    QVERIFY(layout.ticks.top() >= 62.0 && layout.ticks.top() - layout.ticks.step < 62.0);
    // Each run's bar has a segment per stage it recorded; hovering one names run, stage and time.
    QCOMPARE(int(layout.bars.size()), 7);
    const ChartBar* prefill = nullptr;
    for (const ChartBar& bar : layout.bars) {
      if (bar.row == 1 && bar.stage == 2) prefill = &bar;
    }
    QVERIFY(prefill);
    QTest::mouseMove(chart, prefill->rect.center().toPoint());
    QTRY_VERIFY2(chart->lastHoverText().contains(QStringLiteral("prefill: 50.0 ms")),
                 qPrintable(chart->lastHoverText()));
    QVERIFY(chart->lastHoverText().startsWith(chart->categories()[1]));
    // Headers and answers: method, keep %, vision tokens, answer tokens.
    const stts::RunResult& first = *window->runs()[0]->run;
    const QString header = window->pane(0)->header()->text();
    QVERIFY2(header.contains(QStringLiteral("stts")), qPrintable(header));
    QVERIFY2(header.contains(QString::number(first.visionTokensAfter)), qPrintable(header));
    QVERIFY2(header.contains(QStringLiteral("5 answer tokens")), qPrintable(header));
    QVERIFY(header.contains(QString::number(keptPercent(first), 'f', 1)));
    auto* answer = window->findChild<QPlainTextEdit*>(QStringLiteral("compareAnswer1"));
    QVERIFY(answer);
    QVERIFY(answer->toPlainText().contains(QStringLiteral("A square that is red.")));
    QVERIFY(answer->toPlainText().contains(QStringLiteral("7 answer tokens")));
  }

  void fourPanesSitInTwoRows() {
    QTemporaryDir more;
    QStringList paths = saveCompareRuns(more.path()).matching;
    RunSpec markup;
    markup.answer = "<b>bold?</b>";
    paths.append(saveRun(more.path(), 3, markup));
    CompareWindow* window = openWindow(paths);
    QVERIFY(window);
    QCOMPARE(window->paneCount(), 4);
    QCOMPARE(window->pane(1)->y(), window->pane(0)->y());
    QVERIFY(window->pane(2)->y() > window->pane(0)->y() + window->pane(0)->height() / 2);
    QCOMPARE(window->pane(2)->x(), window->pane(0)->x());
    // Answers are shown as text, never as markup.
    auto* answer = window->findChild<QPlainTextEdit*>(QStringLiteral("compareAnswer3"));
    QVERIFY(answer);  // plain text: never markup
    QVERIFY(answer->toPlainText().contains(QStringLiteral("<b>bold?</b>")));
    window->setOverlayMode(OverlayMode::Off);
    verifyPanesShowFrame(window, 0);
  }

  void mismatchedRunsAreRefused() {
    for (const QString& other : {files_.otherSampling, files_.otherVideo}) {
      auto window = std::make_unique<CompareWindow>();
      QSignalSpy refused(window.get(), &CompareWindow::refused);
      QSignalSpy loaded(window.get(), &CompareWindow::loaded);
      window->openRuns({files_.matching[0], other});
      QVERIFY(QTest::qWaitFor([&] { return refused.count() + loaded.count() > 0; }, 60000));
      QCOMPARE(loaded.count(), 0);
      QCOMPARE(window->paneCount(), 0);
      const QString message = window->problem();
      QVERIFY2(message.contains(QFileInfo(other).fileName()), qPrintable(message));
      QVERIFY2(message.contains(other == files_.otherSampling ? QStringLiteral("sampling")
                                                              : QStringLiteral("another video")),
               qPrintable(message));
      QCOMPARE(window->messageBar()->text(), message);
    }
    // One run is not a comparison.
    CompareWindow single;
    QSignalSpy refused(&single, &CompareWindow::refused);
    single.openRuns({files_.matching[0]});
    QCOMPARE(refused.count(), 1);
  }

  void opensFromTheMainWindow() {
    MainWindow main;
    main.resize(1000, 700);
    QVERIFY(showActive(main));
    QVERIFY(openRunAndWait(main, files_.matching[0]));
    CompareController* controller = main.compareController();
    QVERIFY(controller);
    // Ctrl+Shift+C: the picker, with the open run already in it.
    QTest::keyClick(&main, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(controller->picker());
    CompareRunsDialog* picker = controller->picker();
    QCOMPARE(picker->paths(), QStringList{QFileInfo(files_.matching[0]).absoluteFilePath()});
    QVERIFY(!picker->okButton()->isEnabled());
    picker->addPaths({files_.matching[1], files_.matching[0]});  // a duplicate is ignored
    QCOMPARE(picker->paths().size(), 2);
    QVERIFY(picker->okButton()->isEnabled());
    picker->okButton()->click();
    QTRY_VERIFY(controller->lastWindow());
    CompareWindow* window = controller->lastWindow();
    QTRY_VERIFY_WITH_TIMEOUT(window->paneCount() == 2, 60000);
    window->close();

    // Dropping several run files on the main window compares them.
    QMimeData mime;
    mime.setUrls(
        {QUrl::fromLocalFile(files_.matching[1]), QUrl::fromLocalFile(files_.matching[2])});
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&main, &enter);
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&main, &drop);
    QTRY_VERIFY(controller->lastWindow() && controller->lastWindow() != window);
    QTRY_VERIFY_WITH_TIMEOUT(controller->lastWindow()->paneCount() == 2, 60000);
    QCOMPARE(controller->lastWindow()->runs()[0]->path,
             QFileInfo(files_.matching[1]).absoluteFilePath());
    controller->lastWindow()->close();
  }

  void runsOverTheirVideoShowTheDecodedFrames() {
    // Two runs made over the red / green / blue clip (one second each), frames not stored: both
    // panes decode the clip and show the same sample.
    QStringList paths;
    {
      MainWindow main;
      QVERIFY(openAndWait(main, colourClip()));
      const LoadedVideo& video = *main.video();
      for (int r = 0; r < 2; ++r) {
        stts::RunResult run = makeRun(r, RunSpec{});
        run.inputFrames.clear();
        run.inputWidth = run.inputHeight = 0;
        run.request.videoPath = QFileInfo(colourClip()).absoluteFilePath().toStdString();
        run.request.sampling = video.sampling;
        run.video = video.info;
        run.video.path = run.request.videoPath;
        run.frames = int(video.points.size());
        run.frameTime.clear();
        run.framePts.clear();
        run.frameNumber.clear();
        run.scores.clear();
        run.keep.clear();
        run.keptPerFrame.clear();
        run.visionTokensAfter = 0;
        for (int f = 0; f < run.frames; ++f) {
          const stts::SamplePoint& point = video.points[size_t(f)];
          run.frameTime.push_back(point.requestedTime);
          run.framePts.push_back(point.pts);
          run.frameNumber.push_back(point.frameNumber);
          int count = 0;
          for (int c = 0; c < stts::kCellsPerFrame; ++c) {
            run.scores.push_back(0.5f);
            run.keep.push_back(kept(r, f, c) ? 1 : 0);
            count += kept(r, f, c) ? 1 : 0;
          }
          run.keptPerFrame.push_back(count);
          run.visionTokensAfter += count;
        }
        run.visionTokensBefore = int64_t(stts::kCellsPerFrame) * run.frames;
        paths.append(QDir(scratch_.path()).filePath(QStringLiteral("clip%1.sttsrun").arg(r)));
        auto saved = stts::saveRunFile(paths.back().toStdString(), run);
        QVERIFY2(saved, saved ? "" : saved.error().message.c_str());
      }
    }
    CompareWindow* window = openWindow(paths);
    QVERIFY(window);
    for (const LoadedRunPtr& run : window->runs()) QVERIFY(!run->usesStoredFrames);
    window->setOverlayMode(OverlayMode::Off);
    const LoadedVideo& video = *window->runs()[0]->video;
    for (int f = 0; f < int(video.points.size()); ++f) {
      const double t = video.points[size_t(f)].requestedTime;
      if (std::abs(t - 1.0) < 0.2 || std::abs(t - 2.0) < 0.2) continue;  // near a cut
      window->navigator()->setCurrentIndex(f);
      const QColor expected = t < 1.0   ? QColor(255, 0, 0)
                              : t < 2.0 ? QColor(0, 255, 0)
                                        : QColor(0, 0, 255);
      for (int p = 0; p < 2; ++p) {
        FrameView* view = window->pane(p)->view();
        const QColor actual = pixelAt(view->grabFramebuffer(), view->frameRect().center());
        QVERIFY2(
            colourNear(actual, expected),
            qPrintable(QStringLiteral("pane %1 frame %2: %3").arg(p).arg(f).arg(describe(actual))));
      }
    }
  }

  void cleanup() { windows_.clear(); }

 private:
  CompareWindow* openWindow(const QStringList& paths) {
    auto window = openCompareWindow(paths);
    if (!window) return nullptr;
    windows_.push_back(std::move(window));
    return windows_.back().get();
  }

  // Every pane shows sample `index` of its own run: its frame info and its pixels.
  void verifyPanesShowFrame(CompareWindow* window, int index) {
    QCOMPARE(window->timeline()->currentIndex(), index);
    for (int p = 0; p < window->paneCount(); ++p) {
      FrameView* view = window->pane(p)->view();
      QCOMPARE(view->sampledIndex(), index);
      const QImage image = view->grabFramebuffer();
      const QRectF frame = view->frameRect();
      const QColor left =
          pixelAt(image, QPointF(frame.left() + 0.2 * frame.width(), frame.center().y()));
      const QColor right =
          pixelAt(image, QPointF(frame.left() + 0.7 * frame.width(), frame.center().y()));
      QVERIFY2(
          colourNear(left, leftColour(p, index), 6),
          qPrintable(QStringLiteral("pane %1 frame %2: %3").arg(p).arg(index).arg(describe(left))));
      QVERIFY2(colourNear(right, rightColour(p, index), 6), qPrintable(describe(right)));
    }
  }

  void verifyTransformsEqual(CompareWindow* window, double zoom) {
    FrameView* first = window->pane(0)->view();
    QVERIFY2(std::abs(first->zoom() - zoom) < 1e-6, qPrintable(QString::number(first->zoom())));
    for (int p = 1; p < window->paneCount(); ++p) {
      FrameView* view = window->pane(p)->view();
      QCOMPARE(view->zoom(), first->zoom());
      QCOMPARE(view->pan(), first->pan());
      // Layouts may give panes a pixel more or less; the picture then differs by as much.
      QVERIFY(std::abs(view->width() - first->width()) <= 1);
      QVERIFY(std::abs(view->height() - first->height()) <= 1);
      const QRectF a = view->frameRect();
      const QRectF b = first->frameRect();
      QVERIFY2(std::abs(a.left() - b.left()) <= 1.5 && std::abs(a.top() - b.top()) <= 1.5 &&
                   std::abs(a.width() - b.width()) <= 3 && std::abs(a.height() - b.height()) <= 3,
               qPrintable(QStringLiteral("pane %1").arg(p)));
    }
  }

  // The same widget point shows the same part of the picture in every pane: light or dark side of
  // the 40 % split, in the pane's own run colours.
  void verifyRelativePixels(CompareWindow* window, int frameIndex) {
    FrameView* first = window->pane(0)->view();
    const QRectF frame = first->frameRect();
    for (double fx : {0.1, 0.3, 0.5, 0.7, 0.9}) {
      const QPointF point(fx * first->width(), 0.5 * first->height());
      const double u = (point.x() - frame.left()) / frame.width();
      if (u < 0.0 || u > 1.0 || std::abs(u - kSplit) < 0.03) continue;  // outside or on the edge
      for (int p = 0; p < window->paneCount(); ++p) {
        const QImage image = window->pane(p)->view()->grabFramebuffer();
        const QColor expected = u < kSplit ? leftColour(p, frameIndex) : rightColour(p, frameIndex);
        const QColor actual = pixelAt(image, point);
        QVERIFY2(colourNear(actual, expected, 6),
                 qPrintable(QStringLiteral("pane %1 at %2: %3, expected %4")
                                .arg(p)
                                .arg(fx)
                                .arg(describe(actual), describe(expected))));
      }
    }
  }

  // `panes` panes side by side at the video's display size, each showing frame `frameIndex` of
  // its own run (overlay off), or the diff of runs 0 and 1 in the first two.

  QTemporaryDir settingsDir_;
  QTemporaryDir scratch_;
  CompareRunFiles files_;
  std::vector<std::unique_ptr<CompareWindow>> windows_;
};

QTEST_MAIN(CompareTest)
#include "test_compare.moc"
