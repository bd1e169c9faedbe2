#include "ask/ask_worker.h"

#include <QElapsedTimer>
#include <QFile>
#include <string>
#include <string_view>

#include "common/engine_error.h"
#include "stts/generate.h"
#include "stts/model.h"
#include "stts/pipeline.h"
#include "stts/runfile.h"
#include "stts/video.h"

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

bool AskWorker::ensureModel(const AskJob& job) {
  const QString key = job.modelDir + QLatin1Char('\n') + job.device + QLatin1Char('\n') + job.dtype;
  if (model_ && modelKey_ == key) return true;
  model_.reset();
  modelKey_.clear();
  emit progress(job.id, QStringLiteral("load"), 0, 1);
  stts::DeviceSpec spec;
  spec.device = job.device.toStdString();
  spec.dtype = job.dtype.toStdString();
  // A vision-only run never needs the language model; a later question reloads with it.
  spec.loadLanguageModel = !job.request.question.empty();
  auto loaded = stts::Model::load(QFile::encodeName(job.modelDir).toStdString(), spec);
  if (!loaded) {
    emit failed(job.id, engineErrorText(loaded.error()));
    return false;
  }
  model_ = std::make_unique<stts::Model>(std::move(loaded.value()));
  modelKey_ = key;
  emit modelLoaded(job.modelDir);
  return true;
}

LoadedVideoPtr AskWorker::framesFor(const AskJob& job, std::vector<stts::SampledFrame>* frames,
                                    double* decodeMilliseconds) {
  const stts::SamplingSpec& want = job.request.sampling;
  const stts::SamplingSpec& have = job.video->sampling;
  QElapsedTimer clock;
  clock.start();
  emit progress(job.id, QStringLiteral("decode"), 0, 0);
  if (want.maxFrames == have.maxFrames && want.maxFps == have.maxFps) {
    // The frames on screen, at full resolution: the window holds only drawing copies.
    auto full = job.video->store->fullFrames(job.cancel.get());
    if (!full) {
      if (!job.cancel->isCancelled()) {
        emit failed(job.id,
                    tr("The frames could not be decoded: %1").arg(engineErrorText(full.error())));
      }
      return nullptr;
    }
    *frames = std::move(full.value());
    *decodeMilliseconds = double(clock.nsecsElapsed()) / 1e6;
    return job.video;
  }
  auto source = stts::VideoSource::open(QFile::encodeName(job.video->path).toStdString());
  if (!source) {
    emit failed(job.id, tr("The video could not be sampled again with the chosen frame limits: %1")
                            .arg(engineErrorText(source.error())));
    return nullptr;
  }
  auto sampled = source->sample(want, job.cancel.get());
  if (!sampled || sampled->empty()) {
    if (!job.cancel->isCancelled()) {
      emit failed(job.id, tr("The video could not be sampled again with the chosen frame "
                             "limits: %1")
                              .arg(sampled ? tr("it has no decodable frames.")
                                           : engineErrorText(sampled.error())));
    }
    return nullptr;
  }
  auto video = std::make_shared<LoadedVideo>(*job.video);
  video->sampling = want;
  video->points.clear();
  for (const stts::SampledFrame& frame : *sampled) video->points.push_back(frame.point);
  video->displayAspect = 0.0;  // real video frames again, drawn at their own aspect
  // The run is shown over these frames: drawing copies made now, from the frames in hand.
  video->store = std::make_shared<FrameStore>(
      video->path, video->points, QSize(video->info.displayWidth, video->info.displayHeight),
      job.video->store->limits());
  video->store->fillFrom(*sampled);
  // Made on this thread; it lives with the window, so it belongs to the window's thread.
  video->store->moveToThread(job.video->store->thread());
  *frames = std::move(sampled.value());
  *decodeMilliseconds = double(clock.nsecsElapsed()) / 1e6;
  return video;
}

void AskWorker::run(const AskJob& job) {
  const stts::CancelToken& cancel = *job.cancel;
  if (cancel.isCancelled()) {
    emit cancelled(job.id);
    return;
  }
  // A vision-only run works with a model loaded without its LLM; a question needs it.
  if (model_ && !job.request.question.empty() && !model_->info().languageModelLoaded) {
    model_.reset();
  }
  if (!ensureModel(job)) return;
  if (cancel.isCancelled()) {
    emit cancelled(job.id);
    return;
  }
  double decodeMilliseconds = -1.0;
  std::vector<stts::SampledFrame> frames;
  const LoadedVideoPtr video = framesFor(job, &frames, &decodeMilliseconds);
  if (!video) {
    if (cancel.isCancelled()) emit cancelled(job.id);
    return;
  }

  stts::RunRequest request = job.request;
  request.modelPath = QFile::encodeName(job.modelDir).toStdString();
  request.device = model_->info().device;
  request.dtype = model_->info().dtype;
  RelayProgress relayProgress(this, job.id);
  RelayTokens relayTokens(this, job.id);
  auto result = request.question.empty()
                    ? stts::runVision(*model_, request, frames, relayProgress, cancel)
                    : stts::runFull(*model_, request, frames, relayProgress, cancel, &relayTokens);
  frames.clear();  // the full-resolution frames are the model's only; the window has copies
  if (cancel.isCancelled()) {
    emit cancelled(job.id);
    return;
  }
  if (!result) {
    emit failed(job.id, engineErrorText(result.error()));
    return;
  }
  if (decodeMilliseconds >= 0.0) {
    const auto frameCount = int64_t(video->points.size());
    result->timings.insert(result->timings.begin(),
                           stts::StageTiming{"decode", decodeMilliseconds, "cpu", frameCount});
  }
  result->request = request;
  result->video = video->info;
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
  run->video = video;
  emit finished(job.id, std::move(run));
}

}  // namespace stts::ui
