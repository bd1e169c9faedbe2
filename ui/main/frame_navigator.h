// Which sampled frame is current, and playback through the sampled frames. Keeps stepping and
// the play timer out of MainWindow so keys, timeline clicks and tests share one rule set.
#pragma once

#include <QObject>
#include <QTimer>

namespace stts::ui {

class FrameNavigator : public QObject {
  Q_OBJECT

 public:
  explicit FrameNavigator(QObject* parent = nullptr);

  // A new video: `count` sampled frames, played at `framesPerSecond` (the sampled rate, not the
  // video's). Resets to the first frame and stops playback.
  void reset(int count, double framesPerSecond);

  int count() const { return count_; }
  int currentIndex() const { return current_; }  // -1 when there are no frames
  bool isPlaying() const { return timer_.isActive(); }
  int playbackIntervalMs() const { return timer_.interval(); }

 public slots:
  void setCurrentIndex(int index);
  void step(int delta);
  void goToFirst();
  void goToLast();
  void setPlaying(bool playing);
  void togglePlayback();

 signals:
  void currentIndexChanged(int index);
  void playingChanged(bool playing);

 private:
  void advance();

  QTimer timer_;
  int count_ = 0;
  int current_ = -1;
};

}  // namespace stts::ui
