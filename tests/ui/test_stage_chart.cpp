// The stage charts' renderer (issue #13, "Charts fit for a figure"), QtGui only and without a
// display: nice tick values and units, every stage named in full at a small dock size and a wide
// one, no text clipped or overlapping at the minimum size, value labels inside the plot, the
// real pixels of a rendered chart, and PNG (2x, 300 dpi) and SVG files written atomically.
#include <sys/stat.h>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QImageReader>
#include <QLocale>
#include <QPainter>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "charts/stage_chart.h"
#include "charts/stage_chart_file.h"
#include "charts/stage_colours.h"

using namespace stts::ui;

namespace {

struct Stage {
  const char* name;
  double milliseconds;
  int64_t tokens;
};

// A long run as issue #13 reported it: decode_tokens the largest, vit_pre 23 % of 71 s.
const Stage kLongRun[] = {
    {"decode", 1204.3, 7},          {"preprocess", 311.8, 7},  {"vit_pre", 16595.7, 5103},
    {"select", 42.6, 567},          {"vit_bias", 1390.2, 567}, {"pack", 3.9, 300},
    {"vit_post", 9811.5, 300},      {"connector", 702.4, 300}, {"prefill", 11840.6, 342},
    {"decode_tokens", 29120.0, 96},
};

StageChartData longRun() {
  StageChartData data;
  data.runs.append(QString());
  data.milliseconds.emplace_back();
  data.tokens.emplace_back();
  for (const Stage& stage : kLongRun) {
    data.stages.append(QString::fromLatin1(stage.name));
    data.milliseconds.front().push_back(stage.milliseconds);
    data.tokens.front().push_back(stage.tokens);
  }
  return data;
}

// Four runs of the comparison window; the longest is 149454.3 ms, as in the screenshot.
StageChartData fourRuns() {
  StageChartData data;
  data.stages = {"decode", "vit_pre", "prefill", "decode_tokens"};
  data.runs = {"A · stts 50 %", "B · none 100 %", "C · random 50 %", "D · fastv 50 %"};
  data.milliseconds = {{1200.0, 16000.0, 30000.0, 102254.3},
                       {1200.0, 30000.0, 60000.0, 50000.0},
                       {900.0, 10000.0, 20000.0, 40000.0},
                       {1000.0, 20000.0, 15000.0, 38000.0}};
  return data;
}

// The Timing dock draws its charts at 90 % of the UI font: 11 pixels for a 9 point font at 96 dpi.
constexpr int kDockFontPixels = 11;

StageChartOptions options(int pixels = kDockFontPixels,
                          const QString& title = QStringLiteral("Time per stage")) {
  QFont font = stageChartPictureFont(QGuiApplication::font());
  font.setPixelSize(pixels);
  return StageChartOptions{font, title};
}

bool isNiceStep(double step) {
  const double magnitude = std::pow(10.0, std::floor(std::log10(step) + 1e-9));
  const double factor = step / magnitude;
  for (double nice : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (std::fabs(factor - nice) < 1e-6) return true;
  }
  return false;
}

QString describe(const QRectF& rect) {
  return QStringLiteral("(%1, %2) %3 x %4")
      .arg(rect.x())
      .arg(rect.y())
      .arg(rect.width())
      .arg(rect.height());
}

// Every text inside the chart, none overlapping another: what "nothing clipped" means.
QString textProblems(const StageChartLayout& layout) {
  const QRectF bounds(QPointF(0, 0), layout.size);
  for (size_t i = 0; i < layout.texts.size(); ++i) {
    const ChartText& text = layout.texts[i];
    if (!bounds.contains(text.rect))
      return QStringLiteral("“%1” at %2 leaves the chart").arg(text.text, describe(text.rect));
    for (size_t j = i + 1; j < layout.texts.size(); ++j) {
      const QRectF overlap = text.rect.intersected(layout.texts[j].rect);
      if (overlap.width() > 0.01 && overlap.height() > 0.01) {
        return QStringLiteral("“%1” overlaps “%2”").arg(text.text, layout.texts[j].text);
      }
    }
  }
  return {};
}

QImage paint(const StageChartLayout& layout) {
  QImage image(layout.size.toSize(), QImage::Format_RGB32);
  QPainter painter(&image);
  paintStageChart(painter, layout, StageChartColours::print());
  return image;
}

int pixelsOf(const QImage& image, const QRect& area, QColor colour) {
  int count = 0;
  for (int y = area.top(); y <= area.bottom(); ++y) {
    for (int x = area.left(); x <= area.right(); ++x) {
      if (image.pixelColor(x, y) == colour) ++count;
    }
  }
  return count;
}

int darkPixels(const QImage& image, const QRect& area) {
  int count = 0;
  for (int y = area.top(); y <= area.bottom(); ++y) {
    for (int x = area.left(); x <= area.right(); ++x) {
      if (qGray(image.pixel(x, y)) < 128) ++count;
    }
  }
  return count;
}

QByteArray readAll(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class StageChartTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;

 private slots:
  void niceTicksCoverTheEdgeCases() {
    // Nothing (or nonsense) to show: an axis from 0 to 1.
    for (double nothing : {0.0, -5.0, std::nan(""), HUGE_VAL}) {
      const AxisTicks ticks = niceTicks(nothing, 5);
      QCOMPARE(ticks.values, (std::vector<double>{0.0, 1.0}));
    }
    // Exact powers of ten end on themselves.
    QCOMPARE(niceTicks(100.0, 5).values, (std::vector<double>{0, 20, 40, 60, 80, 100}));
    QCOMPARE(niceTicks(1.0, 5).values, (std::vector<double>{0, 0.2, 0.4, 0.6, 0.8, 1.0}));
    QCOMPARE(niceTicks(1000.0, 4).step, 250.0);
    QCOMPARE(niceTicks(1e7, 5).top(), 1e7);
    QCOMPARE(niceTicks(1e7, 5).label(1e7), QStringLiteral("10000000"));
    // The comparison chart: 149454.3 ms is 0 to 150 s in steps of 50.
    QCOMPARE(niceTicks(149.4543, 4).values, (std::vector<double>{0, 50, 100, 150}));
    // Tiny values keep their digits.
    const AxisTicks tiny = niceTicks(1e-9, 5);
    QCOMPARE(tiny.step, 2e-10);
    QCOMPARE(tiny.decimals, 10);
    QCOMPARE(tiny.label(tiny.top()), QStringLiteral("0.0000000010"));
    QCOMPARE(niceTicks(0.003, 3).label(0.001), QStringLiteral("0.001"));
    // Counts never get fractional ticks, not even 2.5.
    QCOMPARE(niceTicks(3.0, 10, 1.0).values, (std::vector<double>{0, 1, 2, 3}));
    QCOMPARE(niceTicks(22.0, 10, 1.0).step, 5.0);
    QCOMPARE(niceTicks(0.0, 5, 1.0).values, (std::vector<double>{0.0, 1.0}));

    // Every maximum over 16 decades and every tick count: from 0 in nice, exact steps, the first
    // nice value at or past the maximum, never more intervals than asked for, labels distinct.
    for (double maximum = 1.7e-7; maximum < 5e9; maximum *= 1.37) {
      for (int intervals = 1; intervals <= 10; ++intervals) {
        const AxisTicks ticks = niceTicks(maximum, intervals);
        const QString where = QStringLiteral("max %1, %2 intervals").arg(maximum).arg(intervals);
        QVERIFY2(isNiceStep(ticks.step), qPrintable(where));
        QVERIFY2(ticks.values.front() == 0.0, qPrintable(where));
        QVERIFY2(int(ticks.values.size()) - 1 <= intervals, qPrintable(where));
        QVERIFY2(ticks.top() >= maximum * (1 - 1e-9), qPrintable(where));
        QVERIFY2(ticks.top() - ticks.step < maximum, qPrintable(where));
        QStringList labels;
        for (size_t i = 0; i < ticks.values.size(); ++i) {
          QVERIFY2(std::fabs(ticks.values[i] - double(i) * ticks.step) <= 1e-9 * ticks.top(),
                   qPrintable(where));
          labels.append(ticks.label(ticks.values[i]));
          QVERIFY2(std::fabs(labels.back().toDouble() - ticks.values[i]) <= 1e-9 * ticks.top(),
                   qPrintable(where + QStringLiteral(": ") + labels.back()));
        }
        labels.removeDuplicates();
        QCOMPARE(labels.size(), int(ticks.values.size()));
      }
    }
  }

  void timeAxisSwitchesToSecondsAtTenSeconds() {
    QVERIFY(!timeUnitFor(9999.9).seconds);
    QVERIFY(timeUnitFor(10000.0).seconds);
    QCOMPARE(timeUnitFor(250.0).format(40.24), QStringLiteral("40.2 ms"));
    QCOMPARE(timeUnitFor(71023.0).format(16595.7), QStringLiteral("16.60 s"));

    // The comparison chart's 149454.3 ms: seconds, nice ticks up to 150 or just past it.
    for (QSizeF size : {QSizeF(445, 215), QSizeF(900, 300), QSizeF(1600, 400)}) {
      const StageChartLayout layout =
          layoutStageChart(StageChartKind::Time, fourRuns(), size, options());
      QVERIFY(layout.unit.seconds);
      QVERIFY(isNiceStep(layout.ticks.step));
      QVERIFY(layout.ticks.top() >= 149.4543 && layout.ticks.top() - layout.ticks.step < 149.4543);
      QVERIFY2(layout.ticks.values.size() >= 3, qPrintable(describe(QRectF({}, size))));
      QStringList axisTitles;
      QStringList tickLabels;
      for (const ChartText& text : layout.texts) {
        if (text.role == ChartText::Role::AxisTitle) axisTitles.append(text.text);
        if (text.role == ChartText::Role::Tick) tickLabels.append(text.text);
      }
      QCOMPARE(axisTitles, QStringList{QStringLiteral("Time (s)")});
      QVERIFY2(tickLabels.contains(QStringLiteral("100")), qPrintable(tickLabels.join(' ')));
      QVERIFY(!tickLabels.join(' ').contains(QLatin1Char('.')));  // whole seconds here
    }
    // A short run stays in milliseconds.
    StageChartData shortRun = longRun();
    for (double& ms : shortRun.milliseconds.front()) ms /= 1000.0;
    const StageChartLayout layout =
        layoutStageChart(StageChartKind::Time, shortRun, {445, 215}, options());
    QVERIFY(!layout.unit.seconds);
  }

  void everyStageIsInTheLegendInFullAtDockAndWideSizes() {
    const StageChartData data = longRun();
    const TimeUnit unit = timeUnitFor(data.longestRunMilliseconds());
    for (QSizeF size : {QSizeF(445, 215), QSizeF(1600, 420)}) {
      const StageChartLayout layout = layoutStageChart(StageChartKind::Time, data, size, options());
      QVERIFY2(layout.fits, qPrintable(QStringLiteral("needs %1 x %2")
                                           .arg(layout.minimumSize.width())
                                           .arg(layout.requiredHeight)));
      QCOMPARE(int(layout.legend.size()), int(std::size(kLongRun)));
      for (int s = 0; s < int(std::size(kLongRun)); ++s) {
        const LegendEntry& entry = layout.legend[size_t(s)];
        QCOMPARE(entry.stage, s);
        // "name  value unit (share %)", never elided.
        QCOMPARE(entry.label.text, timeLegendText(data, s, unit));
        QVERIFY(entry.label.text.startsWith(QString::fromLatin1(kLongRun[s].name) + "  "));
        QVERIFY(!entry.label.text.contains(QChar(0x2026)));
        QVERIFY(QRectF(QPointF(0, 0), size).contains(entry.rect()));
        QCOMPARE(entry.colour, stageColour(data.stages[s], s));
      }
      QVERIFY(layout.legend.back().label.text.contains(QStringLiteral("29.12 s (41.0 %)")));
      const QString problems = textProblems(layout);
      QVERIFY2(problems.isEmpty(), qPrintable(problems));
      // The wide chart wraps the legend into fewer rows than the dock-sized one.
      if (size.width() > 1000)
        QVERIFY(layout.legend[4].label.rect.top() == layout.legend[0].label.rect.top());
    }
  }

  // Numbers follow the user's language (German: decimal comma), without group separators.
  void numbersFollowTheLocale() {
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const StageChartData data = longRun();
    const TimeUnit unit = timeUnitFor(data.longestRunMilliseconds());
    const QString legend = timeLegendText(data, int(std::size(kLongRun)) - 1, unit);
    const AxisTicks axis = niceTicks(2.5, 5);
    const QString tick = axis.label(axis.step);
    const QString milliseconds = TimeUnit{}.format(28023.6);
    QLocale::setDefault(before);
    QVERIFY2(legend.contains(QStringLiteral("29,12 s (41,0 %)")), qPrintable(legend));
    QCOMPARE(milliseconds, QStringLiteral("28023,6 ms"));
    QVERIFY2(axis.decimals > 0 && tick.contains(QLatin1Char(',')), qPrintable(tick));
  }

  void tokenChartNamesEveryStageWithItsValueInsideThePlot() {
    const StageChartData data = longRun();
    const StageChartOptions tokenOptions =
        options(kDockFontPixels, QStringLiteral("Tokens per stage"));
    const QSizeF minimum = stageChartMinimumSize(StageChartKind::Tokens, data, tokenOptions);
    for (QSizeF size : {minimum, QSizeF(445, 260), QSizeF(1200, 500)}) {
      const StageChartLayout layout =
          layoutStageChart(StageChartKind::Tokens, data, size, tokenOptions);
      QVERIFY(layout.fits);
      QStringList names;
      QStringList values;
      for (const ChartText& text : layout.texts) {
        if (text.role == ChartText::Role::RowLabel) names.append(text.text);
        if (text.role != ChartText::Role::Value) continue;
        values.append(text.text);
        QVERIFY2(text.rect.left() >= layout.plot.left() && text.rect.right() <= layout.plot.right(),
                 qPrintable(text.text + QStringLiteral(" at ") + describe(text.rect)));
      }
      QCOMPARE(names, data.stages);
      QCOMPARE(values.size(), data.stages.size());
      for (int s = 0; s < data.stages.size(); ++s)
        QCOMPARE(values[s], QString::number(kLongRun[s].tokens));
      QCOMPARE(int(layout.bars.size()), data.stages.size());
      const QString problems = textProblems(layout);
      QVERIFY2(problems.isEmpty(), qPrintable(problems));
      // Token ticks are whole numbers.
      for (double tick : layout.ticks.values) QCOMPARE(tick, std::round(tick));
    }
  }

  void minimumSizeShowsAllTextForEveryFontAndShape() {
    StageChartData one;
    one.stages = {"select"};
    one.runs = {QString()};
    one.milliseconds = {{1.5}};
    one.tokens = {{81}};
    const std::vector<StageChartData> shapes = {longRun(), fourRuns(), one};
    for (int pixels : {9, 12, 17}) {
      for (const StageChartData& data : shapes) {
        for (StageChartKind kind : {StageChartKind::Time, StageChartKind::Tokens}) {
          const StageChartOptions chartOptions = options(pixels);
          const QSizeF minimum = stageChartMinimumSize(kind, data, chartOptions);
          const StageChartLayout layout = layoutStageChart(kind, data, minimum, chartOptions);
          QVERIFY(layout.fits);
          const QString problems = textProblems(layout);
          QVERIFY2(problems.isEmpty(), qPrintable(problems));
          // One pixel less in either direction is too small.
          QVERIFY(!layoutStageChart(kind, data, minimum - QSizeF(1, 0), chartOptions).fits);
          QVERIFY(!layoutStageChart(kind, data, minimum - QSizeF(0, 1), chartOptions).fits);
        }
      }
    }
  }

  void renderedPixelsShowEveryStage() {
    const StageChartData data = longRun();
    const StageChartLayout layout =
        layoutStageChart(StageChartKind::Time, data, {445, 215}, options());
    const QImage image = paint(layout);
    // The last legend entry lies inside the picture and its text is drawn to its end ("%)").
    const QRect last = layout.legend.back().label.rect.toAlignedRect();
    QVERIFY(image.rect().contains(last));
    const QRect ending(last.right() - last.width() / 8, last.top(), last.width() / 8,
                       last.height());
    QVERIFY2(darkPixels(image, ending) > 5, qPrintable(describe(ending)));
    QVERIFY(pixelsOf(image, layout.legend.back().swatch.toAlignedRect().adjusted(1, 1, -1, -1),
                     stageColour(QStringLiteral("decode_tokens"), 9)) > 0);
    // decode_tokens' segment of the bar is in its colour: 41 % of the bar.
    const QColor decodeTokens = stageColour(QStringLiteral("decode_tokens"), 9);
    const ChartBar* segment = nullptr;
    for (const ChartBar& bar : layout.bars) {
      if (bar.stage == 9) segment = &bar;
    }
    QVERIFY(segment);
    const QRect area = segment->rect.toAlignedRect().adjusted(1, 1, -1, -1);
    QVERIFY2(pixelsOf(image, area, decodeTokens) >= area.width() * area.height() * 9 / 10,
             qPrintable(describe(segment->rect)));
    // Its width is its share of the axis (in seconds), give or take the pixel rounding.
    const double expected = layout.plot.width() * 29.12 / layout.ticks.top();
    QVERIFY2(std::fabs(segment->rect.width() - expected) <= 2.0,
             qPrintable(QStringLiteral("%1 vs %2").arg(segment->rect.width()).arg(expected)));
  }

  void pngAtTwiceTheScaleAndAt300Dpi() {
    const StageChartData data = longRun();
    const QString twice = dir_.filePath(QStringLiteral("times@2x.png"));
    auto written = writeStageChart(twice, StageChartKind::Time, data, options(),
                                   StageChartPicture{QSize(445, 215), 2.0, 0});
    QVERIFY2(written, written ? "" : written.error().message.c_str());
    QCOMPARE(written->size, QSize(445, 215));
    QImage image(twice);
    QCOMPARE(image.size(), QSize(890, 430));
    QCOMPARE(image.dotsPerMeterX(), qRound(192 / 0.0254));  // prints as large as the 1x picture
    // The 2x picture is the 1x chart: decode_tokens' colour covers twice the pixels each way.
    const QImage single =
        paint(layoutStageChart(StageChartKind::Time, data, {445, 215}, options()));
    const QColor colour = stageColour(QStringLiteral("decode_tokens"), 9);
    const int ones = pixelsOf(single, single.rect(), colour);
    const int twos = pixelsOf(image, image.rect(), colour);
    QVERIFY2(std::abs(twos - 4 * ones) < ones / 5,
             qPrintable(QStringLiteral("%1 vs 4 x %2").arg(twos).arg(ones)));

    const QString print = dir_.filePath(QStringLiteral("times-300dpi.png"));
    written = writeStageChart(print, StageChartKind::Time, data, options(),
                              StageChartPicture{QSize(445, 215), 1.0, 300});
    QVERIFY(written);
    image = QImage(print);
    QCOMPARE(image.size(), QSize(qRound(445 * 300 / 96.0), qRound(215 * 300 / 96.0)));
    QCOMPARE(image.dotsPerMeterX(), 11811);  // 300 dots per inch
    QCOMPARE(image.dotsPerMeterY(), 11811);
  }

  void svgKeepsEveryStageAsText() {
    const StageChartData data = longRun();
    const QString path = dir_.filePath(QStringLiteral("times.svg"));
    auto written = writeStageChart(path, StageChartKind::Time, data, options(), {QSize(445, 215)});
    QVERIFY2(written, written ? "" : written.error().message.c_str());
    QVERIFY(written->svg);
    const QByteArray svg = readAll(path);
    for (const Stage& stage : kLongRun) QVERIFY2(svg.contains(stage.name), stage.name);
    QVERIFY(svg.contains("29.12 s (41.0 %)"));
    QVERIFY(svg.contains("Time (s)"));
    QSvgRenderer renderer(path);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBoxF(), QRectF(0, 0, 445, 215));
    // 445 logical pixels at 96 per inch, as browsers and Inkscape measure them.
    QVERIFY(svg.contains("width=\"117.74mm\""));

    const QString tokens = dir_.filePath(QStringLiteral("tokens.svg"));
    QVERIFY(writeStageChart(tokens, StageChartKind::Tokens, data, options(), {}));
    const QByteArray tokenSvg = readAll(tokens);
    for (const Stage& stage : kLongRun) {
      QVERIFY(tokenSvg.contains(stage.name));
      QVERIFY(tokenSvg.contains(">" + QByteArray::number(qint64(stage.tokens)) + "<"));
    }
  }

