#include "export/export_controller.h"

#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QStandardPaths>
#include <QStatusBar>

#include "actions/action_registry.h"
#include "common/engine_error.h"
#include "common/folders.h"
#include "common/message_bar.h"
#include "common/settings.h"
#include "export/export_dialog.h"
#include "media/frame_navigator.h"
#include "media/open_content.h"
#include "view/overlay_state.h"

namespace stts::ui {

namespace {

const QString kOverlayKey = QStringLiteral("export/overlay");
const QString kLegendKey = QStringLiteral("export/legend");
const QString kCaptionKey = QStringLiteral("export/caption");
const QString kClipboardKey = QStringLiteral("export/clipboard");

}  // namespace

ExportController::ExportController(const Parts& parts, QWidget* window)
    : QObject(window), parts_(parts), window_(window) {
  connect(parts.actions->action(ActionId::QuickScreenshot), &QAction::triggered, this,
          &ExportController::quickScreenshot);
  connect(parts.actions->action(ActionId::ExportDialog), &QAction::triggered, this,
          &ExportController::showDialog);
}

ExportController::~ExportController() {
  pending_.clear();
  if (running_) {
    if (cancel_) cancel_->cancel();
    running_->wait();
    delete running_;
  }
}

ExportScene ExportController::currentScene() const {
  ExportScene scene;
  scene.video = parts_.content->video();
  OverlayState* overlay = parts_.overlay;
  scene.style = overlay->style();
  scene.diffNameA = overlay->diffNameA();
  scene.diffNameB = overlay->diffNameB();
  if (const LoadedRunPtr& run = parts_.content->run()) {
    scene.run = run->run;
    scene.runPath = run->path;
    scene.usesStoredFrames = run->usesStoredFrames;
    const int frames = scene.frameCount();
    scene.cells.reserve(size_t(frames));
    // The overlay state's cells, so exports follow whatever normalisation the view uses.
    for (int i = 0; i < frames; ++i) scene.cells.push_back(overlay->cellsForFrame(i));
  }
  return scene;
}

ExportDialog* ExportController::dialog() const {
  return dialog_.data();
}

int ExportController::currentFrameIndex() const {
  return parts_.navigator->currentIndex();
}

QString ExportController::exportFolder() const {
  return stts::ui::exportFolder();
}

void ExportController::setExportFolder(const QString& folder) {
  rememberFolder(FolderKind::Exports, folder);
}

FrameExportOptions ExportController::savedOptions() const {
  auto settings = appSettings();
  FrameExportOptions options;
  options.overlay = settings->value(kOverlayKey, options.overlay).toBool();
  options.legend = settings->value(kLegendKey, options.legend).toBool();
  options.caption = settings->value(kCaptionKey, options.caption).toBool();
  return options;
}

void ExportController::saveOptions(const FrameExportOptions& options) const {
  auto settings = appSettings();
  settings->setValue(kOverlayKey, options.overlay);
  settings->setValue(kLegendKey, options.legend);
  settings->setValue(kCaptionKey, options.caption);
}

bool ExportController::copyToClipboard() const {
  return appSettings()->value(kClipboardKey, false).toBool();
}

void ExportController::setCopyToClipboard(bool copy) const {
  appSettings()->setValue(kClipboardKey, copy);
}

void ExportController::quickScreenshot() {
  const ExportScene scene = currentScene();
  const int index = currentFrameIndex();
  if (scene.frameCount() == 0 || index < 0) {
    parts_.status->showMessage(tr("Nothing to export yet: open a video or a run first."), 5000);
    return;
  }
  ExportRequest request;
  request.kind = ExportKind::Frame;
  request.frameIndex = index;
  request.options = savedOptions();
  request.path =
      QDir(exportFolder()).filePath(defaultExportFileName(scene, ExportKind::Frame, index));
  startExport(std::move(request), true, false);
}

void ExportController::showDialog() {
  if (!dialog_) dialog_ = new ExportDialog(*this, window_);
  dialog_->refresh();
  dialog_->show();
  dialog_->raise();
  dialog_->activateWindow();
}

quint64 ExportController::startExport(ExportRequest request, bool uniqueName, bool clipboard) {
  Job job{currentScene(), std::move(request), uniqueName, clipboard, ++lastJobNumber_};
  pending_.push_back(std::move(job));
  startNext();
  return lastJobNumber_;
}

void ExportController::cancelExports() {
  pending_.clear();
  if (cancel_) cancel_->cancel();
}

void ExportController::startNext() {
  if (running_ || pending_.empty()) return;
  Job job = std::move(pending_.front());
  pending_.pop_front();
  if (job.uniqueName) {
    // Resolved only now, after the previous export wrote its file, so two quick screenshots in a
    // row never pick the same name.
    const QFileInfo target(job.request.path);
    job.request.path = uniqueFilePath(target.absolutePath(), target.fileName());
  }
  cancel_ = std::make_shared<stts::CancelToken>();
  auto outcome = std::make_shared<std::optional<stts::Expected<ExportOutcome>>>();
  auto shared = std::make_shared<const Job>(std::move(job));
  std::shared_ptr<const stts::CancelToken> cancel = cancel_;
  QPointer<ExportController> self(this);
  running_ = QThread::create([shared, outcome, cancel, self] {
    auto progress = [self](int done, int total) {
      QMetaObject::invokeMethod(
          self.data(),
          [self, done, total] {
            if (self) emit self->exportProgress(done, total);
          },
          Qt::QueuedConnection);
    };
    outcome->emplace(runExport(shared->scene, shared->request, progress, cancel.get()));
  });
  connect(running_, &QThread::finished, this, [this, outcome, shared] {
    running_->deleteLater();
    running_ = nullptr;
    if (*outcome) finish(**outcome, *shared);
    if (pending_.empty()) emit busyChanged(false);
    startNext();
  });
  emit exportStarted(shared->request.path);
  emit busyChanged(true);
  running_->start(QThread::LowPriority);
}

void ExportController::finish(const stts::Expected<ExportOutcome>& outcome, const Job& job) {
  const QString name = QFileInfo(job.request.path).fileName();
  if (!outcome) {
    const QString message = engineErrorText(outcome.error());
    if (outcome.error().code == stts::ErrorCode::Cancelled) {
      parts_.status->showMessage(tr("Export cancelled."), 5000);
    } else {
      parts_.messages->showError(tr("Could not export “%1”: %2").arg(name, message));
      parts_.status->showMessage(tr("Export failed."), 5000);
    }
    emit exportFinished(job.request.path, message, job.number);
    return;
  }
  const ExportOutcome& result = *outcome;
  const QString folder = QDir::toNativeSeparators(QFileInfo(result.path).absolutePath());
  QString message;
  if (!result.image.isNull()) {
    message = tr("Saved %1 (%2 × %3 pixels) in %4")
                  .arg(QFileInfo(result.path).fileName())
                  .arg(result.image.width())
                  .arg(result.image.height())
                  .arg(folder);
    if (job.request.kind == ExportKind::Frame) {
      const QString note =
          frameExportGeometry(job.scene, job.request.frameIndex, job.request.options).downscaleNote;
      if (!note.isEmpty()) message += QStringLiteral(" — ") + note;
    }
  } else {
    message = tr("Saved %1 in %2").arg(QFileInfo(result.path).fileName(), folder);
  }
  if (job.clipboard) {
    if (!result.image.isNull()) {
      QGuiApplication::clipboard()->setImage(result.image);
    } else {
      QGuiApplication::clipboard()->setText(QString::fromUtf8(result.data));
    }
    message += QStringLiteral(" ") + tr("(also copied to the clipboard)");
  }
  setExportFolder(QFileInfo(result.path).absolutePath());
  parts_.status->showMessage(message, 10000);
  emit exportFinished(result.path, QString(), job.number);
}

}  // namespace stts::ui
