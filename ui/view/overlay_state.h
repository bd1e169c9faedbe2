// What the overlay shows: the open run's per-cell scores and keep mask, its score range, an
// optional second keep mask for the two-run diff, and the user's choices (mode, colour map,
// opacity, mask style, normalisation, grid, brightness / contrast; remembered across sessions).
// The window asks it for the current frame's cells and hands them to the FrameView; nothing here
// touches OpenGL.
#pragma once

#include <QObject>
#include <QString>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "stts/run_result.h"
#include "view/overlay_composite.h"

namespace stts::ui {

using RunResultPtr = std::shared_ptr<const stts::RunResult>;

class OverlayState : public QObject {
  Q_OBJECT

 public:
  static constexpr float kOpacityStep = 0.1f;
  static constexpr float kMinimumOpacity = 0.1f;

  explicit OverlayState(QObject* parent = nullptr);

  // The run to draw (null: none). Computes the per-run score range for normalisation.
  void setRun(RunResultPtr run);
  const RunResultPtr& run() const { return run_; }

  const OverlayStyle& style() const { return style_; }
  OverlayMode mode() const { return style_.mode; }
  float opacity() const { return style_.opacity; }
  ColourMap colourMap() const { return style_.colourMap; }
  MaskStyle maskStyle() const { return style_.maskStyle; }
  bool showGrid() const { return style_.showGrid; }
  float brightness() const { return style_.brightness; }
  float contrast() const { return style_.contrast; }
  ScoreNormalisation normalisation() const { return normalisation_; }

  // Per-run normalisation: [min, max] over every finite score of the run.
  float scoreLow() const { return low_; }
  float scoreHigh() const { return high_; }
  // The range frame `index` is normalised over under the current normalisation.
  std::pair<float, float> scoreRange(int index) const;

  // Two runs' keep masks for diff mode, frame-major, 81 flags per frame (non-zero = kept); frame
  // i of both is drawn over frame i of the shown run. Empty vectors clear the diff (and leave
  // diff mode). Names label the legend ("A" and "B" when empty).
  void setDiffMasks(std::vector<uint8_t> keepA, std::vector<uint8_t> keepB,
                    const QString& nameA = {}, const QString& nameB = {});
  void clearDiff();
  bool hasDiff() const { return !diffA_.empty(); }
  const QString& diffNameA() const { return diffNameA_; }
  const QString& diffNameB() const { return diffNameB_; }

  // Cells of sampled frame `index`; empty without a run (or diff) or out of range.
  std::optional<OverlayCells> cellsForFrame(int index) const;
  // Kept cells of frame `index`, -1 when unknown.
  int keptInFrame(int index) const;

  // The display names, for the status bar and the Display panel.
  static QString modeDisplayName(OverlayMode mode);
  static QString maskStyleDisplayName(MaskStyle style);
  static QString normalisationDisplayName(ScoreNormalisation normalisation);

 public slots:
  void setMode(OverlayMode mode);
  void cycleMode();  // off -> mask -> score (-> diff while two masks are set) -> off
  void setOpacity(float opacity);
  void increaseOpacity();
  void decreaseOpacity();
  void setColourMap(ColourMap map);
  void setMaskStyle(MaskStyle style);
  void setNormalisation(ScoreNormalisation normalisation);
  void setShowGrid(bool show);
  void toggleGrid();
  void setBrightness(float brightness);  // -1..1
  void setContrast(float contrast);      // 0..4
  // Everything but the mode back to its default.
  void resetDisplay();

 signals:
  // Anything that changes what the overlay looks like: run, diff, mode or any display choice.
  void changed();

 private:
  void saveStyle() const;
  void setStyle(const OverlayStyle& style, ScoreNormalisation normalisation);

  RunResultPtr run_;
  OverlayStyle style_;
  ScoreNormalisation normalisation_ = ScoreNormalisation::PerRun;
  float low_ = 0.0f;
  float high_ = 1.0f;
  std::vector<uint8_t> diffA_;
  std::vector<uint8_t> diffB_;
  QString diffNameA_;
  QString diffNameB_;
};

}  // namespace stts::ui
