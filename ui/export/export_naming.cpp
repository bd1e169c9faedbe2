#include "export/export_naming.h"

#include <QDir>
#include <QFileInfo>
#include <cmath>

#include "common/sample_numbers.h"
#include "common/time_format.h"

namespace stts::ui {

namespace {

QString videoStem(const ExportNameParts& parts) {
  return videoFileStem(parts.videoPath);
}

QString withTag(const QString& stem, const ExportNameParts& parts) {
  return withMethodTag(stem, parts.method, parts.keepRatio);
}

}  // namespace

QString fileNameTimestamp(double seconds) {
  QString stamp = formatTimestamp(seconds);
  stamp.replace(QLatin1Char(':'), QLatin1Char('-'));
  stamp.replace(QLatin1Char('.'), QLatin1Char('-'));
  return stamp;
}

QString frameExportFileName(const ExportNameParts& parts, double seconds, int sampledIndex,
                            int sampleCount) {
  QString name = videoStem(parts) +
                 QStringLiteral("_%1_f%2").arg(fileNameTimestamp(seconds),
                                               sampleNumberForFileName(sampledIndex, sampleCount));
  return withTag(name, parts) + QStringLiteral(".png");
}

QString contactSheetFileName(const ExportNameParts& parts) {
  return withTag(videoStem(parts), parts) + QStringLiteral("_contact-sheet.png");
}

QString dataExportFileName(const ExportNameParts& parts, const QString& extension) {
  const QString suffix =
      extension == QLatin1String("csv") ? QStringLiteral("_cells") : QStringLiteral("_run");
  return withTag(videoStem(parts), parts) + suffix + QLatin1Char('.') + extension;
}

QString uniqueFilePath(const QString& directory, const QString& fileName) {
  const QDir dir(directory);
  const QString first = dir.filePath(fileName);
  if (!QFileInfo::exists(first)) return first;
  const QFileInfo info(fileName);
  const QString stem = info.completeBaseName();
  const QString suffix = info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix();
  for (int n = 2;; ++n) {
    const QString candidate = dir.filePath(QStringLiteral("%1-%2%3").arg(stem).arg(n).arg(suffix));
    if (!QFileInfo::exists(candidate)) return candidate;
  }
}

}  // namespace stts::ui
