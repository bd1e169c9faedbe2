// FrameView's navigation: zoom and pan (keys, Ctrl + wheel around the cursor, middle-drag and
// Space + drag), the cell under the mouse and its tooltip. The drawing is in frame_view.cpp.
#include <QAbstractSpinBox>
#include <QApplication>
#include <QCursor>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMetaMethod>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QTextEdit>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "common/sample_numbers.h"
#include "common/time_format.h"
#include "view/frame_view.h"

namespace stts::ui {

namespace {

// An editable text field with the focus takes Space as a character; a read-only one does not.
bool typesText(QWidget* focus) {
  if (auto* line = qobject_cast<QLineEdit*>(focus)) return !line->isReadOnly();
  if (auto* text = qobject_cast<QTextEdit*>(focus)) return !text->isReadOnly();
  if (auto* plain = qobject_cast<QPlainTextEdit*>(focus)) return !plain->isReadOnly();
  if (auto* spin = qobject_cast<QAbstractSpinBox*>(focus)) return !spin->isReadOnly();
  return false;
}

}  // namespace

// ---- zoom and pan --------------------------------------------------------------------------

void FrameView::setZoom(double zoom) {
  applyViewTransform(zoom, pan_);
}

void FrameView::setPan(QPointF pan) {
  applyViewTransform(zoom_, pan);
}

void FrameView::setViewTransform(double zoom, QPointF pan) {
  applyViewTransform(zoom, pan);
}

void FrameView::fitToWindow() {
  applyViewTransform(1.0, QPointF());
}

void FrameView::zoomActualSize() {
  const double target = actualSizeZoom();
  if (target <= 0.0) return;
  zoomAround(QPointF(width() / 2.0, height() / 2.0), target / zoom_);
}

void FrameView::zoomIn() {
  zoomAround(QPointF(width() / 2.0, height() / 2.0), kZoomStep);
}

void FrameView::zoomOut() {
  zoomAround(QPointF(width() / 2.0, height() / 2.0), 1.0 / kZoomStep);
}

void FrameView::zoomAround(QPointF widgetPoint, double factor) {
  const QRectF rect = exactFrameRect();
  const QSizeF fit = fittedSize();
  const double zoom = std::clamp(zoom_ * factor, minimumZoom(), kMaximumZoom);
  if (rect.isEmpty() || fit.isEmpty()) {
    applyViewTransform(zoom, pan_);
    return;
  }
  // The picture point under widgetPoint, as a fraction of the picture, stays under it.
  const double u = (widgetPoint.x() - rect.left()) / rect.width();
  const double v = (widgetPoint.y() - rect.top()) / rect.height();
  const double newWidth = fit.width() * zoom;
  const double newHeight = fit.height() * zoom;
  const double centreX = widgetPoint.x() - u * newWidth + newWidth / 2.0;
  const double centreY = widgetPoint.y() - v * newHeight + newHeight / 2.0;
  applyViewTransform(zoom, QPointF((centreX - width() / 2.0) / fit.width(),
                                   (centreY - height() / 2.0) / fit.height()));
}

QSizeF FrameView::naturalSize() const {
  const QSize size = !sourceSize_.isEmpty() ? sourceSize_
                     : frame_               ? QSize(frame_->width, frame_->height)
                                            : QSize();
  if (size.isEmpty()) return {};
  const double w = size.width();
  const double h = size.height();
  if (displayAspect_ <= 0.0) return {w, h};
  return displayAspect_ > w / h ? QSizeF(h * displayAspect_, h) : QSizeF(w, w / displayAspect_);
}

double FrameView::actualSizeZoom() const {
  const QSizeF natural = naturalSize();
  const QSizeF fit = fittedSize();
  if (natural.isEmpty() || fit.isEmpty()) return 0.0;
  return natural.width() / (fit.width() * devicePixelRatioF());
}

int FrameView::zoomPercent() const {
  const double actual = actualSizeZoom();
  return actual > 0.0 ? int(std::lround(100.0 * zoom_ / actual)) : 0;
}

double FrameView::minimumZoom() const {
  // A picture smaller than the view can still be seen at 100 %.
  const double actual = actualSizeZoom();
  return actual > 0.0 ? std::min(kMinimumZoom, actual) : kMinimumZoom;
}

QSizeF FrameView::fittedSize() const {
  const QSizeF natural = naturalSize();
  if (natural.isEmpty() || width() <= 0 || height() <= 0) return {};
  // The axis with less room spans the whole view, the other shrinks (letterbox).
  const double frameAspect = natural.width() / natural.height();
  const double widgetAspect = double(width()) / height();
  if (frameAspect > widgetAspect) return {double(width()), width() / frameAspect};
  return {height() * frameAspect, double(height())};
}

QPointF FrameView::clampedPan(QPointF pan, double zoom) const {
  const QSizeF fit = fittedSize();
  if (fit.isEmpty()) return pan;
  // Smaller than the view: the picture stays inside; larger: it keeps covering the view. Both
  // allow the centre to move by half the size difference.
  const double limitX = std::abs(width() - fit.width() * zoom) / 2.0 / fit.width();
  const double limitY = std::abs(height() - fit.height() * zoom) / 2.0 / fit.height();
  return {std::clamp(pan.x(), -limitX, limitX), std::clamp(pan.y(), -limitY, limitY)};
}

void FrameView::applyViewTransform(double zoom, QPointF pan) {
  if (!std::isfinite(zoom) || !std::isfinite(pan.x()) || !std::isfinite(pan.y())) return;
  const double clampedZoom = std::clamp(zoom, minimumZoom(), kMaximumZoom);
  const QPointF clamped = clampedPan(pan, clampedZoom);
  if (clampedZoom == zoom_ && clamped == pan_) return;
  zoom_ = clampedZoom;
  pan_ = clamped;
  update();
  emit viewTransformChanged(zoom_, pan_);
  if (underMouse()) updateHover(lastMousePosition_);
}

QRectF FrameView::exactFrameRect() const {
  const QSizeF fit = fittedSize();
  if (fit.isEmpty()) return {};
  const QSizeF size = fit * zoom_;
  return {width() / 2.0 + pan_.x() * fit.width() - size.width() / 2.0,
          height() / 2.0 + pan_.y() * fit.height() - size.height() / 2.0, size.width(),
          size.height()};
}

QRectF FrameView::frameRect() const {
  const QRectF exact = exactFrameRect();
  if (exact.isEmpty()) return {};
  // The corner on a whole device pixel: at 100 % every source pixel then covers exactly one
  // device pixel instead of being blended with its neighbour. Zooming works on the exact
  // rectangle, so the rounding never accumulates.
  const double ratio = devicePixelRatioF();
  return {std::round(exact.left() * ratio) / ratio, std::round(exact.top() * ratio) / ratio,
          exact.width(), exact.height()};
}

QMatrix4x4 FrameView::frameTransform() const {
  QMatrix4x4 m;
  const QRectF rect = frameRect();
  if (rect.isEmpty()) return m;
  // The unit quad [-1, 1]^2 onto the picture's rectangle in clip space (y up).
  const QPointF centre = rect.center();
  m.translate(float(centre.x() / width() * 2.0 - 1.0), float(1.0 - centre.y() / height() * 2.0));
  m.scale(float(rect.width() / width()), float(rect.height() / height()));
  return m;
}

// ---- hover ---------------------------------------------------------------------------------

std::optional<CellPosition> FrameView::cellAt(QPointF widgetPoint) const {
  const QRectF rect = frameRect();
  if (rect.isEmpty() || widgetPoint.x() < rect.left() || widgetPoint.y() < rect.top() ||
      widgetPoint.x() >= rect.right() || widgetPoint.y() >= rect.bottom()) {
    return std::nullopt;
  }
  const double u = (widgetPoint.x() - rect.left()) / rect.width();
  const double v = (widgetPoint.y() - rect.top()) / rect.height();
  return CellPosition{std::clamp(int(v * stts::kCellGrid), 0, stts::kCellGrid - 1),
                      std::clamp(int(u * stts::kCellGrid), 0, stts::kCellGrid - 1)};
}

QString FrameView::toolTipTextAt(QPointF widgetPoint) const {
  const std::optional<CellPosition> cell = cellAt(widgetPoint);
  if (!cell) return {};
  QStringList lines;
  if (sampledIndex_ >= 0) {
    lines << tr("Sample %1 of %2 · %3")
                 .arg(sampleNumber(sampledIndex_))
                 .arg(sampledCount_)
                 .arg(formatTimestamp(seconds_));
  }
  lines << tr("Cell: row %1, column %2").arg(cell->row).arg(cell->column);
  if (cells_) {
    const size_t index = size_t(cell->row * stts::kCellGrid + cell->column);
    if (style_.mode == OverlayMode::Diff) {
      switch (cells_->diff[index]) {
        case kDiffBoth:
          lines << tr("Kept by both runs");
          break;
        case kDiffOnlyA:
          lines << tr("Kept by run A only");
          break;
        case kDiffOnlyB:
          lines << tr("Kept by run B only");
          break;
        default:
          lines << tr("Dropped by both runs");
          break;
      }
    } else {
      const float score = cells_->score[index];
      lines << (std::isfinite(score) ? tr("Score: %1").arg(double(score), 0, 'g', 4)
                                     : tr("Score: unknown"));
      lines << (cells_->kept[index] ? tr("Kept") : tr("Dropped"));
    }
  }
  return lines.join(QLatin1Char('\n'));
}

void FrameView::updateHover(QPointF widgetPoint) {
  lastMousePosition_ = widgetPoint;
  const std::optional<CellPosition> cell = cellAt(widgetPoint);
  if (cell != hovered_) {
    hovered_ = cell;
    emit hoveredCellChanged(sampledIndex_, cell ? cell->row : -1, cell ? cell->column : -1);
  }
  if (QToolTip::isVisible()) {
    const QString text = toolTipTextAt(widgetPoint);
    if (text.isEmpty()) {
      QToolTip::hideText();
    } else {
      QToolTip::showText(mapToGlobal(widgetPoint.toPoint()), text, this);
    }
  }
}

void FrameView::leaveEvent(QEvent* event) {
  if (hovered_) {
    hovered_.reset();
    emit hoveredCellChanged(sampledIndex_, -1, -1);
  }
  QOpenGLWidget::leaveEvent(event);
}

bool FrameView::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const QString text = toolTipTextAt(help->pos());
    if (text.isEmpty()) {
      QToolTip::hideText();
      event->ignore();
    } else {
      QToolTip::showText(help->globalPos(), text, this);
    }
    return true;
  }
  return QOpenGLWidget::event(event);
}

