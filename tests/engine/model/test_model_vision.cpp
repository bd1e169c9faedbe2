// The vision half end to end on a tiny random-weight Molmo2 loaded through Model::load: STTS
// against an independent per-frame reference, the three post-prune executions against each
// other, the connector hand-off, determinism, cancel and the load errors.
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>
#include <thread>

#include "stts/model/model_impl.h"
#include "stts/model/preprocess.h"
#include "stts/pipeline/vision_internal.h"
#include "stts/prune/stts_select.h"
#include "tiny_model.h"
#ifdef STTS_HAVE_TINYMODEL
#include "stts/tiny_model.h"
#endif

using stts::pipeline::PostMode;
using stts::pipeline::VisionOptions;
using stts::pipeline::VisionOutput;

namespace {

double maxDiff(const at::Tensor& a, const at::Tensor& b) {
  return (a.to(at::kDouble) - b.to(at::kDouble)).abs().max().item<double>();
}

// ---- Independent reference (explicit formulas, one frame at a time) ----

at::Tensor refLn(const at::Tensor& x, const at::Tensor& w, const at::Tensor& b) {
  at::Tensor m = x.mean(-1, true);
  at::Tensor v = (x - m).pow(2).mean(-1, true);
  return (x - m) / at::sqrt(v + 1e-6) * w + b;
}

// x [L, W]; bias [L] per key or undefined.
at::Tensor refBlock(const stts::model::VitWeights& vw, int64_t b, const at::Tensor& x,
                    const at::Tensor& bias) {
  const auto& k = vw.blocks[static_cast<size_t>(b)];
  const int64_t L = x.size(0), H = vw.heads, D = vw.headDim;
  at::Tensor a = refLn(x, k.ln1w, k.ln1b);
  at::Tensor q = (at::matmul(a, k.attn.wq.t()) + k.attn.bq).view({L, H, D});
  at::Tensor kk = (at::matmul(a, k.attn.wk.t()) + k.attn.bk).view({L, H, D});
  at::Tensor v = (at::matmul(a, k.attn.wv.t()) + k.attn.bv).view({L, H, D});
  std::vector<at::Tensor> heads;
  for (int64_t h = 0; h < H; ++h) {
    at::Tensor s = at::matmul(q.select(1, h), kk.select(1, h).t()) / std::sqrt(double(D));
    if (bias.defined()) s = s + bias.view({1, L});
    heads.push_back(at::matmul(at::softmax(s, -1), v.select(1, h)));
  }
  at::Tensor y = x + at::matmul(at::cat(heads, -1), k.attn.wo.t()) + k.attn.bo;
  at::Tensor m = at::matmul(refLn(y, k.ln2w, k.ln2b), k.w1.t()) + k.b1;
  const double c = std::sqrt(2.0 / M_PI);
  m = 0.5 * m * (1 + at::tanh(c * (m + 0.044715 * m.pow(3))));
  return y + at::matmul(m, k.w2.t()) + k.b2;
}

at::Tensor refPool(const stts::model::AttentionWeights& w, int64_t H, int64_t D,
                   const at::Tensor& items /*[K, F]*/) {
  at::Tensor q = (at::matmul(w.wq, items.mean(0)) + w.bq).view({H, D});
  at::Tensor k = (at::matmul(items, w.wk.t()) + w.bk).view({-1, H, D});
  at::Tensor v = (at::matmul(items, w.wv.t()) + w.bv).view({-1, H, D});
  std::vector<at::Tensor> o;
  for (int64_t h = 0; h < H; ++h)
    o.push_back(at::matmul(at::softmax(at::matmul(k.select(1, h), q[h]) / std::sqrt(double(D)), 0),
                           v.select(1, h)));
  return at::matmul(w.wo, at::cat(o)) + w.bo;
}

at::Tensor refSilu(const at::Tensor& x) {
  return x * at::sigmoid(x);
}

struct Reference {
  std::vector<float> scores;
  std::vector<uint8_t> keep;
  at::Tensor features;
};

// STTS per docs/molmo2-spec.md §6.3-6.8, frame by frame, without the pipeline's code paths.
Reference reference(const stts::detail::ModelImpl& m, const at::Tensor& u8, double keepRatio,
                    bool stts) {
  const auto& cfg = m.info.config;
  const auto& vw = m.vit;
  const int64_t T = u8.size(0), N = 729, C = 81;
  at::Tensor patches = stts::model::patchify(u8, 14);
  std::vector<at::Tensor> h;
  for (int64_t t = 0; t < T; ++t)
    h.push_back(at::matmul(patches[t], vw.patchW.t()) + vw.patchB + vw.pos);
  for (int64_t b = 0; b <= 3; ++b)
    for (auto& x : h) x = refBlock(vw, b, x, {});
  at::Tensor idx = stts::model::cellPatchIndex(27, 27, 3);
  Reference r;
  r.scores.assign(static_cast<size_t>(T * C), 1.0f);
  int64_t budget = 0;
  if (stts) {
    const auto& s = *m.scorer;
    std::vector<at::Tensor> pooled;
    for (int64_t t = 0; t < T; ++t) {
      std::vector<at::Tensor> cells;
      for (int64_t c = 0; c < C; ++c)
        cells.push_back(refPool(s.pool, s.heads, s.headDim, h[t].index_select(0, idx[c])));
      pooled.push_back(at::stack(cells));
    }
    for (int64_t t = 0; t < T; ++t) {
      at::Tensor prev = t == 0 ? at::zeros_like(pooled[0]) : pooled[t - 1];
      at::Tensor z = at::cat({prev, pooled[t]}, -1);
      z = refSilu(at::matmul(z, s.w1.t()) + s.b1);
      z = refSilu(at::matmul(z, s.w2.t()) + s.b2);
      at::Tensor sc = at::sigmoid(at::matmul(z, s.w3.t()) + s.b3).squeeze(-1);
      for (int64_t c = 0; c < C; ++c)
        r.scores[static_cast<size_t>(t * C + c)] = sc[c].item<float>();
    }
    budget = stts::prune::sttsBudget(1.0 - keepRatio, T, 0);
  }
  auto sel = stts::prune::selectLowest(stts::prune::selectionScores(r.scores, C), T, C, budget);
  r.keep = sel.keep;
  // Soft bias: per (frame, patch row) min-max of the cell scores, frame 0 -> 0.
  for (int64_t t = 0; t < T; ++t) {
    at::Tensor bias;
    if (stts && t > 0) {
      at::Tensor sc =
          at::tensor(std::vector<float>(r.scores.begin() + t * C, r.scores.begin() + (t + 1) * C))
              .view({9, 9});
      at::Tensor patch = sc.repeat_interleave(3, 0).repeat_interleave(3, 1);  // [27, 27]
      at::Tensor mn = std::get<0>(patch.min(1, true)), mx = std::get<0>(patch.max(1, true));
      const float lo = static_cast<float>(cfg.stts.rescaleBiasMin);
      bias = at::log(lo + (patch - mn) * (1.0f - lo) / (mx - mn + 1e-6f)).view({N});
    }
    h[static_cast<size_t>(t)] = refBlock(vw, 4, h[static_cast<size_t>(t)], bias);
  }
  // Validity and lone frames.
  std::vector<at::Tensor> valid;
  std::vector<int32_t> counts;
  for (int64_t t = 0; t < T; ++t) {
    at::Tensor v = at::zeros({N}, at::kBool);
    for (int64_t c = 0; c < C; ++c)
      if (r.keep[static_cast<size_t>(t * C + c)]) v.index_fill_(0, idx[c], true);
    valid.push_back(v);
    counts.push_back(static_cast<int32_t>(v.sum().item<int64_t>()));
  }
  auto plan = stts::prune::ffdPack(counts, static_cast<int32_t>(N));
  std::vector<at::Tensor> f7(static_cast<size_t>(T)), f5(static_cast<size_t>(T));
  for (int64_t t = 0; t < T; ++t) {
    at::Tensor set =
        plan.lone[static_cast<size_t>(t)] ? at::arange(N) : valid[t].nonzero().squeeze(-1);
    at::Tensor x = h[static_cast<size_t>(t)].index_select(0, set);
    at::Tensor o7 = at::zeros({N, 32}), o5 = at::zeros({N, 32});
    for (int64_t b = 5; b <= 7; ++b) {
      if (set.numel() > 0) x = refBlock(vw, b, x, {});
      at::Tensor full = at::zeros({N, 32});
      if (set.numel() > 0) full.index_copy_(0, set, x);
      full = full * valid[t].unsqueeze(-1);  // only the pre-refill positions survive
      if (b == 5) o5 = full;
      if (b == 7) o7 = full;
    }
    f7[static_cast<size_t>(t)] = o7;
    f5[static_cast<size_t>(t)] = o5;
  }
  std::vector<at::Tensor> rows;
  const auto& cw = m.connector;
  for (int64_t t = 0; t < T; ++t) {
    at::Tensor feats = at::cat({f7[t], f5[t]}, -1);  // concat order = vit_layers order (7, 5)
    for (int64_t c = 0; c < C; ++c) {
      if (!r.keep[static_cast<size_t>(t * C + c)]) continue;
      at::Tensor p = refPool(cw.pool, cw.heads, cw.headDim, feats.index_select(0, idx[c]));
      rows.push_back(
          at::matmul(refSilu(at::matmul(p, cw.w1.t())) * at::matmul(p, cw.w3.t()), cw.w2.t()));
    }
  }
  r.features = at::stack(rows);
  return r;
}

stts::RunRequest request(const std::string& method, double keep) {
  stts::RunRequest r;
  r.method = method;
  r.keepRatio = keep;
  return r;
}

struct CountingProgress : stts::ProgressSink {
  long long last = 0, total = 0;
  void progress(std::string_view stage, long long done, long long all) override {
    if (stage == "vit") last = done, total = all;
  }
};

}  // namespace

