#include "compare/compare_window.h"

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScreen>
#include <QShortcut>
#include <QSplitter>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "actions/action_registry.h"
#include "actions/shortcut_settings.h"
#include "common/engine_error.h"
#include "common/folders.h"
#include "common/message_bar.h"
#include "common/settings.h"
#include "compare/compare_answers.h"
#include "compare/compare_pane.h"
#include "compare/iou_strip.h"
#include "compare/playhead_link.h"
#include "compare/timing_chart.h"
#include "export/export_data.h"
#include "export/export_naming.h"
#include "media/frame_navigator.h"
#include "media/open_content.h"
#include "media/video_loader.h"
#include "timeline/timeline.h"
#include "view/frame_view.h"
#include "view/overlay_legend.h"
#include "view/overlay_state.h"

namespace stts::ui {

namespace {

const QString kCompareGeometryKey = QStringLiteral("compare/geometry");
const QString kSyncPlayheadKey = QStringLiteral("compare/syncPlayhead");

}  // namespace

CompareWindow::CompareWindow(QWidget* parent) : QWidget(parent, Qt::Window) {
  setObjectName(QStringLiteral("compareWindow"));
  actions_ = new ActionRegistry(this);
  navigator_ = new FrameNavigator(this);
  buildLayout();
  connectActions();
  retranslate();
  placeOnScreen();
}

CompareWindow::~CompareWindow() = default;

// Where the user last left a comparison; at first as large as fits (up to 1400 x 900) in the
// middle of the main window's screen, never partly off it.
void CompareWindow::placeOnScreen() {
  if (restoreGeometry(appSettings()->value(kCompareGeometryKey).toByteArray())) return;
  QScreen* screen = parentWidget() ? parentWidget()->screen() : QGuiApplication::primaryScreen();
  const QRect rect =
      initialCompareGeometry(screen ? screen->availableGeometry() : QRect(0, 0, 1400, 900));
  resize(rect.size());
  move(rect.topLeft());
}

QRect initialCompareGeometry(const QRect& available) {
  const QSize size = QSize(1400, 900).boundedTo(available.size() * 0.92);
  return QRect(available.center() - QPoint(size.width() / 2, size.height() / 2), size);
}

void CompareWindow::closeEvent(QCloseEvent* event) {
  appSettings()->setValue(kCompareGeometryKey, saveGeometry());
  QWidget::closeEvent(event);
}

void CompareWindow::followPlayheadOf(FrameNavigator* mainNavigator, OpenContent* mainContent) {
  syncPlayhead_->setVisible(mainNavigator != nullptr);
  if (!mainNavigator) return;
  auto ours = [this]() -> LoadedVideoPtr { return runs_.empty() ? nullptr : runs_.front()->video; };
  auto theirs = [mainContent]() -> LoadedVideoPtr {
    return mainContent ? mainContent->video() : nullptr;
  };
  playheadLink_ = new PlayheadLink(navigator_, ours, mainNavigator, theirs, this);
  playheadLink_->setEnabled(syncPlayhead_->isChecked());
  connect(syncPlayhead_, &QCheckBox::toggled, this, [this](bool on) {
    appSettings()->setValue(kSyncPlayheadKey, on);
    playheadLink_->setEnabled(on);
  });
}

void CompareWindow::buildLayout() {
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(8, 8, 8, 8);
  outer->setSpacing(6);
  messageBar_ = new MessageBar(this);
  outer->addWidget(messageBar_);

  auto* controls = new QHBoxLayout();
  pairLabel_ = new QLabel(this);
  pairFirst_ = new QComboBox(this);
  pairSecond_ = new QComboBox(this);
  for (QComboBox* box : {pairFirst_, pairSecond_}) {
    box->setFocusPolicy(Qt::NoFocus);
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);  // whole run names, never "A · evs 5"
  }
  syncPlayhead_ = new QCheckBox(this);
  syncPlayhead_->setObjectName(QStringLiteral("syncPlayhead"));
  syncPlayhead_->setFocusPolicy(Qt::NoFocus);
  syncPlayhead_->setVisible(false);  // until a main window's playhead is offered
  syncPlayhead_->setChecked(appSettings()->value(kSyncPlayheadKey, false).toBool());
  includeAnswers_ = new QCheckBox(this);
  includeAnswers_->setFocusPolicy(Qt::NoFocus);
  exportButton_ = new QPushButton(this);
  exportButton_->setObjectName(QStringLiteral("exportComparisonButton"));
  exportButton_->setFocusPolicy(Qt::NoFocus);
  statusLabel_ = new QLabel(this);
  statusLabel_->setObjectName(QStringLiteral("compareStatus"));
  // The diff's status line is long; it wraps rather than making the window wider than a screen.
  statusLabel_->setWordWrap(true);
  controls->addWidget(pairLabel_);
  controls->addWidget(pairFirst_);
  controls->addWidget(pairSecond_);
  controls->addSpacing(16);
  controls->addWidget(statusLabel_, 1);
  controls->addWidget(syncPlayhead_);
  controls->addWidget(includeAnswers_);
  controls->addWidget(exportButton_);
  outer->addLayout(controls);

