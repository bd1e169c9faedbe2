// Each vision op against an explicit formula on small random inputs (fp32, 1e-5).
#include <torch/torch.h>

#include <QtTest/QtTest>

#include <cmath>
#include <thread>

#include "stts/model/ops.h"
#include "stts/model/preprocess.h"
#include "stts/model/threads.h"

using namespace stts::model;

namespace {

bool close(const at::Tensor& a, const at::Tensor& b, double tol = 1e-5) {
  if (a.sizes() != b.sizes()) {
    qWarning() << "shape mismatch";
    return false;
  }
  const double diff = (a.to(at::kDouble) - b.to(at::kDouble)).abs().max().item<double>();
  if (diff > tol) qWarning() << "max abs diff" << diff;
  return diff <= tol;
}

// Scalar reference attention for one (batch, head): softmax(q k^T / sqrt(d) + bias, masked).
at::Tensor refAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                        const at::Tensor& bias, const at::Tensor& allowed) {
  const int64_t B = q.size(0), H = q.size(1), Lq = q.size(2), Lk = k.size(2), D = q.size(3);
  at::Tensor out = at::zeros({B, H, Lq, D}, at::kDouble);
  auto qa = q.to(at::kDouble), ka = k.to(at::kDouble), va = v.to(at::kDouble);
  for (int64_t b = 0; b < B; ++b)
    for (int64_t h = 0; h < H; ++h)
      for (int64_t i = 0; i < Lq; ++i) {
        std::vector<double> s(static_cast<size_t>(Lk));
        std::vector<bool> ok(static_cast<size_t>(Lk), true);
        double mx = -1e300;
        bool any = false;
        for (int64_t j = 0; j < Lk; ++j) {
          double dot = 0;
          for (int64_t d = 0; d < D; ++d)
            dot += qa[b][h][i][d].item<double>() * ka[b][h][j][d].item<double>();
          dot /= std::sqrt(static_cast<double>(D));
          if (bias.defined()) dot += bias.expand({B, H, Lq, Lk})[b][h][i][j].item<double>();
          if (allowed.defined()) ok[j] = allowed.expand({B, H, Lq, Lk})[b][h][i][j].item<bool>();
          s[j] = dot;
          if (ok[j]) {
            mx = std::max(mx, dot);
            any = true;
          }
        }
        if (!any) continue;  // fully masked row -> zeros
        double z = 0;
        for (int64_t j = 0; j < Lk; ++j) z += ok[j] ? std::exp(s[j] - mx) : 0.0;
        for (int64_t j = 0; j < Lk; ++j) {
          if (!ok[j]) continue;
          const double p = std::exp(s[j] - mx) / z;
          for (int64_t d = 0; d < D; ++d) out[b][h][i][d] += p * va[b][h][j][d].item<double>();
        }
      }
  return out.to(at::kFloat);
}

}  // namespace

