// Saving a chart as a picture: PNG (pixels at the view's size times the screen's scale) or SVG
// (vector, through QSvgGenerator), chosen by the file's suffix.
#pragma once

#include <QString>

class QChartView;
class QWidget;

namespace stts::ui {

// Empty on success, otherwise one sentence saying why nothing was written.
QString saveChartPng(QChartView* view, const QString& path);
QString saveChartSvg(QChartView* view, const QString& path, const QString& title);
// By suffix: ".svg" writes SVG, anything else PNG.
QString saveChart(QChartView* view, const QString& path, const QString& title);

// Asks for a file name (PNG or SVG) and saves; problems are shown in a message box under
// `parent`. `baseName` suggests the file name.
void exportChartWithDialog(QWidget* parent, QChartView* view, const QString& baseName,
                           const QString& title);

}  // namespace stts::ui
