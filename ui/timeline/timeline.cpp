#include "timeline/timeline.h"

#include <QEvent>
#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "common/sample_numbers.h"
#include "common/time_format.h"

namespace stts::ui {

namespace {

constexpr int kHorizontalMargin = 12;
constexpr int kBarTop = 10;
constexpr int kBarHeight = 26;
constexpr int kLabelGap = 6;
constexpr int kStripGap = 4;
constexpr int kStripHeight = 26;

}  // namespace

Timeline::Timeline(QWidget* parent) : QWidget(parent) {
  // Keys belong to the window's actions (the timeline handles none, so it never swallows
  // Left/Right/Space); a click takes the focus from a text field so that they reach it again.
  setFocusPolicy(Qt::StrongFocus);
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

void Timeline::setKeepCounts(std::vector<int> kept, int cellsPerFrame,
                             std::vector<int> forcedFrames) {
  kept_ = std::move(kept);
  forced_ = std::move(forcedFrames);
  cellsPerFrame_ = std::max(1, cellsPerFrame);
  updateGeometry();  // the strip adds height
  update();
}

void Timeline::clearKeepCounts() {
  references_.clear();
  setKeepCounts({}, cellsPerFrame_, {});
}

void Timeline::setReferenceFrames(std::vector<int> frames) {
  references_ = std::move(frames);
  update();
}

QColor Timeline::referenceColour() {
  return QColor(64, 190, 200);  // teal: "compared against", apart from amber's "kept by rule"
}

QColor Timeline::keepBarColour() const {
  QColor colour = palette().color(QPalette::Highlight);
  colour.setAlphaF(0.6f);
  return colour;
}

QColor Timeline::forcedKeepColour() {
  return QColor(232, 168, 56);  // amber: "kept by rule", apart from the accent's "kept by score"
}

void Timeline::clear() {
  kept_.clear();
  forced_.clear();
  references_.clear();
  rawFrame_ = -1;
  samples_.clear();
  duration_ = 0.0;
  current_ = -1;
  updateGeometry();  // the keep strip is gone
  update();
}

void Timeline::setCurrentIndex(int index) {
  const int clamped = samples_.empty() ? -1 : std::clamp(index, 0, sampleCount() - 1);
  if (clamped == current_ && rawFrame_ < 0) return;
  current_ = clamped;
  rawFrame_ = -1;
  update();
}

void Timeline::setRawPosition(double seconds, int64_t frameNumber) {
  rawSeconds_ = seconds;
  rawFrame_ = std::max<int64_t>(0, frameNumber);
  update();
}

void Timeline::clearRawPosition() {
  if (rawFrame_ < 0) return;
  rawFrame_ = -1;
  update();
}

QSize Timeline::sizeHint() const {
  return {640, labelsTop() + fontMetrics().height() + 10};
}

int Timeline::labelsTop() const {
  const int stripExtent = kept_.empty() ? 0 : kStripGap + kStripHeight;
  return kBarTop + kBarHeight + rulerHeight() + stripExtent + kLabelGap;
}

QRect Timeline::keepStripRect() const {
  if (kept_.empty()) return {};
  const QRect bar = barRect();
  return {bar.left(), bar.bottom() + 1 + rulerHeight() + kStripGap, bar.width(), kStripHeight};
}

QFont Timeline::rulerFont() const {
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.85);
  return small;
}

int Timeline::rulerHeight() const {
  return QFontMetrics(rulerFont()).height() + 5;
}

namespace {

QString rulerText(double seconds, double duration) {
  const long whole = std::lround(seconds);
  if (duration < 60.0) return QStringLiteral("%1 s").arg(whole);
  if (duration < 3600.0) {
    return QStringLiteral("%1:%2").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
  }
  return QStringLiteral("%1:%2:%3")
      .arg(whole / 3600)
      .arg(whole / 60 % 60, 2, 10, QLatin1Char('0'))
      .arg(whole % 60, 2, 10, QLatin1Char('0'));
}

}  // namespace

std::vector<std::pair<double, QString>> Timeline::rulerLabels() const {
  std::vector<std::pair<double, QString>> labels;
  if (samples_.empty() || duration_ <= 0.0) return labels;
  const QFontMetrics metrics(rulerFont());
  const double widest = metrics.horizontalAdvance(rulerText(duration_, duration_)) + 16.0;
  const double pixelsPerSecond = (barRect().width() - 1) / duration_;
  static constexpr double kSteps[] = {1,   2,   5,    10,   15,   30,    60,    120,  300,
                                      600, 900, 1800, 3600, 7200, 18000, 36000, 86400};
  double step = kSteps[std::size(kSteps) - 1];
  for (double candidate : kSteps) {
    if (candidate * pixelsPerSecond >= widest) {
      step = candidate;
      break;
    }
  }
  for (double t = 0.0; t <= duration_ + 1e-9; t += step)
    labels.emplace_back(t, rulerText(t, duration_));
  return labels;
}

void Timeline::paintRuler(QPainter& painter) const {
  const QRect bar = barRect();
  const QFontMetrics metrics(rulerFont());
  QColor colour = palette().color(QPalette::WindowText);
  colour.setAlphaF(0.7f);
  painter.save();
  painter.setFont(rulerFont());
  painter.setPen(colour);
  const int top = bar.bottom() + 2;
  for (const auto& [seconds, text] : rulerLabels()) {
    const double x = xForTime(seconds);
    const int width = metrics.horizontalAdvance(text);
    // The first label starts at the bar's left edge and the last may end at its right edge.
    const int left = std::clamp(int(std::lround(x - width / 2.0)), bar.left(), bar.right() - width);
    painter.drawLine(QPointF(std::round(x) + 0.5, top), QPointF(std::round(x) + 0.5, top + 2));
    // Below the tick, never through it.
    painter.drawText(QRect(left, top + 4, width, metrics.height()), Qt::AlignCenter, text);
  }
  painter.restore();
}

QString Timeline::keepStripToolTipAt(QPoint point) const {
  const QRect strip = keepStripRect();
  if (strip.isEmpty() || !strip.adjusted(0, 0, 0, 1).contains(point)) return {};
  const int index = sampleNearestTo(point.x());
  if (index < 0 || index >= int(kept_.size())) return {};
  const int kept = kept_[size_t(index)];
  const bool forced = std::find(forced_.begin(), forced_.end(), index) != forced_.end();
  QString text = tr("Sample %1 · %2 · kept %3 of %4 cells (%5 %)")
                     .arg(sampleNumber(index))
                     .arg(formatTimestamp(samples_[size_t(index)].requestedTime))
                     .arg(kept)
                     .arg(cellsPerFrame_)
                     .arg(QLocale().toString(100.0 * kept / std::max(1, cellsPerFrame_), 'f', 1));
  if (forced) text += QLatin1Char('\n') + tr("Kept whole by the method (e.g. the first frame)");
  return text;
}

bool Timeline::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    QString text = keepStripToolTipAt(help->pos());
    if (text.isEmpty() && help->pos().y() >= labelsTop()) text = positionLabels().at(1);
    if (text.isEmpty()) {
      QToolTip::hideText();
      event->ignore();
    } else {
      QToolTip::showText(help->globalPos(), text, this);
    }
    return true;
  }
  return QWidget::event(event);
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
  paintRuler(painter);
  paintKeepStrip(painter);
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

  if (rawFrame_ >= 0) {
    // The raw frame's own position: dashed, because no sampled frame (and no overlay) is there.
    const double rawX = std::round(xForTime(rawSeconds_)) + 0.5;
    painter.setPen(QPen(pal.color(QPalette::Text), 1.5, Qt::DashLine));
    painter.drawLine(QPointF(rawX, bar.top()), QPointF(rawX, bar.bottom()));
  }
}

