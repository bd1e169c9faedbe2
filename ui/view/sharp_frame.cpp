#include "view/sharp_frame.h"

#include "media/frame_navigator.h"
#include "media/frame_provider.h"
#include "media/open_content.h"
#include "view/frame_view.h"

namespace stts::ui {

SharpFrame::SharpFrame(OpenContent* content, FrameNavigator* navigator, FrameView* view,
                       QObject* parent)
    : QObject(parent), content_(content), navigator_(navigator), view_(view) {
  provider_ = new FrameProvider(this);
  rest_.setSingleShot(true);
  rest_.setInterval(kRestMilliseconds);
  connect(&rest_, &QTimer::timeout, this, &SharpFrame::request);
  connect(view_, &FrameView::zoomPercentChanged, this, &SharpFrame::schedule);
  connect(navigator_, &FrameNavigator::currentIndexChanged, this, &SharpFrame::schedule);
  connect(content_, &OpenContent::changed, this, [this] {
    requestedIndex_ = -1;
    const LoadedVideoPtr& video = content_->video();
    const bool decodable = video && video->store && !video->store->videoPath().isEmpty();
    provider_->setVideo(decodable ? video->store->videoPath() : QString());
    schedule();
  });
  connect(provider_, &FrameProvider::frameReady, this,
          [this](qint64 frameNumber, double, stts::RgbImagePtr image) {
            const LoadedVideoPtr& video = content_->video();
            const int index = navigator_->currentIndex();
            if (!video || index != requestedIndex_ || index < 0 ||
                index >= int(video->points.size()) ||
                video->points[size_t(index)].frameNumber != frameNumber) {
              return;  // the user has moved on
            }
            // Only over the copy of this very sample: a raw frame stepped to meanwhile stays.
            if (view_->frame() != video->store->display(index)) return;
            view_->setFrame(std::move(image), video->store->sourceSize());
            ++swapped_;
          });
}

bool SharpFrame::copyIsMagnified() const {
  const LoadedVideoPtr& video = content_->video();
  const int index = navigator_->currentIndex();
  if (!video || !video->store || index < 0 || index >= video->store->count()) return false;
  const FrameStore& store = *video->store;
  if (store.videoPath().isEmpty() || store.copySize() == store.sourceSize()) return false;
  if (!view_->frame() || view_->frame() != store.display(index)) return false;
  // zoomPercent is in source pixels per device pixel: 100 % shows the source 1:1.
  const double shownWidth = store.sourceSize().width() * view_->zoomPercent() / 100.0;
  return shownWidth > store.copySize().width() * 1.05;
}

void SharpFrame::schedule() {
  rest_.start();
}

void SharpFrame::request() {
  if (!copyIsMagnified()) return;
  const int index = navigator_->currentIndex();
  requestedIndex_ = index;
  provider_->requestFrame(content_->video()->points[size_t(index)].frameNumber);
}

}  // namespace stts::ui
