// Bench files, the multiple-choice prompt, the letter parser and the report statistics
// (engine/eval). Known inputs, known answers: a wrong parse or interval fails here first.
#include <QTest>
#include <algorithm>
#include <cmath>
#include <string>

#include "stts/eval.h"

using namespace stts::eval;

namespace {

const char* kGoodBench =
    "{\"id\": \"q1\", \"video\": \"clips/red.mp4\", \"question\": \"What colour is the square?\", "
    "\"options\": [\"red\", \"green\", \"blue\"], \"answer\": \"A\"}\n"
    "\n"
    "{\"id\": 2, \"video\": \"/data/left.mp4\", \"question\": \"Which way does it move?\", "
    "\"answer\": \"to the left\", \"start\": 1.5, \"end\": 4}\r\n";

std::string errorOf(const std::string& text) {
  auto bench = parseBench(text, "/bench", "bench.jsonl");
  return bench ? std::string() : bench.error().message;
}

}  // namespace

class EvalTest : public QObject {
  Q_OBJECT

 private slots:
  void parsesBenchLines() {
    auto bench = parseBench(kGoodBench, "/bench", "bench.jsonl");
    QVERIFY2(bench, bench ? "" : bench.error().message.c_str());
    QCOMPARE(bench->samples.size(), size_t(2));
    const BenchSample& first = bench->samples[0];
    QCOMPARE(first.line, 1);
    QCOMPARE(first.id, std::string("q1"));
    QCOMPARE(first.videoPath, std::string("/bench/clips/red.mp4"));
    QVERIFY(first.multipleChoice());
    QCOMPARE(first.answerIndex(), 0);
    QVERIFY(!first.start && !first.end);
    const BenchSample& second = bench->samples[1];
    QCOMPARE(second.line, 3);  // the blank line counts
    QCOMPARE(second.id, std::string("2"));
    QCOMPARE(second.videoPath, std::string("/data/left.mp4"));
    QVERIFY(!second.multipleChoice());
    QCOMPARE(*second.start, 1.5);
    QCOMPARE(*second.end, 4.0);
    QCOMPARE(bench->sha256.size(), size_t(64));
  }

