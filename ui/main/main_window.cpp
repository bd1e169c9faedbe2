#include "main/main_window.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMimeData>
#include <QProgressBar>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

#include "actions/action_icons.h"
#include "actions/action_registry.h"
#include "actions/key_bindings.h"
#include "common/engine_error.h"
#include "compare/compare_controller.h"
#include "eval/eval_controller.h"
#include "export/export_controller.h"
#include "export/export_naming.h"
#if STTS_UI_HAVE_MODEL
#include "ask/ask_panel.h"
#endif
#include "common/folders.h"
#include "common/message_bar.h"
#include "common/recent_files.h"
#include "common/settings.h"
#include "common/time_format.h"
#include "media/frame_fill_indicator.h"
#include "media/frame_navigator.h"
#include "media/open_content.h"
#include "media/run_loading.h"
#include "panels/run_panels.h"
#include "stts/runfile.h"
#include "timeline/frame_marks.h"
#include "timeline/playback_controller.h"
#include "timeline/thumbnail_strip.h"
#include "timeline/timeline.h"
#include "view/frame_view.h"
#include "view/overlay_legend.h"
#include "view/overlay_state.h"
#include "view/view_controller.h"

namespace stts::ui {

namespace {

const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");

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
  overlay_ = new OverlayState(this);
  content_ = new OpenContent(this);

  buildCentralArea();
  buildMenus();
  buildToolBar();
  buildStatusBar();
  buildAskPanel();
  // The window's own parts follow new content first; the controllers below connect after it.
  connect(content_, &OpenContent::changed, this, &MainWindow::onContentChanged);
  // Before restoreWindowState(): the docks are in the state.
  runPanels_ = new RunPanels({content_, askPanel_, messageBar_, statusBar(), panelsMenu_,
                              actions_->action(ActionId::FitScorer), navigator_},
                             this);
  exportController_ = new ExportController(
      {content_, actions_, navigator_, overlay_, messageBar_, statusBar()}, this);
  compareController_ = new CompareController(content_, navigator_, actions_, this);
  evalController_ = new EvalController(actions_, this);
  connect(evalController_, &EvalController::runRequested, this, [this](const QString& path) {
    openRun(path);
    raise();
    activateWindow();
  });
  keyBindings_ = new KeyBindings(actions_, this);  // saved keys, before texts that show them
  connectParts();
  // After connectParts: it adjusts what those draw.
  playback_ = new PlaybackController(
      {content_, navigator_, frameView_, timeline_, thumbnails_, overlay_, actions_, statusBar()},
      this);
  // Zoom, grid, hover, Display dock; before restoreWindowState().
  viewController_ =
      new ViewController({content_, navigator_, frameView_, overlay_, actions_, panelsMenu_}, this);
  connect(content_, &OpenContent::changed, this, &MainWindow::contentChanged);  // after them all
  retranslate();
  updateNavigationEnabled();
  restoreWindowState();
  // The keyboard starts on the picture, not in the first text field (the model folder): the
  // playback keys then work from the first key press.
  frameView_->setFocus(Qt::OtherFocusReason);
}

MainWindow::~MainWindow() = default;

const LoadedVideoPtr& MainWindow::video() const {
  return content_->video();
}

const LoadedRunPtr& MainWindow::run() const {
  return content_->run();
}

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
  thumbnails_ = new ThumbnailStrip(central);
  thumbnails_->setObjectName(QStringLiteral("thumbnailStrip"));

  layout->addWidget(messageBar_);
  layout->addWidget(frameView_, 1);
  layout->addWidget(timeline_);
  layout->addWidget(thumbnails_);
  setCentralWidget(central);
}

