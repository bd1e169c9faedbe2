// How a comparison opens (ux.md §5): Tools ▸ Compare Runs (Ctrl+Shift+C) shows a picker for 2–4
// run files with the main window's open run preselected; dropping several run files on the main
// window opens them at once. Each comparison is its own window.
#pragma once

#include <QDialog>
#include <QObject>
#include <QPointer>
#include <QStringList>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QMenu;
class QMimeData;
class QPushButton;

namespace stts::ui {

class ActionRegistry;
class CompareWindow;
class FrameNavigator;
class OpenContent;

// Picks the run files: a list with Add… / Remove; OK needs 2–4 runs.
class CompareRunsDialog : public QDialog {
  Q_OBJECT

 public:
  explicit CompareRunsDialog(QWidget* parent = nullptr);

  void addPaths(const QStringList& paths);  // duplicates and paths beyond four are ignored
  QStringList paths() const;
  bool canAccept() const;
  QPushButton* okButton() const;
  // The run files among the recent files that still exist (what Recent Runs offers).
  static QStringList recentRuns();
  QMenu* recentRunsMenu() const { return recentMenu_; }

 private:
  void chooseFiles();
  void removeSelected();
  void fillRecentRuns();
  void updateState();

  QListWidget* list_ = nullptr;
  QLabel* hint_ = nullptr;
  QDialogButtonBox* buttons_ = nullptr;
  QPushButton* removeButton_ = nullptr;
  QPushButton* recentButton_ = nullptr;
  QMenu* recentMenu_ = nullptr;
};

class CompareController : public QObject {
  Q_OBJECT

 public:
  // `content` gives the run to preselect; comparison windows and the picker open over `window`.
  // `navigator` is the main window's playhead, which a comparison may follow.
  CompareController(OpenContent* content, FrameNavigator* navigator, ActionRegistry* actions,
                    QWidget* window);

  // Opens a comparison window for `paths` (2–4 run files) and returns it.
  CompareWindow* openComparison(const QStringList& paths);
  // When `mime` holds 2 or more local run files, opens them as a comparison (up to four; more
  // are refused with a message there) and returns true; otherwise false and nothing happens.
  bool openDroppedRuns(const QMimeData* mime);
  // The picker, preselecting the main window's open run; opens the comparison on OK.
  void showPicker();
  // The run files the picker starts with (the open run, when it has a file).
  QStringList preselectedPaths() const;
  // The most recently opened comparison (null when none or closed), for tests.
  CompareWindow* lastWindow() const;
  CompareRunsDialog* picker() const;

 private:
  OpenContent* content_;
  FrameNavigator* navigator_;
  QWidget* window_;
  QPointer<CompareWindow> last_;
  QPointer<CompareRunsDialog> picker_;
};

}  // namespace stts::ui
