#include "eval/eval_controller.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

#include "actions/action_registry.h"
#include "common/folders.h"
#include "eval/eval_folder.h"
#include "eval/eval_window.h"

namespace stts::ui {

EvalController::EvalController(ActionRegistry* actions, QWidget* window)
    : QObject(window), window_(window) {
  connect(actions->action(ActionId::OpenEvaluation), &QAction::triggered, this,
          &EvalController::chooseFolder);
}

EvalWindow* EvalController::lastWindow() const {
  return last_;
}

QMessageBox* EvalController::errorBox() const {
  return errorBox_;
}

void EvalController::chooseFolder() {
  const QString folder = QFileDialog::getExistingDirectory(window_, tr("Open Evaluation Folder"),
                                                           startFolder(FolderKind::Evaluations));
  if (folder.isEmpty()) return;
  rememberFolder(FolderKind::Evaluations, folder);
  openFolder(folder);
}

EvalWindow* EvalController::openFolder(const QString& path) {
  const QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
  windows_.removeAll(nullptr);
  for (const QPointer<EvalWindow>& open : windows_) {
    if (QDir::cleanPath(open->folder().path) != absolute) continue;
    open->raise();
    open->activateWindow();
    last_ = open;
    return open;
  }
  EvalFolder folder = loadEvalFolder(path);
  if (!folder.ok()) {
    showError(folder.error);
    return nullptr;
  }
  auto* window = new EvalWindow(std::move(folder), window_);
  window->setAttribute(Qt::WA_DeleteOnClose);
  connect(window, &EvalWindow::runRequested, this, &EvalController::runRequested);
  window->show();
  last_ = window;
  windows_ << window;
  return window;
}

// Shown with open(), not exec(): modal to the main window, but the caller goes on at once (a
// test reads the box instead of answering it).
void EvalController::showError(const QString& text) {
  if (errorBox_) errorBox_->close();
  auto* box =
      new QMessageBox(QMessageBox::Warning, tr("Open Evaluation"), text, QMessageBox::Ok, window_);
  box->setObjectName(QStringLiteral("evalErrorBox"));
  box->setAttribute(Qt::WA_DeleteOnClose);
  errorBox_ = box;
  box->open();
}

}  // namespace stts::ui