void MainWindow::buildAskPanel() {
  QAction* save = actions_->action(ActionId::SaveRun);
  save->setEnabled(false);
  connect(save, &QAction::triggered, this, &MainWindow::showSaveRunDialog);
  QAction* choose = actions_->action(ActionId::ChooseModel);
  QAction* ask = actions_->action(ActionId::RunQuestion);
  QAction* cancel = actions_->action(ActionId::CancelQuestion);
  cancel->setEnabled(false);
#if STTS_UI_HAVE_MODEL
  askPanel_ = new AskPanel(this);
  addDockWidget(Qt::RightDockWidgetArea, askPanel_);
  panelsMenu_->addAction(askPanel_->toggleViewAction());
  viewMenu_->addSeparator();
  for (QAction* action : {choose, ask, cancel}) viewMenu_->addAction(action);
  connect(choose, &QAction::triggered, askPanel_, [this] {
    askPanel_->show();
    askPanel_->chooseModelFolder();
  });
  connect(ask, &QAction::triggered, askPanel_, [this] {
    askPanel_->show();
    askPanel_->runQuestion();
  });
  connect(cancel, &QAction::triggered, askPanel_, &AskPanel::cancelQuestion);
  connect(askPanel_, &AskPanel::runningChanged, this, [ask, cancel](bool running) {
    ask->setEnabled(!running);
    cancel->setEnabled(running);
  });
  connect(askPanel_, &AskPanel::runFinished, this, [this](LoadedRunPtr run) {
    displayRun(std::move(run));
    statusBar()->showMessage(
        tr("The answer is ready; save the run with %1.")
            .arg(
                actions_->action(ActionId::SaveRun)->shortcut().toString(QKeySequence::NativeText)),
        8000);
  });
  // An Ask error ("Choose a model folder first", an engine failure) goes when the user changes
  // what it was about or starts another run.
  const QString askTopic = QStringLiteral("ask");
  connect(askPanel_, &AskPanel::runFailed, this,
          [this, askTopic](const QString& message) { messageBar_->showError(message, askTopic); });
  connect(askPanel_, &AskPanel::inputsChanged, this,
          [this, askTopic] { messageBar_->dismiss(askTopic); });
  connect(askPanel_, &AskPanel::runningChanged, this, [this, askTopic](bool running) {
    if (running) messageBar_->dismiss(askTopic);
  });
#else
  // Built without the model engine: nothing can answer a question.
  for (QAction* action : {choose, ask, cancel}) action->setVisible(false);
  for (QAction* action : {choose, ask}) action->setEnabled(false);
#endif
}

void MainWindow::connectParts() {
  connect(actions_->action(ActionId::OpenVideo), &QAction::triggered, this,
          &MainWindow::showOpenDialog);
  connect(actions_->action(ActionId::OpenRun), &QAction::triggered, this,
          &MainWindow::showOpenRunDialog);
  connect(actions_->action(ActionId::CycleOverlay), &QAction::triggered, this, [this] {
    overlay_->cycleMode();
    showOverlayStatus();
  });
  connect(actions_->action(ActionId::IncreaseOverlayOpacity), &QAction::triggered, this, [this] {
    overlay_->increaseOpacity();
    showOverlayStatus();
  });
  connect(actions_->action(ActionId::DecreaseOverlayOpacity), &QAction::triggered, this, [this] {
    overlay_->decreaseOpacity();
    showOverlayStatus();
  });
  connect(overlay_, &OverlayState::changed, this, &MainWindow::applyOverlay);
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
  connect(recentFilesMenu_, &RecentFilesMenu::fileChosen, this, &MainWindow::openPath);

  connect(loader_, &VideoLoader::started, this, &MainWindow::onLoadStarted);
  connect(loader_, &VideoLoader::loaded, this, &MainWindow::onLoaded);
  connect(loader_, &VideoLoader::failed, this, &MainWindow::onLoadFailed);
  connect(loader_, &VideoLoader::runLoaded, this, &MainWindow::onRunLoaded);
  connect(loader_, &VideoLoader::runFailed, this, &MainWindow::onRunLoadFailed);
  connect(loader_, &VideoLoader::busyChanged, this, &MainWindow::onBusyChanged);
}

