// The run's numbers as files (ux.md §4): the per-cell CSV (one row per frame and cell) and the
// run's metadata as JSON, for plots and papers. Pure functions of the RunResult.
#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>

#include "stts/error.h"
#include "stts/run_result.h"

namespace stts::ui {

// The header of the cell CSV; rows follow in frame order, cells row-major.
inline constexpr const char* kCellCsvHeader = "frame,time,cell_row,cell_col,score,kept";

// frame (0-based sampled index), time (requested seconds), cell_row and cell_col (0..8), score
// (as stored, full float precision), kept (0 or 1): frames * 81 rows after the header.
QByteArray cellsCsv(const stts::RunResult& run);

// The run's metadata as an indented JSON object: format, request, video, model identity, token
// counts, per-frame times / PTS / frame numbers / kept counts, timings, answer, versions. No
// per-cell data (that is the CSV). `runPath` and `videoPath` are recorded when known.
QByteArray runMetadataJson(const stts::RunResult& run, const QString& runPath,
                           const QString& videoPath);

// Writes `bytes` to `path` atomically (a temporary file renamed over it), or says why not.
stts::Expected<void> writeExportFile(const QString& path, const QByteArray& bytes);
// The image in the format its suffix names (PNG when unknown), written the same way.
stts::Expected<void> writeExportImage(const QImage& image, const QString& path);

}  // namespace stts::ui
