// The run's numbers as files (ux.md §4): the per-cell CSV (one row per frame and cell) and the
// run's metadata as JSON, for plots and papers. Pure functions of the RunResult.
#pragma once

#include <QByteArray>
#include <QString>

// writeExportFile and writeExportImage, the atomic writers every export uses, moved down to
// common/ so the charts can use them too; included here for the existing callers.
#include "common/export_file.h"
#include "stts/run_result.h"

namespace stts::ui {

// The header of the cell CSV; rows follow in frame order, cells row-major.
inline constexpr const char* kCellCsvHeader = "sample,time,cell_row,cell_col,score,kept";

// sample (the number the window shows, from 1), time (requested seconds), cell_row and cell_col
// (0..8), score (as stored, full float precision), kept (0 or 1): frames * 81 rows after the
// header.
QByteArray cellsCsv(const stts::RunResult& run);

// The run's metadata as an indented JSON object: format, request, video, model identity, token
// counts, per-frame times / PTS / frame numbers / kept counts, timings, answer, versions. No
// per-cell data (that is the CSV). `runPath` and `videoPath` are recorded when known.
QByteArray runMetadataJson(const stts::RunResult& run, const QString& runPath,
                           const QString& videoPath);

}  // namespace stts::ui
