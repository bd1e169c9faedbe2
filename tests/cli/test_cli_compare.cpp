// `stts compare` and `stts merge` end to end (tiny model, a few frames), plus the torch-free
// logic behind them (shards, lists, IoU, CSV). The IoU in summary.csv is checked against an
// independent count over the keep masks read back from the run files.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_process.h"
#include "compare_plan.h"
#include "compare_summary.h"
#include "stts/runfile.h"

using stts::test::CliResult;
using stts::test::runCli;

namespace {

// RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.
QList<QStringList> parseCsv(const QString& text) {
  QList<QStringList> rows;
  QStringList row;
  QString field;
  bool quoted = false;
  for (qsizetype i = 0; i < text.size(); ++i) {
    const QChar c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row << field;
      field.clear();
    } else if (c == '\n') {
      row << field;
      field.clear();
      rows << row;
      row.clear();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (!field.isEmpty() || !row.isEmpty()) rows << (row << field);
  return rows;
}

QList<QStringList> readCsv(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return parseCsv(QString::fromUtf8(file.readAll()));
}

int column(const QList<QStringList>& csv, const QString& name) {
  return csv.isEmpty() ? -1 : int(csv.front().indexOf(name));
}

// The rows of a summary that do not depend on timing, keyed for comparison.
QStringList deterministicRows(const QList<QStringList>& csv) {
  QStringList keep = {"video",
                      "method",
                      "keep",
                      "status",
                      "frames",
                      "vision_tokens_before",
                      "vision_tokens_after",
                      "prompt_tokens"};
  for (const QString& name : csv.value(0))
    if (name.startsWith("iou_")) keep << name;
  QStringList rows;
  for (qsizetype r = 1; r < csv.size(); ++r) {
    QStringList fields;
    for (const QString& name : keep) fields << csv[r].value(column(csv, name));
    rows << fields.join('|');
  }
  return rows;
}

}  // namespace

class CliCompareTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString model_;
  QString list_;

  CliResult compare(const QStringList& extra) {
    return runCli(QStringList{"compare", "--model", model_, "--frames", "4", "--threads", "1"} +
                  extra);
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    model_ = dir_.filePath("tiny");
    const CliResult made = runCli({"make-tiny-model", model_});
    QVERIFY2(made.exitCode == 0, made.err.constData());
    // A list with comments, blank lines, a relative path in a subfolder and a broken "video".
    QVERIFY(QDir(dir_.path()).mkpath("clips/sub"));
    QVERIFY(QFile::copy(STTS_DEMO_VIDEO, dir_.filePath("clips/alpha.mp4")));
    QVERIFY(QFile::copy(STTS_DEMO_VIDEO, dir_.filePath("clips/sub/beta.mp4")));
    QVERIFY(QFile::copy(STTS_DEMO_VIDEO, dir_.filePath("gamma clip.mp4")));
    QFile broken(dir_.filePath("clips/broken.mp4"));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("this is text, not a video\n");
    broken.close();
    list_ = dir_.filePath("clips/videos.txt");
    QFile list(list_);
    QVERIFY(list.open(QIODevice::WriteOnly));
    list.write("# the sweep of the test\n\nalpha.mp4\r\n  sub/beta.mp4  \nbroken.mp4\n# done\n" +
               dir_.filePath("gamma clip.mp4").toUtf8() + "\n");
    list.close();
  }

