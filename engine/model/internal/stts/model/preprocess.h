// Frame preprocessing (docs/molmo2-spec.md §2.2): exact torchvision tensor-Resize semantics,
// SigLIP normalisation and (row, col, channel) patch flattening.
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <vector>

#include <functional>

#include "stts/video.h"

namespace stts::model {

// RGB24 HWC uint8 [H, W, 3] -> [outH, outW, 3] uint8: bilinear, align_corners=false, no antialias,
// computed in fp32, rounded half-to-even, clamped to [0, 255].
at::Tensor resizeRgb(const at::Tensor& hwc, int64_t outH, int64_t outW);
// Frames -> uint8 [T, outH, outW, 3] (CPU). Frames sharing one image are resized once.
// `afterFrame(i)` runs after each frame (progress, cancel; it may throw): resizing 64 HD frames
// takes seconds on a laptop CPU.
at::Tensor resizeFrames(const std::vector<SampledFrame>& frames, int64_t outH, int64_t outW,
                        const std::function<void(int64_t)>& afterFrame = {});
// uint8 [T, H, W, 3] -> normalised patches [T, (H/p)(W/p), p*p*3] fp32, each patch flattened
// (py, px, channel) with channel fastest; x -> (x/255 - 0.5)/0.5.
at::Tensor patchify(const at::Tensor& framesU8, int64_t patch);

}  // namespace stts::model
