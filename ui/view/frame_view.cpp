#include "view/frame_view.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QOpenGLContext>
#include <QOpenGLPixelTransferOptions>
#include <QOpenGLShaderProgram>
#include <QOpenGLTexture>
#include <QResizeEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <QVector2D>
#include <QVector3D>
#include <algorithm>
#include <array>
#include <cmath>

#include "view/overlay_legend.h"

namespace stts::ui {

namespace {

constexpr int kPositionLocation = 0;
constexpr int kTexCoordLocation = 1;
constexpr int kFrameUnit = 0;
constexpr int kCellUnit = 1;
constexpr int kColourMapUnit = 2;
constexpr int kLegendMargin = 12;

// The shader files hold dialect-neutral bodies; these preludes make them GLSL 330 core (core and
// compatibility contexts, GL >= 3.3) or GLSL 120 (old drivers, GL 2.1).
const char* const kVertexPrelude330 =
    "#version 330 core\n#define ATTRIBUTE in\n#define VARYING_OUT out\n";
const char* const kFragmentPrelude330 =
    "#version 330 core\n#define VARYING_IN in\n#define TEXTURE2D texture\n"
    "out vec4 fragColour;\n#define FRAG_COLOR fragColour\n";
const char* const kVertexPrelude120 =
    "#version 120\n#define ATTRIBUTE attribute\n#define VARYING_OUT varying\n";
const char* const kFragmentPrelude120 =
    "#version 120\n#define VARYING_IN varying\n#define TEXTURE2D texture2D\n"
    "#define FRAG_COLOR gl_FragColor\n";

QByteArray readResource(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

FrameView::FrameView(QWidget* parent) : QOpenGLWidget(parent) {
  setMinimumSize(160, 120);
  // A click takes the keyboard focus from a text field, so the playback keys reach the video
  // again (the view itself handles no keys: the window's shortcuts fire while it has focus).
  setFocusPolicy(Qt::StrongFocus);
  setMouseTracking(true);  // hover tooltips and hoveredCellChanged()
  // Space + drag pans: Space must be seen before the window's play shortcut takes it.
  qApp->installEventFilter(this);

  // Text goes in a child label, not a QPainter in paintGL: QWidget::grab() redirects painters to
  // its pixmap and then composites the GL image over them, so painted text would vanish from
  // screenshots. Child widgets are composited on top correctly.
  messageLabel_ = new QLabel(this);
  messageLabel_->setAlignment(Qt::AlignCenter);
  messageLabel_->setWordWrap(true);
  messageLabel_->setAttribute(Qt::WA_TransparentForMouseEvents);
  messageLabel_->setStyleSheet(QStringLiteral("color: #aaaab2; background: transparent;"));
  QFont font = messageLabel_->font();
  font.setPointSizeF(font.pointSizeF() * 1.15);
  messageLabel_->setFont(font);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(24, 24, 24, 24);
  layout->addWidget(messageLabel_);
  updateMessage();

  legend_ = new OverlayLegend(this);
  legend_->hide();
  placeLegend();
}

FrameView::~FrameView() {
  qApp->removeEventFilter(this);
  // ~QOpenGLWidget destroys the context after our members are gone; the cleanup slot must not
  // run then.
  if (context()) disconnect(context(), nullptr, this, nullptr);
  makeCurrent();
  releaseGlResources();
  doneCurrent();
}

QColor FrameView::backgroundColor() {
  return QColor(24, 24, 27);
}

void FrameView::setFrame(stts::RgbImagePtr frame, QSize sourceSize) {
  const QSizeF before = naturalSize();
  frame_ = std::move(frame);
  sourceSize_ = sourceSize;
  updateMessage();
  // A picture of another size or shape may allow less panning.
  if (naturalSize() != before) applyViewTransform(zoom_, pan_);
  update();
}

void FrameView::setFrameInfo(int sampledIndex, int sampledCount, double seconds) {
  const bool changed = sampledIndex != sampledIndex_;
  sampledIndex_ = sampledIndex;
  sampledCount_ = sampledCount;
  seconds_ = seconds;
  if (changed && hovered_) emit hoveredCellChanged(sampledIndex_, hovered_->row, hovered_->column);
  if (QToolTip::isVisible() && underMouse()) updateHover(lastMousePosition_);
}

void FrameView::setDisplayAspect(double aspect) {
  displayAspect_ = aspect > 0.0 ? aspect : 0.0;
  applyViewTransform(zoom_, pan_);
  update();
}

void FrameView::setOverlay(std::optional<OverlayCells> cells, const OverlayStyle& style) {
  if (cells != cells_) cellsDirty_ = true;
  cells_ = std::move(cells);
  style_ = style;
  updateLegend();
  update();
}

void FrameView::setDiffCells(std::span<const uint8_t> keepA, std::span<const uint8_t> keepB) {
  OverlayCells cells = cells_.value_or(OverlayCells{});
  setDiffClasses(cells, keepA, keepB);
  OverlayStyle style = style_;
  style.mode = OverlayMode::Diff;
  setOverlay(std::move(cells), style);
}

void FrameView::updateLegend() {
  const bool score = cells_ && style_.mode == OverlayMode::Score;
  const bool diff = cells_ && style_.mode == OverlayMode::Diff;
  legend_->setContent(diff ? OverlayLegend::Content::Diff : OverlayLegend::Content::Score);
  legend_->setColourMap(style_.colourMap);
  if (cells_) {
    legend_->setRange(cells_->scoreLow, cells_->scoreHigh);
    legend_->setPerFrame(cells_->normalisation == ScoreNormalisation::PerFrame);
  }
  legend_->setVisible(score || diff);
  placeLegend();
}

void FrameView::resizeEvent(QResizeEvent* event) {
  QOpenGLWidget::resizeEvent(event);
  placeLegend();
  applyViewTransform(zoom_, pan_);
}

void FrameView::changeEvent(QEvent* event) {
  QOpenGLWidget::changeEvent(event);
  // The legend's title is translated: its width follows, once the legend has the new text.
  if (event->type() == QEvent::LanguageChange) {
    QMetaObject::invokeMethod(this, &FrameView::placeLegend, Qt::QueuedConnection);
  }
}

void FrameView::placeLegend() {
  // Its title sets its width; a view narrower than that gets an elided title instead.
  legend_->resize(std::min(legend_->sizeHint().width(), std::max(0, width() - 2 * kLegendMargin)),
                  legend_->sizeHint().height());
  legend_->move(width() - legend_->width() - kLegendMargin,
                height() - legend_->height() - kLegendMargin);
}

void FrameView::setPlaceholderText(const QString& text) {
  placeholderText_ = text;
  updateMessage();
}

void FrameView::setGraphicsError(const QString& error) {
  if (error == graphicsError_) return;
  graphicsError_ = error;
  // Called from paintGL too; changing a child widget there would re-enter painting.
  QMetaObject::invokeMethod(this, &FrameView::updateMessage, Qt::QueuedConnection);
}

void FrameView::updateMessage() {
  const QString text = !graphicsError_.isEmpty() ? graphicsError_
                       : frame_                  ? QString()
                       : !sourceSize_.isEmpty()  ? tr("Decoding this frame…")
                                                 : placeholderText_;
  messageLabel_->setText(text);
  messageLabel_->setVisible(!text.isEmpty());
}

void FrameView::initializeGL() {
  initializeOpenGLFunctions();
  // A reparented QOpenGLWidget gets a new context; free ours with the old one.
  connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, [this] {
    makeCurrent();
    releaseGlResources();
    doneCurrent();
  });
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &maxTextureSize_);
  setGraphicsError(QString());
  if (buildProgram()) createQuad();
}

bool FrameView::buildProgram() {
  const bool canUseModern =
      !context()->isOpenGLES() && context()->format().version() >= qMakePair(3, 3);
  if (canUseModern && tryBuildProgram(true)) return true;
  if (tryBuildProgram(false)) return true;
  setGraphicsError(tr("The graphics driver could not compile the frame shader."));
  qWarning("FrameView: %s", qPrintable(program_ ? program_->log() : QString()));
  program_.reset();
  return false;
}

bool FrameView::tryBuildProgram(bool modernDialect) {
  const QByteArray vertexBody = readResource(QStringLiteral(":/shaders/frame.vert"));
  const QByteArray fragmentBody = readResource(QStringLiteral(":/shaders/frame.frag"));
  const QByteArray vertex =
      QByteArray(modernDialect ? kVertexPrelude330 : kVertexPrelude120) + vertexBody;
  const QByteArray fragment =
      QByteArray(modernDialect ? kFragmentPrelude330 : kFragmentPrelude120) + fragmentBody;

  program_ = std::make_unique<QOpenGLShaderProgram>();
  if (!program_->addShaderFromSourceCode(QOpenGLShader::Vertex, vertex) ||
      !program_->addShaderFromSourceCode(QOpenGLShader::Fragment, fragment)) {
    return false;
  }
  program_->bindAttributeLocation("a_position", kPositionLocation);
  program_->bindAttributeLocation("a_texCoord", kTexCoordLocation);
  if (!program_->link()) return false;
  shaderDialect_ = modernDialect ? QStringLiteral("330 core") : QStringLiteral("120");
  return true;
}

void FrameView::createQuad() {
  // Triangle strip over the unit quad; texture row 0 is the top of the image, so the quad's top
  // edge (y = +1) samples t = 0 and no CPU-side flip is needed.
  static constexpr std::array<float, 16> kQuad = {
      -1.f, -1.f, 0.f, 1.f,  //
      1.f,  -1.f, 1.f, 1.f,  //
      -1.f, 1.f,  0.f, 0.f,  //
      1.f,  1.f,  1.f, 0.f,
  };
  quadArray_.create();  // a core profile requires a VAO; elsewhere it is merely harmless
  QOpenGLVertexArrayObject::Binder arrayBinder(&quadArray_);
  quadBuffer_.create();
  quadBuffer_.bind();
  quadBuffer_.allocate(kQuad.data(), int(kQuad.size() * sizeof(float)));
  program_->bind();
  program_->enableAttributeArray(kPositionLocation);
  program_->enableAttributeArray(kTexCoordLocation);
  program_->setAttributeBuffer(kPositionLocation, GL_FLOAT, 0, 2, 4 * sizeof(float));
  program_->setAttributeBuffer(kTexCoordLocation, GL_FLOAT, 2 * sizeof(float), 2,
                               4 * sizeof(float));
  program_->release();
  quadBuffer_.release();
}

void FrameView::uploadFrameIfChanged() {
  if (frame_.get() == uploadedFrame_) return;
  uploadedFrame_ = frame_.get();
  if (!frame_ || frame_->width <= 0 || frame_->height <= 0 ||
      frame_->pixels.size() < size_t(frame_->width) * frame_->height * 3) {
    texture_.reset();
    return;
  }
  if (frame_->width > maxTextureSize_ || frame_->height > maxTextureSize_) {
    texture_.reset();
    setGraphicsError(tr("This frame (%1 × %2) is larger than the graphics driver can show.")
                         .arg(frame_->width)
                         .arg(frame_->height));
    return;
  }
  setGraphicsError(QString());
  if (!texture_ || texture_->width() != frame_->width || texture_->height() != frame_->height) {
    texture_ = std::make_unique<QOpenGLTexture>(QOpenGLTexture::Target2D);
    texture_->setSize(frame_->width, frame_->height);
    texture_->setFormat(QOpenGLTexture::RGB8_UNorm);
    texture_->setMipLevels(1);
    texture_->allocateStorage(QOpenGLTexture::RGB, QOpenGLTexture::UInt8);
    texture_->setMinMagFilters(QOpenGLTexture::Linear, QOpenGLTexture::Linear);
    texture_->setWrapMode(QOpenGLTexture::ClampToEdge);
  }
  // Rows of tightly packed RGB24 are 3 * width bytes: not 4-aligned for most odd widths.
  QOpenGLPixelTransferOptions transfer;
  transfer.setAlignment(1);
  texture_->setData(QOpenGLTexture::RGB, QOpenGLTexture::UInt8, frame_->pixels.data(), &transfer);
}

void FrameView::uploadOverlayIfChanged() {
  if (!cells_ || style_.mode == OverlayMode::Off) return;
  if (!cellTexture_) {
    cellTexture_ = std::make_unique<QOpenGLTexture>(QOpenGLTexture::Target2D);
    cellTexture_->setSize(stts::kCellGrid, stts::kCellGrid);
    cellTexture_->setFormat(QOpenGLTexture::RGBA8_UNorm);
    cellTexture_->setMipLevels(1);
    cellTexture_->allocateStorage(QOpenGLTexture::RGBA, QOpenGLTexture::UInt8);
    // Nearest: each cell is one flat block, edges exactly on the grid (design.md §8).
    cellTexture_->setMinMagFilters(QOpenGLTexture::Nearest, QOpenGLTexture::Nearest);
    cellTexture_->setWrapMode(QOpenGLTexture::ClampToEdge);
    cellsDirty_ = true;
  }
  if (cellsDirty_) {
    std::array<uint8_t, stts::kCellsPerFrame * 4> texels{};
    for (size_t i = 0; i < size_t(stts::kCellsPerFrame); ++i) {
      texels[i * 4 + 0] = cells_->level[i];
      texels[i * 4 + 1] = cells_->kept[i] ? 255 : 0;
      texels[i * 4 + 2] = uint8_t(std::min<int>(cells_->diff[i], 3) * 85);
      texels[i * 4 + 3] = 255;
    }
    cellTexture_->setData(QOpenGLTexture::RGBA, QOpenGLTexture::UInt8, texels.data());
    cellsDirty_ = false;
  }
  if (!colourMapTexture_) {
    colourMapTexture_ = std::make_unique<QOpenGLTexture>(QOpenGLTexture::Target2D);
    colourMapTexture_->setSize(kColourMapSize, 1);
    colourMapTexture_->setFormat(QOpenGLTexture::RGBA8_UNorm);
    colourMapTexture_->setMipLevels(1);
    colourMapTexture_->allocateStorage(QOpenGLTexture::RGBA, QOpenGLTexture::UInt8);
    colourMapTexture_->setMinMagFilters(QOpenGLTexture::Nearest, QOpenGLTexture::Nearest);
    colourMapTexture_->setWrapMode(QOpenGLTexture::ClampToEdge);
    uploadedColourMap_ = -1;
  }
  if (uploadedColourMap_ != int(style_.colourMap)) {
    const ColourTable& table = colourTable(style_.colourMap);
    std::array<uint8_t, kColourMapSize * 4> texels{};
    for (size_t i = 0; i < table.size(); ++i) {
      texels[i * 4 + 0] = uint8_t(qRed(table[i]));
      texels[i * 4 + 1] = uint8_t(qGreen(table[i]));
      texels[i * 4 + 2] = uint8_t(qBlue(table[i]));
      texels[i * 4 + 3] = 255;
    }
    colourMapTexture_->setData(QOpenGLTexture::RGBA, QOpenGLTexture::UInt8, texels.data());
    uploadedColourMap_ = int(style_.colourMap);
  }
}

namespace {

QVector3D toVector(QRgb colour) {
  return {qRed(colour) / 255.0f, qGreen(colour) / 255.0f, qBlue(colour) / 255.0f};
}

float modeUniform(OverlayMode mode) {
  switch (mode) {
    case OverlayMode::Off:
      return 0.0f;
    case OverlayMode::Mask:
      return 1.0f;
    case OverlayMode::Score:
      return 2.0f;
    case OverlayMode::Diff:
      return 3.0f;
  }
  return 0.0f;
}

}  // namespace

void FrameView::bindOverlay() {
  const bool active =
      cells_ && style_.mode != OverlayMode::Off && cellTexture_ && colourMapTexture_;
  program_->setUniformValue("u_overlayMode", active ? modeUniform(style_.mode) : 0.0f);
  program_->setUniformValue("u_opacity", std::clamp(style_.opacity, 0.0f, 1.0f));
  program_->setUniformValue("u_droppedDim", kDroppedCellDim);
  program_->setUniformValue("u_hatch", style_.maskStyle == MaskStyle::Hatch ? 1.0f : 0.0f);
  program_->setUniformValue("u_hatchPeriod", float(kHatchPeriod));
  program_->setUniformValue("u_hatchWidth", float(kHatchLineWidth));
  program_->setUniformValue("u_hatchDim", kHatchLineDim);
  program_->setUniformValue("u_grid", style_.showGrid ? 1.0f : 0.0f);
  program_->setUniformValue("u_gridColour", toVector(kGridColour));
  program_->setUniformValue("u_gridAlpha", kGridAlpha);
  program_->setUniformValue("u_brightness",
                            std::clamp(style_.brightness, kMinBrightness, kMaxBrightness));
  program_->setUniformValue("u_contrast", std::clamp(style_.contrast, kMinContrast, kMaxContrast));
  program_->setUniformValue("u_diffBoth", toVector(kDiffBothColour));
  program_->setUniformValue("u_diffOnlyA", toVector(kDiffOnlyAColour));
  program_->setUniformValue("u_diffOnlyB", toVector(kDiffOnlyBColour));
  const QRectF rect = frameRect();
  const double ratio = devicePixelRatioF();
  program_->setUniformValue("u_frameSize",
                            QVector2D(float(rect.width() * ratio), float(rect.height() * ratio)));
  program_->setUniformValue("u_cells", kCellUnit);
  program_->setUniformValue("u_colourMap", kColourMapUnit);
  if (!active) return;
  cellTexture_->bind(kCellUnit);
  colourMapTexture_->bind(kColourMapUnit);
}

void FrameView::paintGL() {
  // Every change of zoom, size or picture ends in a paint: report the readout from here.
  if (const int percent = frame_ ? zoomPercent() : 0; percent != shownZoomPercent_) {
    shownZoomPercent_ = percent;
    emit zoomPercentChanged(percent);
  }
  const QColor background = backgroundColor();
  glClearColor(background.redF(), background.greenF(), background.blueF(), 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  if (!program_) return;
  uploadFrameIfChanged();
  if (!texture_) return;
  uploadOverlayIfChanged();
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_BLEND);
  program_->bind();
  program_->setUniformValue("u_transform", frameTransform());
  program_->setUniformValue("u_frame", kFrameUnit);
  bindOverlay();
  texture_->bind(kFrameUnit);
  {
    QOpenGLVertexArrayObject::Binder arrayBinder(&quadArray_);
    if (!quadArray_.isCreated()) {
      // Without VAO support the attribute state is not captured; set it up per draw.
      quadBuffer_.bind();
      program_->enableAttributeArray(kPositionLocation);
      program_->enableAttributeArray(kTexCoordLocation);
      program_->setAttributeBuffer(kPositionLocation, GL_FLOAT, 0, 2, 4 * sizeof(float));
      program_->setAttributeBuffer(kTexCoordLocation, GL_FLOAT, 2 * sizeof(float), 2,
                                   4 * sizeof(float));
    }
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  }
  texture_->release(kFrameUnit);
  if (cellTexture_) cellTexture_->release(kCellUnit);
  if (colourMapTexture_) colourMapTexture_->release(kColourMapUnit);
  glActiveTexture(GL_TEXTURE0);
  program_->release();
}

void FrameView::releaseGlResources() {
  texture_.reset();
  cellTexture_.reset();
  colourMapTexture_.reset();
  uploadedColourMap_ = -1;
  cellsDirty_ = true;
  program_.reset();
  if (quadBuffer_.isCreated()) quadBuffer_.destroy();
  if (quadArray_.isCreated()) quadArray_.destroy();
  uploadedFrame_ = nullptr;
}

}  // namespace stts::ui
