#include "main/translation.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

namespace stts::ui {

QLocale chooseUiLocale(const QString& explicitLanguage) {
  if (!explicitLanguage.isEmpty()) return QLocale(explicitLanguage);
  // GNU gettext's priority list, e.g. "de_DE:en"; honoured even when LANG is C, as tests set it.
  const QString languages = qEnvironmentVariable("LANGUAGE");
  const QString first = languages.section(QLatin1Char(':'), 0, 0).trimmed();
  if (!first.isEmpty()) return QLocale(first);
  return QLocale::system();
}

bool installTranslators(const QLocale& locale) {
  static QPointer<QTranslator> ours;
  static QPointer<QTranslator> qtOwn;
  for (QPointer<QTranslator>* installed : {&ours, &qtOwn}) {
    if (*installed) {
      QCoreApplication::removeTranslator(*installed);
      delete installed->data();
    }
  }

  auto* app = QCoreApplication::instance();
  bool found = false;
  auto* catalogue = new QTranslator(app);
  if (catalogue->load(locale, QStringLiteral("stts"), QStringLiteral("_"),
                      QStringLiteral(":/i18n"))) {
    QCoreApplication::installTranslator(catalogue);
    ours = catalogue;
    found = true;
  } else {
    delete catalogue;
  }

  // Qt's own strings (file dialog buttons, context menus); absent packages are not an error.
  auto* qtCatalogue = new QTranslator(app);
  if (qtCatalogue->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                        QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QCoreApplication::installTranslator(qtCatalogue);
    qtOwn = qtCatalogue;
  } else {
    delete qtCatalogue;
  }
  return found;
}

bool useUiLocale(const QLocale& locale) {
  QLocale::setDefault(locale);
  return installTranslators(locale);
}

}  // namespace stts::ui
