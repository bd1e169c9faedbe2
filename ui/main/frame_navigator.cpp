#include "main/frame_navigator.h"

#include <algorithm>
#include <cmath>

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
  timer_.setInterval(std::clamp(int(std::lround(1000.0 / fps)), 16, 2000));
  current_ = -1;
  setCurrentIndex(0);
}

void FrameNavigator::setCurrentIndex(int index) {
  const int clamped = count_ > 0 ? std::clamp(index, 0, count_ - 1) : -1;
  if (clamped == current_) return;
  current_ = clamped;
  emit currentIndexChanged(current_);
}

void FrameNavigator::step(int delta) {
  if (count_ > 0) setCurrentIndex(current_ + delta);
}

void FrameNavigator::goToFirst() {
  setCurrentIndex(0);
}

void FrameNavigator::goToLast() {
  setCurrentIndex(count_ - 1);
}

void FrameNavigator::setPlaying(bool playing) {
  if (playing == isPlaying()) return;
  if (playing) {
    if (count_ < 2) return;
    // Play from the end restarts, as players do, instead of stopping immediately.
    if (current_ >= count_ - 1) setCurrentIndex(0);
    timer_.start();
  } else {
    timer_.stop();
  }
  emit playingChanged(playing);
}

void FrameNavigator::togglePlayback() {
  setPlaying(!isPlaying());
}

void FrameNavigator::advance() {
  if (current_ >= count_ - 1) {
    setPlaying(false);
    return;
  }
  setCurrentIndex(current_ + 1);
}

}  // namespace stts::ui