// ---- mouse and Space -----------------------------------------------------------------------

void FrameView::mousePressEvent(QMouseEvent* event) {
  const bool middle = event->button() == Qt::MiddleButton;
  const bool spaceDrag = event->button() == Qt::LeftButton && spaceHeld_;
  if ((middle || spaceDrag) && frame_) {
    panning_ = true;
    panAnchor_ = event->position();
    if (spaceDrag) spaceDragged_ = true;
    updateCursor();
    event->accept();
    return;
  }
  QOpenGLWidget::mousePressEvent(event);
}

void FrameView::mouseMoveEvent(QMouseEvent* event) {
  if (panning_) {
    const QSizeF fit = fittedSize();
    const QPointF delta = event->position() - panAnchor_;
    panAnchor_ = event->position();
    if (!fit.isEmpty()) {
      setPan(pan_ + QPointF(delta.x() / fit.width(), delta.y() / fit.height()));
    }
  }
  updateHover(event->position());
  QOpenGLWidget::mouseMoveEvent(event);
}

void FrameView::mouseReleaseEvent(QMouseEvent* event) {
  if (panning_ && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
    panning_ = false;
    updateCursor();
    event->accept();
    return;
  }
  QOpenGLWidget::mouseReleaseEvent(event);
}

void FrameView::wheelEvent(QWheelEvent* event) {
  if (!(event->modifiers() & Qt::ControlModifier) || !frame_) {
    event->ignore();
    return;
  }
  const double notches = event->angleDelta().y() / 120.0;
  if (notches != 0.0) zoomAround(event->position(), std::pow(kZoomStep, notches));
  event->accept();
}

