// The dockable "Ask" panel, the window's run panel (issue 4, item 5; issue 5, item 1): a model
// folder, a question, the pruning method and keep ratio, the sampling limits (max frames, max
// fps), device, dtype and answer length; Run asks the model about the window's current frames on a
// worker thread (AskWorker) and shows the answer as it is generated. The finished run goes to the
// window through runFinished, which shows it like an opened run file. Built only with the model
// engine (STTS_UI_HAVE_MODEL).
#pragma once

#include <QDockWidget>
#include <QThread>
#include <memory>

#include "media/loaded_media.h"
#include "stts/cancel.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace stts::ui {

class RunOptionsBox;

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
  void setMaxNewTokens(int tokens);
  int maxNewTokens() const;
  // Sampling limits of the next run; the window's frames are sampled again when they differ.
  void setSampling(const stts::SamplingSpec& spec);
  stts::SamplingSpec sampling() const;
  // "cpu" or "cuda:N" (only devices the engine reports are offered).
  bool setDevice(const QString& device);
  QString device() const;
  // "auto", "float32" or "bfloat16".
  bool setDtype(const QString& dtype);
  QString dtype() const;
  bool setMethod(const QString& method);
  QString method() const;
  void setKeepRatio(double ratio);

  bool isRunning() const { return currentJob_ != 0; }
  int modelLoadCount() const { return modelLoads_; }
  bool isDemoModel() const;

  // The parts, for tests.
  QPlainTextEdit* questionBox() const { return question_; }
  QProgressBar* progressBar() const { return progress_; }
  QLabel* demoLabel() const { return demoLabel_; }
  QComboBox* methodBox() const { return method_; }
  RunOptionsBox* runOptions() const { return runOptions_; }
  QComboBox* deviceBox() const { return device_; }
  QComboBox* dtypeBox() const { return dtype_; }
  QSpinBox* maxFramesBox() const { return maxFrames_; }
  QDoubleSpinBox* maxFpsBox() const { return maxFps_; }
  QSpinBox* maxNewTokensBox() const { return maxNewTokens_; }
  // The answer text so far (streamed while running).
  QString answerText() const;

 public slots:
  void chooseModelFolder();
  void runQuestion();
  // A run without a question (ViT + pruning + connector only) with the panel's settings, e.g.
  // to look at a freshly fitted scorer's choices.
  void runVisionOnly();
  void cancelQuestion();

 signals:
  void runningChanged(bool running);
  void runFinished(stts::ui::LoadedRunPtr run);
  void runFailed(const QString& message);
  void runCancelled();
  void modelLoaded(const QString& dir);
  // The model folder, question or run options were changed by the user (or a setter).
  void inputsChanged();
  // The answer text so far: empty when a run starts, then after every streamed piece.
  void answerStreamed(const QString& textSoFar);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void updateDemoLabel();
  void setRunning(bool running);
  void startRun(const QString& question);
  void fillDevices();
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
  stts::SamplingSpec exactSampling_;  // the last spec set, unrounded
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
  QLabel* maxFramesLabel_ = nullptr;
  QSpinBox* maxFrames_ = nullptr;
  QLabel* maxFpsLabel_ = nullptr;
  QDoubleSpinBox* maxFps_ = nullptr;
  QLabel* deviceLabel_ = nullptr;
  QComboBox* device_ = nullptr;
  QLabel* dtypeLabel_ = nullptr;
  QComboBox* dtype_ = nullptr;
  QLabel* maxNewTokensLabel_ = nullptr;
  QSpinBox* maxNewTokens_ = nullptr;
  QPushButton* runButton_ = nullptr;
  QPushButton* cancelButton_ = nullptr;
  QProgressBar* progress_ = nullptr;
  RunOptionsBox* runOptions_ = nullptr;
  QString answer_;  // the answer so far (the Answer dock shows it)
};

}  // namespace stts::ui