class TestModelOps : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    at::manual_seed(7);
    setAttentionImpl(AttentionImpl::Explicit);
  }

  void patchifyOrder() {
    // 2 frames of 28x42 (2x3 patches of 14): every value is a function of (t, y, x, c).
    at::Tensor u8 = at::empty({2, 28, 42, 3}, at::kByte);
    auto a = u8.accessor<uint8_t, 4>();
    for (int t = 0; t < 2; ++t)
      for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 42; ++x)
          for (int c = 0; c < 3; ++c)
            a[t][y][x][c] = static_cast<uint8_t>((t * 7 + y * 3 + x * 5 + c) % 256);
    at::Tensor p = patchify(u8, 14);
    QCOMPARE(p.sizes(), (at::IntArrayRef{2, 6, 588}));
    auto pa = p.accessor<float, 3>();
    for (int t = 0; t < 2; ++t)
      for (int gy = 0; gy < 2; ++gy)
        for (int gx = 0; gx < 3; ++gx)
          for (int py = 0; py < 14; ++py)
            for (int px = 0; px < 14; ++px)
              for (int c = 0; c < 3; ++c) {
                const float v = a[t][gy * 14 + py][gx * 14 + px][c];
                const float want = (v / 255.0f - 0.5f) / 0.5f;
                const float got = pa[t][gy * 3 + gx][(py * 14 + px) * 3 + c];
                if (std::fabs(got - want) > 1e-6f) QFAIL("patch element out of (py, px, c) order");
              }
  }

  void resizeSemantics() {
    // Hand-written bilinear (align_corners=false, no antialias) + round-half-even + clamp.
    auto ref = [](const at::Tensor& src, int oh, int ow, at::Tensor* exact) {
      const int ih = static_cast<int>(src.size(0)), iw = static_cast<int>(src.size(1));
      at::Tensor out = at::empty({oh, ow, 3}, at::kByte);
      *exact = at::empty({oh, ow, 3}, at::kDouble);
      auto ex = exact->accessor<double, 3>();
      auto s = src.accessor<uint8_t, 3>();
      auto o = out.accessor<uint8_t, 3>();
      auto coord = [](int d, int in, int outN, int& i0, int& i1, float& l1) {
        const float scale = static_cast<float>(in) / static_cast<float>(outN);
        // As ATen on the CPU: float scale, source index in double (the float accumulate type),
        // clamped at 0, lambda rounded to float.
        double x = static_cast<double>(scale) * (d + 0.5) - 0.5;
        if (x < 0) x = 0;
        i0 = static_cast<int>(x);
        i1 = i0 + (i0 < in - 1 ? 1 : 0);
        l1 = static_cast<float>(x - i0);
      };
      for (int y = 0; y < oh; ++y)
        for (int x = 0; x < ow; ++x) {
          int y0, y1, x0, x1;
          float ly, lx;
          coord(y, ih, oh, y0, y1, ly);
          coord(x, iw, ow, x0, x1, lx);
          for (int c = 0; c < 3; ++c) {
            const float v = (1 - ly) * ((1 - lx) * s[y0][x0][c] + lx * s[y0][x1][c]) +
                            ly * ((1 - lx) * s[y1][x0][c] + lx * s[y1][x1][c]);
            ex[y][x][c] = v;
            o[y][x][c] = static_cast<uint8_t>(std::clamp(std::nearbyint(v), 0.0f, 255.0f));
          }
        }
      return out;
    };
    at::Tensor img = at::randint(0, 256, {5, 7, 3}, at::kByte);
    for (auto [oh, ow] : {std::pair{9, 4}, std::pair{3, 11}, std::pair{5, 7}, std::pair{14, 14}}) {
      at::Tensor got = resizeRgb(img, oh, ow).to(at::kInt);
      at::Tensor exact;
      at::Tensor want = ref(img, oh, ow, &exact).to(at::kInt);
      // Exact everywhere except where the true value sits within float rounding of a .5 tie
      // (the kernel's summation order may land either side); exact ties are checked below.
      at::Tensor nearTie = ((exact - exact.floor()) - 0.5).abs().lt(1e-3);
      at::Tensor bad = (got - want).ne(0).logical_and(nearTie.logical_not());
      QVERIFY2(!bad.any().item<bool>(), qPrintable(QString("%1x%2").arg(oh).arg(ow)));
      QVERIFY((got - want).abs().max().item<int>() <= 1);
    }
    // Exact ties: 2x downscale of a 2x2 block averages 4 pixels; 1.5 -> 2, 2.5 -> 2 (half even).
    at::Tensor tie = at::zeros({2, 4, 3}, at::kByte);
    auto t = tie.accessor<uint8_t, 3>();
    // block 0: values 1,2,1,2 -> mean 1.5; block 1: 2,3,2,3 -> 2.5
    for (int y = 0; y < 2; ++y) {
      t[y][0][0] = 1, t[y][1][0] = 2, t[y][2][0] = 2, t[y][3][0] = 3;
    }
    at::Tensor r = resizeRgb(tie, 1, 2);
    QCOMPARE(r[0][0][0].item<int>(), 2);
    QCOMPARE(r[0][1][0].item<int>(), 2);
  }

  void layerNormFormula() {
    at::Tensor x = at::randn({3, 5, 16});
    at::Tensor w = at::randn({16}), b = at::randn({16});
    at::Tensor mean = x.mean(-1, true);
    at::Tensor var = (x - mean).pow(2).mean(-1, true);
    at::Tensor want = (x - mean) / at::sqrt(var + 1e-6) * w + b;
    QVERIFY(close(layerNorm(x, w, b, 1e-6), want));
  }

  void geluTanhFormula() {
    at::Tensor x = at::randn({1000}) * 3;
    const double k = std::sqrt(2.0 / M_PI);
    at::Tensor want = 0.5 * x * (1 + at::tanh(k * (x + 0.044715 * x.pow(3))));
    QVERIFY(close(geluTanh(x), want));
  }

  void attentionWithBias() {
    at::Tensor q = at::randn({2, 2, 5, 8}), k = at::randn({2, 2, 6, 8}),
               v = at::randn({2, 2, 6, 8});
    at::Tensor bias = at::randn({2, 1, 1, 6});  // per-key, broadcast over heads and queries
    QVERIFY(close(attention(q, k, v, bias), refAttention(q, k, v, bias, {})));
    QVERIFY(close(attention(q, k, v), refAttention(q, k, v, {}, {})));
  }

  void attentionBlockDiagonal() {
    // One bin of 7 slots: frame A slots 0-2, frame B slots 3-5, slot 6 empty.
    at::Tensor frame = at::tensor({0, 0, 0, 1, 1, 1, -1}, at::kLong);
    at::Tensor allowed = frame.view({7, 1}).eq(frame.view({1, 7})).view({1, 1, 7, 7});
    at::Tensor q = at::randn({1, 2, 7, 4}), k = at::randn({1, 2, 7, 4}),
               v = at::randn({1, 2, 7, 4});
    at::Tensor got = attention(q, k, v, {}, allowed);
    QVERIFY(close(got, refAttention(q, k, v, {}, allowed)));
    // Equals running each frame on its own.
    QVERIFY(close(got.narrow(2, 0, 3),
                  attention(q.narrow(2, 0, 3), k.narrow(2, 0, 3), v.narrow(2, 0, 3))));
    QVERIFY(close(got.narrow(2, 3, 3),
                  attention(q.narrow(2, 3, 3), k.narrow(2, 3, 3), v.narrow(2, 3, 3))));
    // A fully masked row gives zeros, not NaN, and does not poison the others.
    at::Tensor none = allowed.clone();
    none.select(2, 6).fill_(false);
    at::Tensor g2 = attention(q, k, v, {}, none);
    QVERIFY(!g2.isnan().any().item<bool>());
    QCOMPARE(g2.select(2, 6).abs().max().item<float>(), 0.0f);
    QVERIFY(close(g2.narrow(2, 0, 6), got.narrow(2, 0, 6)));
  }

  void attentionChunked() {
    at::Tensor q = at::randn({5, 2, 4, 8}), k = at::randn({5, 2, 6, 8}),
               v = at::randn({5, 2, 6, 8});
    at::Tensor bias = at::randn({5, 1, 1, 6});
    at::Tensor allowed = at::rand({5, 1, 4, 6}).gt(0.3);
    at::Tensor whole = attention(q, k, v, bias, allowed);
    setAttentionChunkScores(2 * 2 * 4 * 6);  // two batch items per chunk: 3 chunks
    at::Tensor chunked = attention(q, k, v, bias, allowed);
    at::Tensor shared = attention(q, k, v, bias.narrow(0, 0, 1), {});
    setAttentionChunkScores(int64_t{1} << 26);
    QVERIFY(close(chunked, whole, 1e-6));
    QVERIFY(close(shared, attention(q, k, v, bias.narrow(0, 0, 1), {})));
  }

  void attentionSdpaParity() {
    if (!sdpaAvailable()) QSKIP("LibTorch < 2.0: only the explicit path exists");
    at::Tensor q = at::randn({2, 2, 5, 8}), k = at::randn({2, 2, 5, 8}),
               v = at::randn({2, 2, 5, 8});
    at::Tensor bias = at::randn({2, 1, 1, 5});
    at::Tensor allowed = at::rand({2, 1, 5, 5}).gt(0.3);
    allowed.select(2, 0).fill_(false);
    at::Tensor ref = attention(q, k, v, bias, allowed);
    setAttentionImpl(AttentionImpl::Sdpa);
    at::Tensor got = attention(q, k, v, bias, allowed);
    setAttentionImpl(AttentionImpl::Explicit);
    QVERIFY(close(got, ref));
  }

  // The CPU kernel (query tiles, grouped heads read in place, strided inputs) against the
  // explicit path and the scalar reference, within 1e-5 (issue: results stay bit-comparable).
  void attentionBlockedMatchesReference() {
    struct Case {
      int64_t batch, heads, kvHeads, lq, lk, d, tileBytes;
      bool bias, mask;
    };
    const std::vector<Case> cases = {
        {2, 2, 2, 5, 6, 8, 1 << 20, true, false},       // one tile per head
        {2, 4, 2, 33, 33, 8, 7 * 33 * 4, false, true},  // GQA, 5 tiles, last one short
        {3, 2, 1, 17, 40, 4, 3 * 40 * 4, true, true},   // MQA, bias + mask + dead rows
    };
    for (const Case& c : cases) {
      // Heads as the blocks make them: [B, L, H, D] transposed, so q/k/v are strided views.
      at::Tensor q = at::randn({c.batch, c.lq, c.heads, c.d}).transpose(1, 2);
      at::Tensor k = at::randn({c.batch, c.lk, c.kvHeads, c.d}).transpose(1, 2);
      at::Tensor v = at::randn({c.batch, c.lk, c.kvHeads, c.d}).transpose(1, 2);
      at::Tensor bias = c.bias ? at::randn({c.batch, 1, 1, c.lk}) : at::Tensor();
      at::Tensor allowed;
      if (c.mask) {
        allowed = at::rand({c.batch, 1, c.lq, c.lk}).gt(0.5);
        allowed.select(2, 0).fill_(false);  // a query that sees nothing: zeros
      }
      const int64_t groups = c.heads / c.kvHeads;
      at::Tensor want = refAttention(q, k.repeat_interleave(groups, 1),
                                     v.repeat_interleave(groups, 1), bias, allowed);
      at::Tensor explicitOut = attention(q, k, v, bias, allowed);
      setAttentionImpl(AttentionImpl::Blocked);
      setAttentionTileBytes(c.tileBytes);
      at::Tensor blocked = attention(q, k, v, bias, allowed);
      setAttentionTileBytes(int64_t{128} << 10);
      setAttentionImpl(AttentionImpl::Explicit);
      QVERIFY(!blocked.isnan().any().item<bool>());
      QVERIFY(close(explicitOut, want));
      QVERIFY(close(blocked, want));
      QVERIFY(close(blocked, explicitOut));
    }
  }

  // Demo-sized frames (16 frames x 4 heads x 729 tokens): many tiles on every thread, with the
  // STTS per-key bias; the blocked kernel stays within 1e-5 of the whole-tensor softmax.
  void attentionBlockedAtViTShapes() {
    at::Tensor x = at::randn({16, 729, 3, 4, 16});
    at::Tensor q = x.select(2, 0).transpose(1, 2), k = x.select(2, 1).transpose(1, 2),
               v = x.select(2, 2).transpose(1, 2);
    at::Tensor bias = at::rand({16, 1, 1, 729}).log();
    at::Tensor want = attention(q, k, v, bias);
    setAttentionImpl(AttentionImpl::Blocked);
    at::Tensor got = attention(q, k, v, bias);
    setAttentionImpl(AttentionImpl::Auto);
    at::Tensor autoOut = attention(q, k, v, bias);
    setAttentionImpl(AttentionImpl::Explicit);
    QVERIFY(close(got, want));
    QVERIFY(close(autoOut, want));
  }

  // The whole-tensor path splits one large batch item into query-row chunks (a long prefill).
  void attentionExplicitRowChunks() {
    at::Tensor q = at::randn({1, 2, 10, 4}), k = at::randn({1, 1, 12, 4}),
               v = at::randn({1, 1, 12, 4});
    at::Tensor allowed = at::rand({1, 1, 10, 12}).gt(0.3);
    at::Tensor whole = attention(q, k, v, {}, allowed);
    setAttentionChunkScores(2 * 12 * 3);  // three query rows per chunk: 4 chunks
    at::Tensor chunked = attention(q, k, v, {}, allowed);
    setAttentionChunkScores(int64_t{1} << 26);
    QVERIFY(close(chunked, whole, 1e-6));
    QVERIFY(close(
        whole, refAttention(q, k.repeat_interleave(2, 1), v.repeat_interleave(2, 1), {}, allowed)));
  }

  // With OpenBLAS on its own pthread pool, the engine pins it to the caller and splits products
  // over LibTorch's threads itself; both splits (rows for a prefill, columns for a decode step)
  // give at::linear's result.
  void threadsAndSplitAffine() {
    const int cores = physicalCoreCount();
    QVERIFY(cores >= 1);
    QVERIFY(cores <= std::max(1, static_cast<int>(std::thread::hardware_concurrency())));
    configureThreads(2);
    QCOMPARE(at::get_num_threads(), 2);
    QCOMPARE(splitGemmRows(), blasThreading() == BlasThreading::OwnPool);
    const at::Tensor w = at::randn({600, 48}), b = at::randn({600});
    setSplitGemmRows(true);  // whatever this machine's BLAS: run the split kernels
    for (const at::Tensor& x : {at::randn({3, 50, 48}), at::randn({1, 1, 48})}) {
      QVERIFY(close(affine(x, w, b), at::linear(x, w, b)));
      QVERIFY(close(affine(x, w), at::linear(x, w)));
    }
    // Training (fit-scorer) differentiates through affine() and attention(): the split and
    // blocked kernels must step aside for autograd.
    {
      at::AutoGradMode grad(true);
      at::Tensor x = at::randn({2, 40, 48}).requires_grad_(true);
      affine(x, w, b).sum().backward();
      QVERIFY(x.grad().defined());
      at::Tensor q = at::randn({1, 2, 20, 8}).requires_grad_(true);
      setAttentionImpl(AttentionImpl::Blocked);
      at::Tensor o = attention(q, at::randn({1, 2, 20, 8}), at::randn({1, 2, 20, 8}));
      setAttentionImpl(AttentionImpl::Explicit);
      o.sum().backward();
      QVERIFY(q.grad().defined());
    }
    configureThreads(0);
    QCOMPARE(at::get_num_threads(), cores);
  }

  void poolingMaskedMeanQuery() {
    const int64_t n = 4, K = 9, din = 12, heads = 2, hd = 3;
    at::Tensor items = at::randn({n, K, din});
    at::Tensor valid = at::rand({n, K}).gt(0.4);
    valid[0].fill_(true);
    valid[1].fill_(false);
    valid[1][4] = true;     // one valid item
    valid[3].fill_(false);  // none valid: safe softmax, the output is the output bias alone
    AttentionWeights w{at::randn({heads * hd, din}), at::randn({heads * hd}),
                       at::randn({heads * hd, din}), at::randn({heads * hd}),
                       at::randn({heads * hd, din}), at::randn({heads * hd}),
                       at::randn({5, heads * hd}),   at::randn({5})};
    at::Tensor got = poolingAttention(items, valid, w, heads, hd);
    for (int64_t i = 0; i < n; ++i) {
      at::Tensor vi = valid[i].to(at::kFloat);
      at::Tensor query =
          (items[i] * vi.unsqueeze(-1)).sum(0) / std::max(1.0f, vi.sum().item<float>());
      at::Tensor q = (at::matmul(w.wq, query) + w.bq).view({heads, hd});
      at::Tensor k = (at::matmul(items[i], w.wk.t()) + w.bk).view({K, heads, hd});
      at::Tensor v = (at::matmul(items[i], w.wv.t()) + w.bv).view({K, heads, hd});
      at::Tensor o = at::zeros({heads, hd});
      for (int64_t h = 0; h < heads && vi.sum().item<float>() > 0; ++h) {
        at::Tensor s = at::matmul(k.select(1, h), q[h]) / std::sqrt(static_cast<double>(hd));
        s = s.masked_fill(valid[i].logical_not(), -INFINITY);
        o[h] = at::matmul(at::softmax(s, 0), v.select(1, h));
      }
      at::Tensor want = at::matmul(w.wo, o.reshape({-1})) + w.bo;
      QVERIFY(close(got[i], want, 1e-4));
    }
  }

  void projectorSwigluLayout() {
    at::Tensor x = at::randn({3, 8});
    at::Tensor w1 = at::randn({10, 8}), w3 = at::randn({10, 8}), w2 = at::randn({6, 10});
    at::Tensor a = at::matmul(x, w1.t());
    at::Tensor want = at::matmul(a * at::sigmoid(a) * at::matmul(x, w3.t()), w2.t());
    QVERIFY(close(projectorSwiglu(x, w1, w3, w2), want, 1e-4));
  }

  void fusedSwigluLayout() {
    // ff_proj rows = [up (first half) ; gate (second half)]; SiLU on the gate.
    at::Tensor x = at::randn({3, 8});
    at::Tensor up = at::randn({10, 8}), gate = at::randn({10, 8}), out = at::randn({6, 10});
    at::Tensor g = at::matmul(x, gate.t());
    at::Tensor want = at::matmul(at::matmul(x, up.t()) * (g * at::sigmoid(g)), out.t());
    QVERIFY(close(fusedSwiglu(x, at::cat({up, gate}, 0), out), want, 1e-4));
  }

  void cellIndexLayout() {
    at::Tensor idx = cellPatchIndex(27, 27, 3);
    QCOMPARE(idx.sizes(), (at::IntArrayRef{81, 9}));
    // Cell (r=2, c=5), item (dr=1, dc=2): patch (3*2+1)*27 + 3*5+2 = 206.
    QCOMPARE(idx[2 * 9 + 5][1 * 3 + 2].item<int64_t>(), int64_t{206});
    QCOMPARE(idx[0][0].item<int64_t>(), int64_t{0});
    QCOMPARE(idx[80][8].item<int64_t>(), int64_t{728});
  }
};

QTEST_GUILESS_MAIN(TestModelOps)
#include "test_model_ops.moc"