void FrameView::updateCursor() {
  if (panning_) {
    setCursor(Qt::ClosedHandCursor);
  } else if (spaceHeld_) {
    setCursor(Qt::OpenHandCursor);
  } else {
    unsetCursor();
  }
}

bool FrameView::eventFilter(QObject* watched, QEvent* event) {
  const QEvent::Type type = event->type();
  if (type == QEvent::ApplicationDeactivate && spaceHeld_) {
    spaceHeld_ = false;  // the release goes to another application: no tap, no pan
    updateCursor();
  }
  if ((type == QEvent::ShortcutOverride || type == QEvent::KeyPress ||
       type == QEvent::KeyRelease) &&
      handleSpaceKey(event)) {
    return true;
  }
  return QOpenGLWidget::eventFilter(watched, event);
}

bool FrameView::handleSpaceKey(QEvent* event) {
  auto* key = static_cast<QKeyEvent*>(event);
  if (key->key() != Qt::Key_Space) return false;
  if (event->type() == QEvent::ShortcutOverride) {
    if (!spaceHeld_) {
      // Only over a shown picture, in the active window, not while typing somewhere, and only
      // when someone plays on a tap: a view nobody listens to leaves Space to the shortcut.
      static const QMetaMethod tapped = QMetaMethod::fromSignal(&FrameView::spaceTapped);
      if (!isSignalConnected(tapped) || key->modifiers() != Qt::NoModifier || !frame_ ||
          !isVisible() || typesText(QApplication::focusWidget()) || !window()->isActiveWindow() ||
          !rect().contains(mapFromGlobal(QCursor::pos()))) {
        return false;
      }
      spaceHeld_ = true;
      spaceDragged_ = false;
      updateCursor();
    }
    event->accept();  // the shortcut does not fire; the press arrives as a key event instead
    return true;
  }
  if (!spaceHeld_) return false;
  if (event->type() == QEvent::KeyRelease && !key->isAutoRepeat()) {
    spaceHeld_ = false;
    updateCursor();
    if (!spaceDragged_) emit spaceTapped();
  }
  event->accept();
  return true;
}

}  // namespace stts::ui
