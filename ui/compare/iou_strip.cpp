#include "compare/iou_strip.h"

#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "common/sample_numbers.h"
#include "timeline/timeline.h"

namespace stts::ui {

namespace {
constexpr int kStripHeight = 30;
constexpr int kMargin = 2;
}  // namespace

IoUStrip::IoUStrip(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void IoUStrip::alignTo(const Timeline* timeline) {
  timeline_ = timeline;
  update();
}

void IoUStrip::setValues(std::vector<double> values, const QString& first, const QString& second) {
  values_ = std::move(values);
  first_ = first;
  second_ = second;
  setAccessibleName(tr("IoU of the cells kept by %1 and %2 per sampled frame").arg(first, second));
  update();
}

void IoUStrip::setCurrentIndex(int index) {
  current_ = index;
  update();
}

int IoUStrip::xForIndex(int index) const {
  if (index < 0 || index >= int(values_.size())) return -1;
  if (timeline_ && timeline_->sampleCount() == int(values_.size())) {
    const QPoint global = timeline_->mapToGlobal(QPoint(timeline_->xForSample(index), 0));
    return mapFromGlobal(global).x();
  }
  const double step = double(width() - 2 * kMargin) / double(values_.size());
  return int(kMargin + (index + 0.5) * step);
}

int IoUStrip::indexAt(int x) const {
  int best = -1;
  int bestDistance = 0;
  for (int i = 0; i < int(values_.size()); ++i) {
    const int distance = std::abs(xForIndex(i) - x);
    if (best < 0 || distance < bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}

QString IoUStrip::valueText(int index) const {
  if (index < 0 || index >= int(values_.size())) return {};
  const double value = values_[size_t(index)];
  if (value < 0.0) return tr("Sample %1: IoU unknown").arg(sampleNumber(index));
  return tr("Sample %1: IoU(%2, %3) = %4")
      .arg(sampleNumber(index))
      .arg(first_, second_, QLocale().toString(value, 'f', 3));
}

QSize IoUStrip::sizeHint() const {
  return {400, kStripHeight};
}

QSize IoUStrip::minimumSizeHint() const {
  return {100, kStripHeight};
}

void IoUStrip::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), palette().color(QPalette::Base));
  if (values_.empty()) return;
  // What the strip is, in its top-left corner, under the bars.
  painter.setPen(palette().color(QPalette::PlaceholderText));
  QFont font = painter.font();
  font.setPointSizeF(font.pointSizeF() * 0.85);
  painter.setFont(font);
  painter.drawText(rect().adjusted(4, 1, -4, -1), Qt::AlignLeft | Qt::AlignTop,
                   tr("IoU %1·%2").arg(first_, second_));
  // Bars as wide as the spacing allows, at least 2 px, with a 1 px gap where there is room.
  int spacing = width();
  for (int i = 1; i < int(values_.size()); ++i)
    spacing = std::min(spacing, std::abs(xForIndex(i) - xForIndex(i - 1)));
  const int barWidth = std::max(2, std::min(spacing - 1, 14));
  const int usable = height() - 2 * kMargin;
  const QColor bar = palette().color(QPalette::Highlight);
  for (int i = 0; i < int(values_.size()); ++i) {
    const double value = values_[size_t(i)];
    if (value < 0.0) continue;
    const int barHeight = std::max(1, int(std::lround(value * usable)));
    const QRect rect(xForIndex(i) - barWidth / 2, height() - kMargin - barHeight, barWidth,
                     barHeight);
    QColor colour = bar;
    if (i != current_) colour.setAlpha(i == hovered_ ? 220 : 150);
    painter.fillRect(rect, colour);
  }
}

void IoUStrip::mouseMoveEvent(QMouseEvent* event) {
  const int index = indexAt(int(event->position().x()));
  if (index != hovered_) {
    hovered_ = index;
    update();
  }
  const QString text = valueText(index);
  setToolTip(text);
  if (!text.isEmpty()) QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

void IoUStrip::leaveEvent(QEvent* event) {
  hovered_ = -1;
  update();
  QWidget::leaveEvent(event);
}

}  // namespace stts::ui