  auto* splitter = new QSplitter(Qt::Vertical, this);
  auto* top = new QWidget(splitter);
  auto* topLayout = new QVBoxLayout(top);
  topLayout->setContentsMargins(0, 0, 0, 0);
  paneGrid_ = new QGridLayout();
  paneGrid_->setSpacing(8);
  topLayout->addLayout(paneGrid_, 1);
  timeline_ = new Timeline(top);
  timeline_->setObjectName(QStringLiteral("compareTimeline"));
  iouStrip_ = new IoUStrip(top);
  iouStrip_->setObjectName(QStringLiteral("iouStrip"));
  iouStrip_->alignTo(timeline_);
  topLayout->addWidget(timeline_);
  topLayout->addWidget(iouStrip_);

  auto* bottom = new QWidget(splitter);
  auto* bottomLayout = new QHBoxLayout(bottom);
  bottomLayout->setContentsMargins(0, 0, 0, 0);
  // Answers can be long (hundreds of tokens): each box scrolls instead of squeezing the panes.
  answers_ = new CompareAnswers(bottom);
  answers_->setObjectName(QStringLiteral("compareAnswers"));
  bottomLayout->addWidget(answers_, 3);
  timingChart_ = new TimingChart(bottom);
  timingChart_->setObjectName(QStringLiteral("timingChart"));
  bottomLayout->addWidget(timingChart_, 2);
  splitter->addWidget(top);
  splitter->addWidget(bottom);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 1);
  outer->addWidget(splitter, 1);

  connect(exportButton_, &QPushButton::clicked, this, &CompareWindow::exportWithDialog);
  connect(includeAnswers_, &QCheckBox::toggled, this, &CompareWindow::setIncludeAnswers);
  auto pairChanged = [this] {
    setDiffPair(pairFirst_->currentIndex(), pairSecond_->currentIndex());
  };
  connect(pairFirst_, &QComboBox::activated, this, pairChanged);
  connect(pairSecond_, &QComboBox::activated, this, pairChanged);
}

