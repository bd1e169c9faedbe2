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
       QT_TRANSLATE_NOOP("ActionRegistry", "C&hoose Model…"),
       {QKeySequence(Qt::CTRL | Qt::Key_M)}},
      {ActionId::RunQuestion,
       "ask.run",
       QT_TRANSLATE_NOOP("ActionRegistry", "Ask"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&Run Question"),
       {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}},
      {ActionId::CancelQuestion,
       "ask.cancel",
       QT_TRANSLATE_NOOP("ActionRegistry", "Ask"),
       QT_TRANSLATE_NOOP("ActionRegistry", "Cancel &Question"),
       {QKeySequence(Qt::Key_Escape)}},
      {ActionId::PreviousRawFrame,
       "playback.previous_raw_frame",
       QT_TRANSLATE_NOOP("ActionRegistry", "Playback"),
       QT_TRANSLATE_NOOP("ActionRegistry", "Previous Ra&w Video Frame"),
       {QKeySequence(Qt::CTRL | Qt::Key_Left)}},
      {ActionId::NextRawFrame,
       "playback.next_raw_frame",
       QT_TRANSLATE_NOOP("ActionRegistry", "Playback"),
       QT_TRANSLATE_NOOP("ActionRegistry", "Next Raw &Video Frame"),
       {QKeySequence(Qt::CTRL | Qt::Key_Right)}},
      {ActionId::BackOneSecond,
       "playback.back_one_second",
       QT_TRANSLATE_NOOP("ActionRegistry", "Playback"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&Back One Second"),
       {QKeySequence(Qt::SHIFT | Qt::Key_Left), QKeySequence(Qt::Key_PageUp)}},
      {ActionId::ForwardOneSecond,
       "playback.forward_one_second",
       QT_TRANSLATE_NOOP("ActionRegistry", "Playback"),
       QT_TRANSLATE_NOOP("ActionRegistry", "F&orward One Second"),
       {QKeySequence(Qt::SHIFT | Qt::Key_Right), QKeySequence(Qt::Key_PageDown)}},
      {ActionId::ShuttleReverse,
       "playback.shuttle_reverse",
       QT_TRANSLATE_NOOP("ActionRegistry", "Playback"),
       QT_TRANSLATE_NOOP("ActionRegistry", "Shuttle Rever&se"),
       {QKeySequence(Qt::Key_J)}},
      {ActionId::ShuttlePause,
       "playback.shuttle_pause",
       QT_TRANSLATE_NOOP("ActionRegistry", "Playback"),
       QT_TRANSLATE_NOOP("ActionRegistry", "Shuttle P&ause"),
       {QKeySequence(Qt::Key_K)}},
      {ActionId::ShuttleForward,
       "playback.shuttle_forward",
       QT_TRANSLATE_NOOP("ActionRegistry", "Playback"),
       QT_TRANSLATE_NOOP("ActionRegistry", "Shuttle Forwar&d"),
       {QKeySequence(Qt::Key_L)}},
      {ActionId::ZoomIn,
       "view.zoom_in",
       QT_TRANSLATE_NOOP("ActionRegistry", "View"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&Zoom In"),
       {QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)}},
      {ActionId::ZoomOut,
       "view.zoom_out",
       QT_TRANSLATE_NOOP("ActionRegistry", "View"),
       QT_TRANSLATE_NOOP("ActionRegistry", "Zoom &Out"),
       {QKeySequence(Qt::Key_Minus)}},
      {ActionId::ZoomToFit,
       "view.zoom_fit",
       QT_TRANSLATE_NOOP("ActionRegistry", "View"),
       QT_TRANSLATE_NOOP("ActionRegistry", "Zoom to Fi&t"),
       {QKeySequence(Qt::Key_0)}},
      {ActionId::ZoomActualSize,
       "view.zoom_actual",
       QT_TRANSLATE_NOOP("ActionRegistry", "View"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&Actual Size (100 %)"),
       {QKeySequence(Qt::Key_1)}},
      {ActionId::ToggleCellGrid,
       "view.cell_grid",
       QT_TRANSLATE_NOOP("ActionRegistry", "View"),
       QT_TRANSLATE_NOOP("ActionRegistry", "Show Cell &Grid"),
       {QKeySequence(Qt::Key_G)}},
      {ActionId::QuickScreenshot,
       "export.quick_screenshot",
       QT_TRANSLATE_NOOP("ActionRegistry", "Export"),
       QT_TRANSLATE_NOOP("ActionRegistry", "Quick S&creenshot"),
       {QKeySequence(Qt::Key_S)}},
      {ActionId::ExportDialog,
       "export.dialog",
       QT_TRANSLATE_NOOP("ActionRegistry", "Export"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&Export…"),
       {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)}},
      {ActionId::ShowHelp,
       "help.keys",
       QT_TRANSLATE_NOOP("ActionRegistry", "Help"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&Keyboard Shortcuts"),
       {QKeySequence(Qt::Key_F1), QKeySequence(Qt::Key_Question)}},
      {ActionId::Preferences,
       "edit.preferences",
       QT_TRANSLATE_NOOP("ActionRegistry", "Edit"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&Preferences…"),
       {QKeySequence(Qt::CTRL | Qt::Key_Comma)}},
      {ActionId::FitScorer,
       "model.fit_scorer",
       QT_TRANSLATE_NOOP("ActionRegistry", "Model"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&Fit Scorer…"),
       {}},
      {ActionId::CompareRuns,
       "compare.open",
       QT_TRANSLATE_NOOP("ActionRegistry", "Compare"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&Compare Runs…"),
       {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)}},
      {ActionId::ScoresPerFrame,
       "view.scores_per_frame",
       QT_TRANSLATE_NOOP("ActionRegistry", "View"),
       QT_TRANSLATE_NOOP("ActionRegistry", "Normalise Scores per &Frame"),
       {QKeySequence(Qt::Key_N)}},
      {ActionId::OpenEvaluation,
       "tools.evaluation",
       QT_TRANSLATE_NOOP("ActionRegistry", "Compare"),
       QT_TRANSLATE_NOOP("ActionRegistry", "&Evaluation…"),
       {}},
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
