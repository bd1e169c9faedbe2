// Preferences ▸ Keys: every action of the registry by category with its keys; a selected action
// gets a key and an alternative key recorded with QKeySequenceEdit. A key another action already
// uses is refused and the other action named (all actions share the window's shortcut scope).
// Edits are a working copy: OK applies them to the registry and saves them, Cancel drops them.
// Below them, the frame-memory budget for videos and runs opened from then on.
#pragma once

#include <QDialog>
#include <QHash>

#include "actions/shortcut_settings.h"

class QKeySequenceEdit;
class QLabel;
class QPushButton;
class QSpinBox;
class QTreeWidget;
class QTreeWidgetItem;

namespace stts::ui {

class PreferencesDialog : public QDialog {
  Q_OBJECT

 public:
  PreferencesDialog(ActionRegistry* registry, QWidget* parent = nullptr);

  const KeyBindingMap& bindings() const { return bindings_; }
  // Sets the working copy's keys for `id`; refuses (returns false, says why in conflictText())
  // when a key is taken by another action.
  bool setBinding(ActionId id, const QList<QKeySequence>& sequences);
  void resetBinding(ActionId id);
  void resetAllBindings();
  // Writes the working copy to the registry and the settings (what OK does).
  void apply();

  void selectAction(ActionId id);
  ActionId selectedAction() const { return selected_; }
  // The editor for the selected action's key (slot 0) or alternative key (slot 1).
  QKeySequenceEdit* keyEdit(int slot) const;
  QString conflictText() const;
  QTreeWidget* actionTree() const { return tree_; }
  QSpinBox* frameMemoryBox() const { return frameMemory_; }

 private:
  void buildUi();
  void fillTree();
  void refreshItem(ActionId id);
  void showSelected();
  void commitEditors();

  ActionRegistry* registry_;
  KeyBindingMap bindings_;
  ActionId selected_ = ActionId::OpenVideo;
  QTreeWidget* tree_ = nullptr;
  QHash<ActionId, QTreeWidgetItem*> items_;
  QLabel* selectedLabel_ = nullptr;
  QKeySequenceEdit* editors_[2] = {nullptr, nullptr};
  QLabel* conflictLabel_ = nullptr;
  QSpinBox* frameMemory_ = nullptr;
  bool updatingEditors_ = false;
};

}  // namespace stts::ui
