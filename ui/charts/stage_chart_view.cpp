#include "charts/stage_chart_view.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPainter>
#include <cmath>

namespace stts::ui {

namespace {

// A chart that shows every text at its minimum size still deserves room for its bars.
constexpr int kComfortableWidth = 420;

QSize wholePixels(QSizeF size) {
  return QSize(int(std::ceil(size.width())), int(std::ceil(size.height())));
}

}  // namespace

StageChartView::StageChartView(StageChartKind kind, QWidget* parent)
    : QWidget(parent), kind_(kind) {
  setMouseTracking(true);  // hover explains a bar without a click
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void StageChartView::setData(StageChartData data) {
  data_ = std::move(data);
  hover(-1, -1);
  invalidate();
}

void StageChartView::setTitle(const QString& title) {
  if (title == title_) return;
  title_ = title;
  invalidate();
}

StageChartOptions StageChartView::chartOptions() const {
  return StageChartOptions{font(), title_};
}

const StageChartLayout& StageChartView::chartLayout() const {
  if (!layout_) layout_ = layoutStageChart(kind_, data_, QSizeF(size()), chartOptions());
  return *layout_;
}

QSize StageChartView::minimumSizeHint() const {
  return wholePixels(stageChartMinimumSize(kind_, data_, chartOptions()));
}

QSize StageChartView::sizeHint() const {
  const QSize minimum = minimumSizeHint();
  const double width = std::max(minimum.width(), kComfortableWidth);
  return wholePixels(stageChartPreferredSize(kind_, data_, chartOptions(), width))
      .expandedTo(minimum);
}

void StageChartView::invalidate() {
  layout_.reset();
  updateGeometry();  // the text may need more (or less) room now
  update();
}

void StageChartView::hover(int row, int stage) {
  if (row == hoveredRow_ && stage == hoveredStage_) return;
  hoveredRow_ = row;
  hoveredStage_ = stage;
  emit barHovered(row, stage);
}

void StageChartView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  paintStageChart(painter, chartLayout(), StageChartColours::fromPalette(palette()));
}

void StageChartView::resizeEvent(QResizeEvent* event) {
  layout_.reset();
  QWidget::resizeEvent(event);
}

void StageChartView::mouseMoveEvent(QMouseEvent* event) {
  const ChartBar* bar = chartLayout().barAt(event->position());
  hover(bar ? bar->row : -1, bar ? bar->stage : -1);
  QWidget::mouseMoveEvent(event);
}

void StageChartView::leaveEvent(QEvent* event) {
  hover(-1, -1);
  QWidget::leaveEvent(event);
}

void StageChartView::changeEvent(QEvent* event) {
  if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange) invalidate();
  QWidget::changeEvent(event);
}

}  // namespace stts::ui
