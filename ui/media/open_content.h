// What the window shows: the frames (a video's samples or a run's) and the run, if any. The window
// sets it; panels, controllers and exports read it here and follow its one signal, so none of
// them needs the window itself.
#pragma once

#include <QObject>

#include "media/loaded_media.h"

namespace stts::ui {

class OpenContent : public QObject {
  Q_OBJECT

 public:
  using QObject::QObject;

  // The frames on screen; null before the first video or run is open.
  const LoadedVideoPtr& video() const { return video_; }
  // The open run; null while a plain video (or nothing) is shown.
  const LoadedRunPtr& run() const { return run_; }

  // Puts `video` (and `run`, whose frames `video` must be) on screen and emits changed().
  void show(LoadedVideoPtr video, LoadedRunPtr run);
  // The open run now lives at `path` (it was saved): the same content, so no signal.
  void setRunPath(const QString& path);

 signals:
  void changed();

 private:
  LoadedVideoPtr video_;
  LoadedRunPtr run_;
};

}  // namespace stts::ui