void CompareWindow::connectActions() {
  // The window has its own copy of the registry so the same keys work here; only the actions
  // that mean something in a comparison stay enabled.
  const QList<ActionId> used = {ActionId::PlayPause,
                                ActionId::PreviousSample,
                                ActionId::NextSample,
                                ActionId::FirstSample,
                                ActionId::LastSample,
                                ActionId::CycleOverlay,
                                ActionId::ZoomIn,
                                ActionId::ZoomOut,
                                ActionId::ZoomToFit,
                                ActionId::ZoomActualSize,
                                ActionId::IncreaseOverlayOpacity,
                                ActionId::DecreaseOverlayOpacity,
                                ActionId::QuickScreenshot,
                                ActionId::ExportDialog};
  for (const ActionDefinition& row : ActionRegistry::definitions())
    actions_->action(row.id)->setEnabled(used.contains(row.id));
  // The user's own key bindings (Preferences) hold here as in the main window.
  restoreShortcuts(*actions_, *appSettings());
  auto on = [this](ActionId id, auto slot) {
    connect(actions_->action(id), &QAction::triggered, this, slot);
  };
  on(ActionId::PlayPause, [this] { navigator_->togglePlayback(); });
  on(ActionId::PreviousSample, [this] { navigator_->step(-1); });
  on(ActionId::NextSample, [this] { navigator_->step(+1); });
  on(ActionId::FirstSample, [this] { navigator_->goToFirst(); });
  on(ActionId::LastSample, [this] { navigator_->goToLast(); });
  on(ActionId::CycleOverlay, [this] { cycleOverlay(); });
  // Zoom keys act on the first pane; the others follow through viewTransformChanged().
  auto firstView = [this]() -> FrameView* {
    return panes_.empty() ? nullptr : panes_.front()->view();
  };
  on(ActionId::ZoomIn, [firstView] {
    if (FrameView* view = firstView()) view->zoomIn();
  });
  on(ActionId::ZoomOut, [firstView] {
    if (FrameView* view = firstView()) view->zoomOut();
  });
  on(ActionId::ZoomToFit, [firstView] {
    if (FrameView* view = firstView()) view->fitToWindow();
  });
  on(ActionId::ZoomActualSize, [firstView] {
    if (FrameView* view = firstView()) view->zoomActualSize();
  });
  on(ActionId::IncreaseOverlayOpacity, [this] {
    for (OverlayState* overlay : overlays_) overlay->increaseOpacity();
    applyOverlays();
  });
  on(ActionId::DecreaseOverlayOpacity, [this] {
    for (OverlayState* overlay : overlays_) overlay->decreaseOpacity();
    applyOverlays();
  });
  on(ActionId::QuickScreenshot, [this] { quickExport(); });
  on(ActionId::ExportDialog, [this] { exportWithDialog(); });

  connect(navigator_, &FrameNavigator::currentIndexChanged, this, &CompareWindow::showSample);
  // The standard close keys (Ctrl+W, and Esc as for any secondary window).
  for (const QKeySequence& keys :
       {QKeySequence(QKeySequence::Close), QKeySequence(Qt::Key_Escape)}) {
    connect(new QShortcut(keys, this), &QShortcut::activated, this, &QWidget::close);
  }
  connect(timeline_, &Timeline::sampleRequested, navigator_, &FrameNavigator::setCurrentIndex);
}

void CompareWindow::retranslate() {
  actions_->retranslate();
  setWindowTitle(runs_.empty() ? tr("Compare Runs — STTS Lens")
                               : tr("Compare %1 Runs — STTS Lens").arg(runs_.size()));
  pairLabel_->setText(tr("Diff and IoU of:"));
  pairFirst_->setToolTip(tr("First run of the diff and of the IoU strip"));
  pairSecond_->setToolTip(tr("Second run of the diff and of the IoU strip"));
  includeAnswers_->setText(tr("Answers in export"));
  syncPlayhead_->setText(tr("Follow the main window"));
  syncPlayhead_->setToolTip(
      tr("Move the main window's playhead with this one, and this one with it, by time"));
  exportButton_->setText(tr("Export Image… (%1)")
                             .arg(actions_->action(ActionId::ExportDialog)
                                      ->shortcut()
                                      .toString(QKeySequence::NativeText)));
  timeline_->setAccessibleName(tr("Timeline of sampled frames, shared by every pane"));
  timingChart_->setAccessibleName(tr("Time per stage of each run"));
}

void CompareWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

ComparePane* CompareWindow::pane(int index) const {
  return index >= 0 && index < paneCount() ? panes_[size_t(index)] : nullptr;
}

void CompareWindow::openRuns(const QStringList& paths) {
  loaders_.clear();  // cancels and joins any earlier loads
  loading_.assign(size_t(paths.size()), nullptr);
  loadingPaths_ = paths;
  failures_.clear();
  pending_ = int(paths.size());
  if (paths.size() < kMinComparedRuns || paths.size() > kMaxComparedRuns) {
    pending_ = 0;
    refuse(tr("Choose between %1 and %2 runs to compare (%3 given).")
               .arg(kMinComparedRuns)
               .arg(kMaxComparedRuns)
               .arg(paths.size()));
    return;
  }
  statusLabel_->setText(tr("Opening %1 runs…").arg(paths.size()));
  // One loader per run: each works on its own thread, and none supersedes another.
  for (int slot = 0; slot < paths.size(); ++slot) {
    auto loader = std::make_unique<VideoLoader>();
    connect(loader.get(), &VideoLoader::runLoaded, this,
            [this, slot](LoadedRunPtr run) { onRunLoaded(slot, std::move(run)); });
    connect(loader.get(), &VideoLoader::runFailed, this, &CompareWindow::onRunFailed);
    loader->loadRun(QFileInfo(paths[slot]).absoluteFilePath());
    loaders_.push_back(std::move(loader));
  }
}

