#include "view/view_controller.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>

#include "actions/action_registry.h"
#include "media/frame_navigator.h"
#include "media/open_content.h"
#include "view/display_panel.h"
#include "view/frame_view.h"
#include "view/overlay_state.h"
#include "view/sharp_frame.h"

namespace stts::ui {

ViewController::ViewController(const Parts& parts, QMainWindow* window)
    : QObject(window), parts_(parts) {
  displayPanel_ = new DisplayPanel(parts.overlay, window);
  window->addDockWidget(Qt::RightDockWidgetArea, displayPanel_);
  // Closed until asked for (View ▸ Panels ▸ Display), then remembered with the window state: the
  // keys and menus already reach every choice, and the default layout keeps the picture large.
  displayPanel_->hide();
  if (parts.panelsMenu) parts.panelsMenu->addAction(displayPanel_->toggleViewAction());
  sharpFrame_ = new SharpFrame(parts.content, parts.navigator, parts.view, this);
  connectActions();
}

void ViewController::connectActions() {
  FrameView* view = parts_.view;
  ActionRegistry* actions = parts_.actions;
  connect(actions->action(ActionId::ZoomIn), &QAction::triggered, view, &FrameView::zoomIn);
  connect(actions->action(ActionId::ZoomOut), &QAction::triggered, view, &FrameView::zoomOut);
  connect(actions->action(ActionId::ZoomToFit), &QAction::triggered, view, &FrameView::fitToWindow);
  connect(actions->action(ActionId::ZoomActualSize), &QAction::triggered, view,
          &FrameView::zoomActualSize);

  QAction* grid = actions->action(ActionId::ToggleCellGrid);
  grid->setCheckable(true);
  syncCheckedActions();
  // triggered() has already flipped the check state; the overlay state is the one truth.
  connect(grid, &QAction::triggered, parts_.overlay, [this] {
    parts_.overlay->toggleGrid();
    syncCheckedActions();
  });
  connect(parts_.overlay, &OverlayState::changed, this, &ViewController::syncCheckedActions);

  // Per-frame normalisation, from the View menu and its key as well as the Display dock: each
  // frame's scores then span the whole colour map.
  QAction* perFrame = actions->action(ActionId::ScoresPerFrame);
  perFrame->setCheckable(true);
  connect(perFrame, &QAction::triggered, parts_.overlay, [this](bool checked) {
    parts_.overlay->setNormalisation(checked ? ScoreNormalisation::PerFrame
                                             : ScoreNormalisation::PerRun);
    syncCheckedActions();
  });

  // Space held over the picture pans with a drag; tapped, it plays as the shortcut would.
  // Keys can be rebound: tapping Space triggers whatever action Space is bound to now.
  connect(view, &FrameView::spaceTapped, this, [actions] {
    for (const ActionDefinition& row : ActionRegistry::definitions()) {
      QAction* action = actions->action(row.id);
      if (action->isEnabled() && action->shortcuts().contains(QKeySequence(Qt::Key_Space))) {
        action->trigger();
        return;
      }
    }
  });

  connect(parts_.navigator, &FrameNavigator::currentIndexChanged, this,
          &ViewController::updateFrameInfo);
  connect(parts_.content, &OpenContent::changed, this, &ViewController::updateFrameInfo);
}

void ViewController::updateFrameInfo() {
  const int index = parts_.navigator->currentIndex();
  const LoadedVideoPtr& video = parts_.content->video();
  if (!video || index < 0 || index >= int(video->points.size())) {
    parts_.view->setFrameInfo(-1, 0, 0.0);
    return;
  }
  parts_.view->setFrameInfo(index, int(video->points.size()),
                            video->points[size_t(index)].requestedTime);
}

void ViewController::syncCheckedActions() {
  parts_.actions->action(ActionId::ToggleCellGrid)->setChecked(parts_.overlay->showGrid());
  parts_.actions->action(ActionId::ScoresPerFrame)
      ->setChecked(parts_.overlay->normalisation() == ScoreNormalisation::PerFrame);
}

}  // namespace stts::ui
