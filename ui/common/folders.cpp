#include "common/folders.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include "common/settings.h"

namespace stts::ui {

namespace {

QString key(FolderKind kind) {
  switch (kind) {
    case FolderKind::Videos:
      return QStringLiteral("folders/videos");
    case FolderKind::Runs:
      return QStringLiteral("folders/runs");
    case FolderKind::Exports:
      return QStringLiteral("export/folder");  // the key exports used before: kept
    case FolderKind::Models:
      return QStringLiteral("folders/models");
    case FolderKind::Evaluations:
      return QStringLiteral("folders/evaluations");
  }
  return {};
}

QString existingFolder(const QString& folder) {
  return !folder.isEmpty() && QFileInfo(folder).isDir() ? folder : QString();
}

bool isWritableFolder(const QString& folder) {
  const QFileInfo info(folder);
  return !folder.isEmpty() && info.isDir() && info.isWritable();
}

QString remembered(FolderKind kind) {
  return existingFolder(appSettings()->value(key(kind)).toString());
}

}  // namespace

QString defaultExportFolder() {
  const QString pictures = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
  return QDir(pictures.isEmpty() ? QDir::homePath() : pictures)
      .filePath(QStringLiteral("STTS Lens"));
}

QString exportFolder() {
  if (const QString chosen = remembered(FolderKind::Exports); isWritableFolder(chosen)) {
    return chosen;
  }
  const QString folder = defaultExportFolder();
  if (QDir().mkpath(folder) && isWritableFolder(folder)) return folder;
  return QDir::homePath();
}

QString startFolder(FolderKind kind) {
  if (kind == FolderKind::Exports) return exportFolder();
  if (const QString last = remembered(kind); !last.isEmpty()) return last;
  if (kind == FolderKind::Runs) {
    if (const QString videos = remembered(FolderKind::Videos); !videos.isEmpty()) return videos;
  }
  return QDir::homePath();
}

void rememberFolder(FolderKind kind, const QString& path) {
  if (path.isEmpty()) {
    appSettings()->remove(key(kind));
    return;
  }
  const QFileInfo info(path);
  const QString folder = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
  appSettings()->setValue(key(kind), folder);
}

QString lastModelFolder() {
  return existingFolder(appSettings()->value(QStringLiteral("ask/modelFolder")).toString());
}

void setLastModelFolder(const QString& folder) {
  appSettings()->setValue(QStringLiteral("ask/modelFolder"),
                          folder.isEmpty() ? QString() : QFileInfo(folder).absoluteFilePath());
  if (!folder.isEmpty()) rememberFolder(FolderKind::Models, QFileInfo(folder).absolutePath());
}

}  // namespace stts::ui