void CompareWindow::onRunLoaded(int slot, LoadedRunPtr run) {
  loading_[size_t(slot)] = std::move(run);
  if (--pending_ > 0) return;
  if (!failures_.isEmpty()) {
    refuse(failures_.join(QLatin1Char(' ')));
    return;
  }
  setRuns(std::move(loading_));
}

void CompareWindow::onRunFailed(const QString& path, const QString& message) {
  failures_.append(tr("Could not open the run “%1”: %2").arg(QFileInfo(path).fileName(), message));
  if (--pending_ > 0) return;
  refuse(failures_.join(QLatin1Char(' ')));
}

void CompareWindow::refuse(const QString& message) {
  problem_ = message;
  messageBar_->showError(message);
  statusLabel_->setText(tr("Nothing to compare."));
  emit refused(message);
}

bool CompareWindow::setRuns(std::vector<LoadedRunPtr> runs) {
  std::vector<const stts::RunResult*> results;
  QStringList names;
  for (const LoadedRunPtr& run : runs) {
    if (!run || !run->run || !run->video) {
      refuse(tr("A run could not be opened, so there is nothing to compare."));
      return false;
    }
    results.push_back(run->run.get());
    names.append(QFileInfo(run->path).fileName());
  }
  const QString problem = comparisonProblem(results, names);
  if (!problem.isEmpty()) {
    refuse(problem);
    return false;
  }
  problem_.clear();
  messageBar_->dismiss();
  runs_ = std::move(runs);
  // The loaders' threads are done; release them once their signals have returned.
  QMetaObject::invokeMethod(
      this,
      [this] {
        if (pending_ == 0) loaders_.clear();
      },
      Qt::QueuedConnection);
  rebuildPanes();
  QStringList warnings;
  for (size_t i = 0; i < runs_.size(); ++i) {
    if (!runs_[i]->videoProblem.isEmpty())
      warnings.append(tr("%1: %2.").arg(paneLetter(int(i)), runs_[i]->videoProblem));
  }
  statusLabel_->setText(warnings.isEmpty() ? QString() : warnings.join(QLatin1Char(' ')));
  retranslate();
  emit loaded();
  return true;
}

void CompareWindow::rebuildPanes() {
  for (ComparePane* pane : panes_) delete pane;
  for (OverlayState* overlay : overlays_) delete overlay;
  panes_.clear();
  overlays_.clear();

  const int count = int(runs_.size());
  const int columns = count == 4 ? 2 : count;
  for (int c = 0; c < kMaxComparedRuns; ++c) paneGrid_->setColumnStretch(c, c < columns ? 1 : 0);
  for (int r = 0; r < 2; ++r)
    paneGrid_->setRowStretch(r, r < (count + columns - 1) / columns ? 1 : 0);
  std::vector<const stts::RunResult*> results;
  QStringList labels;
  QStringList answerTexts;
  pairFirst_->clear();
  pairSecond_->clear();
  for (int i = 0; i < count; ++i) {
    const LoadedRun& loaded = *runs_[size_t(i)];
    const stts::RunResult& run = *loaded.run;
    results.push_back(&run);
    auto* pane = new ComparePane(this);
    pane->setObjectName(QStringLiteral("comparePane%1").arg(i));
    pane->setHeaderText(paneHeader(run, i));
    pane->header()->setToolTip(paneHeader(run, i) + QLatin1Char('\n') + loaded.path);
    pane->view()->setDisplayAspect(loaded.video->displayAspect);
    // Each run's store fills on its own thread; a picture for the sample on screen is shown as
    // soon as it arrives.
    connect(loaded.video->store.get(), &FrameStore::frameFilled, pane, [this, i](int index) {
      if (index != navigator_->currentIndex() || size_t(i) >= panes_.size()) return;
      FrameView* view = panes_[size_t(i)]->view();
      if (!view->frame()) {
        const FrameStore& store = *runs_[size_t(i)]->video->store;
        view->setFrame(store.display(index), store.sourceSize());
      }
    });
    loaded.video->store->start();
    connect(pane->view(), &FrameView::viewTransformChanged, this, &CompareWindow::followTransform);
    connect(pane->view(), &FrameView::spaceTapped, navigator_, &FrameNavigator::togglePlayback);
    paneGrid_->addWidget(pane, i / columns, i % columns);
    panes_.push_back(pane);
    auto* overlay = new OverlayState(this);
    overlay->setRun(loaded.run);
    overlays_.push_back(overlay);

    answerTexts.append(paneAnswerText(run, i));

    const QString label = QStringLiteral("%1 · %2 %3 %")
                              .arg(paneLetter(i), QString::fromStdString(run.request.method))
                              .arg(QLocale().toString(keptPercent(run), 'f', 0));
    labels.append(label);
    pairFirst_->addItem(label);
    pairSecond_->addItem(label);
    for (QComboBox* box : {pairFirst_, pairSecond_})
      box->setItemData(i, QDir::toNativeSeparators(loaded.path), Qt::ToolTipRole);
  }
  answers_->setAnswers(answerTexts);
  timingChart_->setRuns(labels, stageTable(results));

  const LoadedVideo& video = *runs_.front()->video;
  std::vector<stts::SamplePoint> points;
  points = video.points;
  timeline_->setSamples(std::move(points), video.info.duration);
  timeline_->clearKeepCounts();
  diffFirst_ = 0;
  diffSecond_ = 1;
  pairFirst_->setCurrentIndex(0);
  pairSecond_->setCurrentIndex(1);
  updateIoU();
  setViewTransform(1.0, QPointF());
  navigator_->reset(int(video.points.size()), video.sampledFramesPerSecond());
  showSample(navigator_->currentIndex());
}