void MainWindow::retranslate() {
  actions_->retranslate();
  fileMenu_->setTitle(tr("&File"));
  playbackMenu_->setTitle(tr("&Playback"));
  viewMenu_->setTitle(tr("&View"));
  colourMapMenu_->setTitle(tr("Colour &Map"));
  panelsMenu_->setTitle(tr("&Panels"));
  toolsMenu_->setTitle(tr("&Tools"));
  helpMenu_->setTitle(tr("&Help"));
  for (QAction* choice : colourMapMenu_->actions()) {
    const auto map = ColourMap(choice->data().toInt());
    choice->setText(colourMapDisplayName(map));
    choice->setChecked(map == overlay_->colourMap());
  }
  toolBar_->setWindowTitle(tr("Transport"));
  frameView_->setAccessibleName(tr("Video frame"));
  timeline_->setAccessibleName(tr("Timeline of sampled frames"));
  busyIndicator_->setAccessibleName(tr("Loading"));
  const QString openKeys =
      actions_->action(ActionId::OpenVideo)->shortcut().toString(QKeySequence::NativeText);
  const QString runKeys =
      actions_->action(ActionId::OpenRun)->shortcut().toString(QKeySequence::NativeText);
  frameView_->setPlaceholderText(
      tr("Open a video (%1) or a run (%2), or drop a video or run file here.")
          .arg(openKeys, runKeys));
  videoInfoLabel_->setText(videoSummary());
  runInfoLabel_->setText(runSummary());
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

void MainWindow::openRun(const QString& path) {
  if (path.isEmpty()) return;
  loader_->loadRun(QFileInfo(path).absoluteFilePath());
}

void MainWindow::openPath(const QString& path) {
  if (isRunFilePath(path)) {
    openRun(path);
  } else {
    openVideo(path);
  }
}

QString MainWindow::chooseFile(const QString& title, const QString& filter, FolderKind kind) {
  const QString path = QFileDialog::getOpenFileName(this, title, startFolder(kind), filter);
  rememberFolder(kind, path);
  return path;
}

void MainWindow::showOpenDialog() {
  openVideo(chooseFile(
      tr("Open Video"),
      tr("Videos (*.mp4 *.m4v *.mov *.mkv *.webm *.avi *.mpg *.mpeg *.ts *.gif);;All files (*)"),
      FolderKind::Videos));
}

void MainWindow::showOpenRunDialog() {
  openRun(chooseFile(tr("Open Run"), tr("STTS runs (*.sttsrun);;All files (*)"), FolderKind::Runs));
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
  timeline_->clearKeepCounts();
  overlay_->setRun(nullptr);
  const QString path = video->path;
  content_->show(std::move(video), nullptr);
  recentFilesMenu_->add(path);
  statusBar()->showMessage(tr("Opened %1").arg(QFileInfo(path).fileName()), 5000);
  emit videoLoaded(path);
}

void MainWindow::onRunLoaded(LoadedRunPtr run) {
  const LoadedRunPtr opened = run;
  displayRun(std::move(run));
  recentFilesMenu_->add(opened->path);
  const QString name = QFileInfo(opened->path).fileName();
  if (opened->usesStoredFrames) {
    statusBar()->showMessage(tr("Opened %1: %2, so the frames stored in the run are shown.")
                                 .arg(name, opened->videoProblem));
  } else if (!opened->videoProblem.isEmpty()) {
    statusBar()->showMessage(tr("Opened %1, but %2: the cells may not match the pictures.")
                                 .arg(name, opened->videoProblem));
  } else {
    statusBar()->showMessage(tr("Opened %1").arg(name), 5000);
  }
  emit runLoaded(opened->path);
}

void MainWindow::displayRun(LoadedRunPtr run) {
  const stts::RunResult& result = *run->run;
  MethodFrameMarks marks = methodFrameMarks(result);
  timeline_->setKeepCounts(std::vector<int>(result.keptPerFrame.begin(), result.keptPerFrame.end()),
                           stts::kCellsPerFrame, std::move(marks.forced));
  timeline_->setReferenceFrames(std::move(marks.references));
  overlay_->setRun(run->run);
  LoadedVideoPtr frames = run->video;
  content_->show(std::move(frames), std::move(run));
}

void MainWindow::showSaveRunDialog() {
  if (!content_->run()) return;
  const QString path = QFileDialog::getSaveFileName(this, tr("Save Run"), suggestedRunPath(),
                                                    tr("STTS runs (*.sttsrun);;All files (*)"));
  if (path.isEmpty()) return;
  rememberFolder(FolderKind::Runs, path);
  saveRun(path);
}

// A run that has a file is saved over it by default; a new one gets a name that says what it is
// (video, method, keep) and clashes with no run already in the folder.
QString MainWindow::suggestedRunPath() const {
  const LoadedRunPtr& run = content_->run();
  if (!run) return {};
  if (!run->path.isEmpty()) return run->path;
  const stts::RunRequest& request = run->run->request;
  const QString stem =
      withMethodTag(videoFileStem(content_->video() ? content_->video()->path : QString()),
                    QString::fromStdString(request.method), request.keepRatio);
  return uniqueFilePath(startFolder(FolderKind::Runs),
                        stem + QString::fromLatin1(stts::kRunFileExtension.data(),
                                                   qsizetype(stts::kRunFileExtension.size())));
}

bool MainWindow::saveRun(const QString& path) {
  const LoadedRunPtr& run = content_->run();
  if (!run) return false;
  const QString absolute = QFileInfo(path).absoluteFilePath();
  auto saved = stts::saveRunFile(QFile::encodeName(absolute).toStdString(), *run->run);
  if (!saved) {
    messageBar_->showError(
        tr("Could not save the run “%1”: %2")
            .arg(QFileInfo(absolute).fileName(), engineErrorText(saved.error())));
    return false;
  }
  content_->setRunPath(absolute);
  recentFilesMenu_->add(absolute);
  updateTitle();
  statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(absolute).fileName()), 5000);
  return true;
}

