// stts::Tokenizer against known ids (docs/molmo2-spec.md §4.2, §5), the Molmo2 added tokens of
// the tiny model's tokenizer.json, decode edge cases, every load error, thread safety, and the
// `stts tokenize` command's round trip and exit codes.
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_process.h"

#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "stts/tiny_model.h"
#include "stts/tokenizer.h"

using namespace stts;
using nlohmann::json;
using Ids = std::vector<int32_t>;

namespace {

Ids join(std::initializer_list<Ids> parts) {
  Ids out;
  for (const Ids& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

std::string writeText(const QString& path, const std::string& text) {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) return {};
  f.write(text.data(), static_cast<qint64>(text.size()));
  return path.toStdString();
}

// The smallest tokenizer.json this reader accepts: bytes 'a','b','c', merges a+b and ab+c.
json minimalTokenizer() {
  return json::parse(R"({
    "added_tokens": [{"id": 5, "content": "<s>", "special": true, "normalized": false}],
    "normalizer": {"type": "NFC"},
    "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
      {"type": "Split", "pattern": {"Regex": "\\p{L}+|\\s+"}, "behavior": "Isolated",
       "invert": false},
      {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": false,
       "use_regex": false}]},
    "decoder": {"type": "ByteLevel"},
    "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "c": 2, "ab": 3, "abc": 4, "Ġ": 6},
              "merges": ["a b", ["ab", "c"]]}
  })");
}

using stts::test::CliResult;
using stts::test::runCli;

}  // namespace

class TestTokenizer : public QObject {
  Q_OBJECT

  QTemporaryDir tmp_;
  QString modelDir_;
  std::optional<Tokenizer> qwen_;   // the bundled Qwen3 tokenizer.json
  std::optional<Tokenizer> molmo_;  // the tiny model's, with Molmo2's added tokens

