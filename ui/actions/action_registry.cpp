#include "actions/action_registry.h"

#include <QAction>
#include <QCoreApplication>
#include <QWidget>

namespace stts::ui {

namespace {

constexpr const char* kContext = "ActionRegistry";

QList<ActionDefinition> buildDefinitions() {
  // ux.md §2 is the source of these defaults; later issues append rows, never reorder ids.
  return {
      {ActionId::OpenVideo,
       "file.open_video",
       QT_TRANSLATE_NOOP("ActionRegistry", "File"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&Open Video…"),
       {QKeySequence::Open}},
      {ActionId::Quit,
       "file.quit",
       QT_TRANSLATE_NOOP("ActionRegistry", "File"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&Quit"),
       {QKeySequence::Quit}},
      {ActionId::PlayPause,
       "playback.play_pause",
       QT_TRANSLATE_NOOP("ActionRegistry", "Playback"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&Play / Pause"),
       {QKeySequence(Qt::Key_Space)}},
      {ActionId::PreviousSample,
       "playback.previous_sample",
       QT_TRANSLATE_NOOP("ActionRegistry", "Playback"),
       QT_TRANSLATE_NOOP("ActionRegistry", "P&revious Sampled Frame"),
       {QKeySequence(Qt::Key_Left), QKeySequence(Qt::Key_Comma)}},
      {ActionId::NextSample,
       "playback.next_sample",
       QT_TRANSLATE_NOOP("ActionRegistry", "Playback"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&Next Sampled Frame"),
       {QKeySequence(Qt::Key_Right), QKeySequence(Qt::Key_Period)}},
      {ActionId::FirstSample,
       "playback.first_sample",
       QT_TRANSLATE_NOOP("ActionRegistry", "Playback"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&First Sampled Frame"),
       {QKeySequence(Qt::Key_Home)}},
      {ActionId::LastSample,
       "playback.last_sample",
       QT_TRANSLATE_NOOP("ActionRegistry", "Playback"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&Last Sampled Frame"),
       {QKeySequence(Qt::Key_End)}},
      {ActionId::OpenRun,
       "file.open_run",
       QT_TRANSLATE_NOOP("ActionRegistry", "File"),
       QT_TRANSLATE_NOOP("ActionRegistry", "Open &Run…"),
       {QKeySequence(Qt::CTRL | Qt::Key_R)}},
      {ActionId::CycleOverlay,
       "view.cycle_overlay",
       QT_TRANSLATE_NOOP("ActionRegistry", "View"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&Cycle Overlay (Off / Mask / Scores)"),
       {QKeySequence(Qt::Key_O), QKeySequence(Qt::Key_V)}},
      {ActionId::IncreaseOverlayOpacity,
       "view.overlay_opacity_up",
       QT_TRANSLATE_NOOP("ActionRegistry", "View"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&Increase Overlay Opacity"),
       {QKeySequence(Qt::Key_BracketRight)}},
      {ActionId::DecreaseOverlayOpacity,
       "view.overlay_opacity_down",
       QT_TRANSLATE_NOOP("ActionRegistry", "View"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&Decrease Overlay Opacity"),
       {QKeySequence(Qt::Key_BracketLeft)}},
      {ActionId::SaveRun,
       "file.save_run",
       QT_TRANSLATE_NOOP("ActionRegistry", "File"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&Save Run…"),
       {QKeySequence(Qt::CTRL | Qt::Key_S)}},
      {ActionId::ChooseModel,
       "ask.choose_model",
       QT_TRANSLATE_NOOP("ActionRegistry", "Ask"),
       QT_TRANSLATE_NOOP("ActionRegistry", "Choose &Model…"),
       {QKeySequence(Qt::CTRL | Qt::Key_M)}},
      {ActionId::RunQuestion,
       "ask.run",
       QT_TRANSLATE_NOOP("ActionRegistry", "Ask"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&Run Question"),
       {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}},
      {ActionId::CancelQuestion,
       "ask.cancel",
       QT_TRANSLATE_NOOP("ActionRegistry", "Ask"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&Cancel Question"),
       {QKeySequence(Qt::Key_Escape)}},
  };
}

}  // namespace

const QList<ActionDefinition>& ActionRegistry::definitions() {
  static const QList<ActionDefinition> table = buildDefinitions();
  return table;
}

const ActionDefinition& ActionRegistry::definition(ActionId id) {
  for (const ActionDefinition& row : definitions()) {
    if (row.id == id) return row;
  }
  // Every enumerator has a row (the registry test checks); never crash a user's session over it.
  Q_ASSERT_X(false, "ActionRegistry::definition", "ActionId without a definition row");
  return definitions().front();
}

ActionRegistry::ActionRegistry(QWidget* shortcutScope) : QObject(shortcutScope) {
  for (const ActionDefinition& row : definitions()) {
    auto* action = new QAction(shortcutScope);
    action->setObjectName(QString::fromLatin1(row.settingsKey));
    action->setShortcuts(row.defaultShortcuts);
    action->setShortcutContext(Qt::WindowShortcut);
    // Menus show the shortcut anyway; keep tooltips and the status tip short and translatable.
    shortcutScope->addAction(action);
    actions_.insert(row.id, action);
  }
  retranslate();
}

QAction* ActionRegistry::action(ActionId id) const {
  return actions_.value(id);
}

void ActionRegistry::setShortcuts(ActionId id, const QList<QKeySequence>& shortcuts) {
  if (QAction* target = action(id)) target->setShortcuts(shortcuts);
}

void ActionRegistry::resetShortcuts() {
  for (const ActionDefinition& row : definitions()) setShortcuts(row.id, row.defaultShortcuts);
}

void ActionRegistry::retranslate() {
  for (const ActionDefinition& row : definitions()) {
    actions_.value(row.id)->setText(QCoreApplication::translate(kContext, row.text));
  }
}

}  // namespace stts::ui
