#include "fit/fit_worker.h"

#include <QFile>
#include <QFileInfo>

#include "common/engine_error.h"
#include "stts/fit.h"

namespace stts::ui {

void FitWorker::run(const FitJob& job) {
  if (job.cancel->isCancelled()) {
    emit cancelled(job.id);
    return;
  }
  stts::FitRequest request;
  request.modelDir = QFile::encodeName(job.modelDir).toStdString();
  for (const QString& video : job.videos)
    request.videos.push_back(QFile::encodeName(video).toStdString());
  request.outputDir = QFile::encodeName(job.outputDir).toStdString();
  request.steps = job.steps;
  request.learningRate = job.learningRate;
  request.maxFrames = job.maxFrames;
  request.overwrite = false;  // the dialog never replaces a folder
  // Called on this thread after every step; the signal reaches the dialog queued.
  request.onStep = [this, id = job.id](int step, double loss) { emit stepDone(id, step, loss); };
  stts::NullProgress progress;  // the steps carry the progress (with the loss)
  auto fit = stts::fitScorer(request, progress, *job.cancel);
  if (!fit) {
    if (fit.error().code == stts::ErrorCode::Cancelled || job.cancel->isCancelled()) {
      emit cancelled(job.id);
    } else {
      emit failed(job.id, engineErrorText(fit.error()));
    }
    return;
  }
  FitOutcome outcome;
  outcome.outputDir = QFile::decodeName(QByteArray::fromStdString(fit->outputDir));
  outcome.firstLoss = fit->firstLoss;
  outcome.lastLoss = fit->lastLoss;
  outcome.seconds = fit->seconds;
  outcome.videosUsed = int(fit->videosUsed.size());
  for (const stts::SkippedVideo& skipped : fit->skipped) {
    outcome.skipped << QStringLiteral("%1: %2").arg(
        QFileInfo(QFile::decodeName(QByteArray::fromStdString(skipped.path))).fileName(),
        QString::fromStdString(skipped.error));
  }
  emit finished(job.id, outcome);
}

}  // namespace stts::ui
