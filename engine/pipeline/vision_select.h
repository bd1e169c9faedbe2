// Glue between the pipeline's tensors and the torch-free baseline selectors (engine/prune).
// Internal to engine/pipeline.
#pragma once

#include <ATen/ATen.h>

#include <cstdint>

#include "stts/prune/selectors.h"
#include "stts/run_result.h"

namespace stts::pipeline::baselines {

// On ViT patch features h [T, N, W]: the input embedding (random / heuristic / easy, before
// block 0) or the block prune_at output (EVS / VidCom2 tapped at the ViT). A cell's feature is
// its 9 patches concatenated (cellIdx [C, 9]).
prune::SelectorResult selectOnPatches(const prune::Selector& selector, const RunRequest& request,
                                      const at::Tensor& h, const at::Tensor& cellIdx,
                                      int64_t keepCells);

// evs / vidcom2 on the connector output features [T*C, d] (every cell, (frame, row, col) order).
prune::SelectorResult selectOnConnectorOutput(const prune::Selector& selector,
                                              const RunRequest& request, const at::Tensor& features,
                                              int64_t frames, int64_t cellsPerFrame,
                                              int64_t keepCells);

// downsample: the coarser grid of each frame (prune::selectDownsample over a grid `cellColumns`
// wide) and the connector output features [T*C, d] pooled to it: one row per token, the mean of
// its region's rows, in the order of the kept cells.
prune::SelectorResult downsampleConnectorOutput(const RunRequest& request, at::Tensor& features,
                                                int64_t frames, int64_t cellsPerFrame,
                                                int64_t cellColumns, int64_t keepCells);

}  // namespace stts::pipeline::baselines
