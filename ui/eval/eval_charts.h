// The eval window's two plots with Qt Charts, in the shape of `stts eval`'s SVGs: accuracy (with
// its 95 % interval as a whisker) and median prefill time against the vision tokens the LLM
// received, one line with visible points per method × frame count ("stts · 16 frames"). More
// frames at a lower keep for the same tokens is test-time scaling, so both axes start at zero.
// The same chart is drawn on screen and, rebuilt off screen at the chosen size, into PNG or SVG.
#pragma once

#include <QChartView>
#include <QColor>
#include <QList>
#include <QString>
#include <vector>

#include "charts/stage_chart_file.h"
#include "stts/eval.h"

class QChart;
class QLineSeries;

namespace stts::ui {

enum class EvalChartKind { Accuracy, Prefill };

struct EvalChartPoint {
  double tokens = 0.0;  // x: mean vision tokens the LLM received
  double value = 0.0;   // y: accuracy in %, or median prefill time in ms
  double low = 0.0;     // the 95 % interval in % (accuracy only; else equal to value)
  double high = 0.0;
  double keep = 1.0;
  int64_t n = 0;
  int64_t hits = 0;
};

struct EvalChartSeries {
  QString name;  // "stts · 16 frames"
  QColor colour;
  std::vector<EvalChartPoint> points;  // by tokens
};

struct EvalChartData {
  EvalChartKind kind = EvalChartKind::Accuracy;
  QString title;
  std::vector<EvalChartSeries> series;
};

// The series of one plot: groups that ran no sample (and, for prefill, groups without a prefill
// stage) have no point. Colours follow `stts eval`'s SVG palette, by series.
EvalChartData evalChartData(EvalChartKind kind, const std::vector<stts::eval::GroupMetrics>& groups,
                            const QString& benchName);

// What the pointer shows on a point: the series, keep, tokens, value and for accuracy the
// interval and counts.
QString evalPointText(const EvalChartData& data, const EvalChartSeries& series,
                      const EvalChartPoint& point);

// `data` at `picture.size` logical pixels (720 × 440 when not set), as SVG for a ".svg" path
// else a PNG at `picture.pixelScale()`; light colours for paper. Empty on success, else a
// sentence.
QString writeEvalChart(const QString& path, const EvalChartData& data, const QFont& font,
                       const StageChartPicture& picture);

// The picture size when none was chosen: the command line's SVG size.
inline constexpr int kEvalChartDefaultWidth = 720;
inline constexpr int kEvalChartDefaultHeight = 440;

class EvalChartView : public QChartView {
  Q_OBJECT

 public:
  explicit EvalChartView(QWidget* parent = nullptr);

  void setData(EvalChartData data);
  const EvalChartData& data() const { return data_; }
  // The line series of data().series, in order (the interval whiskers are not among them).
  const QList<QLineSeries*>& dataSeries() const { return dataSeries_; }
  // The text shown for point `point` of series `series`; empty when there is no such point.
  QString pointText(int series, int point) const;

 signals:
  // The pointer rests on a point (its text) or left it (empty).
  void pointHovered(const QString& text);
  void exportRequested();

 protected:
  void changeEvent(QEvent* event) override;
  void contextMenuEvent(QContextMenuEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;

 private:
  void rebuild();
  void setHovered(int series, int point);

  EvalChartData data_;
  QList<QLineSeries*> dataSeries_;
  int hoveredSeries_ = -1;
  int hoveredPoint_ = -1;
};

}  // namespace stts::ui
