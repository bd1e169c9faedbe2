// The Ask panel's engine side: lives on its own QThread and runs one question at a time. The model
// is loaded once and kept for later questions with the same folder (reloaded only when the folder
// changes). Tokens and progress come back as signals, which reach the UI thread queued.
#pragma once

#include <QObject>
#include <QString>
#include <memory>

#include "main/loaded_media.h"
#include "stts/cancel.h"
#include "stts/run_result.h"

namespace stts {
class Model;
}

namespace stts::ui {

struct AskJob {
  quint64 id = 0;
  QString modelDir;
  LoadedVideoPtr video;  // the frames to ask about (already sampled)
  stts::RunRequest request;
  std::shared_ptr<stts::CancelToken> cancel;
};

class AskWorker : public QObject {
  Q_OBJECT

 public:
  AskWorker();
  ~AskWorker() override;

  // Runs on the worker thread (queued call); emits finished or failed exactly once, or nothing
  // beyond progress and tokens when the job was cancelled.
  void run(const stts::ui::AskJob& job);

 signals:
  void modelLoaded(const QString& dir);
  void progress(quint64 job, const QString& stage, qint64 done, qint64 total);
  void token(quint64 job, const QString& text);
  void finished(quint64 job, stts::ui::LoadedRunPtr run);
  void failed(quint64 job, const QString& message);
  void cancelled(quint64 job);

 private:
  std::unique_ptr<stts::Model> model_;
  QString modelDir_;
};

}  // namespace stts::ui