class TestModelVision : public QObject {
  Q_OBJECT
  QTemporaryDir dir_, plainDir_, tieDir_;
  std::optional<stts::Model> model_;
  at::Tensor frames_;  // [5, 378, 378, 3]
  stts::NullProgress null_;
  stts::CancelToken noCancel_;

  VisionOutput run(const std::string& method, double keep, PostMode mode,
                   stts::Model* model = nullptr, const at::Tensor& frames = {}) {
    VisionOptions o;
    o.post = mode;
    auto out =
        stts::pipeline::runVisionFrames(model ? *model : *model_, request(method, keep),
                                        frames.defined() ? frames : frames_, null_, noCancel_, o);
    if (!out) qFatal("run failed: %s", out.error().message.c_str());
    return std::move(*out);
  }

 private slots:
  void initTestCase() {
    stts::model::setAttentionImpl(stts::model::AttentionImpl::Explicit);
    QCOMPARE(tiny::write(dir_.path().toStdString()), std::string());
    auto m = stts::Model::load(dir_.path().toStdString());
    QVERIFY2(m.ok(), m.ok() ? "" : m.error().message.c_str());
    model_.emplace(std::move(*m));
    // Smooth random frames (upsampled noise) so neighbouring patches relate, as in video.
    at::manual_seed(99);
    at::Tensor base = at::rand({1, 3, 6, 6}) * 255;
    std::vector<at::Tensor> fr;
    for (int t = 0; t < 5; ++t) {
      at::Tensor f = base + at::randn({1, 3, 6, 6}) * 40.0 * (t % 3);
      f = at::upsample_bilinear2d(f, {378, 378}, false).clamp(0, 255).round();
      fr.push_back(f.squeeze(0).permute({1, 2, 0}).to(at::kByte));
    }
    frames_ = at::stack(fr).contiguous();
  }

