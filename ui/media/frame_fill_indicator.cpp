#include "media/frame_fill_indicator.h"

namespace stts::ui {

FrameFillIndicator::FrameFillIndicator(QWidget* parent) : QProgressBar(parent) {
  setObjectName(QStringLiteral("frameFillIndicator"));
  setMaximumWidth(140);
  setMaximumHeight(14);
  setTextVisible(false);
  hide();
}

void FrameFillIndicator::follow(const LoadedVideoPtr& video) {
  disconnect(filled_);
  disconnect(failed_);
  video_ = video;
  if (video_ && video_->store) {
    FrameStore* store = video_->store.get();
    filled_ = connect(store, &FrameStore::frameFilled, this, &FrameFillIndicator::refresh);
    failed_ = connect(store, &FrameStore::fillFailed, this, [this](const QString& message) {
      setToolTip(tr("Decoding the frames stopped: %1").arg(message));
    });
  }
  refresh();
}

void FrameFillIndicator::refresh() {
  const FrameStore* store = video_ ? video_->store.get() : nullptr;
  const int total = store ? store->count() : 0;
  const int filled = store ? store->filledCount() : 0;
  setVisible(total > 0 && filled < total);
  if (!isVisible()) return;
  setRange(0, total);
  setValue(filled);
  const QString text = tr("Decoding frames: %1 of %2").arg(filled).arg(total);
  setToolTip(text);
  setAccessibleName(text);
}

}  // namespace stts::ui
