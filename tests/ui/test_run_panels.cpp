// The run docks (label ui): Timing, Data and Answer for a run built here, saved with
// stts::saveRunFile and opened like a user would (no model needed). Checks the charts hold the
// run's milliseconds and tokens, name every stage in full at any dock size (issue #13), PNG (at a
// chosen scale or dpi) and SVG exports really draw, the data table's rows and
// kept counts match the run and clicking a row moves the playhead, the answer text and counts,
// the empty states, View ▸ Panels toggles, the dock layout surviving a restart, and dropped
// folders (a model folder is chosen, anything else is refused with a sentence).
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSvgRenderer>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include "charts/chart_export.h"
#include "charts/stage_chart_view.h"
#include "charts/stage_colours.h"
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

// A long run as issue #13 reported it: decode_tokens the largest, vit_pre 23 % of 71 s.
const Stage kLongStages[] = {
    {"decode", 1204.3, 7},          {"preprocess", 311.8, 7},  {"vit_pre", 16595.7, 5103},
    {"select", 42.6, 567},          {"vit_bias", 1390.2, 567}, {"pack", 3.9, 300},
    {"vit_post", 9811.5, 300},      {"connector", 702.4, 300}, {"prefill", 11840.6, 342},
    {"decode_tokens", 29120.0, 96},
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
  run.frames = int(video.points.size());
  for (int f = 0; f < run.frames; ++f) {
    const stts::SamplePoint& point = video.points[size_t(f)];
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
int drawnPixels(const QImage& image, QRect area = {}, int step = 2) {
  if (area.isNull()) area = image.rect();
  const QColor background = image.pixelColor(0, 0);
  int count = 0;
  for (int y = area.top(); y <= area.bottom(); y += step) {
    for (int x = area.left(); x <= area.right(); x += step) {
      if (!colourNear(image.pixelColor(x, y), background, 40)) ++count;
    }
  }
  return count;
}

int pixelsOf(const QImage& image, QRect area, QColor colour) {
  int count = 0;
  for (int y = area.top(); y <= area.bottom(); ++y) {
    for (int x = area.left(); x <= area.right(); ++x) count += image.pixelColor(x, y) == colour;
  }
  return count;
}

// A rectangle of the widget in the pixels of its grab().
QRect inPixels(const QRectF& rect, qreal ratio) {
  return QRectF(rect.topLeft() * ratio, rect.size() * ratio).toAlignedRect();
}

QString share(double milliseconds, double total) {
  return QStringLiteral("(%1 %)").arg(100.0 * milliseconds / total, 0, 'f', 1);
}

QByteArray readAll(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
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
    // Its file names say what the chart is of, like every export: video, method and keep.
    const stts::RunRequest& request = window.run()->run->request;
    QCOMPARE(timing->suggestedChartName(TimingPanel::Chart::Time),
             QStringLiteral("%1_%2-%3_stage-times")
                 .arg(QFileInfo(QString::fromStdString(request.videoPath)).completeBaseName(),
                      QString::fromStdString(request.method))
                 .arg(std::lround(request.keepRatio * 100.0)));
    QVERIFY(timing->suggestedChartName(TimingPanel::Chart::Tokens)
                .endsWith(QStringLiteral("_stage-tokens")));
    QVERIFY(!timing->emptyLabel()->isVisible());
    const StageChartData& data = timing->chartData();
    const QStringList legend = timing->legendTexts();
    QCOMPARE(data.stages.size(), int(std::size(kStages)));
    QCOMPARE(legend.size(), int(std::size(kStages)));
    double total = 0.0;
    for (const Stage& stage : kStages) total += stage.milliseconds;
    for (int i = 0; i < data.stages.size(); ++i) {
      const Stage& stage = kStages[i];
      QCOMPARE(data.stages[i], QString::fromLatin1(stage.name));
      QCOMPARE(data.milliseconds.front()[size_t(i)], stage.milliseconds);
      QCOMPARE(data.tokens.front()[size_t(i)], stage.tokens);
      // The legend names the stage with its milliseconds and share.
      QVERIFY2(legend[i].startsWith(QString::fromLatin1(stage.name) + QLatin1Char(' ')),
               qPrintable(legend[i]));
      QVERIFY2(legend[i].contains(share(stage.milliseconds, total)), qPrintable(legend[i]));
    }
    // The token chart names every stage, in order.
    StageChartView* times = timing->chartView(TimingPanel::Chart::Time);
    StageChartView* tokens = timing->chartView(TimingPanel::Chart::Tokens);
    QStringList names;
    for (const ChartText& text : tokens->chartLayout().texts) {
      if (text.role == ChartText::Role::RowLabel) names.append(text.text);
    }
    QCOMPARE(names, data.stages);

    // Hovering a segment names its stage, milliseconds and tokens; a token bar its tokens.
    const ChartBar* vitPre = nullptr;
    for (const ChartBar& bar : times->chartLayout().bars) {
      if (bar.stage == 2) vitPre = &bar;
    }
    QVERIFY(vitPre);
    QTest::mouseMove(times, vitPre->rect.center().toPoint());
    QTRY_VERIFY2(timing->lastHoverText().contains(QStringLiteral("vit_pre")) &&
                     timing->lastHoverText().contains(QStringLiteral("40.25")) &&
                     timing->lastHoverText().contains(QStringLiteral("5103")),
                 qPrintable(timing->lastHoverText()));
    // decode's 7 tokens make a bar a pixel long: its whole row answers.
    QTest::mouseMove(tokens, tokens->chartLayout().bars[0].hitArea.center().toPoint());
    QTRY_COMPARE(timing->lastHoverText(), QStringLiteral("decode: 7 tokens"));

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
      const QByteArray text = readAll(svg);
      QVERIFY(text.contains("<svg"));
      QVERIFY(text.contains("</svg>"));
      for (const Stage& stage : kStages) QVERIFY2(text.contains(stage.name), stage.name);
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

  // Issue #13: a long run with all ten stages, decode_tokens the largest. Every stage is in the
  // legend in full and inside the chart, at the smallest size the dock allows and at a wide one;
  // the exports name every stage with its share, at the chosen scale or resolution.
  void longRunShowsEveryStageInFullAtAnySize() {
    auto run = std::make_shared<stts::RunResult>();
    double total = 0.0;
    for (const Stage& stage : kLongStages) {
      run->timings.push_back({stage.name, stage.milliseconds, "cuda", stage.tokens});
      total += stage.milliseconds;
    }
    TimingPanel panel;
    panel.setRun(run);
    panel.show();  // a floating dock: a window of its own
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    StageChartView* times = panel.chartView(TimingPanel::Chart::Time);
    StageChartView* tokens = panel.chartView(TimingPanel::Chart::Tokens);
    // The whole time chart fits the 445 x 215 the old chart had in the dock.
    QVERIFY2(times->minimumSizeHint().width() <= 445 && times->minimumSizeHint().height() <= 215,
             qPrintable(QStringLiteral("%1 x %2")
                            .arg(times->minimumSizeHint().width())
                            .arg(times->minimumSizeHint().height())));

    int smallLegendRows = 0;
    for (QSize size : {QSize(120, 80), QSize(1800, 560)}) {
      panel.resize(size);  // the layout never lets a chart get smaller than its text needs
      QTRY_VERIFY(size.width() < 445 || times->width() > 900);
      for (StageChartView* view : {times, tokens}) {
        QVERIFY(view->width() >= view->minimumSizeHint().width());
        QVERIFY(view->height() >= view->minimumSizeHint().height());
        const StageChartLayout& layout = view->chartLayout();
        QCOMPARE(layout.size, QSizeF(view->size()));
        QVERIFY(layout.fits);
        for (const ChartText& text : layout.texts) {
          QVERIFY2(QRectF(view->rect()).contains(text.rect), qPrintable(text.text));
        }
      }
      const QStringList legend = panel.legendTexts();
      QCOMPARE(legend.size(), int(std::size(kLongStages)));
      for (int i = 0; i < legend.size(); ++i) {
        const Stage& stage = kLongStages[i];
        QVERIFY2(legend[i].startsWith(QString::fromLatin1(stage.name) + QStringLiteral("  ")) &&
                     legend[i].endsWith(share(stage.milliseconds, total)),
                 qPrintable(legend[i]));
      }
      const StageChartLayout& layout = times->chartLayout();
      QVERIFY(layout.unit.seconds);  // 71 s
      // Real pixels: the last entry's text is drawn to its end, and decode_tokens' segment is
      // in its colour.
      const QImage picture = times->grab().toImage();
      const qreal ratio = picture.devicePixelRatio();
      const QRect last = inPixels(layout.legend.back().label.rect, ratio);
      QVERIFY(picture.rect().contains(last));
      const QRect ending(last.right() - last.width() / 8, last.top(), last.width() / 8,
                         last.height());
      QVERIFY2(drawnPixels(picture, ending, 1) > 5, qPrintable(legend.back()));
      const QColor decodeTokens = stageColour(QStringLiteral("decode_tokens"), 9);
      for (const ChartBar& bar : layout.bars) {
        if (bar.stage != 9) continue;
        const QRect area = inPixels(bar.rect, ratio).adjusted(1, 1, -1, -1);
        QVERIFY(pixelsOf(picture, area, decodeTokens) >= area.width() * area.height() * 9 / 10);
      }
      int legendRows = 0;  // the entries in the first column
      for (const LegendEntry& entry : layout.legend)
        legendRows += entry.label.rect.left() == layout.legend.front().label.rect.left();
      if (smallLegendRows == 0) {
        smallLegendRows = legendRows;
      } else {
        QVERIFY2(legendRows < smallLegendRows, "the wide legend wraps into fewer rows");
      }
    }

    // Exports: the SVG names every stage with its share; PNG at 2x and at 300 dpi.
    const QString svg = scratch_.filePath(QStringLiteral("long.svg"));
    QCOMPARE(panel.exportChart(TimingPanel::Chart::Time, svg), QString());
    const QByteArray drawing = readAll(svg);
    for (const Stage& stage : kLongStages) {
      QVERIFY2(drawing.contains(stage.name), stage.name);
      QVERIFY2(drawing.contains(share(stage.milliseconds, total).toLatin1()), stage.name);
    }
    const QString twice = scratch_.filePath(QStringLiteral("long@2x.png"));
    QCOMPARE(panel.exportChart(TimingPanel::Chart::Time, twice, {QSize(600, 260), 2.0, 0}),
             QString());
    QCOMPARE(QImage(twice).size(), QSize(1200, 520));
    const QString print = scratch_.filePath(QStringLiteral("long-300dpi.png"));
    QCOMPARE(panel.exportChart(TimingPanel::Chart::Tokens, print, {QSize(480, 320), 1.0, 300}),
             QString());
    const QImage printed(print);
    QCOMPARE(printed.size(), QSize(1500, 1000));  // 480 x 320 at 300 / 96
    QCOMPARE(printed.dotsPerMeterX(), 11811);
    // Too small for the text: refused with a sentence, nothing written.
    const QString small = scratch_.filePath(QStringLiteral("small.png"));
    QVERIFY(
        !panel.exportChart(TimingPanel::Chart::Time, small, {QSize(150, 60), 1.0, 0}).isEmpty());
    QVERIFY(!QFile::exists(small));
  }

  // The export dialog: size boxes never below what the text needs, the four scales, SVG unscaled.
  void chartExportDialogOffersSizeAndScale() {
    ChartExportDialog dialog(QSize(500, 250), 400,
                             [](int width) { return width < 600 ? 200 : 150; });
    QCOMPARE(dialog.widthBox()->minimum(), 400);
    QCOMPARE(dialog.widthBox()->value(), 500);
    QCOMPARE(dialog.heightBox()->minimum(), 200);
    QCOMPARE(dialog.heightBox()->value(), 250);
    dialog.widthBox()->setValue(700);
    QCOMPARE(dialog.heightBox()->minimum(), 150);  // a wider legend needs fewer rows
    dialog.formatBox()->setCurrentIndex(0);
    QCOMPARE(dialog.scaleBox()->count(), 4);
    dialog.scaleBox()->setCurrentIndex(ChartExportDialog::Scale2x);
    QCOMPARE(dialog.choice().picture.pixelScale(), 2.0);
    QVERIFY2(dialog.resultLabel()->text().contains(QStringLiteral("1400 × 500")),
             qPrintable(dialog.resultLabel()->text()));
    dialog.scaleBox()->setCurrentIndex(ChartExportDialog::Scale300Dpi);
    QCOMPARE(dialog.choice().picture.dpi, 300);
    QCOMPARE(dialog.choice().picture.size, QSize(700, 250));
    QVERIFY(!dialog.choice().svg);
    dialog.formatBox()->setCurrentIndex(1);
    QVERIFY(dialog.choice().svg);
    QVERIFY(!dialog.scaleBox()->isEnabled());
    QCOMPARE(dialog.choice().picture.pixelScale(), 1.0);
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
    // The run's peak memory is named with its size, never left blank.
    QVERIFY2(
        summary.contains(QStringLiteral("Peak memory: ") + QLocale().formattedDataSize(64LL << 20)),
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
    QCOMPARE(table->rowCount(), int(window.video()->points.size()));
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
      // The data table, closed at first, opens at a readable size, not as a sliver.
      window.resize(1280, 800);
      QVERIFY(panels->dataPanel()->isHidden());
      panels->dataPanel()->toggleViewAction()->trigger();
      QTRY_VERIFY(panels->dataPanel()->width() >= 240 && panels->dataPanel()->height() >= 160);
      panels->dataPanel()->toggleViewAction()->trigger();
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
