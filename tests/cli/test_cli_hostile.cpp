// Hostile input to the command line, part two (issue #14): each case is one a tester found to
// crash, hang or destroy a file, and must now end with one clear line (or the exit code of the
// signal) in bounded time, leaving every file as it was.
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_process.h"
#include "stts/runfile.h"

namespace {

using stts::test::CliResult;
using stts::test::runCli;

// A command that hangs is a failure, not a stuck test run.
constexpr int kDeadlineMs = 30000;

CliResult runBounded(const QStringList& args, const QByteArray& input = {}) {
  return stts::test::runProgram(QStringLiteral(STTS_CLI_PATH), args, input, kDeadlineMs);
}

void checkOneLineFailure(const CliResult& result, const char* mustMention) {
  QVERIFY2(result.exitCode != -1, "the command did not finish within 30 s");
  QCOMPARE(result.exitCode, 1);
  QVERIFY2(result.err.startsWith("stts: "), result.err.constData());
  QCOMPARE(result.err.count('\n'), 1);
  QVERIFY2(result.err.contains(mustMention), result.err.constData());
}

bool isFifo(const QString& path) {
  struct stat st {};
  return ::lstat(QFile::encodeName(path).constData(), &st) == 0 && S_ISFIFO(st.st_mode);
}

// Waits until process `pid` catches SIGINT and SIGTERM (Linux: SigCgt in /proc/PID/status), so
// a test's signal reaches stts's handlers rather than an inherited "ignore" or the default
// action while the process is still starting (loading LibTorch takes a second or more).
bool waitForSignalHandlers(qint64 pid) {
  const quint64 wanted = (quint64{1} << (SIGINT - 1)) | (quint64{1} << (SIGTERM - 1));
  QElapsedTimer timer;
  timer.start();
  while (timer.elapsed() < kDeadlineMs) {
    QFile status(QString("/proc/%1/status").arg(pid));
    if (status.open(QIODevice::ReadOnly)) {
      for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("SigCgt:") &&
            (line.mid(7).trimmed().toULongLong(nullptr, 16) & wanted) == wanted)
          return true;
    }
    QTest::qWait(20);
  }
  return false;
}

bool makeFifo(const QString& path) {
  return ::mkfifo(QFile::encodeName(path).constData(), 0644) == 0;
}

// A summary of `stts compare` with the given counts and no runs, for the merge cases.
QByteArray summaryJson(const QJsonValue& videoCount, int shardIndex, qint64 shardCount) {
  const QJsonObject sweep{{"methods", QJsonArray{"stts"}},
                          {"keeps", QJsonArray{0.5}},
                          {"question", ""},
                          {"maxNewTokens", 0},
                          {"budgetPolicy", "equal"},
                          {"fastvLayer", 2},
                          {"maxFrames", 4},
                          {"maxFps", 2.0},
                          {"seed", 0},
                          {"dtype", "float32"},
                          {"modelConfigHash", "x"},
                          {"videoCount", videoCount}};
  const QJsonObject root{{"format", "stts-compare-summary"},
                         {"version", 1},
                         {"sweep", sweep},
                         {"shard", QJsonObject{{"index", shardIndex}, {"count", shardCount}}},
                         {"sharded", shardCount > 1},
                         {"runs", QJsonArray{}}};
  return QJsonDocument(root).toJson();
}

}  // namespace

