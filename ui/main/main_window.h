// The top-level window. It wires the parts together and owns no logic of its own: the loader
// loads, the navigator decides the current sample, the view and the timeline draw.
#pragma once

#include <QMainWindow>

#include "main/video_loader.h"

class QLabel;
class QMenu;
class QProgressBar;
class QToolBar;

namespace stts::ui {

class ActionRegistry;
class FrameNavigator;
class FrameView;
class MessageBar;
class RecentFilesMenu;
class Timeline;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Starts loading `path` in the background; the result or an error arrives later.
  void openVideo(const QString& path);

  const LoadedVideoPtr& video() const { return video_; }
  bool isLoading() const;

  // The parts, for tests and for the features later issues add around them.
  ActionRegistry* actions() const { return actions_; }
  FrameNavigator* navigator() const { return navigator_; }
  FrameView* frameView() const { return frameView_; }
  Timeline* timeline() const { return timeline_; }
  MessageBar* messageBar() const { return messageBar_; }
  RecentFilesMenu* recentFilesMenu() const { return recentFilesMenu_; }

 signals:
  void videoLoaded(const QString& path);
  void videoLoadFailed(const QString& path, const QString& message);

 public slots:
  void showOpenDialog();

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
  void onLoadFailed(const QString& path, const QString& message);
  void onBusyChanged(bool busy);
  void showSample(int index);
  void updateNavigationEnabled();
  void updateTitle();
  QString videoSummary() const;

  ActionRegistry* actions_ = nullptr;
  FrameNavigator* navigator_ = nullptr;
  VideoLoader* loader_ = nullptr;
  FrameView* frameView_ = nullptr;
  Timeline* timeline_ = nullptr;
  MessageBar* messageBar_ = nullptr;
  RecentFilesMenu* recentFilesMenu_ = nullptr;
  QMenu* fileMenu_ = nullptr;
  QMenu* playbackMenu_ = nullptr;
  QToolBar* toolBar_ = nullptr;
  QLabel* videoInfoLabel_ = nullptr;
  QProgressBar* busyIndicator_ = nullptr;

  LoadedVideoPtr video_;
};

}  // namespace stts::ui
