// `stts export` (label cli): runs made here over the demo clip, exported with no display at all
// (DISPLAY and QT_QPA_PLATFORM removed from the environment). A frame has exactly the pixels of
// the shared export renderer the window uses; contact sheet, CSV and JSON have the run's shape;
// a folder as -o gets the GUI's file names and never overwrites; broken input fails with exit 1.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_process.h"
#include "export/export_data.h"
#include "export/export_job.h"
#include "media/run_loading.h"
#include "stts/runfile.h"
#include "stts/video.h"

using stts::test::CliResult;

namespace {

constexpr int kGrid = stts::kCellGrid;

bool keptCell(int frame, int cell) {
  return frame == 0 || ((cell / kGrid + cell % kGrid) % 2 == 0);
}

// The CLI as a script on a headless machine runs it: no display variables at all.
CliResult runHeadless(const QStringList& args) {
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) {
    environment.remove(QString::fromLatin1(name));
  }
  environment.insert(QStringLiteral("STTS_TEST_HEADLESS"), QStringLiteral("1"));
  return stts::test::runProgram(QStringLiteral(STTS_CLI_PATH), args, {}, 300000, environment);
}

QByteArray readAll(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class CliExportTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString runPath_;
  QString storedRunPath_;
  QString timedRunPath_;
  stts::RunResult run_;

  QString out(const QString& name) const { return dir_.filePath(name); }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    auto source = stts::VideoSource::open(STTS_DEMO_VIDEO);
    QVERIFY2(source, source ? "" : source.error().message.c_str());
    const stts::SamplingSpec sampling{4, 2.0};
    const std::vector<stts::SamplePoint> points = source->plan(sampling);
    QCOMPARE(int(points.size()), 4);
    run_.request.videoPath = STTS_DEMO_VIDEO;
    run_.request.method = "stts";
    run_.request.keepRatio = 0.5;
    run_.request.sampling = sampling;
    run_.request.question = "What moves?";
    run_.answer = "A yellow square.";
    run_.video = source->info();
    run_.frames = int(points.size());
    for (int f = 0; f < run_.frames; ++f) {
      run_.frameTime.push_back(points[size_t(f)].requestedTime);
      run_.framePts.push_back(points[size_t(f)].pts);
      run_.frameNumber.push_back(points[size_t(f)].frameNumber);
      int kept = 0;
      for (int c = 0; c < stts::kCellsPerFrame; ++c) {
        run_.scores.push_back(float(c) / 80.0f * float(f + 1));  // ranges differ by frame
        run_.keep.push_back(keptCell(f, c) ? 1 : 0);
        kept += keptCell(f, c) ? 1 : 0;
      }
      run_.keptPerFrame.push_back(kept);
      run_.visionTokensAfter += kept;
    }
    run_.visionTokensBefore = int64_t(stts::kCellsPerFrame) * run_.frames;
    runPath_ = out("demo.sttsrun");
    QVERIFY(stts::saveRunFile(runPath_.toStdString(), run_));

    // The same run without its video but with stored 378 x 378 model inputs.
    stts::RunResult stored = run_;
    stored.request.videoPath = dir_.filePath("moved-away.mp4").toStdString();
    stored.video.path = stored.request.videoPath;
    stored.inputWidth = 378;
    stored.inputHeight = 378;
    stored.inputFrames.assign(size_t(stored.frames) * 378 * 378 * 3, 180);
    storedRunPath_ = out("stored.sttsrun");
    QVERIFY(stts::saveRunFile(storedRunPath_.toStdString(), stored));

    // The same run with all ten stages timed, decode_tokens the longest (issue #13).
    stts::RunResult timed = run_;
    const std::pair<const char*, double> stages[] = {
        {"decode", 1204.3},        {"preprocess", 311.8}, {"vit_pre", 16595.7},
        {"select", 42.6},          {"vit_bias", 1390.2},  {"pack", 3.9},
        {"vit_post", 9811.5},      {"connector", 702.4},  {"prefill", 11840.6},
        {"decode_tokens", 29120.0}};
    for (const auto& [name, milliseconds] : stages)
      timed.timings.push_back({name, milliseconds, "cpu", 300});
    timedRunPath_ = out("timed.sttsrun");
    QVERIFY(stts::saveRunFile(timedRunPath_.toStdString(), timed));
  }

  void helpListsExport() {
    const CliResult help = stts::test::runCli({"--help"});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.outText().contains(QRegularExpression(QStringLiteral("\\n  export\\s"))));
    const CliResult own = stts::test::runCli({"export", "--help"});
    QCOMPARE(own.exitCode, 0);
    for (const char* option : {"--frame", "--contact-sheet", "--csv", "--json", "--no-overlay",
                               "--legend", "--caption", "--mode", "--colour-map", "--timing-chart",
                               "--token-chart", "--width", "--height", "--scale", "--dpi"}) {
      QVERIFY2(own.outText().contains(QLatin1String(option)), option);
    }
  }

  // --frame counts samples from 1, as the window does: sample 3 is index 2.
  void frameHasTheSharedRenderersPixels() {
    const QString path = out("frame2.png");
    const CliResult result = runHeadless({"export", runPath_, "--frame", "3", "-o", path});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY(result.outText().contains(QStringLiteral("640 x 360")));
    const QImage written = QImage(path).convertToFormat(QImage::Format_RGB32);
    QCOMPARE(written.size(), QSize(640, 360));  // the demo clip's source size

    const stts::ui::RunJobOutcome loaded = stts::ui::loadRunJob(runPath_, nullptr);
    QVERIFY2(loaded.run, qPrintable(loaded.error));
    QVERIFY(!loaded.run->usesStoredFrames);
    const stts::ui::ExportScene scene = stts::ui::sceneForRun(*loaded.run, {});
    auto expected = stts::ui::renderFrame(scene, 2, {});
    QVERIFY(expected);
    QCOMPARE(written, *expected);

    // Without the overlay the dropped cell (0, 1) is brighter than with it.
    const QString bare = out("frame2-bare.png");
    QCOMPARE(runHeadless({"export", runPath_, "--frame", "3", "--no-overlay", "-o", bare}).exitCode,
             0);
    const QImage plain(bare);
    const QPoint cell(int(1.5 * 640 / kGrid), int(0.5 * 360 / kGrid));
    auto sum = [](QColor c) { return c.red() + c.green() + c.blue(); };
    QVERIFY(sum(written.pixelColor(cell)) < sum(plain.pixelColor(cell)));
  }

  void folderGetsConventionalNamesAndNeverOverwrites() {
    QTemporaryDir folder;
    const CliResult first = runHeadless({"export", runPath_, "--frame", "2", "-o", folder.path()});
    QVERIFY2(first.exitCode == 0, first.err.constData());
    const CliResult second = runHeadless({"export", runPath_, "--frame", "2", "-o", folder.path()});
    QCOMPARE(second.exitCode, 0);
    QStringList names = QDir(folder.path()).entryList(QDir::Files, QDir::Name);
    QCOMPARE(names.size(), 2);
    const QRegularExpression convention(
        QStringLiteral("^demo_\\d\\d-\\d\\d-\\d\\d-\\d\\d\\d_f2_stts-50(-2)?\\.png$"));
    for (const QString& name : names) QVERIFY2(convention.match(name).hasMatch(), qPrintable(name));
    QVERIFY(names[0].endsWith(QStringLiteral("-2.png")) ||
            names[1].endsWith(QStringLiteral("-2.png")));
  }

  void contactSheetCsvAndJson() {
    const QString sheet = out("sheet.png");
    const CliResult made = runHeadless({"export", runPath_, "--contact-sheet", "--mode", "score",
                                        "--colour-map", "magma", "-o", sheet});
    QVERIFY2(made.exitCode == 0, made.err.constData());
    const stts::ui::RunJobOutcome loaded = stts::ui::loadRunJob(runPath_, nullptr);
    QVERIFY(loaded.run);
    const auto layout = stts::ui::contactSheetLayout(stts::ui::sceneForRun(*loaded.run, {}));
    QCOMPARE(QImage(sheet).size(), layout.size);
    QVERIFY(layout.columns * layout.rows >= 4);

    const QString csv = out("cells.csv");
    QCOMPARE(runHeadless({"export", runPath_, "--csv", "-o", csv}).exitCode, 0);
    const QList<QByteArray> lines = readAll(csv).trimmed().split('\n');
    QCOMPARE(lines.first(), QByteArray(stts::ui::kCellCsvHeader));
    QCOMPARE(lines.size() - 1, 4 * stts::kCellsPerFrame);
    int kept = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) kept += lines[i].split(',').last().toInt();
    QCOMPARE(kept, int(run_.visionTokensAfter));
    QVERIFY(lines[1].startsWith("1,"));  // samples numbered from 1, as in the window
    QVERIFY(lines.last().startsWith("4,"));

    const QString json = out("run.json");
    QCOMPARE(runHeadless({"export", runPath_, "--json", "-o", json}).exitCode, 0);
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(readAll(json), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(root["frame_count"].toInt(), 4);
    QCOMPARE(root["answer"].toString(), QStringLiteral("A yellow square."));
    QCOMPARE(root["video"]["display_width"].toInt(), 640);
    QCOMPARE(root["frames"].toArray().size(), 4);
    QCOMPARE(root["frames"].toArray().first()["sample"].toInt(), 1);
  }

  void legendAndCaptionDrawWithoutADisplay() {
    const QString path = out("captioned.png");
    const CliResult result = runHeadless({"export", runPath_, "--frame", "4", "--mode", "score",
                                          "--legend", "--caption", "-o", path});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QImage image(path);
    QCOMPARE(image.width(), 640);
    QVERIFY(image.height() > 360);  // the caption band below the frame
  }

  void displayOptionsReachTheRenderer() {
    const QString path = out("hatched.png");
    const CliResult result =
        runHeadless({"export", runPath_, "--frame", "2", "--mask-style", "hatch", "--grid",
                     "--opacity", "1", "--brightness", "0.1", "--contrast", "1.5", "-o", path});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const stts::ui::RunJobOutcome loaded = stts::ui::loadRunJob(runPath_, nullptr);
    QVERIFY(loaded.run);
    stts::ui::OverlayStyle style;
    style.maskStyle = stts::ui::MaskStyle::Hatch;
    style.showGrid = true;
    style.opacity = 1.0f;
    style.brightness = 0.1f;
    style.contrast = 1.5f;
    auto expected = stts::ui::renderFrame(stts::ui::sceneForRun(*loaded.run, style), 1, {});
    QVERIFY(expected);
    QCOMPARE(QImage(path).convertToFormat(QImage::Format_RGB32), *expected);

    // Per-frame normalisation: every frame's scores span the whole colour map.
    const QString scores = out("per-frame.png");
    QCOMPARE(runHeadless({"export", runPath_, "--frame", "2", "--mode", "score", "--normalise",
                          "frame", "--opacity", "1", "-o", scores})
                 .exitCode,
             0);
    style = {};
    style.mode = stts::ui::OverlayMode::Score;
    style.opacity = 1.0f;
    auto perFrame = stts::ui::renderFrame(
        stts::ui::sceneForRun(*loaded.run, style, stts::ui::ScoreNormalisation::PerFrame), 1, {});
    QVERIFY(perFrame);
    QCOMPARE(QImage(scores).convertToFormat(QImage::Format_RGB32), *perFrame);
  }

  void storedFramesWhenTheVideoIsGone() {
    const QString path = out("stored.png");
    const CliResult result = runHeadless({"export", storedRunPath_, "--frame", "1", "-o", path});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(result.errText().contains(QStringLiteral("stored")), result.err.constData());
    QCOMPARE(QImage(path).size(), QSize(672, 378));  // 378 high at the video's 16:9
  }

  // --timing-chart and --token-chart: the Timing dock's charts as figures, without a display.
  void stageChartsAsSvgAndPng() {
    const QString svg = out("times.svg");
    CliResult result = runHeadless({"export", timedRunPath_, "--timing-chart", "-o", svg});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(result.outText().contains(QStringLiteral("SVG")), result.out.constData());
    const QByteArray drawing = readAll(svg);
    QVERIFY(drawing.startsWith("<?xml"));
    for (const char* stage : {"decode", "preprocess", "vit_pre", "select", "vit_bias", "pack",
                              "vit_post", "connector", "prefill", "decode_tokens"}) {
      QVERIFY2(drawing.contains(QByteArray(">") + stage + "  "), stage);  // "name  value (share)"
    }
    QVERIFY(drawing.contains("29.12 s (41.0 %)"));
    QVERIFY(drawing.contains("Time (s)"));

    // PNG at 1x and 2x: the same chart with twice the pixels each way, and the same print size.
    const QString single = out("times.png");
    const QString twice = out("times@2x.png");
    QCOMPARE(runHeadless({"export", timedRunPath_, "--timing-chart", "-o", single}).exitCode, 0);
    result = runHeadless({"export", timedRunPath_, "--timing-chart", "--scale", "2", "-o", twice});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QImage one(single);
    const QImage two(twice);
    QVERIFY(!one.isNull() && !two.isNull());
    QCOMPARE(one.width(), 640);  // the default width
    QCOMPARE(two.size(), one.size() * 2);
    QCOMPARE(one.dotsPerMeterX(), 3780);  // 96 dpi
    QCOMPARE(two.dotsPerMeterX(), 7559);  // 192 dpi
    QVERIFY(result.outText().contains(
        QStringLiteral("%1 x %2 pixels").arg(two.width()).arg(two.height())));

    // The token chart at a chosen size and 300 dpi.
    const QString print = out("tokens-300dpi.png");
    result = runHeadless({"export", timedRunPath_, "--token-chart", "--width", "500", "--height",
                          "400", "--dpi", "300", "--no-title", "-o", print});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QImage tokens(print);
    QCOMPARE(tokens.size(), QSize(1563, 1250));  // 500 x 400 at 300 / 96
    QCOMPARE(tokens.dotsPerMeterX(), 11811);     // 300 dots per inch

    // A folder gets a name from the run, and a second export never overwrites the first.
    QTemporaryDir folder;
    QCOMPARE(runHeadless({"export", timedRunPath_, "--token-chart", "-o", folder.path()}).exitCode,
             0);
    QCOMPARE(runHeadless({"export", timedRunPath_, "--token-chart", "-o", folder.path()}).exitCode,
             0);
    QCOMPARE(QDir(folder.path()).entryList(QDir::Files, QDir::Name),
             (QStringList{"timed_stage-tokens-2.png", "timed_stage-tokens.png"}));
  }

  void badChartOptionsAreRefusedInOneLine() {
    // Usage errors (exit 2): one "stts: …" line naming the problem, then the hint.
    const QList<QStringList> usage = {
        {"--timing-chart", "--scale", "0", "-o", out("a.png")},
        {"--timing-chart", "--scale", "two", "-o", out("a.png")},
        {"--timing-chart", "--scale", "2", "--dpi", "300", "-o", out("a.png")},
        {"--timing-chart", "--dpi", "3", "-o", out("a.png")},
        {"--timing-chart", "--width", "-5", "-o", out("a.png")},
        {"--timing-chart", "--scale", "2", "-o", out("a.svg")},
        {"--timing-chart", "--token-chart", "-o", out("a.png")},
        {"--timing-chart", "--csv", "-o", out("a.png")},
        {"--json", "--width", "300", "-o", out("a.json")},
    };
    for (const QStringList& options : usage) {
      const CliResult result = runHeadless(QStringList{"export", timedRunPath_} + options);
      const QString what = options.join(' ') + QStringLiteral(": ") + result.errText();
      QVERIFY2(result.exitCode == 2, qPrintable(what));
      const QStringList lines = result.errText().trimmed().split('\n');
      QVERIFY2(lines.size() == 2 && lines[0].startsWith(QStringLiteral("stts: ")),
               qPrintable(what));
    }
    QVERIFY(!QFile::exists(out("a.png")) && !QFile::exists(out("a.svg")));

    // Too small for the chart's text: says what it needs, writes nothing.
    CliResult result = runHeadless(
        {"export", timedRunPath_, "--timing-chart", "--width", "120", "-o", out("small.png")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.errText().startsWith(QStringLiteral("stts: ")) &&
                 result.errText().contains(QStringLiteral("at least")) &&
                 result.errText().trimmed().count('\n') == 0,
             result.err.constData());
    QVERIFY(!QFile::exists(out("small.png")));
    // A run without stage timings has no chart.
    result = runHeadless({"export", runPath_, "--timing-chart", "-o", out("none.png")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.errText().contains(QStringLiteral("no stage timings")), result.err.constData());
    QVERIFY(!QFile::exists(out("none.png")));
  }

  void failuresAreClear() {
    QFile broken(out("broken.sttsrun"));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("this is not a run file");
    broken.close();
    const CliResult bad = runHeadless({"export", broken.fileName(), "--json", "-o", out("x.json")});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.errText().startsWith(QStringLiteral("stts: ")), bad.err.constData());
    QVERIFY2(bad.errText().contains(QStringLiteral("broken.sttsrun")), bad.err.constData());
    QVERIFY(!QFile::exists(out("x.json")));

    QCOMPARE(runHeadless({"export", out("missing.sttsrun"), "--csv", "-o", out("y.csv")}).exitCode,
             1);
    const CliResult range = runHeadless({"export", runPath_, "--frame", "9", "-o", out("z.png")});
    QCOMPARE(range.exitCode, 1);
    QVERIFY2(range.errText().contains(QStringLiteral("1 to 4")), range.err.constData());
    QCOMPARE(runHeadless({"export", runPath_, "--frame", "0", "-o", out("z.png")}).exitCode, 2);

    QCOMPARE(runHeadless({"export", runPath_, "-o", out("a.png")}).exitCode, 2);
    QCOMPARE(runHeadless({"export", runPath_, "--csv", "--json", "-o", out("a")}).exitCode, 2);
    QCOMPARE(runHeadless({"export", runPath_, "--csv"}).exitCode, 2);
    QCOMPARE(
        runHeadless({"export", runPath_, "--frame", "1", "--mode", "x", "-o", out("a")}).exitCode,
        2);
    QCOMPARE(runHeadless({"export", runPath_, "--frame", "1", "--contrast", "9", "-o", out("a")})
                 .exitCode,
             2);
    QCOMPARE(runHeadless({"export", runPath_, "--frame", "1", "--mask-style", "x", "-o", out("a")})
                 .exitCode,
             2);
    QCOMPARE(
        runHeadless({"export", runPath_, "--frame", "1", "--colour-map", "rainbow", "-o", out("a")})
            .exitCode,
        2);
  }
};

QTEST_GUILESS_MAIN(CliExportTest)
#include "test_cli_export.moc"
