// Parity of stts::Tokenizer with an independent implementation: Hugging Face `tokenizers` (Rust,
// from PyPI, in the project venv), run by tokenize_ref.py on a generated corpus of hard strings
// (tokenizer_corpus.cpp). Checked twice, each time with both sides reading the same file: the
// vendored Qwen3 tokenizer.json, and the tiny model's tokenizer.json, which adds Molmo2's tokens.
// Also checks decode(encode(s)) == NFC(s) for every string.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "stts/tiny_model.h"
#include "stts/tokenizer.h"
#include "tokenizer_corpus.h"

using namespace stts;
using nlohmann::json;
using Ids = std::vector<int32_t>;

class TestTokenizerParity : public QObject {
  Q_OBJECT

  QString python_;
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
    p.start(python_, {STTS_TOKENIZE_REF, tokenizerJson});
    if (!p.waitForFinished(180000) || p.exitCode() != 0) {
      qWarning("the reference failed: %s", p.readAllStandardError().constData());
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
        qWarning("string %zu %s\n  C++:        %s\n  tokenizers: %s", i,
                 json(corpus[i]).dump().c_str(), json(ids).dump().c_str(),
                 json(expected[i]).dump().c_str());
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
    // The project venv (scripts/test.sh makes it) holds the pinned `tokenizers`.
    python_ = QString(STTS_PYTHON);
    if (python_.isEmpty() || !QFileInfo(python_).isExecutable())
      QSKIP(
          qPrintable("no Python at " + python_ + ": run scripts/test.sh, which sets up the venv"));
    QProcess probe;
    probe.start(python_, {"-c", "import tokenizers; print(tokenizers.__version__)"});
    QVERIFY(probe.waitForFinished(60000));
    if (probe.exitCode() != 0)
      QSKIP(
          "the Python package `tokenizers` is not installed in the venv "
          "(scripts/requirements.txt)");
    qInfo("reference: tokenizers %s", probe.readAllStandardOutput().trimmed().constData());
  }

  void bundledQwen3() {
    // Both sides read the vendored Qwen3 tokenizer.json, so any difference is the code's.
    const QString file = QString(STTS_QWEN3_TOKENIZER_JSON);
    auto tokenizer = Tokenizer::load(file.toStdString());
    QVERIFY2(tokenizer.ok(), tokenizer.ok() ? "" : tokenizer.error().message.c_str());
    const auto corpus = testing::tokenizerCorpus({});  // Molmo2 tokens are plain text here
    QVERIFY(corpus.size() >= 2000);
    const auto expected = reference(corpus, file);
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
