// The scrubber under the frame view: one tick per sampled frame at its requested time, a playhead
// on the current sample, and the current position as text (time, sampled index, raw frame).
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
  void paintLabels(QPainter& painter) const;

  std::vector<stts::SamplePoint> samples_;
  double duration_ = 0.0;
  int current_ = -1;
  bool scrubbing_ = false;
};

}  // namespace stts::ui