void Timeline::paintKeepStrip(QPainter& painter) const {
  const QRect strip = keepStripRect();
  if (strip.isEmpty()) return;
  const QPalette& pal = palette();
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, false);  // crisp one-pixel bars
  painter.setPen(Qt::NoPen);
  painter.setBrush(pal.color(QPalette::Base));
  painter.drawRect(strip);

  // A faint line at "all kept" gives the bars a scale without labels.
  QColor guide = pal.color(QPalette::Text);
  guide.setAlphaF(0.18f);
  painter.setPen(QPen(guide, 1.0));
  painter.drawLine(strip.left(), strip.top() + 2, strip.right(), strip.top() + 2);
  painter.setPen(Qt::NoPen);

  // Bars take most of the spacing between samples (gaps keep neighbours apart), one pixel at least
  // for hundreds of frames, and at most fourteen so a short clip does not look like a bar chart.
  double spacing = strip.width();
  for (size_t i = 1; i < samples_.size(); ++i) {
    spacing = std::min(
        spacing, xForTime(samples_[i].requestedTime) - xForTime(samples_[i - 1].requestedTime));
  }
  const double barWidth = std::clamp(std::floor(spacing * 0.6), 1.0, 14.0);
  const int usable = strip.height() - 3;  // the top rows stay free for the guide line
  const int count = std::min(int(kept_.size()), sampleCount());
  for (int i = 0; i < count; ++i) {
    const double fraction = std::clamp(double(kept_[size_t(i)]) / cellsPerFrame_, 0.0, 1.0);
    const int height = std::max(1, int(std::lround(fraction * usable)));
    const double centre = std::round(xForTime(samples_[size_t(i)].requestedTime));
    const bool forced = std::find(forced_.begin(), forced_.end(), i) != forced_.end();
    QColor colour = forced ? forcedKeepColour() : keepBarColour();
    if (i == current_ && !forced) colour = pal.color(QPalette::Highlight);
    painter.setBrush(colour);
    painter.drawRect(
        QRectF(centre - std::floor(barWidth / 2.0), strip.bottom() + 1 - height, barWidth, height));
  }
  // The forced frames also get a small triangle under the strip, findable even where bars are
  // one pixel wide.
  painter.setRenderHint(QPainter::Antialiasing, true);
  painter.setBrush(forcedKeepColour());
  for (int index : forced_) {
    if (index < 0 || index >= count) continue;
    const double x = std::round(xForTime(samples_[size_t(index)].requestedTime)) + 0.5;
    QPainterPath mark;
    mark.moveTo(x, strip.bottom() + 1);
    mark.lineTo(x + 4, strip.bottom() + 5);
    mark.lineTo(x - 4, strip.bottom() + 5);
    mark.closeSubpath();
    painter.drawPath(mark);
  }
  // References get a diamond, so the two kinds stay apart where they share a frame.
  painter.setBrush(referenceColour());
  for (int index : references_) {
    if (index < 0 || index >= sampleCount()) continue;
    const double x = std::round(xForTime(samples_[size_t(index)].requestedTime)) + 0.5;
    const double y = strip.top() + 5;
    QPainterPath mark;
    mark.moveTo(x, y - 4);
    mark.lineTo(x + 4, y);
    mark.lineTo(x, y + 4);
    mark.lineTo(x - 4, y);
    mark.closeSubpath();
    painter.drawPath(mark);
  }
  painter.restore();
}