class TestCliHostile : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    // Qt's offscreen platform (export, export-compare) warns on stderr without it.
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
      QVERIFY(QDir().mkpath(dir_.filePath("runtime")));
      QFile::setPermissions(dir_.filePath("runtime"), QFileDevice::ReadOwner |
                                                          QFileDevice::WriteOwner |
                                                          QFileDevice::ExeOwner);
      qputenv("XDG_RUNTIME_DIR", QFile::encodeName(dir_.filePath("runtime")));
    }
    model_ = dir_.filePath("tiny");
    const CliResult made = runCli({"make-tiny-model", model_});
    QVERIFY2(made.exitCode == 0, made.err.constData());
    run_ = dir_.filePath("demo.sttsrun");
    const CliResult scored = runCli(
        {"score", "--model", model_, "--video", STTS_DEMO_VIDEO, "--frames", "2", "-o", run_});
    QVERIFY2(scored.exitCode == 0, scored.err.constData());
  }

  // 100,000 nested '[' crashed --decode (exit 139) when the error message printed an element.
  void decodeRefusesDeepNesting() {
    const QByteArray deep = QByteArray(100000, '[') + QByteArray(100000, ']') + "\n";
    checkOneLineFailure(runBounded({"tokenize", "--decode", "--model", model_}, deep),
                        "input line 1 nests deeper than 64 levels");
    checkOneLineFailure(runBounded({"tokenize", "--model", model_}, deep), "nests deeper");
    // An array inside the list is named by kind, not printed back.
    checkOneLineFailure(runBounded({"tokenize", "--decode", "--model", model_}, "[1,[[2]]]\n"),
                        "holds an array, which is not a token id");
  }

  void tokenizerJsonNestingIsRefused() {
    const QString folder = dir_.filePath("deep-tokenizer");
    QVERIFY(QDir().mkpath(folder));
    QFile file(folder + "/tokenizer.json");
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"model\": " + QByteArray(50000, '[') + QByteArray(50000, ']') + "}");
    file.close();
    checkOneLineFailure(runBounded({"tokenize", "--model", folder}, "\"a\"\n"),
                        "nests deeper than 64 levels");
  }

  // `-o` naming a FIFO was replaced by a regular file (and /dev/full, as root, too). A FIFO
  // stands in for the device node: any user can make one.
  void outputThatIsNotARegularFileIsRefused() {
    const QString fifo = dir_.filePath("out.fifo");
    QVERIFY(makeFifo(fifo));
    checkOneLineFailure(runBounded({"score", "--model", model_, "--video", STTS_DEMO_VIDEO,
                                    "--frames", "2", "-o", fifo}),
                        "is a FIFO (named pipe), not a regular file");
    QVERIFY(isFifo(fifo));
    checkOneLineFailure(
        runBounded({"sample", STTS_DEMO_VIDEO, "--max-frames", "2", "--frames-out", fifo}),
        "not a regular file");
    QVERIFY(isFifo(fifo));
    checkOneLineFailure(runBounded({"score", "--model", model_, "--video", STTS_DEMO_VIDEO,
                                    "--frames", "2", "-o", dir_.filePath("no/such/dir/x.sttsrun")}),
                        "does not exist");
#if STTS_HAVE_EXPORT
    checkOneLineFailure(runBounded({"export", run_, "--csv", "-o", fifo}), "not a regular file");
    QVERIFY(isFifo(fifo));
    checkOneLineFailure(runBounded({"export-compare", run_, run_, "--frame", "1", "-o", fifo}),
                        "not a regular file");
    QVERIFY(isFifo(fifo));
#endif
    // merge writes summary.csv/.json into its folder: a FIFO there is not replaced either.
    const QString mergeDir = dir_.filePath("merge-into-fifo");
    QVERIFY(QDir().mkpath(mergeDir));
    QVERIFY(makeFifo(mergeDir + "/summary.csv"));
    const QString summary = dir_.filePath("one-shard.json");
    QFile file(summary);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(summaryJson(0, 0, 1));
    file.close();
    checkOneLineFailure(runBounded({"merge", summary, "-o", mergeDir}), "not a regular file");
    QVERIFY(isFifo(mergeDir + "/summary.csv"));
  }

  // Opening a FIFO for reading waits for a writer: a model shard, a run file, a run's video and
  // a merge summary planted as FIFOs hung the command forever.
  void fifoInputsAreRefusedAtOnce() {
    const QString model = dir_.filePath("fifo-model");
    QVERIFY(QDir().mkpath(model));
    for (const QFileInfo& entry : QDir(model_).entryInfoList(QDir::Files)) {
      if (entry.suffix() == "safetensors")
        QVERIFY(makeFifo(model + "/" + entry.fileName()));
      else
        QVERIFY(QFile::copy(entry.filePath(), model + "/" + entry.fileName()));
    }
    checkOneLineFailure(runBounded({"score", "--model", model, "--video", STTS_DEMO_VIDEO,
                                    "--frames", "2", "-o", dir_.filePath("never.sttsrun")}),
                        "not a regular file");
    QVERIFY(!QFile::exists(dir_.filePath("never.sttsrun")));

    const QString fifo = dir_.filePath("in.fifo");
    QVERIFY(makeFifo(fifo));
    checkOneLineFailure(runBounded({"merge", fifo, "-o", dir_.filePath("merged-fifo")}),
                        "is a FIFO (named pipe), not a regular file");
    checkOneLineFailure(runBounded({"tokenize", "--model", dir_.filePath("fifo-tok")}, "\"a\"\n"),
                        "does not exist");
    const QString tokFolder = dir_.filePath("fifo-tok");
    QVERIFY(QDir().mkpath(tokFolder));
    QVERIFY(makeFifo(tokFolder + "/tokenizer.json"));
    checkOneLineFailure(runBounded({"tokenize", "--model", tokFolder}, "\"a\"\n"),
                        "not a regular file");
#if STTS_HAVE_EXPORT
    checkOneLineFailure(runBounded({"export", fifo, "--csv", "-o", dir_.filePath("x.csv")}),
                        "not a regular file");
    // A run whose video_path names a FIFO: the export must not wait for a writer.
    auto run = stts::loadRunFile(QFile::encodeName(run_).toStdString());
    QVERIFY2(run.ok(), run.ok() ? "" : run.error().message.c_str());
    run->request.videoPath = QFile::encodeName(fifo).toStdString();
    const QString moved = dir_.filePath("video-is-fifo.sttsrun");
    QVERIFY(stts::saveRunFile(QFile::encodeName(moved).toStdString(), *run).ok());
    const CliResult exported =
        runBounded({"export", moved, "--frame", "1", "-o", dir_.filePath("frame.png")});
    QVERIFY2(exported.exitCode != -1, "export hung on a run whose video is a FIFO");
    QVERIFY2(exported.exitCode == 0, exported.err.constData());
#endif
  }

  // Counts in a summary are claims: 10^12 videos or 2^31-1 shards made merge loop and grow past
  // 3 GB; 5,000 missing videos printed 5,001 lines.
  void mergeBoundsWhatTheSummaryClaims() {
    struct Case {
      const char* name;
      QByteArray json;
      const char* mustMention;
    };
    const std::vector<Case> cases = {
        {"huge-video-count", summaryJson(1e12, 0, 1), "1000000000000 videos of the list"},
        {"huge-shard-count", summaryJson(4, 0, 2147483647),
         "2147483646 of 2147483647 shards are missing"},
        {"many-missing-videos", summaryJson(5000, 0, 1), "and 4990 more"},
        {"wrong-type", summaryJson("many", 0, 1), "sweep.videoCount is not an integer"},
        {"out-of-range", summaryJson(1, 0, 1LL << 40), "shard.count is out of range"},
    };
    for (const Case& c : cases) {
      const QString path = dir_.filePath(QString("summary-%1.json").arg(c.name));
      QFile file(path);
      QVERIFY(file.open(QIODevice::WriteOnly));
      file.write(c.json);
      file.close();
      QElapsedTimer timer;
      timer.start();
      const CliResult merged = runBounded({"merge", path, "-o", dir_.filePath("merged")});
      QVERIFY2(merged.exitCode == 1, c.name);
      QVERIFY2(merged.err.contains(c.mustMention), merged.err.constData());
      QVERIFY2(!merged.err.contains("json.exception"), merged.err.constData());
      QVERIFY2(merged.err.count('\n') <= 22, c.name);  // a summary, never a line per video
      QVERIFY2(timer.elapsed() < kDeadlineMs, c.name);
    }
  }

  // A 100 KB question ran for minutes before anything was said. The prompt's length is known
  // before the vision half (the budget fixes the count of kept cells), so a question that cannot
  // fit the model's context is refused at once. A copy of the tiny model with a 4096-position
  // context keeps the questions small.
  void questionBeyondTheContextIsRefusedFirst() {
    const QString small = dir_.filePath("small-context");
    QVERIFY(QDir().mkpath(small));
    for (const QFileInfo& entry : QDir(model_).entryInfoList(QDir::Files))
      QVERIFY(QFile::copy(entry.filePath(), small + "/" + entry.fileName()));
    QFile config(small + "/config.json");
    QVERIFY(config.open(QIODevice::ReadOnly));
    QByteArray text = config.readAll();
    config.close();
    const qsizetype at = text.indexOf("\"max_position_embeddings\"");
    QVERIFY(at >= 0);
    const qsizetype valueStart = text.indexOf(':', at) + 1;
    const qsizetype valueEnd = text.indexOf(',', valueStart);
    text.replace(valueStart, valueEnd - valueStart, " 4096");
    QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
    config.write(text);
    config.close();

    QElapsedTimer timer;
    timer.start();
    const QString alone = QString("What is this? ").repeated(1500);  // 6,001 tokens
    checkOneLineFailure(runBounded({"run", "--model", small, "--video", STTS_DEMO_VIDEO, "--frames",
                                    "2", "--question", alone, "-o", dir_.filePath("q.sttsrun")}),
                        "the question is 6001 tokens, more than the model's context of 4096");
    const QString withVideo = QString("What is this? ").repeated(750);  // 3,001 tokens
    checkOneLineFailure(
        runBounded({"run", "--model", small, "--video", STTS_DEMO_VIDEO, "--frames", "16",
                    "--method", "none", "--question", withVideo, "-o", dir_.filePath("q.sttsrun")}),
        "and the video (1296 vision tokens from 16 frames) do not fit the model's context of 4096");
    QVERIFY(!QFile::exists(dir_.filePath("q.sttsrun")));
    // Both refused before the ViT ran: together far less than one 16-frame vision pass here.
    qInfo("two refusals in %lld ms", static_cast<long long>(timer.elapsed()));
  }

  // An inherited "ignore SIGINT" (a script's background job) is replaced: kill -INT ends stts.
  void inheritedIgnoredSigintIsReplaced() {
    QProcess process;
    process.start(
        "/bin/sh",
        {"-c", QString("trap '' INT; exec '%1' tokenize --model '%2'").arg(STTS_CLI_PATH, model_)});
    QVERIFY(process.waitForStarted());
    QVERIFY(waitForSignalHandlers(process.processId()));  // then it waits for stdin (kept open)
    ::kill(static_cast<pid_t>(process.processId()), SIGINT);
    QVERIFY2(process.waitForFinished(10000), "SIGINT was ignored");
    QCOMPARE(process.exitCode(), 130);
  }

  // The first signal cancels a run at its next check; a second one ends it at once with 128 +
  // its number and leaves neither the target nor a temporary file behind. Two signals sent to a
  // running process may be handled far apart, so the process is stopped while both are queued:
  // on resuming, SIGINT (the lower number) is handled first and cancels, SIGTERM second.
  void secondSignalEndsAtOnce() {
    const QString out = dir_.filePath("signalled.sttsrun");
    QProcess process;
    process.start(STTS_CLI_PATH, {"run", "--model", model_, "--video", STTS_DEMO_VIDEO, "--frames",
                                  "32", "--question", "What happens?", "-o", out});
    QVERIFY(process.waitForStarted());
    QVERIFY(waitForSignalHandlers(process.processId()));
    QTest::qWait(500);  // past argument parsing: the run's cancel token is in place
    const auto pid = static_cast<pid_t>(process.processId());
    ::kill(pid, SIGSTOP);
    ::kill(pid, SIGINT);
    ::kill(pid, SIGTERM);
    ::kill(pid, SIGCONT);
    QVERIFY2(process.waitForFinished(10000), "two SIGTERMs did not end the process");
    QCOMPARE(process.exitCode(), 143);
    QVERIFY(!QFile::exists(out));
    const QStringList leftovers =
        QDir(dir_.path()).entryList({"signalled.sttsrun*"}, QDir::Files | QDir::Hidden);
    QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(", ")));

    // While blocked where no cancel check runs (tokenize waits for stdin), one signal suffices.
    QProcess blocked;
    blocked.start(STTS_CLI_PATH, {"tokenize", "--model", model_});
    QVERIFY(blocked.waitForStarted());
    QVERIFY(waitForSignalHandlers(blocked.processId()));
    ::kill(static_cast<pid_t>(blocked.processId()), SIGTERM);
    QVERIFY2(blocked.waitForFinished(10000), "SIGTERM was swallowed");
    QCOMPARE(blocked.exitCode(), 143);
  }

 private:
  QTemporaryDir dir_;
  QString model_;
  QString run_;
};

QTEST_GUILESS_MAIN(TestCliHostile)
#include "test_cli_hostile.moc"
