#include "ask/ask_panel.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "ask/ask_worker.h"
#include "ask/run_options.h"
#include "common/folders.h"
#include "common/model_folder.h"
#include "stts/device.h"
#include "stts/methods.h"

namespace stts::ui {

AskPanel::AskPanel(QWidget* parent) : QDockWidget(parent) {
  setObjectName(QStringLiteral("askPanel"));  // saveState() keys on the name
  qRegisterMetaType<stts::ui::LoadedRunPtr>("stts::ui::LoadedRunPtr");

  auto* body = new QWidget(this);
  auto* layout = new QVBoxLayout(body);
  auto* form = new QFormLayout;
  modelLabel_ = new QLabel(body);
  modelEdit_ = new QLineEdit(body);
  modelEdit_->setObjectName(QStringLiteral("askModelFolder"));
  modelButton_ = new QPushButton(body);
  auto* modelRow = new QHBoxLayout;
  modelRow->addWidget(modelEdit_, 1);
  modelRow->addWidget(modelButton_);
  form->addRow(modelLabel_, modelRow);
  demoLabel_ = new QLabel(body);
  demoLabel_->setObjectName(QStringLiteral("askDemoLabel"));
  demoLabel_->setWordWrap(true);
  demoLabel_->setStyleSheet(QStringLiteral("color: #d08000; font-weight: bold;"));
  demoLabel_->hide();
  form->addRow(demoLabel_);
  method_ = new QComboBox(body);
  method_->setObjectName(QStringLiteral("askMethod"));
  for (const stts::MethodInfo& info : stts::pruningMethods()) {
    method_->addItem(QString::fromStdString(info.label), QString::fromStdString(info.name));
    method_->setItemData(method_->count() - 1, QString::fromStdString(info.description),
                         Qt::ToolTipRole);
  }
  methodLabel_ = new QLabel(body);
  // The run options two to a row: the dock must stay short enough for an 800-pixel-high window
  // with the other docks.
  auto* options = new QGridLayout;
  options->setColumnStretch(1, 1);
  options->setColumnStretch(3, 1);
  options->addWidget(methodLabel_, 0, 0);
  options->addWidget(method_, 0, 1);
  keep_ = new QDoubleSpinBox(body);
  keep_->setRange(0.0, 1.0);
  keep_->setSingleStep(0.05);
  keep_->setDecimals(2);
  keep_->setValue(0.5);
  keepLabel_ = new QLabel(body);
  options->addWidget(keepLabel_, 0, 2);
  options->addWidget(keep_, 0, 3);
  maxFrames_ = new QSpinBox(body);
  maxFrames_->setObjectName(QStringLiteral("askMaxFrames"));
  maxFrames_->setRange(1, 4096);
  maxFrames_->setValue(stts::SamplingSpec{}.maxFrames);
  maxFramesLabel_ = new QLabel(body);
  options->addWidget(maxFramesLabel_, 1, 0);
  options->addWidget(maxFrames_, 1, 1);
  maxFps_ = new QDoubleSpinBox(body);
  maxFps_->setObjectName(QStringLiteral("askMaxFps"));
  maxFps_->setRange(0.1, 120.0);
  maxFps_->setDecimals(2);
  maxFps_->setSingleStep(0.5);
  maxFps_->setValue(stts::SamplingSpec{}.maxFps);
  maxFpsLabel_ = new QLabel(body);
  options->addWidget(maxFpsLabel_, 1, 2);
  options->addWidget(maxFps_, 1, 3);
  device_ = new QComboBox(body);
  device_->setObjectName(QStringLiteral("askDevice"));
  deviceLabel_ = new QLabel(body);
  options->addWidget(deviceLabel_, 2, 0);
  options->addWidget(device_, 2, 1);
  dtype_ = new QComboBox(body);
  dtype_->setObjectName(QStringLiteral("askDtype"));
  for (const char* name : {"auto", "float32", "bfloat16"}) {
    dtype_->addItem(QString::fromLatin1(name), QString::fromLatin1(name));
  }
  dtypeLabel_ = new QLabel(body);
  options->addWidget(dtypeLabel_, 2, 2);
  options->addWidget(dtype_, 2, 3);
  maxNewTokens_ = new QSpinBox(body);
  maxNewTokens_->setObjectName(QStringLiteral("askMaxNewTokens"));
  maxNewTokens_->setRange(1, 8192);
  maxNewTokens_->setValue(200);
  maxNewTokensLabel_ = new QLabel(body);
  options->addWidget(maxNewTokensLabel_, 3, 0);
  options->addWidget(maxNewTokens_, 3, 1);
  fillDevices();
  layout->addLayout(form);
  layout->addLayout(options);
  runOptions_ = new RunOptionsBox(body);
  layout->addWidget(runOptions_);
  connect(method_, &QComboBox::currentIndexChanged, runOptions_,
          [this] { runOptions_->followMethod(method_->currentData().toString()); });

  questionLabel_ = new QLabel(body);
  question_ = new QPlainTextEdit(body);
  question_->setObjectName(QStringLiteral("askQuestion"));
  question_->setTabChangesFocus(true);
  question_->setMaximumHeight(90);
  layout->addWidget(questionLabel_);
  layout->addWidget(question_);

  auto* buttons = new QHBoxLayout;
  runButton_ = new QPushButton(body);
  cancelButton_ = new QPushButton(body);
  cancelButton_->setEnabled(false);
  buttons->addWidget(runButton_);
  buttons->addWidget(cancelButton_);
  buttons->addStretch(1);
  layout->addLayout(buttons);
  // Buttons never take focus (as in the tool bar): Space and the arrows must reach the window.
  for (QPushButton* button : {modelButton_, runButton_, cancelButton_}) {
    button->setFocusPolicy(Qt::NoFocus);
  }

  progress_ = new QProgressBar(body);
  progress_->setObjectName(QStringLiteral("askProgress"));
  progress_->setRange(0, 1);
  progress_->setValue(0);
  layout->addWidget(progress_);

  // The answer is shown once, in the Answer dock, which follows answerStreamed().
  layout->addStretch(1);
  // Scrolls rather than setting a minimum height: with the Answer and Display docks in the same
  // column the window must still fit a 700-pixel-high screen.
  // Sideways too when the dock is narrower than its widest row (German at 1024 px): a minimum
  // width would make the window wider than a small screen, a hidden scroll bar would cut text.
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
  scroll->setFocusPolicy(Qt::NoFocus);
  scroll->setWidget(body);
  setWidget(scroll);

  connect(modelButton_, &QPushButton::clicked, this, &AskPanel::chooseModelFolder);
  connect(runButton_, &QPushButton::clicked, this, &AskPanel::runQuestion);
  connect(cancelButton_, &QPushButton::clicked, this, &AskPanel::cancelQuestion);
  connect(modelEdit_, &QLineEdit::textChanged, this, &AskPanel::updateDemoLabel);
  connect(modelEdit_, &QLineEdit::textChanged, this, &AskPanel::inputsChanged);
  connect(question_, &QPlainTextEdit::textChanged, this, &AskPanel::inputsChanged);

  worker_ = new AskWorker;
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &AskWorker::progress, this, &AskPanel::onProgress);
  connect(worker_, &AskWorker::token, this, &AskPanel::onToken);
  connect(worker_, &AskWorker::finished, this, &AskPanel::onFinished);
  connect(worker_, &AskWorker::failed, this, &AskPanel::onFailed);
  connect(worker_, &AskWorker::modelLoaded, this, [this](const QString& dir) {
    ++modelLoads_;
    setLastModelFolder(dir);  // it loaded: offer it again on the next start
    emit modelLoaded(dir);
  });
  thread_.setObjectName(QStringLiteral("stts-ask"));
  thread_.start();
  setModelFolder(lastModelFolder());
  retranslate();
}

