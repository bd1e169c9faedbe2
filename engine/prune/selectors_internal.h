// Small helpers the selector files share. Internal to engine/prune.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "stts/prune/selectors.h"

namespace stts::prune::detail {

// keep = 1 for the first keepCells entries of `order` (cell indices), 0 elsewhere.
void keepFirst(const std::vector<int64_t>& order, int64_t keepCells, SelectorResult& out);
// keptPerFrame from keep.
void countPerFrame(int64_t frames, int64_t cellsPerFrame, SelectorResult& out);
// 0..n-1 stably sorted by `before`: equal elements keep the lower index first.
std::vector<int64_t> stableOrder(size_t n, const std::function<bool(int64_t, int64_t)>& before);

}  // namespace stts::prune::detail
