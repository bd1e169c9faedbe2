// FrameView draws the current video frame as an OpenGL texture, letterboxed into the widget on a
// dark background, with the per-cell overlay (mask, score or diff colours, hatching, the cell
// grid, brightness / contrast; design.md §8) composited in the same fragment shader. It owns no
// video or run state: the window hands it an immutable RgbImage and the current frame's
// OverlayCells. Zoom and pan are the view's own; a comparison view keeps several views in step
// through viewTransformChanged() and setViewTransform().
#pragma once

#include <QMatrix4x4>
#include <QOpenGLBuffer>
#include <QOpenGLFunctions>
#include <QOpenGLVertexArrayObject>
#include <QOpenGLWidget>
#include <QPointF>
#include <memory>
#include <optional>
#include <span>

#include "stts/video.h"
#include "view/overlay_composite.h"

class QLabel;
class QOpenGLShaderProgram;
class QOpenGLTexture;

namespace stts::ui {

class OverlayLegend;

// A cell of the 9 x 9 grid, row-major from the top-left.
struct CellPosition {
  int row = -1;
  int column = -1;
  bool operator==(const CellPosition&) const = default;
};

class FrameView : public QOpenGLWidget, protected QOpenGLFunctions {
  Q_OBJECT

 public:
  static constexpr double kMinimumZoom = 0.25;  // or 100 %, when that is smaller
  static constexpr double kMaximumZoom = 64.0;
  static constexpr double kZoomStep = 1.25;  // one key press or one wheel notch

  explicit FrameView(QWidget* parent = nullptr);
  ~FrameView() override;

  // Shows `frame` (may be null: empty state). Uploads lazily in the next paint. `sourceSize` is
  // the size the frame stands for when `frame` is a smaller drawing copy (zoom percentages and
  // panning are in source pixels); empty: the frame's own. A null frame with a source size is a
  // frame still being decoded: the view keeps its geometry and says so.
  void setFrame(stts::RgbImagePtr frame, QSize sourceSize = {});
  const stts::RgbImagePtr& frame() const { return frame_; }
  // Which sampled frame is shown, for the hover tooltip and hoveredCellChanged(); -1 = unknown.
  void setFrameInfo(int sampledIndex, int sampledCount, double seconds);
  int sampledIndex() const { return sampledIndex_; }

  // The picture's display aspect (width / height); 0 uses the image's own. Stored model inputs
  // are square but must be shown at the video's aspect for the cell grid to line up.
  void setDisplayAspect(double aspect);
  double displayAspect() const { return displayAspect_; }

  // The current frame's cells (none: no overlay) and how to draw them. The legend follows: a
  // colour bar with the range used in score mode, the three classes in diff mode.
  void setOverlay(std::optional<OverlayCells> cells, const OverlayStyle& style);
  const std::optional<OverlayCells>& overlayCells() const { return cells_; }
  const OverlayStyle& overlayStyle() const { return style_; }
  // Two runs' keep flags for the shown frame (81 each, non-zero = kept): switches to diff mode
  // over the current cells (or bare cells when there are none).
  void setDiffCells(std::span<const uint8_t> keepA, std::span<const uint8_t> keepB);
  // The legend in the view's bottom-right corner; the view shows it in score and diff modes.
  OverlayLegend* legend() const { return legend_; }

  // Text drawn centred while there is no frame (e.g. "Open a video…").
  void setPlaceholderText(const QString& text);

  // Zoom 1 = the whole picture fits the view; pan is the offset of the picture's centre from the
  // view's centre in units of the fitted picture's width and height, so both mean the same in
  // views of different sizes. Pan is clamped so the picture cannot be lost: a picture smaller
  // than the view stays inside it, a larger one keeps covering it.
  double zoom() const { return zoom_; }
  QPointF pan() const { return pan_; }
  void setZoom(double zoom);
  void setPan(QPointF pan);
  void setViewTransform(double zoom, QPointF pan);
  void fitToWindow();
  // 100 %: one source pixel per device pixel at the picture's display size (see naturalSize()).
  void zoomActualSize();
  void zoomIn();
  void zoomOut();
  // Multiplies the zoom by `factor`, keeping the picture point under `widgetPoint` in place.
  void zoomAround(QPointF widgetPoint, double factor);
  // The zoom at which 100 % is reached in the current widget size; 0 without a frame.
  double actualSizeZoom() const;
  // Source pixels per device pixel in percent (100 = actual size), rounded; 0 without a frame.
  int zoomPercent() const;
  // The picture's size in source pixels at its display aspect: the image itself, or a stored
  // square model input stretched (never shrunk) to the video's aspect.
  QSizeF naturalSize() const;