  void badTargetsAndSizesAreRefused() {
    const StageChartData data = longRun();
    // Too small to show the text: a sentence saying what is needed, and no file.
    const QString small = dir_.filePath(QStringLiteral("small.png"));
    auto written = writeStageChart(small, StageChartKind::Time, data, options(), {QSize(200, 100)});
    QVERIFY(!written);
    QVERIFY2(QString::fromStdString(written.error().message).contains(QStringLiteral("at least")),
             written.error().message.c_str());
    QVERIFY(!QFile::exists(small));
    written = writeStageChart(small, StageChartKind::Time, data, options(), {QSize(800, 40)});
    QVERIFY(!written);
    QVERIFY(QString::fromStdString(written.error().message).contains(QStringLiteral("height")));
    // A FIFO is never replaced by the picture.
    const QString fifo = dir_.filePath(QStringLiteral("fifo.svg"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    written = writeStageChart(fifo, StageChartKind::Time, data, options(), {});
    QVERIFY(!written);
    QVERIFY(QFileInfo::exists(fifo) && !QFileInfo(fifo).isFile());
    // Sizes not given are chosen to fit: the default width, the preferred height.
    auto size = stageChartPictureSize(StageChartKind::Time, data, options(), {});
    QVERIFY(size);
    QCOMPARE(size->width(), kChartDefaultWidth);
    QVERIFY(layoutStageChart(StageChartKind::Time, data, QSizeF(*size), options()).fits);
  }
};

QTEST_MAIN(StageChartTest)
#include "test_stage_chart.moc"
