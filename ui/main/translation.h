// UI language selection and translator installation, shared by the app and the tests so both
// load exactly the catalogue the build embedded (":/i18n/stts_<lang>.qm").
#pragma once

#include <QLocale>
#include <QString>

namespace stts::ui {

// The language to show: `explicitLanguage` (e.g. "de" from --lang) when given, else the first
// entry of $LANGUAGE, else the system locale (LC_ALL / LC_MESSAGES / LANG).
QLocale chooseUiLocale(const QString& explicitLanguage = QString());

// Replaces any translators installed earlier by this function with ones for `locale`: ours and
// Qt's own (standard dialogs). Returns whether our catalogue for that language was found;
// English needs none and returns false.
bool installTranslators(const QLocale& locale);

// The UI language for everything the user reads: translators, and numbers and dates through
// QLocale's default, so that `--lang de` on an English system writes "0,50" beside German words
// instead of "0.50". Returns installTranslators' answer.
bool useUiLocale(const QLocale& locale);

}  // namespace stts::ui
