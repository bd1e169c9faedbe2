// Tools ▸ Evaluation on an eval folder written here from injected predictions with known counts
// (none keeps everything and is always right; stts at keep 0.5 is right 2 of 4 times at 4 frames
// and 3 of 4 at 8; one more stts answer failed), a metrics.json for the header and one saved run:
// the window, its tables and their numeric sort, the two charts (series, points, real pixels),
// opening a saved run in the main window with the keyboard, the close keys, the error sentences
// and the PNG/SVG export.
#include <QAction>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPointer>
#include <QPushButton>
#include <QScreen>
#include <QSortFilterProxyModel>
#include <QSvgRenderer>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "actions/action_registry.h"
#include "common/time_format.h"
#include "eval/eval_charts.h"
#include "eval/eval_controller.h"
#include "eval/eval_folder.h"
#include "eval/eval_models.h"
#include "eval/eval_window.h"
#include "stts/eval.h"
#include "test_compare_support.h"

using namespace stts::ui;
using namespace stts::ui::test;

namespace {

constexpr int kSamples = 4;
const QString kBench = QStringLiteral("toy-bench");

struct GroupSpec {
  std::string method;
  double keep;
  int frames;
  int correct;       // of kSamples
  double prefillMs;  // every sample's, so the median is this
};

// In the order stts::eval::aggregate gives the groups: "none" first, then by frames.
const GroupSpec kGroups[] = {{"none", 1.0, 4, 4, 40.0},
                             {"none", 1.0, 8, 4, 80.0},
                             {"stts", 0.5, 4, 2, 20.0},
                             {"stts", 0.5, 8, 3, 40.0}};

int64_t tokensOf(const GroupSpec& group) {
  return int64_t(group.frames * 100 * group.keep);
}

stts::eval::Prediction prediction(const GroupSpec& group, int sample) {
  stts::eval::Prediction p;
  // Through QString: GCC 12 warns falsely (-Wrestrict) about "s" + std::to_string(…).
  p.id = QStringLiteral("s%1").arg(sample + 1).toStdString();
  p.method = group.method;
  p.keep = group.keep;
  p.frames = group.frames;
  p.correct = sample < group.correct;
  p.choice = p.correct ? 0 : 1;
  p.answer = p.correct ? "A" : "B. the blue one";
  p.visionTokensBefore = group.frames * 100;
  p.visionTokensAfter = tokensOf(group);
  p.promptTokens = p.visionTokensAfter + 30;
  p.stageMs = {{"decode", 5.0}, {"prefill", group.prefillMs}, {"generate", 10.0}};
  return p;
}

// The answer that could not run: its video is missing.
stts::eval::Prediction failedPrediction() {
  stts::eval::Prediction p;
  p.id = "s5";
  p.method = "stts";
  p.keep = 0.5;
  p.frames = 4;
  p.error = "the video clips/missing.mp4 does not exist";
  return p;
}

QString predictionsText() {
  std::string text;
  for (const GroupSpec& group : kGroups) {
    for (int sample = 0; sample < kSamples; ++sample)
      text += stts::eval::predictionLine(prediction(group, sample)) + "\n";
  }
  text += stts::eval::predictionLine(failedPrediction()) + "\n";
  return QString::fromStdString(text);
}

bool writeText(const QString& path, const QByteArray& bytes) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile file(path);
  return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

const char* kMetrics = R"({"context": {"bench_name": "toy-bench", "samples": 5,
  "model": "/models/tiny-model/", "device": "cpu", "dtype": "float32", "engine_version": "9.9"},
  "template": "mc-letter-v1", "parser": "letter-parser-v1", "groups": []})";

// The proxy row of the samples table showing (id, method, frames).
QModelIndex sampleRow(EvalWindow& window, const QString& id, const QString& method, int frames) {
  QSortFilterProxyModel* proxy = window.samplesProxy();
  for (int row = 0; row < proxy->rowCount(); ++row) {
    auto cell = [&](int column) { return proxy->index(row, column).data().toString(); };
    if (cell(EvalSamplesModel::Id) == id && cell(EvalSamplesModel::Method) == method &&
        cell(EvalSamplesModel::Frames) == QString::number(frames))
      return proxy->index(row, EvalSamplesModel::Id);
  }
  return {};
}

