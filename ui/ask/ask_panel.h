// The dockable "Ask" panel (issue 4, item 5): a model folder, a question, the pruning method and
// keep ratio; Run asks the model about the window's current frames on a worker thread (AskWorker)
// and shows the answer as it is generated. The finished run goes to the window through
// runFinished, which shows it like an opened run file. Built only with the model engine
// (STTS_UI_HAVE_MODEL).
#pragma once

#include <QDockWidget>
#include <QThread>
#include <memory>

#include "main/loaded_media.h"
#include "stts/cancel.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace stts::ui {

class AskWorker;

class AskPanel : public QDockWidget {
  Q_OBJECT

 public:
  explicit AskPanel(QWidget* parent = nullptr);
  ~AskPanel() override;  // cancels the running question and joins the worker

  // The frames a question is asked about (the window's current video or run).
  void setVideo(LoadedVideoPtr video);
  // Offers `dir` as the model folder when none is chosen yet and the folder exists.
  void suggestModelFolder(const QString& dir);

  QString modelFolder() const;
  void setModelFolder(const QString& dir);
  void setQuestion(const QString& text);
  void setMaxNewTokens(int tokens) { maxNewTokens_ = tokens; }

  bool isRunning() const { return currentJob_ != 0; }
  int modelLoadCount() const { return modelLoads_; }
  bool isDemoModel() const;

  // The parts, for tests.
  QPlainTextEdit* questionBox() const { return question_; }
  QPlainTextEdit* answerBox() const { return answer_; }
  QProgressBar* progressBar() const { return progress_; }
  QLabel* demoLabel() const { return demoLabel_; }

 public slots:
  void chooseModelFolder();
  void runQuestion();
  void cancelQuestion();

 signals:
  void runningChanged(bool running);
  void runFinished(stts::ui::LoadedRunPtr run);
  void runFailed(const QString& message);
  void runCancelled();
  void modelLoaded(const QString& dir);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void updateDemoLabel();
  void setRunning(bool running);
  void onProgress(quint64 job, const QString& stage, qint64 done, qint64 total);
  void onToken(quint64 job, const QString& text);
  void onFinished(quint64 job, stts::ui::LoadedRunPtr run);
  void onFailed(quint64 job, const QString& message);

  QThread thread_;
  AskWorker* worker_ = nullptr;
  LoadedVideoPtr video_;
  std::shared_ptr<stts::CancelToken> cancel_;
  quint64 lastJob_ = 0;
  quint64 currentJob_ = 0;
  int modelLoads_ = 0;
  int maxNewTokens_ = 200;
  QString answerBeforeRun_;

  QLabel* modelLabel_ = nullptr;
  QLineEdit* modelEdit_ = nullptr;
  QPushButton* modelButton_ = nullptr;
  QLabel* demoLabel_ = nullptr;
  QLabel* questionLabel_ = nullptr;
  QPlainTextEdit* question_ = nullptr;
  QLabel* methodLabel_ = nullptr;
  QComboBox* method_ = nullptr;
  QLabel* keepLabel_ = nullptr;
  QDoubleSpinBox* keep_ = nullptr;
  QPushButton* runButton_ = nullptr;
  QPushButton* cancelButton_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* answerLabel_ = nullptr;
  QPlainTextEdit* answer_ = nullptr;
};

}  // namespace stts::ui
