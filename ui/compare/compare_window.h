// The comparison window (ux.md §5): 2–4 runs of one video side by side, locked together under one
// playhead (one timeline and navigator for every pane) and one zoom and pan. Overlays cycle off /
// mask / scores / diff, where the diff shows the chosen pair's cells kept by both, only by one,
// or by neither. Under the panes: the IoU strip of the pair, the answers with their token counts
// and one timing chart with a stacked bar per run. Runs are opened with the main window's own run
// loading (media/run_loading.h); runs that sampled other frames or another video are refused.
#pragma once

#include <QPointF>
#include <QRect>
#include <QStringList>
#include <QWidget>
#include <memory>
#include <vector>

#include "compare/compare_image.h"
#include "media/loaded_media.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QGridLayout;
class QHBoxLayout;

namespace stts::ui {

class ActionRegistry;
class CompareAnswers;
class ComparePane;
class FrameNavigator;
class IoUStrip;
class MessageBar;
class OpenContent;
class OverlayState;
class PlayheadLink;
class Timeline;
class TimingChart;
class VideoLoader;

// Where a comparison first opens on a screen whose free area is `available`: 1400 x 900, or less
// to leave a margin, in the middle.
QRect initialCompareGeometry(const QRect& available);

class CompareWindow : public QWidget {
  Q_OBJECT

 public:
  explicit CompareWindow(QWidget* parent = nullptr);
  ~CompareWindow() override;

  // Opens the run files in the background; loaded() or refused() follows.
  void openRuns(const QStringList& paths);
  // Shows already opened runs; false (and the reason in the message bar) when they don't match.
  bool setRuns(std::vector<LoadedRunPtr> runs);

  const std::vector<LoadedRunPtr>& runs() const { return runs_; }
  int paneCount() const { return int(panes_.size()); }
  ComparePane* pane(int index) const;
  // Empty while the runs match; the sentence shown when they were refused.
  QString problem() const { return problem_; }
  bool isLoading() const { return pending_ > 0; }

  FrameNavigator* navigator() const { return navigator_; }
  Timeline* timeline() const { return timeline_; }
  IoUStrip* iouStrip() const { return iouStrip_; }
  TimingChart* timingChart() const { return timingChart_; }
  ActionRegistry* actions() const { return actions_; }
  MessageBar* messageBar() const { return messageBar_; }

  // Off, Mask and Score apply to every pane; Diff draws the pair's diff in both of its panes
  // while the other panes keep their mask.
  OverlayMode overlayMode() const { return mode_; }
  void setOverlayMode(OverlayMode mode);
  void cycleOverlay();  // off -> mask -> scores -> diff -> off
  // The two runs the diff and the IoU strip compare (pane indices, different).
  void setDiffPair(int first, int second);
  int diffFirst() const { return diffFirst_; }
  int diffSecond() const { return diffSecond_; }

  // One zoom and pan for every pane (FrameView's units: zoom 1 = fit, pan in fitted picture
  // sizes); zooming or panning any pane with the mouse moves the others the same way.
  void setViewTransform(double zoom, QPointF pan);
  double zoom() const { return zoom_; }
  QPointF pan() const { return pan_; }

  // The comparison of the current frame as one image (ux.md §5 / §4).
  QImage comparisonImage() const;
  bool exportImage(const QString& path);
  void setIncludeAnswers(bool include);

  // Offers "Follow the main window": while it is ticked (remembered), moving either playhead moves
  // the other to the sample nearest in time.
  void followPlayheadOf(FrameNavigator* mainNavigator, OpenContent* mainContent);
  QCheckBox* followMainWindowBox() const { return syncPlayhead_; }
  CompareAnswers* answers() const { return answers_; }
  QComboBox* pairFirstBox() const { return pairFirst_; }

 signals:
  void loaded();
  void refused(const QString& message);

 protected:
  void changeEvent(QEvent* event) override;
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildLayout();
  void placeOnScreen();
  void connectActions();
  void retranslate();
  void onRunLoaded(int slot, LoadedRunPtr run);
  void onRunFailed(const QString& path, const QString& message);
  void refuse(const QString& message);
  void rebuildPanes();
  void showSample(int index);
  void applyOverlays();
  void updateIoU();
  void followTransform(double zoom, QPointF pan);
  void exportWithDialog();
  void quickExport();
  QString suggestedFileName() const;

  ActionRegistry* actions_ = nullptr;
  FrameNavigator* navigator_ = nullptr;
  MessageBar* messageBar_ = nullptr;
  QLabel* statusLabel_ = nullptr;
  QComboBox* pairFirst_ = nullptr;
  QComboBox* pairSecond_ = nullptr;
  QLabel* pairLabel_ = nullptr;
  QCheckBox* includeAnswers_ = nullptr;
  QPushButton* exportButton_ = nullptr;
  QGridLayout* paneGrid_ = nullptr;
  Timeline* timeline_ = nullptr;
  IoUStrip* iouStrip_ = nullptr;
  CompareAnswers* answers_ = nullptr;
  QCheckBox* syncPlayhead_ = nullptr;
  PlayheadLink* playheadLink_ = nullptr;  // with the main window, once offered
  TimingChart* timingChart_ = nullptr;

  std::vector<ComparePane*> panes_;
  std::vector<OverlayState*> overlays_;  // per pane: the run's score range and the user's style
  std::vector<std::unique_ptr<VideoLoader>> loaders_;
  std::vector<LoadedRunPtr> loading_;
  QStringList loadingPaths_;
  int pending_ = 0;
  QStringList failures_;

  std::vector<LoadedRunPtr> runs_;
  QString problem_;
  OverlayMode mode_ = OverlayMode::Mask;
  int diffFirst_ = 0;
  int diffSecond_ = 1;
  double zoom_ = 1.0;
  QPointF pan_;
  bool syncingTransform_ = false;
};

}  // namespace stts::ui
