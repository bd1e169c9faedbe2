// Screenshots and exports in the window (ux.md §4): S writes the current frame as shown, without
// a dialog, into the remembered export folder; Ctrl+Shift+E opens the export dialog. Rendering
// and writing run on a worker thread, one export after another, so a contact sheet of hundreds of
// frames never freezes the window; the status bar says where each file went.
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>

class QStatusBar;
class QWidget;
#include <deque>
#include <memory>

#include "export/export_job.h"
#include "stts/cancel.h"

namespace stts::ui {

class ActionRegistry;
class ExportDialog;
class FrameNavigator;
class MessageBar;
class OpenContent;
class OverlayState;

class ExportController : public QObject {
  Q_OBJECT

 public:
  // What exports read and report to.
  struct Parts {
    OpenContent* content;
    ActionRegistry* actions;  // S and Ctrl+Shift+E
    FrameNavigator* navigator;
    OverlayState* overlay;
    MessageBar* messages;
    QStatusBar* status;
  };
  // The export dialog opens over `window`.
  ExportController(const Parts& parts, QWidget* window);
  ~ExportController() override;  // cancels a running export and waits for its thread

  // What is on screen now, frozen for a worker: frames, run, cells and overlay style.
  ExportScene currentScene() const;
  int currentFrameIndex() const;

  // Where quick screenshots and the dialog's default names go (common/folders.h): the last
  // folder chosen, else Pictures/STTS Lens — never the video's folder, which may be read-only.
  QString exportFolder() const;
  void setExportFolder(const QString& folder);

  // The options the dialog remembers; quick screenshots use them too.
  FrameExportOptions savedOptions() const;
  void saveOptions(const FrameExportOptions& options) const;
  bool copyToClipboard() const;
  void setCopyToClipboard(bool copy) const;

  // Queues an export and returns its number (exportFinished names it). With `uniqueName` a taken
  // file name gets -2, -3, … when the job starts.
  quint64 startExport(ExportRequest request, bool uniqueName, bool clipboard);
  void cancelExports();
  bool isBusy() const { return running_ != nullptr; }

  ExportDialog* dialog() const;  // null until first shown

 public slots:
  void quickScreenshot();
  void showDialog();

 signals:
  void exportStarted(const QString& path);
  void exportProgress(int done, int total);
  // `path` is the file written (or meant to be); `error` is empty on success; `job` is the number
  // startExport returned.
  void exportFinished(const QString& path, const QString& error, quint64 job);
  void busyChanged(bool busy);

 private:
  struct Job {
    ExportScene scene;
    ExportRequest request;
    bool uniqueName = false;
    bool clipboard = false;
    quint64 number = 0;
  };

  void startNext();
  void finish(const stts::Expected<ExportOutcome>& outcome, const Job& job);

  Parts parts_;
  QWidget* window_;
  QPointer<ExportDialog> dialog_;
  std::deque<Job> pending_;
  QThread* running_ = nullptr;
  std::shared_ptr<stts::CancelToken> cancel_;
  quint64 lastJobNumber_ = 0;
};

}  // namespace stts::ui
