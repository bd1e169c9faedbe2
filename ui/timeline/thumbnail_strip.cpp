#include "timeline/thumbnail_strip.h"

#include <QAbstractListModel>
#include <QImage>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QStyledItemDelegate>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "common/sample_numbers.h"

namespace stts::ui {

namespace {

constexpr int kItemPadding = 3;  // room for the current item's outline
constexpr int kItemGap = 4;

}  // namespace

class ThumbnailModel : public QAbstractListModel {
 public:
  using QAbstractListModel::QAbstractListModel;

  void setFrames(LoadedVideoPtr video, std::vector<int> kept, int cellsPerFrame) {
    beginResetModel();
    if (video_ && video_->store) disconnect(video_->store.get(), nullptr, this, nullptr);
    video_ = std::move(video);
    // Pictures arrive while the store fills; each one replaces its item's empty square.
    if (video_ && video_->store) {
      connect(video_->store.get(), &FrameStore::frameFilled, this, [this](int row) {
        if (row < 0 || row >= int(pixmaps_.size())) return;
        pixmaps_[size_t(row)] = QPixmap();
        emit dataChanged(index(row), index(row), {Qt::DecorationRole});
      });
    }
    kept_ = std::move(kept);
    cellsPerFrame_ = std::max(1, cellsPerFrame);
    pixmaps_.assign(video_ ? video_->points.size() : 0, QPixmap());
    endResetModel();
  }

  int rowCount(const QModelIndex& parent = {}) const override {
    return parent.isValid() || !video_ ? 0 : int(video_->points.size());
  }

  QVariant data(const QModelIndex& index, int role) const override {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    if (role == Qt::DecorationRole) return thumbnail(index.row());
    if (role == Qt::DisplayRole) return badgeText(index.row());
    if (role == Qt::ToolTipRole) {
      const stts::SamplePoint& point = video_->points[size_t(index.row())];
      return ThumbnailStrip::tr("Sample %1 · frame %2")
          .arg(sampleNumber(index.row()))
          .arg(point.frameNumber);
    }
    return {};
  }

  QString badgeText(int row) const {
    if (row < 0 || row >= int(kept_.size())) return {};
    const double percent = 100.0 * double(kept_[size_t(row)]) / cellsPerFrame_;
    return ThumbnailStrip::tr("%1 %").arg(std::lround(percent));
  }

  QSize thumbnailSize() const {
    double aspect = 16.0 / 9.0;
    if (video_ && video_->displayAspect > 0.0) {
      aspect = video_->displayAspect;
    } else if (video_ && video_->store && !video_->store->sourceSize().isEmpty()) {
      const QSize source = video_->store->sourceSize();
      aspect = double(source.width()) / source.height();
    }
    aspect = std::clamp(aspect, 0.25, 4.0);  // a 1 x 1000 video must not make one endless item
    return {std::max(8, int(std::lround(ThumbnailStrip::kThumbnailHeight * aspect))),
            ThumbnailStrip::kThumbnailHeight};
  }

  QPixmap thumbnail(int row) const {
    QPixmap& cached = pixmaps_[size_t(row)];
    if (!cached.isNull()) return cached;
    const stts::RgbImagePtr image = video_->store ? video_->store->thumbnail(row) : nullptr;
    if (!image || image->width <= 0 || image->height <= 0) return {};
    const QImage wrapped(image->pixels.data(), image->width, image->height, image->width * 3,
                         QImage::Format_RGB888);
    cached = QPixmap::fromImage(
        wrapped.scaled(thumbnailSize(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation));
    return cached;
  }

  bool isBuilt(int row) const {
    return row >= 0 && row < int(pixmaps_.size()) && !pixmaps_[size_t(row)].isNull();
  }
  int builtCount() const {
    return int(std::count_if(pixmaps_.begin(), pixmaps_.end(),
                             [](const QPixmap& p) { return !p.isNull(); }));
  }

 private:
  LoadedVideoPtr video_;
  std::vector<int> kept_;
  int cellsPerFrame_ = 81;
  mutable std::vector<QPixmap> pixmaps_;
};

class ThumbnailDelegate : public QStyledItemDelegate {
 public:
  explicit ThumbnailDelegate(ThumbnailStrip* strip) : QStyledItemDelegate(strip), strip_(strip) {}

  QSize sizeHint(const QStyleOptionViewItem&, const QModelIndex&) const override {
    return strip_->thumbnailSize() + QSize(2 * kItemPadding + kItemGap, 2 * kItemPadding);
  }

