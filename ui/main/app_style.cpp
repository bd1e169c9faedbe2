#include "main/app_style.h"

#include <QApplication>
#include <QIcon>
#include <QImageReader>
#include <QLinearGradient>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QStyleFactory>

namespace stts::ui {

namespace {

// The SVG icon needs Qt's SVG plugin, which is optional; this draws the same design (a grid of
// token cells, two kept, under a lens) so the window never goes without an icon.
QIcon paintedApplicationIcon() {
  QIcon icon;
  for (int size : {16, 24, 32, 48, 64, 128, 256}) {
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(size / 256.0, size / 256.0);
    QLinearGradient background(0, 8, 0, 248);
    background.setColorAt(0, QColor(0x2f, 0x34, 0x40));
    background.setColorAt(1, QColor(0x1b, 0x1e, 0x25));
    painter.setPen(Qt::NoPen);
    painter.setBrush(background);
    painter.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44);
    for (int row = 0; row < 3; ++row) {
      for (int column = 0; column < 3; ++column) {
        const bool kept = (row == 1 && column == 1) || (row == 2 && column == 2);
        painter.setBrush(kept ? QColor(0x7f, 0xc0, 0xff) : QColor(0x3a, 0x40, 0x4c));
        painter.drawRoundedRect(QRectF(40 + 48 * column, 40 + 48 * row, 40, 40), 6, 6);
      }
    }
    painter.setBrush(QColor(255, 255, 255, 20));
    painter.setPen(QPen(QColor(0xe8, 0xec, 0xf2), 14));
    painter.drawEllipse(QPointF(112, 112), 70, 70);
    painter.setPen(QPen(QColor(0xe8, 0xec, 0xf2), 24, Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(QPointF(163, 163), QPointF(214, 214));
    painter.end();
    icon.addPixmap(pixmap);
  }
  return icon;
}

}  // namespace

QIcon applicationIcon() {
  const bool svgReadable = QImageReader::supportedImageFormats().contains("svg");
  return svgReadable ? QIcon(QStringLiteral(":/icons/stts-lens.svg")) : paintedApplicationIcon();
}

void applyApplicationStyle(QApplication& app) {
  if (QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion"))) app.setStyle(fusion);

  const QColor window(40, 40, 44);
  const QColor base(30, 30, 33);
  const QColor text(226, 226, 230);
  const QColor disabledText(120, 120, 126);
  const QColor accent(61, 142, 233);

  QPalette palette;
  palette.setColor(QPalette::Window, window);
  palette.setColor(QPalette::WindowText, text);
  palette.setColor(QPalette::Base, base);
  palette.setColor(QPalette::AlternateBase, window);
  palette.setColor(QPalette::ToolTipBase, base);
  palette.setColor(QPalette::ToolTipText, text);
  palette.setColor(QPalette::PlaceholderText, disabledText);
  palette.setColor(QPalette::Text, text);
  palette.setColor(QPalette::Button, window);
  palette.setColor(QPalette::ButtonText, text);
  palette.setColor(QPalette::BrightText, Qt::white);
  palette.setColor(QPalette::Link, accent);
  palette.setColor(QPalette::Highlight, accent);
  palette.setColor(QPalette::HighlightedText, Qt::white);
  palette.setColor(QPalette::Mid, QColor(56, 56, 62));
  palette.setColor(QPalette::Dark, QColor(22, 22, 24));
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
    palette.setColor(QPalette::Disabled, role, disabledText);
  }
  app.setPalette(palette);
  app.setWindowIcon(applicationIcon());
}

}  // namespace stts::ui
