#include "fit/fit_dialog.h"

#include <QChart>
#include <QChartView>
#include <QCloseEvent>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QLocale>
#include <QLogValueAxis>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "common/folders.h"
#include "common/model_folder.h"
#include "fit/fit_worker.h"

namespace stts::ui {

namespace {

// The log axis needs positive values; a perfect fit's loss of 0 is drawn at this floor.
constexpr double kSmallestDrawnLoss = 1e-12;

bool folderIsTaken(const QString& dir) {
  const QFileInfo info(dir);
  if (!info.exists()) return false;
  if (!info.isDir()) return true;
  return !QDir(dir).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
}

}  // namespace

FitDialog::FitDialog(QWidget* parent) : QDialog(parent) {
  setObjectName(QStringLiteral("fitDialog"));
  qRegisterMetaType<stts::ui::FitOutcome>("stts::ui::FitOutcome");

  auto* layout = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  modelLabel_ = new QLabel(this);
  modelEdit_ = new QLineEdit(this);
  modelEdit_->setObjectName(QStringLiteral("fitModelFolder"));
  modelButton_ = new QPushButton(this);
  auto* modelRow = new QHBoxLayout;
  modelRow->addWidget(modelEdit_, 1);
  modelRow->addWidget(modelButton_);
  form->addRow(modelLabel_, modelRow);

  videosLabel_ = new QLabel(this);
  videos_ = new QListWidget(this);
  videos_->setObjectName(QStringLiteral("fitVideos"));
  videos_->setMaximumHeight(80);
  addVideo_ = new QPushButton(this);
  removeVideo_ = new QPushButton(this);
  auto* videoButtons = new QVBoxLayout;
  videoButtons->addWidget(addVideo_);
  videoButtons->addWidget(removeVideo_);
  videoButtons->addStretch(1);
  auto* videoRow = new QHBoxLayout;
  videoRow->addWidget(videos_, 1);
  videoRow->addLayout(videoButtons);
  form->addRow(videosLabel_, videoRow);

  steps_ = new QSpinBox(this);
  steps_->setObjectName(QStringLiteral("fitSteps"));
  steps_->setRange(1, 1000000);
  steps_->setValue(200);
  stepsLabel_ = new QLabel(this);
  form->addRow(stepsLabel_, steps_);
  rate_ = new QDoubleSpinBox(this);
  rate_->setObjectName(QStringLiteral("fitLearningRate"));
  rate_->setDecimals(6);
  rate_->setRange(0.000001, 10.0);
  rate_->setSingleStep(0.0005);
  rate_->setValue(1e-3);
  rateLabel_ = new QLabel(this);
  form->addRow(rateLabel_, rate_);
  frames_ = new QSpinBox(this);
  frames_->setObjectName(QStringLiteral("fitFrames"));
  frames_->setRange(2, 4096);
  frames_->setValue(16);
  framesLabel_ = new QLabel(this);
  form->addRow(framesLabel_, frames_);

  outputLabel_ = new QLabel(this);
  outputEdit_ = new QLineEdit(this);
  outputEdit_->setObjectName(QStringLiteral("fitOutputFolder"));
  outputButton_ = new QPushButton(this);
  auto* outputRow = new QHBoxLayout;
  outputRow->addWidget(outputEdit_, 1);
  outputRow->addWidget(outputButton_);
  form->addRow(outputLabel_, outputRow);
  layout->addLayout(form);

  auto* chart = new QChart;
  chart->setAnimationOptions(QChart::NoAnimation);
  chart->legend()->hide();
  loss_ = new QLineSeries(chart);
  loss_->setPointsVisible(false);
  chart->addSeries(loss_);
  stepAxis_ = new QValueAxis(chart);
  stepAxis_->setLabelFormat(QStringLiteral("%d"));
  stepAxis_->setRange(0, 1);
  lossAxis_ = new QLogValueAxis(chart);
  lossAxis_->setBase(10.0);
  lossAxis_->setLabelFormat(QStringLiteral("%.3g"));
  lossAxis_->setRange(1e-3, 1.0);
  chart->addAxis(stepAxis_, Qt::AlignBottom);
  chart->addAxis(lossAxis_, Qt::AlignLeft);
  loss_->attachAxis(stepAxis_);
  loss_->attachAxis(lossAxis_);
  chartView_ = new QChartView(chart, this);
  chartView_->setObjectName(QStringLiteral("fitLossChart"));
  chartView_->setRenderHint(QPainter::Antialiasing);
  chartView_->setMinimumSize(420, 220);
  layout->addWidget(chartView_, 1);

  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("fitStatus"));
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(status_);

