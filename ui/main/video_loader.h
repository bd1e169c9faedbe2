// Opens and samples a video on a worker thread (design.md §7: the UI thread never decodes).
// Results arrive on the loader's thread as immutable shared data; a newer request cancels and
// supersedes an older one, so a slow file can never overwrite a later choice.
#pragma once

#include <QObject>
#include <QString>
#include <QThread>
#include <memory>
#include <vector>

#include "stts/cancel.h"
#include "stts/video.h"

namespace stts::ui {

struct LoadedVideo {
  QString path;
  stts::VideoInfo info;
  stts::SamplingSpec sampling;
  std::vector<stts::SampledFrame> frames;  // in time order

  // The rate sampled frames are spaced at, for playback; falls back to the sampling cap.
  double sampledFramesPerSecond() const;
};
using LoadedVideoPtr = std::shared_ptr<const LoadedVideo>;

class VideoLoader : public QObject {
  Q_OBJECT

 public:
  explicit VideoLoader(QObject* parent = nullptr);
  ~VideoLoader() override;  // cancels the running job and joins the worker

  void setSamplingSpec(const stts::SamplingSpec& spec) { sampling_ = spec; }

  // Starts loading `path`; a job still running is cancelled and its result dropped.
  void load(const QString& path);
  void cancel();
  bool isBusy() const { return busy_; }

 signals:
  void started(const QString& path);
  void loaded(stts::ui::LoadedVideoPtr video);
  void failed(const QString& path, const QString& message);
  void busyChanged(bool busy);

 private:
  void finish(quint64 request, LoadedVideoPtr video, const QString& path, const QString& error);
  void setBusy(bool busy);

  QThread thread_;
  QObject* worker_ = nullptr;  // lives in thread_; jobs run as queued calls on it
  stts::SamplingSpec sampling_;
  std::shared_ptr<stts::CancelToken> currentCancel_;
  quint64 latestRequest_ = 0;
  bool busy_ = false;
};

}  // namespace stts::ui
