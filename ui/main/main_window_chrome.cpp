// The window's chrome: menus, toolbar and status bar, all built from the action registry so a
// rebinding or a new action shows up everywhere at once. Split from main_window.cpp, which wires
// the parts and follows what is shown.
#include <QAction>
#include <QActionGroup>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QStatusBar>
#include <QToolBar>

#include "actions/action_icons.h"
#include "actions/action_registry.h"
#include "common/recent_files.h"
#include "main/main_window.h"

#include "media/frame_fill_indicator.h"
#include "media/frame_navigator.h"
#include "view/colour_maps.h"
#include "view/frame_view.h"
#include "view/overlay_state.h"

namespace stts::ui {

void MainWindow::buildMenus() {
  fileMenu_ = menuBar()->addMenu(QString());
  fileMenu_->addAction(actions_->action(ActionId::OpenVideo));
  fileMenu_->addAction(actions_->action(ActionId::OpenRun));
  recentFilesMenu_ = new RecentFilesMenu(fileMenu_);
  fileMenu_->addMenu(recentFilesMenu_);
  fileMenu_->addAction(actions_->action(ActionId::SaveRun));
  fileMenu_->addSeparator();
  fileMenu_->addAction(actions_->action(ActionId::QuickScreenshot));
  fileMenu_->addAction(actions_->action(ActionId::ExportDialog));
  fileMenu_->addSeparator();
  fileMenu_->addAction(actions_->action(ActionId::Preferences));
  fileMenu_->addSeparator();
  fileMenu_->addAction(actions_->action(ActionId::Quit));

  playbackMenu_ = menuBar()->addMenu(QString());
  for (ActionId id : {ActionId::PlayPause, ActionId::PreviousSample, ActionId::NextSample,
                      ActionId::PreviousRawFrame, ActionId::NextRawFrame, ActionId::BackOneSecond,
                      ActionId::ForwardOneSecond, ActionId::FirstSample, ActionId::LastSample,
                      ActionId::ShuttleReverse, ActionId::ShuttlePause, ActionId::ShuttleForward}) {
    playbackMenu_->addAction(actions_->action(id));
  }

  viewMenu_ = menuBar()->addMenu(QString());
  for (ActionId id :
       {ActionId::CycleOverlay, ActionId::IncreaseOverlayOpacity, ActionId::DecreaseOverlayOpacity,
        ActionId::ToggleCellGrid, ActionId::ScoresPerFrame}) {
    viewMenu_->addAction(actions_->action(id));
  }
  viewMenu_->addSeparator();
  for (ActionId id :
       {ActionId::ZoomIn, ActionId::ZoomOut, ActionId::ZoomToFit, ActionId::ZoomActualSize}) {
    viewMenu_->addAction(actions_->action(id));
  }
  viewMenu_->addSeparator();
  colourMapMenu_ = viewMenu_->addMenu(QString());
  auto* colourMaps = new QActionGroup(colourMapMenu_);
  for (int i = 0; i < kColourMapCount; ++i) {
    QAction* choice = colourMapMenu_->addAction(QString());
    choice->setCheckable(true);
    choice->setData(i);
    colourMaps->addAction(choice);
    connect(choice, &QAction::triggered, overlay_, [this, i] {
      overlay_->setColourMap(ColourMap(i));
      showOverlayStatus();
    });
  }
  // Dock panels add their show/hide toggles here (QDockWidget::toggleViewAction).
  panelsMenu_ = viewMenu_->addMenu(QString());

  toolsMenu_ = menuBar()->addMenu(QString());
  toolsMenu_->addAction(actions_->action(ActionId::CompareRuns));
  toolsMenu_->addAction(actions_->action(ActionId::OpenEvaluation));
  toolsMenu_->addAction(actions_->action(ActionId::FitScorer));

  helpMenu_ = menuBar()->addMenu(QString());
  helpMenu_->addAction(actions_->action(ActionId::ShowHelp));
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
  frameFill_ = new FrameFillIndicator(this);
  videoInfoLabel_ = new QLabel(this);
  runInfoLabel_ = new QLabel(this);
  runInfoLabel_->setObjectName(QStringLiteral("runInfoLabel"));
  runInfoLabel_->setContentsMargins(0, 0, 16, 0);  // apart from the video summary beside it
  runInfoLabel_->hide();
  zoomLabel_ = new QLabel(this);
  zoomLabel_->setObjectName(QStringLiteral("zoomLabel"));
  zoomLabel_->setContentsMargins(0, 0, 12, 0);
  connect(frameView_, &FrameView::zoomPercentChanged, zoomLabel_, [this](int percent) {
    zoomLabel_->setText(percent > 0 ? tr("Zoom %1 %").arg(percent) : QString());
  });
  statusBar()->addPermanentWidget(busyIndicator_);
  statusBar()->addPermanentWidget(frameFill_);
  statusBar()->addPermanentWidget(zoomLabel_);
  statusBar()->addPermanentWidget(runInfoLabel_);
  statusBar()->addPermanentWidget(videoInfoLabel_);
}

}  // namespace stts::ui
