// stts-lens [--lang LANGUAGE] [VIDEO | RUN.sttsrun | MODEL_FOLDER]: the desktop window.
#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QStringList>

#include "main/app_style.h"
#include "main/main_window.h"
#include "main/translation.h"
#include "panels/run_panels.h"

namespace {

// --lang must be known before the parser's own texts are translated, so it is read by hand first.
QString explicitLanguage(const QStringList& arguments) {
  for (qsizetype i = 1; i < arguments.size(); ++i) {
    const QString& argument = arguments.at(i);
    if (argument == QLatin1String("--")) break;
    if (argument.startsWith(QLatin1String("--lang="))) return argument.mid(7);
    if (argument == QLatin1String("--lang") && i + 1 < arguments.size()) return arguments.at(i + 1);
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QCoreApplication::setOrganizationName(QStringLiteral("STTS Lens"));
  QCoreApplication::setApplicationName(QStringLiteral("stts-lens"));
  QCoreApplication::setApplicationVersion(QStringLiteral(STTS_VERSION));
  QGuiApplication::setApplicationDisplayName(QStringLiteral("STTS Lens"));
  QGuiApplication::setDesktopFileName(QStringLiteral("stts-lens"));

  stts::ui::useUiLocale(stts::ui::chooseUiLocale(explicitLanguage(app.arguments())));

  QCommandLineParser parser;
  parser.setApplicationDescription(QCoreApplication::translate(
      "main", "Inspect which video tokens a pruned video VLM keeps and drops."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addOption(
      QCommandLineOption(QStringList{QStringLiteral("lang")},
                         QCoreApplication::translate(
                             "main", "Show the user interface in <language> (e.g. de, zh_CN, en)."),
                         QCoreApplication::translate("main", "language")));
  parser.addPositionalArgument(
      QCoreApplication::translate("main", "file"),
      QCoreApplication::translate(
          "main", "A video or a run file (.sttsrun) to open, or a model folder to ask with."),
      QCoreApplication::translate("main", "[video | run | model folder]"));
  parser.process(app);

  stts::ui::applyApplicationStyle(app);
  stts::ui::MainWindow window;
  window.show();
  if (!parser.positionalArguments().isEmpty()) {
    const QString path = parser.positionalArguments().first();
    if (QFileInfo(path).isDir()) {
      window.runPanels()->openModelFolder(path);
    } else {
      window.openPath(path);
    }
  }
  return QApplication::exec();
}
