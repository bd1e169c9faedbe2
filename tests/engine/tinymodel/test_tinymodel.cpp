// The tiny model: a folder the checkpoint validator accepts as a Molmo2 + STTS checkpoint,
// byte-identical for the same seed, with the real Qwen3 tokenizer extended by Molmo2's added
// tokens, never half-written; and the `stts make-tiny-model` command's exit codes.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_process.h"

#include <unistd.h>

#include "stts/checkpoint/model_folder.h"
#include "stts/tiny_model.h"

using namespace stts;

namespace {

QByteArray readFile(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject readJson(const QString& path) {
  return QJsonDocument::fromJson(readFile(path)).object();
}

// Everything in `dir` except the entries a run adds itself, sorted.
QStringList entries(const QString& dir) {
  QDir d(dir);
  return d.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

using stts::test::CliResult;
using stts::test::runCli;

}  // namespace

class TestTinyModel : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir tmp_;
  QString model_;  // written once in initTestCase, shared by the read-only checks

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    model_ = tmp_.filePath("model");
    QElapsedTimer timer;
    timer.start();
    auto written = writeTinyModel(model_.toStdString(), kTinyModelDefaultSeed);
    QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
    qInfo("tiny model: %zu files, %.1f MB, %lld parameters, written in %lld ms",
          written->files.size(), written->totalBytes / 1e6,
          static_cast<long long>(written->parameterCount), static_cast<long long>(timer.elapsed()));
  }

  void passesTheCheckpointValidator() {
    ckpt::InspectOptions options;
    options.scanAllForNonFinite = true;
    auto info = ckpt::inspectModelFolder(model_.toStdString(), options);
    QVERIFY2(info.ok(), info.ok() ? "" : info.error().message.c_str());
    QVERIFY(info->hasSttsScorer);
    QVERIFY(info->sharded);
    QVERIFY(info->files.size() >= 2);
    const Molmo2Config& c = info->config;
    QCOMPARE(c.modelType, std::string("molmo2"));
    QVERIFY(c.useFrameSpecialTokens);
    QVERIFY(c.stts.fromConfig);
    QCOMPARE(c.stts.topk, 0.5);
    QCOMPARE(c.stts.pruneAt, int64_t{3});
    // Feature blocks come after the prune point (scorer on block 3, bias in block 4).
    QCOMPARE(c.vitFeatureBlocks(), (std::vector<int64_t>{8, 6}));
    QCOMPARE(c.vitBlocksUsed(), int64_t{9});
    QCOMPARE(c.vit.imageHeight, int64_t{378});
    QCOMPARE(c.vit.patchSize, int64_t{14});
    QCOMPARE(c.vit.numPositions, int64_t{729});
    QCOMPARE(c.text.vocabSize, int64_t{151936});
    QCOMPARE(c.text.additionalVocabSize, int64_t{128});
    QCOMPARE(c.tokens.frameStart.value_or(0), int64_t{151943});
    for (const auto& t : info->tensors) QVERIFY2(t.dtype == ckpt::DType::F32, t.name.c_str());
  }

  void processorAndGenerationConfigs() {
    const QJsonObject video = readJson(model_ + "/video_preprocessor_config.json");
    QCOMPARE(video["num_frames"].toInt(), 384);
    QCOMPARE(video["max_fps"].toDouble(), 2.0);
    QCOMPARE(video["frame_sample_mode"].toString(), QString("uniform_last_frame"));
    QCOMPARE(video["size"].toObject()["height"].toInt(), 378);
    QCOMPARE(video["pooling_size"].toArray(), (QJsonArray{3, 3}));
    QCOMPARE(video["image_mean"].toArray(), (QJsonArray{0.5, 0.5, 0.5}));
    QCOMPARE(video["image_std"].toArray(), (QJsonArray{0.5, 0.5, 0.5}));
    QVERIFY(readJson(model_ + "/processor_config.json")["use_frame_special_tokens"].toBool());
    const QJsonObject gen = readJson(model_ + "/generation_config.json");
    QCOMPARE(gen["bos_token_id"].toInt(), 151645);
    QCOMPARE(gen["eos_token_id"].toInt(), 151645);
    QCOMPARE(gen["pad_token_id"].toInt(), 151643);
    QVERIFY(readFile(model_ + "/chat_template.jinja").contains("<|im_start|>assistant\\n"));
    const QJsonObject index = readJson(model_ + "/model.safetensors.index.json");
    QVERIFY(index["metadata"].toObject()["total_size"].toDouble() > 0);
  }

