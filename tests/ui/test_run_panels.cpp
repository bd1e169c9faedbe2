// The run docks (label ui): Timing, Data and Answer for a run built here, saved with
// stts::saveRunFile and opened like a user would (no model needed). Checks the chart's bars hold
// the run's milliseconds and tokens, PNG and SVG exports really draw, the data table's rows and
// kept counts match the run and clicking a row moves the playhead, the answer text and counts,
// the empty states, View ▸ Panels toggles, the dock layout surviving a restart, and dropped
// folders (a model folder is chosen, anything else is refused with a sentence).
#include <QAction>
#include <QBarSet>
#include <QChartView>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "charts/timing_panel.h"
#include "common/message_bar.h"
#include "gui_test_support.h"
#include "main/main_window.h"
#include "media/frame_navigator.h"
#include "panels/answer_panel.h"
#include "panels/data_panel.h"
#include "panels/run_panels.h"
#include "stts/runfile.h"
#include "stts/tiny_model.h"
#if STTS_UI_HAVE_MODEL
#include "ask/ask_panel.h"
#endif

using namespace stts::ui;
using namespace stts::ui::test;

namespace {

struct Stage {
  const char* name;
  double milliseconds;
  int64_t tokens;
};

// Every stage of design.md §4, with distinct times so a mix-up shows.
const Stage kStages[] = {
    {"decode", 12.5, 7},        {"preprocess", 4.0, 7},  {"vit_pre", 40.25, 5103},
    {"select", 1.5, 567},       {"vit_bias", 2.0, 567},  {"pack", 0.75, 300},
    {"vit_post", 21.0, 300},    {"connector", 6.0, 300}, {"prefill", 55.0, 342},
    {"decode_tokens", 80.0, 5},
};

const char kAnswer[] = "Red, then green, then blue.";

// Frame f keeps 81 - 5 f cells (at least 1), so every row's count differs.
int keptIn(int frame) {
  return std::max(1, stts::kCellsPerFrame - 5 * frame);
}

stts::RunResult makeRun(const LoadedVideo& video, const QString& modelDir) {
  stts::RunResult run;
  run.request.videoPath = QFile::encodeName(video.path).toStdString();
  run.request.modelPath = QFile::encodeName(modelDir).toStdString();
  run.request.sampling = video.sampling;
  run.request.question = "Which colours?";
  run.request.method = "stts";
  run.request.keepRatio = 0.6;
  run.video = video.info;
  run.video.path = run.request.videoPath;
  run.frames = int(video.frames.size());
  for (int f = 0; f < run.frames; ++f) {
    const stts::SamplePoint& point = video.frames[size_t(f)].point;
    run.frameTime.push_back(point.requestedTime);
    run.framePts.push_back(point.pts);
    run.frameNumber.push_back(point.frameNumber);
    for (int c = 0; c < stts::kCellsPerFrame; ++c) {
      run.scores.push_back(float(c));
      run.keep.push_back(c < keptIn(f) ? 1 : 0);
    }
    run.keptPerFrame.push_back(keptIn(f));
    run.visionTokensAfter += keptIn(f);
  }
  run.visionTokensBefore = int64_t(stts::kCellsPerFrame) * run.frames;
  for (const Stage& stage : kStages) {
    run.timings.push_back({stage.name, stage.milliseconds, "cpu", stage.tokens});
  }
  run.answer = kAnswer;
  run.answerTokens = {11, 12, 13, 14, 15};
  run.promptTokens = 342;
  run.peakMemoryBytes = 64LL << 20;
  return run;
}

// Pixels that differ clearly from the image's corner (the chart's background).
int drawnPixels(const QImage& image) {
  const QColor background = image.pixelColor(0, 0);
  int count = 0;
  for (int y = 0; y < image.height(); y += 2) {
    for (int x = 0; x < image.width(); x += 2) {
      if (!colourNear(image.pixelColor(x, y), background, 40)) ++count;
    }
  }
  return count;
}

}  // namespace

class RunPanelsTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir settingsDir_;
  QTemporaryDir scratch_;
  QString modelPath_;
  QString runPath_;

  // Opens the colour clip, saves a run made for its frames and opens that run.
  bool openRun(MainWindow& window) {
    if (!openAndWait(window, colourClip())) return false;
    if (runPath_.isEmpty()) {
      runPath_ = scratch_.filePath(QStringLiteral("panels.sttsrun"));
      const stts::RunResult run = makeRun(*window.video(), modelPath_);
      if (auto saved = stts::saveRunFile(QFile::encodeName(runPath_).toStdString(), run); !saved) {
        qWarning("saveRunFile: %s", saved.error().message.c_str());
        return false;
      }
    }
    return openRunAndWait(window, runPath_);
  }

 private slots:
  void initTestCase() {
    QVERIFY(settingsDir_.isValid());
    QVERIFY(scratch_.isValid());
    useTemporarySettings(settingsDir_);
    modelPath_ = scratch_.filePath(QStringLiteral("tiny"));
    auto written = stts::writeTinyModel(QFile::encodeName(modelPath_).toStdString());
    QVERIFY2(bool(written), written ? "" : written.error().message.c_str());
  }

  void timingChartShowsTheStagesAndExports() {
    MainWindow window;
    QVERIFY(showActive(window));
    TimingPanel* timing = window.runPanels()->timingPanel();
    QVERIFY(timing->isVisible());
    QVERIFY(timing->emptyLabel()->isVisible());  // nothing open yet
    QVERIFY(openAndWait(window, colourClip()));
    QVERIFY(!timing->hasRun());
    QVERIFY(timing->emptyLabel()->isVisible());  // a video without a run has no timings
    QVERIFY(timing->exportChart(TimingPanel::Chart::Time, scratch_.filePath("none.png")) != "");

    QVERIFY(openRun(window));
    QVERIFY(timing->hasRun());
    QVERIFY(!timing->emptyLabel()->isVisible());
    const QList<QBarSet*> sets = timing->timeBarSets();
    QCOMPARE(sets.size(), int(std::size(kStages)));
    double total = 0.0;
    for (const Stage& stage : kStages) total += stage.milliseconds;
    for (int i = 0; i < sets.size(); ++i) {
      const Stage& stage = kStages[i];
      QCOMPARE(sets[i]->count(), 1);
      QCOMPARE(sets[i]->at(0), stage.milliseconds);
      // The legend names the stage with its milliseconds and share.
      QVERIFY2(sets[i]->label().startsWith(QString::fromLatin1(stage.name) + QLatin1Char(' ')),
               qPrintable(sets[i]->label()));
      const QString share = QString::number(100.0 * stage.milliseconds / total, 'f', 1);
      QVERIFY2(sets[i]->label().contains(share), qPrintable(sets[i]->label()));
      QCOMPARE(timing->tokenBarSet()->at(sets.size() - 1 - i), double(stage.tokens));
    }
    // Hovering a segment names its stage, milliseconds and tokens.
    emit sets[2]->hovered(true, 0);
    QVERIFY2(timing->lastHoverText().contains(QStringLiteral("vit_pre")) &&
                 timing->lastHoverText().contains(QStringLiteral("40.25")) &&
                 timing->lastHoverText().contains(QStringLiteral("5103")),
             qPrintable(timing->lastHoverText()));
    emit sets[2]->hovered(false, 0);

    for (auto chart : {TimingPanel::Chart::Time, TimingPanel::Chart::Tokens}) {
      const QString name =
          chart == TimingPanel::Chart::Time ? QStringLiteral("time") : QStringLiteral("tokens");
      const QString png = scratch_.filePath(name + QStringLiteral(".png"));
      QCOMPARE(timing->exportChart(chart, png), QString());
      QImage image(png);
      QVERIFY(!image.isNull());
      QVERIFY(image.width() >= timing->chartView(chart)->width());
      const int drawn = drawnPixels(image);
      QVERIFY2(drawn > 500, qPrintable(QStringLiteral("%1 drawn pixels").arg(drawn)));

      const QString svg = scratch_.filePath(name + QStringLiteral(".svg"));
      QCOMPARE(timing->exportChart(chart, svg), QString());
      QFile file(svg);
      QVERIFY(file.open(QIODevice::ReadOnly));
      const QByteArray text = file.readAll();
      QVERIFY(text.contains("<svg"));
      QVERIFY(text.contains("</svg>"));
      QSvgRenderer renderer(svg);
      QVERIFY(renderer.isValid());
      QVERIFY(!renderer.defaultSize().isEmpty());
    }
    // An export to a folder that does not exist says so instead of writing.
    QVERIFY(!timing
                 ->exportChart(TimingPanel::Chart::Time,
                               scratch_.filePath(QStringLiteral("missing/dir/time.png")))
                 .isEmpty());
  }

  void dataTableMatchesTheRunAndSeeks() {
    MainWindow window;
    QVERIFY(showActive(window));
    DataPanel* data = window.runPanels()->dataPanel();
    data->show();
    data->raise();
    QVERIFY(openRun(window));
    const stts::RunResult& run = *window.run()->run;
    QTableWidget* table = data->table();
    QCOMPARE(table->rowCount(), run.frames);
    QVERIFY(run.frames >= 3);
    int keptSum = 0;
    for (int row = 0; row < table->rowCount(); ++row) {
      QCOMPARE(table->item(row, DataPanel::IndexColumn)->text(), QString::number(row + 1));
      QCOMPARE(table->item(row, DataPanel::FrameColumn)->text(),
               QString::number(run.frameNumber[size_t(row)]));
      const int kept = table->item(row, DataPanel::KeptColumn)->text().toInt();
      QCOMPARE(kept, keptIn(row));
      keptSum += kept;
    }
    QCOMPARE(keptSum, int(run.visionTokensAfter));
    const QString summary = data->summaryLabel()->text();
    QVERIFY2(summary.contains(QString::number(run.visionTokensBefore)) &&
                 summary.contains(QString::number(run.visionTokensAfter)) &&
                 summary.contains(QStringLiteral("tiny")) &&
                 summary.contains(QStringLiteral("colours_320x240.mp4")),
             qPrintable(summary));

    // A click on a row shows that frame; the playhead moving selects its row.
    QTRY_VERIFY(table->isVisible());
    const int target = run.frames - 1;
    table->scrollToItem(table->item(target, 0));
    const QRect cell = table->visualItemRect(table->item(target, DataPanel::TimeColumn));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
    QCOMPARE(window.navigator()->currentIndex(), target);
    window.navigator()->setCurrentIndex(1);
    QCOMPARE(table->currentRow() == 1 || table->selectionModel()->isRowSelected(1, {}), true);

    // A plain video afterwards: its frames, no kept counts.
    QVERIFY(openAndWait(window, colourClip()));
    QCOMPARE(table->rowCount(), int(window.video()->frames.size()));
    QVERIFY(table->item(0, DataPanel::KeptColumn)->text().isEmpty());
  }

  void answerPanelShowsTheRunsAnswer() {
    MainWindow window;
    QVERIFY(showActive(window));
    AnswerPanel* answer = window.runPanels()->answerPanel();
    QVERIFY(answer->answerText().isEmpty());
    QVERIFY(openRun(window));
    QCOMPARE(answer->answerText(), QString::fromLatin1(kAnswer));
    QVERIFY(answer->answerBox()->isReadOnly());
    QVERIFY(answer->answerBox()->textInteractionFlags() & Qt::TextSelectableByMouse);
    const QString details = answer->detailsLabel()->text();
    QVERIFY2(details.contains(QStringLiteral("342")) && details.contains(QStringLiteral("5 ")) &&
                 details.contains(QStringLiteral("stts")) &&
                 details.contains(QStringLiteral("0.60")),
             qPrintable(details));
    // The run's model is the tiny one: its answers are labelled as meaningless.
    QVERIFY(answer->demoLabel()->isVisible());
    // A video without a run clears it.
    QVERIFY(openAndWait(window, colourClip()));
    QVERIFY(answer->answerText().isEmpty());
    QVERIFY(!answer->demoLabel()->isVisible());
  }

  void panelsToggleFromTheMenuAndPersist() {
    {
      MainWindow window;
      QVERIFY(showActive(window));
      RunPanels* panels = window.runPanels();
      const QList<QAction*> menu = window.panelsMenu()->actions();
      for (QDockWidget* dock : std::initializer_list<QDockWidget*>{
               panels->answerPanel(), panels->timingPanel(), panels->dataPanel()}) {
        QVERIFY(!dock->objectName().isEmpty());
        QVERIFY(menu.contains(dock->toggleViewAction()));
        QVERIFY(!dock->toggleViewAction()->text().isEmpty());
      }
      QVERIFY(panels->answerPanel()->isVisible());
      panels->answerPanel()->toggleViewAction()->trigger();
      QVERIFY(!panels->answerPanel()->isVisible());
      panels->answerPanel()->toggleViewAction()->trigger();
      QVERIFY(panels->answerPanel()->isVisible());
      // Leave the timing dock closed: the next window must restore it closed.
      panels->timingPanel()->toggleViewAction()->trigger();
      QVERIFY(panels->timingPanel()->isHidden());
      window.close();
    }
    MainWindow again;
    QVERIFY(showActive(again));
    QVERIFY(again.runPanels()->timingPanel()->isHidden());
    QVERIFY(again.runPanels()->answerPanel()->isVisible());
    again.runPanels()->timingPanel()->toggleViewAction()->trigger();
    QVERIFY(again.runPanels()->timingPanel()->isVisible());
    again.close();
  }

  void droppedFoldersChooseAModelOrSayWhyNot() {
    MainWindow window;
    QVERIFY(showActive(window));
    auto drop = [&](const QString& path) {
      QMimeData mime;
      mime.setUrls({QUrl::fromLocalFile(path)});
      const QPoint centre = window.rect().center();
      QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
      QApplication::sendEvent(&window, &enter);
      QDropEvent event(QPointF(centre), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
      QApplication::sendEvent(&window, &event);
      return enter.isAccepted();
    };
    QSignalSpy videoStarted(&window, &MainWindow::videoLoadFailed);
    QTemporaryDir notAModel;
    QVERIFY(drop(notAModel.path()));
    QVERIFY(window.messageBar()->isVisible());
    QVERIFY2(window.messageBar()->text().contains(QStringLiteral("config.json")),
             qPrintable(window.messageBar()->text()));
    QCOMPARE(videoStarted.count(), 0);  // a folder is never opened as a video
    QVERIFY(!window.isLoading());

    // A broken config is refused with the parser's sentence.
    QTemporaryDir broken;
    QFile config(broken.filePath(QStringLiteral("config.json")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("{\"text_config\": {\"hidden_size\": \"wide\"}}");
    config.close();
    window.messageBar()->dismiss();
    QVERIFY(!window.runPanels()->openModelFolder(broken.path()));
    QVERIFY(window.messageBar()->isVisible());

    window.messageBar()->dismiss();
    QVERIFY(drop(modelPath_));
#if STTS_UI_HAVE_MODEL
    QCOMPARE(window.askPanel()->modelFolder(), QFileInfo(modelPath_).absoluteFilePath());
    QVERIFY(!window.messageBar()->isVisible());
#else
    QVERIFY(window.messageBar()->isVisible());  // this build cannot run models, and says so
#endif
  }
};

QTEST_MAIN(RunPanelsTest)
#include "test_run_panels.moc"
      // The data table, closed at first, opens at a readable size, not as a sliver.
      window.resize(1280, 800);
      QVERIFY(panels->dataPanel()->isHidden());
      panels->dataPanel()->toggleViewAction()->trigger();
      QTRY_VERIFY(panels->dataPanel()->width() >= 240 && panels->dataPanel()->height() >= 160);
      panels->dataPanel()->toggleViewAction()->trigger();
