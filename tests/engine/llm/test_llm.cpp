// The Molmo2 language side: RMSNorm, RoPE, GQA attention with the prefill mask and the fused
// SwiGLU against explicit formulas; KV-cache decoding against full recompute; the video prompt
// against hand-written ids; greedy determinism and cancellation on the tiny model.
#include <torch/torch.h>

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cmath>
#include <optional>

#include "prompt.h"
#include "stts/llm/generate_internal.h"
#include "stts/llm/qwen3.h"
#include "stts/model/model_impl.h"
#include "stts/model/ops.h"
#include "stts/prune/stts_select.h"
#include "stts/tiny_model.h"

using namespace stts;

namespace {

double maxDiff(const at::Tensor& a, const at::Tensor& b) {
  return (a.to(at::kDouble) - b.to(at::kDouble)).abs().max().item<double>();
}

// Cancels when a given stage reaches a given count.
class CancelAt final : public ProgressSink {
 public:
  CancelAt(CancelToken& token, std::string stage, long long at)
      : token_(token), stage_(std::move(stage)), at_(at) {}
  void progress(std::string_view stage, long long done, long long) override {
    if (stage == stage_ && done >= at_) token_.cancel();
  }

 private:
  CancelToken& token_;
  std::string stage_;
  long long at_;
};

std::vector<int32_t> repeat(int32_t id, int n) {
  return std::vector<int32_t>(n, id);
}

}  // namespace

