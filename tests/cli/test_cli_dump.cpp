// `stts score|run --dump`: the tensor dump of a run on the tiny model and the demo clip has the
// documented names, shapes and dtypes (engine/runfile/FORMAT.md, "Tensor dumps"), agrees with the
// run file (keep, scores, model-input frames, kept cells), its logits reproduce the generated
// tokens by argmax, repeats are bit-identical, and a failed or cancelled run writes no dump.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>
#include <cstring>

#include "cli_process.h"
#include "stts/checkpoint/safetensors.h"
#include "stts/runfile.h"

using stts::ckpt::DType;
using stts::ckpt::SafetensorsFile;
using stts::ckpt::TensorView;
using stts::test::CliResult;
using stts::test::runCli;

namespace {

constexpr int32_t kImEnd = 151645;  // <|im_end|>: generation stops on it

QByteArray bytesOf(const TensorView& t) {
  return QByteArray(reinterpret_cast<const char*>(t.data.data()),
                    static_cast<qsizetype>(t.data.size()));
}

template <typename T>
QByteArray bytesOf(const std::vector<T>& v) {
  return QByteArray(reinterpret_cast<const char*>(v.data()),
                    static_cast<qsizetype>(v.size() * sizeof(T)));
}

QByteArray fileBytes(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Index of the largest value of row `row` (the first one on ties, as torch's argmax on the CPU).
int64_t argmaxRow(const TensorView& logits, int64_t row) {
  const int64_t width = logits.shape[1];
  std::vector<float> values(static_cast<size_t>(width));
  std::memcpy(values.data(), logits.data.data() + row * width * 4, values.size() * 4);
  int64_t best = 0;
  for (int64_t i = 1; i < width; ++i)
    if (values[size_t(i)] > values[size_t(best)]) best = i;
  return best;
}

}  // namespace

class CliDumpTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString model_;
  QJsonObject config_;

  int vit(const char* key) const { return config_["vit_config"].toObject()[key].toInt(); }

  QStringList scoreArgs(const QString& dump, const QString& out) const {
    return {"score",    "--model", model_,      "--video", STTS_DEMO_VIDEO,
            "--frames", "4",       "--threads", "2",       "--dump",
            dump,       "-o",      out};
  }
  QStringList runArgs(const QString& dump, const QString& out, const QString& maxNew) const {
    return {"run",
            "--model",
            model_,
            "--video",
            STTS_DEMO_VIDEO,
            "--question",
            "What moves?",
            "--frames",
            "2",
            "--max-new-tokens",
            maxNew,
            "--threads",
            "2",
            "--dump",
            dump,
            "-o",
            out};
  }

  static QSet<QString> names(const SafetensorsFile& f) {
    QSet<QString> out;
    for (const auto& t : f.tensors()) out.insert(QString::fromStdString(t.name));
    return out;
  }

  static void checkTensor(const SafetensorsFile& f, const char* name, DType dtype,
                          const std::vector<int64_t>& shape) {
    const TensorView* t = f.find(name);
    QVERIFY2(t, name);
    QVERIFY2(t->dtype == dtype, name);
    QVERIFY2(t->shape == shape,
             (std::string(name) + " has shape " + stts::ckpt::formatShape(t->shape)).c_str());
  }

  // What score and run dumps share: the vision tensors, and agreement with the run file.
  void checkVision(const SafetensorsFile& dump, const stts::RunResult& run) {
    const int64_t t = run.frames;
    const std::string block = "vit_block_" + std::to_string(vit("prune_at"));
    QCOMPARE(QString::fromStdString(dump.metadata().at("prune_at")),
             QString::number(vit("prune_at")));
    checkTensor(dump, "input_frames", DType::U8, {t, 378, 378, 3});
    checkTensor(dump, block.c_str(), DType::F32, {t, vit("image_num_pos"), vit("hidden_size")});
    checkTensor(dump, "scores", DType::F32, {t, 81});
    checkTensor(dump, "keep", DType::U8, {t, 81});
    const int64_t llmWidth = config_["text_config"].toObject()["hidden_size"].toInt();
    // Every cell for FastV (it drops tokens inside the LLM), else the kept cells.
    const int64_t rows = run.request.method == "fastv" ? t * 81 : run.visionTokensAfter;
    checkTensor(dump, "connector_output", DType::F32, {rows, llmWidth});
    QCOMPARE(bytesOf(*dump.find("keep")), bytesOf(run.keep));
    QCOMPARE(bytesOf(*dump.find("scores")), bytesOf(run.scores));
    QCOMPARE(bytesOf(*dump.find("input_frames")), bytesOf(run.inputFrames));
    QCOMPARE(QString::fromStdString(dump.metadata().at("format")), QString("stts-tensor-dump"));
    QCOMPARE(QString::fromStdString(dump.metadata().at("device")), QString("cpu"));
    QCOMPARE(QString::fromStdString(dump.metadata().at("dtype")), QString("float32"));
    QCOMPARE(dump.metadata().at("method"), run.request.method);
  }

  // Names, shapes, argmax of the logits = the generated ids, then the EOS row if any.
  void checkLanguage(const SafetensorsFile& dump, const stts::RunResult& run) {
    checkVision(dump, run);
    QCOMPARE(names(dump), QSet<QString>({"input_frames", "vit_block_3", "scores", "keep",
                                         "connector_output", "prompt_ids", "logits"}));
    checkTensor(dump, "prompt_ids", DType::I64, {run.promptTokens});
    const TensorView* logits = dump.find("logits");
    QVERIFY(logits && logits->dtype == DType::F32 && logits->shape.size() == 2);
    QCOMPARE(logits->shape[1],
             int64_t(config_["text_config"].toObject()["vocab_size"].toInteger()));
    const auto n = static_cast<int64_t>(run.answerTokens.size());
    const bool eosRow = dump.metadata().at("last_logits_row_is_eos") == "true";
    QCOMPARE(logits->shape[0], n + (eosRow ? 1 : 0));
    QCOMPARE(QString::fromStdString(dump.metadata().at("generated_tokens")), QString::number(n));
    for (int64_t i = 0; i < n; ++i) QCOMPARE(argmaxRow(*logits, i), int64_t(run.answerTokens[i]));
    if (eosRow) QCOMPARE(argmaxRow(*logits, n), int64_t(kImEnd));
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    model_ = dir_.filePath("tiny");
    const CliResult made = runCli({"make-tiny-model", model_});
    QVERIFY2(made.exitCode == 0, made.err.constData());
    config_ = QJsonDocument::fromJson(fileBytes(model_ + "/config.json")).object();
    QVERIFY(config_["vit_config"].toObject()["prune_at"].toInt() == 3);
  }

  void scoreDump() {
    const QString dumpA = dir_.filePath("score-a.safetensors");
    const QString runA = dir_.filePath("score-a.sttsrun");
    const CliResult r = runCli(scoreArgs(dumpA, runA));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    auto run = stts::loadRunFile(runA.toStdString());
    QVERIFY(run.ok());
    auto dump = SafetensorsFile::open(dumpA.toStdString());
    QVERIFY2(dump.ok(), dump.ok() ? "" : dump.error().message.c_str());
    QCOMPARE(names(*dump),
             QSet<QString>({"input_frames", "vit_block_3", "scores", "keep", "connector_output"}));
    checkVision(*dump, *run);

    // The same run again on the same device: the same file, bit for bit.
    const QString dumpB = dir_.filePath("score-b.safetensors");
    const CliResult again = runCli(scoreArgs(dumpB, dir_.filePath("score-b.sttsrun")));
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QCOMPARE(fileBytes(dumpB), fileBytes(dumpA));
  }

  void runDump() {
    const QString dumpA = dir_.filePath("run-a.safetensors");
    const QString runA = dir_.filePath("run-a.sttsrun");
    const CliResult r = runCli(runArgs(dumpA, runA, "6"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    auto run = stts::loadRunFile(runA.toStdString());
    QVERIFY(run.ok());
    QVERIFY(!run->answerTokens.empty());
    auto dump = SafetensorsFile::open(dumpA.toStdString());
    QVERIFY2(dump.ok(), dump.ok() ? "" : dump.error().message.c_str());
    checkLanguage(*dump, *run);

    const QString dumpB = dir_.filePath("run-b.safetensors");
    const CliResult again = runCli(runArgs(dumpB, dir_.filePath("run-b.sttsrun"), "6"));
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QCOMPARE(fileBytes(dumpB), fileBytes(dumpA));
  }

  void fastvDumpHasTheLanguageModelsChoice() {
    // FastV chooses in the prefill: the dump's keep / scores must be that choice, not the
    // vision half's "keep everything".
    const QString dump = dir_.filePath("fastv.safetensors");
    const QString out = dir_.filePath("fastv.sttsrun");
    const CliResult r = runCli(runArgs(dump, out, "2") + QStringList{"--method", "fastv"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    auto run = stts::loadRunFile(out.toStdString());
    QVERIFY(run.ok());
    QVERIFY(run->visionTokensAfter < run->visionTokensBefore);
    auto file = SafetensorsFile::open(dump.toStdString());
    QVERIFY(file.ok());
    checkLanguage(*file, *run);
  }

  void failedOrCancelledRunsWriteNoDump() {
    const QString dump = dir_.filePath("failed.safetensors");
    const CliResult missing =
        runCli({"score", "--model", dir_.filePath("no-model"), "--video", STTS_DEMO_VIDEO, "--dump",
                dump, "-o", dir_.filePath("failed.sttsrun")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(!QFile::exists(dump));

    QProcess p;
    p.start(STTS_CLI_PATH, runArgs(dump, dir_.filePath("cancel.sttsrun"), "5000"));
    QVERIFY(p.waitForStarted());
    QElapsedTimer timer;
    timer.start();
    while (p.state() == QProcess::Running && p.bytesAvailable() == 0 && timer.elapsed() < 60000)
      p.waitForReadyRead(200);
    if (p.state() == QProcess::Running) {
      p.terminate();  // SIGTERM cancels between tokens
      QVERIFY(p.waitForFinished(10000));
      QCOMPARE(p.exitCode(), 1);
      QVERIFY(!QFile::exists(dump));
    }

    // The dump must not replace the run file.
    const QString same = dir_.filePath("same.safetensors");
    QCOMPARE(runCli(scoreArgs(same, same)).exitCode, 2);
    QVERIFY(!QFile::exists(same));
  }
};

QTEST_GUILESS_MAIN(CliDumpTest)
#include "test_cli_dump.moc"
