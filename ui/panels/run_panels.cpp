#include "panels/run_panels.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QStatusBar>
#include <QTimer>

#include "charts/timing_panel.h"
#include "common/message_bar.h"
#include "common/model_folder.h"
#include "media/open_content.h"
#include "panels/answer_panel.h"
#include "panels/data_panel.h"
#if STTS_UI_HAVE_MODEL
#include "ask/ask_panel.h"
#endif
#if STTS_UI_HAVE_FIT
#include "fit/fit_dialog.h"
#endif

namespace stts::ui {

RunPanels::RunPanels(const Parts& parts, QMainWindow* window)
    : QObject(window), parts_(parts), window_(window) {
  answer_ = new AnswerPanel(window);
  timing_ = new TimingPanel(window);
  data_ = new DataPanel(parts.navigator, window);

  // Default layout: the run panel and the answer in a full-height right column, timing and data
  // side by side below the frames, the data table closed at first so that the charts get the
  // whole width at 1280 x 800 (View ▸ Panels opens it). No tabs: a tab bar's scroll buttons would
  // take keyboard focus from the window's Space and arrow keys.
  window->setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
  window->setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
  window->addDockWidget(Qt::RightDockWidgetArea, answer_);
#if STTS_UI_HAVE_MODEL
  if (AskPanel* ask = parts.ask) window->splitDockWidget(ask, answer_, Qt::Vertical);
#endif
  window->addDockWidget(Qt::BottomDockWidgetArea, timing_);
  window->addDockWidget(Qt::BottomDockWidgetArea, data_);
  window->splitDockWidget(timing_, data_, Qt::Horizontal);
  window->resizeDocks({timing_, data_}, {3, 2}, Qt::Horizontal);  // the charts need the width
  window->resizeDocks({timing_}, {270}, Qt::Vertical);
  data_->hide();
  // Opened later from View ▸ Panels, the data table would get whatever sliver the layout has
  // left (80 px); give it its share of the bottom row then, once.
  connect(data_->toggleViewAction(), &QAction::toggled, this, [this](bool shown) {
    if (!shown || data_->isFloating()) return;
    QTimer::singleShot(0, this, [this] {
      if (data_->width() < 240 || data_->height() < 160) {
        window_->resizeDocks({timing_, data_}, {3, 2}, Qt::Horizontal);
        window_->resizeDocks({data_}, {270}, Qt::Vertical);
      }
    });
  });
  for (QDockWidget* dock : {static_cast<QDockWidget*>(answer_), static_cast<QDockWidget*>(timing_),
                            static_cast<QDockWidget*>(data_)}) {
    parts.panelsMenu->addAction(dock->toggleViewAction());
  }

  connect(parts.content, &OpenContent::changed, this, &RunPanels::followContent);
#if STTS_UI_HAVE_MODEL
  if (AskPanel* ask = parts.ask) {
    connect(ask, &AskPanel::answerStreamed, this, [this, ask](const QString& text) {
      if (ask->isRunning()) {
        answer_->showStreaming(text, ask->modelFolder());
      } else {
        answer_->setRun(parts_.content->run());  // cancelled or failed: back to the run on screen
      }
    });
  }
#endif

  QAction* fit = parts.fitScorer;
#if STTS_UI_HAVE_FIT
  connect(fit, &QAction::triggered, this, &RunPanels::showFitDialog);
#else
  fit->setEnabled(false);  // this build has no model engine to fit with
#endif
  followContent();
}

void RunPanels::followContent() {
  const LoadedRunPtr& run = parts_.content->run();
  answer_->setRun(run);
  timing_->setRun(run ? run->run : nullptr);
  data_->setContent(parts_.content->video(), run);
}

bool RunPanels::openModelFolder(const QString& dir) {
  const QString name = QDir::toNativeSeparators(dir);
  if (const QString problem = modelFolderProblem(dir); !problem.isEmpty()) {
    parts_.messages->showError(tr("“%1” cannot be used as a model: %2").arg(name, problem));
    return false;
  }
#if STTS_UI_HAVE_MODEL
  if (AskPanel* ask = parts_.ask; ask && !ask->isRunning()) {
    ask->setModelFolder(QFileInfo(dir).absoluteFilePath());
    ask->show();
    ask->raise();
    parts_.status->showMessage(tr("Model folder: %1").arg(name), 5000);
    return true;
  }
  parts_.messages->showError(
      tr("A run is in progress; choose the model “%1” when it has finished.").arg(name));
  return false;
#else
  parts_.messages->showError(
      tr("This build of STTS Lens cannot run models, so “%1” cannot be used.").arg(name));
  return false;
#endif
}

void RunPanels::showFitDialog() {
#if STTS_UI_HAVE_FIT
  if (!fitDialog_) {
    fitDialog_ = new FitDialog(window_);
    connect(fitDialog_, &FitDialog::rerunRequested, this, [this](const QString& dir) {
      AskPanel* ask = parts_.ask;
      if (!ask) return;
      ask->setModelFolder(dir);
      ask->setMethod(QStringLiteral("stts"));
      ask->show();
      ask->runVisionOnly();
    });
  }
  if (!fitDialog_->isRunning()) {
    // The defaults follow what the window shows now: the Ask panel's model, the current video.
    if (AskPanel* ask = parts_.ask; ask && !ask->modelFolder().isEmpty()) {
      fitDialog_->setModelFolder(ask->modelFolder());
    }
    const LoadedVideoPtr& video = parts_.content->video();
    if (video && QFileInfo(video->path).isFile()) fitDialog_->setVideos({video->path});
  }
  fitDialog_->show();
  fitDialog_->raise();
  fitDialog_->activateWindow();
#endif
}

}  // namespace stts::ui
