// One numbering for sampled frames wherever people read or type it — the timeline, tooltips, the
// Data panel, captions, the cell CSV, export file names and the CLI's --frame: "sample 9 of 17",
// counted from 1 as players count frames. Run files and all code keep 0-based indices and convert
// only through these. (Raw video frame numbers are another thing: 0-based, as ffprobe prints.)
#pragma once

#include <QString>

namespace stts::ui {

// The number people see for the sampled frame at 0-based `index`.
inline int sampleNumber(int index) {
  return index + 1;
}

// The 0-based index of sample `number`; out-of-range numbers give out-of-range indices.
inline int sampleIndexFromNumber(long long number) {
  return number >= 1 && number <= 1'000'000'000LL ? int(number - 1) : -1;
}

// The sample number in a file name, zero-padded to the width of `count` so that a folder of
// exports sorts in time order: sample 9 of 384 → "009".
inline QString sampleNumberForFileName(int index, int count) {
  const int width = int(QString::number(count > 0 ? count : 1).size());
  return QStringLiteral("%1").arg(sampleNumber(index), width, 10, QLatin1Char('0'));
}

}  // namespace stts::ui
