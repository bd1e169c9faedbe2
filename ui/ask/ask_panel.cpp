#include "ask/ask_panel.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

#include "ask/ask_worker.h"

namespace stts::ui {

namespace {

// Below this LLM width a checkpoint is a test or demo model (the tiny model is 64 wide; the
// smallest real Molmo2 LLM is 2560 wide): its answers are noise.
constexpr qint64 kSmallestRealHiddenSize = 512;

}  // namespace

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
  method_->addItem(QStringLiteral("stts"), QStringLiteral("stts"));
  method_->addItem(QStringLiteral("none"), QStringLiteral("none"));
  methodLabel_ = new QLabel(body);
  form->addRow(methodLabel_, method_);
  keep_ = new QDoubleSpinBox(body);
  keep_->setRange(0.0, 1.0);
  keep_->setSingleStep(0.05);
  keep_->setDecimals(2);
  keep_->setValue(0.5);
  keepLabel_ = new QLabel(body);
  form->addRow(keepLabel_, keep_);
  layout->addLayout(form);

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

  answerLabel_ = new QLabel(body);
  answer_ = new QPlainTextEdit(body);
  answer_->setObjectName(QStringLiteral("askAnswer"));
  answer_->setReadOnly(true);
  layout->addWidget(answerLabel_);
  layout->addWidget(answer_, 1);
  setWidget(body);

  connect(modelButton_, &QPushButton::clicked, this, &AskPanel::chooseModelFolder);
  connect(runButton_, &QPushButton::clicked, this, &AskPanel::runQuestion);
  connect(cancelButton_, &QPushButton::clicked, this, &AskPanel::cancelQuestion);
  connect(modelEdit_, &QLineEdit::textChanged, this, &AskPanel::updateDemoLabel);

  worker_ = new AskWorker;
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &AskWorker::progress, this, &AskPanel::onProgress);
  connect(worker_, &AskWorker::token, this, &AskPanel::onToken);
  connect(worker_, &AskWorker::finished, this, &AskPanel::onFinished);
  connect(worker_, &AskWorker::failed, this, &AskPanel::onFailed);
  connect(worker_, &AskWorker::modelLoaded, this, [this](const QString& dir) {
    ++modelLoads_;
    emit modelLoaded(dir);
  });
  thread_.setObjectName(QStringLiteral("stts-ask"));
  thread_.start();
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

void AskPanel::setVideo(LoadedVideoPtr video) {
  video_ = std::move(video);
}

void AskPanel::suggestModelFolder(const QString& dir) {
  if (modelFolder().isEmpty() && !dir.isEmpty() && QFileInfo(dir).isDir()) setModelFolder(dir);
}

bool AskPanel::isDemoModel() const {
  const QString dir = modelFolder();
  if (dir.isEmpty()) return false;
  QFile file(QDir(dir).filePath(QStringLiteral("config.json")));
  if (!file.open(QIODevice::ReadOnly)) return false;
  const QJsonObject config = QJsonDocument::fromJson(file.readAll()).object();
  const QJsonValue hidden =
      config.value(QStringLiteral("text_config")).toObject().value(QStringLiteral("hidden_size"));
  return hidden.isDouble() && hidden.toInteger() < kSmallestRealHiddenSize;
}

void AskPanel::updateDemoLabel() {
  demoLabel_->setVisible(isDemoModel());
}

void AskPanel::chooseModelFolder() {
  const QString dir = QFileDialog::getExistingDirectory(
      this, tr("Choose Model Folder"), modelFolder().isEmpty() ? QDir::homePath() : modelFolder());
  if (!dir.isEmpty()) setModelFolder(dir);
}

void AskPanel::runQuestion() {
  if (isRunning()) return;
  const QString question = question_->toPlainText().trimmed();
  QString problem;
  if (!video_ || video_->frames.empty()) {
    problem = tr("Open a video before asking a question.");
  } else if (modelFolder().isEmpty() || !QFileInfo(modelFolder()).isDir()) {
    problem = tr("Choose a model folder first.");
  } else if (question.isEmpty()) {
    problem = tr("Type a question first.");
  }
  if (!problem.isEmpty()) {
    emit runFailed(problem);
    return;
  }
  updateDemoLabel();
  AskJob job;
  job.id = ++lastJob_;
  job.modelDir = QFileInfo(modelFolder()).absoluteFilePath();
  job.video = video_;
  job.request.videoPath = QFile::encodeName(video_->path).toStdString();
  job.request.sampling = video_->sampling;
  job.request.question = question.toStdString();
  job.request.method = method_->currentData().toString().toStdString();
  job.request.keepRatio = keep_->value();
  job.request.maxNewTokens = maxNewTokens_;
  cancel_ = std::make_shared<stts::CancelToken>();
  job.cancel = cancel_;
  currentJob_ = job.id;
  answerBeforeRun_ = answer_->toPlainText();
  answer_->clear();
  progress_->setRange(0, 0);
  progress_->setFormat(tr("Starting…"));
  setRunning(true);
  QMetaObject::invokeMethod(
      worker_, [worker = worker_, job] { worker->run(job); }, Qt::QueuedConnection);
}

void AskPanel::cancelQuestion() {
  if (!isRunning()) return;
  cancel_->cancel();
  currentJob_ = 0;  // whatever the job still sends is dropped
  answer_->setPlainText(answerBeforeRun_);
  progress_->setRange(0, 1);
  progress_->setValue(0);
  progress_->setFormat(tr("Cancelled"));
  setRunning(false);
  emit runCancelled();
}

void AskPanel::setRunning(bool running) {
  runButton_->setEnabled(!running);
  cancelButton_->setEnabled(running);
  modelEdit_->setEnabled(!running);
  modelButton_->setEnabled(!running);
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
  answer_->moveCursor(QTextCursor::End);
  answer_->insertPlainText(text);
}

void AskPanel::onFinished(quint64 job, LoadedRunPtr run) {
  if (job != currentJob_) return;
  currentJob_ = 0;
  answer_->setPlainText(QString::fromStdString(run->run->answer));
  progress_->setRange(0, 1);
  progress_->setValue(1);
  progress_->setFormat(tr("Done"));
  setRunning(false);
  emit runFinished(std::move(run));
}

void AskPanel::onFailed(quint64 job, const QString& message) {
  if (job != currentJob_) return;
  currentJob_ = 0;
  progress_->setRange(0, 1);
  progress_->setValue(0);
  progress_->setFormat(tr("Failed"));
  setRunning(false);
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
  questionLabel_->setText(tr("Question:"));
  runButton_->setText(tr("Run"));
  cancelButton_->setText(tr("Cancel"));
  answerLabel_->setText(tr("Answer:"));
  question_->setAccessibleName(tr("Question"));
  answer_->setAccessibleName(tr("Answer"));
}

}  // namespace stts::ui
