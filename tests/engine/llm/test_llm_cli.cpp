// `stts run` on the tiny model: the answer streams to stdout, the run file carries answer, answer
// tokens and prompt size, and nothing is written when the question is empty or the run is
// cancelled (SIGTERM while tokens stream).
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include "cli_process.h"
#include "stts/runfile.h"

using stts::test::CliResult;
using stts::test::runCli;

class TestLlmCli : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString model_;

  QStringList runArgs(const QString& out, const QString& question, const QString& maxNew) {
    return {"run",        "--model",   model_,     "--video", STTS_DEMO_VIDEO,
            "--question", question,    "--frames", "2",       "--max-new-tokens",
            maxNew,       "--threads", "2",        "-o",      out};
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    model_ = dir_.filePath("tiny");
    const CliResult made = runCli({"make-tiny-model", model_});
    QVERIFY2(made.exitCode == 0, made.err.constData());
  }

  void answersAndWritesTheRun() {
    const QString out = dir_.filePath("answer.sttsrun");
    const CliResult r = runCli(runArgs(out, "What happens in the video?", "5"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    auto run = stts::loadRunFile(out.toStdString());
    QVERIFY2(run.ok(), run.ok() ? "" : run.error().message.c_str());
    QVERIFY(!run->answerTokens.empty());
    QVERIFY(run->answerTokens.size() <= 5);
    QVERIFY(run->promptTokens > run->visionTokensAfter);
    QCOMPARE(run->request.question, std::string("What happens in the video?"));
    // The streamed answer is the first stdout line; the timing summary follows.
    QVERIFY(r.outText().startsWith(QString::fromStdString(run->answer)));
    QVERIFY(r.outText().contains("prefill"));
    bool prefill = false, decode = false;
    for (const auto& t : run->timings) {
      prefill |= t.name == "prefill" && t.tokens == run->promptTokens;
      decode |= t.name == "decode_tokens" && t.tokens == int64_t(run->answerTokens.size());
    }
    QVERIFY(prefill && decode);
  }

  void emptyQuestionIsRefused() {
    const QString out = dir_.filePath("empty.sttsrun");
    const CliResult r = runCli(runArgs(out, "  ", "5"));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.errText().contains("question"), r.err.constData());
    QVERIFY(!QFile::exists(out));
  }

  void cancelWritesNoFile() {
    const QString out = dir_.filePath("cancel.sttsrun");
    QProcess p;
    p.start(STTS_CLI_PATH, runArgs(out, "Describe the video.", "5000"));
    QVERIFY(p.waitForStarted());
    // Wait for the first streamed bytes: decoding has begun.
    QElapsedTimer timer;
    timer.start();
    while (p.state() == QProcess::Running && p.bytesAvailable() == 0 && timer.elapsed() < 60000)
      p.waitForReadyRead(200);
    if (p.state() != QProcess::Running) QSKIP("the tiny model stopped on its own before cancel");
    p.terminate();  // SIGTERM -> CancelToken, checked between tokens
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 1);
    QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("cancel"));
    QVERIFY(!QFile::exists(out));
  }
};

QTEST_GUILESS_MAIN(TestLlmCli)
#include "test_llm_cli.moc"
