#include "view/overlay_legend.h"

#include <QEvent>
#include <QImage>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace stts::ui {

namespace {

constexpr int kPadding = 8;
constexpr int kBarWidth = 168;
constexpr int kBarHeight = 10;

// Enough significant digits that the two ends of the range read differently: an untrained
// scorer's sigmoids all sit near 0.5, and "0.5 - 0.5" would hide the spread that is coloured.
QString formatScore(double value, double low, double high) {
  int digits = 3;
  const double span = std::abs(high - low);
  const double magnitude = std::max(std::abs(low), std::abs(high));
  if (span > 0 && magnitude > 0)
    digits = std::clamp(int(std::ceil(std::log10(magnitude / span))) + 2, 3, 8);
  return QString::number(value, 'g', digits);
}

}  // namespace

OverlayLegend::OverlayLegend(QWidget* parent) : QWidget(parent) {
  setAttribute(Qt::WA_TransparentForMouseEvents);
  setAttribute(Qt::WA_TranslucentBackground);
  setFocusPolicy(Qt::NoFocus);
  resize(sizeHint());
}

void OverlayLegend::setColourMap(ColourMap map) {
  if (map == map_) return;
  map_ = map;
  update();
}

void OverlayLegend::setRange(double low, double high) {
  low_ = low;
  high_ = high;
  update();
}

QSize OverlayLegend::sizeHint() const {
  const int text = fontMetrics().height();
  return {kBarWidth + 2 * kPadding, kPadding + text + 4 + kBarHeight + 3 + text + kPadding};
}

QRect OverlayLegend::barRect() const {
  return {kPadding, kPadding + fontMetrics().height() + 4, width() - 2 * kPadding, kBarHeight};
}

void OverlayLegend::changeEvent(QEvent* event) {
  if (event->type() == QEvent::FontChange) resize(sizeHint());
  if (event->type() == QEvent::LanguageChange) update();
  QWidget::changeEvent(event);
}

void OverlayLegend::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  // A dark translucent panel keeps the text readable over any frame, light or dark.
  painter.setPen(Qt::NoPen);
  painter.setBrush(QColor(16, 16, 20, 200));
  painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);

  const QRect bar = barRect();
  const ColourTable& table = colourTable(map_);
  QImage strip(kColourMapSize, 1, QImage::Format_RGB32);
  for (int i = 0; i < kColourMapSize; ++i) strip.setPixel(i, 0, table[size_t(i)]);
  painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
  painter.drawImage(bar, strip);

  const QColor text(230, 230, 236);
  painter.setPen(text);
  const int lineHeight = fontMetrics().height();
  painter.drawText(QRect(kPadding, kPadding, bar.width(), lineHeight),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   tr("Score (%1)").arg(colourMapDisplayName(map_)));
  const QRect values(kPadding, bar.bottom() + 3, bar.width(), lineHeight);
  painter.drawText(values, Qt::AlignLeft | Qt::AlignVCenter, formatScore(low_, low_, high_));
  painter.drawText(values, Qt::AlignRight | Qt::AlignVCenter, formatScore(high_, low_, high_));
}

}  // namespace stts::ui
