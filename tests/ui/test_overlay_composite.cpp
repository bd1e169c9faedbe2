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
