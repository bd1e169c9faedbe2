#include "timeline/frame_marks.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace stts::ui {

namespace {

// Per-frame extras the engine's selectors write (engine/prune selectors.h): EVS flags the frame
// its budget forces whole. Heuristic reference frames come from their scores (below).
constexpr const char* kForcedKeys[] = {"evs_forced_frame"};
constexpr const char* kReferenceKeys[] = {"reference_frames"};

void sortUnique(std::vector<int>& frames) {
  std::sort(frames.begin(), frames.end());
  frames.erase(std::unique(frames.begin(), frames.end()), frames.end());
}

void appendExtras(const stts::RunResult& run, const char* const* keys, size_t count,
                  std::vector<int>& out) {
  for (size_t i = 0; i < count; ++i) {
    auto it = run.extras.find(keys[i]);
    if (it == run.extras.end()) continue;
    const std::vector<int> frames = framesFromExtra(it->second, run.frames);
    out.insert(out.end(), frames.begin(), frames.end());
  }
}

bool isHeuristicMethod(const std::string& method) {
  return method.find("heuristic") != std::string::npos || method.find("easy") != std::string::npos;
}

}  // namespace

std::vector<int> framesFromExtra(const std::vector<float>& values, int frames) {
  std::vector<int> out;
  if (frames <= 0) return out;
  const bool flags =
      int(values.size()) == frames &&
      std::all_of(values.begin(), values.end(), [](float v) { return v == 0.0f || v == 1.0f; });
  for (size_t i = 0; i < values.size(); ++i) {
    if (flags) {
      if (values[i] == 1.0f) out.push_back(int(i));
      continue;
    }
    const float v = values[i];
    if (!std::isfinite(v) || v != std::floor(v) || v < 0.0f || v >= float(frames)) continue;
    out.push_back(int(v));
  }
  sortUnique(out);
  return out;
}

MethodFrameMarks methodFrameMarks(const stts::RunResult& run) {
  MethodFrameMarks marks;
  if (run.frames <= 0) return marks;
  const std::string& method = run.request.method;
  // STTS forces frame 0 (the temporal reference); EVS's budget K >= one frame ranks frame 0 first.
  if (method == "stts") marks.forced.push_back(0);
  appendExtras(run, kForcedKeys, std::size(kForcedKeys), marks.forced);
  appendExtras(run, kReferenceKeys, std::size(kReferenceKeys), marks.references);
  if (isHeuristicMethod(method) &&
      run.scores.size() == size_t(run.frames) * size_t(stts::kCellsPerFrame)) {
    // The heuristic scores a whole new reference frame -1 in every cell (baselines.md §3).
    for (int t = 0; t < run.frames; ++t) {
      const auto first = run.scores.begin() + ptrdiff_t(t) * stts::kCellsPerFrame;
      if (std::all_of(first, first + stts::kCellsPerFrame, [](float s) { return s == -1.0f; })) {
        marks.references.push_back(t);
      }
    }
  }
  sortUnique(marks.forced);
  sortUnique(marks.references);
  return marks;
}

}  // namespace stts::ui