  void loadInfo() {
    const auto& info = model_->info();
    QVERIFY(info.hasScorer);
    QCOMPARE(info.device, std::string("cpu"));
    QCOMPARE(info.dtype, std::string("float32"));
    QVERIFY(info.languageModelLoaded);
    int64_t expected = 0;
    for (const auto& e : stts::ckpt::expectedTensors(info.config, true)) {
      int64_t n = 1;
      for (auto d : e.shape) n *= d;
      expected += n;
    }
    QCOMPARE(info.parameterCount, expected);
    QCOMPARE(model_->impl().vit.blocks.size(), size_t{8});  // blocks 0..7 (features 7, 5)
    // Threads are set deliberately (LibTorch's own default here is 1).
    QCOMPARE(at::get_num_threads(), static_cast<int>(std::thread::hardware_concurrency()));
  }

  void loadErrors() {
    stts::DeviceSpec cuda;
    cuda.device = "cuda";
    auto c = stts::Model::load(dir_.path().toStdString(), cuda);
    if (!torch::cuda::is_available()) {
      QVERIFY(!c.ok());
      QCOMPARE(c.error().code, stts::ErrorCode::Unsupported);
      QVERIFY(c.error().message.find("CUDA is not available") != std::string::npos);
    }
    stts::DeviceSpec bad;
    bad.dtype = "float8";
    QCOMPARE(stts::Model::load(dir_.path().toStdString(), bad).error().code,
             stts::ErrorCode::InvalidArgument);
    bad = {};
    bad.device = "tpu";
    QCOMPARE(stts::Model::load(dir_.path().toStdString(), bad).error().code,
             stts::ErrorCode::InvalidArgument);
    QTemporaryDir empty;
    auto e = stts::Model::load(empty.path().toStdString());
    QVERIFY(!e.ok());
    QVERIFY(e.error().message.find("config.json") != std::string::npos);
  }