QStringList Timeline::positionLabels() const {
  if (samples_.empty() || current_ < 0) return {QString(), tr("No video loaded"), QString()};
  const stts::SamplePoint& sample = samples_[size_t(current_)];
  if (rawFrame_ >= 0) {
    // Say plainly that this picture was not given to the model, so no cells belong to it.
    return {formatTimestamp(rawSeconds_),
            tr("Raw frame between samples %1 and %2 · not a sampled frame, no overlay")
                .arg(sampleNumber(current_))
                .arg(std::min(sampleNumber(current_ + 1), sampleCount())),
            tr("Frame %1").arg(rawFrame_)};
  }
  // The sample number (common/sample_numbers.h); the raw frame number is the 0-based
  // presentation-order index that ffprobe and the CLI print.
  QString centre = tr("Sample %1 / %2").arg(sampleNumber(current_)).arg(sampleCount());
  if (current_ < int(kept_.size())) {
    centre = tr("%1 · kept %2 / %3").arg(centre).arg(kept_[size_t(current_)]).arg(cellsPerFrame_);
  }
  return {formatTimestamp(sample.requestedTime), centre, tr("Frame %1").arg(sample.frameNumber)};
}

void Timeline::paintLabels(QPainter& painter) const {
  const QRect bar = barRect();
  const QRect labels(bar.left(), labelsTop(), bar.width(), fontMetrics().height());
  painter.setPen(palette().color(QPalette::WindowText));
  const QStringList texts = positionLabels();
  painter.drawText(labels, Qt::AlignLeft | Qt::AlignVCenter, texts.at(0));
  painter.drawText(labels, Qt::AlignRight | Qt::AlignVCenter, texts.at(2));
  // The middle text is centred but never runs into the time or the frame number: on a narrow
  // window it is shortened with an ellipsis (hovering it shows the whole text).
  const int sides = std::max(fontMetrics().horizontalAdvance(texts.at(0)),
                             fontMetrics().horizontalAdvance(texts.at(2)));
  const int room = std::max(0, labels.width() - 2 * (sides + 12));
  const QRect middle(labels.center().x() - room / 2, labels.top(), room, labels.height());
  painter.drawText(middle, Qt::AlignCenter,
                   fontMetrics().elidedText(texts.at(1), Qt::ElideRight, room));
}

}  // namespace stts::ui