  auto* buttons = new QHBoxLayout;
  fitButton_ = new QPushButton(this);
  fitButton_->setDefault(true);
  cancelButton_ = new QPushButton(this);
  cancelButton_->setEnabled(false);
  rerunButton_ = new QPushButton(this);
  rerunButton_->hide();
  closeButton_ = new QPushButton(this);
  buttons->addWidget(fitButton_);
  buttons->addWidget(cancelButton_);
  buttons->addWidget(rerunButton_);
  buttons->addStretch(1);
  buttons->addWidget(closeButton_);
  layout->addLayout(buttons);

  connect(modelButton_, &QPushButton::clicked, this, &FitDialog::chooseModelFolder);
  connect(outputButton_, &QPushButton::clicked, this, &FitDialog::chooseOutputFolder);
  connect(addVideo_, &QPushButton::clicked, this, &FitDialog::addVideos);
  connect(removeVideo_, &QPushButton::clicked, this,
          [this] { qDeleteAll(videos_->selectedItems()); });
  connect(modelEdit_, &QLineEdit::editingFinished, this,
          [this] { setModelFolder(modelEdit_->text().trimmed()); });
  connect(fitButton_, &QPushButton::clicked, this, &FitDialog::startFit);
  connect(cancelButton_, &QPushButton::clicked, this, &FitDialog::cancelFit);
  connect(closeButton_, &QPushButton::clicked, this, &FitDialog::reject);
  connect(rerunButton_, &QPushButton::clicked, this, [this] {
    if (fitted_.isEmpty()) return;
    emit rerunRequested(fitted_);
    accept();
  });

  worker_ = new FitWorker;
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &FitWorker::stepDone, this, &FitDialog::onStep);
  connect(worker_, &FitWorker::finished, this, &FitDialog::onFinished);
  connect(worker_, &FitWorker::failed, this, &FitDialog::onFailed);
  connect(worker_, &FitWorker::cancelled, this, &FitDialog::onCancelled);
  thread_.setObjectName(QStringLiteral("stts-fit"));
  thread_.start();
  retranslate();
}

FitDialog::~FitDialog() {
  if (cancel_) cancel_->cancel();
  thread_.quit();
  thread_.wait();
}

QString FitDialog::suggestedOutputFolder(const QString& modelDir) {
  QString base = QDir::cleanPath(QFileInfo(modelDir).absoluteFilePath());
  const QString first = base + QStringLiteral("-fitted");
  if (!QFileInfo::exists(first)) return first;
  for (int n = 2;; ++n) {
    const QString candidate = first + QLatin1Char('-') + QString::number(n);
    if (!QFileInfo::exists(candidate)) return candidate;
  }
}

void FitDialog::setModelFolder(const QString& dir) {
  modelEdit_->setText(dir);
  // The output follows the model as long as the user has not typed a folder of their own.
  const QString current = outputEdit_->text().trimmed();
  if (!dir.isEmpty() && (current.isEmpty() || current == suggestedOutput_)) {
    suggestedOutput_ = suggestedOutputFolder(dir);
    outputEdit_->setText(suggestedOutput_);
  }
}

void FitDialog::setVideos(const QStringList& videos) {
  videos_->clear();
  videos_->addItems(videos);
}

void FitDialog::setSteps(int steps) {
  steps_->setValue(steps);
}

void FitDialog::setLearningRate(double rate) {
  rate_->setValue(rate);
}

void FitDialog::setFrames(int frames) {
  frames_->setValue(frames);
}

void FitDialog::setOutputFolder(const QString& dir) {
  outputEdit_->setText(dir);
}

QString FitDialog::modelFolder() const {
  return modelEdit_->text().trimmed();
}

QStringList FitDialog::videos() const {
  QStringList out;
  for (int i = 0; i < videos_->count(); ++i) out << videos_->item(i)->text();
  return out;
}

QString FitDialog::outputFolder() const {
  return outputEdit_->text().trimmed();
}

