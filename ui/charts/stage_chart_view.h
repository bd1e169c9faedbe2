// A stage chart as a widget (the Timing dock's two charts, the comparison window's chart): it
// draws itself with the shared renderer (charts/stage_chart.h) at its own size and font, asks for
// the room its text needs (minimumSizeHint comes from the layout, so nothing is ever clipped), and
// says which bar the mouse is over so its owner can explain it.
#pragma once

#include <QWidget>
#include <optional>

#include "charts/stage_chart.h"

namespace stts::ui {

class StageChartView : public QWidget {
  Q_OBJECT

 public:
  explicit StageChartView(StageChartKind kind, QWidget* parent = nullptr);

  StageChartKind kind() const { return kind_; }
  void setData(StageChartData data);
  const StageChartData& data() const { return data_; }
  void setTitle(const QString& title);
  QString title() const { return title_; }

  // The title and the font this widget draws with.
  StageChartOptions chartOptions() const;
  // Where everything is at the widget's current size: what paintEvent draws.
  const StageChartLayout& chartLayout() const;

  QSize minimumSizeHint() const override;
  QSize sizeHint() const override;

 signals:
  // The bar under the mouse: its row (run) and stage; -1, -1 when the mouse leaves the bars.
  void barHovered(int row, int stage);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void invalidate();
  void hover(int row, int stage);

  StageChartKind kind_;
  StageChartData data_;
  QString title_;
  mutable std::optional<StageChartLayout> layout_;
  int hoveredRow_ = -1;
  int hoveredStage_ = -1;
};

}  // namespace stts::ui
