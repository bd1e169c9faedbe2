// Opens and samples a video, or opens a run file, on a worker thread (design.md §7: the UI thread
// never decodes). Results arrive on the loader's thread as immutable shared data; a newer request
// of either kind cancels and supersedes an older one, so a slow file can never overwrite a later
// choice.
#pragma once

#include <QObject>
#include <QString>
#include <QThread>
#include <functional>
#include <memory>

#include "media/loaded_media.h"
#include "stts/cancel.h"
#include "stts/video.h"

namespace stts::ui {

class VideoLoader : public QObject {
  Q_OBJECT

 public:
  explicit VideoLoader(QObject* parent = nullptr);
  ~VideoLoader() override;  // cancels the running job and joins the worker

  void setSamplingSpec(const stts::SamplingSpec& spec) { sampling_ = spec; }
  // The frame-memory budget and drawing size of the stores of later loads; by default the budget
  // saved in Preferences and the largest screen's size.
  void setFrameLimits(const FrameMemoryLimits& limits) { limits_ = limits; }
  const FrameMemoryLimits& frameLimits() const { return limits_; }

  // Starts loading `path`; a job still running is cancelled and its result dropped.
  void load(const QString& path);
  // Starts opening the run file `path` (see run_loading.h); supersedes like load().
  void loadRun(const QString& path);
  void cancel();
  bool isBusy() const { return busy_; }

 signals:
  void started(const QString& path);
  void loaded(stts::ui::LoadedVideoPtr video);
  void failed(const QString& path, const QString& message);
  void runLoaded(stts::ui::LoadedRunPtr run);
  void runFailed(const QString& path, const QString& message);
  void busyChanged(bool busy);

 private:
  struct Outcome {
    LoadedVideoPtr video;
    LoadedRunPtr run;
    QString error;
  };
  using Job = std::function<Outcome(const stts::CancelToken*)>;

  void start(const QString& path, bool isRun, Job job);
  void finish(quint64 request, const Outcome& outcome, const QString& path, bool isRun);
  void setBusy(bool busy);

  QThread thread_;
  QObject* worker_ = nullptr;  // lives in thread_; jobs run as queued calls on it
  stts::SamplingSpec sampling_;
  FrameMemoryLimits limits_;
  std::shared_ptr<stts::CancelToken> currentCancel_;
  quint64 latestRequest_ = 0;
  bool busy_ = false;
};

}  // namespace stts::ui
