// The overlay legend over the frame view's corner: in score mode a colour bar with the score range
// the colours were normalised over (the run's or the frame's), in diff mode the three classes. A
// child widget rather than QPainter calls in paintGL, because QWidget::grab() (used by screenshots)
// drops what a painter draws into a QOpenGLWidget but composites child widgets.
#pragma once

#include <QWidget>

class QPainter;

#include "view/colour_maps.h"

namespace stts::ui {

class OverlayLegend : public QWidget {
  Q_OBJECT

 public:
  enum class Content { Score, Diff };

  explicit OverlayLegend(QWidget* parent = nullptr);

  void setContent(Content content);
  void setColourMap(ColourMap map);
  void setRange(double low, double high);
  // Whether the range is the shown frame's own (per-frame normalisation) rather than the run's.
  void setPerFrame(bool perFrame);
  // Names of the two runs in diff mode; empty: "A" and "B".
  void setRunNames(const QString& a, const QString& b);
  Content content() const { return content_; }
  ColourMap colourMap() const { return map_; }
  double low() const { return low_; }
  double high() const { return high_; }
  bool perFrame() const { return perFrame_; }
  // The text of the title and range labels, as drawn (tests read them).
  QString title() const;
  QString lowText() const;
  QString highText() const;

  // The colour bar's rectangle in widget coordinates (tests read colours from it).
  QRect barRect() const;

  QSize sizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void paintDiff(QPainter& painter);

  Content content_ = Content::Score;
  ColourMap map_ = ColourMap::Viridis;
  double low_ = 0.0;
  double high_ = 1.0;
  bool perFrame_ = false;
  QString nameA_;
  QString nameB_;
};

}  // namespace stts::ui
