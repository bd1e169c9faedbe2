// Tools ▸ Fit Scorer (issue 7, item 2): fits the STTS temporal token scorer of a model folder to
// videos on a worker thread, drawing the loss per step as it goes. Cancel leaves nothing on disk
// (the engine guarantees it); errors are sentences and the dialog stays usable. On success it
// offers to run the current video again with the fitted model.
#pragma once

#include <QDialog>
#include <QThread>
#include <memory>

#include "stts/cancel.h"

class QChartView;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QLineSeries;
class QListWidget;
class QLogValueAxis;
class QPushButton;
class QSpinBox;
class QValueAxis;

namespace stts::ui {

class FitWorker;
struct FitOutcome;

class FitDialog : public QDialog {
  Q_OBJECT

 public:
  explicit FitDialog(QWidget* parent = nullptr);
  ~FitDialog() override;  // cancels a running fit and joins the worker

  // Fills the model folder (and the output suggested from it) and the videos.
  void setModelFolder(const QString& dir);
  void setVideos(const QStringList& videos);
  void setSteps(int steps);
  void setLearningRate(double rate);
  void setFrames(int frames);
  void setOutputFolder(const QString& dir);

  QString modelFolder() const;
  QStringList videos() const;
  QString outputFolder() const;
  bool isRunning() const { return currentJob_ != 0; }
  // The folder the last successful fit wrote; empty otherwise.
  QString fittedFolder() const { return fitted_; }

  // `<model>-fitted`, or `<model>-fitted-2`, … : the first name that does not exist yet.
  static QString suggestedOutputFolder(const QString& modelDir);

  // The parts, for tests.
  QLineSeries* lossSeries() const { return loss_; }
  QLabel* statusLabel() const { return status_; }
  QPushButton* fitButton() const { return fitButton_; }
  QPushButton* cancelButton() const { return cancelButton_; }
  QPushButton* rerunButton() const { return rerunButton_; }

 public slots:
  void startFit();
  void cancelFit();
  // Esc / Close: while fitting, cancels the fit instead of closing.
  void reject() override;

 signals:
  void runningChanged(bool running);
  void fitFinished(const QString& outputDir);
  void fitFailed(const QString& message);
  void fitCancelled();
  // "Re-run current video with the fitted model".
  void rerunRequested(const QString& modelDir);

 protected:
  void changeEvent(QEvent* event) override;
  void closeEvent(QCloseEvent* event) override;

 private:
  void retranslate();
  void setRunning(bool running);
  void showError(const QString& message);
  void onStep(quint64 job, int step, double loss);
  void onFinished(quint64 job, const stts::ui::FitOutcome& outcome);
  void onFailed(quint64 job, const QString& message);
  void onCancelled(quint64 job);
  void chooseModelFolder();
  void chooseOutputFolder();
  void addVideos();
  void resetCurve();

  QThread thread_;
  FitWorker* worker_ = nullptr;
  std::shared_ptr<stts::CancelToken> cancel_;
  quint64 lastJob_ = 0;
  quint64 currentJob_ = 0;
  int totalSteps_ = 0;
  QString fitted_;
  QString suggestedOutput_;  // replaced when the model changes, unless the user typed another

  QLabel* modelLabel_ = nullptr;
  QLineEdit* modelEdit_ = nullptr;
  QPushButton* modelButton_ = nullptr;
  QLabel* videosLabel_ = nullptr;
  QListWidget* videos_ = nullptr;
  QPushButton* addVideo_ = nullptr;
  QPushButton* removeVideo_ = nullptr;
  QLabel* stepsLabel_ = nullptr;
  QSpinBox* steps_ = nullptr;
  QLabel* rateLabel_ = nullptr;
  QDoubleSpinBox* rate_ = nullptr;
  QLabel* framesLabel_ = nullptr;
  QSpinBox* frames_ = nullptr;
  QLabel* outputLabel_ = nullptr;
  QLineEdit* outputEdit_ = nullptr;
  QPushButton* outputButton_ = nullptr;
  QChartView* chartView_ = nullptr;
  QLineSeries* loss_ = nullptr;
  QValueAxis* stepAxis_ = nullptr;
  QLogValueAxis* lossAxis_ = nullptr;
  double lowestLoss_ = 0.0;
  double highestLoss_ = 0.0;
  QLabel* status_ = nullptr;
  QPushButton* fitButton_ = nullptr;
  QPushButton* cancelButton_ = nullptr;
  QPushButton* rerunButton_ = nullptr;
  QPushButton* closeButton_ = nullptr;
};

}  // namespace stts::ui
