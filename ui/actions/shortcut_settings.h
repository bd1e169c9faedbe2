// Key bindings beyond the registry's defaults: saved in QSettings by each action's stable
// settingsKey, restored at start-up, and checked for conflicts before they are accepted.
#pragma once

#include <QHash>
#include <QKeySequence>
#include <QList>
#include <QString>
#include <optional>

#include "actions/action_registry.h"

class QSettings;

namespace stts::ui {

using KeyBindingMap = QHash<ActionId, QList<QKeySequence>>;

// The settings group; one entry per action whose keys differ from its defaults.
inline constexpr const char* kShortcutSettingsGroup = "shortcuts";

// Applies saved bindings to `registry`; unknown keys and unreadable sequences are skipped, so an
// old or hand-edited settings file can never remove a working default by accident.
void restoreShortcuts(ActionRegistry& registry, QSettings& settings);
// Writes the registry's current bindings (only those that differ from the defaults).
void saveShortcuts(const ActionRegistry& registry, QSettings& settings);

// The registry's current bindings, for editing a copy.
KeyBindingMap currentBindings(const ActionRegistry& registry);
KeyBindingMap defaultBindings();

// Another action in `bindings` that `sequence` would collide with if `id` took it: the same
// sequence, or one that is a prefix of the other (Ctrl+K vs Ctrl+K, Ctrl+X). All actions share
// the main window's shortcut scope, so any such pair is ambiguous.
std::optional<ActionId> findConflict(const KeyBindingMap& bindings, ActionId id,
                                     const QKeySequence& sequence);

// "Left · ," style text for the dialog and the help overlay (native text; a comma would be
// ambiguous next to the comma key).
QString shortcutsText(const QList<QKeySequence>& sequences);
// The action's translated name without mnemonics and ellipsis ("Open Video").
QString plainActionText(const ActionRegistry& registry, ActionId id);

}  // namespace stts::ui
