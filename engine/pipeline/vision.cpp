// The vision half of a run (design.md §4, docs/molmo2-spec.md §2 and §6.3): stage by stage. Stage
// edges are CUDA events on the GPU (read after the run, no synchronise inside it) and the host
// clock on the CPU (model::StageClock).
#include <sys/resource.h>
#include <torch/torch.h>
#include <torch/version.h>

#include <chrono>
#include <string>

#include "stts/methods.h"
#include "stts/model/device_metrics.h"
#include "stts/model/model_impl.h"
#include "stts/model/preprocess.h"
#include "stts/pipeline/vision_internal.h"
#include "vision_select.h"

namespace stts::pipeline {
namespace {

struct CancelledSignal {};

int64_t processPeakBytes() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<int64_t>(u.ru_maxrss) * 1024;  // Linux reports KiB
}

template <typename T>
std::vector<T> toVector(const at::Tensor& t) {
  at::Tensor c = t.to(at::kCPU).contiguous();
  return std::vector<T>(c.data_ptr<T>(), c.data_ptr<T>() + c.numel());
}

Expected<void> validate(const detail::ModelImpl& m, const RunRequest& r, int64_t frames,
                        int64_t height, int64_t width) {
  const auto& cfg = m.info.config;
  const MethodInfo* method = findPruningMethod(r.method);
  if (!method) {
    return makeError(ErrorCode::InvalidArgument,
                     "unknown method \"" + r.method + "\"; valid methods: " + pruningMethodNames());
  }
  if (!isTapPoint(r.tapPoint)) {
    return makeError(ErrorCode::InvalidArgument,
                     "unknown tap point \"" + r.tapPoint + "\"; use connector or vit");
  }
  if (!isBudgetPolicy(r.budgetPolicy)) {
    return makeError(ErrorCode::InvalidArgument,
                     "unknown budget policy \"" + r.budgetPolicy + "\"; use equal or native");
  }
  if (r.method == "stts" && !m.scorer) {
    return makeError(ErrorCode::Unsupported,
                     "method stts needs a checkpoint with the STTS token scorer; this model has "
                     "none (use --method none)");
  }
  if (!(r.keepRatio >= 0.0 && r.keepRatio <= 1.0)) {
    return makeError(ErrorCode::InvalidArgument, "keep ratio must be between 0 and 1");
  }
  if (frames <= 0) return makeError(ErrorCode::InvalidArgument, "no frames to run the model on");
  if (height != cfg.vit.imageHeight || width != cfg.vit.imageWidth) {
    return makeError(ErrorCode::Internal, "frames are not at the model input size");
  }
  const int64_t gh = height / cfg.vit.patchSize, gw = width / cfg.vit.patchSize;
  if (gh % 3 != 0 || gw % 3 != 0 || gh * gw != cfg.vit.numPositions) {
    return makeError(ErrorCode::Unsupported,
                     "the video path needs a patch grid divisible by 3 that matches "
                     "image_num_pos; this config has " +
                         std::to_string(gh) + "x" + std::to_string(gw));
  }
  const bool prunesInVit =
      method->actsOn == MethodStage::VitScorer || method->actsOn == MethodStage::VitInput;
  const int64_t firstPruned = cfg.stts.pruneAt + (method->actsOn == MethodStage::VitScorer ? 2 : 1);
  if (prunesInVit && firstPruned >= cfg.vitBlocksUsed()) {
    return makeError(ErrorCode::Unsupported, "prune_at (" + std::to_string(cfg.stts.pruneAt) +
                                                 ") leaves no ViT block to prune");
  }
  return {};
}

}  // namespace

