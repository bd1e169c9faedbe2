// Writing a finished export to a path the user named, shared by every export (frames, contact
// sheets, data files, charts) and by the headless `stts export`: atomically (a temporary file
// renamed over the target, so nothing half-written is left behind) and never over a device node,
// FIFO or folder. QtGui only, so it lives in stts_ui_render.
#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>

#include "stts/error.h"

namespace stts::ui {

// Writes `bytes` to `path` atomically (a temporary file renamed over it), or says why not.
stts::Expected<void> writeExportFile(const QString& path, const QByteArray& bytes);
// The image in the format its suffix names (PNG when unknown), written the same way. The image's
// dots per metre are recorded where the format keeps them (PNG: its pHYs chunk).
stts::Expected<void> writeExportImage(const QImage& image, const QString& path);

}  // namespace stts::ui
