#include "common/export_file.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QImageWriter>
#include <QSaveFile>

#include "stts/regular_file.h"

namespace stts::ui {

namespace {

// The messages keep the export code's translation context ("Export", export/export_text.h),
// where they were written first, so existing translations still apply.
struct ExportFileText {
  Q_DECLARE_TR_FUNCTIONS(Export)
};

stts::Error cannotWrite(const QString& path, const QString& problem) {
  return stts::makeError(stts::ErrorCode::Io, ExportFileText::tr("Could not write “%1”: %2.")
                                                  .arg(QFileInfo(path).absoluteFilePath(), problem)
                                                  .toStdString());
}

// QSaveFile renames its finished file over the target, and a rename replaces device nodes and
// FIFOs too (/dev/full became a regular file). Checked before writing and before the rename.
bool isRegularOrNew(const QString& path) {
  return stts::nonRegularKind(QFile::encodeName(path).toStdString()).empty();
}

QString notRegularProblem() {
  return ExportFileText::tr("it exists and is not a regular file (a device, FIFO or folder)");
}

}  // namespace

stts::Expected<void> writeExportFile(const QString& path, const QByteArray& bytes) {
  if (!isRegularOrNew(path)) return cannotWrite(path, notRegularProblem());
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
    return cannotWrite(path, file.errorString());
  if (!isRegularOrNew(path)) {
    file.cancelWriting();
    return cannotWrite(path, notRegularProblem());
  }
  if (!file.commit()) return cannotWrite(path, file.errorString());
  return {};
}

stts::Expected<void> writeExportImage(const QImage& image, const QString& path) {
  QByteArray format = QFileInfo(path).suffix().toLower().toLatin1();
  if (!QImageWriter::supportedImageFormats().contains(format)) format = "png";
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  QImageWriter writer(&buffer, format);
  if (!writer.write(image)) return cannotWrite(path, writer.errorString());
  return writeExportFile(path, bytes);
}

}  // namespace stts::ui