AskPanel::~AskPanel() {
  if (cancel_) cancel_->cancel();
  thread_.quit();
  thread_.wait();
}

QString AskPanel::modelFolder() const {
  return modelEdit_->text().trimmed();
}

void AskPanel::setModelFolder(const QString& dir) {
  modelEdit_->setText(dir);
}

void AskPanel::setQuestion(const QString& text) {
  question_->setPlainText(text);
}

void AskPanel::setMaxNewTokens(int tokens) {
  maxNewTokens_->setValue(tokens);
}

int AskPanel::maxNewTokens() const {
  return maxNewTokens_->value();
}

void AskPanel::setSampling(const stts::SamplingSpec& spec) {
  exactSampling_ = spec;
  maxFrames_->setValue(spec.maxFrames);
  maxFps_->setValue(spec.maxFps);
}

stts::SamplingSpec AskPanel::sampling() const {
  stts::SamplingSpec spec{maxFrames_->value(), maxFps_->value()};
  // The box shows two decimals: a rate it only rounded (a run's 1.333 fps) must not count as a
  // change, or the video would be sampled again at slightly different times.
  if (std::abs(spec.maxFps - exactSampling_.maxFps) < 0.5 * std::pow(10.0, -maxFps_->decimals())) {
    spec.maxFps = exactSampling_.maxFps;
  }
  return spec;
}

