// Two playheads over the same video, perhaps sampled differently, linked by time while enabled:
// moving either moves the other to the sample nearest in time (the comparison window's
// "Follow the main window").
#pragma once

#include <QObject>
#include <functional>

#include "media/loaded_media.h"

namespace stts::ui {

class FrameNavigator;

class PlayheadLink : public QObject {
  Q_OBJECT

 public:
  // The frames each playhead moves over, asked for each time (they change as runs open).
  using FramesOf = std::function<LoadedVideoPtr()>;

  PlayheadLink(FrameNavigator* first, FramesOf firstFrames, FrameNavigator* second,
               FramesOf secondFrames, QObject* parent = nullptr);

  bool isEnabled() const { return enabled_; }
  // Off by default; turning it on brings `second` to where `first` is.
  void setEnabled(bool enabled);

 private:
  void carry(const FramesOf& fromFrames, int index, FrameNavigator* to, const FramesOf& toFrames);

  FrameNavigator* first_;
  FramesOf firstFrames_;
  FrameNavigator* second_;
  FramesOf secondFrames_;
  bool enabled_ = false;
  bool carrying_ = false;  // the other navigator's echo of our own move
};

}  // namespace stts::ui
