#include "common/file_names.h"

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

}  // namespace stts::ui
