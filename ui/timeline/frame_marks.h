// Which sampled frames a method treats specially, read from a run (ux.md §3, baselines.md §11):
// frames it keeps whole by rule (STTS and EVS: the first frame) and frames it compares the others
// against (the STTS heuristic's reference frames, scene cuts). Runs name these in `extras` when
// the method records them; unknown or malformed extras are ignored, never trusted blindly.
#pragma once

#include <vector>

#include "stts/run_result.h"

namespace stts::ui {

struct MethodFrameMarks {
  std::vector<int> forced;      // kept whole by rule; sorted, unique, in [0, frames)
  std::vector<int> references;  // reference frames / scene cuts; sorted, unique, in [0, frames)
};

MethodFrameMarks methodFrameMarks(const stts::RunResult& run);

// An extras entry as frame indices: T values of 0/1 are per-frame flags, anything else a list of
// frame indices. Values outside [0, frames) and non-integers are dropped.
std::vector<int> framesFromExtra(const std::vector<float>& values, int frames);

}  // namespace stts::ui
