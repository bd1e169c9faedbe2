// The run file: bit-exact round trips (save -> load -> save gives the same bytes and every field
// equal), one distinct error per broken-file rule, save-side refusals, the video identity hash,
// and an independent Python reader checking the bytes against what this test expects.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <limits>
#include <set>

#include <nlohmann/json.hpp>

#include "runfile_test_support.h"
#include "stts/checkpoint/safetensors.h"
#include "stts/runfile.h"

using namespace stts;
using namespace runfile_test;

class TestRunFile : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  std::string path(const char* name) const { return dir_.filePath(name).toStdString(); }

 private slots:
  void sha256KnownAnswers() {
    QCOMPARE(sha256Hex(std::string_view("")),
             std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE(sha256Hex(std::string_view("abc")),
             std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(
        sha256Hex(std::string_view("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
        std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
    QCOMPARE(sha256Hex(std::string(1000000, 'a')),
             std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
  }

  void roundTripIsBitExact_data() {
    QTest::addColumn<int>("frames");
    QTest::addColumn<bool>("withFrames");
    QTest::addColumn<bool>("withExtras");
    QTest::newRow("minimal") << 1 << false << false;
    QTest::newRow("frames") << 3 << true << false;
    QTest::newRow("extras") << 5 << false << true;
    QTest::newRow("everything") << 81 << true << true;  // T == 81: extras shapes stay unambiguous
  }
  void roundTripIsBitExact() {
    QFETCH(int, frames);
    QFETCH(bool, withFrames);
    QFETCH(bool, withExtras);
    RunResult run = sampleRun(frames, withFrames, withExtras);
    if (frames == 1) {  // minimal: optional parts absent, strings empty
      run.answer.clear();
      run.answerTokens.clear();
      run.timings.clear();
      run.versions.clear();
    }
    const std::string a = path("a.sttsrun"), b = path("b.sttsrun");
    auto saved = saveRunFile(a, run);
    QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().message.c_str());
    auto loaded = loadRunFile(a);
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    compareRuns(run, *loaded);
    QVERIFY(saveRunFile(b, *loaded).ok());
    const auto bytesA = readAll(QString::fromStdString(a));
    QVERIFY(!bytesA.empty());
    QVERIFY(bytesA == readAll(QString::fromStdString(b)));
  }

  void filesBeforeTheBaselinesLoad() {
    // Run files written before budget_policy and fastv_layer existed load with the defaults.
    const std::string saved = path("old.sttsrun"), old = path("old-edited.sttsrun");
    QVERIFY(saveRunFile(saved, sampleRun(2, false, false)).ok());
    Parts p = partsOf(saved);
    auto j = nlohmann::ordered_json::parse(p.metadata["stts"]);
    QVERIFY(j["request"].contains("budget_policy"));
    j["request"].erase("budget_policy");
    j["request"].erase("fastv_layer");
    j["request"].erase("tap_point");
    p.metadata["stts"] = j.dump();
    QVERIFY(p.write(old));
    auto loaded = loadRunFile(old);
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    QCOMPARE(loaded->request.budgetPolicy, std::string("equal"));
    QCOMPARE(loaded->request.fastvLayer, 2);
    QCOMPARE(loaded->request.tapPoint, std::string("connector"));
    QCOMPARE(loaded->request.method, std::string("vidcom2"));
  }

  void loadErrorsHaveTheirOwnMessage() {
    const std::string good = path("good.sttsrun");
    QVERIFY(saveRunFile(good, sampleRun(4, true, true)).ok());
    const Parts base = partsOf(good);
    QVERIFY(base.index("keep") >= 0);
    const std::string meta = base.metadata.at("stts");

    struct Case {
      const char* name;
      std::function<void(Parts&)> edit;
      const char* expected;  // a fragment of the one-sentence error
    };
    const std::vector<Case> cases = {
        {"missing tensor", [](Parts& p) { p.erase("frame_number"); },
         "the tensor \"frame_number\" is missing"},
        {"T mismatch",
         [](Parts& p) {
           const int i = p.index("frame_pts");
           p.shapes[i] = {3};
           p.bytes[i].resize(3 * 8);
         },
         "\"frame_pts\" has 3 frames, but the run has 4"},
        {"keep value 2",
         [](Parts& p) {
           const int k = p.index("keep"), n = p.index("kept_per_frame");
           const auto old = static_cast<uint8_t>(p.bytes[k][5]);
           p.bytes[k][5] = std::byte{2};
           int32_t count;
           std::memcpy(&count, p.bytes[n].data(), 4);
           count += 2 - old;  // row sum still matches, so only the value is wrong
           std::memcpy(p.bytes[n].data(), &count, 4);
         },
         "keep[0, 5] is 2, but keep holds only 0 and 1"},
        {"kept_per_frame wrong",
         [](Parts& p) {
           const int n = p.index("kept_per_frame");
           int32_t count;
           std::memcpy(&count, p.bytes[n].data() + 8, 4);
           ++count;
           std::memcpy(p.bytes[n].data() + 8, &count, 4);
         },
         "kept_per_frame[2] is"},
        {"bad JSON", [](Parts& p) { p.metadata["stts"] = "{\"format\": \"stts-run\","; },
         "metadata is not valid JSON"},
        {"unknown version",
         [&](Parts& p) { p.metadata["stts"] = editMetadata(meta, "version", 99); },
         "format version 99, but this build reads only version 1"},
        {"not a run file",
         [](Parts& p) {
           p.metadata = {{"format", "pt"}};
         },
         "not an STTS run file"},
        {"wrong format", [&](Parts& p) { p.metadata["stts"] = editMetadata(meta, "format", "x"); },
         "metadata format is \"x\""},
        {"missing field",
         [&](Parts& p) {
           auto j = nlohmann::ordered_json::parse(meta);
           j["video"].erase("head_sha256");
           p.metadata["stts"] = j.dump();
         },
         "video.head_sha256 is missing"},
        {"bad budget policy",
         [&](Parts& p) {
           auto j = nlohmann::ordered_json::parse(meta);
           j["request"]["budget_policy"] = "generous";
           p.metadata["stts"] = j.dump();
         },
         "request.budget_policy must be \"equal\" or \"native\""},
        {"unknown method",
         [&](Parts& p) {
           auto j = nlohmann::ordered_json::parse(meta);
           j["request"]["method"] = "telepathy";
           p.metadata["stts"] = j.dump();
         },
         "request.method is \"telepathy\", which is not one of stts, none"},
        {"deeply nested metadata",
         [](Parts& p) {
           p.metadata["stts"] =
               "{\"format\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
         },
         "metadata nests deeper than 64 levels"},
        {"bad fastv layer",
         [&](Parts& p) {
           auto j = nlohmann::ordered_json::parse(meta);
           j["request"]["fastv_layer"] = "two";
           p.metadata["stts"] = j.dump();
         },
         "request.fastv_layer must be an integer"},
        {"bad tap point",
         [&](Parts& p) {
           auto j = nlohmann::ordered_json::parse(meta);
           j["request"]["tap_point"] = "llm";
           p.metadata["stts"] = j.dump();
         },
         "request.tap_point must be \"connector\" or \"vit\""},
        {"wrong dtype",
         [](Parts& p) {
           const int i = p.index("scores");
           p.dtypes[i] = stts::ckpt::DType::I32;
         },
         "\"scores\" is I32, expected F32"},
        {"unexpected tensor",
         [](Parts& p) {
           p.names.push_back("bogus");
           p.dtypes.push_back(stts::ckpt::DType::U8);
           p.shapes.push_back({1});
           p.bytes.push_back({std::byte{1}});
         },
         "unexpected tensor \"bogus\""},
        {"frames size",
         [&](Parts& p) {
           p.metadata["stts"] = editMetadata(meta, "input", {{"width", 5}, {"height", 4}});
         },
         "\"frames\" has shape [4, 4, 6, 3], expected [4, 4, 5, 3]"},
    };
    std::set<std::string> messages;
    for (const Case& c : cases) {
      Parts p = base;
      c.edit(p);
      const std::string file = path("broken.sttsrun");
      QVERIFY2(p.write(file), c.name);
      auto loaded = loadRunFile(file);
      QVERIFY2(!loaded.ok(), c.name);
      const std::string& message = loaded.error().message;
      QVERIFY2(message.find(c.expected) != std::string::npos,
               (std::string(c.name) + ": " + message).c_str());
      QVERIFY2(message.find(file) != std::string::npos, message.c_str());  // names the file
      QVERIFY2(message.find('\n') == std::string::npos, message.c_str());
      QVERIFY2(messages.insert(message).second, message.c_str());
    }

    // Truncated: the reader's own bounds checks refuse it.
    auto bytes = readAll(QString::fromStdString(good));
    bytes.resize(bytes.size() - 100);
    QFile out(dir_.filePath("truncated.sttsrun"));
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<qint64>(bytes.size()));
    out.close();
    auto truncated = loadRunFile(path("truncated.sttsrun"));
    QVERIFY(!truncated.ok());
    QVERIFY(messages.insert(truncated.error().message).second);
    auto missing = loadRunFile(path("does-not-exist.sttsrun"));
    QVERIFY(!missing.ok());
  }

  void saveRefusesInconsistentRuns() {
    const std::string file = path("refused.sttsrun");
    RunResult r = sampleRun(2, false, false);
    r.keep[3] = 2;
    auto saved = saveRunFile(file, r);
    QVERIFY(!saved.ok());
    QVERIFY2(saved.error().message.find("keep[0, 3] is 2") != std::string::npos,
             saved.error().message.c_str());
    r = sampleRun(2, false, false);
    r.timings[0].milliseconds = std::nan("");
    saved = saveRunFile(file, r);
    QVERIFY(!saved.ok());
    QVERIFY2(saved.error().message.find("timings.milliseconds is not a finite number") !=
                 std::string::npos,
             saved.error().message.c_str());
    r = sampleRun(2, true, false);
    r.inputFrames.pop_back();
    QVERIFY(!saveRunFile(file, r).ok());
    r = sampleRun(2, false, true);
    r.extras["bad name"] = {1.f};
    QVERIFY(!saveRunFile(file, r).ok());
    r = sampleRun(2, false, false);
    r.frames = 0;
    QVERIFY(!saveRunFile(file, r).ok());
    QVERIFY(!QFile::exists(QString::fromStdString(file)));  // nothing half-written
  }

  void fileIdentityHashesTheFirstMiB() {
    const QString name = dir_.filePath("video.bin");
    QFile f(name);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QByteArray data(int(kHeadHashBytes) + 4096, '\0');
    for (int i = 0; i < data.size(); ++i) data[i] = char((i * 2654435761u) >> 24);
    f.write(data);
    f.close();
    auto id = fileIdentity(name.toStdString());
    QVERIFY(id.ok());
    QCOMPARE(id->size, int64_t(data.size()));
    QVERIFY(id->mtime > 0);
    QCOMPARE(id->headHash, sha256Hex(std::string_view(data.constData(), size_t(kHeadHashBytes))));
    QVERIFY(!fileIdentity(dir_.filePath("nope").toStdString()).ok());
    QVERIFY(!fileIdentity(dir_.path().toStdString()).ok());  // a folder is not a video
  }

  // The bytes as an independent reader sees them (safetensors layout + metadata JSON).
  void pythonReaderAgrees() {
    // STTS_PYTHON picks the interpreter (e.g. one without numpy, to exercise the struct path);
    // otherwise Debian's python3, which the setup script gives numpy.
    QString python = qEnvironmentVariable("STTS_PYTHON");
    if (python.isEmpty()) {
      python = QFile::exists("/usr/bin/python3") ? "/usr/bin/python3"
                                                 : QStandardPaths::findExecutable("python3");
    }
    if (python.isEmpty()) QSKIP("python3 is not installed");

    const QString videoName = dir_.filePath("identity.bin");
    QFile video(videoName);
    QVERIFY(video.open(QIODevice::WriteOnly));
    video.write(QByteArray(3000, 'v'));
    video.close();
    RunResult run = sampleRun(3, true, true);
    auto id = fileIdentity(videoName.toStdString());
    QVERIFY(id.ok());
    run.videoHeadHash = id->headHash;
    run.answer = "plain answer";
    const std::string file = path("python.sttsrun");
    QVERIFY(saveRunFile(file, run).ok());

    QJsonObject tensors;
    auto add = [&](const char* name, const char* dtype, QJsonArray shape, const void* data,
                   std::size_t bytes, QJsonArray first) {
      tensors[name] = QJsonObject{{"dtype", dtype},
                                  {"shape", shape},
                                  {"sha256", QString::fromStdString(sha256Hex(std::string_view(
                                                 static_cast<const char*>(data), bytes)))},
                                  {"first", first}};
    };
    // scores[1..4] hold NaN/Inf/-0/denormal (not JSON); the hash covers them.
    add("scores", "F32", {3, 81}, run.scores.data(), run.scores.size() * 4,
        {double(run.scores[0])});
    add("keep", "U8", {3, 81}, run.keep.data(), run.keep.size(),
        {run.keep[0], run.keep[1], run.keep[2]});
    add("frame_time", "F64", {3}, run.frameTime.data(), 24, {run.frameTime[0], run.frameTime[1]});
    add("frame_pts", "I64", {3}, run.framePts.data(), 24,
        {qint64(run.framePts[0]), qint64(run.framePts[1])});
    add("frame_number", "I64", {3}, run.frameNumber.data(), 24, {0, 3, 6});
    add("kept_per_frame", "I32", {3}, run.keptPerFrame.data(), 12, {run.keptPerFrame[0]});
    add("frames", "U8", {3, 4, 6, 3}, run.inputFrames.data(), run.inputFrames.size(), {0, 31, 62});
    add("answer_tokens", "I32", {5}, run.answerTokens.data(), 20, {151644, 872, 198, -1});
    const auto& cellProb = run.extras.at("cell_prob");
    add("extra.cell_prob", "F32", {3, 81}, cellProb.data(), cellProb.size() * 4, {0.25});
    add("extra.frame_sim", "F32", {3}, run.extras.at("frame_sim").data(), 12, {-1.5, -1.5});
    add("extra.misc.raw-1", "F32", {7}, run.extras.at("misc.raw-1").data(), 28, {1.0, 2.0, 3.0});

    QJsonObject expected{
        {"tensors", tensors},
        {"identity_file", videoName},
        {"metadata",
         QJsonObject{{"format", "stts-run"},
                     {"version", 1},
                     {"frames", 3},
                     {"answer", "plain answer"},
                     {"request.video_path", QString::fromUtf8(run.request.videoPath.c_str())},
                     {"request.keep_ratio", 0.3},
                     {"request.max_new_tokens", 17},
                     {"video.size", qint64(run.videoFileSize)},
                     {"video.info.codec", "h264"},
                     {"video.info.time_base", QJsonArray{1, 90000}},
                     {"model.has_scorer", true},
                     {"input.width", 6},
                     {"vision_tokens.before", 243},
                     {"prompt_tokens", 1234},
                     {"versions.libtorch", "2.4.1"}}}};
    const QString expectedName = dir_.filePath("expected.json");
    QFile ej(expectedName);
    QVERIFY(ej.open(QIODevice::WriteOnly));
    ej.write(QJsonDocument(expected).toJson());
    ej.close();

    QProcess p;
    p.start(python, {STTS_RUNFILE_CHECKER, QString::fromStdString(file), expectedName});
    QVERIFY(p.waitForFinished(60000));
    const QString out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, qPrintable(out));
    QVERIFY2(out.contains("check_runfile: ok"), qPrintable(out));
    qInfo("%s via %s", qPrintable(out.trimmed()), qPrintable(python));
  }
};

QTEST_GUILESS_MAIN(TestRunFile)
#include "test_runfile.moc"
