#include "compare/compare_controller.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QVBoxLayout>

#include "actions/action_registry.h"
#include "common/folders.h"
#include "common/recent_files.h"
#include "common/settings.h"
#include "compare/compare_runs.h"
#include "compare/compare_window.h"
#include "media/open_content.h"
#include "media/run_loading.h"

namespace stts::ui {

namespace {}  // namespace

CompareRunsDialog::CompareRunsDialog(QWidget* parent) : QDialog(parent) {
  setObjectName(QStringLiteral("compareRunsDialog"));
  setWindowTitle(tr("Compare Runs"));
  auto* layout = new QVBoxLayout(this);
  hint_ = new QLabel(this);
  hint_->setWordWrap(true);
  list_ = new QListWidget(this);
  list_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  auto* row = new QHBoxLayout();
  auto* add = new QPushButton(tr("&Add Runs…"), this);
  removeButton_ = new QPushButton(tr("&Remove"), this);
  // The runs opened or saved lately, one click each: comparing usually starts from them.
  recentButton_ = new QPushButton(tr("Re&cent Runs"), this);
  recentButton_->setObjectName(QStringLiteral("recentRunsButton"));
  recentMenu_ = new QMenu(recentButton_);
  recentButton_->setMenu(recentMenu_);
  connect(recentMenu_, &QMenu::aboutToShow, this, &CompareRunsDialog::fillRecentRuns);
  row->addWidget(add);
  row->addWidget(recentButton_);
  row->addWidget(removeButton_);
  row->addStretch(1);
  buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons_->button(QDialogButtonBox::Ok)->setText(tr("&Compare"));
  layout->addWidget(hint_);
  layout->addWidget(list_, 1);
  layout->addLayout(row);
  layout->addWidget(buttons_);
  connect(add, &QPushButton::clicked, this, &CompareRunsDialog::chooseFiles);
  connect(removeButton_, &QPushButton::clicked, this, &CompareRunsDialog::removeSelected);
  connect(list_, &QListWidget::itemSelectionChanged, this, &CompareRunsDialog::updateState);
  connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  resize(560, 320);
  updateState();
}

void CompareRunsDialog::addPaths(const QStringList& paths) {
  for (const QString& path : paths) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (list_->count() >= kMaxComparedRuns ||
        !list_->findItems(absolute, Qt::MatchExactly).isEmpty())
      continue;
    list_->addItem(absolute);
  }
  updateState();
}

QStringList CompareRunsDialog::paths() const {
  QStringList result;
  for (int i = 0; i < list_->count(); ++i) result.append(list_->item(i)->text());
  return result;
}

bool CompareRunsDialog::canAccept() const {
  return list_->count() >= kMinComparedRuns && list_->count() <= kMaxComparedRuns;
}

QPushButton* CompareRunsDialog::okButton() const {
  return buttons_->button(QDialogButtonBox::Ok);
}

void CompareRunsDialog::chooseFiles() {
  const QStringList chosen = QFileDialog::getOpenFileNames(
      this, tr("Choose Runs to Compare"), startFolder(FolderKind::Runs),
      tr("STTS runs (*.sttsrun);;All files (*)"));
  if (chosen.isEmpty()) return;
  rememberFolder(FolderKind::Runs, chosen.front());
  addPaths(chosen);
}

QStringList CompareRunsDialog::recentRuns() {
  QStringList runs;
  for (const QString& path : RecentFilesMenu::storedFiles()) {
    if (isRunFilePath(path) && QFileInfo(path).isFile()) runs.append(path);
  }
  return runs;
}

void CompareRunsDialog::fillRecentRuns() {
  recentMenu_->clear();
  const QStringList runs = recentRuns();
  for (const QString& path : runs) {
    QAction* entry = recentMenu_->addAction(QFileInfo(path).fileName());
    entry->setToolTip(QDir::toNativeSeparators(path));
    entry->setEnabled(list_->findItems(path, Qt::MatchExactly).isEmpty());
    connect(entry, &QAction::triggered, this, [this, path] { addPaths({path}); });
  }
  if (runs.isEmpty()) recentMenu_->addAction(tr("No recent runs"))->setEnabled(false);
}

void CompareRunsDialog::removeSelected() {
  qDeleteAll(list_->selectedItems());
  updateState();
}

void CompareRunsDialog::updateState() {
  const int count = list_->count();
  hint_->setText(count > kMaxComparedRuns - 1
                     ? tr("%1 runs chosen (at most %2).").arg(count).arg(kMaxComparedRuns)
                     : tr("Choose %1 to %2 runs of the same video, made with the same sampling "
                          "(%3 chosen).")
                           .arg(kMinComparedRuns)
                           .arg(kMaxComparedRuns)
                           .arg(count));
  okButton()->setEnabled(canAccept());
  removeButton_->setEnabled(!list_->selectedItems().isEmpty());
}

CompareController::CompareController(OpenContent* content, FrameNavigator* navigator,
                                     ActionRegistry* actions, QWidget* window)
    : QObject(window), content_(content), navigator_(navigator), window_(window) {
  connect(actions->action(ActionId::CompareRuns), &QAction::triggered, this,
          &CompareController::showPicker);
}

CompareWindow* CompareController::lastWindow() const {
  return last_;
}

CompareRunsDialog* CompareController::picker() const {
  return picker_;
}

QStringList CompareController::preselectedPaths() const {
  const LoadedRunPtr& run = content_->run();
  if (run && !run->path.isEmpty() && QFileInfo::exists(run->path)) return {run->path};
  return {};
}

void CompareController::showPicker() {
  if (picker_) {
    picker_->raise();
    picker_->activateWindow();
    return;
  }
  auto* dialog = new CompareRunsDialog(window_);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->addPaths(preselectedPaths());
  picker_ = dialog;
  connect(dialog, &QDialog::accepted, this, [this, dialog] { openComparison(dialog->paths()); });
  dialog->open();
}

bool CompareController::openDroppedRuns(const QMimeData* mime) {
  if (!mime || !mime->hasUrls()) return false;
  QStringList runs;
  for (const QUrl& url : mime->urls()) {
    if (url.isLocalFile() && isRunFilePath(url.toLocalFile())) runs.append(url.toLocalFile());
  }
  if (runs.size() < kMinComparedRuns) return false;
  openComparison(runs);
  return true;
}

CompareWindow* CompareController::openComparison(const QStringList& paths) {
  auto* comparison = new CompareWindow(window_);
  comparison->setAttribute(Qt::WA_DeleteOnClose);
  comparison->followPlayheadOf(navigator_, content_);
  comparison->openRuns(paths);
  comparison->show();
  last_ = comparison;
  return comparison;
}

}  // namespace stts::ui