void CompareWindow::showSample(int index) {
  timeline_->setCurrentIndex(index);
  iouStrip_->setCurrentIndex(index);
  for (size_t i = 0; i < panes_.size(); ++i) {
    const LoadedVideo& video = *runs_[i]->video;
    const bool valid = index >= 0 && index < int(video.points.size());
    FrameView* view = panes_[i]->view();
    view->setFrame(valid ? video.store->display(index) : nullptr, video.store->sourceSize());
    if (valid) video.store->setPlayhead(index);
    if (valid) {
      view->setFrameInfo(index, int(video.points.size()),
                         video.points[size_t(index)].requestedTime);
    }
  }
  applyOverlays();
}

void CompareWindow::setOverlayMode(OverlayMode mode) {
  mode_ = mode;
  applyOverlays();
}

void CompareWindow::cycleOverlay() {
  setOverlayMode(OverlayMode((int(mode_) + 1) % kOverlayModeCount));
}

void CompareWindow::setDiffPair(int first, int second) {
  const int count = paneCount();
  if (first < 0 || second < 0 || first >= count || second >= count || first == second) {
    // Keep the combo boxes showing the pair in use.
    pairFirst_->setCurrentIndex(diffFirst_);
    pairSecond_->setCurrentIndex(diffSecond_);
    return;
  }
  diffFirst_ = first;
  diffSecond_ = second;
  pairFirst_->setCurrentIndex(first);
  pairSecond_->setCurrentIndex(second);
  updateIoU();
  applyOverlays();
}

void CompareWindow::updateIoU() {
  if (paneCount() < 2) {
    iouStrip_->setValues({}, QString(), QString());
    return;
  }
  iouStrip_->setValues(
      keptIoUPerFrame(*runs_[size_t(diffFirst_)]->run, *runs_[size_t(diffSecond_)]->run),
      paneLetter(diffFirst_), paneLetter(diffSecond_));
}

void CompareWindow::applyOverlays() {
  const int index = navigator_->currentIndex();
  std::optional<DiffCells> diff;
  if (mode_ == OverlayMode::Diff && paneCount() >= 2)
    diff = diffCells(*runs_[size_t(diffFirst_)]->run, *runs_[size_t(diffSecond_)]->run, index);
  for (int i = 0; i < paneCount(); ++i) {
    OverlayState* overlay = overlays_[size_t(i)];
    OverlayStyle style = overlay->style();
    std::optional<OverlayCells> cells = overlay->cellsForFrame(index);
    const bool showsDiff = diff && cells && (i == diffFirst_ || i == diffSecond_);
    // Panes outside the diff pair keep showing their own keep mask.
    style.mode = showsDiff || mode_ != OverlayMode::Diff ? mode_ : OverlayMode::Mask;
    if (showsDiff) cells = diffOverlayCells(*cells, *diff);
    FrameView* view = panes_[size_t(i)]->view();
    view->setOverlay(std::move(cells), style);
    view->legend()->setRunNames(paneLetter(diffFirst_), paneLetter(diffSecond_));
  }
  const QString diffText =
      mode_ == OverlayMode::Diff && paneCount() >= 2
          ? tr(" of %1 and %2 (green: kept by both, orange: only %1, blue: only %2)")
                .arg(paneLetter(diffFirst_), paneLetter(diffSecond_))
          : QString();
  statusLabel_->setText(tr("Overlay: %1%2").arg(OverlayState::modeDisplayName(mode_), diffText));
}

