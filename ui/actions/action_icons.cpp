#include "actions/action_icons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <functional>

namespace stts::ui {

namespace {

using Glyph = std::function<void(QPainterPath&)>;

// Glyphs are drawn in a 24 x 24 design box and rendered at a few sizes so toolbars at any
// device pixel ratio get a sharp pixmap instead of a scaled one.
QIcon renderGlyph(const Glyph& glyph, const QColor& colour) {
  QPainterPath path;
  glyph(path);
  QIcon icon;
  for (int size : {16, 20, 24, 32, 40, 48, 64}) {
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(size / 24.0, size / 24.0);
    painter.fillPath(path, colour);
    painter.end();
    icon.addPixmap(pixmap);
  }
  return icon;
}

void triangle(QPainterPath& path, QPointF a, QPointF b, QPointF c) {
  path.moveTo(a);
  path.lineTo(b);
  path.lineTo(c);
  path.closeSubpath();
}

void play(QPainterPath& p) {
  triangle(p, {7, 5}, {19, 12}, {7, 19});
}

void pause(QPainterPath& p) {
  p.addRoundedRect(QRectF(6.5, 5, 4, 14), 1, 1);
  p.addRoundedRect(QRectF(13.5, 5, 4, 14), 1, 1);
}

// One step: a triangle against a bar ("◀|" / "|▶"), as frame-step buttons in editors look.
void stepBack(QPainterPath& p) {
  triangle(p, {16, 6}, {7, 12}, {16, 18});
  p.addRect(QRectF(17, 6, 2.5, 12));
}

void stepForward(QPainterPath& p) {
  triangle(p, {8, 6}, {17, 12}, {8, 18});
  p.addRect(QRectF(4.5, 6, 2.5, 12));
}

// To an end: two triangles and a bar ("|◀◀" / "▶▶|").
void toFirst(QPainterPath& p) {
  p.addRect(QRectF(4, 6, 2.5, 12));
  triangle(p, {13.5, 6}, {7, 12}, {13.5, 18});
  triangle(p, {20.5, 6}, {14, 12}, {20.5, 18});
}

void toLast(QPainterPath& p) {
  triangle(p, {3.5, 6}, {10, 12}, {3.5, 18});
  triangle(p, {10.5, 6}, {17, 12}, {10.5, 18});
  p.addRect(QRectF(17.5, 6, 2.5, 12));
}

void folder(QPainterPath& p) {
  QPainterPath back;
  back.moveTo(3, 6.5);
  back.lineTo(9, 6.5);
  back.lineTo(11, 8.5);
  back.lineTo(21, 8.5);
  back.lineTo(21, 18.5);
  back.lineTo(3, 18.5);
  back.closeSubpath();
  QPainterPath inner;
  inner.addRect(QRectF(4.5, 11, 15, 6));
  p.addPath(back.subtracted(inner));
  p.addRect(QRectF(4.5, 11.8, 15, 5.2));
}

}  // namespace

QIcon actionIcon(ActionId id, const QColor& colour) {
  switch (id) {
    case ActionId::OpenVideo:
      return renderGlyph(folder, colour);
    case ActionId::PlayPause:
      return renderGlyph(play, colour);
    case ActionId::PreviousSample:
      return renderGlyph(stepBack, colour);
    case ActionId::NextSample:
      return renderGlyph(stepForward, colour);
    case ActionId::FirstSample:
      return renderGlyph(toFirst, colour);
    case ActionId::LastSample:
      return renderGlyph(toLast, colour);
    case ActionId::OpenRun:
    case ActionId::Quit:
    case ActionId::CycleOverlay:
    case ActionId::IncreaseOverlayOpacity:
    case ActionId::DecreaseOverlayOpacity:
    case ActionId::SaveRun:
    case ActionId::ChooseModel:
    case ActionId::RunQuestion:
    case ActionId::CancelQuestion:
    case ActionId::PreviousRawFrame:
    case ActionId::NextRawFrame:
    case ActionId::BackOneSecond:
    case ActionId::ForwardOneSecond:
    case ActionId::ShuttleReverse:
    case ActionId::ShuttlePause:
    case ActionId::ShuttleForward:
    case ActionId::ZoomIn:
    case ActionId::ZoomOut:
    case ActionId::ZoomToFit:
    case ActionId::ZoomActualSize:
    case ActionId::ToggleCellGrid:
    case ActionId::QuickScreenshot:
    case ActionId::ExportDialog:
    case ActionId::ShowHelp:
    case ActionId::Preferences:
    case ActionId::FitScorer:
    case ActionId::CompareRuns:
    case ActionId::ScoresPerFrame:
    case ActionId::OpenEvaluation:
      break;  // menu-only actions: text and keys say enough
  }
  return {};
}

QIcon pauseIcon(const QColor& colour) {
  return renderGlyph(pause, colour);
}

}  // namespace stts::ui
