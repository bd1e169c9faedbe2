#include "actions/shortcut_settings.h"

#include <QAction>
#include <QRegularExpression>
#include <QSettings>
#include <QStringList>

namespace stts::ui {

namespace {

QStringList portable(const QList<QKeySequence>& sequences) {
  QStringList texts;
  for (const QKeySequence& sequence : sequences) {
    if (!sequence.isEmpty()) texts << sequence.toString(QKeySequence::PortableText);
  }
  return texts;
}

bool overlaps(const QKeySequence& a, const QKeySequence& b) {
  if (a.isEmpty() || b.isEmpty()) return false;
  return a.matches(b) != QKeySequence::NoMatch || b.matches(a) != QKeySequence::NoMatch;
}

}  // namespace

void restoreShortcuts(ActionRegistry& registry, QSettings& settings) {
  settings.beginGroup(QLatin1String(kShortcutSettingsGroup));
  for (const ActionDefinition& row : ActionRegistry::definitions()) {
    const QString key = QLatin1String(row.settingsKey);
    if (!settings.contains(key)) continue;
    QList<QKeySequence> sequences;
    bool readable = true;
    for (const QString& text : settings.value(key).toStringList()) {
      const QKeySequence sequence = QKeySequence::fromString(text, QKeySequence::PortableText);
      if (sequence.isEmpty() || sequence[0].key() == Qt::Key_unknown) {
        readable = false;
        break;
      }
      sequences << sequence;
    }
    if (readable) registry.setShortcuts(row.id, sequences);
  }
  settings.endGroup();
}

void saveShortcuts(const ActionRegistry& registry, QSettings& settings) {
  settings.beginGroup(QLatin1String(kShortcutSettingsGroup));
  for (const ActionDefinition& row : ActionRegistry::definitions()) {
    const QString key = QLatin1String(row.settingsKey);
    const QStringList current = portable(registry.action(row.id)->shortcuts());
    if (current == portable(row.defaultShortcuts)) {
      settings.remove(key);
    } else {
      settings.setValue(key, current);  // an empty list records "no key" on purpose
    }
  }
  settings.endGroup();
}

KeyBindingMap currentBindings(const ActionRegistry& registry) {
  KeyBindingMap bindings;
  for (const ActionDefinition& row : ActionRegistry::definitions()) {
    bindings.insert(row.id, registry.action(row.id)->shortcuts());
  }
  return bindings;
}

KeyBindingMap defaultBindings() {
  KeyBindingMap bindings;
  for (const ActionDefinition& row : ActionRegistry::definitions()) {
    bindings.insert(row.id, row.defaultShortcuts);
  }
  return bindings;
}

std::optional<ActionId> findConflict(const KeyBindingMap& bindings, ActionId id,
                                     const QKeySequence& sequence) {
  // In table order, so the answer is stable whatever the hash order.
  for (const ActionDefinition& row : ActionRegistry::definitions()) {
    if (row.id == id) continue;
    for (const QKeySequence& other : bindings.value(row.id)) {
      if (overlaps(sequence, other)) return row.id;
    }
  }
  return std::nullopt;
}

QString shortcutsText(const QList<QKeySequence>& sequences) {
  QStringList texts;
  for (const QKeySequence& sequence : sequences) {
    if (!sequence.isEmpty()) texts << sequence.toString(QKeySequence::NativeText);
  }
  return texts.join(QStringLiteral(" · "));
}

QString plainActionText(const ActionRegistry& registry, ActionId id) {
  QString text = registry.action(id)->text();
  text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
  text.replace(QStringLiteral("&&"), QStringLiteral("&"));
  while (text.endsWith(QChar(0x2026)) || text.endsWith(QLatin1Char('.'))) text.chop(1);
  return text.trimmed();
}

}  // namespace stts::ui
