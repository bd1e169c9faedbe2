// Frame preprocessing, docs/molmo2-spec.md §2.2.
#include "stts/model/preprocess.h"

#include <stdexcept>
#include <unordered_map>

namespace stts::model {

at::Tensor resizeRgb(const at::Tensor& hwc, int64_t outH, int64_t outW) {
  // torchvision's tensor Resize on uint8: cast to float, interpolate (bilinear,
  // align_corners=False, antialias=False, scale = in/out), round (half to even), cast back.
  // Contiguous NCHW (what torchvision sees after decode): the channels-last kernel sums the four
  // taps in another order and can land on the other side of a .5 tie.
  at::Tensor x = hwc.permute({2, 0, 1}).unsqueeze(0).to(at::kFloat).contiguous();
  at::Tensor y = at::upsample_bilinear2d(x, {outH, outW}, /*align_corners=*/false);
  y = at::round(y).clamp_(0, 255).to(at::kByte);
  return y.squeeze(0).permute({1, 2, 0}).contiguous();
}

at::Tensor resizeFrames(const std::vector<SampledFrame>& frames, int64_t outH, int64_t outW,
                        const std::function<void(int64_t)>& afterFrame) {
  const int64_t t = static_cast<int64_t>(frames.size());
  at::Tensor out = at::empty({t, outH, outW, 3}, at::kByte);
  std::unordered_map<const RgbImage*, int64_t> done;  // shared images are resized once
  for (int64_t i = 0; i < t; ++i) {
    const RgbImage* img = frames[static_cast<size_t>(i)].image.get();
    if (img == nullptr || img->width <= 0 || img->height <= 0 ||
        img->pixels.size() != static_cast<size_t>(img->width) * img->height * 3) {
      throw std::invalid_argument("frame " + std::to_string(i) + " has no valid RGB image");
    }
    if (auto it = done.find(img); it != done.end()) {
      out[i].copy_(out[it->second]);
      if (afterFrame) afterFrame(i);
      continue;
    }
    // from_blob does not copy; the image outlives this call.
    at::Tensor src = at::from_blob(const_cast<uint8_t*>(img->pixels.data()),
                                   {img->height, img->width, 3}, at::kByte);
    out[i].copy_(resizeRgb(src, outH, outW));
    done.emplace(img, i);
    if (afterFrame) afterFrame(i);
  }
  return out;
}

at::Tensor patchify(const at::Tensor& framesU8, int64_t patch) {
  const int64_t t = framesU8.size(0);
  const int64_t gh = framesU8.size(1) / patch;
  const int64_t gw = framesU8.size(2) / patch;
  at::Tensor x = framesU8.to(at::kFloat) / 255.0;
  x = (x - 0.5) / 0.5;
  // [T, gh, py, gw, px, C] -> [T, gh, gw, py, px, C]: row-major patches, (py, px, channel).
  return x.view({t, gh, patch, gw, patch, 3})
      .permute({0, 1, 3, 2, 4, 5})
      .reshape({t, gh * gw, patch * patch * 3});
}

}  // namespace stts::model
