// `stts eval` and the merge of its shards end to end on the tiny model: a bench with multiple
// choice and open questions, a clip given by start/end, a missing and a broken video; resume
// after a kill; shards merged give the same answers and metrics as one run; a malformed bench
// line is refused with its number. The tiny model's answers are noise, so correctness itself is
// checked in test_eval (engine/eval); here: what is written, counted and carried.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_process.h"

using stts::test::CliResult;
using stts::test::runCli;

namespace {

QByteArray readAll(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QList<QJsonObject> readLines(const QString& path) {
  QList<QJsonObject> rows;
  for (const QByteArray& line : readAll(path).split('\n'))
    if (!line.trimmed().isEmpty()) rows << QJsonDocument::fromJson(line).object();
  return rows;
}

// "method|keep|frames|id" -> (correct, vision tokens after, answer): what must not depend on time.
QMap<QString, QString> answersByKey(const QString& path) {
  QMap<QString, QString> out;
  for (const QJsonObject& row : readLines(path)) {
    const QString key = QStringLiteral("%1|%2|%3|%4")
                            .arg(row["method"].toString())
                            .arg(row["keep"].toDouble())
                            .arg(row["frames"].toInt())
                            .arg(row["id"].toString());
    out[key] = QStringLiteral("%1|%2|%3|%4")
                   .arg(row["correct"].toBool())
                   .arg(row["vision_tokens_after"].toInt())
                   .arg(row["answer"].toString())
                   .arg(row["error"].toString());
  }
  return out;
}

QJsonArray groupsOf(const QString& metricsPath) {
  return QJsonDocument::fromJson(readAll(metricsPath)).object()["groups"].toArray();
}

}  // namespace

class CliEvalTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString model_;
  QString bench_;

  CliResult eval(const QStringList& extra) {
    return runCli(QStringList{"eval", "--model", model_, "--bench", bench_, "--methods",
                              "none,stts", "--keep", "0.5", "--frames", "2,4", "--threads", "1"} +
                  extra);
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    model_ = dir_.filePath("tiny");
    const CliResult made = runCli({"make-tiny-model", model_});
    QVERIFY2(made.exitCode == 0, made.err.constData());
    QVERIFY(QDir(dir_.path()).mkpath("clips"));
    QVERIFY(QFile::copy(STTS_DEMO_VIDEO, dir_.filePath("clips/square.mp4")));
    QFile broken(dir_.filePath("clips/broken.mp4"));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("this is text, not a video\n");
    broken.close();
    bench_ = dir_.filePath("bench.jsonl");
    QFile bench(bench_);
    QVERIFY(bench.open(QIODevice::WriteOnly));
    bench.write(
        "{\"id\": \"colour\", \"video\": \"clips/square.mp4\", \"question\": \"What colour is the "
        "square?\", \"options\": [\"yellow\", \"red\", \"blue\"], \"answer\": \"A\"}\n"
        "{\"id\": \"count\", \"video\": \"clips/square.mp4\", \"question\": \"How many squares?\", "
        "\"options\": [\"one\", \"two\"], \"answer\": \"A\"}\n"
        "{\"id\": \"late\", \"video\": \"clips/square.mp4\", \"question\": \"Where does it go?\", "
        "\"answer\": \"right\", \"start\": 2, \"end\": 6}\n"
        "{\"id\": \"gone\", \"video\": \"clips/missing.mp4\", \"question\": \"Q?\", \"options\": "
        "[\"a\", \"b\"], \"answer\": \"B\"}\n"
        "{\"id\": \"broken\", \"video\": \"clips/broken.mp4\", \"question\": \"Q?\"}\n");
    bench.close();
  }

