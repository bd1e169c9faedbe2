// The top-level window. It wires the parts together and owns no logic of its own: the loader
// loads videos and runs, the navigator decides the current sample, the overlay state decides what
// the cells look like, the view and the timeline draw.
#pragma once

#include <QMainWindow>

#include "common/folders.h"
#include "media/video_loader.h"

class QLabel;
class QMenu;
class QProgressBar;
class QToolBar;

namespace stts::ui {

class FrameFillIndicator;

class ActionRegistry;
class AskPanel;
class ViewController;
class ExportController;
class CompareController;
class EvalController;
class RunPanels;
class FrameNavigator;
class FrameView;
class KeyBindings;
class PlaybackController;
class ThumbnailStrip;
class MessageBar;
class RecentFilesMenu;
class Timeline;

class OpenContent;
class OverlayState;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Starts loading `path` in the background; the result or an error arrives later.
  void openVideo(const QString& path);
  // Starts opening the run file `path`: its cells over its video (or its stored frames).
  void openRun(const QString& path);
  // A run file by its extension (.sttsrun), anything else as a video.
  void openPath(const QString& path);

  // The frames on screen: the video's sampled frames, or the open run's frames.
  const LoadedVideoPtr& video() const;
  // The open run; null while a plain video (or nothing) is shown.
  const LoadedRunPtr& run() const;
  // Both of the above and their change signal: what the controllers are given.
  OpenContent* content() const { return content_; }
  bool isLoading() const;

  // The parts, for tests and for the features later issues add around them.
  ActionRegistry* actions() const { return actions_; }
  FrameNavigator* navigator() const { return navigator_; }
  FrameView* frameView() const { return frameView_; }
  Timeline* timeline() const { return timeline_; }
  MessageBar* messageBar() const { return messageBar_; }
  RecentFilesMenu* recentFilesMenu() const { return recentFilesMenu_; }
  OverlayState* overlay() const { return overlay_; }
  // The Ask panel; null when the UI was built without the model engine (STTS_UI_HAVE_MODEL).
  AskPanel* askPanel() const { return askPanel_; }
  // Zoom / grid actions, the hover tooltip's frame info and the Display dock.
  ViewController* viewController() const { return viewController_; }
  // The Answer, Timing and Data docks and the Fit Scorer dialog.
  RunPanels* runPanels() const { return runPanels_; }
  // Quick screenshots (S) and the export dialog (Ctrl+Shift+E).
  ExportController* exportController() const { return exportController_; }
  // Tools ▸ Compare Runs and dropping several run files at once.
  CompareController* compareController() const { return compareController_; }
  // Tools ▸ Evaluation: eval folders, whose saved runs open here.
  EvalController* evalController() const { return evalController_; }
  // View ▸ Panels: each dock adds its toggleViewAction() here.
  QMenu* panelsMenu() const { return panelsMenu_; }
  // One thumbnail per sampled frame, under the timeline.
  ThumbnailStrip* thumbnailStrip() const { return thumbnails_; }
  // Raw-frame stepping, ±1 second and the J/K/L shuttle.
  PlaybackController* playback() const { return playback_; }
  // Opens videos and runs; its frame limits (budget, drawing size) apply to what opens next.
  VideoLoader* loader() const { return loader_; }
  // Saved key bindings, the Preferences dialog and the F1 help overlay.
  KeyBindings* keyBindings() const { return keyBindings_; }

  // Saves the open run (an asked question's or an opened file's) to `path`; false and a message
  // in the message bar on failure.
  bool saveRun(const QString& path);
  // What Save Run offers: a run's own file, else `<video>_<method>-<keep%>.sttsrun` in the folder
  // runs were last saved to or opened from, with -2, -3, … when that name is taken.
  QString suggestedRunPath() const;

 signals:
  void videoLoaded(const QString& path);
  void videoLoadFailed(const QString& path, const QString& message);
  void runLoaded(const QString& path);
  void runLoadFailed(const QString& path, const QString& message);
  // The frames on screen changed: a video or a run was shown (video() and run() say which).
  // Panels that depend on the open run (timings, data, export) follow this one signal.
  void contentChanged();

 public slots:
  void showOpenDialog();
  void showOpenRunDialog();
  void showSaveRunDialog();

 protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void buildCentralArea();
  void buildMenus();
  void buildToolBar();
  void buildStatusBar();
  void updateActionIcons();
  void connectParts();
  void retranslate();
  void restoreWindowState();
  void saveWindowState() const;

  void onLoadStarted(const QString& path);
  void onLoaded(LoadedVideoPtr video);
  void onRunLoaded(LoadedRunPtr run);
  void displayRun(LoadedRunPtr run);
  void buildAskPanel();
  void onLoadFailed(const QString& path, const QString& message);
  void onRunLoadFailed(const QString& path, const QString& message);
  void onContentChanged();
  void applyOverlay();
  void showOverlayStatus();
  QString chooseFile(const QString& title, const QString& filter, FolderKind kind);
  void onBusyChanged(bool busy);
  void showSample(int index);
  void updateNavigationEnabled();
  void updateTitle();
  QString videoSummary() const;
  QString runSummary() const;

  ActionRegistry* actions_ = nullptr;
  FrameNavigator* navigator_ = nullptr;
  VideoLoader* loader_ = nullptr;
  FrameView* frameView_ = nullptr;
  Timeline* timeline_ = nullptr;
  ThumbnailStrip* thumbnails_ = nullptr;
  PlaybackController* playback_ = nullptr;
  KeyBindings* keyBindings_ = nullptr;
  MessageBar* messageBar_ = nullptr;
  RecentFilesMenu* recentFilesMenu_ = nullptr;
  QMenu* fileMenu_ = nullptr;
  QMenu* playbackMenu_ = nullptr;
  QMenu* viewMenu_ = nullptr;
  QMenu* colourMapMenu_ = nullptr;
  QMenu* panelsMenu_ = nullptr;
  QMenu* toolsMenu_ = nullptr;
  QMenu* helpMenu_ = nullptr;
  OverlayState* overlay_ = nullptr;
  OpenContent* content_ = nullptr;
  AskPanel* askPanel_ = nullptr;
  ViewController* viewController_ = nullptr;
  RunPanels* runPanels_ = nullptr;
  ExportController* exportController_ = nullptr;
  CompareController* compareController_ = nullptr;
  EvalController* evalController_ = nullptr;
  QLabel* runInfoLabel_ = nullptr;
  QToolBar* toolBar_ = nullptr;
  QLabel* videoInfoLabel_ = nullptr;
  QLabel* zoomLabel_ = nullptr;
  QProgressBar* busyIndicator_ = nullptr;
  FrameFillIndicator* frameFill_ = nullptr;
  QMetaObject::Connection storeConnection_;  // the shown video's store -> the frame view
};

}  // namespace stts::ui