  void summaryIoUMatchesTheRunFiles() {
    const QString out = dir_.filePath("single");
    const CliResult result = compare({"--video", STTS_DEMO_VIDEO, "--methods", "stts,random,none",
                                      "--keep", "0.5,0.3", "--no-frames", "-o", out});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(result.outText().count("] demo "), 6);  // one progress line per run

    const auto csv = readCsv(out + "/summary.csv");
    QCOMPARE(csv.size(), 7);
    for (const char* name : {"answer", "prompt_tokens", "vision_tokens_before", "vit_pre_ms",
                             "connector_ms", "decode_ms", "total_ms", "peak_memory_bytes"})
      QVERIFY2(column(csv, name) >= 0, name);
    const int fileColumn = column(csv, "run_file");
    std::map<QString, std::vector<uint8_t>> masks;  // label -> keep mask from the run file
    for (qsizetype r = 1; r < csv.size(); ++r) {
      const QString label = csv[r][column(csv, "method")] + "-" +
                            QString::number(csv[r][column(csv, "keep")].toDouble() * 100);
      QCOMPARE(csv[r][fileColumn], "demo_" + label + ".sttsrun");
      auto run = stts::loadRunFile((out + "/" + csv[r][fileColumn]).toStdString());
      QVERIFY2(run.ok(), run ? "" : run.error().message.c_str());
      QCOMPARE(run->frames, 4);
      QCOMPARE(csv[r][column(csv, "vision_tokens_after")].toLongLong(), run->visionTokensAfter);
      masks[label] = run->keep;
    }
    QCOMPARE(masks.size(), size_t(6));
    bool someIoUBelowOne = false;
    for (qsizetype r = 1; r < csv.size(); ++r) {
      const QString label = csv[r][column(csv, "method")] + "-" +
                            QString::number(csv[r][column(csv, "keep")].toDouble() * 100);
      for (const auto& [other, mask] : masks) {
        const auto& mine = masks[label];
        int both = 0, either = 0;
        for (size_t i = 0; i < mine.size(); ++i) {
          both += mine[i] && mask[i];
          either += mine[i] || mask[i];
        }
        const double expected = either == 0 ? 1.0 : double(both) / either;
        const QString cell = csv[r][column(csv, "iou_" + other)];
        QVERIFY2(!cell.isEmpty(), qPrintable(label + " vs " + other));
        QVERIFY2(qAbs(cell.toDouble() - expected) < 1e-6, qPrintable(label + " vs " + other));
        someIoUBelowOne = someIoUBelowOne || expected < 0.99;
      }
    }
    QVERIFY(someIoUBelowOne);  // the sweep really compares different masks

    QFile json(out + "/summary.json");
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonObject summary = QJsonDocument::fromJson(json.readAll()).object();
    QCOMPARE(summary["runs"].toArray().size(), 6);
    QCOMPARE(summary["sweep"].toObject()["methods"].toArray().size(), 3);
    QVERIFY(QDir(out).entryList({"*.tmp*"}, QDir::Files).isEmpty());
  }

  void aFailingRunIsReportedAndTheOthersRun() {
    // FastV chooses tokens from the question's attention: a vision-only run of it fails in the
    // engine, after the model is loaded, while the other method still runs.
    const QString out = dir_.filePath("failing");
    const CliResult result =
        compare({"--video", STTS_DEMO_VIDEO, "--methods", "fastv,none", "--no-frames", "-o", out});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.errText().contains("fastv"), result.err.constData());
    const auto csv = readCsv(out + "/summary.csv");
    QCOMPARE(csv.size(), 3);
    QCOMPARE(csv[1][column(csv, "status")], QString("failed"));
    QVERIFY(csv[1][column(csv, "error")].contains("question"));
    QVERIFY(csv[1][column(csv, "iou_none-50")].isEmpty());
    QCOMPARE(csv[2][column(csv, "status")], QString("ok"));
    QCOMPARE(csv[2][column(csv, "iou_none-50")], QString("1.000000"));
    QVERIFY(QFile::exists(out + "/demo_none-50.sttsrun"));
    QVERIFY(!QFile::exists(out + "/demo_fastv-50.sttsrun"));