  void writesPredictionsMetricsAndPlots() {
    const QString out = dir_.filePath("whole");
    const CliResult result = eval({"--save-runs", "-o", out});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(result.outText().contains("20 answers, 20 to run"), result.out.constData());
    // 5 samples x 2 frame counts x (none once + stts at 0.5).
    const QList<QJsonObject> rows = readLines(out + "/predictions.jsonl");
    QCOMPARE(rows.size(), 20);
    int failed = 0;
    for (const QJsonObject& row : rows) {
      QCOMPARE(row["template"].toString(), QStringLiteral("mc-letter-v1"));
      QCOMPARE(row["parser"].toString(), QStringLiteral("letter-parser-v1"));
      const bool bad = row["id"] == "gone" || row["id"] == "broken";
      QCOMPARE(!row["error"].isNull(), bad);
      failed += bad ? 1 : 0;
      if (bad) continue;
      QVERIFY(row["prompt_tokens"].toInt() > 0);
      QVERIFY(row["stage_ms"].toObject().contains("prefill"));
      const int before = row["vision_tokens_before"].toInt();
      QCOMPARE(before, 81 * row["frames"].toInt());
      QCOMPARE(row["vision_tokens_after"].toInt(), row["method"] == "none" ? before : before / 2);
    }
    QCOMPARE(failed, 8);
    // One run file per answer that was made.
    QCOMPARE(QDir(out + "/runs").entryList({"*.sttsrun"}).size(), 12);

    const QJsonObject metrics = QJsonDocument::fromJson(readAll(out + "/metrics.json")).object();
    QCOMPARE(metrics["template"].toString(), QStringLiteral("mc-letter-v1"));
    const QJsonObject context = metrics["context"].toObject();
    QCOMPARE(context["bench_sha256"].toString().size(), 64);
    QCOMPARE(context["model_config_sha256"].toString().size(), 64);
    QVERIFY(context["versions"].toObject().contains("libtorch"));
    QVERIFY(metrics["stage_scopes"].toObject().contains("prefill"));
    const QJsonArray groups = metrics["groups"].toArray();
    QCOMPARE(groups.size(), 4);  // none and stts at 2 and 4 frames
    for (const QJsonValue& value : groups) {
      const QJsonObject g = value.toObject();
      QCOMPARE(g["n"].toInt(), 3);
      QCOMPARE(g["failed"].toInt(), 2);
      const QJsonArray ci = g["accuracy_ci95"].toArray();
      QVERIFY(ci[0].toDouble() <= g["accuracy"].toDouble() &&
              g["accuracy"].toDouble() <= ci[1].toDouble());
      if (g["method"] == "stts") QVERIFY(g["prefill_speedup"].toDouble() > 0);
    }
    for (const char* plot : {"/accuracy_vs_tokens.svg", "/latency_vs_tokens.svg"})
      QVERIFY(readAll(out + plot).startsWith("<svg"));
    QVERIFY2(result.outText().contains("| stts | 4 | 0.50 | 162 | 3 (+2 failed) |"),
             result.out.constData());
  }

  // Run again: nothing is recomputed. Cut the last line as a kill would: only that answer runs.
  void resumesWhereItStopped() {
    const QString out = dir_.filePath("whole");
    const QByteArray before = readAll(out + "/predictions.jsonl");
    QVERIFY(!before.isEmpty());
    CliResult again = eval({"-o", out});
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY2(again.outText().contains("0 to run, 20 done before"), again.out.constData());
    QCOMPARE(readAll(out + "/predictions.jsonl"), before);

    QFile file(out + "/predictions.jsonl");
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(before.left(before.size() - 40));  // the last line loses its end
    file.close();
    again = eval({"-o", out});
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY2(again.outText().contains("1 to run, 19 done before"), again.out.constData());
    QCOMPARE(readLines(out + "/predictions.jsonl").size(), 20);
  }

  // A real kill (SIGKILL, no chance to tidy up) part-way: the same command continues, runs only
  // what is missing, and ends with every answer once, as the whole run has them.
  void continuesAfterAKill() {
    const QString out = dir_.filePath("killed");
    QProcess process;
    process.start(
        QStringLiteral(STTS_CLI_PATH),
        QStringList{"eval", "--model", model_, "--bench", bench_, "--methods", "none,stts",
                    "--keep", "0.5", "--frames", "2,4", "--threads", "1", "-o", out});
    QVERIFY(process.waitForStarted());
    // Killed once a few answers are in, well before the 20th.
    QTRY_VERIFY_WITH_TIMEOUT(readLines(out + "/predictions.jsonl").size() >= 3, 120000);
    process.kill();
    QVERIFY(process.waitForFinished());
    const int before = int(readLines(out + "/predictions.jsonl").size());
    QVERIFY2(before < 20, "the eval finished before it could be killed");
    const CliResult again = eval({"-o", out});
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QVERIFY2(again.outText().contains(QStringLiteral("%1 done before").arg(before)),
             again.out.constData());
    QCOMPARE(readLines(out + "/predictions.jsonl").size(), 20);
    QCOMPARE(answersByKey(out + "/predictions.jsonl").size(), 20);  // each answer once
  }

