// The fit dialog's engine side: runs stts::fitScorer on its own QThread. Each step's loss comes
// back as a queued signal, so the dialog can draw the curve while the fit runs.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>

#include "stts/cancel.h"

namespace stts::ui {

struct FitJob {
  quint64 id = 0;
  QString modelDir;
  QStringList videos;
  QString outputDir;
  int steps = 200;
  double learningRate = 1e-3;
  int maxFrames = 16;
  std::shared_ptr<stts::CancelToken> cancel;
};

struct FitOutcome {
  QString outputDir;
  double firstLoss = 0.0;
  double lastLoss = 0.0;
  double seconds = 0.0;
  int videosUsed = 0;
  QStringList skipped;  // "file: reason", one per unreadable video
};

class FitWorker : public QObject {
  Q_OBJECT

 public:
  // Runs on the worker thread (queued call); emits exactly one of finished, failed, cancelled.
  void run(const stts::ui::FitJob& job);

 signals:
  void stepDone(quint64 job, int step, double loss);
  void finished(quint64 job, const stts::ui::FitOutcome& outcome);
  void failed(quint64 job, const QString& message);
  void cancelled(quint64 job);
};

}  // namespace stts::ui

Q_DECLARE_METATYPE(stts::ui::FitOutcome)
