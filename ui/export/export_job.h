// One export, start to finish, the same for the dialog, the quick screenshot and `stts export`:
// what to write (a frame, the contact sheet, the cell CSV or the run's JSON), where, and with
// which options; render and write, returning the written path or a sentence saying why not.
#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>

#include "export/export_naming.h"
#include "export/export_render.h"
#include "export/export_scene.h"

namespace stts::ui {

enum class ExportKind { Frame, ContactSheet, CellsCsv, RunJson };

struct ExportRequest {
  ExportKind kind = ExportKind::Frame;
  int frameIndex = 0;  // 0-based sampled index, for ExportKind::Frame
  FrameExportOptions options;
  QString path;  // the file to write; images are PNG unless the suffix names another format
};

struct ExportOutcome {
  QString path;
  QImage image;     // the picture written (frames and contact sheets)
  QByteArray data;  // the text written (CSV and JSON)
};

// CSV and JSON describe a run; frames and contact sheets also work for a plain video.
bool exportNeedsRun(ExportKind kind);

ExportNameParts exportNameParts(const ExportScene& scene);

// The conventional file name (no folder) of an export of `scene` (export_naming.h).
QString defaultExportFileName(const ExportScene& scene, ExportKind kind, int frameIndex);

// Renders and writes; `progress` and `cancel` matter for contact sheets. Worker-thread safe.
stts::Expected<ExportOutcome> runExport(const ExportScene& scene, const ExportRequest& request,
                                        const ExportProgress& progress = {},
                                        const stts::CancelToken* cancel = nullptr);

}  // namespace stts::ui