// Selects `index` through the selection model (as the arrow keys would) and presses Enter.
void activateWithEnter(QTableView* table, const QModelIndex& index) {
  table->setFocus(Qt::OtherFocusReason);
  table->selectionModel()->setCurrentIndex(
      index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  QTest::keyClick(table, Qt::Key_Return);
}

QList<double> sortedColumn(QSortFilterProxyModel* proxy, int column) {
  QList<double> values;
  for (int row = 0; row < proxy->rowCount(); ++row)
    values.append(proxy->index(row, column).data(kEvalSortRole).toDouble());
  return values;
}

void clickHeader(QTableView* table, int column) {
  QHeaderView* header = table->horizontalHeader();
  const QPoint at(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
                  header->height() / 2);
  QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
}

// Whether `image` has a pixel within `tolerance` of `colour`.
bool hasColour(const QImage& image, QColor colour, int tolerance = 2) {
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) {
      if (colourNear(image.pixelColor(x, y), colour, tolerance)) return true;
    }
  }
  return false;
}

}  // namespace

class EvalWindowTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(settingsDir_.isValid());
    QVERIFY(scratch_.isValid());
    useTemporarySettings(settingsDir_);
    folder_ = QDir(scratch_.path()).filePath(QStringLiteral("eval-out"));
    QVERIFY(writeText(QDir(folder_).filePath(QStringLiteral("predictions.jsonl")),
                      predictionsText().toUtf8()));
    QVERIFY(writeText(QDir(folder_).filePath(QStringLiteral("metrics.json")), kMetrics));
    // One saved run: sample s1 of stts at 4 frames (its frames stored, so no video is needed).
    savedRunName_ = QString::fromStdString(stts::eval::savedRunName(prediction(kGroups[2], 0)));
    QVERIFY(QDir(folder_).mkpath(QStringLiteral("runs")));
    compare::RunSpec spec;
    spec.answer = "A";
    savedRun_ =
        compare::saveRun(QDir(folder_).filePath(QStringLiteral("runs")), 0, spec, savedRunName_);
    QVERIFY(QFileInfo(savedRun_).isFile());
  }

  void theActionIsInTheToolsMenu() {
    MainWindow main;
    QAction* action = main.actions()->action(ActionId::OpenEvaluation);
    QVERIFY(action);
    QCOMPARE(action->objectName(), QStringLiteral("tools.evaluation"));
    QCOMPARE(action->text(), QStringLiteral("&Evaluation…"));
    bool inTools = false;
    for (QAction* menu : main.menuBar()->actions()) {
      if (menu->menu() && menu->menu()->actions().contains(action) &&
          menu->menu()->actions().contains(main.actions()->action(ActionId::CompareRuns)))
        inTools = true;
    }
    QVERIFY(inTools);
  }

  void opensFromTheFolder() {
    MainWindow main;
    QPointer<EvalWindow> window = main.evalController()->openFolder(folder_);
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QCOMPARE(main.evalController()->lastWindow(), window.data());
    QVERIFY(!main.evalController()->errorBox());
    const QString header = window->headerLabel()->text();
    for (const QString& part :
         {kBench, QStringLiteral("5 samples"), QStringLiteral("model tiny-model"),
          QStringLiteral("cpu float32"), QStringLiteral("letter-parser-v1")})
      QVERIFY2(header.contains(part), qPrintable(header));
    QVERIFY(window->windowTitle().contains(kBench));
    // Within the screen it opened on.
    const QRect available = window->screen()->availableGeometry();
    QVERIFY2(available.contains(window->frameGeometry()) || available.contains(window->geometry()),
             qPrintable(QStringLiteral("%1,%2 %3x%4")
                            .arg(window->x())
                            .arg(window->y())
                            .arg(window->width())
                            .arg(window->height())));
    for (const QRect& screen : {QRect(0, 0, 1280, 800), QRect(1920, 24, 1366, 744)})
      QVERIFY(screen.contains(EvalWindow::initialGeometry(screen)));
    window->close();
    QTRY_VERIFY(!window);
  }

  void summaryHasTheGroupsAndSortsNumerically() {
    EvalWindow window(loadEvalFolder(folder_));
    QVERIFY(showActive(window));
    QSortFilterProxyModel* proxy = window.summaryProxy();
    QCOMPARE(proxy->rowCount(), 4);
    auto cell = [&](int row, int column) { return proxy->index(row, column).data().toString(); };
    // At first in the report's order: none first, then frames.
    for (int row = 0; row < 4; ++row) {
      QCOMPARE(cell(row, EvalSummaryModel::Method), QString::fromStdString(kGroups[row].method));
      QCOMPARE(cell(row, EvalSummaryModel::Frames), QString::number(kGroups[row].frames));
      QCOMPARE(cell(row, EvalSummaryModel::Samples), QString::number(kSamples));
      QCOMPARE(cell(row, EvalSummaryModel::Accuracy),
               formatNumber(100.0 * kGroups[row].correct / kSamples, 1));
    }
    QCOMPARE(cell(2, EvalSummaryModel::Failed), QStringLiteral("1"));
    QCOMPARE(cell(2, EvalSummaryModel::PrefillSpeedup), QStringLiteral("2.00×"));

    // "100.0" sorts after "75.0": as numbers, not as text.
    QTableView* table = window.summaryTable();
    clickHeader(table, EvalSummaryModel::Accuracy);
    QTRY_COMPARE(table->horizontalHeader()->sortIndicatorSection(),
                 int(EvalSummaryModel::Accuracy));
    const QList<double> shown = sortedColumn(proxy, EvalSummaryModel::Accuracy);
    QList<double> ascending = shown;
    if (table->horizontalHeader()->sortIndicatorOrder() == Qt::DescendingOrder)
      std::reverse(ascending.begin(), ascending.end());
    QCOMPARE(ascending, (QList<double>{0.5, 0.75, 1.0, 1.0}));
    // A second click turns the order round.
    const Qt::SortOrder first = table->horizontalHeader()->sortIndicatorOrder();
    clickHeader(table, EvalSummaryModel::Accuracy);
    QTRY_VERIFY(table->horizontalHeader()->sortIndicatorOrder() != first);
    QList<double> reversed = shown;
    std::reverse(reversed.begin(), reversed.end());
    QCOMPARE(sortedColumn(proxy, EvalSummaryModel::Accuracy), reversed);
  }

  // Enter on a Summary row lists only that group's answers; the button under the filter shows
  // them all again. The typed filter still applies inside the group.
  void summaryRowListsItsAnswers() {
    EvalWindow window(loadEvalFolder(folder_));
    QVERIFY(showActive(window));
    QSortFilterProxyModel* samples = window.samplesProxy();
    const int all = samples->rowCount();
    QCOMPARE(all, int(window.folder().predictions.size()));
    int inGroup = 0;  // the group's answers, the failed one included
    for (const stts::eval::Prediction& p : window.folder().predictions)
      inGroup += p.method == kGroups[2].method && p.frames == kGroups[2].frames ? 1 : 0;
    QVERIFY(inGroup > kSamples);
    QVERIFY(!window.groupButton()->isVisible());
    activateWithEnter(window.summaryTable(), window.summaryProxy()->index(2, 0));
    QCOMPARE(window.tabs()->currentIndex(), 1);
    QCOMPARE(samples->rowCount(), inGroup);
    for (int row = 0; row < samples->rowCount(); ++row) {
      QCOMPARE(samples->index(row, EvalSamplesModel::Method).data().toString(),
               QString::fromStdString(kGroups[2].method));
      QCOMPARE(samples->index(row, EvalSamplesModel::Frames).data().toInt(), kGroups[2].frames);
    }
    QVERIFY(window.groupButton()->isVisible());
    QVERIFY2(window.groupButton()->text().contains(QString::fromStdString(kGroups[2].method)),
             qPrintable(window.groupButton()->text()));
    QTest::keyClicks(window.samplesFilter(), QStringLiteral("no-such-answer"));
    QCOMPARE(samples->rowCount(), 0);
    window.samplesFilter()->clear();
    QCOMPARE(samples->rowCount(), inGroup);
    QTest::mouseClick(window.groupButton(), Qt::LeftButton);
    QCOMPARE(samples->rowCount(), all);
    QVERIFY(!window.groupButton()->isVisible());
  }

  // Opening a folder that is already open brings its window forward instead of a second one.
  void aFolderOpensOnce() {
    MainWindow main;
    QPointer<EvalWindow> first = main.evalController()->openFolder(folder_);
    QVERIFY(first);
    QPointer<EvalWindow> again = main.evalController()->openFolder(folder_ + QStringLiteral("/"));
    QCOMPARE(again.data(), first.data());
    first->close();
    QTRY_VERIFY(!first);
    QPointer<EvalWindow> fresh = main.evalController()->openFolder(folder_);
    QVERIFY(fresh);
    fresh->close();
    QTRY_VERIFY(!fresh);
  }

  void chartsHaveOneSeriesPerMethodAndFrames() {
    EvalWindow window(loadEvalFolder(folder_));
    QVERIFY(showActive(window));
    const QStringList names{QStringLiteral("none · 4 frames"), QStringLiteral("none · 8 frames"),
                            QStringLiteral("stts · 4 frames"), QStringLiteral("stts · 8 frames")};
    for (EvalChartKind kind : {EvalChartKind::Accuracy, EvalChartKind::Prefill}) {
      const QList<QLineSeries*>& series = window.chartView(kind)->dataSeries();
      QCOMPARE(series.size(), 4);
      for (int s = 0; s < 4; ++s) {
        QCOMPARE(series[s]->name(), names[s]);
        QVERIFY(series[s]->pointsVisible());
        QCOMPARE(series[s]->count(), 1);
        const GroupSpec& group = kGroups[s];
        const double value =
            kind == EvalChartKind::Accuracy ? 100.0 * group.correct / kSamples : group.prefillMs;
        QCOMPARE(series[s]->at(0), QPointF(double(tokensOf(group)), value));
      }
    }
    // The point's text has its interval: stts at 4 frames, 2 of 4.
    const stts::eval::Proportion interval = stts::eval::wilsonInterval(2, 4);
    const QString text = window.chartView(EvalChartKind::Accuracy)->pointText(2, 0);
    for (const QString& part : {QStringLiteral("stts · 4 frames"), QStringLiteral("50.0 %"),
                                formatNumber(100.0 * interval.low, 1),
                                formatNumber(100.0 * interval.high, 1), QStringLiteral("2 of 4")})
      QVERIFY2(text.contains(part), qPrintable(text));

    // Resting the pointer on that point shows the same text under the charts.
    EvalChartView* view = window.chartView(EvalChartKind::Accuracy);
    QLineSeries* line = view->dataSeries()[2];
    const QPoint at = view->mapFromScene(
        view->chart()->mapToScene(view->chart()->mapToPosition(line->at(0), line)));
    QTest::mouseMove(view->viewport(), at - QPoint(20, 20));
    QTest::mouseMove(view->viewport(), at);
    QTRY_COMPARE(window.hoverLabel()->text(), text);
    QTest::mouseMove(view->viewport(), at + QPoint(40, 40));
    QTRY_VERIFY(window.hoverLabel()->text() != text);
  }

  void chartPixelsShowTheSeriesColours() {
    EvalWindow window(loadEvalFolder(folder_));
    window.resize(1280, 800);
    QVERIFY(showActive(window));
    EvalChartView* view = window.chartView(EvalChartKind::Accuracy);
    const QImage picture = view->grab().toImage();
    QVERIFY(!picture.isNull());
    for (QLineSeries* series : view->dataSeries()) {
      const QColor colour = series->pen().color();
      QVERIFY2(hasColour(picture, colour), qPrintable(describe(colour)));
    }
    // A colour no series has is not there (the search is not trivially true).
    QVERIFY(!hasColour(picture, QColor(0, 255, 0), 0));
  }

  void enterOnASampleOpensItsRunInTheMainWindow() {
    MainWindow main;
    QVERIFY(showActive(main));
    QPointer<EvalWindow> window = main.evalController()->openFolder(folder_);
    QVERIFY(window);
    QVERIFY(showActive(*window));
    window->tabs()->setCurrentIndex(1);
    QTableView* table = window->samplesTable();
    QCOMPARE(table->model()->rowCount(), 4 * kSamples + 1);

    // Without a run file: a sentence naming the file, and nothing opens.
    const QModelIndex missing = sampleRow(*window, QStringLiteral("s2"), QStringLiteral("stts"), 4);
    QVERIFY(missing.isValid());
    activateWithEnter(table, missing);
    QVERIFY2(window->statusLabel()->text().contains(QStringLiteral("s2_f4_stts-50.sttsrun")),
             qPrintable(window->statusLabel()->text()));
    QVERIFY(window->statusLabel()->text().contains(QStringLiteral("missing")));
    // The answer that failed has none either, and says why.
    const QModelIndex failed = sampleRow(*window, QStringLiteral("s5"), QStringLiteral("stts"), 4);
    QCOMPARE(table->model()->index(failed.row(), EvalSamplesModel::Correct).data().toString(),
             QStringLiteral("—"));
    activateWithEnter(table, failed);
    QVERIFY2(window->statusLabel()->text().contains(QStringLiteral("does not exist")),
             qPrintable(window->statusLabel()->text()));
    QVERIFY(!main.run());

    // The saved one opens in the main window.
    const QModelIndex saved = sampleRow(*window, QStringLiteral("s1"), QStringLiteral("stts"), 4);
    QVERIFY(saved.isValid());
    QCOMPARE(table->model()->index(saved.row(), EvalSamplesModel::Correct).data().toString(),
             QStringLiteral("✓ yes"));
    QSignalSpy requested(window.data(), &EvalWindow::runRequested);
    activateWithEnter(table, saved);
    QCOMPARE(requested.count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(main.run() != nullptr, 60000);
    QCOMPARE(QFileInfo(main.run()->path).fileName(), savedRunName_);
    window->close();
  }

  void withoutSaveRunsASampleSaysSo() {
    QTemporaryDir plain;
    QVERIFY(writeText(QDir(plain.path()).filePath(QStringLiteral("predictions.jsonl")),
                      predictionsText().toUtf8()));
    EvalWindow window(loadEvalFolder(plain.path()));
    QVERIFY(showActive(window));
    window.tabs()->setCurrentIndex(1);
    // No metrics.json: the folder's name stands for the bench, the samples are counted.
    QVERIFY(window.headerLabel()->text().startsWith(QFileInfo(plain.path()).fileName()));
    QVERIFY(window.headerLabel()->text().contains(QStringLiteral("5 samples")));
    activateWithEnter(window.samplesTable(),
                      sampleRow(window, QStringLiteral("s1"), QStringLiteral("stts"), 4));
    const QString status = window.statusLabel()->text();
    QVERIFY2(status.contains(QStringLiteral("--save-runs")) &&
                 status.contains(QStringLiteral("s1_f4_stts-50.sttsrun")),
             qPrintable(status));
  }

  void closeKeysCloseIt() {
    for (const auto& [key, modifiers] :
         {std::pair{Qt::Key_W, Qt::KeyboardModifiers{Qt::ControlModifier}},
          std::pair{Qt::Key_Escape, Qt::KeyboardModifiers{}}}) {
      auto* window = new EvalWindow(loadEvalFolder(folder_));
      window->setAttribute(Qt::WA_DeleteOnClose);
      QPointer<EvalWindow> alive = window;
      QVERIFY(showActive(*window));
      pressKey(*window, key, modifiers);
      QTRY_VERIFY(!alive);
    }
  }

  void aFolderWithoutPredictionsIsRefused() {
    QTemporaryDir empty;
    MainWindow main;
    QVERIFY(!main.evalController()->openFolder(empty.path()));
    QVERIFY(!main.evalController()->lastWindow());
    QPointer<QMessageBox> box = main.evalController()->errorBox();
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("no predictions.jsonl")), qPrintable(box->text()));
    box->close();
    QVERIFY(!main.evalController()->openFolder(QDir(empty.path()).filePath("gone")));
    QVERIFY(main.evalController()->errorBox()->text().contains(QStringLiteral("does not exist")));
  }

  void aBrokenLineIsNamed() {
    QTemporaryDir broken;
    const QString lines =
        QString::fromStdString(stts::eval::predictionLine(prediction(kGroups[0], 0))) +
        QStringLiteral("\n{\"id\": \"s2\", this is not JSON\n");
    QVERIFY(writeText(QDir(broken.path()).filePath(QStringLiteral("predictions.jsonl")),
                      lines.toUtf8()));
    const EvalFolder folder = loadEvalFolder(broken.path());
    QVERIFY(!folder.ok());
    QVERIFY2(folder.error.contains(QStringLiteral("predictions.jsonl line 2")),
             qPrintable(folder.error));
    MainWindow main;
    QVERIFY(!main.evalController()->openFolder(broken.path()));
    QVERIFY(main.evalController()->errorBox()->text().contains(QStringLiteral("line 2")));
  }

  void shardsAndCutLinesAreReadAndSaid() {
    QTemporaryDir sharded;
    const QStringList lines = predictionsText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QString half = lines.mid(0, 8).join(QLatin1Char('\n')) + QLatin1Char('\n');
    // The second shard's last line was cut by a kill: left out, and said.
    const QString rest = lines.mid(8).join(QLatin1Char('\n')) + QStringLiteral("\n{\"id\": \"s");
    QVERIFY(
        writeText(QDir(sharded.path()).filePath(QStringLiteral("predictions-shard-2-of-2.jsonl")),
                  rest.toUtf8()));
    QVERIFY(
        writeText(QDir(sharded.path()).filePath(QStringLiteral("predictions-shard-1-of-2.jsonl")),
                  half.toUtf8()));
    const EvalFolder folder = loadEvalFolder(sharded.path());
    QVERIFY2(folder.ok(), qPrintable(folder.error));
    QCOMPARE(int(folder.predictions.size()), 4 * kSamples + 1);
    QCOMPARE(folder.predictions.front().id, std::string("s1"));  // shard 1 first
    QCOMPARE(int(folder.groups.size()), 4);
    const QString notes = folder.notes.join(QLatin1Char(' '));
    QVERIFY2(notes.contains(QStringLiteral("its 2 shard files")), qPrintable(notes));
    QVERIFY2(notes.contains(QStringLiteral("cut short by a stopped eval were left out: 1")),
             qPrintable(notes));
  }

  void chartsExportAsPngAndSvg() {
    EvalWindow window(loadEvalFolder(folder_));
    QVERIFY(showActive(window));
    QCOMPARE(window.suggestedChartName(EvalChartKind::Accuracy),
             QStringLiteral("toy-bench_accuracy_vs_tokens"));
    QCOMPARE(window.suggestedChartName(EvalChartKind::Prefill),
             QStringLiteral("toy-bench_prefill_vs_tokens"));
    QTemporaryDir out;
    const QString png = QDir(out.path()).filePath(QStringLiteral("accuracy.png"));
    StageChartPicture picture;
    picture.size = QSize(600, 400);
    picture.scale = 2.0;
    QCOMPARE(window.exportChart(EvalChartKind::Accuracy, png, picture), QString());
    const QImage image(png);
    QCOMPARE(image.size(), QSize(1200, 800));
    // Drawn, not blank: every series' colour is in the picture, on white.
    QCOMPARE(image.pixelColor(2, 2), QColor(Qt::white));
    for (QLineSeries* series : window.chartView(EvalChartKind::Accuracy)->dataSeries())
      QVERIFY2(hasColour(image, series->pen().color()),
               qPrintable(describe(series->pen().color())));
    QVERIFY(window.statusLabel()->text().contains(QStringLiteral("accuracy.png")));

    const QString svg = QDir(out.path()).filePath(QStringLiteral("prefill.svg"));
    picture.scale = 1.0;
    QCOMPARE(window.exportChart(EvalChartKind::Prefill, svg, picture), QString());
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("<?xml") || bytes.contains("<svg"));
    QVERIFY(bytes.contains("toy-bench"));  // the title, as text
    // A real drawing: rendered again, it shows every series' colour.
    QSvgRenderer renderer(bytes);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBox(), QRect(0, 0, 600, 400));
    QImage drawn(600, 400, QImage::Format_RGB32);
    drawn.fill(Qt::white);
    {
      QPainter painter(&drawn);
      renderer.render(&painter);
    }
    for (QLineSeries* series : window.chartView(EvalChartKind::Prefill)->dataSeries())
      QVERIFY2(hasColour(drawn, series->pen().color()),
               qPrintable(describe(series->pen().color())));

    // Too large a picture is refused with a sentence, and nothing is written.
    picture.size = QSize(9000, 9000);
    picture.scale = 3.0;
    const QString huge = QDir(out.path()).filePath(QStringLiteral("huge.png"));
    QVERIFY(!window.exportChart(EvalChartKind::Accuracy, huge, picture).isEmpty());
    QVERIFY(!QFileInfo::exists(huge));
  }

 private:
  QTemporaryDir settingsDir_;
  QTemporaryDir scratch_;
  QString folder_;
  QString savedRunName_;
  QString savedRun_;
};

QTEST_MAIN(EvalWindowTest)
#include "test_eval_window.moc"
