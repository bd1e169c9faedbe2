// The baselines end to end on the tiny model (`stts make-tiny-model`): every method runs, keeps
// exactly the promised number of tokens up to the LLM, and its stage timings tell the truth about
// where work is saved (ViT-input methods prune the ViT; EVS / VidCom2 run it in full and select
// after the connector; FastV prunes inside the prefill).
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <optional>

#include "stts/llm/generate_internal.h"
#include "stts/methods.h"
#include "stts/pipeline/vision_internal.h"
#include "stts/prune/selectors.h"
#include "stts/tiny_model.h"

using namespace stts;

namespace {

const StageTiming* stageNamed(const RunResult& r, const std::string& name) {
  for (const auto& s : r.timings)
    if (s.name == name) return &s;
  return nullptr;
}

int stageIndex(const RunResult& r, const std::string& name) {
  for (size_t i = 0; i < r.timings.size(); ++i)
    if (r.timings[i].name == name) return static_cast<int>(i);
  return -1;
}

int64_t sumKeep(const RunResult& r) {
  int64_t s = 0;
  for (auto k : r.keep) s += k;
  return s;
}

}  // namespace

class TestBaselinesPipeline : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  std::optional<Model> model_;
  at::Tensor frames_;  // [3, 378, 378, 3]
  NullProgress null_;
  CancelToken noCancel_;
  static constexpr int64_t kT = 3;
  static constexpr int64_t kPatches = 729;

  RunRequest request(const std::string& method, double keep, const std::string& policy = "equal") {
    RunRequest r;
    r.method = method;
    r.keepRatio = keep;
    r.budgetPolicy = policy;
    r.question = "What happens?";
    r.maxNewTokens = 4;
    return r;
  }
  pipeline::VisionOutput vision(const RunRequest& r) {
    auto out = pipeline::runVisionFrames(*model_, r, frames_, null_, noCancel_);
    if (!out) qFatal("%s: %s", r.method.c_str(), out.error().message.c_str());
    out->result.frameTime = {0.0, 0.5, 1.0};
    return std::move(*out);
  }

 private slots:
  void initTestCase() {
    const std::string dir = dir_.filePath("tiny").toStdString();
    auto written = writeTinyModel(dir);
    if (!written) QSKIP(written.error().message.c_str());  // no tokenizer data in this build
    DeviceSpec spec;
    spec.cpuThreads = 2;
    auto m = Model::load(dir, spec);
    QVERIFY2(m.ok(), m.ok() ? "" : m.error().message.c_str());
    model_.emplace(std::move(*m));
    // Smooth frames with a static part and a change, so similarities are not all equal.
    at::manual_seed(31);
    at::Tensor base = at::rand({1, 3, 6, 6}) * 255;
    std::vector<at::Tensor> fr;
    for (int t = 0; t < kT; ++t) {
      at::Tensor f = base + at::randn({1, 3, 6, 6}) * 30.0 * (t % 2);
      f = at::upsample_bilinear2d(f, {378, 378}, false).clamp(0, 255).round();
      fr.push_back(f.squeeze(0).permute({1, 2, 0}).to(at::kByte));
    }
    frames_ = at::stack(fr).contiguous();
  }

  void everyVisionMethodKeepsItsCount_data() {
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("policy");
    QTest::addColumn<double>("keep");
    for (const char* m :
         {"stts", "none", "random", "heuristic", "easy", "evs", "vidcom2", "downsample"})
      for (auto [policy, keep] : {std::pair{"equal", 0.3}, std::pair{"native", 0.7}})
        QTest::newRow(qPrintable(QString("%1/%2/%3").arg(m, policy).arg(keep)))
            << QString(m) << QString(policy) << keep;
  }
  void everyVisionMethodKeepsItsCount() {
    QFETCH(QString, method);
    QFETCH(QString, policy);
    QFETCH(double, keep);
    const std::string m = method.toStdString();
    auto out = vision(request(m, keep, policy.toStdString()));
    const RunResult& r = out.result;
    const int64_t expected =
        prune::keptCellCount(m, *prune::parseBudgetPolicy(policy.toStdString()), keep, kT, 0);
    QCOMPARE(sumKeep(r), expected);
    QCOMPARE(r.visionTokensAfter, expected);
    QCOMPARE(out.features.size(0), expected);  // what the prompt's <im_patch> count must match
    int64_t perFrame = 0;
    for (auto k : r.keptPerFrame) perFrame += k;
    QCOMPARE(perFrame, expected);
    QCOMPARE(r.scores.size(), size_t(kT * 81));
    for (float s : r.scores) QVERIFY(std::isfinite(s));

    const auto stage = findPruningMethod(m)->actsOn;
    const StageTiming* post = stageNamed(r, "vit_post");
    QVERIFY(post);
    if (stage == MethodStage::PostConnector) {
      // The ViT and the connector did all the work; the choice comes after them.
      QCOMPARE(post->tokens, kT * kPatches);
      QCOMPARE(stageNamed(r, "connector")->tokens, kT * 81);
      QCOMPARE(r.timings.back().name, std::string("select"));
      QCOMPARE(r.timings.back().tokens, kT * 81);
      QVERIFY(stageIndex(r, "select") > stageIndex(r, "connector"));
    } else if (stage == MethodStage::VitInput) {
      // Chosen before block 0, pruned right after prune_at: no soft-bias block.
      QVERIFY(stageIndex(r, "select") == stageIndex(r, "vit_pre") + 1);
      QVERIFY(!stageNamed(r, "vit_bias"));
      QVERIFY(stageNamed(r, "select")->milliseconds >= 0.0);
      QCOMPARE(stageNamed(r, "connector")->tokens, expected);
    }
    if (m == "heuristic" || m == "easy") {
      QCOMPARE(r.extras.at("heuristic_reference").size(), size_t(kT * 81));
      QVERIFY(r.extras.count("heuristic_threshold"));
    }
    if (m == "evs") QCOMPARE(r.extras.at("evs_forced_frame").size(), size_t(kT));
    if (m == "vidcom2") QCOMPARE(r.extras.at("vidcom2_k_t").size(), size_t(kT));
  }

  void vitSavingsAreHonest() {
    // At keep 0.3 the ViT-input baselines run the post-prune blocks on fewer tokens: 73 cells of
    // 243 = 657 patches always fit one bin of 729 (if one frame holds them all, it is refilled to
    // 729), so at most one frame's worth. EVS / VidCom2 run them in full.
    auto none = vision(request("none", 0.3));
    const int64_t full = stageNamed(none.result, "vit_post")->tokens;
    QCOMPARE(full, kT * kPatches);
    for (const char* m : {"random", "heuristic", "easy"}) {
      auto out = vision(request(m, 0.3));
      const int64_t tokens = stageNamed(out.result, "vit_post")->tokens;
      QVERIFY2(tokens >= 73 * 9 && tokens <= kPatches, m);
    }
    for (const char* m : {"evs", "vidcom2"}) {
      auto out = vision(request(m, 0.3));
      QCOMPARE(stageNamed(out.result, "vit_post")->tokens, full);
      QVERIFY(stageNamed(out.result, "vit_bias") != nullptr);
    }
  }

  void tappedAtTheVitEvsAndVidcom2PruneTheVit() {
    // tapPoint "vit": the choice reads the block prune_at output, comes right after vit_pre, and
    // the later blocks run on the kept tokens only (same packing bound as above).
    for (const char* m : {"evs", "vidcom2"}) {
      RunRequest r = request(m, 0.3);
      r.tapPoint = "vit";
      auto out = vision(r);
      const int64_t expected = prune::keptCellCount(m, prune::BudgetPolicy::Equal, 0.3, kT, 0);
      QCOMPARE(sumKeep(out.result), expected);
      QCOMPARE(out.features.size(0), expected);
      QCOMPARE(stageIndex(out.result, "select"), stageIndex(out.result, "vit_pre") + 1);
      QVERIFY(!stageNamed(out.result, "vit_bias"));
      const int64_t tokens = stageNamed(out.result, "vit_post")->tokens;
      QVERIFY2(tokens >= expected * 9 && tokens <= kPatches, m);
      QCOMPARE(stageNamed(out.result, "connector")->tokens, expected);
    }
    RunRequest bad = request("evs", 0.3);
    bad.tapPoint = "llm";
    auto refused = pipeline::runVisionFrames(*model_, bad, frames_, null_, noCancel_);
    QVERIFY(!refused.ok());
    QVERIFY(refused.error().message.find("tap point") != std::string::npos);
  }

  void downsamplePoolsTheConnectorOutput() {
    // Each token the language model gets is the mean of its region's connector outputs, which
    // are the unpruned run's rows (the ViT and connector ran in full); the ViT tap is ignored.
    const auto full = vision(request("none", 0.3)).features.to(at::kFloat);
    for (const char* tap : {"connector", "vit"}) {
      RunRequest r = request("downsample", 0.3);
      r.tapPoint = tap;
      auto out = vision(r);
      const std::vector<float>& region = out.result.extras.at("downsample_region");
      const int64_t tokens =
          prune::keptCellCount("downsample", prune::BudgetPolicy::Equal, 0.3, kT, 0);
      QCOMPARE(out.features.size(0), tokens);
      QCOMPARE(stageNamed(out.result, "vit_post")->tokens, kT * kPatches);
      for (int64_t k = 0; k < tokens; ++k) {
        std::vector<int64_t> rows;
        for (size_t i = 0; i < region.size(); ++i)
          if (region[i] == static_cast<float>(k)) rows.push_back(static_cast<int64_t>(i));
        QVERIFY(!rows.empty());
        const at::Tensor mean = full.index_select(0, at::tensor(rows, at::kLong)).mean(0);
        QVERIFY2(at::allclose(out.features[k].to(at::kFloat), mean, 1e-4, 1e-5),
                 qPrintable(QString("token %1").arg(k)));
      }
    }
  }

  void randomMaskFollowsTheSeed() {
    RunRequest r = request("random", 0.5);
    r.seed = 7;
    auto a = vision(r), b = vision(r);
    QCOMPARE(a.result.keep, b.result.keep);
    QVERIFY(at::equal(a.features, b.features));
    r.seed = 8;
    auto c = vision(r);
    QVERIFY(a.result.keep != c.result.keep);
  }

  void badRequestsAreErrors() {
    auto bad = pipeline::runVisionFrames(*model_, request("bogus", 0.5), frames_, null_, noCancel_);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, ErrorCode::InvalidArgument);
    QVERIFY(bad.error().message.find(
                "stts, none, random, heuristic, easy, evs, vidcom2, fastv, downsample") !=
            std::string::npos);
    auto policy = pipeline::runVisionFrames(*model_, request("evs", 0.5, "generous"), frames_,
                                            null_, noCancel_);
    QVERIFY(!policy.ok());
    QVERIFY(policy.error().message.find("budget policy") != std::string::npos);
    // FastV needs the question's attention: a vision-only run refuses it.
    auto fastv = runVision(*model_, request("fastv", 0.5), {}, null_, noCancel_);
    QVERIFY(!fastv.ok());
    QVERIFY(fastv.error().message.find("question") != std::string::npos);
  }

  void fastvPrunesInsideThePrefill() {
    const RunRequest req = request("fastv", 0.5);
    auto v = vision(req);
    // The vision half is the unpruned one.
    QCOMPARE(v.result.visionTokensAfter, kT * 81);
    QCOMPARE(stageNamed(v.result, "vit_post")->tokens, kT * kPatches);
    auto r = llm::runLanguage(*model_, v, null_, noCancel_, nullptr);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    const int64_t expected = prune::keptCellCount("fastv", prune::BudgetPolicy::Equal, 0.5, kT, 0);
    QCOMPARE(r->visionTokensAfter, expected);
    QCOMPARE(sumKeep(*r), expected);
    int64_t perFrame = 0;
    for (auto k : r->keptPerFrame) perFrame += k;
    QCOMPARE(perFrame, expected);
    // The tiny LLM has 2 layers: the default K = 2 is capped at 1, and the run says so.
    QCOMPARE(r->extras.at("fastv_layer")[0], 1.0f);
    QCOMPARE(int64_t(r->extras.at("fastv_tokens_after_layer")[0]),
             r->promptTokens - (kT * 81 - expected));
    double total = 0.0;
    for (float s : r->scores) {
      QVERIFY(s >= 0.0f && s <= 1.0f);
      total += s;
    }
    QVERIFY(total > 0.0 && total < 1.0 + 1e-5);  // a share of one attention row
    // The kept tokens are the most attended ones.
    float lowestKept = 1.0f, highestDropped = 0.0f;
    for (size_t i = 0; i < r->keep.size(); ++i) {
      if (r->keep[i])
        lowestKept = std::min(lowestKept, r->scores[i]);
      else
        highestDropped = std::max(highestDropped, r->scores[i]);
    }
    QVERIFY(lowestKept >= highestDropped);
    QVERIFY(!r->answerTokens.empty());
  }

  void fastvKeepingEverythingEqualsNoPruning() {
    // With nothing dropped, the FastV prefill (split at layer K, original positions kept) must
    // give exactly the plain prefill's answer: this checks its positions, masks and KV cache.
    auto plain = llm::runLanguage(*model_, vision(request("none", 1.0)), null_, noCancel_, nullptr);
    auto fastv =
        llm::runLanguage(*model_, vision(request("fastv", 1.0)), null_, noCancel_, nullptr);
    QVERIFY(plain.ok() && fastv.ok());
    QCOMPARE(fastv->visionTokensAfter, kT * 81);
    QCOMPARE(fastv->answerTokens, plain->answerTokens);
  }

  void fastvKeepRowByHand() {
    // Top 3 of [.1, .4, .4, .05, .3]: both .4 (equal: lower index first) and .3.
    QCOMPARE(llm::fastvKeep({.1f, .4f, .4f, .05f, .3f}, 3), (std::vector<uint8_t>{0, 1, 1, 0, 1}));
    QCOMPARE(llm::fastvKeep({.2f, .2f, .2f}, 1), (std::vector<uint8_t>{1, 0, 0}));
  }
};

QTEST_GUILESS_MAIN(TestBaselinesPipeline)
#include "test_baselines_pipeline.moc"
