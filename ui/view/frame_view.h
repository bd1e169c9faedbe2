// FrameView draws the current video frame as an OpenGL texture, letterboxed into the widget on a
// dark background, with the per-cell overlay (mask or score colours, design.md §8) composited in
// the same fragment shader. It owns no video or run state: the window hands it an immutable
// RgbImage and the current frame's OverlayCells.
#pragma once

#include <QMatrix4x4>
#include <QOpenGLBuffer>
#include <QOpenGLFunctions>
#include <QOpenGLVertexArrayObject>
#include <QOpenGLWidget>
#include <QPointF>
#include <memory>
#include <optional>

#include "stts/video.h"
#include "view/overlay_composite.h"

class QLabel;
class QOpenGLShaderProgram;
class QOpenGLTexture;

namespace stts::ui {

class OverlayLegend;

class FrameView : public QOpenGLWidget, protected QOpenGLFunctions {
  Q_OBJECT

 public:
  explicit FrameView(QWidget* parent = nullptr);
  ~FrameView() override;

  // Shows `frame` (may be null: empty state). Uploads lazily in the next paint.
  void setFrame(stts::RgbImagePtr frame);
  const stts::RgbImagePtr& frame() const { return frame_; }

  // The picture's display aspect (width / height); 0 uses the image's own. Stored model inputs
  // are square but must be shown at the video's aspect for the cell grid to line up.
  void setDisplayAspect(double aspect);
  double displayAspect() const { return displayAspect_; }

  // The current frame's cells (none: no overlay) and how to draw them.
  void setOverlay(std::optional<OverlayCells> cells, const OverlayStyle& style);
  const std::optional<OverlayCells>& overlayCells() const { return cells_; }
  const OverlayStyle& overlayStyle() const { return style_; }
  // The score legend in the view's bottom-right corner; the owner fills and shows it.
  OverlayLegend* legend() const { return legend_; }

  // Text drawn centred while there is no frame (e.g. "Open a video…").
  void setPlaceholderText(const QString& text);

  // Zoom 1 = fit to window; pan is in units of the widget's half size (clip space), so (0, 0)
  // keeps the frame centred. Zoom and pan travel to the shader as one transform uniform.
  void setZoom(double zoom);
  void setPan(QPointF pan);
  double zoom() const { return zoom_; }

  // The letterboxed frame rectangle in widget coordinates; empty without a frame.
  QRectF frameRect() const;

  // "330 core", "120" or "" before the first paint: which GLSL dialect the program was built in.
  QString shaderDialect() const { return shaderDialect_; }
  // Non-empty when the shaders or the texture could not be created; the view then shows it.
  QString graphicsError() const { return graphicsError_; }

  static QColor backgroundColor();

 protected:
  void initializeGL() override;
  void paintGL() override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  bool buildProgram();
  bool tryBuildProgram(bool modernDialect);
  void createQuad();
  void uploadFrameIfChanged();
  void uploadOverlayIfChanged();
  void bindOverlay();
  void placeLegend();
  void releaseGlResources();
  QMatrix4x4 frameTransform() const;
  void setGraphicsError(const QString& error);
  void updateMessage();

  stts::RgbImagePtr frame_;
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

  std::unique_ptr<QOpenGLShaderProgram> program_;
  std::unique_ptr<QOpenGLTexture> texture_;
  std::unique_ptr<QOpenGLTexture> cellTexture_;       // unit 1
  std::unique_ptr<QOpenGLTexture> colourMapTexture_;  // unit 2
  QOpenGLBuffer quadBuffer_{QOpenGLBuffer::VertexBuffer};
  QOpenGLVertexArrayObject quadArray_;
  int maxTextureSize_ = 0;
};

}  // namespace stts::ui
