#include "media/frame_navigator.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace stts::ui {

FrameNavigator::FrameNavigator(QObject* parent) : QObject(parent) {
  timer_.setTimerType(Qt::PreciseTimer);
  connect(&timer_, &QTimer::timeout, this, &FrameNavigator::advance);
}

void FrameNavigator::reset(int count, double framesPerSecond) {
  setPlaying(false);
  count_ = std::max(0, count);
  // Clamp so a degenerate rate (one frame, 0 fps) neither spins nor stalls the timer.
  const double fps = framesPerSecond > 0.0 ? framesPerSecond : 2.0;
  baseIntervalMs_ = std::clamp(int(std::lround(1000.0 / fps)), 16, 2000);
  speed_ = 1;
  applyInterval();
  current_ = -1;
  between_ = false;
  setCurrentIndex(0);
}

void FrameNavigator::setBetweenSamples(int sampleBefore) {
  if (count_ <= 0) return;
  // Silent on purpose: the caller shows the raw frame; the sampled frame must not replace it.
  current_ = std::clamp(sampleBefore, 0, count_ - 1);
  between_ = true;
}

void FrameNavigator::setCurrentIndex(int index) {
  const int clamped = count_ > 0 ? std::clamp(index, 0, count_ - 1) : -1;
  const bool leavingRawFrame = between_;
  between_ = false;
  if (clamped == current_ && !leavingRawFrame) return;
  current_ = clamped;
  emit currentIndexChanged(current_);
}

void FrameNavigator::step(int delta) {
  if (count_ <= 0) return;
  // Between samples the current index is the one before the position, so one back is itself.
  if (between_ && delta < 0) ++delta;
  setCurrentIndex(current_ + delta);
}

void FrameNavigator::goToFirst() {
  setCurrentIndex(0);
}

void FrameNavigator::goToLast() {
  setCurrentIndex(count_ - 1);
}

void FrameNavigator::setPlaying(bool playing) {
  if (playing) {
    startShuttle(1);
    return;
  }
  if (!isPlaying()) return;
  timer_.stop();
  emit playingChanged(false);
  emit shuttleSpeedChanged(0);
}

void FrameNavigator::togglePlayback() {
  setPlaying(!isPlaying());
}

void FrameNavigator::shuttleForward() {
  const int current = shuttleSpeed();
  startShuttle(current > 0 ? std::min(current * 2, kMaxShuttleSpeed) : 1);
}

void FrameNavigator::shuttleReverse() {
  const int current = shuttleSpeed();
  startShuttle(current < 0 ? std::max(current * 2, -kMaxShuttleSpeed) : -1);
}

void FrameNavigator::startShuttle(int speed) {
  if (count_ < 2) return;
  const bool wasPlaying = isPlaying();
  const int previous = shuttleSpeed();
  speed_ = speed;
  applyInterval();
  if (!wasPlaying) {
    // Playing from the end restarts (and reversing from the start goes to the end), as players
    // do, instead of stopping immediately.
    if (speed_ > 0 && current_ >= count_ - 1 && !between_) setCurrentIndex(0);
    if (speed_ < 0 && current_ <= 0 && !between_) setCurrentIndex(count_ - 1);
    timer_.start();
    emit playingChanged(true);
  }
  if (previous != speed_) emit shuttleSpeedChanged(speed_);
}

void FrameNavigator::applyInterval() {
  timer_.setInterval(std::max(16, baseIntervalMs_ / std::max(1, std::abs(speed_))));
}

void FrameNavigator::advance() {
  const int direction = speed_ < 0 ? -1 : 1;
  const int next = current_ + direction;
  // From a raw frame between samples, going backwards lands on the sample just before it.
  if (between_ && direction < 0) {
    setCurrentIndex(current_);
    return;
  }
  if (next < 0 || next >= count_) {
    setPlaying(false);
    return;
  }
  setCurrentIndex(next);
}

}  // namespace stts::ui
