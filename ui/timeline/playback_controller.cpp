#include "timeline/playback_controller.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QStatusBar>
#include <algorithm>
#include <cmath>

#include "actions/action_registry.h"
#include "common/time_format.h"
#include "media/frame_navigator.h"
#include "media/frame_provider.h"
#include "media/open_content.h"
#include "timeline/thumbnail_strip.h"
#include "timeline/timeline.h"
#include "view/frame_view.h"
#include "view/overlay_state.h"

namespace stts::ui {

namespace {

constexpr int kMessageMs = 4000;

}  // namespace

PlaybackController::PlaybackController(const Parts& parts, QObject* parent)
    : QObject(parent), parts_(parts), provider_(new FrameProvider(this)) {
  ActionRegistry* actions = parts.actions;
  FrameNavigator* navigator = parts.navigator;
  auto onTrigger = [&](ActionId id, auto slot) {
    connect(actions->action(id), &QAction::triggered, this, slot);
  };
  onTrigger(ActionId::PreviousRawFrame, [this] { stepRawFrame(-1); });
  onTrigger(ActionId::NextRawFrame, [this] { stepRawFrame(+1); });
  onTrigger(ActionId::BackOneSecond, [this] { stepSeconds(-1.0); });
  onTrigger(ActionId::ForwardOneSecond, [this] { stepSeconds(+1.0); });
  onTrigger(ActionId::ShuttleReverse, [this] { shuttle(-1); });
  onTrigger(ActionId::ShuttleForward, [this] { shuttle(+1); });
  onTrigger(ActionId::ShuttlePause, [this, navigator] {
    navigator->setPlaying(false);
    pauseHeld_ = true;  // until its key is released: J or L meanwhile step one sample
  });

  connect(parts.content, &OpenContent::changed, this, &PlaybackController::onContentChanged);
  connect(navigator, &FrameNavigator::currentIndexChanged, this,
          &PlaybackController::onSampleShown);
  connect(navigator, &FrameNavigator::shuttleSpeedChanged, this,
          &PlaybackController::showShuttleSpeed);
  connect(provider_, &FrameProvider::frameReady, this, &PlaybackController::showRawFrame);
  connect(provider_, &FrameProvider::frameFailed, this, &PlaybackController::showRawFrameFailure);
  // The window draws the overlay for the current sample whenever its style changes; a raw frame
  // has no cells, so take them off again.
  connect(parts.overlay, &OverlayState::changed, this, [this] {
    if (rawFrame_ >= 0) parts_.view->setOverlay(std::nullopt, parts_.overlay->style());
  });

  ThumbnailStrip* strip = parts.thumbnails;
  connect(strip, &ThumbnailStrip::sampleRequested, navigator, &FrameNavigator::setCurrentIndex);
  // Key releases go to whichever widget has focus; only the application sees them all.
  qApp->installEventFilter(this);
}

QString PlaybackController::rawFramesUnavailableReason() const {
  const LoadedVideoPtr& video = parts_.content->video();
  if (!video || video->points.empty()) return tr("Open a video first.");
  const LoadedRunPtr& run = parts_.content->run();
  if (run && run->usesStoredFrames) {
    return tr("Raw video frames are not available: this run is shown from the frames stored in "
              "it because %1. Open the run with its video to step between samples.")
        .arg(run->videoProblem.isEmpty() ? tr("its video could not be used") : run->videoProblem);
  }
  return {};
}

void PlaybackController::onContentChanged() {
  rawFrame_ = -1;
  rawTarget_ = -1;
  const LoadedVideoPtr& video = parts_.content->video();
  provider_->setVideo(rawFramesUnavailableReason().isEmpty() ? video->path : QString());

  ThumbnailStrip* strip = parts_.thumbnails;
  std::vector<int> kept;
  if (const LoadedRunPtr& run = parts_.content->run()) {
    kept.assign(run->run->keptPerFrame.begin(), run->run->keptPerFrame.end());
  }
  strip->setFrames(video, std::move(kept), stts::kCellsPerFrame);
  strip->setCurrentSample(parts_.navigator->currentIndex());
}

void PlaybackController::onSampleShown(int index) {
  // Any move to a sample (keys, clicks, playback) leaves the raw frame; the window has already
  // put the sampled frame and its overlay back.
  rawTarget_ = -1;
  rawFrame_ = -1;
  parts_.thumbnails->setCurrentSample(index);
}

double PlaybackController::currentTime() const {
  if (rawFrame_ >= 0) return rawSeconds_;
  const LoadedVideoPtr& video = parts_.content->video();
  const int index = parts_.navigator->currentIndex();
  if (!video || index < 0 || index >= int(video->points.size())) return 0.0;
  return video->points[size_t(index)].requestedTime;
}

int PlaybackController::sampleNearestToTime(double seconds) const {
  const LoadedVideoPtr& video = parts_.content->video();
  return video ? video->sampleNearestToTime(seconds) : -1;
}

void PlaybackController::stepSeconds(double delta) {
  FrameNavigator* navigator = parts_.navigator;
  if (navigator->count() <= 0) return;
  int target = sampleNearestToTime(currentTime() + delta);
  const int current = navigator->currentIndex();
  // Where samples lie more than two seconds apart the nearest is the current one; a key that
  // does nothing reads as broken, so move at least one sample in the asked direction.
  if (rawFrame_ < 0 && target == current) target = current + (delta > 0 ? 1 : -1);
  if (rawFrame_ >= 0 && delta < 0 && target > current) target = current;
  if (rawFrame_ >= 0 && delta > 0 && target <= current) target = current + 1;
  navigator->setCurrentIndex(target);
}

void PlaybackController::shuttle(int direction) {
  FrameNavigator* navigator = parts_.navigator;
  if (pauseHeld_) {
    navigator->setPlaying(false);
    navigator->step(direction);
    return;
  }
  if (direction > 0) {
    navigator->shuttleForward();
  } else {
    navigator->shuttleReverse();
  }
}

void PlaybackController::showShuttleSpeed(int speed) {
  if (speed == 0 || speed == 1) return;  // plain play (Space, one L) needs no words
  parts_.status->showMessage(speed > 0 ? tr("Playing forward at %1×").arg(speed)
                                       : tr("Playing backward at %1×").arg(-speed),
                             kMessageMs);
}

void PlaybackController::stepRawFrame(int delta) {
  const QString reason = rawFramesUnavailableReason();
  if (!reason.isEmpty()) {
    parts_.status->showMessage(reason, 8000);
    return;
  }
  const LoadedVideoPtr& video = parts_.content->video();
  FrameNavigator* navigator = parts_.navigator;
  navigator->setPlaying(false);
  const int index = navigator->currentIndex();
  if (index < 0) return;
  const int64_t from = rawTarget_ >= 0 ? rawTarget_ : video->points[size_t(index)].frameNumber;
  const int64_t last = std::max<int64_t>(0, video->info.frameCount - 1);
  const int64_t target = std::clamp<int64_t>(from + delta, 0, last);
  if (target == from) return;
  rawTarget_ = target;

  // A raw frame that is a sampled frame is shown as that sample, with its overlay.
  const auto& points = video->points;
  for (int i = 0; i < int(points.size()); ++i) {
    if (points[size_t(i)].frameNumber == target) {
      navigator->setCurrentIndex(i);
      return;
    }
  }
  if (!provider_->cachedFrame(target)) {
    // The first request also indexes the video on the worker, which can take a moment.
    parts_.status->showMessage(tr("Decoding raw frame %1…").arg(target));
  }
  provider_->requestFrame(target);
}

void PlaybackController::showRawFrame(qint64 frameNumber, double seconds, stts::RgbImagePtr image) {
  if (frameNumber != rawTarget_) return;  // the user has moved on meanwhile
  const LoadedVideoPtr& video = parts_.content->video();
  if (!video || video->points.empty()) return;
  int sampleBefore = 0;
  for (int i = 0; i < int(video->points.size()); ++i) {
    if (video->points[size_t(i)].frameNumber < frameNumber) sampleBefore = i;
  }
  FrameNavigator* navigator = parts_.navigator;
  navigator->setBetweenSamples(sampleBefore);
  rawFrame_ = frameNumber;
  rawSeconds_ = seconds;
  Timeline* timeline = parts_.timeline;
  timeline->setCurrentIndex(sampleBefore);
  timeline->setRawPosition(seconds, frameNumber);
  parts_.thumbnails->setCurrentSample(sampleBefore);
  FrameView* view = parts_.view;
  view->setFrame(std::move(image));
  view->setOverlay(std::nullopt, parts_.overlay->style());
  parts_.status->showMessage(
      tr("Raw frame %1 at %2 is not a sampled frame: the model never saw it, so it has no "
         "overlay.")
          .arg(frameNumber)
          .arg(formatTimestamp(seconds)),
      kMessageMs);
  emit rawFrameShown(frameNumber);
}

void PlaybackController::showRawFrameFailure(qint64 frameNumber, const QString& message) {
  if (frameNumber != rawTarget_) return;
  rawTarget_ = rawFrame_;
  parts_.status->showMessage(tr("Could not show raw frame %1: %2").arg(frameNumber).arg(message),
                             8000);
}

bool PlaybackController::matchesPauseKey(int key) const {
  for (const QKeySequence& sequence : parts_.actions->action(ActionId::ShuttlePause)->shortcuts()) {
    if (sequence.count() == 1 && int(sequence[0].key()) == key) {
      return true;
    }
  }
  return false;
}

bool PlaybackController::eventFilter(QObject* watched, QEvent* event) {
  if (pauseHeld_) {
    if (event->type() == QEvent::KeyRelease) {
      auto* key = static_cast<QKeyEvent*>(event);
      if (!key->isAutoRepeat() && matchesPauseKey(key->key())) pauseHeld_ = false;
    } else if (event->type() == QEvent::ApplicationDeactivate) {
      pauseHeld_ = false;  // the release went to another application
    }
  }
  return QObject::eventFilter(watched, event);
}

}  // namespace stts::ui