    // A name no engine method has is a usage error before anything runs.
    const CliResult unknown = compare(
        {"--video", STTS_DEMO_VIDEO, "--methods", "none,magic", "-o", dir_.filePath("unknown")});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.errText().contains("magic") && unknown.errText().contains("vidcom2"),
             unknown.err.constData());
    QVERIFY(!QFile::exists(dir_.filePath("unknown")));
  }

  void aQuestionRunsTheLanguageModel() {
    const QString out = dir_.filePath("asked");
    const CliResult result =
        compare({"--video", STTS_DEMO_VIDEO, "--methods", "stts,fastv", "--question",
                 "What moves, and \"where\"?", "--max-new-tokens", "3", "--no-frames", "-o", out});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const auto csv = readCsv(out + "/summary.csv");
    QCOMPARE(csv.size(), 3);
    for (const char* name : {"prefill_ms", "decode_tokens_ms"})
      QVERIFY2(column(csv, name) >= 0, name);
    for (qsizetype r = 1; r < csv.size(); ++r) {
      QVERIFY(!csv[r][column(csv, "answer")].isEmpty());
      QVERIFY(csv[r][column(csv, "prompt_tokens")].toLongLong() > 0);
      auto run = stts::loadRunFile((out + "/" + csv[r][column(csv, "run_file")]).toStdString());
      QVERIFY(run.ok());
      QCOMPARE(QString::fromStdString(run->answer), csv[r][column(csv, "answer")]);
    }
    QFile json(out + "/summary.json");
    QVERIFY(json.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(json.readAll())["sweep"]["question"].toString(),
             QString("What moves, and \"where\"?"));
  }

  void cancelLeavesOnlyCompleteFiles() {
    // SIGTERM (as Ctrl+C) after the first of 27 runs: the sweep stops, no summary is written and
    // no temporary file is left; the run files that exist are complete.
    const QString out = dir_.filePath("cancelled");
    QProcess process;
    process.start(STTS_CLI_PATH, {"compare", "--model", model_, "--frames", "4", "--threads", "1",
                                  "--video", STTS_DEMO_VIDEO, "--methods", "none,random,stts",
                                  "--keep", "0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9", "-o", out});
    QVERIFY(process.waitForStarted());
    while (!process.canReadLine() && process.state() == QProcess::Running)
      process.waitForReadyRead(100);
    QVERIFY(process.readLine().startsWith("[1/27]"));
    process.terminate();
    QVERIFY(process.waitForFinished(120000));
    QCOMPARE(process.exitCode(), 1);
    QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains("cancelled"));
    QVERIFY(!QFile::exists(out + "/summary.csv"));
    QVERIFY(!QFile::exists(out + "/summary.json"));
    const QStringList files = QDir(out).entryList(QDir::Files | QDir::Hidden);
    QVERIFY(files.size() >= 1 && files.size() < 27);
    for (const QString& name : files) {
      QVERIFY2(name.endsWith(".sttsrun"), qPrintable(name));
      QVERIFY2(stts::loadRunFile((out + "/" + name).toStdString()).ok(), qPrintable(name));
    }
  }

  void shardsCoverEveryVideoExactlyOnce() {
    for (std::size_t count = 0; count <= 12; ++count) {
      for (int shards = 1; shards <= 15; ++shards) {
        std::vector<int> seen(count, 0);
        for (int index = 0; index < shards; ++index)
          for (std::size_t k : stts::cli::shardVideoIndices(count, {index, shards})) {
            QVERIFY(k < count);
            QVERIFY(stts::cli::videoInShard(k, {index, shards}));
            ++seen[k];
          }
        for (int times : seen) QCOMPARE(times, 1);
      }
    }
  }

  void badShardValuesAreRejected() {
    // Through the command line (each process start costs a LibTorch load, so only a few) ...
    for (const char* bad : {"4/4", "-1/4", "1/b"}) {
      const CliResult result =
          compare({"--videos", list_, "--shard", bad, "-o", dir_.filePath("never")});
      QVERIFY2(result.exitCode == 2, bad);
      QVERIFY2(result.errText().contains("0-based"), qPrintable(bad + result.errText()));
    }
    QVERIFY(!QFile::exists(dir_.filePath("never")));
    // ... and the parser the command uses, for every other shape.
    for (const char* bad : {"5/4", "0/0", "1", "a/4", "1/2/3", "/", "", "0x1/2", "+-1/2"}) {
      const auto parsed = stts::cli::parseShard(bad);
      QVERIFY2(!parsed.ok(), bad);
      QVERIFY2(QString::fromStdString(parsed.error().message).contains("0-based"), bad);
    }
    const auto parsed = stts::cli::parseShard("3/4");
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->index, 3);
    QCOMPARE(parsed->count, 4);
    QCOMPARE(compare({"--video", STTS_DEMO_VIDEO, "--shard", "0/2", "-o", dir_.filePath("never")})
                 .exitCode,
             2);  // a shard needs a list
  }

  void shardsMergeIntoTheUnshardedSummary() {
    // Later options win: two frames per video keep the eight processes below cheap.
    const QStringList sweep = {"--videos", list_,         "--methods", "stts,none", "--keep",
                               "0.4",      "--no-frames", "--frames",  "2"};
    const QString whole = dir_.filePath("whole");
    const CliResult unsharded = compare(sweep + QStringList{"-o", whole});
    QCOMPARE(unsharded.exitCode, 1);  // the broken video
    QVERIFY2(unsharded.errText().contains("broken"), unsharded.err.constData());
    const auto wholeCsv = readCsv(whole + "/summary.csv");
    QCOMPARE(wholeCsv.size(), 1 + 4 * 2);
    int failed = 0;
    for (qsizetype r = 1; r < wholeCsv.size(); ++r)
      failed += wholeCsv[r][column(wholeCsv, "status")] == "failed";
    QCOMPARE(failed, 2);
    QVERIFY(QFile::exists(whole + "/alpha/alpha_stts-40.sttsrun"));
    QVERIFY(QFile::exists(whole + "/gamma_clip/gamma_clip_none-40.sttsrun"));

    for (int shards : {2, 5}) {  // 5 > the four videos: one shard runs nothing
      const QString sharded = dir_.filePath(QString("sharded%1").arg(shards));
      for (int index = 0; index < shards; ++index) {
        const QString shard = QString("%1/%2").arg(index).arg(shards);
        const CliResult result = compare(sweep + QStringList{"--shard", shard, "-o", sharded});
        QVERIFY2(result.exitCode == 0 || result.exitCode == 1, result.err.constData());
        if (index >= 4) QVERIFY2(result.outText().contains("no videos"), result.out.constData());
        QVERIFY(
            QFile::exists(sharded + QString("/summary-shard-%1-of-%2.csv").arg(index).arg(shards)));
      }
      const QString merged = dir_.filePath(QString("merged%1").arg(shards));
      const CliResult merge = runCli({"merge", sharded, "-o", merged});
      QVERIFY2(merge.exitCode == 0, merge.err.constData());
      const auto mergedCsv = readCsv(merged + "/summary.csv");
      QCOMPARE(deterministicRows(mergedCsv), deterministicRows(wholeCsv));
      // Run files stay reachable from the merged summary's folder.
      const int fileColumn = column(mergedCsv, "run_file");
      for (qsizetype r = 1; r < mergedCsv.size(); ++r)
        if (!mergedCsv[r][fileColumn].isEmpty())
          QVERIFY2(QFile::exists(merged + "/" + mergedCsv[r][fileColumn]),
                   qPrintable(mergedCsv[r][fileColumn]));
    }
  }

  void mergeRefusesMismatchedOrIncompleteShards() {
    const QString sharded = dir_.filePath("sharded2");
    const QString shard0 = sharded + "/summary-shard-0-of-2.json";
    const QString shard1 = sharded + "/summary-shard-1-of-2.json";
    QVERIFY(QFile::exists(shard0) && QFile::exists(shard1));

    CliResult missing = runCli({"merge", shard0, "-o", dir_.filePath("m1")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.errText().contains("shard 1 of 2 is missing"), missing.err.constData());

    CliResult twice = runCli({"merge", shard0, shard0, shard1, "-o", dir_.filePath("m2")});
    QCOMPARE(twice.exitCode, 1);
    QVERIFY2(twice.errText().contains("given twice"), twice.err.constData());

    // The same shard from a sweep with another keep ratio.
    QFile file(shard1);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject summary = QJsonDocument::fromJson(file.readAll()).object();
    QJsonObject sweepObject = summary["sweep"].toObject();
    sweepObject["keeps"] = QJsonArray{0.3};
    summary["sweep"] = sweepObject;
    const QString other = dir_.filePath("other-shard-1.json");
    QFile out(other);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(summary).toJson());
    out.close();
    CliResult mismatched = runCli({"merge", shard0, other, "-o", dir_.filePath("m3")});
    QCOMPARE(mismatched.exitCode, 1);
    QVERIFY2(
        mismatched.errText().contains("different sweep") && mismatched.errText().contains("keeps"),
        mismatched.err.constData());
    QVERIFY(!QFile::exists(dir_.filePath("m3/summary.csv")));
  }

  void pureLogic() {
    using namespace stts::cli;
    QCOMPARE(csvField("plain"), std::string("plain"));
    QCOMPARE(csvField("a,b"), std::string("\"a,b\""));
    QCOMPARE(csvField("say \"hi\"\nbye"), std::string("\"say \"\"hi\"\"\nbye\""));
    QCOMPARE(keptCellIoU({}, {}).value(), 1.0);
    QCOMPARE(keptCellIoU({0, 0}, {0, 0}).value(), 1.0);
    QCOMPARE(keptCellIoU({1, 1, 0, 0}, {1, 0, 1, 0}).value(), 1.0 / 3.0);
    QVERIFY(!keptCellIoU({1}, {1, 1}).has_value());
    QCOMPARE(keepLabel(0.5), std::string("50"));
    QCOMPARE(keepLabel(0.125), std::string("12.5"));
    QCOMPARE(keepLabel(1.0), std::string("100"));
    QCOMPARE(keepLabel(0.0), std::string("0"));
    QCOMPARE(runFileName("clip", "stts", 0.3), std::string("clip_stts-30.sttsrun"));
    QCOMPARE(safeVideoStem("/x/../my clip (1).mp4"), std::string("my_clip__1_"));
    QVERIFY(!parseKeepList("0.5,0.50001").ok());
    QVERIFY(!parseMethodList("stts,,none").ok());
    QVERIFY(!parseMethodList("stts,stts").ok());
    auto list = parseVideoList("# c\n\n a.mp4 \r\n/abs/b.mkv\n", "/base", "l.txt");
    QVERIFY(list.ok());
    QCOMPARE(list->size(), size_t(2));
    QCOMPARE((*list)[0].path, std::string("/base/a.mp4"));
    QCOMPARE((*list)[0].line, 3);
    QCOMPARE((*list)[1].path, std::string("/abs/b.mkv"));
    QVERIFY(!parseVideoList("a.mp4\nsub/a.mp4\n", "/base", "l.txt").ok());  // same run names
    QVERIFY(!parseVideoList("# nothing\n\n", "/base", "l.txt").ok());
  }
};

QTEST_GUILESS_MAIN(CliCompareTest)
#include "test_cli_compare.moc"