  void tokenizerHasEveryAddedToken() {
    const QJsonObject tok = readJson(model_ + "/tokenizer.json");
    QVERIFY(!tok.isEmpty());
    const QJsonArray added = tok["added_tokens"].toArray();
    QCOMPARE(added.size(), 303);  // 26 Qwen3 + 267 padding + 10 Molmo2 (molmo2-spec.md §5)
    QMap<int, QString> byId;
    for (const auto& v : added) {
      const QJsonObject o = v.toObject();
      QVERIFY(!byId.contains(o["id"].toInt()));
      byId[o["id"].toInt()] = o["content"].toString();
    }
    QCOMPARE(byId.firstKey(), 151643);
    QCOMPARE(byId.lastKey(), 151945);
    QCOMPARE(byId[151643], QString("<|endoftext|>"));
    QCOMPARE(byId[151645], QString("<|im_end|>"));
    QCOMPARE(byId[151668], QString("</think>"));
    for (const AddedToken& t : molmo2AddedTokens()) {
      QCOMPARE(byId.value(int(t.id)), QString::fromStdString(t.content));
      for (const auto& v : added) {
        if (v.toObject()["id"].toInt() == t.id) QVERIFY(v.toObject()["special"].toBool());
      }
    }
    QCOMPARE(byId[151669], QString("|<EXTRA_TOKENS_0>|"));
    QCOMPARE(byId[151935], QString("|<EXTRA_TOKENS_266>|"));
    QCOMPARE(byId[151936], QString("<im_start>"));
    QCOMPARE(byId[151938], QString("<im_patch>"));
    QCOMPARE(byId[151943], QString("<frame_start>"));
    QCOMPARE(byId[151945], QString("<|video|>"));
    // The vocabulary itself is the package's: 151643 BPE tokens, none of them an added one.
    const QJsonObject vocab = tok["model"].toObject()["vocab"].toObject();
    QCOMPARE(vocab.size(), 151643);
    QVERIFY(!vocab.contains("<im_patch>"));

    const QJsonObject addedJson = readJson(model_ + "/added_tokens.json");
    QCOMPARE(addedJson.size(), 303);
    QCOMPARE(addedJson["<|video|>"].toInt(), 151945);
    const QJsonObject cfg = readJson(model_ + "/tokenizer_config.json");
    QCOMPARE(cfg["added_tokens_decoder"].toObject().size(), 303);
    QCOMPARE(cfg["added_tokens_decoder"].toObject()["151938"].toObject()["content"].toString(),
             QString("<im_patch>"));
    QCOMPARE(cfg["bos_token"].toString(), QString("<|im_end|>"));
  }

  void sameSeedSameBytes() {
    const QString again = tmp_.filePath("again"), other = tmp_.filePath("other");
    QVERIFY(writeTinyModel(again.toStdString(), kTinyModelDefaultSeed).ok());
    QVERIFY(writeTinyModel(other.toStdString(), kTinyModelDefaultSeed + 1).ok());
    const QStringList files = entries(model_);
    QCOMPARE(entries(again), files);
    QCOMPARE(entries(other), files);
    int differing = 0;
    for (const QString& name : files) {
      const QByteArray a = readFile(model_ + "/" + name);
      QVERIFY2(a == readFile(again + "/" + name), qPrintable(name));
      if (a != readFile(other + "/" + name)) ++differing;
    }
    QVERIFY(readFile(model_ + "/model-00003-of-00003.safetensors") !=
            readFile(other + "/model-00003-of-00003.safetensors"));
    QVERIFY(readFile(model_ + "/model-00001-of-00003.safetensors") !=
            readFile(other + "/model-00001-of-00003.safetensors"));
    QVERIFY(differing >= 3);
    QDir(again).removeRecursively();
    QDir(other).removeRecursively();
  }

  void refusesToOverwrite() {
    const std::string dir = model_.toStdString();
    auto again = writeTinyModel(dir, 7);
    QVERIFY(!again.ok());
    QVERIFY2(again.error().message.find("not empty") != std::string::npos,
             again.error().message.c_str());
    // Still the original model.
    QVERIFY(readJson(model_ + "/config.json")["stts_tiny_model"].toObject()["seed"].toInteger() ==
            qint64(kTinyModelDefaultSeed));

    // A folder that is not a model is never replaced, even when asked to.
    const QString notModel = tmp_.filePath("documents");
    QVERIFY(QDir().mkpath(notModel));
    QFile keep(notModel + "/important.txt");
    QVERIFY(keep.open(QIODevice::WriteOnly));
    keep.write("keep me");
    keep.close();
    TinyModelOptions force;
    force.overwrite = true;
    auto refused = writeTinyModel(notModel.toStdString(), force);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.find("not a model folder") != std::string::npos,
             refused.error().message.c_str());
    QVERIFY(QFile::exists(notModel + "/important.txt"));

