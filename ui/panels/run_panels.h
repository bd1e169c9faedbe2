// The docks that show the current run beside the frames — Answer, Timing, Data — and the Fit
// Scorer dialog (Tools menu). Created once by the main window; they follow the open content's
// change signal and the Ask panel's streamed answer, and add themselves to View ▸ Panels. Their
// dock layout is part of the window state the window saves and restores.
#pragma once

#include <QObject>
#include <QString>

class QAction;
class QMainWindow;
class QMenu;
class QStatusBar;

namespace stts::ui {

class AnswerPanel;
class DataPanel;
class AskPanel;
class FitDialog;
class FrameNavigator;
class MessageBar;
class OpenContent;
class TimingPanel;

class RunPanels : public QObject {
  Q_OBJECT

 public:
  // What the panels use of the window. `ask` is null in builds without the model engine.
  struct Parts {
    OpenContent* content;
    AskPanel* ask;
    MessageBar* messages;
    QStatusBar* status;
    QMenu* panelsMenu;   // View ▸ Panels
    QAction* fitScorer;  // Tools ▸ Fit Scorer
    FrameNavigator* navigator;
  };
  // The docks are added to `window`.
  RunPanels(const Parts& parts, QMainWindow* window);

  AnswerPanel* answerPanel() const { return answer_; }
  TimingPanel* timingPanel() const { return timing_; }
  DataPanel* dataPanel() const { return data_; }
  // Null until Tools ▸ Fit Scorer first opens it, and in builds without the model engine.
  FitDialog* fitDialog() const { return fitDialog_; }

  // A folder given on the command line or dropped on the window: checked like the model loader
  // will check it, then chosen as the Ask panel's model. False (and a sentence in the message
  // bar) when it is not a model folder or this build cannot run models.
  bool openModelFolder(const QString& dir);

 public slots:
  void showFitDialog();

 private:
  void followContent();

  Parts parts_;
  QMainWindow* window_;
  AnswerPanel* answer_ = nullptr;
  TimingPanel* timing_ = nullptr;
  DataPanel* data_ = nullptr;
  FitDialog* fitDialog_ = nullptr;
};

}  // namespace stts::ui
