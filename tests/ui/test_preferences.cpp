// Key bindings (ux.md §2: one registry, rebindable, listed under F1 / ?): the Preferences dialog
// rebinds a QAction, refuses a key another action holds, persists by settingsKey into a new
// window, resets one or all; the help overlay lists every action with its current keys.
#include <QAction>
#include <QDialogButtonBox>
#include <QKeySequenceEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "actions/action_registry.h"
#include "actions/key_bindings.h"
#include "actions/preferences_dialog.h"
#include "actions/shortcut_help_overlay.h"
#include "actions/shortcut_settings.h"
#include "common/settings.h"
#include "gui_test_support.h"
#include "main/main_window.h"
#include "media/frame_navigator.h"

using namespace stts::ui;
using namespace stts::ui::test;

namespace {

QList<QKeySequence> keys(std::initializer_list<QKeySequence> list) {
  return QList<QKeySequence>(list);
}

}  // namespace

class PreferencesTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(settingsDir_.isValid());
    useTemporarySettings(settingsDir_);
  }

  void init() { appSettings()->remove(QLatin1String(kShortcutSettingsGroup)); }

  void conflictsAreFoundInTheSharedScope() {
    const KeyBindingMap defaults = defaultBindings();
    QCOMPARE(findConflict(defaults, ActionId::ZoomIn, QKeySequence(Qt::Key_Right)),
             std::optional<ActionId>(ActionId::NextSample));
    QVERIFY(!findConflict(defaults, ActionId::NextSample, QKeySequence(Qt::Key_Right)));
    QVERIFY(!findConflict(defaults, ActionId::ZoomIn, QKeySequence(Qt::Key_F12)));
    // A chord that starts with another action's key would make that key wait: also a conflict.
    QCOMPARE(findConflict(defaults, ActionId::FitScorer, QKeySequence(QStringLiteral("O, X"))),
             std::optional<ActionId>(ActionId::CycleOverlay));
  }

  void dialogRebindsRefusesConflictsAndPersists() {
    {
      MainWindow window;
      QVERIFY(showActive(window));
      QVERIFY(openAndWait(window, colourClip()));
      // Ctrl+, opens the dialog without blocking.
      QTest::keyClick(&window, Qt::Key_Comma, Qt::ControlModifier);
      PreferencesDialog* dialog = window.keyBindings()->preferencesDialog();
      QVERIFY(dialog);
      QTRY_VERIFY(dialog->isVisible());
      // Every action is listed under its category, with its keys.
      int listed = 0;
      for (int i = 0; i < dialog->actionTree()->topLevelItemCount(); ++i) {
        listed += dialog->actionTree()->topLevelItem(i)->childCount();
      }
      QCOMPARE(listed, int(ActionRegistry::definitions().size()));

      QVERIFY(dialog->setBinding(ActionId::NextSample, keys({QKeySequence(Qt::Key_Y)})));
      QVERIFY(dialog->conflictText().isEmpty());
      // Taken by Next Sample now: refused, and the holder is named.
      QVERIFY(!dialog->setBinding(ActionId::PreviousSample, keys({QKeySequence(Qt::Key_Y)})));
      QVERIFY2(dialog->conflictText().contains(QStringLiteral("Next Sampled Frame")),
               qPrintable(dialog->conflictText()));
      QCOMPARE(dialog->bindings().value(ActionId::PreviousSample),
               ActionRegistry::definition(ActionId::PreviousSample).defaultShortcuts);

      // Typed into the key editor like a user: Home belongs to First Sampled Frame.
      dialog->selectAction(ActionId::ZoomIn);
      QVERIFY(dialog->conflictText().isEmpty());
      QKeySequenceEdit* editor = dialog->keyEdit(0);
      editor->setFocus();
      QTest::keyClick(editor, Qt::Key_Home);
      QTRY_VERIFY_WITH_TIMEOUT(!dialog->conflictText().isEmpty(), 5000);
      QVERIFY(dialog->conflictText().contains(QStringLiteral("First Sampled Frame")));
      QCOMPARE(editor->keySequence(), QKeySequence(Qt::Key_Plus));  // the editor shows what holds
      dialog->grab().save(QStringLiteral(STTS_BINARY_DIR "/preferences_dialog.png"), "PNG");

      // Nothing changes before OK.
      QVERIFY(window.actions()
                  ->action(ActionId::NextSample)
                  ->shortcuts()
                  .contains(QKeySequence(Qt::Key_Right)));
      dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
      QCOMPARE(window.actions()->action(ActionId::NextSample)->shortcuts(),
               keys({QKeySequence(Qt::Key_Y)}));
      // The new key works and the old one is free.
      QCOMPARE(window.navigator()->currentIndex(), 0);
      pressKey(window, Qt::Key_Y);
      QCOMPARE(window.navigator()->currentIndex(), 1);
      pressKey(window, Qt::Key_Right);
      QCOMPARE(window.navigator()->currentIndex(), 1);
      window.close();
    }
    // A new window starts with the saved binding (stored under the stable settings key).
    QCOMPARE(appSettings()->value(QStringLiteral("shortcuts/playback.next_sample")).toStringList(),
             QStringList{QStringLiteral("Y")});
    MainWindow second;
    QCOMPARE(second.actions()->action(ActionId::NextSample)->shortcuts(),
             keys({QKeySequence(Qt::Key_Y)}));
    QCOMPARE(second.actions()->action(ActionId::PreviousSample)->shortcuts(),
             ActionRegistry::definition(ActionId::PreviousSample).defaultShortcuts);

    // Reset one action, then everything, and the defaults come back (and stay after a restart).
    PreferencesDialog* dialog = second.keyBindings()->showPreferences();
    QVERIFY(dialog->setBinding(ActionId::ZoomOut, keys({QKeySequence(Qt::Key_F9)})));
    dialog->resetBinding(ActionId::NextSample);
    QCOMPARE(dialog->bindings().value(ActionId::NextSample),
             ActionRegistry::definition(ActionId::NextSample).defaultShortcuts);
    QCOMPARE(dialog->bindings().value(ActionId::ZoomOut), keys({QKeySequence(Qt::Key_F9)}));
    dialog->resetAllBindings();
    QCOMPARE(dialog->bindings(), defaultBindings());
    dialog->apply();
    dialog->close();
    QVERIFY(!appSettings()->contains(QStringLiteral("shortcuts/playback.next_sample")));
    MainWindow third;
    QCOMPARE(third.actions()->action(ActionId::NextSample)->shortcuts(),
             ActionRegistry::definition(ActionId::NextSample).defaultShortcuts);
  }

  // The frame-memory budget is chosen in Preferences and reaches the stores of what opens next:
  // a smaller budget gives smaller drawing copies, and the held bytes stay inside it.
  void frameMemoryBudgetIsSavedAndApplied() {
    appSettings()->remove(QStringLiteral("frames/memoryBudgetMiB"));
    {
      MainWindow first;
      PreferencesDialog dialog(first.actions());
      QCOMPARE(dialog.frameMemoryBox()->value(), kDefaultFrameMemoryMiB);
      dialog.frameMemoryBox()->setValue(kMinimumFrameMemoryMiB);
      dialog.apply();
    }
    QCOMPARE(savedFrameMemoryMiB(), kMinimumFrameMemoryMiB);
    appSettings()->setValue(QStringLiteral("frames/memoryBudgetMiB"), QStringLiteral("lots"));
    QCOMPARE(savedFrameMemoryMiB(), kDefaultFrameMemoryMiB);  // unreadable: the default
    appSettings()->setValue(QStringLiteral("frames/memoryBudgetMiB"), 1);
    QCOMPARE(savedFrameMemoryMiB(), kMinimumFrameMemoryMiB);  // clamped
    MainWindow window;
    QVERIFY(openAndWait(window, colourClip()));
    const FrameStore& store = *window.video()->store;
    QCOMPARE(store.limits().budgetBytes, int64_t(kMinimumFrameMemoryMiB) << 20);
    QVERIFY(store.heldBytes() <= store.limits().budgetBytes);
    appSettings()->remove(QStringLiteral("frames/memoryBudgetMiB"));
  }

  void unreadableSavedKeysKeepTheDefaults() {
    appSettings()->setValue(QStringLiteral("shortcuts/playback.first_sample"),
                            QStringList{QStringLiteral("NoSuchKey+Whatever")});
    appSettings()->setValue(QStringLiteral("shortcuts/view.zoom_out"), QStringList{});
    appSettings()->setValue(QStringLiteral("shortcuts/not.an.action"), QStringList{"F2"});
    MainWindow window;
    QCOMPARE(window.actions()->action(ActionId::FirstSample)->shortcuts(),
             ActionRegistry::definition(ActionId::FirstSample).defaultShortcuts);
    QVERIFY(
        window.actions()->action(ActionId::ZoomOut)->shortcuts().isEmpty());  // removed on purpose
  }

  void helpOverlayListsEveryActionWithItsCurrentKeys() {
    MainWindow window;
    window.resize(1100, 760);
    QVERIFY(showActive(window));
    ShortcutHelpOverlay* overlay = window.keyBindings()->helpOverlay();
    QVERIFY(!overlay->isVisible());
    pressKey(window, Qt::Key_F1);
    QVERIFY(overlay->isVisible());
    QCOMPARE(overlay->geometry(), window.rect());

    const QList<ShortcutHelpOverlay::Row> rows = overlay->rows();
    QCOMPARE(rows.size(), int(ActionRegistry::definitions().size()));
    for (const ActionDefinition& definition : ActionRegistry::definitions()) {
      const QString name = plainActionText(*window.actions(), definition.id);
      auto row = std::find_if(rows.begin(), rows.end(),
                              [&](const ShortcutHelpOverlay::Row& r) { return r.action == name; });
      QVERIFY2(row != rows.end(), qPrintable(name));
      QCOMPARE(row->keys, shortcutsText(window.actions()->action(definition.id)->shortcuts()));
    }
    auto keysOf = [&](const QString& name) {
      for (const auto& row : overlay->rows()) {
        if (row.action == name) return row.keys;
      }
      return QString();
    };
    QCOMPARE(keysOf(QStringLiteral("Next Sampled Frame")), QStringLiteral("Right · ."));
    // The sheet darkens what lies under it (and is saved as an artefact for eyes).
    const QImage shot = window.grab().toImage();
    shot.save(QStringLiteral(STTS_BINARY_DIR "/help_overlay.png"), "PNG");
    const QColor corner = shot.pixelColor(shot.width() - 4, shot.height() - 4);
    QVERIFY2(corner.lightness() < 80, qPrintable(describe(corner)));

    pressKey(window, Qt::Key_Escape);
    QVERIFY(!overlay->isVisible());
    pressKey(window, Qt::Key_Question);
    QVERIFY(overlay->isVisible());
    pressKey(window, Qt::Key_F1);  // the help key closes it again
    QVERIFY(!overlay->isVisible());

    // A rebinding shows at once.
    window.actions()->setShortcuts(ActionId::NextSample, {QKeySequence(Qt::Key_N)});
    QCOMPARE(keysOf(QStringLiteral("Next Sampled Frame")), QStringLiteral("N"));
    pressKey(window, Qt::Key_F1);
    QVERIFY(overlay->isVisible());
    QTest::mouseClick(overlay, Qt::LeftButton, {}, overlay->rect().center());
    QVERIFY(!overlay->isVisible());
  }

 private:
  QTemporaryDir settingsDir_;
};

QTEST_MAIN(PreferencesTest)
#include "test_preferences.moc"
