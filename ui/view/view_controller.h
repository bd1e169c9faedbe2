// Connects the frame view to the window: the zoom and grid actions, Space tapped over the view
// (play / pause), which sampled frame is shown (for the hover tooltip), the Display dock, and the
// full-resolution frame swapped in when zoomed past the drawing copy (view/sharp_frame.h).
// The window creates one and otherwise knows nothing of these connections.
#pragma once

#include <QObject>

class QMainWindow;
class QMenu;

namespace stts::ui {

class ActionRegistry;
class DisplayPanel;
class FrameNavigator;
class FrameView;
class OpenContent;
class OverlayState;
class SharpFrame;

class ViewController : public QObject {
  Q_OBJECT

 public:
  // What the controller uses of the window.
  struct Parts {
    OpenContent* content;
    FrameNavigator* navigator;
    FrameView* view;
    OverlayState* overlay;
    ActionRegistry* actions;
    QMenu* panelsMenu;  // View ▸ Panels; may be null
  };
  // The Display dock is added to `window`.
  ViewController(const Parts& parts, QMainWindow* window);

  DisplayPanel* displayPanel() const { return displayPanel_; }
  SharpFrame* sharpFrame() const { return sharpFrame_; }

 private:
  void connectActions();
  void updateFrameInfo();
  void syncCheckedActions();

  Parts parts_;
  DisplayPanel* displayPanel_ = nullptr;
  SharpFrame* sharpFrame_ = nullptr;
};

}  // namespace stts::ui
