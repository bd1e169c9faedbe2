#include "compare/playhead_link.h"

#include "media/frame_navigator.h"

namespace stts::ui {

PlayheadLink::PlayheadLink(FrameNavigator* first, FramesOf firstFrames, FrameNavigator* second,
                           FramesOf secondFrames, QObject* parent)
    : QObject(parent),
      first_(first),
      firstFrames_(std::move(firstFrames)),
      second_(second),
      secondFrames_(std::move(secondFrames)) {
  connect(first_, &FrameNavigator::currentIndexChanged, this,
          [this](int index) { carry(firstFrames_, index, second_, secondFrames_); });
  connect(second_, &FrameNavigator::currentIndexChanged, this,
          [this](int index) { carry(secondFrames_, index, first_, firstFrames_); });
}

void PlayheadLink::setEnabled(bool enabled) {
  enabled_ = enabled;
  if (enabled_) carry(firstFrames_, first_->currentIndex(), second_, secondFrames_);
}

void PlayheadLink::carry(const FramesOf& fromFrames, int index, FrameNavigator* to,
                         const FramesOf& toFrames) {
  if (!enabled_ || carrying_) return;
  const LoadedVideoPtr from = fromFrames();
  const LoadedVideoPtr target = toFrames();
  if (!from || !target || index < 0 || index >= int(from->points.size())) return;
  carrying_ = true;
  to->setCurrentIndex(target->sampleNearestToTime(from->points[size_t(index)].requestedTime));
  carrying_ = false;
}

}  // namespace stts::ui
