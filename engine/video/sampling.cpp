// Molmo2 time sampling (HF Molmo2VideoProcessor, frame_sample_mode "uniform_last_frame").
// Pure functions: no I/O, so the plan can be shown before anything is decoded.
#include <algorithm>
#include <cmath>

#include "stts/video.h"

namespace stts {

std::vector<double> molmo2SampleTimes(double duration, const SamplingSpec& spec) {
  const int n = spec.maxFrames;
  if (n <= 0) return {};
  const double d = std::isfinite(duration) && duration > 0 ? duration : 0.0;
  const double f = spec.maxFps;
  std::vector<double> times;
  // A missing fps cap means the frame budget alone decides: always the linspace branch.
  if (!(f > 0) || double(n - 1) / f < d) {
    // numpy.linspace(0, d, n): i * step, with the last value exactly d.
    times.resize(size_t(n));
    const double step = n > 1 ? d / double(n - 1) : 0.0;
    for (int i = 0; i < n; ++i) times[size_t(i)] = double(i) * step;
    if (n > 1) times.back() = d;
    return times;
  }
  // numpy.arange(0, d, 1/f) has ceil(d / step) values, then d itself is appended.
  const double step = 1.0 / f;
  const auto count = static_cast<int64_t>(std::ceil(d / step));
  times.reserve(size_t(count) + 1);
  for (int64_t i = 0; i < count; ++i) times.push_back(double(i) * step);
  times.push_back(d);
  return times;
}

int64_t frameDisplayedAt(const FrameIndex& index, double t) {
  if (index.ends.empty()) return -1;
  const auto it = std::upper_bound(index.ends.begin(), index.ends.end(), t);
  const int64_t i = it - index.ends.begin();
  return std::min<int64_t>(i, int64_t(index.ends.size()) - 1);
}

}  // namespace stts
