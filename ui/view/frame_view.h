// FrameView draws the current video frame as an OpenGL texture, letterboxed into the widget on a
// dark background. It owns no video state: the window hands it an immutable RgbImage.
// Later issues add the per-cell overlay and colour-map textures to the same program (design §8).
#pragma once

#include <QMatrix4x4>
#include <QOpenGLBuffer>
#include <QOpenGLFunctions>
#include <QOpenGLVertexArrayObject>
#include <QOpenGLWidget>
#include <QPointF>
#include <memory>

#include "stts/video.h"

class QLabel;
class QOpenGLShaderProgram;
class QOpenGLTexture;

namespace stts::ui {

class FrameView : public QOpenGLWidget, protected QOpenGLFunctions {
  Q_OBJECT

 public:
  explicit FrameView(QWidget* parent = nullptr);
  ~FrameView() override;

  // Shows `frame` (may be null: empty state). Uploads lazily in the next paint.
  void setFrame(stts::RgbImagePtr frame);
  const stts::RgbImagePtr& frame() const { return frame_; }

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

 private:
  bool buildProgram();
  bool tryBuildProgram(bool modernDialect);
  void createQuad();
  void uploadFrameIfChanged();
  void releaseGlResources();
  QMatrix4x4 frameTransform() const;
  void setGraphicsError(const QString& error);
  void updateMessage();

  stts::RgbImagePtr frame_;
  const stts::RgbImage* uploadedFrame_ = nullptr;  // identity of what the texture holds
  QLabel* messageLabel_ = nullptr;
  QString placeholderText_;
  QString shaderDialect_;
  QString graphicsError_;
  double zoom_ = 1.0;
  QPointF pan_;

  std::unique_ptr<QOpenGLShaderProgram> program_;
  std::unique_ptr<QOpenGLTexture> texture_;
  QOpenGLBuffer quadBuffer_{QOpenGLBuffer::VertexBuffer};
  QOpenGLVertexArrayObject quadArray_;
  int maxTextureSize_ = 0;
};

}  // namespace stts::ui
