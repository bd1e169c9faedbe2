// Keeps the picture sharp when the user zooms in past the store's drawing copy: the store holds
// copies no larger than its budget allows (ui/media/frame_store.h), so at high zoom the sample on
// screen is decoded again at full resolution on a worker thread and swapped in when it arrives.
// Scrubbing never waits for it: the request is made once the playhead and zoom have rested.
#pragma once

#include <QObject>
#include <QTimer>

namespace stts::ui {

class FrameNavigator;
class FrameProvider;
class FrameView;
class OpenContent;

class SharpFrame : public QObject {
  Q_OBJECT

 public:
  static constexpr int kRestMilliseconds = 120;

  SharpFrame(OpenContent* content, FrameNavigator* navigator, FrameView* view, QObject* parent);

  // Whether the frame on screen is magnified past the copy it is drawn from.
  bool copyIsMagnified() const;
  // How many full-resolution frames were swapped in (tests).
  int swappedCount() const { return swapped_; }

 private:
  void schedule();
  void request();

  OpenContent* content_;
  FrameNavigator* navigator_;
  FrameView* view_;
  FrameProvider* provider_ = nullptr;
  QTimer rest_;
  int requestedIndex_ = -1;
  int swapped_ = 0;
};

}  // namespace stts::ui
