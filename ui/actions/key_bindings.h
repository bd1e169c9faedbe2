// The user's side of the action registry: saved key bindings restored at start-up, the
// Preferences dialog (Ctrl+,) that edits them and the F1 / ? help overlay that lists them.
#pragma once

#include <QObject>
#include <QPointer>

class QWidget;

namespace stts::ui {

class ActionRegistry;
class PreferencesDialog;
class ShortcutHelpOverlay;

class KeyBindings : public QObject {
  Q_OBJECT

 public:
  // Restores the saved bindings into `registry` and connects its ShowHelp and Preferences
  // actions; `window` hosts the overlay and parents the dialog.
  KeyBindings(ActionRegistry* registry, QWidget* window);

  ShortcutHelpOverlay* helpOverlay() const { return overlay_; }
  // Opens the dialog (window-modal, without blocking) or raises the open one.
  PreferencesDialog* showPreferences();
  // The open dialog; null when none is open.
  PreferencesDialog* preferencesDialog() const;

 private:
  ActionRegistry* registry_;
  QWidget* window_;
  ShortcutHelpOverlay* overlay_ = nullptr;
  QPointer<PreferencesDialog> dialog_;
};

}  // namespace stts::ui
