// Training-free baseline selectors (docs/baselines.md §2-5) on plain float arrays: no LibTorch,
// so they are exact, testable and fast. Each one picks whole pooled cells (81 per frame) and
// keeps exactly the number of cells keptCellCount() promises; ties always go to the lower flat
// index (frame, then raster order), so a run is deterministic.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stts::prune {

enum class BudgetPolicy { Equal, Native };
std::optional<BudgetPolicy> parseBudgetPolicy(std::string_view name);  // "equal" / "native"

// The number of cells of a T-frame video that reach the LLM: the one budget function that
// selection and prompt building share. Integer results only; the float steps mirror each
// reference exactly.
//   Equal (every method) and Native for stts/random/heuristic/easy:
//     cells*T - sttsBudget(1 - keepRatio, T, pruneFromFrame)
//   Native evs:     max(P, floor(P*T*(1-q)))       with q = 1 - keepRatio (vLLM)
//   Native vidcom2: max(T, min(floor(P*T*r), P*T)) with r = keepRatio     (vLLM)
//   Native fastv:   floor(keepRatio * P*T)          (top (1-R)*N with R = 1 - keepRatio)
//   none: P*T.
int64_t keptCellCount(std::string_view method, BudgetPolicy policy, double keepRatio,
                      int64_t frames, int64_t pruneFromFrame, int64_t cellsPerFrame = 81);

// Per-cell feature vectors without copying: data is [frames, rowsPerFrame, dim] row-major fp32.
// A cell's vector is the concatenation of `rowsPerCell` rows of its frame, listed in cellRows
// ([cells * rowsPerCell]); an empty cellRows means one row per cell (row c is cell c).
struct CellFeatures {
  const float* data = nullptr;
  int64_t frames = 0;
  int64_t rowsPerFrame = 0;
  int64_t dim = 0;
  std::vector<int32_t> cellRows;
  int64_t rowsPerCell = 1;

  int64_t cellsPerFrame() const {
    return cellRows.empty() ? rowsPerFrame : static_cast<int64_t>(cellRows.size()) / rowsPerCell;
  }
  // Dot product of cell (ta, c) with cell (tb, c): same position, concatenated rows.
  double dotSamePosition(int64_t ta, int64_t tb, int64_t c) const;
  double squaredNorm(int64_t t, int64_t c) const { return dotSamePosition(t, t, c); }
  // The cell's whole vector (concatenated rows), for selectors that need more than dots.
  void copyCell(int64_t t, int64_t c, float* out) const;
  int64_t cellDim() const { return rowsPerCell * dim; }
};

struct SelectorInput {
  int64_t frames = 0;
  int64_t cellsPerFrame = 81;
  int64_t cellColumns = 0;  // cells per row of a frame's grid (downsample); 0: a square grid
  int64_t keepCells = 0;    // exactly this many cells stay (keptCellCount)
  double keepRatio = 0.5;   // VidCom2's retention r for its per-frame split
  uint64_t seed = 0;        // random
  CellFeatures features;    // ignored by random
};

struct SelectorResult {
  std::vector<uint8_t> keep;          // [T*C] 1 = kept
  std::vector<float> score;           // [T*C] see each selector for its meaning
  std::vector<int32_t> keptPerFrame;  // [T]
  std::map<std::string, std::vector<float>> extras;
};

// Which features a selector reads.
enum class SelectorFeatures {
  None,             // random
  VitInput,         // patch embedding + position embedding, cell = its 9 patches concatenated
  ConnectorOutput,  // projector output, one row per cell
};

class Selector {
 public:
  virtual ~Selector() = default;
  virtual std::string_view name() const = 0;
  virtual SelectorFeatures features() const = 0;
  virtual SelectorResult select(const SelectorInput& input) const = 0;
};

// random, heuristic, easy, evs, vidcom2, downsample; nullptr for any other name (stts, none and
// fastv are not plain-array selectors).
std::unique_ptr<Selector> makeSelector(std::string_view method);

// --- The selectors one by one (makeSelector wraps these) ---

// §2: every cell gets a seeded uniform key in [0, 1) (the score; higher = kept) and the
// T*C - keepCells lowest keys are dropped: a uniform draw without replacement, frame 0 included.
SelectorResult selectRandom(const SelectorInput& input);

enum class ReferenceMode {
  Tracked,   // "heuristic": per-position reference, updated when it drifts
  Previous,  // "easy": always the previous frame
};
// One attempt of §3 at threshold theta. score = cosine to the reference cell; -1 for a reference
// frame (frame 0 and frames whose mean similarity is below theta). Cells are dropped in
// descending score order (most redundant first, stable). extras: "heuristic_reference" [T*C]
// 2 = cell of a reference frame, 1 = cell that became its position's new reference, 0 else.
// `failed` is set when a reference-frame cell had to be dropped.
SelectorResult similarityAttempt(const SelectorInput& input, ReferenceMode mode, double theta,
                                 bool* failed);
// §3 with the retry: thresholds 0.85, 0.80, 0.75, 0.70, 0.65, each attempt from the original
// (unpruned) mask, stopping at the first that drops no reference-frame cell; if none succeeds the
// last attempt is used. extras add "heuristic_threshold" [1] and "heuristic_tries" [1].
SelectorResult selectSimilarity(const SelectorInput& input, ReferenceMode mode);

inline constexpr float kEvsFirstFrameSentinel = 255.0f;
// §4: d = 1 - cos(cell, same cell of the previous frame), frame 0 = 255 (ranks first); keep the
// first keepCells of a stable descending order (ties: earliest index kept). score = d, with
// frame 0 reported as 2 (the largest possible distance) and marked in "evs_forced_frame" [T].
SelectorResult selectEvs(const SelectorInput& input);

// §5 with the vLLM reconcile to exactly keepCells. score = vs + fs (lower = more distinctive =
// kept). extras: "vidcom2_k_t" [T] per-frame counts before the reconcile, "vidcom2_frame_weight"
// [T] the softmax weights w_t.
SelectorResult selectVidcom2(const SelectorInput& input);

// A rectangle of cells [row0, row1) x [col0, col1) pooled into one token.
struct PoolRegion {
  int64_t row0 = 0, row1 = 0, col0 = 0, col1 = 0;
};
// `tokens` near-equal rectangles tiling a rows x cols grid, in reading order: bands of rows (about
// sqrt(tokens * rows / cols) of them), each split into floor or ceil(tokens / bands) columns. 81
// tokens of a 9 x 9 grid are the cells themselves; 9 are 3 x 3 blocks; 40 are 6 bands of 6-7.
std::vector<PoolRegion> poolRegions(int64_t rows, int64_t cols, int64_t tokens);

// downsample: not a choice but a coarser grid. Frame t gets keepCells / T tokens (the first
// keepCells % T frames one more), laid out by poolRegions; each token is the mean of its region's
// connector outputs (the pipeline pools them). keep marks each region's middle cell, so the kept
// cells count and order the tokens; score is one of 0.25, 0.5, 0.75, 1 by the parity of the
// region's band and of its place in the band, so no two neighbouring regions share a shade (drawn,
// it shows the grid); extras "downsample_region" [T*C]: the token (0-based, over the whole video)
// each cell is pooled into, -1 where a frame got no token.
SelectorResult selectDownsample(const SelectorInput& input);

}  // namespace stts::prune
