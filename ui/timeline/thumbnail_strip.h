// One thumbnail per sampled frame under the timeline (ux.md §3), with a small keep-% badge when a
// run is open. The current sample is outlined and kept in view; a click asks for that sample.
// Thumbnails are scaled from the already decoded sampled frames, lazily, only when an item is
// first painted, and kept: a 384-frame video costs nothing until its items scroll into view.
#pragma once

#include <QListView>
#include <QPixmap>
#include <vector>

#include "media/loaded_media.h"

namespace stts::ui {

class ThumbnailModel;

class ThumbnailStrip : public QListView {
  Q_OBJECT

 public:
  static constexpr int kThumbnailHeight = 54;

  explicit ThumbnailStrip(QWidget* parent = nullptr);

  // The sampled frames to show; `kept` (kept cells per frame out of `cellsPerFrame`, same order)
  // adds the badges and may be empty.
  void setFrames(LoadedVideoPtr video, std::vector<int> kept, int cellsPerFrame);
  void clear();

  void setCurrentSample(int index);
  int currentSample() const { return current_; }
  int thumbnailCount() const;
  // "53 %" for a run's frame, empty without a run; for tests.
  QString badgeText(int index) const;
  // Whether item `index`'s picture has been scaled yet, and how many have been.
  bool isThumbnailBuilt(int index) const;
  int builtThumbnailCount() const;
  // Scales every thumbnail now (benchmarks; the strip itself builds them on demand).
  void buildAllThumbnails();
  // The thumbnail size the current video gets, in device-independent pixels.
  QSize thumbnailSize() const;
  static QColor badgeColour();

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 signals:
  void sampleRequested(int index);

 protected:
  void mousePressEvent(QMouseEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  friend class ThumbnailDelegate;
  ThumbnailModel* model_ = nullptr;
  int current_ = -1;
};

}  // namespace stts::ui