Expected<VisionOutput> runVisionFrames(Model& model, const RunRequest& request,
                                       const at::Tensor& framesU8, ProgressSink& progress,
                                       const CancelToken& cancel, const VisionOptions& options) {
  detail::ModelImpl& m = model.impl();
  const auto& cfg = m.info.config;
  const int64_t t = framesU8.size(0);
  if (auto ok = validate(m, request, t, framesU8.size(1), framesU8.size(2)); !ok) return ok.error();
  std::string stage = "preprocess";
  try {
    torch::NoGradGuard noGrad;
    VisionOutput out;
    RunResult& res = out.result;
    res.request = request;
    res.frames = static_cast<int>(t);
    res.modelHasScorer = m.scorer.has_value();
    res.inputHeight = static_cast<int>(framesU8.size(1));
    res.inputWidth = static_cast<int>(framesU8.size(2));
    model::StageClock clock(m.device);
    model::resetPeakDeviceMemory(m.device);

    const int64_t p = cfg.vit.patchSize;
    const int64_t gh = cfg.vit.imageHeight / p, gw = cfg.vit.imageWidth / p, n = gh * gw;
    const int64_t cellsPerFrame = (gh / 3) * (gw / 3);
    const int64_t totalCells = t * cellsPerFrame;
    const MethodStage where = findPruningMethod(request.method)->actsOn;
    const bool stts = where == MethodStage::VitScorer;
    const bool atVitInput = where == MethodStage::VitInput;
    // EVS / VidCom2 read the connector output by default; tapped at the ViT they choose on the
    // block prune_at output and prune the ViT like the input baselines.
    // downsample pools the connector output, so it has no ViT tap.
    const bool pools = request.method == "downsample";
    const bool atVitTap =
        where == MethodStage::PostConnector && request.tapPoint == "vit" && !pools;
    const bool afterConnector = where == MethodStage::PostConnector && !atVitTap;
    const auto selector = prune::makeSelector(request.method);
    // The one count that selection, the prompt and the tests agree on.
    const int64_t keepCells =
        prune::keptCellCount(request.method, *prune::parseBudgetPolicy(request.budgetPolicy),
                             request.keepRatio, t, cfg.stts.pruneFromFrame, cellsPerFrame);
    const int64_t lastBlock = cfg.vitBlocksUsed() - 1;
    // Stage edges: for "none" the same block ranges are timed, so the charts compare like with
    // like (vit_post of "none" is the unpruned cost of the blocks STTS prunes).
    const int64_t pruneAt = std::min(cfg.stts.pruneAt, std::max<int64_t>(lastBlock - 1, 0));
    // STTS prunes after its soft-bias block; the ViT-input baselines (no bias) right after
    // prune_at (docs/baselines.md §2).
    const int64_t postFirst = atVitInput || atVitTap ? pruneAt + 1 : pruneAt + 2;
    const std::vector<int64_t> featureBlocks = cfg.vitFeatureBlocks();
    std::map<int64_t, at::Tensor> captured;
    auto captureFull = [&](int64_t b, const at::Tensor& h) {
      for (int64_t fb : featureBlocks)
        if (fb == b) captured[b] = h;
    };
    int64_t blocksDone = 0;
    const int64_t blocksTotal = lastBlock + 1;
    auto afterBlock = [&](int64_t) {
      progress.progress("vit", ++blocksDone, blocksTotal);
      if (cancel.isCancelled()) throw CancelledSignal{};
    };
    // Inside a block too, between slices of frames: a cancel is answered within a slice's time.
    const std::function<void()> betweenSlices = [&] {
      if (cancel.isCancelled()) throw CancelledSignal{};
    };

    clock.start();
    at::Tensor patches = model::patchify(framesU8, p).to(m.device);
    clock.stop("preprocess", t * n);

    stage = "vit_pre";
    clock.start();
    const at::Tensor cellIdx = model::cellPatchIndex(gh, gw, 3);
    at::Tensor h = model::vitEmbed(m.vit, patches);
    patches = at::Tensor();
    prune::SelectorResult chosen;  // the baseline's choice (ViT-input or post-connector)
    if (atVitInput) {              // the mask reads the ViT input, so it is chosen before block 0
      // Reported as its own stage after vit_pre (as STTS's select), without double counting.
      clock.nested("select", totalCells, [&] {
        chosen = baselines::selectOnPatches(*selector, request, h, cellIdx, keepCells);
      });
    }
    for (int64_t b = 0; b <= pruneAt; ++b) {
      h = vitBlockSliced(m.vit, b, h, {}, {}, betweenSlices);
      captureFull(b, h);
      afterBlock(b);
    }
    // Kept by handle only (blocks return new tensors) and copied after the last stage, so a
    // dump moves no timing edge.
    at::Tensor dumpBlock = options.dump ? h : at::Tensor();
    clock.stop("vit_pre", t * n);

    const int64_t budget = totalCells - keepCells;
    prune::Selection sel;
    std::vector<float> scores(static_cast<size_t>(totalCells), 1.0f);
    at::Tensor bias;
    if (atVitInput) {
      sel.keep = chosen.keep;
      sel.keptPerFrame = chosen.keptPerFrame;
      sel.removed = budget;
      scores = chosen.score;
    } else if (atVitTap) {
      stage = "select";
      clock.start();
      chosen = baselines::selectOnPatches(*selector, request, h, cellIdx, keepCells);
      sel.keep = chosen.keep;
      sel.keptPerFrame = chosen.keptPerFrame;
      sel.removed = budget;
      scores = chosen.score;
      clock.stop("select", totalCells);
    } else if (!afterConnector && where != MethodStage::InLlm) {
      stage = "select";
      clock.start();
      if (stts) {
        scores = toVector<float>(model::scoreCells(*m.scorer, h, cellIdx));
        sel = prune::selectLowest(prune::selectionScores(scores, cellsPerFrame), t, cellsPerFrame,
                                  budget);
        auto biasLog = prune::softBiasLog(scores, t, gh, gw, 3, cfg.stts.rescaleBiasMin);
        bias = at::tensor(biasLog, at::kFloat).view({t, 1, 1, n}).to(m.device);
      } else {
        sel = prune::selectLowest(scores, t, cellsPerFrame, 0);
      }
      clock.stop("select", totalCells);
    }
    if (sel.keep.empty()) sel = prune::selectLowest(scores, t, cellsPerFrame, 0);  // all kept

    if (!atVitInput && !atVitTap) {
      stage = "vit_bias";
      clock.start();
      if (pruneAt + 1 <= lastBlock) {
        h = vitBlockSliced(m.vit, pruneAt + 1, h, bias, {}, betweenSlices);
        captureFull(pruneAt + 1, h);
        afterBlock(pruneAt + 1);
      }
      clock.stop("vit_bias", t * n);
    }

    stage = "pack";
    clock.start();
    at::Tensor cellKeep = at::tensor(at::ArrayRef<uint8_t>(sel.keep), at::kByte).to(at::kBool);
    // Cell -> patch validity (pruning is at cell granularity).
    at::Tensor patchValid = at::zeros({t, n}, at::kBool);
    patchValid.index_copy_(1, cellIdx.reshape({-1}),
                           cellKeep.view({t, cellsPerFrame, 1})
                               .expand({t, cellsPerFrame, cellIdx.size(1)})
                               .reshape({t, -1}));
    std::vector<int32_t> counts(static_cast<size_t>(t));
    for (int64_t f = 0; f < t; ++f)
      counts[static_cast<size_t>(f)] =
          sel.keptPerFrame[static_cast<size_t>(f)] * static_cast<int32_t>(cellIdx.size(1));
    const prune::PackPlan plan = prune::ffdPack(counts, static_cast<int32_t>(n));
    at::Tensor lone = at::tensor(at::ArrayRef<uint8_t>(plan.lone), at::kByte).to(at::kBool);
    at::Tensor setMask = patchValid.logical_or(lone.view({t, 1}));
    int64_t packTokens = setMask.sum().item<int64_t>();
    clock.stop("pack", packTokens);

    stage = "vit_post";
    clock.start();
    int64_t postTokens = 0;
    if (postFirst <= lastBlock) {
      auto post = runPostBlocks(m.vit, h, setMask, patchValid, plan, options.post, postFirst,
                                lastBlock, featureBlocks, afterBlock, &postTokens, betweenSlices);
      for (auto& [b, x] : post) captured[b] = x;
    }
    h = at::Tensor();
    clock.stop("vit_post", postTokens);

    stage = "connector";
    clock.start();
    at::Tensor validDev = patchValid.to(m.device);
    for (int64_t fb : featureBlocks) {
      // Blocks before the prune point are full; zero pruned positions like the scattered ones.
      at::Tensor x = captured.at(fb);
      if (fb < postFirst) x = x * validDev.unsqueeze(-1).to(x.scalar_type());
      out.featureBlocks.push_back(x);
    }
    at::Tensor feats = at::cat(out.featureBlocks, -1);
    out.features = model::connect(m.connector, feats, validDev, cellIdx, cellKeep);
    clock.stop("connector", totalCells - sel.removed);

    if (afterConnector) {
      // The ViT and connector ran on every cell; only the LLM sees fewer tokens.
      stage = "select";
      clock.start();
      if (pools) {
        chosen = baselines::downsampleConnectorOutput(request, out.features, t, cellsPerFrame,
                                                      gw / 3, keepCells);
      } else {
        chosen = baselines::selectOnConnectorOutput(*selector, request, out.features, t,
                                                    cellsPerFrame, keepCells);
        std::vector<int64_t> keptRows;
        for (size_t i = 0; i < chosen.keep.size(); ++i)
          if (chosen.keep[i]) keptRows.push_back(static_cast<int64_t>(i));
        out.features =
            out.features.index_select(0, at::tensor(keptRows, at::kLong).to(out.features.device()));
      }
      sel.keep = chosen.keep;
      sel.keptPerFrame = chosen.keptPerFrame;
      sel.removed = budget;
      scores = chosen.score;
      cellKeep = at::tensor(at::ArrayRef<uint8_t>(sel.keep), at::kByte).to(at::kBool);
      clock.stop("select", totalCells);
    }

    res.scores = std::move(scores);
    res.keep = sel.keep;
    res.keptPerFrame = sel.keptPerFrame;
    res.visionTokensBefore = totalCells;
    res.visionTokensAfter = totalCells - sel.removed;
    std::vector<float> bins(plan.frameBin.begin(), plan.frameBin.end());
    std::vector<float> lones(plan.lone.begin(), plan.lone.end());
    res.extras["pack_bin"] = std::move(bins);
    res.extras["pack_lone"] = std::move(lones);
    res.extras["budget"] = {static_cast<float>(budget)};
    for (auto& [name, values] : chosen.extras) res.extras[name] = std::move(values);
    if (options.keepInputFrames) {
      at::Tensor c = framesU8.contiguous();
      res.inputFrames.assign(c.data_ptr<uint8_t>(), c.data_ptr<uint8_t>() + c.numel());
    }
    clock.finish(res.timings);
    res.timingClock = clock.clockName();
    res.peakMemoryBytes = processPeakBytes();
    res.peakDeviceMemoryBytes = model::peakDeviceMemoryBytes(m.device);
    res.versions["engine"] = STTS_VERSION;
    res.versions["libtorch"] = TORCH_VERSION;
    res.versions["device"] = m.device.str();
    res.versions["dtype"] = m.info.dtype;
    if (options.dump) {
      TensorDump& dump = *options.dump;
      const at::Tensor inputs = framesU8.contiguous();
      dump.set("input_frames", "U8", inputs.sizes().vec(), inputs.data_ptr<uint8_t>(),
               static_cast<size_t>(inputs.numel()));
      dumpAsFloat(dump, "vit_block_" + std::to_string(pruneAt), dumpBlock);
      dumpAsFloat(dump, "connector_output", out.features);
      dumpSelection(dump, res);
      dump.metadata["device"] = m.device.str();
      dump.metadata["dtype"] = m.info.dtype;
      dump.metadata["method"] = request.method;
      dump.metadata["prune_at"] = std::to_string(pruneAt);
    }
    out.patchValid = patchValid;
    out.cellKeep = cellKeep;
    return out;
  } catch (const CancelledSignal&) {
    return makeError(ErrorCode::Cancelled, "cancelled during " + stage);
  } catch (const std::exception& e) {
    return detail::errorFromException(e, stage, m.device.is_cuda());
  }
}