void MainWindow::onContentChanged() {
  const LoadedVideoPtr& video = content_->video();
  const LoadedRunPtr& run = content_->run();
  messageBar_->dismiss();
  frameView_->setDisplayAspect(video->displayAspect);
  // The store decodes the pictures after the window shows the video; a frame arriving for the
  // sample on screen replaces the "decoding" state (never a raw frame stepped to meanwhile).
  if (storeConnection_) disconnect(storeConnection_);
  storeConnection_ = connect(video->store.get(), &FrameStore::frameFilled, this, [this](int index) {
    const LoadedVideoPtr& shown = content_->video();
    if (index == navigator_->currentIndex() && !frameView_->frame() && shown) {
      frameView_->setFrame(shown->store->display(index), shown->store->sourceSize());
    }
  });
  video->store->start();
  frameFill_->follow(video);

  std::vector<stts::SamplePoint> points;
  points.reserve(video->points.size());
  points = video->points;
  timeline_->setSamples(std::move(points), video->info.duration);

  navigator_->reset(static_cast<int>(video->points.size()), video->sampledFramesPerSecond());
  showSample(navigator_->currentIndex());
  updateNavigationEnabled();
  updateTitle();
  videoInfoLabel_->setText(videoSummary());
  runInfoLabel_->setText(runSummary());
  runInfoLabel_->setVisible(run != nullptr);
  actions_->action(ActionId::SaveRun)->setEnabled(run != nullptr);
#if STTS_UI_HAVE_MODEL
  askPanel_->setVideo(video);
  if (run) {
    askPanel_->suggestModelFolder(
        QFile::decodeName(QByteArray::fromStdString(run->run->request.modelPath)));
  }
#endif
}

void MainWindow::onLoadFailed(const QString& path, const QString& message) {
  // The previous video (if any) stays on screen: a failed open must not cost the user their view.
  // The engine's sentence usually names the full path already; the file name keeps this short.
  const QString text = tr("Could not open “%1”: %2").arg(QFileInfo(path).fileName(), message);
  messageBar_->showError(text);
  statusBar()->showMessage(tr("Could not open %1").arg(QFileInfo(path).fileName()), 10000);
  emit videoLoadFailed(path, message);
}