  void paint(QPainter* painter, const QStyleOptionViewItem& option,
             const QModelIndex& index) const override {
    painter->save();
    const QRect item = option.rect.adjusted(0, 0, -kItemGap, 0);
    const QRect picture = item.adjusted(kItemPadding, kItemPadding, -kItemPadding, -kItemPadding);
    const QPalette& pal = strip_->palette();
    if (index.row() == strip_->currentSample()) {
      painter->fillRect(item, pal.color(QPalette::Highlight));
    }
    const QPixmap pixmap = index.data(Qt::DecorationRole).value<QPixmap>();
    if (pixmap.isNull()) {
      painter->fillRect(picture, pal.color(QPalette::Base));
    } else {
      painter->drawPixmap(picture, pixmap);
    }
    const QString badge = index.data(Qt::DisplayRole).toString();
    if (!badge.isEmpty()) {
      QFont font = strip_->font();
      font.setPointSizeF(std::max(6.0, font.pointSizeF() * 0.8));
      painter->setFont(font);
      const QFontMetrics metrics(font);
      const QSize textSize(metrics.horizontalAdvance(badge) + 6, metrics.height());
      const QRect badgeRect(picture.right() - textSize.width() + 1,
                            picture.bottom() - textSize.height() + 1, textSize.width(),
                            textSize.height());
      painter->setRenderHint(QPainter::Antialiasing);
      painter->setPen(Qt::NoPen);
      painter->setBrush(ThumbnailStrip::badgeColour());
      painter->drawRoundedRect(badgeRect, 3, 3);
      painter->setPen(Qt::white);
      painter->drawText(badgeRect, Qt::AlignCenter, badge);
    }
    painter->restore();
  }

 private:
  ThumbnailStrip* strip_;
};

ThumbnailStrip::ThumbnailStrip(QWidget* parent) : QListView(parent) {
  model_ = new ThumbnailModel(this);
  setModel(model_);
  setItemDelegate(new ThumbnailDelegate(this));
  setFlow(QListView::LeftToRight);
  setWrapping(false);
  setUniformItemSizes(true);  // lets the view lay out 384 items without asking each for its size
  setSelectionMode(QAbstractItemView::NoSelection);
  setEditTriggers(QAbstractItemView::NoEditTriggers);
  setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
  setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
  // Keys belong to the window's actions, like the timeline's.
  setFocusPolicy(Qt::NoFocus);
  setFrameShape(QFrame::NoFrame);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  setMouseTracking(false);
}

void ThumbnailStrip::setFrames(LoadedVideoPtr video, std::vector<int> kept, int cellsPerFrame) {
  model_->setFrames(std::move(video), std::move(kept), cellsPerFrame);
  current_ = -1;
  updateGeometry();
}

void ThumbnailStrip::clear() {
  setFrames(nullptr, {}, 81);
}

int ThumbnailStrip::thumbnailCount() const {
  return model_->rowCount();
}

QString ThumbnailStrip::badgeText(int index) const {
  return model_->badgeText(index);
}

bool ThumbnailStrip::isThumbnailBuilt(int index) const {
  return model_->isBuilt(index);
}

int ThumbnailStrip::builtThumbnailCount() const {
  return model_->builtCount();
}

void ThumbnailStrip::buildAllThumbnails() {
  for (int row = 0; row < model_->rowCount(); ++row) model_->thumbnail(row);
}

QSize ThumbnailStrip::thumbnailSize() const {
  return model_->thumbnailSize();
}

QColor ThumbnailStrip::badgeColour() {
  return QColor(20, 20, 20, 200);
}

void ThumbnailStrip::setCurrentSample(int index) {
  const int count = thumbnailCount();
  const int clamped = count > 0 ? std::clamp(index, 0, count - 1) : -1;
  const int previous = current_;
  current_ = clamped;
  if (previous >= 0 && previous < count) update(model_->index(previous));
  if (current_ < 0) return;
  const QModelIndex item = model_->index(current_);
  update(item);
  scrollTo(item, QAbstractItemView::EnsureVisible);
}

QSize ThumbnailStrip::sizeHint() const {
  const int scrollBar = horizontalScrollBar()->sizeHint().height();
  return {640, kThumbnailHeight + 2 * kItemPadding + scrollBar + 2};
}

QSize ThumbnailStrip::minimumSizeHint() const {
  return {160, sizeHint().height()};
}

void ThumbnailStrip::mousePressEvent(QMouseEvent* event) {
  const QModelIndex item = indexAt(event->position().toPoint());
  if (event->button() == Qt::LeftButton && item.isValid()) {
    emit sampleRequested(item.row());
    event->accept();
    return;
  }
  QListView::mousePressEvent(event);
}

void ThumbnailStrip::wheelEvent(QWheelEvent* event) {
  // The strip only scrolls sideways: an ordinary mouse wheel scrolls it too.
  const QPoint delta = event->angleDelta();
  if (delta.x() == 0 && delta.y() != 0) {
    QScrollBar* bar = horizontalScrollBar();
    const int itemWidth = thumbnailSize().width() + 2 * kItemPadding + kItemGap;
    bar->setValue(bar->value() - delta.y() * itemWidth / 120);  // one notch, one thumbnail
    event->accept();
    return;
  }
  QListView::wheelEvent(event);
}

void ThumbnailStrip::resizeEvent(QResizeEvent* event) {
  QListView::resizeEvent(event);
  if (current_ >= 0) scrollTo(model_->index(current_), QAbstractItemView::EnsureVisible);
}

}  // namespace stts::ui
