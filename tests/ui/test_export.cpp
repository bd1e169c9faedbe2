// Exports in the window (label ui): the export dialog's default name follows the naming
// convention and a second export never overwrites the first; S writes the current frame at the
// source resolution with exactly the CPU composite's pixels; the contact sheet holds every frame;
// the CSV and JSON carry the run; a run without its video says the frame is downscaled; and
// `stts export` without a display writes the same pixels as the window.
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "cli_process.h"
#include "common/sample_numbers.h"
#include "export/export_controller.h"
#include "export/export_data.h"
#include "export/export_dialog.h"
#include "export/export_render.h"
#include "gui_test_support.h"
#include "main/main_window.h"
#include "media/frame_navigator.h"
#include "panels/data_panel.h"
#include "panels/run_panels.h"
#include "stts/runfile.h"
#include "timeline/thumbnail_strip.h"
#include "timeline/timeline.h"
#include "view/frame_view.h"
#include "view/overlay_state.h"

using namespace stts::ui;
using namespace stts::ui::test;

namespace {

constexpr int kGrid = stts::kCellGrid;

// Frame 0 keeps everything; later frames keep a checkerboard (as in test_run_overlay.cpp).
bool keptCell(int frame, int cell) {
  return frame == 0 || ((cell / kGrid + cell % kGrid) % 2 == 0);
}

stts::RunResult makeRun(const LoadedVideo& video, const QString& videoPath) {
  stts::RunResult run;
  run.request.videoPath = QFile::encodeName(videoPath).toStdString();
  run.request.method = "stts";
  run.request.keepRatio = 0.5;
  run.request.sampling = video.sampling;
  run.request.question = "Which colours appear?";
  run.answer = "Red, green and blue.";
  run.video = video.info;
  run.video.path = run.request.videoPath;
  run.frames = int(video.points.size());
  for (int f = 0; f < run.frames; ++f) {
    const stts::SamplePoint& point = video.points[size_t(f)];
    run.frameTime.push_back(point.requestedTime);
    run.framePts.push_back(point.pts);
    run.frameNumber.push_back(point.frameNumber);
    int kept = 0;
    for (int c = 0; c < stts::kCellsPerFrame; ++c) {
      run.scores.push_back(-0.5f + 2.0f * float(c) / 80.0f);
      run.keep.push_back(keptCell(f, c) ? 1 : 0);
      kept += keptCell(f, c) ? 1 : 0;
    }
    run.keptPerFrame.push_back(kept);
    run.visionTokensAfter += kept;
  }
  run.visionTokensBefore = int64_t(stts::kCellsPerFrame) * run.frames;
  run.timings.push_back({"select", 1.5, "cpu", 81});
  return run;
}

QPoint cellCentre(QSize size, int row, int column) {
  return {int((column + 0.5) * size.width() / kGrid), int((row + 0.5) * size.height() / kGrid)};
}

double brightness(QColor c) {
  return c.red() + c.green() + c.blue();
}

// Waits for the controller's next finished export; returns its path ("" on failure).
QString waitForExport(QSignalSpy& finished, int count = 1) {
  if (!QTest::qWaitFor([&] { return finished.count() >= count; }, 120000)) return {};
  const QList<QVariant> last = finished.at(count - 1);
  if (!last.at(1).toString().isEmpty()) {
    qWarning("export failed: %s", qPrintable(last.at(1).toString()));
    return {};
  }
  return last.at(0).toString();
}

}  // namespace

class ExportTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(settingsDir_.isValid());
    QVERIFY(scratch_.isValid());
    useTemporarySettings(settingsDir_);
  }

  void init() {
    window_ = std::make_unique<MainWindow>();
    window_->resize(1000, 720);
    QVERIFY(showActive(*window_));
    runPath_ = saveRunForColourClip(QStringLiteral("colours.sttsrun"));
    QVERIFY(!runPath_.isEmpty());
    QVERIFY(openRunAndWait(*window_, runPath_));
    window_->overlay()->setMode(OverlayMode::Mask);
    window_->overlay()->setOpacity(0.7f);
    out_ = std::make_unique<QTemporaryDir>();
    QVERIFY(out_->isValid());
    window_->exportController()->setExportFolder(out_->path());
    // Options are remembered; each test starts from the defaults (overlay only).
    window_->exportController()->saveOptions(FrameExportOptions{});
  }

  void cleanup() {
    window_.reset();
    out_.reset();
  }

  // One numbering for what people read: the sample at index 4 is "sample 5" on the timeline, in
  // the picture's tooltip, in the Data panel, in the thumbnail's tooltip, in an export's caption
  // and file name, and in the cell CSV.
  void oneSampleNumberEverywhere() {
    const int count = int(window_->video()->points.size());
    QVERIFY(count >= 5);
    window_->navigator()->setCurrentIndex(4);
    const QString of = QString::number(count);
    QVERIFY2(
        window_->timeline()->positionLabels().at(1).startsWith(QStringLiteral("Sample 5 / ") + of),
        qPrintable(window_->timeline()->positionLabels().at(1)));
    FrameView* view = window_->frameView();
    const QString tip = view->toolTipTextAt(QPointF(view->width() / 2.0, view->height() / 2.0));
    QVERIFY2(tip.startsWith(QStringLiteral("Sample 5 of ") + of), qPrintable(tip));
    QTableWidget* table = window_->runPanels()->dataPanel()->table();
    QCOMPARE(table->item(4, 0)->text(), QStringLiteral("5"));
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("1"));
    const QString thumbnailTip =
        window_->thumbnailStrip()->model()->index(4, 0).data(Qt::ToolTipRole).toString();
    QVERIFY2(thumbnailTip.startsWith(QStringLiteral("Sample 5 ")), qPrintable(thumbnailTip));
    const ExportScene scene = window_->exportController()->currentScene();
    const QString caption = frameCaption(scene, 4);
    QVERIFY2(caption.contains(QStringLiteral("sample 5 of ") + of), qPrintable(caption));
    const QString name = defaultExportFileName(scene, ExportKind::Frame, 4);
    QVERIFY2(name.contains(QStringLiteral("_f5_")), qPrintable(name));
    const QList<QByteArray> rows = cellsCsv(*scene.run).split('\n');
    QVERIFY(rows.at(1).startsWith("1,"));
    QVERIFY(rows.at(1 + 4 * stts::kCellsPerFrame).startsWith("5,"));
    // File names pad to the count's width, so a folder of exports sorts in time order.
    QCOMPARE(sampleNumberForFileName(8, 384), QStringLiteral("009"));
    QCOMPARE(sampleNumberForFileName(383, 384), QStringLiteral("384"));
    QCOMPARE(sampleNumberForFileName(0, 9), QStringLiteral("1"));
  }

  void dialogNamesByConventionAndNeverOverwrites() {
    ExportController* controller = window_->exportController();
    window_->navigator()->setCurrentIndex(1);
    QSignalSpy finished(controller, &ExportController::exportFinished);
    pressKeys(Qt::CTRL | Qt::SHIFT | Qt::Key_E);
    ExportDialog* dialog = controller->dialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->kind(), ExportKind::Frame);

    const double time = window_->video()->points[1].requestedTime;
    const QString expectedName =
        QStringLiteral("colours_320x240_%1_f2_stts-50.png").arg(fileNameTimestamp(time));
    QVERIFY(QRegularExpression(QStringLiteral("^colours_320x240_\\d\\d-\\d\\d-\\d\\d-\\d\\d\\d_f2_"
                                              "stts-50\\.png$"))
                .match(expectedName)
                .hasMatch());
    QCOMPARE(dialog->path(), QDir(out_->path()).filePath(expectedName));
    QCOMPARE(dialog->sizeText(), QStringLiteral("320 × 240 pixels"));
    QVERIFY(dialog->noteText().isEmpty());
    // For looking at the dialog: STTS_EXPORT_DIALOG_SHOT=path.png saves a picture of it.
    if (const QString shot = qEnvironmentVariable("STTS_EXPORT_DIALOG_SHOT"); !shot.isEmpty()) {
      dialog->grab().save(shot);
    }

    dialog->exportButton()->click();
    const QString first = waitForExport(finished);
    QCOMPARE(first, QDir(out_->path()).filePath(expectedName));
    QCOMPARE(QImage(first).size(), QSize(320, 240));
    QTRY_VERIFY(!dialog->isVisible());
    QVERIFY(window_->statusBar()->currentMessage().contains(expectedName));

    // The second export of the same frame gets -2, and the first file is untouched.
    const QByteArray firstBytes = readAll(first);
    controller->showDialog();
    const QString secondName =
        QFileInfo(expectedName).completeBaseName() + QStringLiteral("-2.png");
    QCOMPARE(dialog->path(), QDir(out_->path()).filePath(secondName));
    dialog->setOptions({true, true, true});  // legend and caption: a taller image
    QVERIFY(dialog->sizeText() != QStringLiteral("320 × 240 pixels"));
    dialog->exportButton()->click();
    const QString second = waitForExport(finished, 2);
    QCOMPARE(second, QDir(out_->path()).filePath(secondName));
    QCOMPARE(readAll(first), firstBytes);
    const QImage captioned(second);
    QCOMPARE(captioned.width(), 320);
    QVERIFY(captioned.height() > 240);

    // A typed name that exists is not overwritten either; the copy reaches the clipboard.
    controller->showDialog();
    dialog->setPath(first);
    dialog->setCopyToClipboard(true);
    QGuiApplication::clipboard()->clear();
    dialog->exportButton()->click();
    const QString third = waitForExport(finished, 3);
    QCOMPARE(third,
             QDir(out_->path()).filePath(QFileInfo(expectedName).completeBaseName() + "-3.png"));
    QCOMPARE(readAll(first), firstBytes);
    // (with the legend and caption the second export chose: the dialog remembers its options)
    QCOMPARE(QGuiApplication::clipboard()->image().size(), QImage(third).size());
    QCOMPARE(QImage(third).size(), captioned.size());
  }

  // Exports never go next to the video (datasets are often read-only): at first into
  // Pictures/STTS Lens, made when missing, then wherever the user last exported to.
  void exportFolderDefaultsToPicturesNotTheVideosFolder() {
    ExportController* controller = window_->exportController();
    controller->setExportFolder(QString());
    const QString pictures =
        QDir(QStandardPaths::writableLocation(QStandardPaths::PicturesLocation))
            .filePath(QStringLiteral("STTS Lens"));
    QVERIFY2(pictures.startsWith(settingsDir_.path()), qPrintable(pictures));  // not the real home
    QCOMPARE(controller->exportFolder(), pictures);
    QVERIFY(QFileInfo(pictures).isDir());
    QVERIFY(controller->exportFolder() != QFileInfo(colourClip()).absolutePath());

    QSignalSpy finished(controller, &ExportController::exportFinished);
    pressKey(*window_, Qt::Key_S);
    QCOMPARE(QFileInfo(waitForExport(finished)).absolutePath(), pictures);

    controller->setExportFolder(out_->path());
    QCOMPARE(controller->exportFolder(), QFileInfo(out_->path()).absoluteFilePath());
    // A remembered folder that is gone falls back to the default, not to the video's folder.
    QTemporaryDir gone;
    controller->setExportFolder(gone.path());
    gone.remove();
    QCOMPARE(controller->exportFolder(), pictures);
  }

  void quickScreenshotIsTheCpuCompositeAtSourceSize() {
    ExportController* controller = window_->exportController();
    window_->navigator()->setCurrentIndex(1);
    QSignalSpy finished(controller, &ExportController::exportFinished);
    pressKey(*window_, Qt::Key_S);
    const QString path = waitForExport(finished);
    QVERIFY(!path.isEmpty());
    QCOMPARE(QFileInfo(path).absolutePath(), QFileInfo(out_->path()).absoluteFilePath());
    QCOMPARE(QFileInfo(path).fileName(),
             defaultExportFileName(controller->currentScene(), ExportKind::Frame, 1));
    QVERIFY(window_->statusBar()->currentMessage().contains(
        QDir::toNativeSeparators(QFileInfo(out_->path()).absoluteFilePath())));

    const QImage written = QImage(path).convertToFormat(QImage::Format_RGB32);
    QCOMPARE(written.size(), QSize(320, 240));  // the clip's own size
    const stts::RgbImage& frame = *window_->video()->store->display(1);
    const OverlayCells cells = *window_->overlay()->cellsForFrame(1);
    const QImage cpu = compositeFrame(frame, &cells, window_->overlay()->style());
    QCOMPARE(written, cpu);

    // A dropped cell is darker than the same cell without the overlay; a kept one is unchanged.
    const QImage bare = toQImage(frame);
    const QPoint dropped = cellCentre(written.size(), 0, 1);
    const QPoint kept = cellCentre(written.size(), 0, 0);
    QVERIFY(!keptCell(1, 1) && keptCell(1, 0));
    QVERIFY(brightness(written.pixelColor(dropped)) < 0.5 * brightness(bare.pixelColor(dropped)));
    QCOMPARE(written.pixelColor(kept), bare.pixelColor(kept));

    // Pressed again: a new file, never the old one replaced.
    pressKey(*window_, Qt::Key_S);
    const QString again = waitForExport(finished, 2);
    QCOMPARE(QFileInfo(again).completeBaseName(), QFileInfo(path).completeBaseName() + "-2");
  }

  void contactSheetHoldsEveryFrame() {
    ExportController* controller = window_->exportController();
    QSignalSpy finished(controller, &ExportController::exportFinished);
    const ExportScene scene = controller->currentScene();
    const int frames = scene.frameCount();
    QVERIFY(frames >= 4);
    ExportRequest request;
    request.kind = ExportKind::ContactSheet;
    request.path =
        QDir(out_->path()).filePath(defaultExportFileName(scene, ExportKind::ContactSheet, 0));
    QCOMPARE(QFileInfo(request.path).fileName(),
             QStringLiteral("colours_320x240_stts-50_contact-sheet.png"));
    controller->startExport(request, true, false);
    const QString path = waitForExport(finished);
    QVERIFY(!path.isEmpty());
    const QImage sheet = QImage(path).convertToFormat(QImage::Format_RGB32);
    const ContactSheetLayout layout = contactSheetLayout(scene);
    QCOMPARE(sheet.size(), layout.size);
    QVERIFY(layout.columns * layout.rows >= frames);
    QVERIFY(layout.columns * (layout.rows - 1) < frames);
    QCOMPARE(layout.thumbnail.width() * 240, layout.thumbnail.height() * 320);

    // Every frame's picture is there in its clip colour (the centre cell is kept in all frames);
    // the slot after the last frame is empty.
    const QColor empty = sheet.pixelColor(layout.thumbnailRect(frames).center());
    for (int i = 0; i < frames; ++i) {
      const QRect rect = layout.thumbnailRect(i);
      const QColor centre = sheet.pixelColor(rect.center());
      const double t = scene.video->points[size_t(i)].requestedTime;
      const QColor expected = t < 1.0   ? QColor(255, 0, 0)
                              : t < 2.0 ? QColor(0, 255, 0)
                                        : QColor(0, 0, 255);
      QVERIFY2(colourNear(centre, expected),
               qPrintable(QStringLiteral("frame %1: %2").arg(i).arg(describe(centre))));
      // In mask mode frame 1's dropped cell (0, 1) is dimmed on the sheet too.
      if (i == 1) {
        const QPoint cell = rect.topLeft() + cellCentre(rect.size(), 0, 1);
        QVERIFY(brightness(sheet.pixelColor(cell)) < 0.5 * brightness(expected));
      }
    }
    if (layout.columns * layout.rows > frames) {
      QVERIFY2(colourNear(empty, QColor(24, 24, 24), 2), qPrintable(describe(empty)));
    }
  }

  void contactSheetReportsProgressAndCancels() {
    const ExportScene scene = window_->exportController()->currentScene();
    std::vector<int> done;
    auto sheet = renderContactSheet(scene, {}, [&](int count, int total) {
      QCOMPARE(total, scene.frameCount());
      done.push_back(count);
    });
    QVERIFY(sheet);
    QCOMPARE(int(done.size()), scene.frameCount());
    QCOMPARE(done.back(), scene.frameCount());

    stts::CancelToken cancel;
    cancel.cancel();
    auto cancelled = renderContactSheet(scene, {}, {}, &cancel);
    QVERIFY(!cancelled);
    QCOMPARE(cancelled.error().code, stts::ErrorCode::Cancelled);
  }

  void plainVideoAndNothingOpen() {
    // Nothing open: S says so and writes nothing.
    MainWindow empty;
    empty.exportController()->setExportFolder(out_->path());
    empty.exportController()->quickScreenshot();
    QVERIFY(empty.statusBar()->currentMessage().contains(QStringLiteral("open a video")));
    QVERIFY(QDir(out_->path()).entryList(QDir::Files).isEmpty());

    // A plain video: the bare frame, a name without method, and no CSV or JSON on offer.
    QVERIFY(openAndWait(*window_, colourClip()));
    QVERIFY(!window_->run());
    ExportController* controller = window_->exportController();
    window_->navigator()->setCurrentIndex(2);
    QSignalSpy finished(controller, &ExportController::exportFinished);
    controller->quickScreenshot();
    const QString path = waitForExport(finished);
    const double time = window_->video()->points[2].requestedTime;
    QCOMPARE(QFileInfo(path).fileName(),
             QStringLiteral("colours_320x240_%1_f3.png").arg(fileNameTimestamp(time)));
    QCOMPARE(QImage(path).convertToFormat(QImage::Format_RGB32),
             toQImage(*window_->video()->store->display(2)).convertToFormat(QImage::Format_RGB32));
    controller->showDialog();
    controller->dialog()->setKind(ExportKind::CellsCsv);
    controller->dialog()->refresh();
    QCOMPARE(controller->dialog()->kind(), ExportKind::Frame);
    controller->dialog()->close();
  }

  void csvAndJsonCarryTheRun() {
    ExportController* controller = window_->exportController();
    QSignalSpy finished(controller, &ExportController::exportFinished);
    const ExportScene scene = controller->currentScene();
    const stts::RunResult& run = *scene.run;

    ExportRequest csv;
    csv.kind = ExportKind::CellsCsv;
    csv.path = QDir(out_->path()).filePath(defaultExportFileName(scene, ExportKind::CellsCsv, 0));
    controller->startExport(csv, true, false);
    const QString csvPath = waitForExport(finished);
    QCOMPARE(QFileInfo(csvPath).fileName(), QStringLiteral("colours_320x240_stts-50_cells.csv"));
    const QList<QByteArray> lines = readAll(csvPath).trimmed().split('\n');
    QCOMPARE(lines.first(), QByteArray(kCellCsvHeader));
    QCOMPARE(lines.size() - 1, run.frames * stts::kCellsPerFrame);
    int keptSum = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
      const QList<QByteArray> fields = lines[i].split(',');
      QCOMPARE(fields.size(), 6);
      keptSum += fields[5].toInt();
    }
    QCOMPARE(keptSum, int(run.visionTokensAfter));
    // Row 1 + 81 + 1 is sample 2 (index 1), cell (0, 1): dropped, score -0.475.
    const QList<QByteArray> row = lines[1 + 81 + 1].split(',');
    QCOMPARE(row[0], QByteArray("2"));
    QCOMPARE(row[2], QByteArray("0"));
    QCOMPARE(row[3], QByteArray("1"));
    QCOMPARE(row[4].toFloat(), -0.5f + 2.0f / 80.0f);
    QCOMPARE(row[5], QByteArray("0"));

    ExportRequest json;
    json.kind = ExportKind::RunJson;
    json.path = QDir(out_->path()).filePath(defaultExportFileName(scene, ExportKind::RunJson, 0));
    controller->startExport(json, true, false);
    const QString jsonPath = waitForExport(finished, 2);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(readAll(jsonPath), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject root = document.object();
    QCOMPARE(root["frame_count"].toInt(), run.frames);
    QCOMPARE(root["request"]["method"].toString(), QStringLiteral("stts"));
    QCOMPARE(root["request"]["keep_ratio"].toDouble(), 0.5);
    QCOMPARE(root["request"]["question"].toString(), QStringLiteral("Which colours appear?"));
    QCOMPARE(root["answer"].toString(), QStringLiteral("Red, green and blue."));
    QCOMPARE(root["video"]["display_width"].toInt(), 320);
    QCOMPARE(root["vision_tokens_after"].toInteger(), run.visionTokensAfter);
    QCOMPARE(root["run_file"].toString(), runPath_);
    const QJsonArray frames = root["frames"].toArray();
    QCOMPARE(frames.size(), run.frames);
    QCOMPARE(frames[1]["time"].toDouble(), run.frameTime[1]);
    QCOMPARE(frames[1]["kept"].toInt(), run.keptPerFrame[1]);
    QCOMPARE(root["timings"][0]["name"].toString(), QStringLiteral("select"));
  }

  void storedFramesSayTheyAreDownscaled() {
    // The run's 1280 x 960 video is gone: its stored 378 x 378 inputs are drawn at the video's
    // 4:3, smaller than the source, and the dialog says so.
    stts::RunResult run = makeRun(*window_->video(), scratch_.filePath("gone.mp4"));
    run.video.displayWidth = run.video.codedWidth = 1280;
    run.video.displayHeight = run.video.codedHeight = 960;
    run.inputWidth = 378;
    run.inputHeight = 378;
    run.inputFrames.assign(size_t(run.frames) * 378 * 378 * 3, 200);
    const QString path = scratch_.filePath("stored.sttsrun");
    QVERIFY(stts::saveRunFile(QFile::encodeName(path).toStdString(), run));
    QVERIFY(openRunAndWait(*window_, path));
    QVERIFY(window_->run()->usesStoredFrames);
    ExportController* controller = window_->exportController();
    controller->showDialog();
    ExportDialog* dialog = controller->dialog();
    QCOMPARE(dialog->sizeText(), QStringLiteral("504 × 378 pixels"));
    QVERIFY2(dialog->noteText().contains(QStringLiteral("378 × 378")),
             qPrintable(dialog->noteText()));
    QVERIFY2(dialog->noteText().contains(QStringLiteral("1280 × 960")),
             qPrintable(dialog->noteText()));
    QVERIFY(QFileInfo(dialog->path()).fileName().startsWith(QStringLiteral("gone_")));
    dialog->close();
  }

  void cliWritesTheSamePixelsWithoutADisplay() {
    ExportController* controller = window_->exportController();
    window_->navigator()->setCurrentIndex(1);
    QSignalSpy finished(controller, &ExportController::exportFinished);
    pressKey(*window_, Qt::Key_S);
    const QString gui = waitForExport(finished);
    QVERIFY(!gui.isEmpty());

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) {
      environment.remove(QString::fromLatin1(name));
    }
    environment.insert(QStringLiteral("STTS_UNUSED"), QStringLiteral("1"));  // never empty
    QTemporaryDir cliDir;
    const stts::test::CliResult result =
        stts::test::runProgram(QStringLiteral(STTS_CLI_PATH),
                               {QStringLiteral("export"), runPath_, QStringLiteral("--frame"),
                                QStringLiteral("2"), QStringLiteral("-o"), cliDir.path()},
                               {}, 120000, environment);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QString cli = QDir(cliDir.path()).filePath(QFileInfo(gui).fileName());
    QVERIFY2(QFile::exists(cli), qPrintable(result.outText() + result.errText()));
    QCOMPARE(QImage(cli).convertToFormat(QImage::Format_RGB32),
             QImage(gui).convertToFormat(QImage::Format_RGB32));
  }

 private:
  void pressKeys(QKeyCombination keys) {
    if (!window_->isActiveWindow()) {
      window_->activateWindow();
      (void)QTest::qWaitForWindowActive(window_.get(), 5000);
    }
    QTest::keyClick(window_.get(), keys.key(), keys.keyboardModifiers());
  }

  static QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
  }

  QString saveRunForColourClip(const QString& name) {
    if (!openAndWait(*window_, colourClip())) return {};
    const stts::RunResult run =
        makeRun(*window_->video(), QFileInfo(colourClip()).absoluteFilePath());
    const QString path = scratch_.filePath(name);
    if (auto saved = stts::saveRunFile(QFile::encodeName(path).toStdString(), run); !saved) {
      qWarning("saveRunFile: %s", saved.error().message.c_str());
      return {};
    }
    return path;
  }

  QTemporaryDir settingsDir_;
  QTemporaryDir scratch_;
  std::unique_ptr<MainWindow> window_;
  std::unique_ptr<QTemporaryDir> out_;
  QString runPath_;
};

QTEST_MAIN(ExportTest)
#include "test_export.moc"
