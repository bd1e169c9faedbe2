// The Ask panel (label ui, only with the model engine): the tiny model answers a question about
// the generated colour clip on the panel's worker thread. Checks the shortcuts (Ctrl+Enter runs,
// Esc cancels, Space in the question box types a space), that tokens stream into the answer,
// that the finished run is shown like an opened run and can be saved, that the window answers
// input during a run, and that the model is loaded once for several questions. The run options
// (max frames / fps resample the video, devices the engine offers, dtypes) and the Answer, Timing
// and Data docks following a streamed and a cancelled run.
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>

#include "actions/action_registry.h"
#include "ask/ask_panel.h"
#include "ask/run_options.h"
#include "charts/timing_panel.h"
#include "common/folders.h"
#include "common/message_bar.h"
#include "gui_test_support.h"
#include "main/main_window.h"
#include "media/frame_navigator.h"
#include "panels/answer_panel.h"
#include "panels/data_panel.h"
#include "panels/run_panels.h"
#include "stts/device.h"
#include "stts/runfile.h"
#include "stts/tiny_model.h"
#include "timeline/timeline.h"
#include "view/frame_view.h"

using namespace stts::ui;
using namespace stts::ui::test;

namespace {

constexpr int kRunTimeoutMs = 180000;  // the tiny model on a slow CI CPU

}  // namespace

class AskPanelTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir settingsDir_;
  QTemporaryDir modelDir_;
  QString modelPath_;

 private slots:
  void initTestCase() {
    QVERIFY(settingsDir_.isValid());
    QVERIFY(modelDir_.isValid());
    useTemporarySettings(settingsDir_);
    modelPath_ = modelDir_.filePath(QStringLiteral("tiny"));
    auto written = stts::writeTinyModel(QFile::encodeName(modelPath_).toStdString());
    QVERIFY2(bool(written), written ? "" : written.error().message.c_str());
  }

  void asksSavesCancelsAndKeepsTheModel() {
    MainWindow window;
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, colourClip()));
    AskPanel* panel = window.askPanel();
    QVERIFY(panel);
    QVERIFY(panel->isVisible());
    panel->setModelFolder(modelPath_);
    panel->setMaxNewTokens(8);
    QVERIFY(panel->demoLabel()->isVisible());

    // Space typed into the question box is text, not Play.
    QPlainTextEdit* question = panel->questionBox();
    question->setFocus();
    QTRY_VERIFY(question->hasFocus());
    QTest::keyClicks(question, QStringLiteral("What"));
    QTest::keyClick(question, Qt::Key_Space);
    QTest::keyClicks(question, QStringLiteral("colour?"));
    QCOMPARE(question->toPlainText(), QStringLiteral("What colour?"));
    QVERIFY(!window.navigator()->isPlaying());

    // Ctrl+Enter runs; the window keeps answering keys while the worker thinks.
    QSignalSpy finished(panel, &AskPanel::runFinished);
    QTest::keyClick(question, Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(panel->isRunning());
    question->clearFocus();
    window.frameView()->setFocus();
    const int before = window.navigator()->currentIndex();
    pressKey(window, Qt::Key_Right);
    QCOMPARE(window.navigator()->currentIndex(), before + 1);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, kRunTimeoutMs);
    QVERIFY(!panel->isRunning());
    QVERIFY(!panel->answerText().isEmpty());
    // The answer is shown once, in the Answer dock, not also in the Ask panel.
    int shownIn = 0;
    for (QPlainTextEdit* edit : window.findChildren<QPlainTextEdit*>()) {
      if (edit->isVisible() && edit->toPlainText().contains(panel->answerText())) ++shownIn;
    }
    for (QTextEdit* edit : window.findChildren<QTextEdit*>()) {
      if (edit->isVisible() && edit->toPlainText().contains(panel->answerText())) ++shownIn;
    }
    for (QLabel* label : window.findChildren<QLabel*>()) {
      if (label->isVisible() && label->text().contains(panel->answerText())) ++shownIn;
    }
    QCOMPARE(shownIn, 1);
    QCOMPARE(panel->progressBar()->value(), panel->progressBar()->maximum());
    QCOMPARE(panel->progressBar()->format(), QStringLiteral("Done"));
    QVERIFY(panel->demoLabel()->isVisible());
    QCOMPARE(panel->modelLoadCount(), 1);

    // The new run is on screen like an opened run: keep strip, overlay, summary.
    QVERIFY(window.run());
    const auto firstRun = window.run();
    QCOMPARE(firstRun->run->frames, int(window.video()->points.size()));
    QVERIFY(!firstRun->run->answer.empty());
    QTRY_VERIFY(window.timeline()->hasKeepCounts());
    QVERIFY(window.findChild<QLabel*>(QStringLiteral("runInfoLabel"))->isVisible());
    QVERIFY(window.actions()->action(ActionId::SaveRun)->isEnabled());

    // It saves and reloads.
    QTemporaryDir out;
    const QString saved = out.filePath(QStringLiteral("asked.sttsrun"));
    QVERIFY(window.saveRun(saved));
    auto reloaded = stts::loadRunFile(QFile::encodeName(saved).toStdString());
    QVERIFY2(bool(reloaded), reloaded ? "" : reloaded.error().message.c_str());
    QCOMPARE(reloaded->answer, firstRun->run->answer);

    // Esc during a run cancels it: idle again, the shown run unchanged.
    const auto shownBefore = window.run();
    QSignalSpy cancelled(panel, &AskPanel::runCancelled);
    pressKey(window, Qt::Key_Return);  // no modifier: not Run
    QVERIFY(!panel->isRunning());
    QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(panel->isRunning());
    pressKey(window, Qt::Key_Escape);
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(!panel->isRunning());
    QTest::qWait(1500);  // whatever the cancelled job still sends must be dropped
    QCOMPARE(window.run(), shownBefore);
    QCOMPARE(finished.count(), 1);

    // A second question afterwards succeeds on the same loaded model.
    QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(panel->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, kRunTimeoutMs);
    QVERIFY(window.run() != shownBefore);
    QVERIFY(!panel->answerText().isEmpty());
    QCOMPARE(panel->modelLoadCount(), 1);

    // Save Run offers a name that says what the run is, in the folder runs were saved to last,
    // and never one that is taken; the model folder is offered again after a restart.
    rememberFolder(FolderKind::Runs, out.path());
    const QString suggested = window.suggestedRunPath();
    const QString method = QString::fromStdString(window.run()->run->request.method);
    QCOMPARE(QFileInfo(suggested).absolutePath(), QFileInfo(out.path()).absoluteFilePath());
    QVERIFY2(QFileInfo(suggested).fileName().startsWith(
                 QStringLiteral("colours_320x240_%1-").arg(method)),
             qPrintable(suggested));
    QFile taken(suggested);
    QVERIFY(taken.open(QIODevice::WriteOnly));
    taken.close();
    const QString next = window.suggestedRunPath();
    QVERIFY2(next.endsWith(QStringLiteral("-2.sttsrun")), qPrintable(next));
    QVERIFY(window.saveRun(next));
    QCOMPARE(window.suggestedRunPath(), next);  // now the run's own file
    MainWindow restarted;
    QCOMPARE(QFileInfo(restarted.askPanel()->modelFolder()).absoluteFilePath(),
             QFileInfo(modelPath_).absoluteFilePath());
  }

  void runOptionsAndTheRunDocks() {
    MainWindow window;
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, colourClip()));
    AskPanel* panel = window.askPanel();
    panel->setModelFolder(modelPath_);
    panel->setMaxNewTokens(6);
    QCOMPARE(panel->maxNewTokens(), 6);

    // The CPU always; CUDA devices only where the engine can use them.
    const stts::RuntimeInfo runtime = stts::runtimeInfo();
    QCOMPARE(panel->deviceBox()->itemData(0).toString(), QStringLiteral("cpu"));
    QCOMPARE(panel->deviceBox()->count(), runtime.cudaAvailable ? int(runtime.devices.size()) : 1);
    QVERIFY(!panel->setDevice(QStringLiteral("cuda:99")));
    QVERIFY(panel->setDtype(QStringLiteral("float32")));
    QVERIFY(panel->dtypeBox()->findData(QStringLiteral("bfloat16")) >= 0);

    // The limits follow the frames on screen; fewer frames make the worker sample again.
    QCOMPARE(panel->sampling().maxFrames, window.video()->sampling.maxFrames);
    QVERIFY(window.video()->points.size() > 3);
    panel->setSampling(stts::SamplingSpec{3, 2.0});

    // The less common options, each enabled for the methods it affects, reach the request.
    RunOptionsBox* more = panel->runOptions();
    QVERIFY(panel->setMethod(QStringLiteral("fastv")));
    QVERIFY(more->fastvLayerBox()->isEnabled());
    QVERIFY(!more->seedBox()->isEnabled());
    QVERIFY(!more->tapBox()->isEnabled());
    QVERIFY(panel->setMethod(QStringLiteral("evs")));
    QVERIFY(more->tapBox()->isEnabled());
    QVERIFY(panel->setMethod(QStringLiteral("random")));
    QVERIFY(more->seedBox()->isEnabled());
    QVERIFY(more->budgetBox()->isEnabled());
    more->seedBox()->setValue(7);
    more->budgetBox()->setCurrentIndex(more->budgetBox()->findData(QStringLiteral("native")));
    panel->setQuestion(QStringLiteral("Which colour?"));
    AnswerPanel* answer = window.runPanels()->answerPanel();
    bool answerPanelStreamed = false;
    connect(panel, &AskPanel::answerStreamed, this, [&](const QString& text) {
      if (answer->isStreaming() && !text.isEmpty() && answer->answerText() == text) {
        answerPanelStreamed = true;
      }
    });
    QSignalSpy finished(panel, &AskPanel::runFinished);
    panel->runQuestion();
    QVERIFY(panel->isRunning());
    QVERIFY(!panel->maxFramesBox()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, kRunTimeoutMs);
    QVERIFY(answerPanelStreamed);
    QVERIFY(window.run());
    const stts::RunResult& run = *window.run()->run;
    QCOMPARE(run.frames, 3);
    QCOMPARE(int(window.video()->points.size()), 3);
    QCOMPARE(run.request.sampling.maxFrames, 3);
    QCOMPARE(run.request.dtype, std::string("float32"));
    QCOMPARE(run.request.method, std::string("random"));
    QCOMPARE(run.request.seed, uint64_t(7));
    QCOMPARE(run.request.budgetPolicy, std::string("native"));
    QCOMPARE(run.timings.front().name, std::string("decode"));

    // The docks show the new run.
    QVERIFY(!answer->isStreaming());
    QCOMPARE(answer->answerText(), QString::fromStdString(run.answer));
    QVERIFY(!answer->answerText().isEmpty());
    QVERIFY(answer->demoLabel()->isVisible());
    const StageChartData& chart = window.runPanels()->timingPanel()->chartData();
    QCOMPARE(chart.stages.size(), int(run.timings.size()));
    for (int i = 0; i < chart.stages.size(); ++i) {
      QCOMPARE(chart.milliseconds.front()[size_t(i)], run.timings[size_t(i)].milliseconds);
    }
    QVERIFY(window.runPanels()->timingPanel()->legendTexts().front().startsWith(
        QStringLiteral("decode ")));
    QCOMPARE(window.runPanels()->dataPanel()->table()->rowCount(), 3);

    // A cancelled run leaves the docks on the run still shown.
    panel->runQuestion();
    QVERIFY(panel->isRunning());
    panel->cancelQuestion();
    QVERIFY(!answer->isStreaming());
    QCOMPARE(answer->answerText(), QString::fromStdString(run.answer));
    QCOMPARE(window.runPanels()->timingPanel()->chartData().stages.size(), int(run.timings.size()));
  }

  void engineErrorsReachTheMessageBar() {
    MainWindow window;
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, colourClip()));
    AskPanel* panel = window.askPanel();
    QTemporaryDir empty;
    panel->setModelFolder(empty.path());
    panel->setQuestion(QStringLiteral("Anything?"));
    QVERIFY(!panel->demoLabel()->isVisible());
    QSignalSpy failed(panel, &AskPanel::runFailed);
    QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() == 1, kRunTimeoutMs);
    QVERIFY(!panel->isRunning());
    QVERIFY(window.messageBar()->isVisible());
    QVERIFY(!window.messageBar()->text().isEmpty());
    QVERIFY(!window.run());
    // The error goes once the user changes what it was about, not before.
    window.frameView()->setFocus();
    pressKey(window, Qt::Key_Right);
    QVERIFY(window.messageBar()->isVisible());
    panel->setModelFolder(modelPath_);
    QVERIFY(!window.messageBar()->isVisible());
    // Someone else's message stays when the Ask panel changes.
    window.messageBar()->showError(QStringLiteral("other"));
    panel->setQuestion(QStringLiteral("Something else?"));
    QVERIFY(window.messageBar()->isVisible());
  }
};

QTEST_MAIN(AskPanelTest)
#include "test_ask_panel.moc"
