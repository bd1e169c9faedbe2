// The scrubber under the frame view: one tick per sampled frame at its requested time, a playhead
// on the current sample, and the current position as text (time, sampled index, raw frame).
// With a run open, a keep-count strip under the scrubber shows one bar per sampled frame (height
// = kept cells / 81) and marks frames the method keeps whole or uses as references (ux.md §3).
// Between samples (a raw video frame on screen) a thin secondary playhead shows where it lies.
// It only draws and reports clicks; the owner decides what the current sample is.
#pragma once

#include <QStringList>
#include <QWidget>
#include <cstdint>
#include <utility>
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
  void clearKeepCounts();  // also clears the reference marks
  // Frames a method compares the others against (heuristic reference frames, scene cuts); marked
  // under the strip in their own colour.
  void setReferenceFrames(std::vector<int> frames);
  const std::vector<int>& forcedFrames() const { return forced_; }
  const std::vector<int>& referenceFrames() const { return references_; }
  static QColor referenceColour();
  bool hasKeepCounts() const { return !kept_.empty(); }
  // The strip's rectangle in widget coordinates; empty while hidden.
  QRect keepStripRect() const;
  // The bar colours, for tests: ordinary, current frame, forced-kept frame.
  QColor keepBarColour() const;
  static QColor forcedKeepColour();

  void setCurrentIndex(int index);
  int currentIndex() const { return current_; }
  // A raw video frame between samples is on screen: its time since the stream start and number.
  // Cleared by clearRawPosition() and by any new current index.
  void setRawPosition(double seconds, int64_t frameNumber);
  void clearRawPosition();
  bool hasRawPosition() const { return rawFrame_ >= 0; }
  // The three texts under the bar (time, sample, frame), as painted; for tests and accessibility.
  QStringList positionLabels() const;
  // The time labels under the bar at the current width: where (seconds) and what ("0:05", "12 s").
  // Steps are 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, … so labels never crowd.
  std::vector<std::pair<double, QString>> rulerLabels() const;
  // What hovering the keep strip at `point` shows: the sample there and its kept cells; empty
  // outside the strip.
  QString keepStripToolTipAt(QPoint point) const;
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
  bool event(QEvent* event) override;

 private:
  QRect barRect() const;
  double xForTime(double seconds) const;
  void requestSampleAt(int x);
  void paintBar(QPainter& painter) const;
  void paintRuler(QPainter& painter) const;
  void paintKeepStrip(QPainter& painter) const;
  QFont rulerFont() const;
  int rulerHeight() const;
  void paintLabels(QPainter& painter) const;
  int labelsTop() const;

  std::vector<stts::SamplePoint> samples_;
  double duration_ = 0.0;
  int current_ = -1;
  bool scrubbing_ = false;
  std::vector<int> kept_;
  std::vector<int> forced_;
  int cellsPerFrame_ = 81;
  std::vector<int> references_;
  int64_t rawFrame_ = -1;
  double rawSeconds_ = 0.0;
};

}  // namespace stts::ui
