#include "ask/ask_worker.h"

#include <QFile>
#include <string>
#include <string_view>

#include "stts/generate.h"
#include "stts/model.h"
#include "stts/runfile.h"

namespace stts::ui {

namespace {

class RelayProgress final : public stts::ProgressSink {
 public:
  RelayProgress(AskWorker* worker, quint64 job) : worker_(worker), job_(job) {}
  void progress(std::string_view stage, long long done, long long total) override {
    emit worker_->progress(job_, QString::fromUtf8(stage.data(), qsizetype(stage.size())), done,
                           total);
  }

 private:
  AskWorker* worker_;
  quint64 job_;
};

class RelayTokens final : public stts::TokenSink {
 public:
  RelayTokens(AskWorker* worker, quint64 job) : worker_(worker), job_(job) {}
  void token(int32_t, std::string_view text) override {
    if (text.empty()) return;
    emit worker_->token(job_, QString::fromUtf8(text.data(), qsizetype(text.size())));
  }

 private:
  AskWorker* worker_;
  quint64 job_;
};

std::string readWholeFile(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return file.readAll().toStdString();
}

}  // namespace

AskWorker::AskWorker() = default;
AskWorker::~AskWorker() = default;

void AskWorker::run(const AskJob& job) {
  const stts::CancelToken& cancel = *job.cancel;
  if (cancel.isCancelled()) {
    emit cancelled(job.id);
    return;
  }
  if (!model_ || modelDir_ != job.modelDir) {
    model_.reset();
    modelDir_.clear();
    emit progress(job.id, QStringLiteral("load"), 0, 1);
    auto loaded = stts::Model::load(QFile::encodeName(job.modelDir).toStdString());
    if (!loaded) {
      emit failed(job.id, QString::fromStdString(loaded.error().message));
      return;
    }
    model_ = std::make_unique<stts::Model>(std::move(loaded.value()));
    modelDir_ = job.modelDir;
    emit modelLoaded(job.modelDir);
  }
  if (cancel.isCancelled()) {
    emit cancelled(job.id);
    return;
  }

  stts::RunRequest request = job.request;
  request.modelPath = QFile::encodeName(job.modelDir).toStdString();
  request.device = model_->info().device;
  request.dtype = model_->info().dtype;
  RelayProgress relayProgress(this, job.id);
  RelayTokens relayTokens(this, job.id);
  auto result =
      stts::runFull(*model_, request, job.video->frames, relayProgress, cancel, &relayTokens);
  if (cancel.isCancelled()) {
    emit cancelled(job.id);
    return;
  }
  if (!result) {
    emit failed(job.id, QString::fromStdString(result.error().message));
    return;
  }
  result->request = request;
  result->video = job.video->info;
  if (auto identity = stts::fileIdentity(request.videoPath)) {
    result->videoFileSize = identity->size;
    result->videoMtime = identity->mtime;
    result->videoHeadHash = identity->headHash;
  }
  result->modelConfigHash =
      stts::sha256Hex(readWholeFile(job.modelDir + QStringLiteral("/config.json")));
  result->modelHasScorer = model_->info().hasScorer;

  auto run = std::make_shared<LoadedRun>();
  run->run = std::make_shared<const stts::RunResult>(std::move(result.value()));
  run->video = job.video;
  emit finished(job.id, std::move(run));
}

}  // namespace stts::ui