void FitDialog::chooseModelFolder() {
  const QString dir = QFileDialog::getExistingDirectory(
      this, tr("Choose Model Folder"),
      modelFolder().isEmpty() ? startFolder(FolderKind::Models) : modelFolder());
  if (dir.isEmpty()) return;
  rememberFolder(FolderKind::Models, QFileInfo(dir).absolutePath());
  setModelFolder(dir);
}

void FitDialog::chooseOutputFolder() {
  const QString start = outputFolder().isEmpty() ? startFolder(FolderKind::Models)
                                                 : QFileInfo(outputFolder()).absolutePath();
  const QString path = QFileDialog::getSaveFileName(this, tr("Fitted Model Folder"), start,
                                                    QString(), nullptr, QFileDialog::ShowDirsOnly);
  if (path.isEmpty()) return;
  rememberFolder(FolderKind::Models, QFileInfo(path).absolutePath());
  outputEdit_->setText(path);
}

void FitDialog::addVideos() {
  const QStringList files = QFileDialog::getOpenFileNames(
      this, tr("Add Training Videos"), startFolder(FolderKind::Videos),
      tr("Videos (*.mp4 *.m4v *.mov *.mkv *.webm *.avi *.mpg *.mpeg *.ts *.gif);;All files (*)"));
  if (!files.isEmpty()) rememberFolder(FolderKind::Videos, files.front());
  for (const QString& file : files) {
    if (videos_->findItems(file, Qt::MatchExactly).isEmpty()) videos_->addItem(file);
  }
}

void FitDialog::showError(const QString& message) {
  status_->setStyleSheet(QStringLiteral("color: #c62828;"));
  status_->setText(message);
  emit fitFailed(message);
}

void FitDialog::startFit() {
  if (isRunning()) return;
  const QString model = modelFolder();
  const QString output = outputFolder();
  if (const QString problem = modelFolderProblem(model); !problem.isEmpty()) {
    showError(model.isEmpty() ? tr("Choose the model folder whose scorer should be fitted.")
                              : tr("The model folder “%1” cannot be used: %2")
                                    .arg(QDir::toNativeSeparators(model), problem));
    return;
  }
  if (videos().isEmpty()) {
    showError(tr("Add at least one video to fit the scorer to."));
    return;
  }
  if (output.isEmpty()) {
    showError(tr("Choose a folder for the fitted model."));
    return;
  }
  if (QFileInfo(output).absoluteFilePath() == QFileInfo(model).absoluteFilePath() ||
      folderIsTaken(output)) {
    showError(tr("“%1” already exists, and fitting never overwrites a folder: choose another "
                 "output folder.")
                  .arg(QDir::toNativeSeparators(output)));
    return;
  }

  FitJob job;
  job.id = ++lastJob_;
  job.modelDir = QFileInfo(model).absoluteFilePath();
  job.videos = videos();
  job.outputDir = QFileInfo(output).absoluteFilePath();
  job.steps = steps_->value();
  job.learningRate = rate_->value();
  job.maxFrames = frames_->value();
  cancel_ = std::make_shared<stts::CancelToken>();
  job.cancel = cancel_;
  currentJob_ = job.id;
  totalSteps_ = job.steps;
  fitted_.clear();
  resetCurve();
  status_->setStyleSheet(QString());
  status_->setText(tr("Loading the model and sampling the videos…"));
  setRunning(true);
  QMetaObject::invokeMethod(
      worker_, [worker = worker_, job] { worker->run(job); }, Qt::QueuedConnection);
}

void FitDialog::cancelFit() {
  if (!isRunning() || cancel_->isCancelled()) return;
  cancel_->cancel();
  cancelButton_->setEnabled(false);
  status_->setText(tr("Cancelling…"));
}

void FitDialog::resetCurve() {
  loss_->clear();
  stepAxis_->setRange(0, std::max(1, totalSteps_));
  lowestLoss_ = 0.0;
  highestLoss_ = 0.0;
  rerunButton_->hide();
}

void FitDialog::setRunning(bool running) {
  fitButton_->setEnabled(!running);
  cancelButton_->setEnabled(running);
  for (QWidget* input :
       std::initializer_list<QWidget*>{modelEdit_, modelButton_, videos_, addVideo_, removeVideo_,
                                       steps_, rate_, frames_, outputEdit_, outputButton_}) {
    input->setEnabled(!running);
  }
  emit runningChanged(running);
}

