#include "common/file_names.h"

#include <QFileInfo>
#include <cmath>

namespace stts::ui {

namespace {

bool isUnsafe(QChar c) {
  static const QString kUnsafe = QStringLiteral("/\\:*?\"<>|");
  return c.isSpace() || c.category() == QChar::Other_Control || kUnsafe.contains(c);
}

}  // namespace

QString safeFileNamePart(const QString& text) {
  QString safe;
  safe.reserve(text.size());
  for (QChar c : text) safe += isUnsafe(c) ? QLatin1Char('_') : c;
  // "." and ".." are not file names, and a leading dot would hide the file.
  while (safe.startsWith(QLatin1Char('.'))) safe.remove(0, 1);
  return safe.isEmpty() ? QStringLiteral("export") : safe;
}

QString methodTag(const QString& method, double keepRatio) {
  if (method.isEmpty()) return {};
  const long percent = std::isfinite(keepRatio) ? std::lround(keepRatio * 100.0) : 0;
  return safeFileNamePart(method) + QStringLiteral("-%1").arg(percent);
}

QString videoFileStem(const QString& videoPath) {
  const QString base = QFileInfo(videoPath).completeBaseName();
  return safeFileNamePart(base.isEmpty() ? QStringLiteral("frames") : base);
}

QString withMethodTag(const QString& stem, const QString& method, double keepRatio) {
  const QString tag = methodTag(method, keepRatio);
  return tag.isEmpty() ? stem : stem + QLatin1Char('_') + tag;
}

}  // namespace stts::ui
