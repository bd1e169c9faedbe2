// File names of exports (ux.md §4): `<video>_<HH-MM-SS-mmm>_f<sample>_<method>-<keep%>.png` for a
// frame, with characters that are unsafe in file names replaced, and never an existing file
// overwritten: like mpv's screenshots, a taken name gets `-2`, `-3`, … before the extension.
// <sample> is the sample number the window shows (from 1; common/sample_numbers.h), zero-padded
// to the width of the sample count so that names sort in time order: "f009" for sample 9 of 384.
#pragma once

#include <QString>

#include <optional>
#include "common/file_names.h"

namespace stts::ui {

// What a name is made of. `method` is empty for a plain video (no run): the name then ends after
// the frame part.
struct ExportNameParts {
  QString videoPath;
  QString method;
  double keepRatio = 0.0;
};

// A time as HH-MM-SS-mmm (the timestamp format with file-name-safe separators).
QString fileNameTimestamp(double seconds);

// `sampledIndex` is 0-based; `sampleCount` sets the padding.
QString frameExportFileName(const ExportNameParts& parts, double seconds, int sampledIndex,
                            int sampleCount);
QString contactSheetFileName(const ExportNameParts& parts);
// Cell data and run metadata: `extension` without the dot ("csv", "json").
QString dataExportFileName(const ExportNameParts& parts, const QString& extension);

// `directory/fileName` when no file of that name exists, else the first free one of
// `name-2.ext`, `name-3.ext`, …
QString uniqueFilePath(const QString& directory, const QString& fileName);

}  // namespace stts::ui
