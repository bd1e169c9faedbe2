#include "view/overlay_legend.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "view/overlay_composite.h"

namespace stts::ui {

namespace {

constexpr int kPadding = 8;
constexpr int kBarWidth = 168;
constexpr int kBarHeight = 10;

}  // namespace

OverlayLegend::OverlayLegend(QWidget* parent) : QWidget(parent) {
  setAttribute(Qt::WA_TransparentForMouseEvents);
  setAttribute(Qt::WA_TranslucentBackground);
  setFocusPolicy(Qt::NoFocus);
  resize(sizeHint());
}

void OverlayLegend::setContent(Content content) {
  if (content == content_) return;
  content_ = content;
  resize(sizeHint());
  update();
}

void OverlayLegend::setPerFrame(bool perFrame) {
  if (perFrame == perFrame_) return;
  perFrame_ = perFrame;
  update();
}

void OverlayLegend::setRunNames(const QString& a, const QString& b) {
  nameA_ = a;
  nameB_ = b;
  update();
}

QString OverlayLegend::title() const {
  if (content_ == Content::Diff) return tr("Kept cells, run A vs run B");
  return perFrame_ ? tr("Score (%1, this frame's range)").arg(colourMapDisplayName(map_))
                   : tr("Score (%1, run range)").arg(colourMapDisplayName(map_));
}

QString OverlayLegend::lowText() const {
  return scoreRangeLabel(low_, low_, high_);
}

QString OverlayLegend::highText() const {
  return scoreRangeLabel(high_, low_, high_);
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
  // As wide as the title (German and Chinese titles are longer than the bar), never narrower.
  // Fractional advances: an integer width can fall short of the laid-out text by a pixel, and
  // the title would be elided although it fits.
  const int titleWidth =
      int(std::ceil(QFontMetricsF(font()).horizontalAdvance(title()))) + 2 + 2 * kPadding;
  if (content_ == Content::Diff) {
    return {std::max(kBarWidth + 2 * kPadding + 40, titleWidth),
            kPadding + text + 4 + 4 * (text + 2) + kPadding};
  }
  return {std::max(kBarWidth + 2 * kPadding, titleWidth),
          kPadding + text + 4 + kBarHeight + 3 + text + kPadding};
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

  if (content_ == Content::Diff) {
    paintDiff(painter);
    return;
  }
  const QRect bar = barRect();
  const ColourTable& table = colourTable(map_);
  QImage strip(kColourMapSize, 1, QImage::Format_RGB32);
  for (int i = 0; i < kColourMapSize; ++i) strip.setPixel(i, 0, table[size_t(i)]);
  painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
  painter.drawImage(bar, strip);

  const QColor text(230, 230, 236);
  painter.setPen(text);
  const int lineHeight = fontMetrics().height();
  // Elided only when the view itself is narrower than the title.
  painter.drawText(QRect(kPadding, kPadding, bar.width(), lineHeight),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   fontMetrics().elidedText(title(), Qt::ElideRight, bar.width()));
  const QRect values(kPadding, bar.bottom() + 3, bar.width(), lineHeight);
  painter.drawText(values, Qt::AlignLeft | Qt::AlignVCenter, lowText());
  painter.drawText(values, Qt::AlignRight | Qt::AlignVCenter, highText());
}

void OverlayLegend::paintDiff(QPainter& painter) {
  const QColor text(230, 230, 236);
  const int lineHeight = fontMetrics().height();
  const int width = this->width() - 2 * kPadding;
  painter.setPen(text);
  painter.drawText(QRect(kPadding, kPadding, width, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   fontMetrics().elidedText(title(), Qt::ElideRight, width));
  const QString a = nameA_.isEmpty() ? tr("A") : nameA_;
  const QString b = nameB_.isEmpty() ? tr("B") : nameB_;
  const struct {
    QColor colour;
    QString label;
  } rows[] = {
      {QColor::fromRgb(kDiffBothColour), tr("kept by both")},
      {QColor::fromRgb(kDiffOnlyAColour), tr("only %1").arg(a)},
      {QColor::fromRgb(kDiffOnlyBColour), tr("only %1").arg(b)},
      {QColor(40, 40, 44), tr("dropped by both")},
  };
  int y = kPadding + lineHeight + 4;
  for (const auto& row : rows) {
    painter.setPen(Qt::NoPen);
    painter.setBrush(row.colour);
    painter.drawRect(QRect(kPadding, y + 2, lineHeight - 4, lineHeight - 4));
    painter.setPen(text);
    painter.drawText(QRect(kPadding + lineHeight + 2, y, width - lineHeight, lineHeight),
                     Qt::AlignLeft | Qt::AlignVCenter, row.label);
    y += lineHeight + 2;
  }
}

}  // namespace stts::ui
