#include "view/view_controller.h"

#include <QAction>
#include <QMenu>

#include "actions/action_registry.h"
#include "main/frame_navigator.h"
#include "main/main_window.h"
#include "view/display_panel.h"
#include "view/frame_view.h"
#include "view/overlay_state.h"

namespace stts::ui {

ViewController::ViewController(MainWindow* window) : QObject(window), window_(window) {
  displayPanel_ = new DisplayPanel(window->overlay(), window);
  window->addDockWidget(Qt::RightDockWidgetArea, displayPanel_);
  // Closed until asked for (View ▸ Panels ▸ Display), then remembered with the window state: the
  // keys and menus already reach every choice, and the default layout keeps the picture large.
  displayPanel_->hide();
  if (window->panelsMenu()) window->panelsMenu()->addAction(displayPanel_->toggleViewAction());
  connectActions();
}

void ViewController::connectActions() {
  FrameView* view = window_->frameView();
  ActionRegistry* actions = window_->actions();
  connect(actions->action(ActionId::ZoomIn), &QAction::triggered, view, &FrameView::zoomIn);
  connect(actions->action(ActionId::ZoomOut), &QAction::triggered, view, &FrameView::zoomOut);
  connect(actions->action(ActionId::ZoomToFit), &QAction::triggered, view, &FrameView::fitToWindow);
  connect(actions->action(ActionId::ZoomActualSize), &QAction::triggered, view,
          &FrameView::zoomActualSize);

  QAction* grid = actions->action(ActionId::ToggleCellGrid);
  grid->setCheckable(true);
  syncGridAction();
  // triggered() has already flipped the check state; the overlay state is the one truth.
  connect(grid, &QAction::triggered, window_->overlay(), [this] {
    window_->overlay()->toggleGrid();
    syncGridAction();
  });
  connect(window_->overlay(), &OverlayState::changed, this, &ViewController::syncGridAction);

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

  connect(window_->navigator(), &FrameNavigator::currentIndexChanged, this,
          &ViewController::updateFrameInfo);
  connect(window_, &MainWindow::contentChanged, this, &ViewController::updateFrameInfo);
}

void ViewController::updateFrameInfo() {
  const int index = window_->navigator()->currentIndex();
  const LoadedVideoPtr& video = window_->video();
  if (!video || index < 0 || index >= int(video->frames.size())) {
    window_->frameView()->setFrameInfo(-1, 0, 0.0);
    return;
  }
  window_->frameView()->setFrameInfo(index, int(video->frames.size()),
                                     video->frames[size_t(index)].point.requestedTime);
}

void ViewController::syncGridAction() {
  window_->actions()->action(ActionId::ToggleCellGrid)->setChecked(window_->overlay()->showGrid());
}

}  // namespace stts::ui
