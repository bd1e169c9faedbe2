// What a comparison of 2–4 runs computes (ux.md §5), without widgets: whether the runs can be
// compared at all (same video, same sampled frames), the per-frame diff and IoU of two runs' kept
// cells, the pane headers and the stage timings. The window, the export image and the
// `stts export-compare` command all read these, so they agree on every number.
#pragma once

#include <QString>
#include <QStringList>
#include <array>
#include <cstdint>
#include <vector>

#include "stts/run_result.h"

namespace stts::ui {

inline constexpr int kMinComparedRuns = 2;
inline constexpr int kMaxComparedRuns = 4;

// One cell of a two-run diff.
enum class DiffCell : uint8_t { DroppedByBoth = 0, OnlyA = 1, OnlyB = 2, KeptByBoth = 3 };
using DiffCells = std::array<DiffCell, stts::kCellsPerFrame>;

// Empty when `runs` can share one playhead: 2–4 runs of the same video file that sampled the same
// frames. Otherwise a sentence naming the first run that does not match and why. `names` label
// the runs in the sentence (file names); missing names fall back to "run 1", "run 2", ….
QString comparisonProblem(const std::vector<const stts::RunResult*>& runs,
                          const QStringList& names = {});

// Cell-by-cell diff of sampled frame `frame` of runs `a` and `b` (DroppedByBoth out of range).
DiffCells diffCells(const stts::RunResult& a, const stts::RunResult& b, int frame);

// Intersection over union of the two runs' kept cells in `frame`; 1 when neither keeps any cell
// (the sets are equal), -1 when the frame is out of range for either run.
double keptIoU(const stts::RunResult& a, const stts::RunResult& b, int frame);
// keptIoU for every frame both runs have.
std::vector<double> keptIoUPerFrame(const stts::RunResult& a, const stts::RunResult& b);

// The letter of pane `index` (A, B, C, D): the diff legend and the headers use the same names.
QString paneLetter(int index);

// Vision tokens kept, in percent of the tokens before pruning.
double keptPercent(const stts::RunResult& run);
// The pane header: "A · stts · keep 50.0 % · 162 vision tokens · 17 answer tokens".
QString paneHeader(const stts::RunResult& run, int index);

// Stage timings of several runs as one table: stage names in first-seen order, and per run the
// milliseconds of each stage (0 where a run lacks the stage).
struct StageTable {
  QStringList stages;
  std::vector<std::vector<double>> milliseconds;  // [run][stage]
};
StageTable stageTable(const std::vector<const stts::RunResult*>& runs);

}  // namespace stts::ui