  // Two shards merged: the same answers and the same counts as the run of the whole bench.
  void shardsMergeToTheWhole() {
    for (const char* shard : {"0/2", "1/2"}) {
      const CliResult part =
          eval({"--shard", shard, "-o", dir_.filePath(QStringLiteral("shard%1").arg(shard[0]))});
      QVERIFY2(part.exitCode == 0, part.err.constData());
    }
    QVERIFY(QFile::exists(dir_.filePath("shard0/predictions-shard-0-of-2.jsonl")));
    QVERIFY(QFile::exists(dir_.filePath("shard1/metrics-shard-1-of-2.json")));
    const QString merged = dir_.filePath("merged");
    CliResult merge =
        runCli({"merge", dir_.filePath("shard0"), dir_.filePath("shard1"), "-o", merged});
    QVERIFY2(merge.exitCode == 0, merge.err.constData());
    QCOMPARE(answersByKey(merged + "/predictions.jsonl"),
             answersByKey(dir_.filePath("whole/predictions.jsonl")));
    const QJsonArray whole = groupsOf(dir_.filePath("whole/metrics.json"));
    const QJsonArray joined = groupsOf(merged + "/metrics.json");
    QCOMPARE(joined.size(), whole.size());
    for (int i = 0; i < whole.size(); ++i) {
      for (const char* key : {"method", "keep", "frames", "n", "failed", "correct",
                              "mean_vision_tokens", "mean_prompt_tokens"})
        QCOMPARE(joined[i].toObject()[key], whole[i].toObject()[key]);
    }
    // One shard alone is refused, naming the missing one.
    merge = runCli({"merge", dir_.filePath("shard0"), "-o", dir_.filePath("half")});
    QCOMPARE(merge.exitCode, 1);
    QVERIFY2(merge.errText().contains("shards 1 of 2 are missing"), merge.err.constData());
  }

  // The generated square bench (resources/square_bench): every answer made, and at the same keep
  // the downsample baseline gives the language model exactly as many tokens as STTS.
  void squareBenchAtMatchedBudgets() {
    const QString out = dir_.filePath("squares");
    const CliResult result = runCli({"eval", "--model", model_, "--bench", STTS_SQUARE_BENCH,
                                     "--methods", "none,stts,downsample", "--keep", "0.25",
                                     "--frames", "3", "--threads", "1", "-o", out});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QList<QJsonObject> rows = readLines(out + "/predictions.jsonl");
    QCOMPARE(rows.size(), 18 * 3);
    QMap<QString, QMap<QString, int>> tokens;  // id -> method -> vision tokens to the LLM
    for (const QJsonObject& row : rows) {
      QVERIFY2(row["error"].isNull(), qPrintable(row["error"].toString()));
      tokens[row["id"].toString()][row["method"].toString()] = row["vision_tokens_after"].toInt();
    }
    QCOMPARE(tokens.size(), 18);
    for (const auto& byMethod : tokens) {
      QVERIFY(byMethod["stts"] > 0 && byMethod["stts"] < byMethod["none"]);
      QCOMPARE(byMethod["downsample"], byMethod["stts"]);
    }
    QCOMPARE(tokens["colour-0"]["none"], 3 * 81);
    const QJsonArray groups = groupsOf(out + "/metrics.json");
    QCOMPARE(groups.size(), 3);
    for (const QJsonValue& value : groups) {
      QCOMPARE(value.toObject()["n"].toInt(), 18);
      QCOMPARE(value.toObject()["failed"].toInt(), 0);
    }
  }

  void malformedBenchLineIsRefusedWithItsNumber() {
    const QString bad = dir_.filePath("bad.jsonl");
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        "{\"id\": \"a\", \"video\": \"v.mp4\", \"question\": \"Q\"}\n\n"
        "{\"id\": \"b\", \"video\": \"v.mp4\", \"options\": [\"x\", \"y\"]}\n");
    file.close();
    const CliResult result =
        runCli({"eval", "--model", model_, "--bench", bad, "-o", dir_.filePath("bad")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.errText().contains("bad.jsonl line 3: \"question\" is missing"),
             result.err.constData());
    QVERIFY(!QFile::exists(dir_.filePath("bad/predictions.jsonl")));
  }
};

QTEST_GUILESS_MAIN(CliEvalTest)
#include "test_cli_eval.moc"
