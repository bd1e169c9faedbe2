// What the overlay shows: the open run's per-cell scores and keep mask, its score range, and the
// user's choices (mode, colour map, opacity; remembered across sessions). The window asks it for
// the current frame's cells and hands them to the FrameView; nothing here touches OpenGL.
#pragma once

#include <QObject>
#include <memory>
#include <optional>

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

  // Per-run normalisation: [min, max] over every finite score of the run.
  float scoreLow() const { return low_; }
  float scoreHigh() const { return high_; }

  // Cells of sampled frame `index`; empty without a run or out of range.
  std::optional<OverlayCells> cellsForFrame(int index) const;
  // Kept cells of frame `index`, -1 when unknown.
  int keptInFrame(int index) const;

  // The display name of a mode, for the status bar ("Overlay: mask").
  static QString modeDisplayName(OverlayMode mode);

 public slots:
  void setMode(OverlayMode mode);
  void cycleMode();  // off -> mask -> score -> off
  void setOpacity(float opacity);
  void increaseOpacity();
  void decreaseOpacity();
  void setColourMap(ColourMap map);

 signals:
  // Anything that changes what the overlay looks like: run, mode, opacity or colour map.
  void changed();

 private:
  void saveStyle() const;

  RunResultPtr run_;
  OverlayStyle style_;
  float low_ = 0.0f;
  float high_ = 1.0f;
};

}  // namespace stts::ui
