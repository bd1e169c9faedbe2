// A strip under the comparison's timeline: one bar per sampled frame whose height is the IoU of
// two runs' kept cells in that frame (ux.md §5). Bars sit under the timeline's ticks; hovering
// one shows its value.
#pragma once

#include <QString>
#include <QWidget>
#include <vector>

namespace stts::ui {

class Timeline;

class IoUStrip : public QWidget {
  Q_OBJECT

 public:
  explicit IoUStrip(QWidget* parent = nullptr);

  // Bars are placed under `timeline`'s samples (same x as its ticks); null spaces them evenly.
  void alignTo(const Timeline* timeline);
  // One IoU per sampled frame (negative: unknown) and the names of the two runs, e.g. "A", "B".
  void setValues(std::vector<double> values, const QString& first, const QString& second);
  const std::vector<double>& values() const { return values_; }
  void setCurrentIndex(int index);

  // The bar under widget x coordinate `x` (nearest sample), -1 when none; and its hover text.
  int indexAt(int x) const;
  QString valueText(int index) const;
  int xForIndex(int index) const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;

 private:
  const Timeline* timeline_ = nullptr;
  std::vector<double> values_;
  QString first_;
  QString second_;
  int current_ = -1;
  int hovered_ = -1;
};

}  // namespace stts::ui