namespace {

bool selectData(QComboBox* box, const QString& value) {
  const int index = box->findData(value);
  if (index < 0) return false;
  box->setCurrentIndex(index);
  return true;
}

}  // namespace

bool AskPanel::setDevice(const QString& device) {
  return selectData(device_, device);
}

QString AskPanel::device() const {
  return device_->currentData().toString();
}

bool AskPanel::setDtype(const QString& dtype) {
  return selectData(dtype_, dtype);
}

QString AskPanel::dtype() const {
  return dtype_->currentData().toString();
}

bool AskPanel::setMethod(const QString& method) {
  return selectData(method_, method);
}

QString AskPanel::method() const {
  return method_->currentData().toString();
}

void AskPanel::setKeepRatio(double ratio) {
  keep_->setValue(ratio);
}

QString AskPanel::answerText() const {
  return answer_;
}

// The CPU always; CUDA devices only when the engine says CUDA can be used, so a CPU-only build
// never offers a choice that would fail.
void AskPanel::fillDevices() {
  const stts::RuntimeInfo runtime = stts::runtimeInfo();
  device_->clear();
  for (const stts::DeviceInfo& device : runtime.devices) {
    const QString name = QString::fromStdString(device.name);
    if (name != QLatin1String("cpu") && !runtime.cudaAvailable) continue;
    device_->addItem(name, name);
    device_->setItemData(device_->count() - 1, QString::fromStdString(device.description),
                         Qt::ToolTipRole);
  }
  if (device_->findData(QStringLiteral("cpu")) < 0) {
    device_->insertItem(0, QStringLiteral("cpu"), QStringLiteral("cpu"));
  }
  device_->setCurrentIndex(0);
}

void AskPanel::setVideo(LoadedVideoPtr video) {
  video_ = std::move(video);
  // The limits follow the frames on screen, so Run reuses them unless the user changes a limit.
  if (video_ && !isRunning()) setSampling(video_->sampling);
}

void AskPanel::suggestModelFolder(const QString& dir) {
  if (modelFolder().isEmpty() && !dir.isEmpty() && QFileInfo(dir).isDir()) setModelFolder(dir);
}

bool AskPanel::isDemoModel() const {
  return isDemoModelFolder(modelFolder());
}

void AskPanel::updateDemoLabel() {
  demoLabel_->setVisible(isDemoModel());
}

void AskPanel::chooseModelFolder() {
  const QString dir = QFileDialog::getExistingDirectory(
      this, tr("Choose Model Folder"),
      modelFolder().isEmpty() ? startFolder(FolderKind::Models) : modelFolder());
  if (dir.isEmpty()) return;
  rememberFolder(FolderKind::Models, QFileInfo(dir).absolutePath());
  setModelFolder(dir);
}

void AskPanel::runQuestion() {
  if (isRunning()) return;
  const QString question = question_->toPlainText().trimmed();
  if (question.isEmpty() && video_ && !video_->points.empty() && !modelFolder().isEmpty()) {
    emit runFailed(tr("Type a question first."));
    return;
  }
  startRun(question);
}

void AskPanel::runVisionOnly() {
  if (isRunning()) return;
  startRun(QString());
}

void AskPanel::startRun(const QString& question) {
  QString problem;
  if (!video_ || video_->points.empty()) {
    problem = tr("Open a video before asking a question.");
  } else if (modelFolder().isEmpty() || !QFileInfo(modelFolder()).isDir()) {
    problem = tr("Choose a model folder first.");
  }
  if (!problem.isEmpty()) {
    emit runFailed(problem);
    return;
  }
  updateDemoLabel();
  AskJob job;
  job.id = ++lastJob_;
  job.modelDir = QFileInfo(modelFolder()).absoluteFilePath();
  job.device = device();
  job.dtype = dtype();
  job.video = video_;
  job.request.videoPath = QFile::encodeName(video_->path).toStdString();
  job.request.sampling = sampling();
  job.request.question = question.toStdString();
  job.request.method = method_->currentData().toString().toStdString();
  job.request.keepRatio = keep_->value();
  job.request.maxNewTokens = maxNewTokens_->value();
  runOptions_->applyTo(job.request);
  cancel_ = std::make_shared<stts::CancelToken>();
  job.cancel = cancel_;
  currentJob_ = job.id;
  answerBeforeRun_ = answer_;
  answer_.clear();
  progress_->setRange(0, 0);
  progress_->setFormat(tr("Starting…"));
  setRunning(true);
  emit answerStreamed(QString());
  QMetaObject::invokeMethod(
      worker_, [worker = worker_, job] { worker->run(job); }, Qt::QueuedConnection);
}

