// The stages a run is timed in (design.md §4), and what each one's milliseconds include, so a
// run file states the scope of every number it carries.
#pragma once

#include <string_view>
#include <vector>

#include "stts/run_result.h"

namespace stts {

// One sentence on what the stage's time covers; empty for a name that is not a stage.
std::string_view stageScope(std::string_view stage);

// Each stage's median milliseconds over repeated runs of the same request (the stages, order,
// devices and token counts of the first run). A stage missing from some runs takes the median
// of the runs that have it. The median of an even count is the upper middle value, an actual
// measurement rather than an average of two.
std::vector<StageTiming> medianTimings(const std::vector<std::vector<StageTiming>>& runs);

}  // namespace stts
