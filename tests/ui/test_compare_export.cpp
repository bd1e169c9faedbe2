// The comparison as one image (ux.md §5, label ui): from the comparison window (S writes it next
// to the first run without asking) and from `stts export-compare` without a display, on runs made
// in the test (test_compare_support.h). Checks the width for N panes and each pane's pixels: its
// own run's frame, the diff colours of the pair, the mask of the others; and that runs which don't
// match are refused with exit code 1.
#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include "cli_process.h"
#include "common/folders.h"
#include "media/frame_navigator.h"
#include "test_compare_support.h"

using namespace stts::ui;
using namespace stts::ui::test;
using namespace stts::ui::test::compare;

class CompareExportTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(settingsDir_.isValid());
    QVERIFY(scratch_.isValid());
    useTemporarySettings(settingsDir_);
    files_ = saveCompareRuns(scratch_.path());
  }

  void exportedImageHoldsEveryPane() {
    auto window = openCompareWindow(files_.matching);
    QVERIFY(window);
    window->navigator()->setCurrentIndex(3);
    window->setOverlayMode(OverlayMode::Off);
    const QImage image = window->comparisonImage();
    verifyExportedPanes(image, 3, 3, /*diff=*/false, 0.7f);
    if (QTest::currentTestFailed()) return;
    // Ctrl+Shift+E asks for a name; S writes into the export folder without asking — not next
    // to the runs, whose folder may be read-only.
    pressKey(*window, Qt::Key_S);
    const QDir exports(exportFolder());
    QVERIFY(exports.absolutePath() != QDir(scratch_.path()).absolutePath());
    QVERIFY(QDir(scratch_.path()).entryList({QStringLiteral("*_compare_*.png")}).isEmpty());
    const QStringList written = exports.entryList({QStringLiteral("*_compare_*.png")}, QDir::Files);
    QCOMPARE(written.size(), 1);
    QVERIFY2(written.front().contains(QStringLiteral("_f4_compare_stts-50_none-100_evs-50")),
             qPrintable(written.front()));
    QCOMPARE(QImage(exports.filePath(written.front())).convertToFormat(QImage::Format_RGB32),
             image.convertToFormat(QImage::Format_RGB32));
    QFile::remove(exports.filePath(written.front()));
  }

  void cliExportsWithoutADisplay() {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
      environment.remove(QString::fromLatin1(name));
    environment.insert(QStringLiteral("STTS_UNUSED"), QStringLiteral("1"));  // never empty
    QTemporaryDir out;
    const QString target = QDir(out.path()).filePath(QStringLiteral("compare.png"));
    const stts::test::CliResult result = stts::test::runProgram(
        QStringLiteral(STTS_CLI_PATH),
        {QStringLiteral("export-compare"), files_.matching[0], files_.matching[1],
         files_.matching[2], QStringLiteral("--frame"), QStringLiteral("3"),
         QStringLiteral("--diff"), QStringLiteral("--opacity"), QStringLiteral("0.5"),
         QStringLiteral("-o"), target},
        {}, 120000, environment);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    verifyExportedPanes(QImage(target), 3, 2, /*diff=*/true, 0.5f);
    if (QTest::currentTestFailed()) return;

    // Runs that don't match: exit 1 and a sentence, no file.
    const QString refused = QDir(out.path()).filePath(QStringLiteral("refused.png"));
    const stts::test::CliResult mismatch = stts::test::runProgram(
        QStringLiteral(STTS_CLI_PATH),
        {QStringLiteral("export-compare"), files_.matching[0], files_.otherSampling,
         QStringLiteral("--frame"), QStringLiteral("1"), QStringLiteral("-o"), refused},
        {}, 120000, environment);
    QCOMPARE(mismatch.exitCode, 1);
    QVERIFY2(mismatch.errText().contains(QStringLiteral("sampling")), mismatch.err.constData());
    QVERIFY(!QFile::exists(refused));
    // Two to four runs.
    const stts::test::CliResult single = stts::test::runProgram(
        QStringLiteral(STTS_CLI_PATH),
        {QStringLiteral("export-compare"), files_.matching[0], QStringLiteral("--frame"),
         QStringLiteral("1"), QStringLiteral("-o"), refused},
        {}, 120000, environment);
    QCOMPARE(single.exitCode, 2);
  }

  void cliExportsFourPanesWithAnswersIntoAFolder() {
    QTemporaryDir runs;
    CompareRunFiles four = saveCompareRuns(runs.path());
    four.matching.append(saveRun(runs.path(), 3, RunSpec{}));
    QTemporaryDir out;
    auto exportTo = [&](const QString& target, bool answers) {
      QStringList args = {QStringLiteral("export-compare")};
      args << four.matching << QStringLiteral("--frame") << QStringLiteral("2")
           << QStringLiteral("--mode") << QStringLiteral("off") << QStringLiteral("-o") << target;
      if (answers) args << QStringLiteral("--answers");
      return stts::test::runProgram(QStringLiteral(STTS_CLI_PATH), args);
    };
    const QString plain = QDir(out.path()).filePath(QStringLiteral("plain.png"));
    const stts::test::CliResult first = exportTo(plain, false);
    QVERIFY2(first.exitCode == 0, first.err.constData());
    verifyExportedPanes(QImage(plain), 4, 1, /*diff=*/false, 0.7f);
    if (QTest::currentTestFailed()) return;
    // A folder gets the GUI's name; the answers make the image taller, not wider.
    const stts::test::CliResult second = exportTo(out.path() + QLatin1Char('/'), true);
    QVERIFY2(second.exitCode == 0, second.err.constData());
    const QStringList named =
        QDir(out.path())
            .entryList({QStringLiteral("stts-compare-clip_00-00-00-500_f2_compare_*.png")},
                       QDir::Files);
    QCOMPARE(named.size(), 1);
    const QImage withAnswers(QDir(out.path()).filePath(named.front()));
    QCOMPARE(withAnswers.width(), QImage(plain).width());
    QVERIFY(withAnswers.height() > QImage(plain).height());
  }

 private:
  QTemporaryDir settingsDir_;
  QTemporaryDir scratch_;
  CompareRunFiles files_;
};

QTEST_MAIN(CompareExportTest)
#include "test_compare_export.moc"
