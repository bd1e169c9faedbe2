#include "common/time_format.h"

#include <QLocale>

#include <cmath>
#include <cstdint>

namespace stts::ui {

QString formatTimestamp(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0.0) seconds = 0.0;
  const auto totalMs = static_cast<int64_t>(std::llround(seconds * 1000.0));
  const int64_t ms = totalMs % 1000;
  const int64_t totalSeconds = totalMs / 1000;
  const int64_t secs = totalSeconds % 60;
  const int64_t minutes = (totalSeconds / 60) % 60;
  const int64_t hours = totalSeconds / 3600;
  return QStringLiteral("%1:%2:%3.%4")
      .arg(hours, 2, 10, QLatin1Char('0'))
      .arg(minutes, 2, 10, QLatin1Char('0'))
      .arg(secs, 2, 10, QLatin1Char('0'))
      .arg(ms, 3, 10, QLatin1Char('0'));
}

QString formatNumber(double value, int decimals) {
  QLocale locale;
  locale.setNumberOptions(locale.numberOptions() | QLocale::OmitGroupSeparator);
  return locale.toString(value, 'f', decimals);
}

}  // namespace stts::ui