void CompareWindow::setViewTransform(double zoom, QPointF pan) {
  syncingTransform_ = true;
  for (ComparePane* pane : panes_) pane->view()->setViewTransform(zoom, pan);
  syncingTransform_ = false;
  // The views clamp; the first one's result is the shared transform.
  if (!panes_.empty()) {
    zoom_ = panes_.front()->view()->zoom();
    pan_ = panes_.front()->view()->pan();
  }
}

void CompareWindow::followTransform(double zoom, QPointF pan) {
  if (syncingTransform_) return;  // our own setViewTransform() echoing back
  setViewTransform(zoom, pan);
}

void CompareWindow::setIncludeAnswers(bool include) {
  if (includeAnswers_->isChecked() != include) includeAnswers_->setChecked(include);
}

QImage CompareWindow::comparisonImage() const {
  const int index = navigator_->currentIndex();
  if (runs_.empty() || index < 0) return {};
  std::vector<ComparisonPane> panes;
  ComparisonImageOptions options;
  for (int i = 0; i < paneCount(); ++i) {
    const LoadedRun& loaded = *runs_[size_t(i)];
    ComparisonPane pane;
    // An export: the frame at full resolution (the pane may show a smaller drawing copy). For
    // frames larger than the copies this decodes on the UI thread, once per pane and click.
    if (auto image = loaded.video->store->full(index)) pane.frame = *image;
    const stts::VideoInfo& info = loaded.video->info;
    if (info.displayWidth > 0 && info.displayHeight > 0)
      pane.displaySize = QSize(info.displayWidth, info.displayHeight);
    // Exactly what the pane's view shows.
    const FrameView* view = panes_[size_t(i)]->view();
    pane.cells = view->overlayCells();
    pane.mode = view->overlayStyle().mode;
    options.diffLegend = options.diffLegend || pane.mode == OverlayMode::Diff;
    pane.header = paneHeader(*loaded.run, i);
    pane.answer = answers_->answer(i);
    panes.push_back(std::move(pane));
    options.style = overlays_[size_t(i)]->style();
  }
  options.diffNameA = paneLetter(diffFirst_);
  options.diffNameB = paneLetter(diffSecond_);
  options.includeAnswers = includeAnswers_->isChecked();
  options.caption = comparisonCaption(*runs_.front()->video, index);
  return composeComparison(panes, options);
}

QString CompareWindow::suggestedFileName() const {
  return comparisonFileName(runs_, navigator_->currentIndex());
}

bool CompareWindow::exportImage(const QString& path) {
  const QImage image = comparisonImage();
  if (image.isNull()) {
    messageBar_->showError(tr("There is no comparison image to write."));
    return false;
  }
  // Atomic and checked, as every export: never over a device or FIFO, never half a file.
  if (auto written = writeExportImage(image, path); !written) {
    messageBar_->showError(tr("Could not write the comparison image “%1”: %2")
                               .arg(QFileInfo(path).fileName(), engineErrorText(written.error())));
    return false;
  }
  statusLabel_->setText(tr("Saved %1").arg(QFileInfo(path).fileName()));
  return true;
}

void CompareWindow::exportWithDialog() {
  if (runs_.empty()) return;
  const QString start = QDir(exportFolder()).filePath(suggestedFileName());
  const QString path = QFileDialog::getSaveFileName(this, tr("Export Comparison"), start,
                                                    tr("PNG images (*.png);;All files (*)"));
  if (path.isEmpty()) return;
  rememberFolder(FolderKind::Exports, path);
  exportImage(path);
}

// S writes into the export folder (the runs' folder may be a read-only dataset), never over a file.
void CompareWindow::quickExport() {
  if (runs_.empty()) return;
  exportImage(uniqueFilePath(exportFolder(), suggestedFileName()));
}

}  // namespace stts::ui
