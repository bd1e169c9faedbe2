// Bench files, the multiple-choice prompt, the letter parser and the report statistics
// (engine/eval). Known inputs, known answers: a wrong parse or interval fails here first.
#include <QTest>
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
    const Proportion many = wilsonInterval(500, 1000);
    QVERIFY(std::abs(many.low - 0.4691) < 1e-4 && std::abs(many.high - 0.5309) < 1e-4);
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
