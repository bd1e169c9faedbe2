// A small progress bar for the status bar while a frame store fills in its pictures after a
// video or run has opened ("Decoding frames: 120 of 384"); hidden when they are all in.
#pragma once

#include <QMetaObject>
#include <QProgressBar>

#include "media/loaded_media.h"

namespace stts::ui {

class FrameFillIndicator : public QProgressBar {
  Q_OBJECT

 public:
  explicit FrameFillIndicator(QWidget* parent = nullptr);

  // Follows `video`'s store (null: hidden).
  void follow(const LoadedVideoPtr& video);

 private:
  void refresh();

  LoadedVideoPtr video_;
  QMetaObject::Connection filled_;
  QMetaObject::Connection failed_;
};

}  // namespace stts::ui
