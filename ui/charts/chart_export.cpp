#include "charts/chart_export.h"

#include <QChartView>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QMessageBox>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <algorithm>

#include "common/settings.h"
#include "stts/regular_file.h"

namespace stts::ui {

namespace {

const QString kExportDirectoryKey = QStringLiteral("charts/exportDirectory");

// QSaveFile's rename would replace a device node or FIFO with the picture.
QString notRegularProblem(const QString& path) {
  if (stts::nonRegularKind(QFile::encodeName(path).toStdString()).empty()) return {};
  return QCoreApplication::translate("ChartExport",
                                     "Could not write “%1”: it is not a regular file")
      .arg(QFileInfo(path).fileName());
}

}  // namespace

QString saveChartPng(QChartView* view, const QString& path) {
  const qreal scale = std::max<qreal>(1.0, view->devicePixelRatioF());
  QImage image(view->size() * scale, QImage::Format_ARGB32_Premultiplied);
  image.setDevicePixelRatio(scale);
  image.fill(view->chart()->backgroundBrush().color());
  {
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    view->render(&painter);
  }
  // QSaveFile: a failed or interrupted write never leaves half a picture behind.
  if (const QString problem = notRegularProblem(path); !problem.isEmpty()) return problem;
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
    return QCoreApplication::translate("ChartExport", "Could not write “%1”: %2")
        .arg(QFileInfo(path).fileName(), file.errorString());
  }
  return {};
}

QString saveChartSvg(QChartView* view, const QString& path, const QString& title) {
  if (const QString problem = notRegularProblem(path); !problem.isEmpty()) return problem;
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    return QCoreApplication::translate("ChartExport", "Could not write “%1”: %2")
        .arg(QFileInfo(path).fileName(), file.errorString());
  }
  QSvgGenerator generator;
  generator.setOutputDevice(&file);
  generator.setSize(view->size());
  generator.setViewBox(QRect(QPoint(0, 0), view->size()));
  generator.setTitle(title);
  generator.setDescription(QCoreApplication::translate("ChartExport", "Made with STTS Lens"));
  {
    QPainter painter(&generator);
    view->render(&painter);
  }
  if (!file.commit()) {
    return QCoreApplication::translate("ChartExport", "Could not write “%1”: %2")
        .arg(QFileInfo(path).fileName(), file.errorString());
  }
  return {};
}

QString saveChart(QChartView* view, const QString& path, const QString& title) {
  if (QFileInfo(path).suffix().compare(QLatin1String("svg"), Qt::CaseInsensitive) == 0) {
    return saveChartSvg(view, path, title);
  }
  return saveChartPng(view, path);
}

void exportChartWithDialog(QWidget* parent, QChartView* view, const QString& baseName,
                           const QString& title) {
  auto settings = appSettings();
  const QString directory = settings->value(kExportDirectoryKey, QDir::homePath()).toString();
  const QString pngFilter = QCoreApplication::translate("ChartExport", "PNG image (*.png)");
  const QString svgFilter = QCoreApplication::translate("ChartExport", "SVG drawing (*.svg)");
  QString chosenFilter = pngFilter;
  QString path = QFileDialog::getSaveFileName(
      parent, QCoreApplication::translate("ChartExport", "Export Chart"),
      QDir(directory).filePath(baseName + QStringLiteral(".png")),
      pngFilter + QStringLiteral(";;") + svgFilter, &chosenFilter);
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) {
    path += chosenFilter == svgFilter ? QStringLiteral(".svg") : QStringLiteral(".png");
  }
  settings->setValue(kExportDirectoryKey, QFileInfo(path).absolutePath());
  const QString problem = saveChart(view, path, title);
  if (!problem.isEmpty())
    QMessageBox::warning(parent, QCoreApplication::translate("ChartExport", "Export Chart"),
                         problem);
}

}  // namespace stts::ui