class TestLlm : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  std::optional<Model> model_;
  std::shared_ptr<const Tokenizer> tokenizer_;
  NullProgress null_;
  CancelToken noCancel_;

  llm::PromptLayout prompt(int frames, const std::vector<int32_t>& kept,
                           const std::string& question = "What happens?") {
    std::vector<double> times;
    for (int i = 0; i < frames; ++i) times.push_back(0.5 * i);
    auto p = llm::buildVideoPrompt(*tokenizer_, model_->info().config, times, kept, question);
    if (!p) qFatal("prompt: %s", p.error().message.c_str());
    return *p;
  }
  at::Tensor features(int64_t n, int64_t seed = 7) {
    at::manual_seed(seed);
    return at::randn({n, model_->info().config.text.hiddenSize});
  }
  std::vector<int32_t> greedy(const llm::PromptLayout& p, const at::Tensor& f, int maxNew) {
    auto w = llm::llmWeights(model_->impl());
    auto out = llm::generate(w, p, f, maxNew, null_, noCancel_);
    if (!out) qFatal("generate: %s", out.error().message.c_str());
    return out->tokens;
  }

 private slots:
  void initTestCase() {
    model::setAttentionImpl(model::AttentionImpl::Explicit);
    const std::string dir = dir_.filePath("tiny").toStdString();
    auto written = writeTinyModel(dir);
    if (!written) QSKIP(written.error().message.c_str());  // no tokenizer data in this build
    DeviceSpec spec;
    spec.cpuThreads = 2;
    auto m = Model::load(dir, spec);
    QVERIFY2(m.ok(), m.ok() ? "" : m.error().message.c_str());
    model_.emplace(std::move(*m));
    auto tok = llm::modelTokenizer(dir);
    QVERIFY2(tok.ok(), tok.ok() ? "" : tok.error().message.c_str());
    tokenizer_ = *tok;
  }

  void rmsNormMatchesFormula() {
    at::manual_seed(1);
    at::Tensor x = at::randn({3, 5, 16});
    at::Tensor w = at::randn({16});
    at::Tensor expect = x / at::sqrt(x.pow(2).mean(-1, true) + 1e-6) * w;
    QVERIFY(maxDiff(llm::rmsNorm(x, w, 1e-6), expect) < 1e-5);
  }

  void ropeMatchesCosSinFormula() {
    at::manual_seed(2);
    const int64_t D = 8, L = 6;
    const double theta = 5e6;
    at::Tensor x = at::randn({1, 2, L, D});
    at::Tensor pos = at::arange(3, 3 + L, at::kLong);
    auto [cos, sin] = llm::ropeTables(pos, D, theta);
    at::Tensor got = llm::applyRope(x, cos, sin);
    at::Tensor expect = at::empty_like(x);
    auto xa = x.accessor<float, 4>();
    auto ea = expect.accessor<float, 4>();
    for (int64_t h = 0; h < 2; ++h)
      for (int64_t l = 0; l < L; ++l)
        for (int64_t i = 0; i < D / 2; ++i) {
          // Halves, not interleaved pairs: x_i pairs with x_{i + D/2}.
          const double angle = (3 + l) * std::pow(theta, -2.0 * i / D);
          const double a = xa[0][h][l][i], b = xa[0][h][l][i + D / 2];
          ea[0][h][l][i] = static_cast<float>(a * std::cos(angle) - b * std::sin(angle));
          ea[0][h][l][i + D / 2] = static_cast<float>(b * std::cos(angle) + a * std::sin(angle));
        }
    QVERIFY2(maxDiff(got, expect) < 1e-5, qPrintable(QString::number(maxDiff(got, expect))));
    at::Tensor rh = llm::rotateHalf(at::arange(1, 5, at::kFloat));
    QVERIFY(rh.equal(at::tensor({-3.f, -4.f, 1.f, 2.f})));
  }

  void gqaAttentionWithImageMask() {
    at::manual_seed(3);
    const int64_t H = 4, G = 2, L = 7, D = 8;
    at::Tensor q = at::randn({1, H, L, D}), k = at::randn({1, G, L, D}),
               v = at::randn({1, G, L, D});
    const std::vector<uint8_t> image = {0, 1, 1, 1, 0, 1, 0};
    at::Tensor allowed = llm::prefillAllowed(0, L, image);
    at::Tensor got = stts::model::attention(q, k, v, {}, allowed.view({1, 1, L, L}));
    at::Tensor expect = at::zeros_like(got);
    for (int64_t h = 0; h < H; ++h)
      for (int64_t i = 0; i < L; ++i) {
        const int64_t g = h / (H / G);
        std::vector<double> s(L, -INFINITY);
        double mx = -INFINITY;
        for (int64_t j = 0; j < L; ++j) {
          if (!(j <= i || (image[i] && image[j]))) continue;
          s[j] = (q[0][h][i] * k[0][g][j]).sum().item<double>() / std::sqrt(double(D));
          mx = std::max(mx, s[j]);
        }
        double z = 0;
        for (auto& e : s) z += (e = std::exp(e - mx));
        for (int64_t j = 0; j < L; ++j) expect[0][h][i] += (s[j] / z) * v[0][g][j];
      }
    QVERIFY2(maxDiff(got, expect) < 1e-5, qPrintable(QString::number(maxDiff(got, expect))));
    // Token 1 (image) sees token 3 (image, later); token 4 (text) does not see token 5.
    QVERIFY(allowed[1][3].item<bool>());
    QVERIFY(!allowed[4][5].item<bool>());
    QVERIFY(!allowed[0][1].item<bool>());
  }

  void fusedSwigluUpFirstGateSecond() {
    at::manual_seed(4);
    at::Tensor x = at::randn({2, 6});
    at::Tensor ffProj = at::randn({10, 6}), ffOut = at::randn({6, 5});
    at::Tensor up = at::matmul(x, ffProj.narrow(0, 0, 5).t());
    at::Tensor gate = at::matmul(x, ffProj.narrow(0, 5, 5).t());
    at::Tensor expect = at::matmul(up * gate * at::sigmoid(gate), ffOut.t());
    QVERIFY(maxDiff(model::fusedSwiglu(x, ffProj, ffOut), expect) < 1e-5);
  }

  void cachedDecodeMatchesRecompute() {
    auto w = llm::llmWeights(model_->impl());
    auto p = prompt(2, {5, 3});
    at::Tensor f = features(8);
    const std::vector<int32_t> more = {872, 198, 3838, 30};
    at::NoGradGuard ng;
    llm::KvCache cache;
    const int64_t L = static_cast<int64_t>(p.ids.size());
    at::Tensor h = llm::forward(w, llm::embed(w, p.ids, p.patchPositions, f), cache,
                                llm::prefillAllowed(0, L, p.imageToken));
    std::vector<at::Tensor> rows = {llm::logits(w, h)};
    for (int32_t id : more)
      rows.push_back(llm::logits(w, llm::forward(w, llm::embed(w, {id}, {}, {}), cache, {})));
    at::Tensor incremental = at::cat(rows, 1);

    auto ids = p.ids;
    ids.insert(ids.end(), more.begin(), more.end());
    auto image = p.imageToken;
    image.resize(ids.size(), 0);
    llm::KvCache fresh;
    at::Tensor full = llm::logits(w, llm::forward(w, llm::embed(w, ids, p.patchPositions, f), fresh,
                                                  llm::prefillAllowed(0, ids.size(), image)));
    QCOMPARE(full.size(1), incremental.size(1));
    QVERIFY2(maxDiff(full, incremental) < 1e-4,
             qPrintable(QString::number(maxDiff(full, incremental))));
    // The image mask matters: plain causal prefill gives different logits.
    llm::KvCache causal;
    at::Tensor plain =
        llm::logits(w, llm::forward(w, llm::embed(w, p.ids, p.patchPositions, f), causal, {}));
    QVERIFY(maxDiff(plain, incremental.narrow(1, 0, L)) > 1e-4);
  }

  void promptHandWritten() {
    const int32_t P = 151938, FS = 151943, FE = 151944;
    auto p = prompt(3, {81, 40, 41}, "Hi");
    std::vector<int32_t> expect = {151645, 15, 13, 15, 220, FS};  // "0.0 "
    auto add = [&](const std::vector<int32_t>& v) {
      expect.insert(expect.end(), v.begin(), v.end());
    };
    add(repeat(P, 81));
    add({FE, 220, 15, 13, 20, 220, FS});  // " 0.5 "
    add(repeat(P, 40));
    add({FE, 220, 16, 13, 15, 220, FS});  // " 1.0 "
    add(repeat(P, 41));
    add({FE, 151644, 872, 198, 13048, 151645, 198, 151644, 77091, 198});
    QCOMPARE(p.ids, expect);
    QCOMPARE(p.patchPositions.size(), size_t(162));
    QCOMPARE(p.patchPositions.front(), int64_t(6));
    int images = 0;
    for (auto f : p.imageToken) images += f;
    QCOMPARE(images, 162 + 6);  // patches and the start/end of each frame, no timestamps
    // Molmo2-4B/8B: no frame tokens, image start/end instead.
    auto cfg = model_->info().config;
    cfg.useFrameSpecialTokens = false;
    auto q = llm::buildVideoPrompt(*tokenizer_, cfg, {12.25}, {1}, "Hi");
    QVERIFY(q.ok());
    const std::vector<int32_t> head = {151645, 16,     17, 13,    17,
                                       220,    151936, P,  151937};  // 12.2: ties to even
    QCOMPARE(std::vector<int32_t>(q->ids.begin(), q->ids.begin() + 9), head);
  }

  void promptErrors() {
    auto empty = llm::buildVideoPrompt(*tokenizer_, model_->info().config, {0.0}, {81}, "  ");
    QVERIFY(!empty.ok());
    QCOMPARE(empty.error().code, ErrorCode::InvalidArgument);
    auto cfg = model_->info().config;
    cfg.text.maxPositionEmbeddings = 50;
    auto longer = llm::buildVideoPrompt(*tokenizer_, cfg, {0.0}, {81}, "Hi");
    QVERIFY(!longer.ok());
    QCOMPARE(longer.error().code, ErrorCode::TooLarge);
    auto w = llm::llmWeights(model_->impl());
    auto p = prompt(1, {4});
    auto mismatch = llm::generate(w, p, features(5), 3, null_, noCancel_);
    QVERIFY(!mismatch.ok());
    QCOMPARE(mismatch.error().code, ErrorCode::InvalidArgument);
  }

  void keptCountsMatchBudget() {
    // k_t comes from the vision run; the prompt's patch count must equal 81T - sttsBudget.
    const auto& cfg = model_->info().config;
    at::manual_seed(5);
    for (int T : {1, 2, 3}) {
      at::Tensor frames = at::randint(0, 256, {T, 378, 378, 3}, at::kByte);
      for (double keep : {1.0, 0.5, 0.3, 0.1}) {
        RunRequest req;
        req.method = "stts";
        req.keepRatio = keep;
        auto v = pipeline::runVisionFrames(*model_, req, frames, null_, noCancel_);
        QVERIFY2(v.ok(), v.ok() ? "" : v.error().message.c_str());
        int64_t sum = 0;
        for (auto k : v->result.keptPerFrame) sum += k;
        const int64_t budget = prune::sttsBudget(1.0 - keep, T, cfg.stts.pruneFromFrame);
        QCOMPARE(sum, 81 * T - budget);
        std::vector<double> times(T, 0.0);
        auto p = llm::buildVideoPrompt(*tokenizer_, cfg, times, v->result.keptPerFrame, "Hi");
        QVERIFY(p.ok());
        QCOMPARE(static_cast<int64_t>(p->patchPositions.size()), v->features.size(0));
      }
    }
  }

  void greedyDeterministicAcrossThreads() {
    auto p = prompt(2, {9, 7});
    at::Tensor f = features(16);
    const int before = at::get_num_threads();
    at::set_num_threads(1);
    auto one = greedy(p, f, 12);
    at::set_num_threads(2);
    auto two = greedy(p, f, 12);
    auto again = greedy(p, f, 12);
    at::set_num_threads(before);
    QVERIFY(!one.empty());
    QCOMPARE(one, two);
    QCOMPARE(two, again);
  }

  void runLanguageEndToEnd() {
    at::manual_seed(6);
    RunRequest req;
    req.method = "stts";
    req.keepRatio = 0.5;
    req.question = "What happens?";
    req.maxNewTokens = 6;
    auto v = pipeline::runVisionFrames(
        *model_, req, at::randint(0, 256, {2, 378, 378, 3}, at::kByte), null_, noCancel_);
    QVERIFY(v.ok());
    v->result.request = req;
    v->result.frameTime = {0.0, 0.5};
    struct Collect : TokenSink {
      std::vector<int32_t> ids;
      std::string text;
      void token(int32_t id, std::string_view t) override {
        ids.push_back(id);
        text += t;
      }
    } sink;
    auto r = llm::runLanguage(*model_, *v, null_, noCancel_, &sink);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QVERIFY(!r->answerTokens.empty());
    QCOMPARE(r->answer, tokenizer_->decode(r->answerTokens, true));
    QCOMPARE(sink.text, r->answer);
    QVERIFY(r->promptTokens > 81);
    QCOMPARE(r->timings.back().name, std::string("decode_tokens"));
    QCOMPARE(r->timings.back().tokens, static_cast<int64_t>(r->answerTokens.size()));

    // Cancel during prefill, then during decoding; then the model still works.
    for (const char* stage : {"prefill", "decode_tokens"}) {
      CancelToken cancel;
      CancelAt sinkCancel(cancel, stage, stage == std::string("prefill") ? 0 : 2);
      QElapsedTimer timer;
      timer.start();
      auto c = llm::runLanguage(*model_, *v, sinkCancel, cancel, nullptr);
      QVERIFY(!c.ok());
      QCOMPARE(c.error().code, ErrorCode::Cancelled);
      QVERIFY(timer.elapsed() < 5000);
    }
    auto again = llm::runLanguage(*model_, *v, null_, noCancel_, nullptr);
    QVERIFY(again.ok());
    QCOMPARE(again->answerTokens, r->answerTokens);

    req.question = "";
    auto empty = runFull(*model_, req, {}, null_, noCancel_, nullptr);
    QVERIFY(!empty.ok());
    QCOMPARE(empty.error().code, ErrorCode::InvalidArgument);
  }
};

QTEST_GUILESS_MAIN(TestLlm)
#include "test_llm.moc"