  void malformedLinesNameTheirLine_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    const QString good =
        QString::fromLatin1("{\"id\": \"a\", \"video\": \"v.mp4\", \"question\": \"Q?\"}\n");
    QTest::newRow("not json") << good + "{\"id\": \"b\", \"video\": "
                              << "bench.jsonl line 2: not valid JSON";
    QTest::newRow("not an object") << good + "[1, 2]"
                                   << "line 2: not a JSON object";
    QTest::newRow("missing question") << good + "{\"id\": \"b\", \"video\": \"v.mp4\"}"
                                      << "line 2: \"question\" is missing";
    QTest::newRow("video not text") << good + "{\"id\": \"b\", \"video\": 3, \"question\": \"Q\"}"
                                    << "line 2: \"video\" is not text";
    QTest::newRow("answer past the options")
        << good +
               "{\"id\": \"b\", \"video\": \"v\", \"question\": \"Q\", \"options\": [\"x\", "
               "\"y\"], "
               "\"answer\": \"C\"}"
        << "line 2: \"answer\" \"C\" is not the letter of one of the 2 options (A to B)";
    QTest::newRow("one option")
        << good + "{\"id\": \"b\", \"video\": \"v\", \"question\": \"Q\", \"options\": [\"x\"]}"
        << "line 2: \"options\" must list 2 to 26 choices (it lists 1)";
    QTest::newRow("duplicate id") << good + good << "line 2: the id \"a\" was used before";
    QTest::newRow("end before start")
        << good + "{\"id\": \"b\", \"video\": \"v\", \"question\": \"Q\", \"start\": 5, \"end\": 2}"
        << "line 2: \"end\" is not after \"start\"";
    QTest::newRow("negative start")
        << good + "{\"id\": \"b\", \"video\": \"v\", \"question\": \"Q\", \"start\": -1}"
        << "line 2: \"start\" is not a time in the video";
    QTest::newRow("deep nesting") << good + QString(100, QLatin1Char('['))
                                  << "line 2: the line nests deeper than 64 levels";
    QTest::newRow("empty") << QString::fromLatin1("\n\n") << "bench.jsonl holds no samples";
  }
  void malformedLinesNameTheirLine() {
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const std::string message = errorOf(text.toStdString());
    QVERIFY2(QString::fromStdString(message).contains(expected),
             qPrintable(QStringLiteral("got: ") + QString::fromStdString(message)));
  }

  void promptLettersTheOptions() {
    auto bench = parseBench(kGoodBench, "/bench", "bench.jsonl");
    QVERIFY(bench);
    QCOMPARE(buildPrompt(bench->samples[0]),
             std::string("What colour is the square?\nA. red\nB. green\nC. blue\n"
                         "Answer with the option's letter from the given choices directly."));
    QCOMPARE(buildPrompt(bench->samples[1]), std::string("Which way does it move?"));
  }

  void parsesChoices_data() {
    QTest::addColumn<QString>("answer");
    QTest::addColumn<int>("expected");  // -1: no choice
    QTest::newRow("letter") << "B" << 1;
    QTest::newRow("lower case") << "b" << 1;
    QTest::newRow("bracketed") << "(C)" << 2;
    QTest::newRow("with a point") << "C." << 2;
    QTest::newRow("with its text") << "D) a blue circle" << 3;
    QTest::newRow("stated") << "The answer is B." << 1;
    QTest::newRow("answer colon") << "Answer: (A)" << 0;
    QTest::newRow("option") << "Option C" << 2;
    QTest::newRow("padded") << "  \n B \n" << 1;
    QTest::newRow("bracket inside") << "I think (d) fits best" << 3;
    QTest::newRow("option text") << "The blue circle." << 3;
    QTest::newRow("article, not A") << "a red square" << 1;  // the text of option B
    QTest::newRow("lone a") << "a" << 0;
    QTest::newRow("inside a word") << "Because" << -1;
    QTest::newRow("past the options") << "E" << -1;
    QTest::newRow("two options named") << "red square or green square" << -1;
    QTest::newRow("nothing") << "" << -1;
    QTest::newRow("unrelated") << "I cannot tell from the video." << -1;
  }
  void parsesChoices() {
    QFETCH(QString, answer);
    QFETCH(int, expected);
    const std::vector<std::string> options = {"green square", "red square", "yellow star",
                                              "blue circle"};
    const auto choice = parseChoice(answer.toStdString(), 4, options);
    QCOMPARE(choice ? *choice : -1, expected);
  }

  void scoresBothKinds() {
    auto bench = parseBench(kGoodBench, "/bench", "bench.jsonl");
    QVERIFY(bench);
    const BenchSample& choice = bench->samples[0];
    QVERIFY(score(choice, "A").correct);
    QCOMPARE(*score(choice, "A").choice, 0);
    QVERIFY(!score(choice, "B").correct);
    QVERIFY(!score(choice, "no idea").choice);
    const BenchSample& open = bench->samples[1];
    QVERIFY(score(open, "To the left.").correct);
    QVERIFY(score(open, "to the LEFT").correct);
    QVERIFY(!score(open, "to the right").correct);
    QCOMPARE(normaliseAnswer("The  Red-square!"), std::string("red square"));
  }

  void wilsonIntervals() {
    const Proportion none = wilsonInterval(0, 0);
    QCOMPARE(none.value, 0.0);
    QCOMPARE(none.high, 0.0);
    const Proportion eight = wilsonInterval(8, 10);
    QCOMPARE(eight.value, 0.8);
    QVERIFY(std::abs(eight.low - 0.4902) < 1e-4);
    QVERIFY(std::abs(eight.high - 0.9433) < 1e-4);
    const Proportion zero = wilsonInterval(0, 10);
    QCOMPARE(zero.low, 0.0);
    QVERIFY(std::abs(zero.high - 0.2775) < 1e-4);
    const Proportion all = wilsonInterval(10, 10);
    QVERIFY(std::abs(all.low - 0.7225) < 1e-4);
    QCOMPARE(all.high, 1.0);
    // Every n: the interval holds the proportion, exactly at 0 and n hits (no rounding hair).
    for (int64_t n = 1; n <= 200; ++n)
      for (int64_t hits : {int64_t(0), n / 3, n}) {
        const Proportion p = wilsonInterval(hits, n);
        QVERIFY2(p.low <= p.value && p.value <= p.high,
                 qPrintable(QString("%1/%2").arg(hits).arg(n)));
        if (hits == 0) QCOMPARE(p.low, 0.0);
        if (hits == n) QCOMPARE(p.high, 1.0);
      }
    const Proportion many = wilsonInterval(500, 1000);
    QVERIFY(std::abs(many.low - 0.4691) < 1e-4 && std::abs(many.high - 0.5309) < 1e-4);
  }

  // Metrics from injected predictions with known answers: accuracy and interval, tokens, stage
  // medians, errors left out of n, speedups against the unpruned run of the same frames.
  void aggregatesInjectedPredictions() {
    std::vector<Prediction> predictions;
    auto add = [&](const std::string& method, double keep, int index, bool correct, double prefill,
                   int64_t tokens, const std::string& error = {}) {
      Prediction p;
      p.id = "s";
      p.id += std::to_string(index);
      p.method = method;
      p.keep = keep;
      p.frames = 16;
      p.correct = correct;
      p.error = error;
      p.visionTokensBefore = 1296;
      p.visionTokensAfter = tokens;
      p.promptTokens = tokens + 40;
      p.stageMs = {{"vit_pre", 10.0}, {"prefill", prefill}};
      predictions.push_back(p);
    };
    for (int i = 0; i < 10; ++i) add("stts", 0.5, i, i < 8, 40.0 + i, 648);
    add("stts", 0.5, 10, false, 0, 0, "its video is missing");
    for (int i = 0; i < 10; ++i) add("none", 1.0, i, i < 9, 100.0 + i, 1296);
    const std::vector<GroupMetrics> groups = aggregate(predictions);
    QCOMPARE(groups.size(), size_t(2));
    QCOMPARE(groups[0].method, std::string("none"));  // the unpruned run first
    const GroupMetrics& stts = groups[1];
    QCOMPARE(stts.accuracy.n, int64_t(10));
    QCOMPARE(stts.errors, int64_t(1));
    QCOMPARE(stts.accuracy.value, 0.8);
    QVERIFY(std::abs(stts.accuracy.low - 0.4902) < 1e-4);
    QCOMPARE(stts.meanVisionTokens, 648.0);
    QCOMPARE(stts.stages[1].name, std::string("prefill"));
    QCOMPARE(stts.stages[1].medianMs, 44.5);
    QCOMPARE(stts.stages[1].meanMs, 44.5);
    QVERIFY(std::abs(stts.prefillSpeedup - 104.5 / 44.5) < 1e-9);
    QVERIFY(std::abs(stts.totalSpeedup - 114.5 / 54.5) < 1e-9);
    QCOMPARE(groups[0].prefillSpeedup, 1.0);

    const std::string table = resultsTable(groups);
    QVERIFY2(table.find("| stts | 16 | 0.50 | 648 | 10 (+1 failed) | 80.0 % (49.0–94.3) | 44.5 | "
                        "2.35× |") != std::string::npos,
             table.c_str());
    const std::string accuracy = accuracyVsTokensSvg(groups, "Accuracy");
    QVERIFY(accuracy.rfind("<svg", 0) == 0);
    QVERIFY(accuracy.find("stts · 16 frames") != std::string::npos);
    QVERIFY(accuracy.find("none · 16 frames") != std::string::npos);
    auto count = [&](const std::string& what) {
      std::size_t n = 0;
      for (std::size_t at = accuracy.find(what); at != std::string::npos;
           at = accuracy.find(what, at + 1))
        ++n;
      return n;
    };
    QCOMPARE(count("<polyline"), size_t(2));  // one line per series
    QCOMPARE(count("<circle"), size_t(2));    // one point per (method, keep)
    QCOMPARE(count("</svg>"), size_t(1));
    QVERIFY(accuracy.find("80") != std::string::npos);
    const std::string latency = latencyVsTokensSvg(groups, "Prefill");
    QVERIFY(latency.find("prefill time (ms, median)") != std::string::npos);
  }

  // predictions.jsonl: lines read back as written; a line cut by a kill is left out (and run
  // again), any other bad line is an error with its number.
  void predictionsRoundTripAndSurviveAKill() {
    Prediction p;
    p.id = "q\"1\"";
    p.method = "stts";
    p.keep = 0.3;
    p.frames = 64;
    p.answer = "B) green\n";
    p.choice = 1;
    p.correct = true;
    p.visionTokensBefore = 5184;
    p.visionTokensAfter = 1555;
    p.promptTokens = 1700;
    p.stageMs = {{"prefill", 12.5}, {"decode", 3.0}};
    const std::string line = predictionLine(p);
    QVERIFY(line.find("\"template\":\"mc-letter-v1\"") != std::string::npos);
    QVERIFY(line.find("\"parser\":\"letter-parser-v1\"") != std::string::npos);
    int truncated = -1;
    auto read =
        parsePredictions(line + "\n" + line.substr(0, line.size() / 2), "p.jsonl", &truncated);
    QVERIFY2(read, read ? "" : read.error().message.c_str());
    QCOMPARE(truncated, 1);
    QCOMPARE(read->size(), size_t(1));
    const Prediction& back = read->front();
    QCOMPARE(back.id, p.id);
    QCOMPARE(back.answer, p.answer);
    QCOMPARE(*back.choice, 1);
    QCOMPARE(back.stageMs, p.stageMs);  // in pipeline order
    QCOMPARE(back.totalMs(), 15.5);
    QCOMPARE(predictionKey(back.id, back.method, back.keep, back.frames),
             predictionKey(p.id, p.method, p.keep, p.frames));
    QVERIFY(predictionKey("a", "stts", 0.3, 64) != predictionKey("a", "stts", 0.5, 64));
    auto bad = parsePredictions(line + "\n{\"id\": 3}\n", "p.jsonl");
    QVERIFY(!bad);
    QVERIFY2(bad.error().message.find("p.jsonl line 2:") == 0, bad.error().message.c_str());
  }

  // The saved run's file name: readable, and never outside runs/ whatever the id or method.
  void savedRunNames() {
    Prediction p;
    p.id = "colour-3";
    p.method = "stts";
    p.keep = 0.5;
    p.frames = 16;
    QCOMPARE(savedRunName(p), std::string("colour-3_f16_stts-50.sttsrun"));
    p.keep = 0.125;
    p.method = "none";
    QCOMPARE(savedRunName(p), std::string("colour-3_f16_none-12.5.sttsrun"));
    p.id = "../../etc/passwd";
    p.method = "a/b";
    p.keep = 1.0;
    QCOMPARE(savedRunName(p), std::string("sample.._.._etc_passwd_f16_a_b-100.sttsrun"));
  }

  void meansAndMedians() {
    QCOMPARE(mean({}), 0.0);
    QCOMPARE(mean({1, 2, 6}), 3.0);
    QCOMPARE(median({}), 0.0);
    QCOMPARE(median({5, 1, 3}), 3.0);
    QCOMPARE(median({4, 1, 3, 2}), 2.5);
  }
};

QTEST_APPLESS_MAIN(EvalTest)
#include "test_eval.moc"
