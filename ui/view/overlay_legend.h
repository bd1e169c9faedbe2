// The score legend: a colour bar with the run's score range, shown over the frame view's corner in
// score mode. A child widget rather than QPainter calls in paintGL, because QWidget::grab() (used
// by screenshots) drops what a painter draws into a QOpenGLWidget but composites child widgets.
#pragma once

#include <QWidget>

#include "view/colour_maps.h"

namespace stts::ui {

class OverlayLegend : public QWidget {
  Q_OBJECT

 public:
  explicit OverlayLegend(QWidget* parent = nullptr);

  void setColourMap(ColourMap map);
  void setRange(double low, double high);
  ColourMap colourMap() const { return map_; }
  double low() const { return low_; }
  double high() const { return high_; }

  // The colour bar's rectangle in widget coordinates (tests read colours from it).
  QRect barRect() const;

  QSize sizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  ColourMap map_ = ColourMap::Viridis;
  double low_ = 0.0;
  double high_ = 1.0;
};

}  // namespace stts::ui