void MainWindow::onRunLoadFailed(const QString& path, const QString& message) {
  // As for videos: nothing of the broken run is opened and the current view stays.
  messageBar_->showError(
      tr("Could not open the run “%1”: %2").arg(QFileInfo(path).fileName(), message));
  statusBar()->showMessage(tr("Could not open %1").arg(QFileInfo(path).fileName()), 10000);
  emit runLoadFailed(path, message);
}

void MainWindow::applyOverlay() {
  const int index = navigator_->currentIndex();
  // The view shows the legend for these cells (score range used, or the diff classes).
  frameView_->setOverlay(overlay_->cellsForFrame(index), overlay_->style());
  for (QAction* choice : colourMapMenu_->actions()) {
    choice->setChecked(ColourMap(choice->data().toInt()) == overlay_->colourMap());
  }
}

void MainWindow::showOverlayStatus() {
  statusBar()->showMessage(tr("Overlay: %1 · opacity %2 %")
                               .arg(OverlayState::modeDisplayName(overlay_->mode()))
                               .arg(std::lround(overlay_->opacity() * 100.0f)),
                           3000);
}

void MainWindow::showSample(int index) {
  const LoadedVideoPtr& video = content_->video();
  timeline_->setCurrentIndex(index);
  if (!video || index < 0 || index >= static_cast<int>(video->points.size())) {
    frameView_->setFrame(nullptr);
    return;
  }
  frameView_->setFrame(video->store->display(index), video->store->sourceSize());
  video->store->setPlayhead(index);
  applyOverlay();
}

void MainWindow::updateNavigationEnabled() {
  const LoadedVideoPtr& video = content_->video();
  const bool hasFrames = video && !video->points.empty();
  for (ActionId id : {ActionId::PlayPause, ActionId::PreviousSample, ActionId::NextSample,
                      ActionId::FirstSample, ActionId::LastSample}) {
    actions_->action(id)->setEnabled(hasFrames);
  }
}

void MainWindow::updateTitle() {
  const LoadedVideoPtr& video = content_->video();
  const LoadedRunPtr& run = content_->run();
  if (run && !run->path.isEmpty()) {
    setWindowTitle(tr("%1 — STTS Lens").arg(QFileInfo(run->path).fileName()));
  } else if (video) {
    setWindowTitle(tr("%1 — STTS Lens").arg(QFileInfo(video->path).fileName()));
  } else {
    setWindowTitle(tr("STTS Lens"));
  }
}

QString MainWindow::videoSummary() const {
  const LoadedVideoPtr& video = content_->video();
  if (!video) return {};
  const stts::VideoInfo& info = video->info;
  return tr("%1 · %2 × %3 · %4 fps · %5 · %6 sampled frames")
      .arg(QString::fromStdString(info.codec))
      .arg(info.displayWidth)
      .arg(info.displayHeight)
      .arg(QLocale().toString(info.averageFps, 'f', 2))
      .arg(formatTimestamp(info.duration))
      .arg(video->points.size());
}

QString MainWindow::runSummary() const {
  const LoadedRunPtr& run = content_->run();
  if (!run) return {};
  const stts::RunResult& result = *run->run;
  const double percent = result.visionTokensBefore > 0 ? 100.0 * double(result.visionTokensAfter) /
                                                             double(result.visionTokensBefore)
                                                       : 0.0;
  return tr("Vision tokens %1 → %2 (%3 %)")
      .arg(result.visionTokensBefore)
      .arg(result.visionTokensAfter)
      .arg(QLocale().toString(percent, 'f', 1));
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (!firstLocalFile(event->mimeData()).isEmpty()) {
    event->acceptProposedAction();
  } else {
    event->ignore();
  }
}

void MainWindow::dropEvent(QDropEvent* event) {
  if (compareController_->openDroppedRuns(event->mimeData())) {  // several runs: compare them
    event->acceptProposedAction();
    return;
  }
  const QString path = firstLocalFile(event->mimeData());
  if (path.isEmpty()) {
    event->ignore();
    return;
  }
  event->acceptProposedAction();
  if (QFileInfo(path).isDir()) {
    runPanels_->openModelFolder(path);  // a model folder; videos and runs are files
    return;
  }
  openPath(path);
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
