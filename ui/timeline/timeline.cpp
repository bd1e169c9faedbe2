#include "timeline/timeline.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "timeline/time_format.h"

namespace stts::ui {

namespace {

constexpr int kHorizontalMargin = 12;
constexpr int kBarTop = 10;
constexpr int kBarHeight = 26;
constexpr int kLabelGap = 6;

}  // namespace

Timeline::Timeline(QWidget* parent) : QWidget(parent) {
  // Keys belong to the window's actions; a focused timeline must never swallow Left/Right/Space.
  setFocusPolicy(Qt::NoFocus);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  setMouseTracking(false);
}

void Timeline::setSamples(std::vector<stts::SamplePoint> samples, double duration) {
  samples_ = std::move(samples);
  double lastTime = samples_.empty() ? 0.0 : samples_.back().requestedTime;
  // The container's or index's duration can be shorter than the last requested time for a
  // one-frame clip; the bar must still contain every tick.
  duration_ = std::max({duration, lastTime, 1e-3});
  current_ = samples_.empty() ? -1 : std::clamp(current_, 0, sampleCount() - 1);
  update();
}

void Timeline::clear() {
  samples_.clear();
  duration_ = 0.0;
  current_ = -1;
  update();
}

void Timeline::setCurrentIndex(int index) {
  const int clamped = samples_.empty() ? -1 : std::clamp(index, 0, sampleCount() - 1);
  if (clamped == current_) return;
  current_ = clamped;
  update();
}

QSize Timeline::sizeHint() const {
  return {640, kBarTop + kBarHeight + kLabelGap + fontMetrics().height() + 10};
}

QSize Timeline::minimumSizeHint() const {
  return {160, sizeHint().height()};
}

QRect Timeline::barRect() const {
  return {kHorizontalMargin, kBarTop, std::max(1, width() - 2 * kHorizontalMargin), kBarHeight};
}

double Timeline::xForTime(double seconds) const {
  const QRect bar = barRect();
  const double fraction = duration_ > 0.0 ? std::clamp(seconds / duration_, 0.0, 1.0) : 0.0;
  return bar.left() + fraction * (bar.width() - 1);
}

int Timeline::xForSample(int index) const {
  if (index < 0 || index >= sampleCount()) return -1;
  return static_cast<int>(std::lround(xForTime(samples_[size_t(index)].requestedTime)));
}

int Timeline::sampleNearestTo(int x) const {
  if (samples_.empty()) return -1;
  const QRect bar = barRect();
  const double fraction =
      std::clamp(double(x - bar.left()) / std::max(1, bar.width() - 1), 0.0, 1.0);
  const double time = fraction * duration_;
  // Samples are sorted by requested time, so the nearest is next to the lower bound.
  auto it =
      std::lower_bound(samples_.begin(), samples_.end(), time,
                       [](const stts::SamplePoint& s, double t) { return s.requestedTime < t; });
  if (it == samples_.end()) return sampleCount() - 1;
  const int after = static_cast<int>(it - samples_.begin());
  if (after == 0) return 0;
  const double toAfter = it->requestedTime - time;
  const double toBefore = time - samples_[size_t(after - 1)].requestedTime;
  return toBefore <= toAfter ? after - 1 : after;
}

void Timeline::requestSampleAt(int x) {
  const int index = sampleNearestTo(x);
  if (index >= 0) emit sampleRequested(index);
}

void Timeline::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton || samples_.empty()) {
    QWidget::mousePressEvent(event);
    return;
  }
  scrubbing_ = true;
  requestSampleAt(event->position().toPoint().x());
  event->accept();
}

void Timeline::mouseMoveEvent(QMouseEvent* event) {
  if (!scrubbing_) {
    QWidget::mouseMoveEvent(event);
    return;
  }
  const int index = sampleNearestTo(event->position().toPoint().x());
  // Only a change of sample is news; this keeps a slow drag from flooding the frame view.
  if (index >= 0 && index != current_) emit sampleRequested(index);
  event->accept();
}

void Timeline::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) scrubbing_ = false;
  QWidget::mouseReleaseEvent(event);
}

void Timeline::changeEvent(QEvent* event) {
  // The labels are built in paintEvent, so a new language or palette only needs a repaint.
  if (event->type() == QEvent::LanguageChange || event->type() == QEvent::PaletteChange) update();
  QWidget::changeEvent(event);
}

void Timeline::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  paintBar(painter);
  paintLabels(painter);
}

void Timeline::paintBar(QPainter& painter) const {
  const QRect bar = barRect();
  const QPalette& pal = palette();
  painter.setPen(Qt::NoPen);
  painter.setBrush(pal.color(QPalette::Base));
  painter.drawRoundedRect(bar, 4, 4);
  if (samples_.empty()) return;

  if (current_ >= 0) {
    // The played part of the bar, tinted, so the position reads at a glance from afar.
    QColor played = pal.color(QPalette::Highlight);
    played.setAlphaF(0.22f);
    const double playheadX = xForTime(samples_[size_t(current_)].requestedTime);
    painter.setBrush(played);
    painter.drawRoundedRect(QRectF(bar.left(), bar.top(), playheadX - bar.left() + 1, bar.height()),
                            4, 4);
  }

  QColor tickColour = pal.color(QPalette::Text);
  tickColour.setAlphaF(0.45f);
  painter.setPen(QPen(tickColour, 1.0));
  const int tickTop = bar.top() + 5;
  const int tickBottom = bar.bottom() - 5;
  for (const stts::SamplePoint& sample : samples_) {
    const double x = std::round(xForTime(sample.requestedTime)) + 0.5;
    painter.drawLine(QPointF(x, tickTop), QPointF(x, tickBottom));
  }

  if (current_ < 0) return;
  const QColor accent = pal.color(QPalette::Highlight);
  const double x = std::round(xForTime(samples_[size_t(current_)].requestedTime)) + 0.5;
  painter.setPen(QPen(accent, 2.0));
  painter.drawLine(QPointF(x, bar.top() - 2), QPointF(x, bar.bottom() + 2));
  // A small cap above the bar makes the playhead findable among hundreds of ticks.
  QPainterPath cap;
  cap.moveTo(x - 5, bar.top() - 7);
  cap.lineTo(x + 5, bar.top() - 7);
  cap.lineTo(x, bar.top() - 1);
  cap.closeSubpath();
  painter.setPen(Qt::NoPen);
  painter.setBrush(accent);
  painter.drawPath(cap);
}

void Timeline::paintLabels(QPainter& painter) const {
  const QRect bar = barRect();
  const QRect labels(bar.left(), bar.bottom() + kLabelGap, bar.width(), fontMetrics().height());
  painter.setPen(palette().color(QPalette::WindowText));
  if (samples_.empty() || current_ < 0) {
    painter.drawText(labels, Qt::AlignCenter, tr("No video loaded"));
    return;
  }
  const stts::SamplePoint& sample = samples_[size_t(current_)];
  painter.drawText(labels, Qt::AlignLeft | Qt::AlignVCenter, formatTimestamp(sample.requestedTime));
  // Sampled index shown 1-based ("k / T") as in players' "frame k of T"; the raw frame number is
  // the 0-based presentation-order index that ffprobe and the CLI print.
  painter.drawText(labels, Qt::AlignCenter,
                   tr("Sample %1 / %2").arg(current_ + 1).arg(sampleCount()));
  painter.drawText(labels, Qt::AlignRight | Qt::AlignVCenter,
                   tr("Frame %1").arg(sample.frameNumber));
}

}  // namespace stts::ui
