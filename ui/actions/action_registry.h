// Every user action in one table: a stable id, a translatable text and default key sequences.
// QActions are created from the table, so menus, shortcuts, the help overlay and (later) the
// rebinding dialog all read the same source of truth instead of scattering QKeySequences.
#pragma once

#include <QHash>
#include <QKeySequence>
#include <QList>
#include <QObject>
#include <QString>

class QAction;
class QWidget;

namespace stts::ui {

enum class ActionId {
  OpenVideo,
  Quit,
  PlayPause,
  PreviousSample,
  NextSample,
  FirstSample,
  LastSample,
  OpenRun,
  CycleOverlay,
  IncreaseOverlayOpacity,
  DecreaseOverlayOpacity,
  SaveRun,
  ChooseModel,
  RunQuestion,
  CancelQuestion,
  PreviousRawFrame,
  NextRawFrame,
  BackOneSecond,
  ForwardOneSecond,
  ShuttleReverse,
  ShuttlePause,
  ShuttleForward,
  ZoomIn,
  ZoomOut,
  ZoomToFit,
  ZoomActualSize,
  ToggleCellGrid,
  QuickScreenshot,
  ExportDialog,
  ShowHelp,
  Preferences,
  FitScorer,
  CompareRuns,
  ScoresPerFrame,
  OpenEvaluation,
};

// One row of the registry. `text` and `category` are source strings; the registry translates them
// in the "ActionRegistry" context so lupdate finds them through QT_TRANSLATE_NOOP.
struct ActionDefinition {
  ActionId id;
  const char* settingsKey;  // stable, for saved key bindings: never translate or rename
  const char* category;
  const char* text;
  QList<QKeySequence> defaultShortcuts;
};

class ActionRegistry : public QObject {
  Q_OBJECT

 public:
  // Creates one QAction per definition, added to `shortcutScope` so the shortcuts work whatever
  // child has focus (Qt::WindowShortcut on the top-level window).
  explicit ActionRegistry(QWidget* shortcutScope);

  static const QList<ActionDefinition>& definitions();
  static const ActionDefinition& definition(ActionId id);

  QAction* action(ActionId id) const;

  // For the rebinding dialog and saved bindings; an empty list removes every key.
  void setShortcuts(ActionId id, const QList<QKeySequence>& shortcuts);
  void resetShortcuts();

  // Re-applies translated texts after the application language changed.
  void retranslate();

 private:
  QHash<ActionId, QAction*> actions_;
};

}  // namespace stts::ui