    // An empty folder is fine; a model folder is replaced with --force.
    const QString empty = tmp_.filePath("empty");
    QVERIFY(QDir().mkpath(empty));
    QVERIFY(writeTinyModel(empty.toStdString(), 3).ok());
    force.seed = 4;
    QVERIFY(writeTinyModel(empty.toStdString(), force).ok());
    QCOMPARE(readJson(empty + "/config.json")["stts_tiny_model"].toObject()["seed"].toInt(), 4);
    QDir(empty).removeRecursively();
    QVERIFY(!entries(tmp_.path()).join(",").contains(".empty."));  // no leftovers beside it
  }

  void failuresLeaveNothingBehind() {
    const QString parent = tmp_.filePath("failing");
    QVERIFY(QDir().mkpath(parent));
    // Failure mid-write: the tokenizer data cannot be read.
    TinyModelOptions options;
    options.tokenizerDir = (parent + "/no-such-tokenizer").toStdString();
    auto failed = writeTinyModel((parent + "/m").toStdString(), options);
    QVERIFY(!failed.ok());
    QVERIFY2(failed.error().message.find("fetch_tokenizer.sh") != std::string::npos,
             failed.error().message.c_str());
    QCOMPARE(entries(parent), QStringList());
    // A tokenizer.json that is not a Qwen3 tokenizer.
    QVERIFY(QDir().mkpath(parent + "/badtok"));
    QFile bad(parent + "/badtok/tokenizer.json");
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("{\"added_tokens\": [{\"id\": 5, \"content\": \"x\"}]}");
    bad.close();
    QVERIFY(
        QFile::copy(QString::fromStdString(defaultQwen3TokenizerDir()) + "/tokenizer_config.json",
                    parent + "/badtok/tokenizer_config.json"));
    options.tokenizerDir = (parent + "/badtok").toStdString();
    failed = writeTinyModel((parent + "/m").toStdString(), options);
    QVERIFY(!failed.ok());
    QVERIFY2(failed.error().message.find("151643") != std::string::npos,
             failed.error().message.c_str());
    QCOMPARE(entries(parent), QStringList{"badtok"});
    // Parent missing.
    QVERIFY(!writeTinyModel((parent + "/a/b/c").toStdString(), 1).ok());
    // Read-only parent (root ignores permissions, so only checked for other users).
    if (::geteuid() != 0) {
      const QString ro = parent + "/ro";
      QVERIFY(QDir().mkpath(ro));
      QVERIFY(QFile::setPermissions(ro, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
      QVERIFY(!writeTinyModel((ro + "/m").toStdString(), 1).ok());
      QCOMPARE(entries(ro), QStringList());
      QFile::setPermissions(
          ro, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    QDir(parent).removeRecursively();
  }

  void cliExitCodes() {
    const QString dir = tmp_.filePath("cli-model");
    CliResult r = runCli({"make-tiny-model"});
    QCOMPARE(r.exitCode, 2);
    r = runCli({"make-tiny-model", dir, "--seed", "abc"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("--seed"));
    r = runCli({"make-tiny-model", dir, "--bogus"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(!QFile::exists(dir));

    r = runCli({"make-tiny-model", dir, "--seed", "5"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("wrote the tiny model"));
    QVERIFY(ckpt::inspectModelFolder(dir.toStdString()).ok());

    r = runCli({"make-tiny-model", dir});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err.count('\n'), 1);  // one line on stderr
    QVERIFY(r.err.startsWith("stts: ") && r.err.contains("--force"));

    r = runCli({"make-tiny-model", dir, "--force", "--seed", "6"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(readJson(dir + "/config.json")["stts_tiny_model"].toObject()["seed"].toInt(), 6);

    r = runCli({"make-tiny-model", tmp_.filePath("missing/parent/m")});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err.count('\n'), 1);
    QDir(dir).removeRecursively();
  }
};

QTEST_GUILESS_MAIN(TestTinyModel)
#include "test_tinymodel.moc"