  // The picture's rectangle in widget coordinates after zoom and pan; empty without a frame.
  QRectF frameRect() const;
  // The cell under `widgetPoint` (through zoom, pan and aspect); nullopt outside the picture.
  std::optional<CellPosition> cellAt(QPointF widgetPoint) const;
  // The hover tooltip for `widgetPoint`: sampled frame and time, cell, score, kept or dropped.
  QString toolTipTextAt(QPointF widgetPoint) const;
  // Whether a drag is panning the picture right now (middle button, or left with Space held).
  bool isPanning() const { return panning_; }

  // "330 core", "120" or "" before the first paint: which GLSL dialect the program was built in.
  QString shaderDialect() const { return shaderDialect_; }
  // Non-empty when the shaders or the texture could not be created; the view then shows it.
  QString graphicsError() const { return graphicsError_; }

  static QColor backgroundColor();

 signals:
  // Zoom or pan changed (by the user or through the setters).
  void viewTransformChanged(double zoom, QPointF pan);
  // The cell under the mouse changed; row and column are -1 when it left the picture.
  void hoveredCellChanged(int sampledIndex, int row, int column);
  // Space went down and up over the view without a drag: the owner toggles playback, as the
  // Space shortcut would have. Only while this signal is connected does the view hold Space back
  // from the shortcut (with the mouse over a shown picture), because Space + drag pans.
  void spaceTapped();
  // What zoomPercent() says changed (zoom, window size or picture), once it is on screen.
  void zoomPercentChanged(int percent);

 protected:
  void initializeGL() override;
  void paintGL() override;
  void resizeEvent(QResizeEvent* event) override;
  void changeEvent(QEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void leaveEvent(QEvent* event) override;
  bool event(QEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  bool buildProgram();
  bool tryBuildProgram(bool modernDialect);
  void createQuad();
  void uploadFrameIfChanged();
  void uploadOverlayIfChanged();
  void bindOverlay();
  void placeLegend();
  void updateLegend();
  void releaseGlResources();
  QSizeF fittedSize() const;
  QRectF exactFrameRect() const;  // frameRect() before its corner is snapped to a pixel
  double minimumZoom() const;
  QPointF clampedPan(QPointF pan, double zoom) const;
  void applyViewTransform(double zoom, QPointF pan);
  QMatrix4x4 frameTransform() const;
  void setGraphicsError(const QString& error);
  void updateMessage();
  void updateHover(QPointF widgetPoint);
  bool handleSpaceKey(QEvent* event);
  void updateCursor();

  stts::RgbImagePtr frame_;
  QSize sourceSize_;
  const stts::RgbImage* uploadedFrame_ = nullptr;  // identity of what the texture holds
  QLabel* messageLabel_ = nullptr;
  OverlayLegend* legend_ = nullptr;
  double displayAspect_ = 0.0;
  std::optional<OverlayCells> cells_;
  OverlayStyle style_;
  bool cellsDirty_ = true;
  int uploadedColourMap_ = -1;
  QString placeholderText_;
  QString shaderDialect_;
  QString graphicsError_;
  double zoom_ = 1.0;
  QPointF pan_;

  int sampledIndex_ = -1;
  int sampledCount_ = 0;
  double seconds_ = 0.0;
  std::optional<CellPosition> hovered_;
  QPointF lastMousePosition_;

  bool spaceHeld_ = false;     // Space is down and held back from the play shortcut
  int shownZoomPercent_ = -1;  // what zoomPercentChanged() last said
  bool spaceDragged_ = false;  // ... and a drag panned meanwhile, so releasing it does not play
  bool panning_ = false;
  QPointF panAnchor_;  // mouse position where the current pan step started

  std::unique_ptr<QOpenGLShaderProgram> program_;
  std::unique_ptr<QOpenGLTexture> texture_;
  std::unique_ptr<QOpenGLTexture> cellTexture_;       // unit 1
  std::unique_ptr<QOpenGLTexture> colourMapTexture_;  // unit 2
  QOpenGLBuffer quadBuffer_{QOpenGLBuffer::VertexBuffer};
  QOpenGLVertexArrayObject quadArray_;
  int maxTextureSize_ = 0;
};

}  // namespace stts::ui