  void noScorerModel() {
    tiny::Options o;
    o.withScorer = false;
    QCOMPARE(tiny::write(plainDir_.path().toStdString(), o), std::string());
    stts::DeviceSpec spec;
    spec.loadLanguageModel = false;
    auto m = stts::Model::load(plainDir_.path().toStdString(), spec);
    QVERIFY2(m.ok(), m.ok() ? "" : m.error().message.c_str());
    QVERIFY(!m->info().hasScorer);
    QVERIFY(!m->info().languageModelLoaded);
    auto out = stts::pipeline::runVisionFrames(*m, request("stts", 0.5), frames_, null_, noCancel_);
    QVERIFY(!out.ok());
    QCOMPARE(out.error().code, stts::ErrorCode::Unsupported);
    auto none =
        stts::pipeline::runVisionFrames(*m, request("none", 0.5), frames_, null_, noCancel_);
    QVERIFY(none.ok());
    QCOMPARE(none->features.size(0), int64_t{5 * 81});
  }

  void sttsMatchesPerFrameReference_data() {
    QTest::addColumn<double>("keep");
    QTest::newRow("keep 0.5") << 0.5;
    QTest::newRow("keep 0.3") << 0.3;
    QTest::newRow("keep 0.7") << 0.7;
  }
  void sttsMatchesPerFrameReference() {
    QFETCH(double, keep);
    auto ref = reference(model_->impl(), frames_, keep, true);
    auto out = run("stts", keep, PostMode::Varlen);
    const auto& res = out.result;
    QCOMPARE(res.scores.size(), size_t{5 * 81});
    for (size_t i = 0; i < ref.scores.size(); ++i)
      QVERIFY(std::fabs(res.scores[i] - ref.scores[i]) < 1e-5f);
    QCOMPARE(res.keep, ref.keep);
    const int64_t budget = stts::prune::sttsBudget(1.0 - keep, 5, 0);
    QCOMPARE(res.visionTokensBefore, int64_t{405});
    QCOMPARE(res.visionTokensAfter, 405 - budget);
    QCOMPARE(out.features.size(0), 405 - budget);
    QCOMPARE(out.features.size(1), int64_t{16});
    const double d = maxDiff(out.features, ref.features);
    QVERIFY2(d < 1e-4, qPrintable(QString("max diff %1").arg(d)));
    // Frame 0 is always kept.
    for (int c = 0; c < 81; ++c) QCOMPARE(res.keep[static_cast<size_t>(c)], uint8_t{1});
    QCOMPARE(res.keptPerFrame[0], 81);
  }

