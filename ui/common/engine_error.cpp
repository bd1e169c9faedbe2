#include "common/engine_error.h"

#include <QCoreApplication>

namespace stts::ui {

namespace {

const char* headlineSource(stts::ErrorCode code) {
  switch (code) {
    case stts::ErrorCode::InvalidArgument:
      return QT_TRANSLATE_NOOP("EngineError", "This request cannot be carried out.");
    case stts::ErrorCode::NotFound:
      return QT_TRANSLATE_NOOP("EngineError", "Something that should be there was not found.");
    case stts::ErrorCode::InvalidData:
      return QT_TRANSLATE_NOOP("EngineError",
                               "The file is damaged, incomplete or not what it "
                               "claims to be.");
    case stts::ErrorCode::Unsupported:
      return QT_TRANSLATE_NOOP("EngineError", "This kind of input is not supported.");
    case stts::ErrorCode::TooLarge:
      return QT_TRANSLATE_NOOP("EngineError",
                               "The input is larger than STTS Lens accepts; try fewer frames.");
    case stts::ErrorCode::Timeout:
      return QT_TRANSLATE_NOOP("EngineError", "The operation took too long and was stopped.");
    case stts::ErrorCode::Cancelled:
      return QT_TRANSLATE_NOOP("EngineError", "Cancelled.");
    case stts::ErrorCode::OutOfMemory:
      return QT_TRANSLATE_NOOP("EngineError",
                               "Out of memory; try fewer frames, bfloat16 or the CPU.");
    case stts::ErrorCode::Io:
      return QT_TRANSLATE_NOOP("EngineError", "The system refused to read or write a file.");
    case stts::ErrorCode::Internal:
      return QT_TRANSLATE_NOOP("EngineError", "STTS Lens hit an internal error; please report it.");
  }
  return QT_TRANSLATE_NOOP("EngineError", "STTS Lens hit an internal error; please report it.");
}

}  // namespace

QString engineErrorHeadline(stts::ErrorCode code) {
  return QCoreApplication::translate("EngineError", headlineSource(code));
}

QString engineErrorText(const stts::Error& error) {
  const QString detail = QString::fromStdString(error.message);
  const QString source = QString::fromLatin1(headlineSource(error.code));
  const QString headline = engineErrorHeadline(error.code);
  // No translation installed (English): the engine's own sentence says it all.
  if (headline == source || detail.isEmpty()) return detail.isEmpty() ? headline : detail;
  return QCoreApplication::translate("EngineError", "%1 (%2)").arg(headline, detail);
}

}  // namespace stts::ui
