// Shared by the frame view's pixel tests (test_frame_view.cpp) and its navigation tests
// (test_frame_view_navigation.cpp): synthetic frames and cells, a view sized so cells land on
// whole pixels, and the screen-against-CPU-composite comparison.
#pragma once

#include <QCheckBox>
#include <QComboBox>
#include <QCursor>
#include <QDockWidget>
#include <QMenu>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QPushButton>
#include <QSlider>
#include <QSurfaceFormat>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <QWheelEvent>
#include <cmath>
#include <functional>
#include "actions/action_registry.h"
#include "gui_test_support.h"
#include "main/main_window.h"
#include "media/frame_navigator.h"
#include "view/display_panel.h"
#include "view/frame_view.h"
#include "view/overlay_legend.h"
#include "view/overlay_state.h"
#include "view/view_controller.h"

namespace stts::ui::test {

inline const QColor kRed(255, 0, 0);
inline const QColor kGreen(0, 255, 0);
inline const QColor kBlue(0, 0, 255);

// The sampled index whose requested time is nearest to `seconds`.
inline int sampleNearestTime(const LoadedVideo& video, double seconds) {
  int best = 0;
  for (int i = 0; i < int(video.points.size()); ++i) {
    if (std::abs(video.points[size_t(i)].requestedTime - seconds) <
        std::abs(video.points[size_t(best)].requestedTime - seconds)) {
      best = i;
    }
  }
  return best;
}

inline QColor centreOf(FrameView* view) {
  const QImage image = view->grabFramebuffer();
  return image.pixelColor(image.width() / 2, image.height() / 2);
}

inline constexpr int kGrid = stts::kCellGrid;

// A synthetic picture: every pixel from `colourAt(x, y)`.
inline stts::RgbImagePtr makeFrame(int width, int height,
                                   const std::function<QRgb(int, int)>& colourAt) {
  auto frame = std::make_shared<stts::RgbImage>();
  frame->width = width;
  frame->height = height;
  frame->pixels.reserve(size_t(width) * size_t(height) * 3);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const QRgb c = colourAt(x, y);
      frame->pixels.push_back(uint8_t(qRed(c)));
      frame->pixels.push_back(uint8_t(qGreen(c)));
      frame->pixels.push_back(uint8_t(qBlue(c)));
    }
  }
  return frame;
}

inline stts::RgbImagePtr flatFrame(int width, int height, QRgb colour) {
  return makeFrame(width, height, [colour](int, int) { return colour; });
}

// A checkerboard of kept and dropped cells, scores rising with the cell index.
inline OverlayCells checkerCells() {
  std::vector<float> scores;
  std::vector<uint8_t> keep;
  for (int i = 0; i < stts::kCellsPerFrame; ++i) {
    scores.push_back(float(i));
    keep.push_back((i / kGrid + i % kGrid) % 2 == 0 ? 1 : 0);
  }
  return makeOverlayCells(scores, keep, 0.0f, 80.0f);
}

inline int channelDiff(QColor a, QColor b) {
  return std::max({std::abs(a.red() - b.red()), std::abs(a.green() - b.green()),
                   std::abs(a.blue() - b.blue())});
}

inline double luminance(QColor c) {
  return 0.2126 * c.red() + 0.7152 * c.green() + 0.0722 * c.blue();
}

// A view exactly as wide and tall as twice the 270 x 180 picture: the picture fills it at
// zoom 1, every cell is 60 x 40 device pixels and the CPU composite at 540 x 360 lines up with
// the screen pixel for pixel.
struct ViewUnderTest {
  FrameView view;
  ViewUnderTest() {
    view.resize(540, 360);
    view.show();
  }
  bool exposed() { return QTest::qWaitForWindowExposed(&view); }
  QImage grab() { return view.grabFramebuffer(); }
  QColor cellColour(const QImage& image, int row, int column) {
    const QRectF rect = view.frameRect();
    const qreal ratio = image.devicePixelRatio();
    return image.pixelColor(int((rect.left() + (column + 0.5) * rect.width() / kGrid) * ratio),
                            int((rect.top() + (row + 0.5) * rect.height() / kGrid) * ratio));
  }
};

// The screen against the CPU composite of the same frame, cells and style, pixel for pixel:
// how many pixels differ by more than `tolerance` in a channel.
inline int pixelsDifferingFromCpu(ViewUnderTest& under, const QImage& screen, int tolerance = 3) {
  const QImage cpu = compositeFrame(
      *under.view.frame(), under.view.overlayCells() ? &*under.view.overlayCells() : nullptr,
      under.view.overlayStyle(), screen.size());
  int differing = 0;
  for (int y = 0; y < screen.height(); ++y) {
    for (int x = 0; x < screen.width(); ++x) {
      if (channelDiff(screen.pixelColor(x, y), cpu.pixelColor(x, y)) > tolerance) ++differing;
    }
  }
  return differing;
}

inline void sendCtrlWheel(QWidget* widget, QPointF position, int angle) {
  QWheelEvent wheel(position, widget->mapToGlobal(position), QPoint(), QPoint(0, angle),
                    Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
  QApplication::sendEvent(widget, &wheel);
}

}  // namespace stts::ui::test
