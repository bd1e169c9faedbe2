// Connects the frame view to the window: the zoom and grid actions, Space tapped over the view
// (play / pause), which sampled frame is shown (for the hover tooltip), and the Display dock.
// The window creates one and otherwise knows nothing of these connections.
#pragma once

#include <QObject>

namespace stts::ui {

class DisplayPanel;
class MainWindow;

class ViewController : public QObject {
  Q_OBJECT

 public:
  explicit ViewController(MainWindow* window);

  DisplayPanel* displayPanel() const { return displayPanel_; }

 private:
  void connectActions();
  void updateFrameInfo();
  void syncGridAction();

  MainWindow* window_;
  DisplayPanel* displayPanel_ = nullptr;
};

}  // namespace stts::ui
