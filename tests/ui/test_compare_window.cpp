// The comparison window for daily use (issue 13): every answer shown and wrapped, whole run names
// in the pair pickers, a legend per pane when scores are exported, the standard close keys, a
// first size that fits the screen and a remembered geometry, the optional playhead link with the
// main window, and recent runs in the run picker.
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QMenu>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

#include "common/recent_files.h"
#include "compare/compare_answers.h"
#include "compare/compare_controller.h"
#include "media/frame_navigator.h"
#include "test_compare_support.h"
#include "view/colour_maps.h"

using namespace stts::ui;
using namespace stts::ui::test;
using namespace stts::ui::test::compare;

namespace {

// An answer with no space to break at: a model can produce one.
const std::string kUnbroken(600, 'x');

bool near(QRgb a, QRgb b, int tolerance = 3) {
  return std::abs(qRed(a) - qRed(b)) <= tolerance && std::abs(qGreen(a) - qGreen(b)) <= tolerance &&
         std::abs(qBlue(a) - qBlue(b)) <= tolerance;
}

// Whether `pane` of `image` holds the score colour bar: both ends of the colour map, exactly, on
// one row of its bottom-right quarter (the overlay itself blends the map into the picture).
bool paneHasColourBar(const QImage& image, const QRect& pane, ColourMap map) {
  const ColourTable& table = colourTable(map);
  for (int y = pane.center().y(); y <= pane.bottom(); ++y) {
    bool low = false;
    bool high = false;
    for (int x = pane.center().x(); x <= pane.right(); ++x) {
      const QRgb pixel = image.pixel(x, y);
      low = low || near(pixel, table.front());
      high = high || near(pixel, table.back());
    }
    if (low && high) return true;
  }
  return false;
}

}  // namespace

class CompareWindowTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(settingsDir_.isValid());
    QVERIFY(scratch_.isValid());
    useTemporarySettings(settingsDir_);
    files_ = saveCompareRuns(scratch_.path());
    RunSpec unbroken;
    unbroken.answer = kUnbroken;
    unbroken.answerTokens = 300;
    RunSpec sentence;
    sentence.method = "none";
    sentence.keepRatio = 1.0;
    sentence.answer = "A red square moves slowly to the right while the background stays grey.";
    sentence.answerTokens = 16;
    longAnswers_ = {saveRun(scratch_.path(), 0, unbroken, QStringLiteral("unbroken.sttsrun")),
                    saveRun(scratch_.path(), 1, sentence, QStringLiteral("sentence.sttsrun"))};
  }

  void everyAnswerIsShownAndWrapped() {
    auto window = openCompareWindow(longAnswers_);
    QVERIFY(window);
    window->resize(1000, 700);
    CompareAnswers* answers = window->answers();
    QCOMPARE(answers->count(), 2);
    for (int i = 0; i < 2; ++i) {
      QPlainTextEdit* box = answers->box(i);
      QTRY_VERIFY(box->isVisible());
      QVERIFY(box->width() > 80);
      // Inside the window, side by side.
      const QRect inWindow(box->mapTo(window.get(), QPoint(0, 0)), box->size());
      QVERIFY2(window->rect().contains(inWindow), qPrintable(QString::number(i)));
      QVERIFY(box->horizontalScrollBar()->maximum() == 0);
    }
    QVERIFY(answers->box(0)->geometry().right() < answers->box(1)->geometry().left());
    QVERIFY(answers->answer(0).contains(QString::fromStdString(kUnbroken)));
    QVERIFY(answers->answer(1).contains(QStringLiteral("background stays grey")));
    // The unbroken answer wraps inside its box rather than running off in one line.
    const QTextBlock block = answers->box(0)->document()->findBlockByNumber(1);
    QVERIFY(block.isValid() && block.layout());
    QVERIFY2(block.layout()->lineCount() > 3,
             qPrintable(QString::number(block.layout()->lineCount())));

    // The exported image wraps it too: many lines under the panes, not one cut off.
    window->setIncludeAnswers(false);
    const QImage without = window->comparisonImage();
    window->setIncludeAnswers(true);
    const QImage with = window->comparisonImage();
    QCOMPARE(with.width(), without.width());
    QVERIFY2(with.height() - without.height() > 5 * 13,
             qPrintable(QStringLiteral("%1 vs %2").arg(with.height()).arg(without.height())));
  }

  void pairPickersShowWholeRunNames() {
    auto window = openCompareWindow(files_.matching);
    QVERIFY(window);
    QComboBox* box = window->pairFirstBox();
    QCOMPARE(box->count(), 3);
    for (int i = 0; i < box->count(); ++i) {
      QVERIFY2(box->width() > box->fontMetrics().horizontalAdvance(box->itemText(i)),
               qPrintable(box->itemText(i)));
      QVERIFY(box->itemData(i, Qt::ToolTipRole).toString().endsWith(QStringLiteral(".sttsrun")));
    }
  }

  void scoreExportHasALegendPerPane() {
    auto window = openCompareWindow(files_.matching);
    QVERIFY(window);
    window->setOverlayMode(OverlayMode::Score);
    const QImage image = window->comparisonImage().convertToFormat(QImage::Format_RGB32);
    QVERIFY(!image.isNull());
    const LoadedVideo& video = *window->runs().front()->video;
    const QSize paneSize(video.info.displayWidth, video.info.displayHeight);
    for (int i = 0; i < window->paneCount(); ++i) {
      const QRect pane = comparisonPaneRect(i, paneSize, /*hasCaption=*/true);
      QVERIFY2(paneHasColourBar(image, pane, ColourMap::Viridis), qPrintable(QString::number(i)));
    }
    // Masks need no colour bar.
    window->setOverlayMode(OverlayMode::Mask);
    const QImage masks = window->comparisonImage().convertToFormat(QImage::Format_RGB32);
    QVERIFY(!paneHasColourBar(masks, comparisonPaneRect(0, paneSize, true), ColourMap::Viridis));
  }

  void standardKeysCloseIt() {
    for (const auto& [key, modifiers] :
         {std::pair{Qt::Key_Escape, Qt::KeyboardModifiers{}},
          std::pair{Qt::Key_W, Qt::KeyboardModifiers{Qt::ControlModifier}}}) {
      auto window = openCompareWindow(files_.matching);
      QVERIFY(window);
      pressKey(*window, key, modifiers);
      QTRY_VERIFY(!window->isVisible());
    }
  }

  void opensWithinTheScreenAndRemembersWhereItWas() {
    for (const QRect& screen :
         {QRect(0, 0, 1920, 1080), QRect(0, 0, 1024, 700), QRect(1920, 24, 1366, 744)}) {
      const QRect rect = initialCompareGeometry(screen);
      QVERIFY2(screen.contains(rect),
               qPrintable(QStringLiteral("%1x%2").arg(rect.width()).arg(rect.height())));
      QVERIFY(rect.width() >= 900 || rect.width() >= screen.width() * 0.9);
    }
    QCOMPARE(initialCompareGeometry(QRect(0, 0, 2560, 1440)).size(), QSize(1400, 900));

    QRect placed;
    {
      auto window = openCompareWindow(files_.matching);
      QVERIFY(window);
      // It can be made small: nothing (a long status line, the run names) forces its width.
      QVERIFY2(window->minimumSizeHint().width() <= 900,
               qPrintable(QString::number(window->minimumSizeHint().width())));
      window->setGeometry(120, 90, 900, 640);
      QTRY_COMPARE(window->geometry().size(), QSize(900, 640));
      placed = window->geometry();
      window->close();
    }
    CompareWindow again;
    QCOMPARE(again.geometry().size(), placed.size());
  }

  void followsTheMainWindowWhenAsked() {
    MainWindow main;
    QVERIFY(showActive(main));
    QVERIFY(openRunAndWait(main, files_.matching[0]));
    CompareWindow* window = main.compareController()->openComparison(files_.matching);
    QTRY_VERIFY(window->paneCount() == 3);
    QCheckBox* follow = window->followMainWindowBox();
    QVERIFY(follow->isVisible());
    QVERIFY(!follow->isChecked());  // optional: off until asked for
    main.navigator()->setCurrentIndex(2);
    QCOMPARE(window->navigator()->currentIndex(), 0);

    follow->setChecked(true);
    QCOMPARE(main.navigator()->currentIndex(), 0);  // ticking it brings the main window along
    main.navigator()->setCurrentIndex(3);
    QCOMPARE(window->navigator()->currentIndex(), 3);
    window->navigator()->step(-1);
    QCOMPARE(main.navigator()->currentIndex(), 2);
    follow->setChecked(false);
    main.navigator()->setCurrentIndex(0);
    QCOMPARE(window->navigator()->currentIndex(), 2);
    window->close();
  }

  void pickerOffersRecentRuns() {
    MainWindow main;
    main.recentFilesMenu()->clearAll();
    main.recentFilesMenu()->add(files_.matching[1]);
    main.recentFilesMenu()->add(QStringLiteral("/nonexistent/gone.sttsrun"));
    main.recentFilesMenu()->add(colourClip());  // a video: not offered
    main.compareController()->showPicker();
    CompareRunsDialog* picker = main.compareController()->picker();
    QVERIFY(picker);
    QCOMPARE(CompareRunsDialog::recentRuns(), QStringList{files_.matching[1]});
    QMenu* menu = picker->recentRunsMenu();
    emit menu->aboutToShow();
    const QList<QAction*> entries = menu->actions();
    QCOMPARE(entries.size(), 1);
    entries.front()->trigger();
    QVERIFY(picker->paths().contains(QFileInfo(files_.matching[1]).absoluteFilePath()));
    picker->close();
  }

 private:
  QTemporaryDir settingsDir_;
  QTemporaryDir scratch_;
  CompareRunFiles files_;
  QStringList longAnswers_;
};

QTEST_MAIN(CompareWindowTest)
#include "test_compare_window.moc"
