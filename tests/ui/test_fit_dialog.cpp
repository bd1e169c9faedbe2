// Tools ▸ Fit Scorer (label ui, needs the model engine): the tiny model's scorer fitted to the
// colour clip from the dialog. Checks the defaults (the Ask panel's model, the current video,
// <model>-fitted), that the loss curve gets a point per step while the fit runs, that the output
// folder loads as a model, that nothing is ever overwritten, that Cancel mid-way leaves no folder
// and the dialog usable (the window answering input meanwhile), that a broken model folder and an
// unreadable video give sentences, and that "Re-run" runs the current video with the fitted model.
#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "actions/action_registry.h"
#include "ask/ask_panel.h"
#include "fit/fit_dialog.h"
#include "gui_test_support.h"
#include "main/main_window.h"
#include "media/frame_navigator.h"
#include "panels/run_panels.h"
#include "stts/model.h"
#include "stts/tiny_model.h"
#include "timeline/timeline.h"

using namespace stts::ui;
using namespace stts::ui::test;

namespace {

constexpr int kFitTimeoutMs = 120000;  // the tiny model on a slow, shared CI CPU

}  // namespace

class FitDialogTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir settingsDir_;
  QTemporaryDir scratch_;
  QString modelPath_;

  FitDialog* openDialog(MainWindow& window) {
    window.actions()->action(ActionId::FitScorer)->trigger();
    FitDialog* dialog = window.runPanels()->fitDialog();
    if (dialog) dialog->setFrames(4);  // small and quick; the clip gives 4 distinct frames
    return dialog;
  }

 private slots:
  void initTestCase() {
    QVERIFY(settingsDir_.isValid());
    QVERIFY(scratch_.isValid());
    useTemporarySettings(settingsDir_);
    modelPath_ = scratch_.filePath(QStringLiteral("tiny"));
    auto written = stts::writeTinyModel(QFile::encodeName(modelPath_).toStdString());
    QVERIFY2(bool(written), written ? "" : written.error().message.c_str());
  }

  void fitsDrawsTheLossAndReruns() {
    MainWindow window;
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, colourClip()));
    window.askPanel()->setModelFolder(modelPath_);
    FitDialog* dialog = openDialog(window);
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(dialog->modelFolder(), modelPath_);
    QCOMPARE(dialog->videos(), QStringList{window.video()->path});
    const QString output = modelPath_ + QStringLiteral("-fitted");
    QCOMPARE(QDir::cleanPath(dialog->outputFolder()), QDir::cleanPath(output));

    dialog->setSteps(6);
    QSignalSpy finished(dialog, &FitDialog::fitFinished);
    QSignalSpy failed(dialog, &FitDialog::fitFailed);
    QTest::mouseClick(dialog->fitButton(), Qt::LeftButton);
    QVERIFY(dialog->isRunning());
    QVERIFY(!dialog->fitButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() + failed.count() == 1, kFitTimeoutMs);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(0).toString()));
    QCOMPARE(dialog->lossSeries()->count(), 6);
    for (int i = 0; i < 6; ++i) {
      QCOMPARE(dialog->lossSeries()->at(i).x(), double(i + 1));
      QVERIFY(dialog->lossSeries()->at(i).y() > 0.0);
    }
    QVERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("→")),
             qPrintable(dialog->statusLabel()->text()));
    QVERIFY(QFileInfo(output + QStringLiteral("/config.json")).isFile());
    stts::DeviceSpec spec;
    spec.loadLanguageModel = false;
    auto fitted = stts::Model::load(QFile::encodeName(output).toStdString(), spec);
    QVERIFY2(bool(fitted), fitted ? "" : fitted.error().message.c_str());
    QVERIFY(fitted->info().hasScorer);
    QVERIFY(dialog->fitButton()->isEnabled());
    // The next fit would not reuse the folder just written.
    QVERIFY(QDir::cleanPath(dialog->outputFolder()) != QDir::cleanPath(output));

    // Choosing an existing folder by hand is refused, and the folder is left alone.
    const QDateTime before = QFileInfo(output + QStringLiteral("/config.json")).lastModified();
    dialog->setOutputFolder(output);
    QTest::mouseClick(dialog->fitButton(), Qt::LeftButton);
    QVERIFY(!dialog->isRunning());
    QCOMPARE(failed.count(), 1);
    QVERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("already exists")),
             qPrintable(dialog->statusLabel()->text()));
    QCOMPARE(QFileInfo(output + QStringLiteral("/config.json")).lastModified(), before);

    // Re-run: the current video, scored by the fitted model, becomes the shown run.
    QVERIFY(dialog->rerunButton()->isVisible());
    QSignalSpy ran(window.askPanel(), &AskPanel::runFinished);
    QTest::mouseClick(dialog->rerunButton(), Qt::LeftButton);
    QCOMPARE(window.askPanel()->modelFolder(), output);
    QTRY_VERIFY_WITH_TIMEOUT(ran.count() == 1, kFitTimeoutMs);
    QVERIFY(window.run());
    QCOMPARE(QString::fromStdString(window.run()->run->request.modelPath), output);
    QCOMPARE(window.run()->run->request.method, std::string("stts"));
    QVERIFY(window.run()->run->answer.empty());  // vision only: no question asked
    QVERIFY(window.run()->run->visionTokensAfter < window.run()->run->visionTokensBefore);
  }

  void cancelLeavesNothingAndErrorsAreSentences() {
    MainWindow window;
    QVERIFY(showActive(window));
    QVERIFY(openAndWait(window, colourClip()));
    window.askPanel()->setModelFolder(modelPath_);
    FitDialog* dialog = openDialog(window);
    QVERIFY(dialog);
    const QString output = scratch_.filePath(QStringLiteral("cancelled-fit"));
    dialog->setOutputFolder(output);
    dialog->setSteps(1000000);
    QSignalSpy cancelled(dialog, &FitDialog::fitCancelled);
    QTest::mouseClick(dialog->fitButton(), Qt::LeftButton);
    QVERIFY(dialog->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(dialog->lossSeries()->count() >= 2, kFitTimeoutMs);
    QVERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("Step")),
             qPrintable(dialog->statusLabel()->text()));
    // The window keeps answering input while the fit runs on its thread: a click on the
    // timeline seeks.
    Timeline* timeline = window.timeline();
    const int last = window.navigator()->count() - 1;
    QTest::mouseClick(timeline, Qt::LeftButton, {}, QPoint(timeline->xForSample(last) - 2, 20));
    QCOMPARE(window.navigator()->currentIndex(), last);
    QVERIFY(dialog->isRunning());
    QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(cancelled.count() == 1, kFitTimeoutMs);
    QVERIFY(!dialog->isRunning());
    QVERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("nothing written")),
             qPrintable(dialog->statusLabel()->text()));
    QVERIFY(!QFileInfo::exists(output));
    QVERIFY(dialog->fitButton()->isEnabled());
    QVERIFY(!dialog->rerunButton()->isVisible());

    // A folder that is not a model: a sentence, and the dialog stays usable.
    QSignalSpy failed(dialog, &FitDialog::fitFailed);
    QTemporaryDir notAModel;
    dialog->setModelFolder(notAModel.path());
    QTest::mouseClick(dialog->fitButton(), Qt::LeftButton);
    QCOMPARE(failed.count(), 1);
    QVERIFY(!dialog->isRunning());
    QVERIFY(dialog->statusLabel()->text().contains(QStringLiteral("config.json")));

    // A model folder whose weights are damaged fails in the engine, also as a sentence.
    const QString damaged = scratch_.filePath(QStringLiteral("damaged"));
    QVERIFY(QDir().mkpath(damaged));
    QVERIFY(QFile::copy(modelPath_ + QStringLiteral("/config.json"),
                        damaged + QStringLiteral("/config.json")));
    QFile weights(damaged + QStringLiteral("/model.safetensors"));
    QVERIFY(weights.open(QIODevice::WriteOnly));
    weights.write("not safetensors at all");
    weights.close();
    dialog->setModelFolder(damaged);
    dialog->setOutputFolder(scratch_.filePath(QStringLiteral("from-damaged")));
    dialog->setSteps(3);
    QTest::mouseClick(dialog->fitButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() == 2, kFitTimeoutMs);
    QVERIFY(!dialog->isRunning());
    QVERIFY(!QFileInfo::exists(scratch_.filePath(QStringLiteral("from-damaged"))));
    QVERIFY(dialog->statusLabel()->text().startsWith(QStringLiteral("The fit failed: ")));

    // An unreadable video: the engine's reason, the dialog still usable.
    const QString corrupt = scratch_.filePath(QStringLiteral("corrupt.mp4"));
    QFile bad(corrupt);
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(QByteArray(4096, 'x'));
    bad.close();
    dialog->setModelFolder(modelPath_);
    dialog->setVideos({corrupt});
    dialog->setOutputFolder(scratch_.filePath(QStringLiteral("from-corrupt")));
    QTest::mouseClick(dialog->fitButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() == 3, kFitTimeoutMs);
    QVERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("none of the videos")),
             qPrintable(dialog->statusLabel()->text()));
    QVERIFY(dialog->fitButton()->isEnabled());
    QVERIFY(!QFileInfo::exists(scratch_.filePath(QStringLiteral("from-corrupt"))));
    // The window is still there and answering.
    QVERIFY(window.isVisible());
    dialog->reject();
    QVERIFY(!dialog->isVisible());
  }
};

QTEST_MAIN(FitDialogTest)
#include "test_fit_dialog.moc"
