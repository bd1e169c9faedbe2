// Which sampled frame is current, and playback through the sampled frames. Keeps stepping, the
// play timer and the J/K/L shuttle out of MainWindow so keys, timeline clicks and tests share one
// rule set.
#pragma once

#include <QObject>
#include <QTimer>

namespace stts::ui {

class FrameNavigator : public QObject {
  Q_OBJECT

 public:
  // Shuttle speeds are powers of two up to this factor, in either direction (ux.md §2).
  static constexpr int kMaxShuttleSpeed = 8;

  explicit FrameNavigator(QObject* parent = nullptr);

  // A new video: `count` sampled frames, played at `framesPerSecond` (the sampled rate, not the
  // video's). Resets to the first frame and stops playback.
  void reset(int count, double framesPerSecond);

  int count() const { return count_; }
  int currentIndex() const { return current_; }  // -1 when there are no frames
  bool isPlaying() const { return timer_.isActive(); }
  int playbackIntervalMs() const { return timer_.interval(); }
  // Signed playback speed: +1 normal forward, +2/+4/+8 faster, negative backwards, 0 paused.
  int shuttleSpeed() const { return isPlaying() ? speed_ : 0; }

  // The position lies between sample currentIndex() and the next one (a raw video frame is
  // shown): stepping back then lands on currentIndex() itself, stepping on on the next sample.
  // Cleared by any move to a sample.
  void setBetweenSamples(int sampleBefore);
  bool isBetweenSamples() const { return between_; }

 public slots:
  // Always announces the index when leaving a between-samples position, even if it is unchanged,
  // so the sampled frame replaces the raw one on screen.
  void setCurrentIndex(int index);
  void step(int delta);
  void goToFirst();
  void goToLast();
  void setPlaying(bool playing);
  void togglePlayback();
  // L: play forward; again while playing forward doubles the speed up to kMaxShuttleSpeed.
  void shuttleForward();
  // J: the same backwards.
  void shuttleReverse();

 signals:
  void currentIndexChanged(int index);
  void playingChanged(bool playing);
  void shuttleSpeedChanged(int speed);

 private:
  void advance();
  void startShuttle(int speed);
  void applyInterval();

  QTimer timer_;
  int count_ = 0;
  int current_ = -1;
  int baseIntervalMs_ = 500;
  int speed_ = 1;
  bool between_ = false;
};

}  // namespace stts::ui
