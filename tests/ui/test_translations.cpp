// The catalogues (German, Simplified Chinese) are complete, built into the binary, and actually
// change the window.
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "actions/action_registry.h"
#include "common/engine_error.h"
#include "common/time_format.h"
#include "gui_test_support.h"
#include "main/main_window.h"
#include "main/translation.h"

using namespace stts::ui;

namespace {

// Every catalogue that translations/CMakeLists.txt lists, by the suffix of stts_<language>.ts.
void addCatalogueRows() {
  QTest::addColumn<QString>("language");
  for (const char* language : {"de", "zh_CN"})
    QTest::newRow(language) << QString::fromLatin1(language);
}

// The numbered placeholders (%1 … %9, also as %L1) that `text` uses, each once.
QSet<int> placeholders(const QString& text) {
  static const QRegularExpression placeholder(QStringLiteral("%L?([1-9])"));
  QSet<int> found;
  for (const QRegularExpressionMatch& match : placeholder.globalMatch(text))
    found.insert(match.captured(1).toInt());
  return found;
}

}  // namespace

class TranslationsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(settingsDir_.isValid());
    test::useTemporarySettings(settingsDir_);
  }

  void catalogueIsEmbedded_data() { addCatalogueRows(); }
  void catalogueIsEmbedded() {
    QFETCH(QString, language);
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/stts_%1.qm").arg(language)));
  }

  // The UI language sets the numbers too: `--lang de` writes "0,50" and "28023,6 ms" beside
  // German words even on an English system (the app once mixed "Behaltener Anteil 0.50" in).
  void numbersFollowTheUiLanguage() {
    const QLocale before;
    QVERIFY(useUiLocale(chooseUiLocale(QStringLiteral("de"))));
    QCOMPARE(QLocale().toString(0.5, 'f', 2), QStringLiteral("0,50"));
    QCOMPARE(formatNumber(28023.6, 1), QStringLiteral("28023,6"));
    QDoubleSpinBox keep;
    keep.setDecimals(2);
    keep.setValue(0.5);
    QCOMPARE(keep.text(), QStringLiteral("0,50"));
    useUiLocale(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(QLocale().toString(0.5, 'f', 2), QStringLiteral("0.50"));
    QLocale::setDefault(before);
  }

  void germanMenusAreShown() {
    QVERIFY(installTranslators(chooseUiLocale(QStringLiteral("de"))));
    MainWindow window;
    const QList<QAction*> menus = window.menuBar()->actions();
    QVERIFY(!menus.isEmpty());
    QCOMPARE(menus.first()->text(), QStringLiteral("&Datei"));
    QCOMPARE(window.actions()->action(ActionId::OpenVideo)->text(),
             QStringLiteral("Video &öffnen …"));

    // Switching back to English at run time retranslates the open window.
    installTranslators(QLocale(QLocale::English, QLocale::UnitedStates));
    QTRY_COMPARE(menus.first()->text(), QStringLiteral("&File"));  // LanguageChange is posted
  }

  void chineseMenusAreShown() {
    QVERIFY(installTranslators(chooseUiLocale(QStringLiteral("zh_CN"))));
    MainWindow window;
    const QList<QAction*> menus = window.menuBar()->actions();
    QVERIFY(!menus.isEmpty());
    QCOMPARE(menus.first()->text(), QStringLiteral("文件(&F)"));
    QCOMPARE(window.actions()->action(ActionId::OpenVideo)->text(),
             QStringLiteral("打开视频(&O)…"));

    installTranslators(QLocale(QLocale::English, QLocale::UnitedStates));
    QTRY_COMPARE(menus.first()->text(), QStringLiteral("&File"));
  }

  // Alt+letter reaches one item in each menu (and one menu in the bar) in every language: German
  // once gave "Scorer &anpassen" and "&Auswertung" the same letter in Extras.
  void menuMnemonicsAreUnique_data() {
    QTest::addColumn<QString>("language");
    for (const char* language : {"en", "de", "zh_CN"})
      QTest::newRow(language) << QString::fromLatin1(language);
  }
  void menuMnemonicsAreUnique() {
    QFETCH(QString, language);
    QVERIFY(installTranslators(chooseUiLocale(language)) || language == QLatin1String("en"));
    MainWindow window;
    auto mnemonic = [](const QString& text) {
      for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != QLatin1Char('&')) continue;
        if (text[i + 1] != QLatin1Char('&')) return text[i + 1].toLower();
        ++i;  // "&&" is a literal ampersand
      }
      return QChar();
    };
    QStringList clashes;
    auto checkUnique = [&](const QList<QAction*>& actions, const QString& where) {
      QHash<QChar, QString> taken;
      for (QAction* action : actions) {
        if (action->isSeparator() || !action->isVisible()) continue;
        const QChar letter = mnemonic(action->text());
        if (letter.isNull()) continue;
        if (taken.contains(letter))
          clashes << QStringLiteral("%1: \"%2\" and \"%3\" share Alt+%4")
                         .arg(where, taken.value(letter), action->text(), letter);
        taken.insert(letter, action->text());
      }
    };
    checkUnique(window.menuBar()->actions(), QStringLiteral("menu bar"));
    for (QAction* menuAction : window.menuBar()->actions()) {
      QMenu* menu = menuAction->menu();
      if (!menu) continue;
      checkUnique(menu->actions(), menu->title());
      for (QAction* item : menu->actions())  // submenus (Colour Map, Panels, Open Recent)
        if (item->menu()) checkUnique(item->menu()->actions(), item->menu()->title());
    }
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));
    installTranslators(QLocale(QLocale::English, QLocale::UnitedStates));
  }

  // An engine error (English, naming files and sizes) leads with a sentence in the UI language.
  void engineErrorsSpeakTheUiLanguage_data() { addCatalogueRows(); }
  void engineErrorsSpeakTheUiLanguage() {
    QFETCH(QString, language);
    const stts::Error error =
        stts::makeError(stts::ErrorCode::OutOfMemory, "out of GPU memory at prefill");
    const QString detail = QStringLiteral("out of GPU memory at prefill");
    QCOMPARE(engineErrorText(error), detail);  // English: the engine's sentence as it is
    QVERIFY(installTranslators(chooseUiLocale(language)));
    const QString translated = engineErrorText(error);
    const QString headline = engineErrorHeadline(stts::ErrorCode::OutOfMemory);
    QVERIFY2(headline != QStringLiteral("Out of memory; try fewer frames, bfloat16 or the CPU."),
             qPrintable(headline));
    QVERIFY2(translated.startsWith(headline) && translated.contains(detail),
             qPrintable(translated));
    for (int code = 0; code <= int(stts::ErrorCode::Internal); ++code)
      QVERIFY(!engineErrorHeadline(stts::ErrorCode(code)).isEmpty());
    installTranslators(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(engineErrorText(error), detail);
  }

  // Key names (F1 overlay, menus, tooltips) follow the UI language too, without Qt's own
  // catalogues.
  void keyNamesAreTranslated() {
    QVERIFY(installTranslators(chooseUiLocale(QStringLiteral("de"))));
    const QString space = QKeySequence(Qt::Key_Space).toString(QKeySequence::NativeText);
    const QString ctrlRight =
        QKeySequence(Qt::CTRL | Qt::Key_Right).toString(QKeySequence::NativeText);
    installTranslators(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(space, QStringLiteral("Leertaste"));
    QCOMPARE(ctrlRight, QStringLiteral("Strg+Rechts"));
    QCOMPARE(QKeySequence(Qt::Key_Space).toString(QKeySequence::NativeText),
             QStringLiteral("Space"));
  }

  // The spellings a user may give to --lang or $LANGUAGE all find the Simplified Chinese catalogue.
  void chineseLanguageNamesAreAccepted_data() {
    QTest::addColumn<QString>("name");
    for (const char* name : {"zh_CN", "zh-CN", "zh", "zh_Hans_CN"})
      QTest::newRow(name) << QString::fromLatin1(name);
  }
  void chineseLanguageNamesAreAccepted() {
    QFETCH(QString, name);
    const QLocale locale = chooseUiLocale(name);
    QCOMPARE(locale.language(), QLocale::Chinese);
    QCOMPARE(locale.script(), QLocale::SimplifiedHanScript);
    QVERIFY(installTranslators(locale));
    QCOMPARE(QCoreApplication::translate("stts::ui::MainWindow", "&File"),
             QStringLiteral("文件(&F)"));
    installTranslators(QLocale(QLocale::English, QLocale::UnitedStates));
  }

  void languageEnvironmentIsHonoured() {
    qputenv("LANGUAGE", "de_DE:en");
    QCOMPARE(chooseUiLocale().language(), QLocale::German);
    qputenv("LANGUAGE", "zh_CN:en");
    QCOMPARE(chooseUiLocale().language(), QLocale::Chinese);
    QCOMPARE(chooseUiLocale().script(), QLocale::SimplifiedHanScript);
    QCOMPARE(chooseUiLocale(QStringLiteral("en")).language(), QLocale::English);
    qunsetenv("LANGUAGE");
  }

  // Every message in translations/stts_<language>.ts has a finished, non-empty translation (each
  // plural form too) that keeps the source's placeholders %1 … %9.
  void tsFileIsComplete_data() { addCatalogueRows(); }
  void tsFileIsComplete() {
    QFETCH(QString, language);
    QFile file(QStringLiteral(STTS_SOURCE_DIR "/translations/stts_%1.ts").arg(language));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QXmlStreamReader xml(&file);
    int messages = 0;
    bool numerus = false;
    QString source;
    QString tsLanguage;
    QStringList problems;
    while (!xml.atEnd()) {
      xml.readNext();
      if (!xml.isStartElement()) continue;
      if (xml.name() == QLatin1String("TS")) {
        tsLanguage = xml.attributes().value(QLatin1String("language")).toString();
      } else if (xml.name() == QLatin1String("message")) {
        ++messages;
        numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
      } else if (xml.name() == QLatin1String("source")) {
        source = xml.readElementText();
      } else if (xml.name() == QLatin1String("translation")) {
        const QString type = xml.attributes().value(QLatin1String("type")).toString();
        QStringList forms;
        if (numerus) {
          while (xml.readNextStartElement()) {
            if (xml.name() == QLatin1String("numerusform"))
              forms << xml.readElementText();
            else
              xml.skipCurrentElement();
          }
        } else {
          forms << xml.readElementText(QXmlStreamReader::IncludeChildElements);
        }
        if (type == QLatin1String("vanished") || type == QLatin1String("obsolete")) continue;
        if (type == QLatin1String("unfinished"))
          problems << QStringLiteral("unfinished: ") + source;
        if (forms.isEmpty()) problems << QStringLiteral("no plural forms: ") + source;
        for (const QString& text : std::as_const(forms)) {
          if (text.trimmed().isEmpty()) {
            problems << QStringLiteral("empty: ") + source;
          } else if (placeholders(text) != placeholders(source)) {
            problems << QStringLiteral("placeholders differ: ") + source + QStringLiteral(" → ") +
                            text;
          }
        }
      }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(tsLanguage.startsWith(language.section(QLatin1Char('_'), 0, 0)),
             qPrintable(QStringLiteral("the catalogue says language=\"%1\"").arg(tsLanguage)));
    QVERIFY2(messages >= 30, qPrintable(QStringLiteral("only %1 messages").arg(messages)));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
  }

 private:
  QTemporaryDir settingsDir_;
};

QTEST_MAIN(TranslationsTest)
#include "test_translations.moc"