void FitDialog::onStep(quint64 job, int step, double loss) {
  if (job != currentJob_) return;
  const double drawn = std::max(loss, kSmallestDrawnLoss);
  if (loss_->count() == 0) {
    lowestLoss_ = highestLoss_ = drawn;
  } else {
    lowestLoss_ = std::min(lowestLoss_, drawn);
    highestLoss_ = std::max(highestLoss_, drawn);
  }
  loss_->append(step, drawn);
  // Whole decades, so the log axis always shows labelled ticks.
  lossAxis_->setRange(std::pow(10.0, std::floor(std::log10(lowestLoss_))),
                      std::pow(10.0, std::ceil(std::log10(highestLoss_) + 1e-9)));
  if (!cancel_->isCancelled()) {
    status_->setText(tr("Step %1 of %2 · loss %3")
                         .arg(step)
                         .arg(totalSteps_)
                         .arg(QLocale().toString(loss, 'g', 4)));
  }
}

void FitDialog::onFinished(quint64 job, const FitOutcome& outcome) {
  if (job != currentJob_) return;
  currentJob_ = 0;
  fitted_ = outcome.outputDir;
  const QLocale locale;
  QString text =
      tr("Fitted in %1 s: loss %2 → %3. The new model is in “%4”.")
          .arg(locale.toString(outcome.seconds, 'f', 1), locale.toString(outcome.firstLoss, 'g', 4),
               locale.toString(outcome.lastLoss, 'g', 4),
               QDir::toNativeSeparators(outcome.outputDir));
  if (!outcome.skipped.isEmpty()) {
    text += QLatin1Char('\n') + tr("Skipped: %1").arg(outcome.skipped.join(QStringLiteral("; ")));
  }
  status_->setStyleSheet(QString());
  status_->setText(text);
  // The next fit of the same model gets a fresh name instead of "already exists".
  if (outputFolder() == suggestedOutput_) {
    suggestedOutput_ = suggestedOutputFolder(modelFolder());
    outputEdit_->setText(suggestedOutput_);
  }
  rerunButton_->show();
  setRunning(false);
  emit fitFinished(outcome.outputDir);
}

void FitDialog::onFailed(quint64 job, const QString& message) {
  if (job != currentJob_) return;
  currentJob_ = 0;
  setRunning(false);
  showError(tr("The fit failed: %1").arg(message));
}

void FitDialog::onCancelled(quint64 job) {
  if (job != currentJob_) return;
  currentJob_ = 0;
  status_->setStyleSheet(QString());
  status_->setText(tr("Cancelled, nothing written."));
  setRunning(false);
  emit fitCancelled();
}

void FitDialog::reject() {
  // Esc or Close while fitting stops the fit first; the dialog closes on the next press.
  if (isRunning()) {
    cancelFit();
    return;
  }
  QDialog::reject();
}

void FitDialog::closeEvent(QCloseEvent* event) {
  if (isRunning()) cancelFit();  // the result ("cancelled") arrives while the dialog is hidden
  QDialog::closeEvent(event);
}

void FitDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QDialog::changeEvent(event);
}

void FitDialog::retranslate() {
  setWindowTitle(tr("Fit STTS Scorer"));
  modelLabel_->setText(tr("Model folder:"));
  modelButton_->setText(tr("Choose…"));
  videosLabel_->setText(tr("Videos:"));
  addVideo_->setText(tr("Add…"));
  removeVideo_->setText(tr("Remove"));
  stepsLabel_->setText(tr("Steps:"));
  rateLabel_->setText(tr("Learning rate:"));
  framesLabel_->setText(tr("Frames per video:"));
  outputLabel_->setText(tr("Output folder:"));
  outputButton_->setText(tr("Choose…"));
  fitButton_->setText(tr("Fit"));
  cancelButton_->setText(tr("Cancel"));
  rerunButton_->setText(tr("Re-run Current Video with the Fitted Model"));
  closeButton_->setText(tr("Close"));
  chartView_->chart()->setTitle(tr("Loss per step"));
  stepAxis_->setTitleText(tr("step"));
  lossAxis_->setTitleText(tr("loss (log scale)"));
  chartView_->setAccessibleName(tr("Loss per step"));
}

}  // namespace stts::ui
