// Scorer fitting (docs/molmo2-spec.md §6.4, §6.9). The frozen ViT runs once per video up to
// block prune_at; only the scorer (pooling attention + MLP) is trained, full batch, with Adam.
#include "stts/fit.h"

#include <torch/torch.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "fit_output.h"
#include "stts/checkpoint/tensor_names.h"
#include "stts/model.h"
#include "stts/model/model_impl.h"
#include "stts/model/preprocess.h"
#include "stts/model/scorer.h"
#include "stts/model/vit.h"
#include "stts/video.h"

namespace stts {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// One training clip: block-prune_at features and the §6.9 targets, computed once (no grad).
struct Clip {
  at::Tensor h;       // [T, N, W] fp32
  at::Tensor target;  // [T-1, C]: 1 - cos(block of cell c in frame t, same in frame t+1)
};

Clip prepareClip(const detail::ModelImpl& m, const std::vector<SampledFrame>& frames,
                 const at::Tensor& cellIdx, int64_t pruneAt) {
  torch::NoGradGuard noGrad;
  const auto& cfg = m.info.config;
  at::Tensor u8 = model::resizeFrames(frames, cfg.vit.imageHeight, cfg.vit.imageWidth);
  at::Tensor h = model::vitEmbed(m.vit, model::patchify(u8, cfg.vit.patchSize).to(m.device));
  for (int64_t b = 0; b <= pruneAt; ++b) h = model::vitBlock(m.vit, b, h);
  h = h.to(at::kFloat).contiguous();
  const int64_t t = h.size(0), cells = cellIdx.size(0);
  at::Tensor blocks = h.index_select(1, cellIdx.reshape({-1})).reshape({t, cells, -1});
  at::Tensor sim = at::cosine_similarity(blocks.narrow(0, 0, t - 1), blocks.narrow(0, 1, t - 1),
                                         /*dim=*/-1, /*eps=*/1e-8);
  return {h, (1.0 - sim).contiguous()};
}

// Trainable copies of the scorer weights, by checkpoint name, plus the typed view over them.
struct Trainable {
  std::map<std::string, at::Tensor> byName;
  model::ScorerWeights view;
};

Trainable makeTrainable(const detail::ModelImpl& m) {
  Trainable tr;
  auto leaf = [&](const std::string& name) {
    at::Tensor t = m.weight(name).detach().to(at::kFloat).clone().set_requires_grad(true);
    tr.byName[name] = t;
    return t;
  };
  auto pool = [&](const char* p, const char* kind) {
    return leaf(ckpt::names::scorer(std::string("patch_token_pooler.") + p + "." + kind));
  };
  auto& v = tr.view;
  v.heads = m.scorer->heads;
  v.headDim = m.scorer->headDim;
  v.pool = {pool("wq", "weight"), pool("wq", "bias"), pool("wk", "weight"), pool("wk", "bias"),
            pool("wv", "weight"), pool("wv", "bias"), pool("wo", "weight"), pool("wo", "bias")};
  v.w1 = leaf(ckpt::names::scorer("mlp.w1.weight"));
  v.b1 = leaf(ckpt::names::scorer("mlp.w1.bias"));
  v.w2 = leaf(ckpt::names::scorer("mlp.w2.weight"));
  v.b2 = leaf(ckpt::names::scorer("mlp.w2.bias"));
  v.w3 = leaf(ckpt::names::scorer("mlp.w3.weight"));
  v.b3 = leaf(ckpt::names::scorer("mlp.w3.bias"));
  return tr;
}

// 0.5 * mean over frames t >= 1 and cells of (score[t, c] - target[t-1, c])^2, pooled over
// every clip (a frame of any clip weighs the same).
at::Tensor lossOf(const model::ScorerWeights& w, const std::vector<Clip>& clips,
                  const at::Tensor& cellIdx) {
  std::vector<at::Tensor> diffs;
  for (const auto& c : clips) {
    at::Tensor score = model::scoreCells(w, c.h, cellIdx);
    diffs.push_back((score.narrow(0, 1, score.size(0) - 1) - c.target).reshape({-1}));
  }
  return 0.5 * at::cat(diffs).pow(2).mean();
}

std::string logJson(const FitRequest& r, const FitResult& res) {
  nlohmann::json j;
  j["steps"] = r.steps;
  j["lr"] = r.learningRate;
  j["seed"] = r.seed;
  j["max_frames"] = r.maxFrames;
  j["max_fps"] = r.maxFps;
  j["videos"] = res.videosUsed;
  nlohmann::json skipped = nlohmann::json::array();
  for (const auto& s : res.skipped) skipped.push_back({{"path", s.path}, {"error", s.error}});
  j["skipped"] = skipped;
  j["frames"] = res.framesUsed;
  j["losses"] = res.losses;
  j["first_loss"] = res.firstLoss;
  j["last_loss"] = res.lastLoss;
  j["training_seconds"] = res.trainingSeconds;
  j["seconds"] = res.seconds;
  j["objective"] = "0.5*mean((score[t]-(1-cos(h[t-1],h[t])))^2), docs/molmo2-spec.md 6.9";
  return j.dump(2) + "\n";
}

Expected<FitResult> fitImpl(const FitRequest& r, ProgressSink& progress,
                            const CancelToken& cancel) {
  const auto started = Clock::now();
  if (r.steps < 1) return makeError(ErrorCode::InvalidArgument, "steps must be at least 1");
  if (!(r.learningRate > 0.0))
    return makeError(ErrorCode::InvalidArgument, "the learning rate must be above 0");
  if (r.maxFrames < 2)
    return makeError(ErrorCode::InvalidArgument, "fitting needs at least 2 frames per video");
  if (r.videos.empty()) return makeError(ErrorCode::InvalidArgument, "no training videos given");
  // Fail before minutes of work, not after: the same check runs again right before writing.
  if (auto ok = fit::checkOutputDir(r.outputDir, r.overwrite); !ok) return ok.error();

  DeviceSpec spec;
  spec.device = "cpu";
  spec.dtype = "float32";
  spec.cpuThreads = r.cpuThreads;
  spec.loadLanguageModel = false;
  auto loaded = Model::load(r.modelDir, spec);
  if (!loaded) return loaded.error();
  const detail::ModelImpl& m = loaded->impl();
  if (!m.scorer)
    return makeError(ErrorCode::InvalidArgument,
                     r.modelDir + " has no STTS temporal token scorer to fit");
  const auto& cfg = m.info.config;
  const int64_t gh = cfg.vit.imageHeight / cfg.vit.patchSize;
  const int64_t gw = cfg.vit.imageWidth / cfg.vit.patchSize;
  if (gh % 3 != 0 || gw % 3 != 0)
    return makeError(ErrorCode::Unsupported, "the patch grid does not divide into 3x3 cells");
  // Same clamp as the pipeline: the scorer reads block prune_at (at most the second-last block).
  const int64_t lastBlock = cfg.vitBlocksUsed() - 1;
  const int64_t pruneAt = std::min(cfg.stts.pruneAt, std::max<int64_t>(lastBlock - 1, 0));
  const at::Tensor cellIdx = model::cellPatchIndex(gh, gw, 3);

  FitResult res;
  std::vector<Clip> clips;
  SamplingSpec sampling;
  sampling.maxFrames = r.maxFrames;
  sampling.maxFps = r.maxFps;
  for (const auto& path : r.videos) {
    if (cancel.isCancelled()) return makeError(ErrorCode::Cancelled, "fitting was cancelled");
    auto source = VideoSource::open(path);
    if (!source) {
      res.skipped.push_back({path, source.error().message});
      continue;
    }
    auto frames = source->sample(sampling, &cancel);
    if (!frames) {
      if (frames.error().code == ErrorCode::Cancelled) return frames.error();
      res.skipped.push_back({path, frames.error().message});
      continue;
    }
    if (frames->size() < 2) {
      res.skipped.push_back({path, "it yields fewer than 2 sampled frames"});
      continue;
    }
    clips.push_back(prepareClip(m, *frames, cellIdx, pruneAt));
    res.videosUsed.push_back(path);
    res.framesUsed += static_cast<int64_t>(frames->size());
  }
  if (clips.empty()) {
    std::string why = res.skipped.empty() ? "" : " (" + res.skipped.front().error + ")";
    return makeError(ErrorCode::InvalidData, "none of the videos could be used" + why);
  }

  // Full-batch Adam: no sampling, so the seed only fixes anything random LibTorch might add.
  torch::manual_seed(r.seed);
  Trainable tr = makeTrainable(m);
  std::vector<at::Tensor> params;
  for (auto& [name, t] : tr.byName) params.push_back(t);
  torch::optim::Adam adam(params, torch::optim::AdamOptions(r.learningRate));
  const auto trainStart = Clock::now();
  progress.progress("fit", 0, r.steps);
  for (int step = 1; step <= r.steps; ++step) {
    if (cancel.isCancelled()) return makeError(ErrorCode::Cancelled, "fitting was cancelled");
    adam.zero_grad();
    at::Tensor loss = lossOf(tr.view, clips, cellIdx);
    loss.backward();
    adam.step();
    res.losses.push_back(loss.item<double>());
    if (r.onStep) r.onStep(step, res.losses.back());
    progress.progress("fit", step, r.steps);
  }
  res.trainingSeconds = secondsSince(trainStart);
  res.firstLoss = res.losses.front();
  res.lastLoss = res.losses.back();
  if (cancel.isCancelled()) return makeError(ErrorCode::Cancelled, "fitting was cancelled");

  res.outputDir = r.outputDir;
  res.seconds = secondsSince(started);
  auto written =
      fit::writeFittedModel(r.modelDir, r.outputDir, tr.byName, logJson(r, res), r.overwrite);
  if (!written) return written.error();
  res.rewrittenFiles = std::move(*written);
  res.seconds = secondsSince(started);
  return res;
}

}  // namespace

Expected<FitResult> fitScorer(const FitRequest& request, ProgressSink& progress,
                              const CancelToken& cancel) {
  try {
    return fitImpl(request, progress, cancel);
  } catch (const std::exception& e) {
    return detail::errorFromException(e, "fit", false);
  }
}

}  // namespace stts
