// What Tools ▸ Evaluation does: a folder chooser starting where the last eval folder was, then the
// eval window for the folder, or a message box with the sentence saying why it cannot be shown.
// Each folder opens its own window (a folder already open is brought to the front and read again
// only when it is closed); a sample's saved run is handed on through runRequested.
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class QMessageBox;
class QWidget;

namespace stts::ui {

class ActionRegistry;
class EvalWindow;

class EvalController : public QObject {
  Q_OBJECT

 public:
  // Follows ActionId::OpenEvaluation of `actions`; windows and messages open over `window`.
  EvalController(ActionRegistry* actions, QWidget* window);

  // Opens the eval folder `path` in a new window and returns it, or raises the window that
  // already shows it; on failure shows why in a message box and returns null.
  EvalWindow* openFolder(const QString& path);
  // The folder chooser, then openFolder().
  void chooseFolder();

  // For tests: the most recent window and error box (null when none or closed).
  EvalWindow* lastWindow() const;
  QMessageBox* errorBox() const;

 signals:
  // A sample's saved run, for the main window to open.
  void runRequested(const QString& path);

 private:
  void showError(const QString& text);

  QWidget* window_;
  QPointer<EvalWindow> last_;
  QList<QPointer<EvalWindow>> windows_;
  QPointer<QMessageBox> errorBox_;
};

}  // namespace stts::ui
