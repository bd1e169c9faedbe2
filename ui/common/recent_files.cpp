#include "common/recent_files.h"

#include <QDir>
#include <QEvent>
#include <QFileInfo>

#include "common/settings.h"

namespace stts::ui {

namespace {
const QString kSettingsKey = QStringLiteral("recentFiles");
}

RecentFilesMenu::RecentFilesMenu(QWidget* parent) : QMenu(parent) {
  load();
  rebuild();
}

void RecentFilesMenu::add(const QString& path) {
  const QString absolute = QFileInfo(path).absoluteFilePath();
  files_.removeAll(absolute);
  files_.prepend(absolute);
  while (files_.size() > kMaxEntries) files_.removeLast();
  save();
  rebuild();
}

void RecentFilesMenu::clearAll() {
  files_.clear();
  save();
  rebuild();
}

QStringList RecentFilesMenu::storedFiles() {
  QStringList files = appSettings()->value(kSettingsKey).toStringList();
  files.removeAll(QString());
  while (files.size() > kMaxEntries) files.removeLast();
  return files;
}

void RecentFilesMenu::load() {
  files_ = storedFiles();
}

void RecentFilesMenu::save() const {
  appSettings()->setValue(kSettingsKey, files_);
}

void RecentFilesMenu::rebuild() {
  clear();
  setTitle(tr("Open Recen&t"));
  for (int i = 0; i < files_.size(); ++i) {
    const QString path = files_.at(i);
    // "&1 name" gives keyboard accelerators to the first nine entries.
    const QString prefix = i < 9 ? QStringLiteral("&%1  ").arg(i + 1) : QString();
    QAction* entry = addAction(prefix + QFileInfo(path).fileName());
    entry->setToolTip(QDir::toNativeSeparators(path));
    entry->setStatusTip(QDir::toNativeSeparators(path));
    connect(entry, &QAction::triggered, this, [this, path] { emit fileChosen(path); });
  }
  if (files_.isEmpty()) {
    addAction(tr("No recent files"))->setEnabled(false);
    return;
  }
  addSeparator();
  connect(addAction(tr("&Clear List")), &QAction::triggered, this, &RecentFilesMenu::clearAll);
}

void RecentFilesMenu::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) rebuild();
  QMenu::changeEvent(event);
}

}  // namespace stts::ui