void AskPanel::cancelQuestion() {
  if (!isRunning()) return;
  cancel_->cancel();
  currentJob_ = 0;  // whatever the job still sends is dropped
  answer_ = answerBeforeRun_;
  progress_->setRange(0, 1);
  progress_->setValue(0);
  progress_->setFormat(tr("Cancelled"));
  setRunning(false);
  emit answerStreamed(answerBeforeRun_);
  emit runCancelled();
}

void AskPanel::setRunning(bool running) {
  runButton_->setEnabled(!running);
  cancelButton_->setEnabled(running);
  modelEdit_->setEnabled(!running);
  modelButton_->setEnabled(!running);
  for (QWidget* option : std::initializer_list<QWidget*>{device_, dtype_, maxFrames_, maxFps_}) {
    option->setEnabled(!running);
  }
  emit runningChanged(running);
}

void AskPanel::onProgress(quint64 job, const QString& stage, qint64 done, qint64 total) {
  if (job != currentJob_) return;
  if (total > 0) {
    progress_->setRange(0, int(std::min<qint64>(total, 1 << 30)));
    progress_->setValue(int(std::min<qint64>(done, total)));
  } else {
    progress_->setRange(0, 0);
  }
  progress_->setFormat(stage == QLatin1String("load") ? tr("Loading the model…")
                                                      : tr("%1: %p %").arg(stage));
}

void AskPanel::onToken(quint64 job, const QString& text) {
  if (job != currentJob_) return;
  answer_ += text;
  emit answerStreamed(answer_);
}

void AskPanel::onFinished(quint64 job, LoadedRunPtr run) {
  if (job != currentJob_) return;
  currentJob_ = 0;
  answer_ = QString::fromStdString(run->run->answer);
  progress_->setRange(0, 1);
  progress_->setValue(1);
  progress_->setFormat(tr("Done"));
  setRunning(false);
  emit answerStreamed(answer_);
  emit runFinished(std::move(run));
}

void AskPanel::onFailed(quint64 job, const QString& message) {
  if (job != currentJob_) return;
  currentJob_ = 0;
  progress_->setRange(0, 1);
  progress_->setValue(0);
  progress_->setFormat(tr("Failed"));
  answer_ = answerBeforeRun_;
  setRunning(false);
  emit answerStreamed(answerBeforeRun_);
  emit runFailed(message);
}

void AskPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QDockWidget::changeEvent(event);
}

void AskPanel::retranslate() {
  setWindowTitle(tr("Ask"));
  modelLabel_->setText(tr("Model folder:"));
  modelButton_->setText(tr("Model…"));
  demoLabel_->setText(tr("Demo model: answers are not meaningful"));
  methodLabel_->setText(tr("Method:"));
  keepLabel_->setText(tr("Keep ratio:"));
  maxFramesLabel_->setText(tr("Max frames:"));
  maxFramesLabel_->setToolTip(tr("At most this many frames are sampled from the video."));
  maxFpsLabel_->setText(tr("Max fps:"));
  maxFpsLabel_->setToolTip(tr("Sampled frames are at least 1/fps seconds apart."));
  deviceLabel_->setText(tr("Device:"));
  dtypeLabel_->setText(tr("Dtype:"));
  dtype_->setItemData(0, tr("bfloat16 on CUDA, float32 on the CPU"), Qt::ToolTipRole);
  maxNewTokensLabel_->setText(tr("Max tokens:"));
  maxNewTokensLabel_->setToolTip(tr("The answer stops after this many new tokens."));
  questionLabel_->setText(tr("Question:"));
  question_->setAccessibleName(tr("Question"));
  runButton_->setText(tr("Run"));
  cancelButton_->setText(tr("Cancel"));
}

}  // namespace stts::ui
