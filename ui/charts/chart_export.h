// Saving a stage chart as a figure from the window: a small dialog for the format (PNG or SVG),
// the size in logical pixels (never below what the chart's text needs) and, for PNG, the scale
// (1x, 2x, 3x or 300 dpi); then the file dialog. The drawing and writing is the shared renderer's
// (charts/stage_chart_file.h), the same as `stts export --timing-chart`.
#pragma once

#include <QDialog>
#include <QString>
#include <functional>

#include "charts/stage_chart_file.h"

class QComboBox;
class QLabel;
class QSpinBox;

namespace stts::ui {

struct ChartExportChoice {
  bool svg = false;
  StageChartPicture picture;  // its size is always set
};

class ChartExportDialog : public QDialog {
  Q_OBJECT

 public:
  enum Scale { Scale1x, Scale2x, Scale3x, Scale300Dpi };

  // `heightNeeded` says the least height that shows all the text at a width; the size boxes
  // never go below it.
  ChartExportDialog(QSize current, int minimumWidth, std::function<int(int)> heightNeeded,
                    QWidget* parent = nullptr);

  ChartExportChoice choice() const;

  // The parts, for tests.
  QComboBox* formatBox() const { return format_; }
  QSpinBox* widthBox() const { return width_; }
  QSpinBox* heightBox() const { return height_; }
  QComboBox* scaleBox() const { return scale_; }
  QLabel* resultLabel() const { return result_; }

 private:
  void update();

  std::function<int(int)> heightNeeded_;
  QComboBox* format_ = nullptr;
  QSpinBox* width_ = nullptr;
  QSpinBox* height_ = nullptr;
  QComboBox* scale_ = nullptr;
  QLabel* result_ = nullptr;
};

// Writes the chart to a path with the chosen picture settings: empty on success, else a sentence.
using ChartWriter = std::function<QString(const QString& path, const StageChartPicture& picture)>;

// The dialog, then the file dialog, then `write`; problems are shown in a message box under
// `parent`. `baseName` suggests the file name.
void exportChartWithDialog(QWidget* parent, QSize current, int minimumWidth,
                           const std::function<int(int)>& heightNeeded, const QString& baseName,
                           const ChartWriter& write);

}  // namespace stts::ui
