#include "export/export_job.h"
#include "export/export_text.h"

#include <QCoreApplication>
#include <QFileInfo>

#include "export/export_data.h"

namespace stts::ui {

bool exportNeedsRun(ExportKind kind) {
  return kind == ExportKind::CellsCsv || kind == ExportKind::RunJson;
}

ExportNameParts exportNameParts(const ExportScene& scene) {
  ExportNameParts parts;
  parts.videoPath = scene.videoPath();
  if (scene.run) {
    parts.method = QString::fromStdString(scene.run->request.method);
    parts.keepRatio = scene.run->request.keepRatio;
  }
  return parts;
}

QString defaultExportFileName(const ExportScene& scene, ExportKind kind, int frameIndex) {
  const ExportNameParts parts = exportNameParts(scene);
  switch (kind) {
    case ExportKind::Frame: {
      double seconds = 0.0;
      if (scene.video && frameIndex >= 0 && frameIndex < scene.frameCount()) {
        seconds = scene.video->points[size_t(frameIndex)].requestedTime;
      }
      return frameExportFileName(parts, seconds, frameIndex, scene.frameCount());
    }
    case ExportKind::ContactSheet:
      return contactSheetFileName(parts);
    case ExportKind::CellsCsv:
      return dataExportFileName(parts, QStringLiteral("csv"));
    case ExportKind::RunJson:
      return dataExportFileName(parts, QStringLiteral("json"));
  }
  return {};
}

stts::Expected<ExportOutcome> runExport(const ExportScene& scene, const ExportRequest& request,
                                        const ExportProgress& progress,
                                        const stts::CancelToken* cancel) {
  if (request.path.isEmpty()) {
    return stts::makeError(stts::ErrorCode::InvalidArgument,
                           ExportText::tr("No file name was given for the export.").toStdString());
  }
  if (exportNeedsRun(request.kind) && !scene.run) {
    return stts::makeError(
        stts::ErrorCode::InvalidArgument,
        ExportText::tr("Cell data and run metadata need a run; only a video is open.")
            .toStdString());
  }
  ExportOutcome outcome;
  outcome.path = request.path;
  switch (request.kind) {
    case ExportKind::Frame:
    case ExportKind::ContactSheet: {
      auto image = request.kind == ExportKind::Frame
                       ? renderFrame(scene, request.frameIndex, request.options)
                       : renderContactSheet(scene, request.options, progress, cancel);
      if (!image) return image.error();
      if (stts::isCancelled(cancel)) {
        return stts::makeError(stts::ErrorCode::Cancelled,
                               ExportText::tr("The export was cancelled.").toStdString());
      }
      if (auto written = writeExportImage(*image, request.path); !written) return written.error();
      outcome.image = std::move(image.value());
      break;
    }
    case ExportKind::CellsCsv:
    case ExportKind::RunJson: {
      outcome.data = request.kind == ExportKind::CellsCsv
                         ? cellsCsv(*scene.run)
                         : runMetadataJson(*scene.run, scene.runPath, scene.videoPath());
      if (auto written = writeExportFile(request.path, outcome.data); !written) {
        return written.error();
      }
      break;
    }
  }
  return outcome;
}

}  // namespace stts::ui