  void postModesAgree_data() {
    QTest::addColumn<double>("keep");
    QTest::newRow("keep 0.5") << 0.5;
    QTest::newRow("keep 0.3") << 0.3;
    QTest::newRow("keep 1.0") << 1.0;
  }
  void postModesAgree() {
    QFETCH(double, keep);
    auto varlen = run("stts", keep, PostMode::Varlen);
    auto packed = run("stts", keep, PostMode::Packed);
    auto masked = run("stts", keep, PostMode::Masked);
    QCOMPARE(packed.result.keep, varlen.result.keep);
    QCOMPARE(masked.result.keep, varlen.result.keep);
    for (size_t i = 0; i < varlen.featureBlocks.size(); ++i) {
      QVERIFY(maxDiff(packed.featureBlocks[i], masked.featureBlocks[i]) < 1e-5);
      QVERIFY(maxDiff(varlen.featureBlocks[i], masked.featureBlocks[i]) < 1e-5);
    }
    // Connector outputs are O(10): compare relative to their scale.
    const double scale = std::max(1.0, masked.features.abs().max().item<double>());
    const double dp = maxDiff(packed.features, masked.features) / scale;
    const double dv = maxDiff(varlen.features, masked.features) / scale;
    QVERIFY2(
        dp < 1e-5 && dv < 1e-5,
        qPrintable(QString("rel diff packed %1 varlen %2 (scale %3)").arg(dp).arg(dv).arg(scale)));
    // Real saving: the varlen path processes only the token sets.
    auto post = [](const stts::RunResult& r) {
      for (const auto& s : r.timings)
        if (s.name == "vit_post") return s.tokens;
      return int64_t{-1};
    };
    if (keep < 1.0) QVERIFY(post(varlen.result) < post(masked.result));
  }

  void noneMatchesFullReference() {
    auto ref = reference(model_->impl(), frames_, 1.0, false);
    auto out = run("none", 0.3, PostMode::Auto);
    QCOMPARE(out.features.size(0), int64_t{405});
    QVERIFY(maxDiff(out.features, ref.features) < 1e-4);
    for (float s : out.result.scores) QCOMPARE(s, 1.0f);
    QCOMPARE(out.result.visionTokensAfter, int64_t{405});
  }

  void prunedCellsNeverReachConnector() {
    auto out = run("stts", 0.5, PostMode::Varlen);
    // Pruned patch positions are zero in every scattered feature block.
    at::Tensor pruned = out.patchValid.logical_not().unsqueeze(-1);
    for (const auto& f : out.featureBlocks)
      QCOMPARE(f.masked_select(pruned).abs().max().item<float>(), 0.0f);
    // Garbage at pruned positions changes nothing downstream.
    at::Tensor feats = at::cat(out.featureBlocks, -1);
    at::Tensor noisy = feats + at::randn(feats.sizes()) * 1e3 * pruned.to(at::kFloat);
    const auto& m = model_->impl();
    at::Tensor idx = stts::model::cellPatchIndex(27, 27, 3);
    at::Tensor again = stts::model::connect(m.connector, noisy, out.patchValid, idx, out.cellKeep);
    QVERIFY(maxDiff(again, out.features) < 1e-5);
    QCOMPARE(out.features.size(0), out.cellKeep.sum().item<int64_t>());
  }

