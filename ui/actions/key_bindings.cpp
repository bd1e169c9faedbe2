#include "actions/key_bindings.h"

#include <QAction>

#include "actions/action_registry.h"
#include "actions/preferences_dialog.h"
#include "actions/shortcut_help_overlay.h"
#include "actions/shortcut_settings.h"
#include "common/settings.h"

namespace stts::ui {

KeyBindings::KeyBindings(ActionRegistry* registry, QWidget* window)
    : QObject(window), registry_(registry), window_(window) {
  auto settings = appSettings();
  restoreShortcuts(*registry, *settings);
  overlay_ = new ShortcutHelpOverlay(registry, window);
  connect(registry->action(ActionId::ShowHelp), &QAction::triggered, overlay_,
          &ShortcutHelpOverlay::toggle);
  connect(registry->action(ActionId::Preferences), &QAction::triggered, this,
          &KeyBindings::showPreferences);
}

PreferencesDialog* KeyBindings::preferencesDialog() const {
  return dialog_;
}

PreferencesDialog* KeyBindings::showPreferences() {
  if (!dialog_) {
    dialog_ = new PreferencesDialog(registry_, window_);
    dialog_->setAttribute(Qt::WA_DeleteOnClose);
    dialog_->open();
  }
  dialog_->raise();
  dialog_->activateWindow();
  return dialog_;
}

}  // namespace stts::ui
