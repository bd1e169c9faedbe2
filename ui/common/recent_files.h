// The "Open Recent" list: most recent first, persisted in QSettings, shown as a menu.
#pragma once

#include <QMenu>
#include <QStringList>

namespace stts::ui {

class RecentFilesMenu : public QMenu {
  Q_OBJECT

 public:
  static constexpr int kMaxEntries = 10;

  explicit RecentFilesMenu(QWidget* parent = nullptr);

  // The saved list, most recent first, as any part of the window may offer it (the comparison's
  // run picker lists the run files among it).
  static QStringList storedFiles();

  // Moves `path` to the front (adding it if new) and saves the list.
  void add(const QString& path);
  void clearAll();
  QStringList files() const { return files_; }

 signals:
  void fileChosen(const QString& path);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void load();
  void save() const;
  void rebuild();

  QStringList files_;
};

}  // namespace stts::ui