  void deterministicTies() {
    tiny::Options o;
    o.constantScores = true;
    QCOMPARE(tiny::write(tieDir_.path().toStdString(), o), std::string());
    auto m = stts::Model::load(tieDir_.path().toStdString());
    QVERIFY(m.ok());
    auto a = run("stts", 0.5, PostMode::Varlen, &*m);
    auto b = run("stts", 0.5, PostMode::Packed, &*m);
    QCOMPARE(a.result.keep, b.result.keep);
    QVERIFY(maxDiff(a.features, b.features) < 1e-5);
    // All scores equal: the lowest flat indices after frame 0 go first (budget 202 = 2.49 frames).
    const int64_t budget = stts::prune::sttsBudget(0.5, 5, 0);
    QCOMPARE(budget, int64_t{202});
    for (int64_t i = 0; i < 405; ++i) {
      const bool removed = i >= 81 && i < 81 + budget;
      QCOMPARE(a.result.keep[static_cast<size_t>(i)], uint8_t(removed ? 0 : 1));
    }
    // Frames 1, 2 empty (no bin); frame 3 partial; frames 0, 4 full.
    QCOMPARE(a.result.keptPerFrame, (std::vector<int32_t>{81, 0, 0, 41, 81}));
  }

  void runVisionOnSampledFrames() {
    // Odd-sized frames, two samples sharing one image (as a still video would).
    std::vector<stts::SampledFrame> frames;
    auto img = std::make_shared<stts::RgbImage>();
    img->width = 50;
    img->height = 38;
    at::Tensor px = at::randint(0, 256, {38, 50, 3}, at::kByte);
    img->pixels.assign(px.data_ptr<uint8_t>(), px.data_ptr<uint8_t>() + px.numel());
    for (int i = 0; i < 3; ++i) {
      stts::SampledFrame f;
      f.point.requestedTime = 0.5 * i;
      f.point.pts = 100 * i;
      f.point.frameNumber = i;
      f.image = img;
      frames.push_back(f);
    }
    CountingProgress progress;
    auto r = stts::runVision(*model_, request("stts", 0.5), frames, progress, noCancel_);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(r->frames, 3);
    QCOMPARE(r->frameTime, (std::vector<double>{0.0, 0.5, 1.0}));
    QCOMPARE(r->framePts, (std::vector<int64_t>{0, 100, 200}));
    QCOMPARE(r->inputWidth, 378);
    QCOMPARE(r->inputFrames.size(), size_t{3 * 378 * 378 * 3});
    at::Tensor want = stts::model::resizeRgb(px, 378, 378);
    QVERIFY(std::equal(r->inputFrames.begin(), r->inputFrames.begin() + want.numel(),
                       want.data_ptr<uint8_t>()));
    std::vector<std::string> names;
    for (const auto& s : r->timings) names.push_back(s.name);
    QCOMPARE(names, (std::vector<std::string>{"preprocess", "vit_pre", "select", "vit_bias", "pack",
                                              "vit_post", "connector"}));
    QCOMPARE(progress.last, 8LL);
    QCOMPARE(progress.total, 8LL);
    QVERIFY(r->peakMemoryBytes > 0);
    QCOMPARE(r->versions.at("device"), std::string("cpu"));
  }

  void demoTinyModelRuns() {
#ifdef STTS_HAVE_TINYMODEL
    QTemporaryDir parent;
    const std::string dir = parent.filePath("demo").toStdString();
    auto written = stts::writeTinyModel(dir);
    if (!written.ok()) QSKIP(written.error().message.c_str());  // e.g. no tokenizer data
    stts::DeviceSpec spec;
    spec.loadLanguageModel = false;
    auto m = stts::Model::load(dir, spec);
    QVERIFY2(m.ok(), m.ok() ? "" : m.error().message.c_str());
    QVERIFY(m->info().hasScorer);
    auto out = run("stts", 0.5, PostMode::Auto, &*m);
    const int64_t budget = stts::prune::sttsBudget(0.5, 5, m->info().config.stts.pruneFromFrame);
    QCOMPARE(out.features.size(0), 405 - budget);
    QCOMPARE(out.features.size(1), m->info().config.text.hiddenSize);
    QVERIFY(!out.features.isnan().any().item<bool>());
#else
    QSKIP("built without the tiny-model writer");
#endif
  }

