// The scrubber under the frame view: one tick per sampled frame at its requested time, a playhead
// on the current sample, and the current position as text (time, sampled index, raw frame).
// With a run open, a keep-count strip under the scrubber shows one bar per sampled frame (height
// = kept cells / 81) and marks frames the method keeps whole (ux.md §3).
// It only draws and reports clicks; the owner decides what the current sample is.
#pragma once

#include <QWidget>
#include <vector>

#include "stts/video.h"

namespace stts::ui {

class Timeline : public QWidget {
  Q_OBJECT

 public:
  explicit Timeline(QWidget* parent = nullptr);

  // `duration` is the video's length in seconds; samples are in time order.
  void setSamples(std::vector<stts::SamplePoint> samples, double duration);
  void clear();

  // Kept cells per sampled frame (same order and count as the samples), out of `cellsPerFrame`,
  // and the frames the method forces to keep whole (STTS: frame 0). Empty hides the strip.
  void setKeepCounts(std::vector<int> kept, int cellsPerFrame, std::vector<int> forcedFrames);
  void clearKeepCounts();
  bool hasKeepCounts() const { return !kept_.empty(); }
  // The strip's rectangle in widget coordinates; empty while hidden.
  QRect keepStripRect() const;
  // The bar colours, for tests: ordinary, current frame, forced-kept frame.
  QColor keepBarColour() const;
  static QColor forcedKeepColour();

  void setCurrentIndex(int index);
  int currentIndex() const { return current_; }
  int sampleCount() const { return static_cast<int>(samples_.size()); }

  // The sample whose requested time is nearest to widget x coordinate `x`; -1 when empty.
  int sampleNearestTo(int x) const;
  // Widget x coordinate of sample `index` on the bar (for tests and hit testing).
  int xForSample(int index) const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 signals:
  // Emitted on click and while dragging, already snapped to a sampled frame.
  void sampleRequested(int index);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  QRect barRect() const;
  double xForTime(double seconds) const;
  void requestSampleAt(int x);
  void paintBar(QPainter& painter) const;
  void paintKeepStrip(QPainter& painter) const;
  void paintLabels(QPainter& painter) const;
  int labelsTop() const;

  std::vector<stts::SamplePoint> samples_;
  double duration_ = 0.0;
  int current_ = -1;
  bool scrubbing_ = false;
  std::vector<int> kept_;
  std::vector<int> forced_;
  int cellsPerFrame_ = 81;
};

}  // namespace stts::ui
