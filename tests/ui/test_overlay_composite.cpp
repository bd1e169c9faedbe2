// The overlay's CPU side, no window needed: colour maps, the composite arithmetic and its cell
// geometry, and the overlay state (modes, opacity steps, per-run normalisation).
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "gui_test_support.h"
#include "view/colour_maps.h"
#include "view/overlay_composite.h"
#include "view/overlay_state.h"

using namespace stts::ui;

namespace {

int channelDistance(QRgb a, QRgb b) {
  return std::max({std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)),
                   std::abs(qBlue(a) - qBlue(b))});
}

stts::RgbImage flatFrame(int width, int height, uint8_t value) {
  stts::RgbImage frame;
  frame.width = width;
  frame.height = height;
  frame.pixels.assign(size_t(width) * size_t(height) * 3, value);
  return frame;
}

double luma(QRgb c) {
  return 0.2126 * qRed(c) + 0.7152 * qGreen(c) + 0.0722 * qBlue(c);
}

}  // namespace

class OverlayCompositeTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(settingsDir_.isValid());
    test::useTemporarySettings(settingsDir_);
  }

  void colourMapsHaveTheirPublishedEnds() {
    // The published end colours of each map (within a level or two of rounding).
    QVERIFY(channelDistance(colourTable(ColourMap::Viridis).front(), qRgb(68, 1, 84)) <= 2);
    QVERIFY(channelDistance(colourTable(ColourMap::Viridis).back(), qRgb(253, 231, 37)) <= 2);
    QVERIFY(channelDistance(colourTable(ColourMap::Magma).front(), qRgb(0, 0, 4)) <= 2);
    QVERIFY(channelDistance(colourTable(ColourMap::Magma).back(), qRgb(252, 253, 191)) <= 2);
    QVERIFY(channelDistance(colourTable(ColourMap::Turbo).front(), qRgb(48, 18, 59)) <= 2);
    QVERIFY(channelDistance(colourTable(ColourMap::Turbo).back(), qRgb(122, 4, 3)) <= 2);
    for (int i = 0; i < kColourMapSize; ++i) {
      QCOMPARE(colourTable(ColourMap::Grey)[size_t(i)], qRgb(i, i, i));
    }
    // Viridis and magma are perceptually ordered: brightness never drops by more than rounding.
    for (ColourMap map : {ColourMap::Viridis, ColourMap::Magma}) {
      const ColourTable& table = colourTable(map);
      for (int i = 1; i < kColourMapSize; ++i) {
        QVERIFY2(luma(table[size_t(i)]) + 1.0 >= luma(table[size_t(i - 1)]),
                 qPrintable(colourMapKey(map) + QString::number(i)));
      }
    }
    for (int i = 0; i < kColourMapCount; ++i) {
      QCOMPARE(colourMapFromKey(colourMapKey(ColourMap(i))), ColourMap(i));
    }
    QCOMPARE(colourMapFromKey(QStringLiteral("nonsense"), ColourMap::Magma), ColourMap::Magma);
  }

  // The ends of a score range as the legends show them: a floor that is zero at the range's scale
  // reads 0 (not 3.64e-16), and enough digits that two close ends differ.
  void scoreRangeLabelsAreReadable() {
    QCOMPARE(scoreRangeLabel(3.64e-16, 3.64e-16, 0.731), QStringLiteral("0"));
    QCOMPARE(scoreRangeLabel(0.731, 3.64e-16, 0.731), QStringLiteral("0.731"));
    QCOMPARE(scoreRangeLabel(-0.5, -0.5, 0.5), QStringLiteral("-0.5"));
    const QString low = scoreRangeLabel(0.50012, 0.50012, 0.50034);
    const QString high = scoreRangeLabel(0.50034, 0.50012, 0.50034);
    QVERIFY2(low != high, qPrintable(low + QStringLiteral(" / ") + high));
    QCOMPARE(scoreRangeLabel(2.0, 2.0, 2.0), QStringLiteral("2"));  // a flat range
  }

  void scoresNormaliseToColourMapLevels() {
    QCOMPARE(int(colourMapLevel(-1.0f, -1.0f, 3.0f)), 0);
    QCOMPARE(int(colourMapLevel(3.0f, -1.0f, 3.0f)), 255);
    QCOMPARE(int(colourMapLevel(1.0f, -1.0f, 3.0f)), 128);  // 0.5 * 255 = 127.5 rounds up
    QCOMPARE(int(colourMapLevel(9.0f, -1.0f, 3.0f)), 255);  // clamped
    QCOMPARE(int(colourMapLevel(2.0f, 2.0f, 2.0f)), 128);   // a flat run maps to the middle
    QCOMPARE(int(colourMapLevel(std::nanf(""), 0.0f, 1.0f)), 0);
  }

  void compositeArithmetic() {
    const QRgb base = qRgb(200, 100, 40);
    OverlayStyle style;
    style.opacity = 1.0f;
    style.mode = OverlayMode::Off;
    QCOMPARE(compositePixel(base, 17, false, style), base);
    style.mode = OverlayMode::Mask;
    QCOMPARE(compositePixel(base, 17, true, style), base);
    QCOMPARE(compositePixel(base, 17, false, style), qRgb(50, 25, 10));  // x 0.25
    style.opacity = 0.5f;                                                // x 0.625
    QCOMPARE(compositePixel(base, 17, false, style), qRgb(125, 63, 25));
    style.mode = OverlayMode::Score;
    style.opacity = 1.0f;
    QCOMPARE(compositePixel(base, 200, false, style), colourTable(ColourMap::Viridis)[200]);
    style.colourMap = ColourMap::Grey;
    style.opacity = 0.5f;
    QCOMPARE(compositePixel(qRgb(0, 0, 0), 255, true, style), qRgb(128, 128, 128));
  }

  // The 9 x 9 grid spans the whole image whatever its aspect: with 90 x 45 pixels, every cell is
  // 10 x 5 pixels, and the output size (a stored square input shown at 2:1) scales first.
  void compositeCellsSpanTheWholeImage() {
    stts::RgbImage frame;
    frame.width = 27;
    frame.height = 27;
    frame.pixels.assign(27 * 27 * 3, 160);
    OverlayCells cells;
    for (int i = 0; i < stts::kCellsPerFrame; ++i) {
      cells.level[size_t(i)] = uint8_t(i * 3);
      cells.kept[size_t(i)] = (i % 2 == 0) ? 1 : 0;
    }
    OverlayStyle style;
    style.mode = OverlayMode::Score;
    style.colourMap = ColourMap::Grey;
    style.opacity = 1.0f;
    const QImage image = compositeFrame(frame, &cells, style, QSize(90, 45));
    QCOMPARE(image.size(), QSize(90, 45));
    for (int row = 0; row < stts::kCellGrid; ++row) {
      for (int column = 0; column < stts::kCellGrid; ++column) {
        const int level = (row * 9 + column) * 3;
        for (QPoint p : {QPoint(column * 10, row * 5), QPoint(column * 10 + 9, row * 5 + 4)}) {
          QCOMPARE(image.pixel(p), qRgb(level, level, level));
        }
      }
    }
    style.mode = OverlayMode::Mask;
    const QImage mask = compositeFrame(frame, &cells, style);
    QCOMPARE(mask.size(), QSize(27, 27));
    QCOMPARE(mask.pixel(1, 1), qRgb(160, 160, 160));  // cell 0 kept
    QCOMPARE(mask.pixel(4, 1), qRgb(40, 40, 40));     // cell 1 dropped
    QVERIFY(compositeFrame(frame, nullptr, style).pixel(4, 1) == qRgb(160, 160, 160));
  }

  // Hatching: in a dropped cell, pixels on the diagonal lines are darkened and the ones between
  // stay as they were; kept cells are untouched. The lines run in output pixels.
  void hatchingAlternatesInsideDroppedCells() {
    const stts::RgbImage frame = flatFrame(90, 90, 160);
    OverlayCells cells;
    cells.kept.fill(1);
    cells.kept[1] = 0;  // cell (0, 1): x 10..19, y 0..9
    OverlayStyle style;
    style.mode = OverlayMode::Mask;
    style.maskStyle = MaskStyle::Hatch;
    style.opacity = 1.0f;
    const QImage image = compositeFrame(frame, &cells, style);
    int dark = 0;
    int light = 0;
    for (int y = 0; y < 10; ++y) {
      for (int x = 10; x < 20; ++x) {
        const int value = qRed(image.pixel(x, y));
        if (onHatchLine(x, y)) {
          QCOMPARE(value, 16);  // 160 x 0.1
          ++dark;
        } else {
          QCOMPARE(value, 160);
          ++light;
        }
      }
      QCOMPARE(qRed(image.pixel(5, y)), 160);  // cell (0, 0) is kept
    }
    QVERIFY(dark > 20 && light > 40);
    // Along one row, dark and light pixels alternate in runs of the line width and the gap.
    QCOMPARE(qRed(image.pixel(16, 0)), 16);
    QCOMPARE(qRed(image.pixel(19, 0)), 160);
    QCOMPARE(qRed(image.pixel(15, 0)), 160);
  }

  void gridLinesSitOnTheInnerCellBoundaries() {
    const stts::RgbImage frame = flatFrame(90, 45, 40);
    OverlayStyle style;
    style.mode = OverlayMode::Off;
    QCOMPARE(compositeFrame(frame, nullptr, style).pixel(10, 3), qRgb(40, 40, 40));
    style.showGrid = true;
    const QImage image = compositeFrame(frame, nullptr, style);
    const int line = int(std::lround((40 / 255.0 + (240 / 255.0 - 40 / 255.0) * 0.6) * 255));
    for (int x = 0; x < 90; ++x) {
      const bool expected = x % 10 == 0 && x != 0;
      QCOMPARE(onCellGridLine(x, 90), expected);
      QCOMPARE(qRed(image.pixel(x, 7)), expected ? line : 40);  // row 7 is no boundary row
    }
    for (int y = 0; y < 45; ++y) QCOMPARE(onCellGridLine(y, 45), y % 5 == 0 && y != 0);
    QCOMPARE(qRed(image.pixel(3, 5)), line);  // a horizontal line
    // Boundaries between pixels of odd sizes still give exactly one pixel per line.
    int lines = 0;
    for (int x = 0; x < 100; ++x) lines += onCellGridLine(x, 100) ? 1 : 0;
    QCOMPARE(lines, 8);
  }

  void brightnessAndContrastComeBeforeTheOverlay() {
    OverlayStyle style;
    style.mode = OverlayMode::Off;
    style.brightness = 0.2f;
    QCOMPARE(adjustPixel(qRgb(100, 0, 250), style), qRgb(151, 51, 255));
    style.brightness = 0.0f;
    style.contrast = 2.0f;  // (100 / 255 - 0.5) * 2 + 0.5 = 0.2843 -> 72.5
    QCOMPARE(adjustPixel(qRgb(100, 128, 255), style), qRgb(73, 129, 255));
    // Mask mode dims the adjusted picture.
    style.contrast = 1.0f;
    style.brightness = 0.2f;
    style.mode = OverlayMode::Mask;
    style.opacity = 1.0f;
    QCOMPARE(compositePixel(qRgb(100, 100, 100), 0, false, style), qRgb(38, 38, 38));
    const stts::RgbImage frame = flatFrame(18, 18, 100);
    style.mode = OverlayMode::Off;
    QCOMPARE(compositeFrame(frame, nullptr, style).pixel(4, 4), qRgb(151, 151, 151));
  }

  void diffColoursTheThreeClasses() {
    const std::vector<uint8_t> a = {1, 1, 0, 0};
    const std::vector<uint8_t> b = {1, 0, 1, 0};
    OverlayCells cells;
    setDiffClasses(cells, a, b);
    QCOMPARE(int(cells.diff[0]), int(kDiffBoth));
    QCOMPARE(int(cells.diff[1]), int(kDiffOnlyA));
    QCOMPARE(int(cells.diff[2]), int(kDiffOnlyB));
    QCOMPARE(int(cells.diff[3]), 0);
    QCOMPARE(int(cells.diff[40]), 0);  // beyond the given flags: dropped by both
    OverlayStyle style;
    style.mode = OverlayMode::Diff;
    style.opacity = 1.0f;
    const QRgb base = qRgb(90, 90, 90);
    QCOMPARE(compositePixel(base, 0, true, kDiffBoth, false, style), kDiffBothColour);
    QCOMPARE(compositePixel(base, 0, true, kDiffOnlyA, false, style), kDiffOnlyAColour);
    QCOMPARE(compositePixel(base, 0, true, kDiffOnlyB, false, style), kDiffOnlyBColour);
    QCOMPARE(compositePixel(base, 0, true, 0, false, style), qRgb(23, 23, 23));  // dimmed
    QVERIFY(kDiffBothColour != kDiffOnlyAColour && kDiffOnlyAColour != kDiffOnlyBColour &&
            kDiffBothColour != kDiffOnlyBColour);
  }

  void perFrameNormalisationUsesTheFramesOwnRange() {
    OverlayState state;
    state.setNormalisation(ScoreNormalisation::PerRun);
    auto run = std::make_shared<stts::RunResult>();
    run->frames = 2;
    run->keep.assign(2 * 81, 1);
    run->keptPerFrame = {81, 81};
    run->scores.resize(2 * 81);
    for (int i = 0; i < 81; ++i) {
      run->scores[size_t(i)] = float(i) / 80.0f;
      run->scores[size_t(81 + i)] = 0.25f + 0.25f * float(i) / 80.0f;  // frame 1: 0.25 .. 0.5
    }
    state.setRun(run);
    const auto perRun = *state.cellsForFrame(1);
    QCOMPARE(perRun.scoreLow, 0.0f);
    QCOMPARE(perRun.scoreHigh, 1.0f);
    QCOMPARE(int(perRun.level[80]), int(colourMapLevel(0.5f, 0.0f, 1.0f)));
    QCOMPARE(perRun.score[80], 0.5f);
    state.setNormalisation(ScoreNormalisation::PerFrame);
    const auto perFrame = *state.cellsForFrame(1);
    QCOMPARE(perFrame.scoreLow, 0.25f);
    QCOMPARE(perFrame.scoreHigh, 0.5f);
    QCOMPARE(perFrame.normalisation, ScoreNormalisation::PerFrame);
    QCOMPARE(int(perFrame.level[80]), 255);  // the frame's own maximum
    QCOMPARE(int(perFrame.level[0]), 0);
    QVERIFY(perFrame.level[80] != perRun.level[80]);
    // Frame 0 spans the run's whole range: both normalisations agree there.
    const auto firstPerFrame = state.cellsForFrame(0)->level;
    state.setNormalisation(ScoreNormalisation::PerRun);
    QVERIFY(state.cellsForFrame(0)->level == firstPerFrame);
  }

  void diffJoinsTheCycleOnlyWhileTwoMasksAreSet() {
    OverlayState state;
    state.setMode(OverlayMode::Score);
    state.cycleMode();
    QCOMPARE(state.mode(), OverlayMode::Off);
    state.setMode(OverlayMode::Diff);  // refused without masks
    QCOMPARE(state.mode(), OverlayMode::Off);
    std::vector<uint8_t> a(2 * 81, 1);
    std::vector<uint8_t> b(2 * 81, 0);
    b[81 + 3] = 1;
    state.setDiffMasks(a, b, QStringLiteral("stts"), QStringLiteral("uniform"));
    QVERIFY(state.hasDiff());
    state.setMode(OverlayMode::Score);
    state.cycleMode();
    QCOMPARE(state.mode(), OverlayMode::Diff);
    const auto cells = state.cellsForFrame(1);  // no run: the diff alone
    QVERIFY(cells);
    QCOMPARE(int(cells->diff[3]), int(kDiffBoth));
    QCOMPARE(int(cells->diff[4]), int(kDiffOnlyA));
    state.cycleMode();
    QCOMPARE(state.mode(), OverlayMode::Off);
    state.setMode(OverlayMode::Diff);
    state.clearDiff();
    QCOMPARE(state.mode(), OverlayMode::Mask);  // diff mode leaves with its masks
    QVERIFY(!state.cellsForFrame(0));
  }

  void displayChoicesPersistAndReset() {
    {
      OverlayState state;
      state.setMaskStyle(MaskStyle::Hatch);
      state.setNormalisation(ScoreNormalisation::PerFrame);
      state.setShowGrid(true);
      state.setBrightness(0.3f);
      state.setContrast(7.0f);  // clamped
      QCOMPARE(state.contrast(), kMaxContrast);
    }
    OverlayState restored;
    QCOMPARE(restored.maskStyle(), MaskStyle::Hatch);
    QCOMPARE(restored.normalisation(), ScoreNormalisation::PerFrame);
    QVERIFY(restored.showGrid());
    QCOMPARE(restored.brightness(), 0.3f);
    QCOMPARE(restored.contrast(), kMaxContrast);
    restored.toggleGrid();
    QVERIFY(!restored.showGrid());
    restored.setMode(OverlayMode::Score);
    restored.resetDisplay();
    QCOMPARE(restored.mode(), OverlayMode::Score);  // the mode is not a display adjustment
    QCOMPARE(restored.style(), [] {
      OverlayStyle style;
      style.mode = OverlayMode::Score;
      return style;
    }());
    QCOMPARE(restored.normalisation(), ScoreNormalisation::PerRun);
  }

  void overlayStateCyclesAndNormalisesPerRun() {
    OverlayState state;
    QSignalSpy changed(&state, &OverlayState::changed);
    state.setMode(OverlayMode::Off);
    state.cycleMode();
    QCOMPARE(state.mode(), OverlayMode::Mask);
    state.cycleMode();
    QCOMPARE(state.mode(), OverlayMode::Score);
    state.cycleMode();
    QCOMPARE(state.mode(), OverlayMode::Off);

    state.setOpacity(0.5f);
    state.increaseOpacity();
    QVERIFY(std::abs(state.opacity() - 0.6f) < 1e-5f);
    for (int i = 0; i < 20; ++i) state.decreaseOpacity();
    QVERIFY(std::abs(state.opacity() - OverlayState::kMinimumOpacity) < 1e-5f);
    for (int i = 0; i < 20; ++i) state.increaseOpacity();
    QCOMPARE(state.opacity(), 1.0f);
    QVERIFY(changed.count() >= 5);

    auto run = std::make_shared<stts::RunResult>();
    run->frames = 2;
    run->scores.assign(2 * 81, 1.0f);
    run->scores[5] = -3.0f;
    run->scores[81 + 7] = 5.0f;
    run->scores[9] = std::nanf("");  // ignored by the range, drawn as the lowest colour
    run->keep.assign(2 * 81, 1);
    run->keep[81 + 7] = 0;
    run->keptPerFrame = {81, 80};
    state.setRun(run);
    QCOMPARE(state.scoreLow(), -3.0f);
    QCOMPARE(state.scoreHigh(), 5.0f);
    const auto second = state.cellsForFrame(1);
    QVERIFY(second);
    QCOMPARE(int(second->level[7]), 255);
    QCOMPARE(int(second->kept[7]), 0);
    QCOMPARE(int(second->level[0]), colourMapLevel(1.0f, -3.0f, 5.0f));
    QCOMPARE(int(state.cellsForFrame(0)->level[5]), 0);
    QVERIFY(!state.cellsForFrame(2));
    QCOMPARE(state.keptInFrame(1), 80);

    // The choices persist for the next window.
    state.setColourMap(ColourMap::Turbo);
    OverlayState restored;
    QCOMPARE(restored.colourMap(), ColourMap::Turbo);
    QCOMPARE(restored.mode(), state.mode());
    QCOMPARE(restored.opacity(), state.opacity());
  }

 private:
  QTemporaryDir settingsDir_;
};

QTEST_GUILESS_MAIN(OverlayCompositeTest)
#include "test_overlay_composite.moc"
