// The Ask panel's engine side: lives on its own QThread and runs one question at a time. The model
// is loaded once and kept for later questions with the same folder, device and dtype (reloaded
// only when one of them changes). When the job asks for other sampling than the window's frames
// were made with, the worker samples the video again itself ("decode" stage). Tokens and progress
// come back as signals, which reach the UI thread queued.
#pragma once

#include <QObject>
#include <QString>
#include <memory>

#include "media/loaded_media.h"
#include "stts/cancel.h"
#include "stts/run_result.h"

namespace stts {
class Model;
}

namespace stts::ui {

struct AskJob {
  quint64 id = 0;
  QString modelDir;
  QString device = QStringLiteral("cpu");  // "cpu", "cuda:N"
  QString dtype = QStringLiteral("auto");  // "auto", "float32", "bfloat16"
  LoadedVideoPtr video;  // the frames to ask about (already sampled with video->sampling)
  // request.sampling differing from video->sampling resamples video->path; an empty
  // request.question makes a vision-only run (no answer).
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
  bool ensureModel(const AskJob& job);
  // The LoadedVideo the result is shown over, and in `frames` its samples at full resolution.
  LoadedVideoPtr framesFor(const AskJob& job, std::vector<stts::SampledFrame>* frames,
                           double* decodeMilliseconds);

  std::unique_ptr<stts::Model> model_;
  QString modelKey_;  // folder, device and dtype of model_
};

}  // namespace stts::ui
