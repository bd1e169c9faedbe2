#include "main/main_window.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMimeData>
#include <QProgressBar>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

#include "actions/action_icons.h"
#include "actions/action_registry.h"
#include "main/frame_navigator.h"
#include "main/message_bar.h"
#include "main/recent_files.h"
#include "main/settings.h"
#include "timeline/time_format.h"
#include "timeline/timeline.h"
#include "view/frame_view.h"

namespace stts::ui {

namespace {

const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
const QString kLastDirectoryKey = QStringLiteral("window/lastOpenDirectory");

// The first local file among dropped URLs; remote URLs cannot be opened by FFmpeg offline.
QString firstLocalFile(const QMimeData* mime) {
  if (!mime || !mime->hasUrls()) return {};
  for (const QUrl& url : mime->urls()) {
    if (url.isLocalFile()) return url.toLocalFile();
  }
  return {};
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setObjectName(QStringLiteral("mainWindow"));
  setAcceptDrops(true);
  actions_ = new ActionRegistry(this);
  navigator_ = new FrameNavigator(this);
  loader_ = new VideoLoader(this);
  loader_->setSamplingSpec(stts::SamplingSpec{384, 2.0});

  buildCentralArea();
  buildMenus();
  buildToolBar();
  buildStatusBar();
  connectParts();
  retranslate();
  updateNavigationEnabled();
  restoreWindowState();
}

MainWindow::~MainWindow() = default;

bool MainWindow::isLoading() const {
  return loader_->isBusy();
}

void MainWindow::buildCentralArea() {
  auto* central = new QWidget(this);
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(8, 8, 8, 4);
  layout->setSpacing(6);

  messageBar_ = new MessageBar(central);
  frameView_ = new FrameView(central);
  frameView_->setObjectName(QStringLiteral("frameView"));
  timeline_ = new Timeline(central);
  timeline_->setObjectName(QStringLiteral("timeline"));

  layout->addWidget(messageBar_);
  layout->addWidget(frameView_, 1);
  layout->addWidget(timeline_);
  setCentralWidget(central);
}

void MainWindow::buildMenus() {
  fileMenu_ = menuBar()->addMenu(QString());
  fileMenu_->addAction(actions_->action(ActionId::OpenVideo));
  recentFilesMenu_ = new RecentFilesMenu(fileMenu_);
  fileMenu_->addMenu(recentFilesMenu_);
  fileMenu_->addSeparator();
  fileMenu_->addAction(actions_->action(ActionId::Quit));

  playbackMenu_ = menuBar()->addMenu(QString());
  for (ActionId id : {ActionId::PlayPause, ActionId::PreviousSample, ActionId::NextSample,
                      ActionId::FirstSample, ActionId::LastSample}) {
    playbackMenu_->addAction(actions_->action(id));
  }
}

void MainWindow::buildToolBar() {
  toolBar_ = addToolBar(QString());
  toolBar_->setObjectName(QStringLiteral("transportToolBar"));  // saveState() keys on the name
  toolBar_->setMovable(false);
  toolBar_->setIconSize(QSize(20, 20));
  for (ActionId id : {ActionId::OpenVideo, ActionId::FirstSample, ActionId::PreviousSample,
                      ActionId::PlayPause, ActionId::NextSample, ActionId::LastSample}) {
    QAction* action = actions_->action(id);
    toolBar_->addAction(action);
    // Buttons never take focus: Space and the arrows must always reach the window's actions.
    if (QWidget* button = toolBar_->widgetForAction(action)) button->setFocusPolicy(Qt::NoFocus);
    if (id == ActionId::OpenVideo) toolBar_->addSeparator();
  }
  updateActionIcons();
}

void MainWindow::updateActionIcons() {
  const QColor colour = palette().color(QPalette::ButtonText);
  for (const ActionDefinition& row : ActionRegistry::definitions()) {
    actions_->action(row.id)->setIcon(actionIcon(row.id, colour));
  }
  if (navigator_->isPlaying()) actions_->action(ActionId::PlayPause)->setIcon(pauseIcon(colour));
}

void MainWindow::buildStatusBar() {
  busyIndicator_ = new QProgressBar(this);
  busyIndicator_->setObjectName(QStringLiteral("busyIndicator"));
  busyIndicator_->setRange(0, 0);  // indeterminate: the engine reports no progress for sampling
  busyIndicator_->setMaximumWidth(140);
  busyIndicator_->setMaximumHeight(14);
  busyIndicator_->setTextVisible(false);
  busyIndicator_->hide();
  videoInfoLabel_ = new QLabel(this);
  statusBar()->addPermanentWidget(busyIndicator_);
  statusBar()->addPermanentWidget(videoInfoLabel_);
}

void MainWindow::connectParts() {
  connect(actions_->action(ActionId::OpenVideo), &QAction::triggered, this,
          &MainWindow::showOpenDialog);
  connect(actions_->action(ActionId::Quit), &QAction::triggered, this, &QWidget::close);
  connect(actions_->action(ActionId::PlayPause), &QAction::triggered, navigator_,
          &FrameNavigator::togglePlayback);
  connect(actions_->action(ActionId::PreviousSample), &QAction::triggered, navigator_,
          [this] { navigator_->step(-1); });
  connect(actions_->action(ActionId::NextSample), &QAction::triggered, navigator_,
          [this] { navigator_->step(+1); });
  connect(actions_->action(ActionId::FirstSample), &QAction::triggered, navigator_,
          &FrameNavigator::goToFirst);
  connect(actions_->action(ActionId::LastSample), &QAction::triggered, navigator_,
          &FrameNavigator::goToLast);

  connect(navigator_, &FrameNavigator::currentIndexChanged, this, &MainWindow::showSample);
  connect(navigator_, &FrameNavigator::playingChanged, this, &MainWindow::updateActionIcons);
  connect(timeline_, &Timeline::sampleRequested, navigator_, &FrameNavigator::setCurrentIndex);
  connect(recentFilesMenu_, &RecentFilesMenu::fileChosen, this, &MainWindow::openVideo);

  connect(loader_, &VideoLoader::started, this, &MainWindow::onLoadStarted);
  connect(loader_, &VideoLoader::loaded, this, &MainWindow::onLoaded);
  connect(loader_, &VideoLoader::failed, this, &MainWindow::onLoadFailed);
  connect(loader_, &VideoLoader::busyChanged, this, &MainWindow::onBusyChanged);
}

void MainWindow::retranslate() {
  actions_->retranslate();
  fileMenu_->setTitle(tr("&File"));
  playbackMenu_->setTitle(tr("&Playback"));
  toolBar_->setWindowTitle(tr("Transport"));
  frameView_->setAccessibleName(tr("Video frame"));
  timeline_->setAccessibleName(tr("Timeline of sampled frames"));
  busyIndicator_->setAccessibleName(tr("Loading"));
  const QString openKeys =
      actions_->action(ActionId::OpenVideo)->shortcut().toString(QKeySequence::NativeText);
  frameView_->setPlaceholderText(tr("Open a video (%1) or drop a video file here.").arg(openKeys));
  videoInfoLabel_->setText(videoSummary());
  updateTitle();
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  if (event->type() == QEvent::PaletteChange && toolBar_) updateActionIcons();
  QMainWindow::changeEvent(event);
}

void MainWindow::openVideo(const QString& path) {
  if (path.isEmpty()) return;
  // Absolute from here on: messages, the recent list and the title then agree on one name.
  loader_->load(QFileInfo(path).absoluteFilePath());
}

void MainWindow::showOpenDialog() {
  auto settings = appSettings();
  const QString startDirectory = settings->value(kLastDirectoryKey, QDir::homePath()).toString();
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open Video"), startDirectory,
      tr("Videos (*.mp4 *.m4v *.mov *.mkv *.webm *.avi *.mpg *.mpeg *.ts *.gif);;All files (*)"));
  if (path.isEmpty()) return;
  settings->setValue(kLastDirectoryKey, QFileInfo(path).absolutePath());
  openVideo(path);
}

void MainWindow::onLoadStarted(const QString& path) {
  navigator_->setPlaying(false);
  statusBar()->showMessage(tr("Opening %1…").arg(QFileInfo(path).fileName()));
}

void MainWindow::onBusyChanged(bool busy) {
  busyIndicator_->setVisible(busy);
  if (busy) {
    setCursor(Qt::BusyCursor);  // busy, not wait: the window keeps answering input
  } else {
    unsetCursor();
  }
}

void MainWindow::onLoaded(LoadedVideoPtr video) {
  video_ = std::move(video);
  messageBar_->dismiss();
  recentFilesMenu_->add(video_->path);

  std::vector<stts::SamplePoint> points;
  points.reserve(video_->frames.size());
  for (const stts::SampledFrame& frame : video_->frames) points.push_back(frame.point);
  timeline_->setSamples(std::move(points), video_->info.duration);

  navigator_->reset(static_cast<int>(video_->frames.size()), video_->sampledFramesPerSecond());
  showSample(navigator_->currentIndex());
  updateNavigationEnabled();
  updateTitle();
  videoInfoLabel_->setText(videoSummary());
  statusBar()->showMessage(tr("Opened %1").arg(QFileInfo(video_->path).fileName()), 5000);
  emit videoLoaded(video_->path);
}

void MainWindow::onLoadFailed(const QString& path, const QString& message) {
  // The previous video (if any) stays on screen: a failed open must not cost the user their view.
  // The engine's sentence usually names the full path already; the file name keeps this short.
  const QString text = tr("Could not open “%1”: %2").arg(QFileInfo(path).fileName(), message);
  messageBar_->showError(text);
  statusBar()->showMessage(tr("Could not open %1").arg(QFileInfo(path).fileName()));
  emit videoLoadFailed(path, message);
}

void MainWindow::showSample(int index) {
  timeline_->setCurrentIndex(index);
  if (!video_ || index < 0 || index >= static_cast<int>(video_->frames.size())) {
    frameView_->setFrame(nullptr);
    return;
  }
  frameView_->setFrame(video_->frames[size_t(index)].image);
}

void MainWindow::updateNavigationEnabled() {
  const bool hasFrames = video_ && !video_->frames.empty();
  for (ActionId id : {ActionId::PlayPause, ActionId::PreviousSample, ActionId::NextSample,
                      ActionId::FirstSample, ActionId::LastSample}) {
    actions_->action(id)->setEnabled(hasFrames);
  }
}

void MainWindow::updateTitle() {
  if (video_) {
    setWindowTitle(tr("%1 — STTS Lens").arg(QFileInfo(video_->path).fileName()));
  } else {
    setWindowTitle(tr("STTS Lens"));
  }
}

QString MainWindow::videoSummary() const {
  if (!video_) return {};
  const stts::VideoInfo& info = video_->info;
  return tr("%1 · %2 × %3 · %4 fps · %5 · %6 sampled frames")
      .arg(QString::fromStdString(info.codec))
      .arg(info.displayWidth)
      .arg(info.displayHeight)
      .arg(info.averageFps, 0, 'f', 2)
      .arg(formatTimestamp(info.duration))
      .arg(video_->frames.size());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (!firstLocalFile(event->mimeData()).isEmpty()) {
    event->acceptProposedAction();
  } else {
    event->ignore();
  }
}

void MainWindow::dropEvent(QDropEvent* event) {
  const QString path = firstLocalFile(event->mimeData());
  if (path.isEmpty()) {
    event->ignore();
    return;
  }
  event->acceptProposedAction();
  openVideo(path);
}

void MainWindow::restoreWindowState() {
  auto settings = appSettings();
  const QByteArray geometry = settings->value(kGeometryKey).toByteArray();
  if (geometry.isEmpty() || !restoreGeometry(geometry)) resize(1280, 800);
  restoreState(settings->value(kStateKey).toByteArray());
}

void MainWindow::saveWindowState() const {
  auto settings = appSettings();
  settings->setValue(kGeometryKey, saveGeometry());
  settings->setValue(kStateKey, saveState());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  navigator_->setPlaying(false);
  loader_->cancel();
  saveWindowState();
  QMainWindow::closeEvent(event);
}

}  // namespace stts::ui
