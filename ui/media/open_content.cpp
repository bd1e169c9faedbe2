#include "media/open_content.h"

namespace stts::ui {

void OpenContent::show(LoadedVideoPtr video, LoadedRunPtr run) {
  video_ = std::move(video);
  run_ = std::move(run);
  emit changed();
}

void OpenContent::setRunPath(const QString& path) {
  if (!run_) return;
  auto renamed = std::make_shared<LoadedRun>(*run_);
  renamed->path = path;
  run_ = std::move(renamed);
}

}  // namespace stts::ui