void dumpSelection(TensorDump& dump, const RunResult& run) {
  const std::vector<int64_t> shape = {run.frames, kCellsPerFrame};
  dump.set("scores", "F32", shape, run.scores.data(), run.scores.size());
  dump.set("keep", "U8", shape, run.keep.data(), run.keep.size());
}

Expected<VisionOutput> runVisionInternal(Model& model, const RunRequest& request,
                                         const std::vector<SampledFrame>& frames,
                                         ProgressSink& progress, const CancelToken& cancel,
                                         const VisionOptions& options) {
  const auto& cfg = model.info().config;
  if (frames.empty()) return makeError(ErrorCode::InvalidArgument, "no frames to run the model on");
  at::Tensor u8;
  const auto t0 = std::chrono::steady_clock::now();
  try {
    const auto total = static_cast<long long>(frames.size());
    progress.progress("preprocess", 0, total);
    u8 = model::resizeFrames(frames, cfg.vit.imageHeight, cfg.vit.imageWidth, [&](int64_t i) {
      progress.progress("preprocess", i + 1, total);
      if (cancel.isCancelled()) throw CancelledSignal{};
    });
  } catch (const CancelledSignal&) {
    return makeError(ErrorCode::Cancelled, "cancelled during preprocess");
  } catch (const std::invalid_argument& e) {
    return makeError(ErrorCode::InvalidArgument, e.what());
  } catch (const std::exception& e) {
    return detail::errorFromException(e, "preprocess", false);
  }
  const double resizeMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  auto out = runVisionFrames(model, request, u8, progress, cancel, options);
  if (!out) return out.error();
  RunResult& res = out->result;
  // The resize (CPU) belongs to the preprocess stage.
  for (auto& s : res.timings)
    if (s.name == "preprocess") s.milliseconds += resizeMs;
  for (const auto& f : frames) {
    res.frameTime.push_back(f.point.requestedTime);
    res.framePts.push_back(f.point.pts);
    res.frameNumber.push_back(f.point.frameNumber);
  }
  return out;
}

}  // namespace stts::pipeline

namespace stts {

Expected<RunResult> runVision(Model& model, const RunRequest& request,
                              const std::vector<SampledFrame>& frames, ProgressSink& progress,
                              const CancelToken& cancel, TensorDump* dump) {
  if (request.method == "fastv") {
    return makeError(ErrorCode::InvalidArgument,
                     "fastv chooses tokens inside the language model from the question's "
                     "attention, so it needs a question: use stts run, not a vision-only run");
  }
  // Filled into a scratch dump and handed over only on success: a failed run dumps nothing.
  TensorDump scratch;
  pipeline::VisionOptions options;
  options.dump = dump ? &scratch : nullptr;
  auto out = pipeline::runVisionInternal(model, request, frames, progress, cancel, options);
  if (!out) return out.error();
  if (dump) *dump = std::move(scratch);
  return std::move(out->result);
}

}  // namespace stts