  Error loadError(const std::string& text) {
    auto t = Tokenizer::fromJson(text, "test.json");
    if (t) return makeError(ErrorCode::Internal, "loaded");
    return t.error();
  }

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    auto q = Tokenizer::load(STTS_QWEN3_TOKENIZER_JSON);
    QVERIFY2(q.ok(), q.ok() ? "" : q.error().message.c_str());
    qwen_.emplace(std::move(*q));
    modelDir_ = tmp_.filePath("tiny");
    auto written = writeTinyModel(modelDir_.toStdString());
    QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
    auto m = Tokenizer::load((modelDir_ + "/tokenizer.json").toStdString());
    QVERIFY2(m.ok(), m.ok() ? "" : m.error().message.c_str());
    molmo_.emplace(std::move(*m));
  }

  void knownQwenIds() {
    // molmo2-spec §4.2: digits 15-24, '.' 13, space 220; Qwen splits digits singly.
    QCOMPARE(qwen_->encode("0.0 "), (Ids{15, 13, 15, 220}));
    QCOMPARE(qwen_->encode(" 12.5 "), (Ids{220, 16, 17, 13, 20, 220}));
    for (int d = 0; d <= 9; ++d) QCOMPARE(qwen_->encode(std::to_string(d)), (Ids{15 + d}));
    QCOMPARE(qwen_->encode("1234567"), (Ids{16, 17, 18, 19, 20, 21, 22}));
    QCOMPARE(qwen_->encode("Hello world"), (Ids{9707, 1879}));
    QCOMPARE(qwen_->encode("user\n"), (Ids{872, 198}));
    QCOMPARE(qwen_->encode("assistant\n"), (Ids{77091, 198}));
    QCOMPARE(qwen_->tokenId("<|im_end|>"), std::optional<int32_t>(151645));
    QCOMPARE(qwen_->tokenId("<|endoftext|>"), std::optional<int32_t>(151643));
    QCOMPARE(qwen_->tokenId("</think>"), std::optional<int32_t>(151668));
    QCOMPARE(qwen_->tokenId("Ġ"), std::optional<int32_t>(220));
    QCOMPARE(qwen_->tokenId("<im_patch>"), std::optional<int32_t>());
    QCOMPARE(qwen_->vocabSize(), 151669);
    QCOMPARE(qwen_->tokenString(220), std::optional<std::string>("Ġ"));
    QVERIFY(qwen_->isSpecial(151645));
    QVERIFY(!qwen_->isSpecial(151667));  // <think> is an added token but not special
    // Oniguruma's \s (what `tokenizers` runs; its doc/RE lists U+0085 NEL) includes NEL, PCRE2's
    // UCP \s does not: " \u0085x" must split as " " + "\u0085x", not " \u0085" + "x" (the
    // JavaScript reference, whose \s also lacks NEL, gives [2139, 227, 87]).
    QCOMPARE(qwen_->encode(" \u0085x"), (Ids{220, 126, 227, 87}));
    // NFC: decomposed and precomposed é give the same ids.
    QCOMPARE(qwen_->encode("cafe\u0301"), qwen_->encode("caf\u00e9"));
  }

  void molmoAddedTokens() {
    QCOMPARE(molmo_->vocabSize(), 151946);
    QCOMPARE(molmo_->tokenId("<|im_end|>"), std::optional<int32_t>(151645));
    QCOMPARE(molmo_->tokenId("<im_start>"), std::optional<int32_t>(151936));
    QCOMPARE(molmo_->tokenId("<im_end>"), std::optional<int32_t>(151937));
    QCOMPARE(molmo_->tokenId("<im_patch>"), std::optional<int32_t>(151938));
    QCOMPARE(molmo_->tokenId("<im_col>"), std::optional<int32_t>(151939));
    QCOMPARE(molmo_->tokenId("<frame_start>"), std::optional<int32_t>(151943));
    QCOMPARE(molmo_->tokenId("<frame_end>"), std::optional<int32_t>(151944));
    QCOMPARE(molmo_->tokenId("<|video|>"), std::optional<int32_t>(151945));
    QCOMPARE(molmo_->tokenId("|<EXTRA_TOKENS_0>|"), std::optional<int32_t>(151669));
    QCOMPARE(molmo_->tokenId("|<EXTRA_TOKENS_266>|"), std::optional<int32_t>(151935));

    // Two frames of the video string (spec §4.2), three patches each for brevity.
    std::string video;
    Ids expected;
    for (int k = 0; k < 2; ++k) {
      video += k == 0 ? "0.0 " : " 0.5 ";
      expected = join({expected, k == 0 ? Ids{15, 13, 15, 220} : Ids{220, 15, 13, 20, 220}});
      video += "<frame_start><im_patch><im_patch><im_patch><frame_end>";
      expected = join({expected, {151943, 151938, 151938, 151938, 151944}});
    }
    QCOMPARE(molmo_->encode(video), expected);

    // The chat layout (spec §4.1): specials glued to text on both sides.
    const std::string prompt =
        "<|video|><|im_start|>user\nWhat happens?<|im_end|>\n<|im_start|>assistant\n";
    QCOMPARE(molmo_->encode(prompt),
             (Ids{151945, 151644, 872, 198, 3838, 8573, 30, 151645, 198, 151644, 77091, 198}));
    // Near misses stay text, and the longest token wins.
    QVERIFY(molmo_->encode("<im_patchx>").size() > 1);
    QCOMPARE(molmo_->encode("|<EXTRA_TOKENS_267>|"), qwen_->encode("|<EXTRA_TOKENS_267>|"));
    QCOMPARE(molmo_->encode("<low_res_im_start>"), (Ids{151940}));
    // A token inside a word is still matched atomically (lstrip/rstrip/single_word are false).
    QCOMPARE(molmo_->encode("a<im_patch>b"), (Ids{64, 151938, 65}));
    QCOMPARE(molmo_->encode(" <im_patch> "), (Ids{220, 151938, 220}));

    QCOMPARE(molmo_->decode(molmo_->encode(prompt)), prompt);
    QCOMPARE(molmo_->decode(molmo_->encode(prompt), true),
             std::string("user\nWhat happens?\nassistant\n"));
    QCOMPARE(molmo_->decode(Ids{151667, 151943, 15}, true), std::string("<think>0"));
  }

  void decodeEdges() {
    QCOMPARE(qwen_->decode(Ids{}), std::string());
    // A lone lead byte of a multi-byte character is not text: U+FFFD, like tokenizers' lossy
    // decode.
    const auto leadByte = qwen_->tokenId("\u00e4");  // byte 0xE4 in GPT-2's table
    QVERIFY(leadByte.has_value());
    QCOMPARE(qwen_->decode(Ids{*leadByte}), std::string("\ufffd"));
    QCOMPARE(qwen_->decode(Ids{*leadByte, 64}), std::string("\ufffda"));
    // Ids that name nothing are skipped.
    QCOMPARE(qwen_->decode(Ids{-1, 9707, 999999, 1879}), std::string("Hello world"));
    // Invalid UTF-8 input reads as U+FFFD.
    QCOMPARE(qwen_->encode("a\xff"
                           "b"),
             qwen_->encode("a\ufffdb"));
    QCOMPARE(qwen_->encode("a\xe4\xbd"), qwen_->encode("a\ufffd"));
    QCOMPARE(qwen_->encode(""), Ids{});
    // Long runs: one 100k-byte piece each, merged in O(n log n).
    const std::string spaces(100000, ' '), letters(100000, 'a');
    QCOMPARE(qwen_->decode(qwen_->encode(spaces)), spaces);
    QCOMPARE(qwen_->decode(qwen_->encode(letters)), letters);
  }

  void minimalAndCache() {
    auto t = Tokenizer::fromJson(minimalTokenizer().dump(), "minimal.json");
    QVERIFY2(t.ok(), t.ok() ? "" : t.error().message.c_str());
    QCOMPARE(t->encode("abcab<s>c"), (Ids{4, 3, 5, 2}));
    QCOMPARE(t->encode("abc abc"), (Ids{4, 6, 4}));
    QVERIFY(t->cacheSize() > 0);
    QCOMPARE(t->decode(Ids{4, 6, 5, 3}), std::string("abc <s>ab"));
    QCOMPARE(t->decode(Ids{4, 6, 5, 3}, true), std::string("abc ab"));
    QCOMPARE(t->vocabSize(), 7);
  }

  void addedTokenFlags() {
    json j = minimalTokenizer();
    // lstrip/rstrip absorb the whitespace around the token; single_word only matches a token
    // that is not part of a longer word.
    j["added_tokens"].push_back(
        {{"id", 7}, {"content", "<m>"}, {"lstrip", true}, {"rstrip", true}});
    j["added_tokens"].push_back({{"id", 8}, {"content", "ca"}, {"single_word", true}});
    auto t = Tokenizer::fromJson(j.dump(), "flags.json");
    QVERIFY2(t.ok(), t.ok() ? "" : t.error().message.c_str());
    QCOMPARE(t->encode("ab  <m>  c"), (Ids{3, 7, 2}));
    QCOMPARE(t->encode("ab<m>c"), (Ids{3, 7, 2}));
    QCOMPARE(t->encode("ca b"), (Ids{8, 6, 1}));
    QCOMPARE(t->encode("ca"), (Ids{8}));
    QCOMPARE(t->encode("cab"), (Ids{2, 3}));      // followed by a letter: plain text
    QCOMPARE(t->encode("b ca"), (Ids{1, 6, 8}));  // preceded by a space: the token
  }

  void loadErrors() {
    const std::string missing = tmp_.filePath("nope/tokenizer.json").toStdString();
    auto m = Tokenizer::load(missing);
    QVERIFY(!m.ok());
    QCOMPARE(m.error().code, ErrorCode::NotFound);
    QVERIFY(m.error().message.find(missing) != std::string::npos);
    auto folder = Tokenizer::load(tmp_.path().toStdString());
    QVERIFY(!folder.ok());
    QCOMPARE(folder.error().code, ErrorCode::InvalidArgument);

    // Half of the real file, written to disk: a clean InvalidData naming the file.
    QFile real(STTS_QWEN3_TOKENIZER_JSON);
    QVERIFY(real.open(QIODevice::ReadOnly));
    const QByteArray whole = real.readAll();
    const std::string half =
        writeText(tmp_.filePath("half.json"), whole.left(whole.size() / 2).toStdString());
    auto h = Tokenizer::load(half);
    QVERIFY(!h.ok());
    QCOMPARE(h.error().code, ErrorCode::InvalidData);
    QVERIFY2(h.error().message.find(half) != std::string::npos, h.error().message.c_str());
    QVERIFY2(h.error().message.find("truncated") != std::string::npos, h.error().message.c_str());

    struct Case {
      const char* name;
      std::function<void(json&)> edit;
      ErrorCode code;
      const char* needle;
    };
    const std::vector<Case> cases = {
        {"unsupported model", [](json& j) { j["model"]["type"] = "WordPiece"; },
         ErrorCode::Unsupported, "model type \"WordPiece\""},
        {"unsupported normalizer",
         [](json& j) {
           j["normalizer"] = {{"type", "NFKC"}};
         },
         ErrorCode::Unsupported, "normalizer \"NFKC\""},
        {"unsupported pre-tokenizer",
         [](json& j) {
           j["pre_tokenizer"] = {{"type", "Whitespace"}};
         },
         ErrorCode::Unsupported, "pre-tokenizer \"Whitespace\""},
        {"merge part missing", [](json& j) { j["model"]["merges"].push_back("x b"); },
         ErrorCode::InvalidData, "its first part"},
        {"merge second part missing", [](json& j) { j["model"]["merges"].push_back("a x"); },
         ErrorCode::InvalidData, "its second part"},
        {"merge result missing", [](json& j) { j["model"]["merges"].push_back("b c"); },
         ErrorCode::InvalidData, "the merged token \"bc\""},
        {"merge malformed", [](json& j) { j["model"]["merges"].push_back("a b c"); },
         ErrorCode::InvalidData, "two tokens separated by one space"},
        {"duplicate vocab id", [](json& j) { j["model"]["vocab"]["z"] = 1; },
         ErrorCode::InvalidData, "duplicate id 1 in the vocabulary"},
        {"duplicate added id",
         [](json& j) {
           j["added_tokens"].push_back({{"id", 5}, {"content", "<t>"}});
         },
         ErrorCode::InvalidData, "duplicate id 5 in \"added_tokens\""},
        {"added id collides with vocab",
         [](json& j) {
           j["added_tokens"].push_back({{"id", 2}, {"content", "<u>"}});
         },
         ErrorCode::InvalidData, "vocabulary entry \"c\""},
        {"bad regex",
         [](json& j) { j["pre_tokenizer"]["pretokenizers"][0]["pattern"]["Regex"] = "(\\p{L}"; },
         ErrorCode::InvalidData, "does not compile"},
        {"no model", [](json& j) { j.erase("model"); }, ErrorCode::InvalidData,
         "no \"model\" object"},
        {"wrong field type", [](json& j) { j["model"]["vocab"] = json::array(); },
         ErrorCode::InvalidData, "no \"vocab\" object"},
        // An empty vocabulary loaded and encoded every text to [].
        {"empty vocabulary",
         [](json& j) {
           j["model"]["vocab"] = json::object();
           j["model"]["merges"] = json::array();
         },
         ErrorCode::InvalidData, "the vocabulary is empty"},
        {"no byte tokens",
         [](json& j) {
           j["model"]["vocab"] = {{"<a word>", 0}};
           j["model"]["merges"] = json::array();
         },
         ErrorCode::InvalidData, "none of the 256 byte-level tokens"},
        {"nested too deep",
         [](json& j) {
           json deep = json::array();
           for (int i = 0; i < 100; ++i) deep = json::array({deep});
           j["extra"] = deep;
         },
         ErrorCode::InvalidData, "nests deeper than 64 levels"},
    };
    std::set<std::string> messages;
    for (const Case& c : cases) {
      json j = minimalTokenizer();
      c.edit(j);
      const Error e = loadError(j.dump());
      QVERIFY2(e.code == c.code, (std::string(c.name) + ": " + e.message).c_str());
      QVERIFY2(e.message.find(c.needle) != std::string::npos,
               (std::string(c.name) + ": " + e.message).c_str());
      QVERIFY2(e.message.rfind("test.json: ", 0) == 0, e.message.c_str());
      messages.insert(e.message);
    }
    QCOMPARE(messages.size(), cases.size());  // every error case says something different
    const Error invalid = loadError("{\"model\": [}");
    QCOMPARE(invalid.code, ErrorCode::InvalidData);
    QVERIFY2(invalid.message.find("error at byte") != std::string::npos, invalid.message.c_str());
    QVERIFY(loadError("[1, 2]").message.find("top level") != std::string::npos);
  }

  void concurrentEncode() {
    std::vector<std::string> texts;
    for (int i = 0; i < 200; ++i)
      texts.push_back("Sample " + std::to_string(i * 7919) + " caf\u00e9 \u4f60\u597d <|im_end|> " +
                      std::string(static_cast<std::size_t>(i % 9), ' ') + "it's");
    std::vector<Ids> serial;
    for (const auto& t : texts) serial.push_back(qwen_->encode(t));
    std::vector<int> mismatches(4, 0);
    std::vector<std::thread> threads;
    for (int w = 0; w < 4; ++w) {
      threads.emplace_back([&, w] {
        for (int round = 0; round < 5; ++round)
          for (std::size_t i = 0; i < texts.size(); ++i)
            if (qwen_->encode(texts[(i + static_cast<std::size_t>(w) * 37) % texts.size()]) !=
                serial[(i + static_cast<std::size_t>(w) * 37) % texts.size()])
              ++mismatches[static_cast<std::size_t>(w)];
      });
    }
    for (auto& t : threads) t.join();
    QCOMPARE(mismatches, std::vector<int>(4, 0));
  }

  void cliRoundTrip() {
    const QStringList model{"tokenize", "--model", modelDir_};
    const QByteArray input =
        "\"0.0 <frame_start><im_patch><frame_end>\"\n\"caf\\u00e9\\n\\tx\"\n\"<|im_end|>hi\"\n";
    const CliResult enc = runCli(model, input);
    QCOMPARE(enc.exitCode, 0);
    const QList<QByteArray> lines = enc.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QCOMPARE(json::parse(lines[0].toStdString()).get<Ids>(),
             (Ids{15, 13, 15, 220, 151943, 151938, 151944}));
    const CliResult dec = runCli(model + QStringList{"--decode"}, enc.out);
    QCOMPARE(dec.exitCode, 0);
    QCOMPARE(dec.out,
             QByteArray("\"0.0 <frame_start><im_patch><frame_end>\"\n\"caf\u00e9\\n\\tx\"\n"
                        "\"<|im_end|>hi\"\n"));
    const CliResult skip = runCli(model + QStringList{"--decode", "--skip-special"}, enc.out);
    QCOMPARE(skip.exitCode, 0);
    QCOMPARE(skip.out, QByteArray("\"0.0 \"\n\"caf\u00e9\\n\\tx\"\n\"hi\"\n"));
    const CliResult bench = runCli(model + QStringList{"--bench", "2"}, input);
    QCOMPARE(bench.exitCode, 0);
    QVERIFY2(bench.out.contains("tokens/s"), bench.out.constData());
  }

  // Found by fuzz_tokenizer: a number beyond a double's range is not a syntax error, and the
  // exception nlohmann throws for it escaped fromJson and ended the process.
  void numberOverflowIsAnError() {
    const Error e = loadError("{\"model\":1e400}");
    QVERIFY(e.code == ErrorCode::InvalidData);
    QVERIFY2(e.message.find("cannot represent") != std::string::npos, e.message.c_str());
  }

  void cliExitCodes() {
    const QStringList model{"tokenize", "--model", modelDir_};
    CliResult r = runCli(model, "\"ok\"\nnot json\n");
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("line 2"), r.err.constData());
    r = runCli(model, "[1, 2]\n");
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("line 1") && r.err.contains("JSON string"), r.err.constData());
    r = runCli(model + QStringList{"--decode"}, "[1, 2]\n[1, -3]\n");
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("line 2") && r.err.contains("-3"), r.err.constData());
    r = runCli(model + QStringList{"--decode"}, "\"text\"\n");
    QCOMPARE(r.exitCode, 1);
    r = runCli({"tokenize"}, "");
    QCOMPARE(r.exitCode, 2);
    r = runCli(model + QStringList{"--skip-special"}, "");
    QCOMPARE(r.exitCode, 2);
    r = runCli(model + QStringList{"--bench", "0"}, "");
    QCOMPARE(r.exitCode, 2);
    r = runCli({"tokenize", "--model", tmp_.filePath("missing")}, "\"x\"\n");
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("does not exist"), r.err.constData());
    r = runCli(model, "");
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.isEmpty());
  }
};

QTEST_GUILESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