  void cancelled() {
    stts::CancelToken cancel;
    cancel.cancel();
    auto out =
        stts::pipeline::runVisionFrames(*model_, request("stts", 0.5), frames_, null_, cancel);
    QVERIFY(!out.ok());
    QCOMPARE(out.error().code, stts::ErrorCode::Cancelled);
    auto badMethod =
        stts::pipeline::runVisionFrames(*model_, request("bogus", 0.5), frames_, null_, noCancel_);
    QCOMPARE(badMethod.error().code, stts::ErrorCode::InvalidArgument);
  }

  // Blocks run in slices of frames on the CPU so a cancel is seen inside a block. Slicing must
  // change no value (frames never attend to each other), in every post mode.
  void slicedBlocksEqualWholeBlocks() {
    for (PostMode mode : {PostMode::Varlen, PostMode::Packed, PostMode::Masked}) {
      stts::pipeline::setBlockSliceTokens(int64_t{1} << 40);  // one slice: the whole batch
      auto whole = run("stts", 0.5, mode);
      stts::pipeline::setBlockSliceTokens(1);  // one frame (or bin, or group row) per slice
      auto sliced = run("stts", 0.5, mode);
      stts::pipeline::setBlockSliceTokens(0);
      // BLAS may block a product of fewer rows differently: values agree to rounding, and the
      // keep set (decided away from ties) is the same.
      QCOMPARE(sliced.result.keep, whole.result.keep);
      double scoreDiff = 0;
      for (size_t i = 0; i < whole.result.scores.size(); ++i)
        scoreDiff =
            std::max(scoreDiff, double(std::abs(sliced.result.scores[i] - whole.result.scores[i])));
      QVERIFY2(scoreDiff < 1e-6, qPrintable(QString::number(scoreDiff)));
      const double scale = std::max(1.0, whole.features.abs().max().item<double>());
      QVERIFY2(maxDiff(sliced.features, whole.features) / scale < 1e-5,
               qPrintable(QString::number(maxDiff(sliced.features, whole.features))));
    }
  }

  // A cancel that is already set is seen after the first slice of block 0: no block completes
  // (before slicing, the check came only after a whole block, which reported its progress).
  void cancelIsSeenInsideABlock() {
    struct Blocks final : stts::ProgressSink {
      int vit = 0;
      void progress(std::string_view stage, long long, long long) override {
        if (stage == "vit") ++vit;
      }
    } blocks;
    stts::CancelToken cancel;
    cancel.cancel();
    stts::pipeline::setBlockSliceTokens(1);
    auto out =
        stts::pipeline::runVisionFrames(*model_, request("stts", 0.5), frames_, blocks, cancel);
    stts::pipeline::setBlockSliceTokens(0);
    QCOMPARE(out.error().code, stts::ErrorCode::Cancelled);
    QCOMPARE(blocks.vit, 0);
  }

  void bfloat16OnCpu() {
    stts::DeviceSpec spec;
    spec.dtype = "bfloat16";
    spec.loadLanguageModel = false;
    auto m = stts::Model::load(dir_.path().toStdString(), spec);
    QVERIFY2(m.ok(), m.ok() ? "" : m.error().message.c_str());
    QCOMPARE(m->info().dtype, std::string("bfloat16"));
    QCOMPARE(m->impl().vit.blocks[0].ln1w.scalar_type(), at::kFloat);  // norms stay fp32
    QCOMPARE(m->impl().vit.blocks[0].w1.scalar_type(), at::kBFloat16);
    auto b = run("stts", 0.5, PostMode::Varlen, &*m);
    auto f = run("stts", 0.5, PostMode::Varlen);
    QVERIFY(!b.features.isnan().any().item<bool>());
    QCOMPARE(b.features.size(0), f.features.size(0));
    // Discrete selection may flip near the threshold (spec §6.10): compare kept-set overlap.
    int same = 0;
    for (size_t i = 0; i < f.result.keep.size(); ++i) same += f.result.keep[i] == b.result.keep[i];
    QVERIFY2(same >= 0.9 * 405, qPrintable(QString("overlap %1/405").arg(same)));
  }
};

QTEST_GUILESS_MAIN(TestModelVision)
#include "test_model_vision.moc"
