// The German catalogue is complete, built into the binary, and actually changes the window.
#include <QFile>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "actions/action_registry.h"
#include "gui_test_support.h"
#include "main/main_window.h"
#include "main/translation.h"

using namespace stts::ui;

class TranslationsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(settingsDir_.isValid());
    test::useTemporarySettings(settingsDir_);
  }

  void germanCatalogueIsEmbedded() { QVERIFY(QFile::exists(QStringLiteral(":/i18n/stts_de.qm"))); }

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

  void languageEnvironmentIsHonoured() {
    qputenv("LANGUAGE", "de_DE:en");
    QCOMPARE(chooseUiLocale().language(), QLocale::German);
    QCOMPARE(chooseUiLocale(QStringLiteral("en")).language(), QLocale::English);
    qunsetenv("LANGUAGE");
  }

  // Every message in translations/stts_de.ts has a finished, non-empty translation.
  void tsFileIsComplete() {
    QFile file(QStringLiteral(STTS_SOURCE_DIR "/translations/stts_de.ts"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    int messages = 0;
    QString source;
    QStringList problems;
    while (!xml.atEnd()) {
      xml.readNext();
      if (!xml.isStartElement()) continue;
      if (xml.name() == QLatin1String("message")) {
        ++messages;
      } else if (xml.name() == QLatin1String("source")) {
        source = xml.readElementText();
      } else if (xml.name() == QLatin1String("translation")) {
        const QString type = xml.attributes().value(QLatin1String("type")).toString();
        const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
        if (type == QLatin1String("unfinished"))
          problems << QStringLiteral("unfinished: ") + source;
        if (type != QLatin1String("vanished") && type != QLatin1String("obsolete") &&
            text.trimmed().isEmpty()) {
          problems << QStringLiteral("empty: ") + source;
        }
      }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(messages >= 30, qPrintable(QStringLiteral("only %1 messages").arg(messages)));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
  }

 private:
  QTemporaryDir settingsDir_;
};

QTEST_MAIN(TranslationsTest)
#include "test_translations.moc"
