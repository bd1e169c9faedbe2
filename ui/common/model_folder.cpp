#include "common/model_folder.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include "common/engine_error.h"
#include "stts/model_config.h"

namespace stts::ui {

namespace {

// Below this LLM width a checkpoint is a test or demo model (the tiny model is 64 wide; the
// smallest real Molmo2 LLM is 2560 wide).
constexpr qint64 kSmallestRealHiddenSize = 512;

}  // namespace

QString modelFolderProblem(const QString& dir) {
  if (dir.isEmpty() || !QFileInfo(dir).isDir())
    return QCoreApplication::translate("ModelFolder", "it is not a folder.");
  const QString config = QDir(dir).filePath(QStringLiteral("config.json"));
  if (!QFileInfo::exists(config))
    return QCoreApplication::translate("ModelFolder",
                                       "it has no config.json, so it is not a model folder.");
  auto parsed = stts::loadMolmo2Config(QFile::encodeName(config).toStdString());
  if (!parsed) return engineErrorText(parsed.error());
  return {};
}

bool isDemoModelFolder(const QString& dir) {
  if (dir.isEmpty()) return false;
  QFile file(QDir(dir).filePath(QStringLiteral("config.json")));
  if (!file.open(QIODevice::ReadOnly)) return false;
  const QJsonObject config = QJsonDocument::fromJson(file.readAll()).object();
  const QJsonValue hidden =
      config.value(QStringLiteral("text_config")).toObject().value(QStringLiteral("hidden_size"));
  return hidden.isDouble() && hidden.toInteger() < kSmallestRealHiddenSize;
}

}  // namespace stts::ui
