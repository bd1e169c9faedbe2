// Whole-folder validation: the tensor table for the real Molmo2-4B numbers, a tiny sharded
// folder that passes, and one clear error per broken-folder rule of docs/ux.md §6.2.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <limits>

#include "checkpoint_fixtures.h"
#include "stts/checkpoint/finite.h"

using namespace stts::ckpt;
using fixtures::Folder;
using fixtures::kShard1;
using fixtures::kShard2;

namespace {

const std::string kScorerW2 =
    "model.vision_backbone.image_vit.transformer.temporal_token_scorer.mlp.w2.weight";

std::vector<int64_t> shapeOf(const std::vector<ExpectedTensor>& table, const std::string& name) {
  for (const auto& e : table) {
    if (e.name == name) return e.shape;
  }
  return {-1};
}

void setF32(fixtures::OwnedTensor& t, std::size_t index, float value) {
  std::memcpy(t.bytes.data() + index * 4, &value, 4);
}

fixtures::OwnedTensor* find(Folder& f, const std::string& name) {
  for (auto& [shard, tensors] : f.shards) {
    for (auto& t : tensors) {
      if (t.name == name) return &t;
    }
  }
  return nullptr;
}

// Opens `dir` and returns the error message ("" when it opened).
std::string openError(const QTemporaryDir& dir, stts::ErrorCode* code = nullptr,
                      const InspectOptions& options = {}) {
  auto c = ModelCheckpoint::open(dir.path().toStdString(), options);
  if (c.ok()) return "";
  if (code) *code = c.error().code;
  return c.error().message;
}

#define EXPECT_OPEN_ERROR(dir, needle)                              \
  do {                                                              \
    const std::string msg_ = openError(dir);                        \
    QVERIFY2(!msg_.empty(), "the folder was accepted");             \
    QVERIFY2(msg_.find(needle) != std::string::npos, msg_.c_str()); \
  } while (0)

}  // namespace

class TestModelFolder : public QObject {
  Q_OBJECT

 private:
  std::vector<fixtures::OwnedTensor> tiny_ = fixtures::tinyTensors(fixtures::tinyConfig(), true);

 private slots:
  void tableForMolmo2_4b() {
    auto config = stts::parseMolmo2Config(fixtures::molmo2_4bConfig());
    QVERIFY(config.ok());
    const auto plain = expectedTensors(*config, false);
    const auto withScorer = expectedTensors(*config, true);
    auto count = [](const std::vector<ExpectedTensor>& t, TensorGroup g) {
      return std::count_if(t.begin(), t.end(),
                           [g](const ExpectedTensor& e) { return e.group == g; });
    };
    QCOMPARE(plain.size(), std::size_t{706});
    QCOMPARE(count(plain, TensorGroup::Llm), 292);
    QCOMPARE(count(plain, TensorGroup::Vit), 403);
    QCOMPARE(count(plain, TensorGroup::Connector), 11);
    QCOMPARE(count(plain, TensorGroup::Scorer), 0);
    QCOMPARE(withScorer.size(), std::size_t{720});
    QCOMPARE(count(withScorer, TensorGroup::Scorer), 14);

    using S = std::vector<int64_t>;
    QCOMPARE(shapeOf(plain, "model.transformer.wte.embedding"), (S{151936, 2560}));
    QCOMPARE(shapeOf(plain, "model.transformer.wte.new_embedding"), (S{128, 2560}));
    QCOMPARE(shapeOf(plain, "model.transformer.blocks.35.self_attn.att_proj.weight"),
             (S{6144, 2560}));
    QCOMPARE(shapeOf(plain, "model.transformer.blocks.0.self_attn.q_norm.weight"), (S{128}));
    QCOMPARE(shapeOf(plain, "model.transformer.blocks.7.self_attn.attn_out.weight"),
             (S{2560, 4096}));
    QCOMPARE(shapeOf(plain, "model.transformer.blocks.7.mlp.ff_proj.weight"), (S{19456, 2560}));
    QCOMPARE(shapeOf(plain, "model.transformer.blocks.7.mlp.ff_out.weight"), (S{2560, 9728}));
    QCOMPARE(shapeOf(plain, "lm_head.weight"), (S{151936, 2560}));
    QCOMPARE(shapeOf(plain, "model.vision_backbone.image_vit.patch_embedding.weight"),
             (S{1152, 588}));
    QCOMPARE(shapeOf(plain, "model.vision_backbone.image_vit.positional_embedding"),
             (S{729, 1152}));
    QCOMPARE(
        shapeOf(plain,
                "model.vision_backbone.image_vit.transformer.resblocks.24.feed_forward.w1.weight"),
        (S{4304, 1152}));
    QCOMPARE(
        shapeOf(plain,
                "model.vision_backbone.image_vit.transformer.resblocks.25.feed_forward.w1.weight"),
        (S{-1}));  // only 25 of 27 blocks are stored
    QCOMPARE(shapeOf(plain, "model.vision_backbone.image_pooling_2d.wq.weight"), (S{1152, 2304}));
    QCOMPARE(shapeOf(plain, "model.vision_backbone.image_pooling_2d.wo.weight"), (S{1152, 1152}));
    QCOMPARE(shapeOf(plain, "model.vision_backbone.image_projector.w1.weight"), (S{9728, 1152}));
    QCOMPARE(shapeOf(plain, "model.vision_backbone.image_projector.w2.weight"), (S{2560, 9728}));
    const std::string sc = "model.vision_backbone.image_vit.transformer.temporal_token_scorer.";
    QCOMPARE(shapeOf(withScorer, sc + "patch_token_pooler.wq.weight"), (S{1152, 1152}));
    QCOMPARE(shapeOf(withScorer, sc + "mlp.w1.weight"), (S{4304, 2304}));
    QCOMPARE(shapeOf(withScorer, sc + "mlp.w2.weight"), (S{4304, 4304}));
    QCOMPARE(shapeOf(withScorer, sc + "mlp.w3.weight"), (S{1, 4304}));
    QCOMPARE(shapeOf(withScorer, sc + "mlp.w3.bias"), (S{1}));
    for (const auto& e : withScorer)
      QCOMPARE(isScorerTensorName(e.name), e.group == TensorGroup::Scorer);
    // A weight-tied model may omit the head.
    auto tied = stts::parseMolmo2Config(fixtures::molmo2_4bConfig().replace(
        fixtures::molmo2_4bConfig().find("\"tie_word_embeddings\": false"), 28,
        "\"tie_word_embeddings\": true "));
    QVERIFY(tied.ok());
    const auto tiedTable = expectedTensors(*tied, false);
    QVERIFY(std::any_of(tiedTable.begin(), tiedTable.end(), [](const ExpectedTensor& e) {
      return e.name == "lm_head.weight" && e.optional;
    }));
  }

  void validTinyShardedFolder() {
    QTemporaryDir dir;
    QCOMPARE(fixtures::writeTinyFolder(dir.path(), tiny_), std::string());
    auto c = ModelCheckpoint::open(dir.path().toStdString());
    QVERIFY2(c.ok(), c.ok() ? "" : c.error().message.c_str());
    const CheckpointInfo& info = c->info();
    QVERIFY(info.sharded);
    QVERIFY(info.hasSttsScorer);
    QCOMPARE(info.files, (std::vector<std::string>{kShard1, kShard2}));
    QCOMPARE(info.tensors.size(), tiny_.size());
    uint64_t total = 0;
    for (const auto& t : tiny_) total += t.bytes.size();
    QCOMPARE(info.totalTensorBytes, total);
    QCOMPARE(info.config.vitBlocksUsed(), int64_t{3});
    const TensorView* w2 = c->tensor(kScorerW2);
    QVERIFY(w2 != nullptr);
    QCOMPARE(w2->shape, (std::vector<int64_t>{12, 12}));
    QCOMPARE(c->fileOf(kScorerW2), kShard2);
    QCOMPARE(c->fileOf("model.transformer.ln_f.weight"), kShard1);
    QVERIFY(c->checkFinite("model.transformer.ln_f.weight").ok());

    auto info2 = inspectModelFolder(dir.path().toStdString());
    QVERIFY(info2.ok());
    QVERIFY(info2->hasSttsScorer);
  }

  void validWithoutScorerSingleFile() {
    QTemporaryDir dir;
    auto tensors = fixtures::tinyTensors(fixtures::tinyConfig(), false);
    // bf16 and f16 on disk are accepted for weights.
    for (auto& t : tensors) {
      if (t.name == "model.transformer.ln_f.weight") {
        t.dtype = DType::BF16;
        t.bytes.resize(t.bytes.size() / 2);
      } else if (t.name == "model.transformer.blocks.0.ff_norm.weight") {
        t.dtype = DType::F16;
        t.bytes.assign(t.bytes.size() / 2, std::byte{0});
      }
    }
    Folder f;
    f.shards["model.safetensors"] = tensors;
    QCOMPARE(fixtures::writeFolder(dir.path(), f, fixtures::tinyConfig(), false), std::string());
    auto info = inspectModelFolder(dir.path().toStdString());
    QVERIFY2(info.ok(), info.ok() ? "" : info.error().message.c_str());
    QVERIFY(!info->sharded);
    QVERIFY(!info->hasSttsScorer);
    QCOMPARE(info->files, std::vector<std::string>{"model.safetensors"});
  }

  void folderErrors() {
    QTemporaryDir dir;
    stts::ErrorCode code{};
    auto notFolder = inspectModelFolder(dir.filePath("nope").toStdString());
    QVERIFY(!notFolder.ok());
    QCOMPARE(notFolder.error().code, stts::ErrorCode::NotFound);
    QVERIFY(openError(dir, &code).find("config.json") != std::string::npos);
    QCOMPARE(code, stts::ErrorCode::NotFound);
    QVERIFY(fixtures::writeText(dir.filePath("config.json"), fixtures::tinyConfig()));
    const std::string noWeights = openError(dir, &code);
    QVERIFY2(noWeights.find("neither model.safetensors nor model.safetensors.index.json") !=
                 std::string::npos,
             noWeights.c_str());
    QCOMPARE(code, stts::ErrorCode::NotFound);
  }

  void unknownModelType() {
    QTemporaryDir dir;
    QCOMPARE(fixtures::writeTinyFolder(dir.path(), tiny_, fixtures::tinyConfig("qwen2_vl")),
             std::string());
    stts::ErrorCode code{};
    const std::string msg = openError(dir, &code);
    QVERIFY2(msg.find("config.json: model_type is \"qwen2_vl\"") != std::string::npos, msg.c_str());
    QCOMPARE(code, stts::ErrorCode::Unsupported);
  }

  void missingShard() {
    QTemporaryDir dir;
    QCOMPARE(fixtures::writeTinyFolder(dir.path(), tiny_), std::string());
    QVERIFY(QFile::remove(dir.filePath(QString::fromStdString(kShard2))));
    stts::ErrorCode code{};
    const std::string msg = openError(dir, &code);
    QVERIFY2(msg.find("lists shard \"" + kShard2 + "\"") != std::string::npos, msg.c_str());
    QVERIFY2(msg.find("missing") != std::string::npos, msg.c_str());
    QCOMPARE(code, stts::ErrorCode::NotFound);
  }

  void shardListedTwice() {
    // The same file under two names (a link), both in the index.
    QTemporaryDir dir;
    Folder f = fixtures::split(tiny_);
    QCOMPARE(fixtures::writeFolder(dir.path(), f), std::string());
    QVERIFY(QFile::link(dir.filePath(QString::fromStdString(kShard2)),
                        dir.filePath("model-copy.safetensors")));
    f.weightMap[kScorerW2] = "model-copy.safetensors";
    QVERIFY(fixtures::writeText(dir.filePath("model.safetensors.index.json"),
                                fixtures::indexJson(f.weightMap)));
    EXPECT_OPEN_ERROR(dir, "lists the same shard file twice");

    // One tensor listed twice in weight_map: refused by name instead of "last one wins".
    std::string index = fixtures::indexJson(fixtures::split(tiny_).weightMap);
    index.insert(index.find("\"weight_map\": {") + 15,
                 "\"" + kScorerW2 + "\": \"" + kShard1 + "\", ");
    QVERIFY(fixtures::writeText(dir.filePath("model.safetensors.index.json"), index));
    EXPECT_OPEN_ERROR(dir, "has the key \"" + kScorerW2 + "\" twice inside \"weight_map\"");
  }

  void indexNamesAbsentTensor() {
    QTemporaryDir dir;
    Folder f = fixtures::split(tiny_);
    f.weightMap["model.transformer.blocks.9.attn_norm.weight"] = kShard1;
    QCOMPARE(fixtures::writeFolder(dir.path(), f), std::string());
    EXPECT_OPEN_ERROR(
        dir, "names tensor \"model.transformer.blocks.9.attn_norm.weight\" in shard \"" + kShard1 +
                 "\", but that shard does not contain it");
  }

  void indexAndShardsDisagree() {
    QTemporaryDir dir;
    // A tensor present in two shards.
    Folder twice = fixtures::split(tiny_);
    twice.shards[kShard1].push_back(*find(twice, kScorerW2));
    QCOMPARE(fixtures::writeFolder(dir.path(), twice), std::string());
    EXPECT_OPEN_ERROR(dir, "tensor \"" + kScorerW2 + "\" is present in two shards");

    // A shard holding a tensor the index does not list.
    Folder unlisted = fixtures::split(tiny_);
    unlisted.weightMap.erase(kScorerW2);
    QCOMPARE(fixtures::writeFolder(dir.path(), unlisted), std::string());
    EXPECT_OPEN_ERROR(dir, "does not list tensor \"" + kScorerW2 + "\", which shard \"" + kShard2);

    // The index points at the wrong shard.
    Folder wrong = fixtures::split(tiny_);
    wrong.weightMap[kScorerW2] = kShard1;
    QCOMPARE(fixtures::writeFolder(dir.path(), wrong), std::string());
    EXPECT_OPEN_ERROR(dir, "says tensor \"" + kScorerW2 + "\" is in \"" + kShard1);

    // A shard file not in the index that holds tensors (e.g. left over from another revision).
    QCOMPARE(fixtures::writeFolder(dir.path(), fixtures::split(tiny_)), std::string());
    auto extra = fixtures::f32Tensor("x", {2}, 3);
    QVERIFY(writeSafetensors(dir.filePath("model-00003-of-00003.safetensors").toStdString(),
                             fixtures::views({extra}))
                .ok());
    EXPECT_OPEN_ERROR(dir,
                      "\"model-00003-of-00003.safetensors\" holds 1 tensors but is not listed");

    // Index entries must stay inside the folder.
    Folder escape = fixtures::split(tiny_);
    escape.weightMap[kScorerW2] = "../" + kShard2;
    QVERIFY(QFile::remove(dir.filePath("model-00003-of-00003.safetensors")));
    QCOMPARE(fixtures::writeFolder(dir.path(), escape), std::string());
    EXPECT_OPEN_ERROR(dir, "not a file name inside the model folder");
  }

  void corruptShardNamed() {
    QTemporaryDir dir;
    QCOMPARE(fixtures::writeTinyFolder(dir.path(), tiny_), std::string());
    QFile shard(dir.filePath(QString::fromStdString(kShard1)));
    QVERIFY(shard.open(QIODevice::ReadWrite));
    QVERIFY(shard.resize(shard.size() - 3));  // truncated download
    shard.close();
    EXPECT_OPEN_ERROR(dir,
                      kShard1 + ": tensor \"model.transformer.wte.new_embedding\" ends at byte");
  }

  void shapeMismatchVsConfig() {
    QTemporaryDir dir;
    Folder f = fixtures::split(tiny_);
    *find(f, "model.transformer.blocks.1.mlp.ff_out.weight") =
        fixtures::f32Tensor("model.transformer.blocks.1.mlp.ff_out.weight", {16, 25}, 9);
    QCOMPARE(fixtures::writeFolder(dir.path(), f), std::string());
    EXPECT_OPEN_ERROR(
        dir, "1 with the wrong shape: model.transformer.blocks.1.mlp.ff_out.weight in " + kShard1 +
                 " is [16, 25], config.json implies [16, 24]");
  }

  void wrongDtype() {
    QTemporaryDir dir;
    Folder f = fixtures::split(tiny_);
    find(f, "model.vision_backbone.image_vit.positional_embedding")->dtype = DType::I32;
    QCOMPARE(fixtures::writeFolder(dir.path(), f), std::string());
    EXPECT_OPEN_ERROR(dir,
                      "1 with an unsupported dtype (weights must be F32, BF16 or F16): "
                      "model.vision_backbone.image_vit.positional_embedding in " +
                          kShard2 + " is I32");
  }

  void missingAndUnexpectedListedOnce() {
    QTemporaryDir dir;
    // Config says 4 LLM blocks, the checkpoint has 2: 16 tensors missing (8 named, "and 8
    // more") plus an unexpected one, all in one message.
    std::string config = fixtures::tinyConfig();
    config.replace(config.find("\"num_hidden_layers\": 2"), 22, "\"num_hidden_layers\": 4");
    Folder f = fixtures::split(tiny_);
    f.shards[kShard1].push_back(fixtures::f32Tensor("model.transformer.extra", {1}, 1));
    f.weightMap["model.transformer.extra"] = kShard1;
    QCOMPARE(fixtures::writeFolder(dir.path(), f, config), std::string());
    stts::ErrorCode code{};
    const std::string msg = openError(dir, &code);
    QVERIFY2(msg.find("the tensors do not match config.json; 16 missing: "
                      "model.transformer.blocks.2.attn_norm.weight;") != std::string::npos,
             msg.c_str());
    QVERIFY2(msg.find("; and 8 more; 1 unexpected: model.transformer.extra (in " + kShard1 + ")") !=
                 std::string::npos,
             msg.c_str());
    QCOMPARE(code, stts::ErrorCode::InvalidData);
  }

  void partialScorerIsReported() {
    QTemporaryDir dir;
    Folder f = fixtures::split(tiny_);
    auto& s2 = f.shards[kShard2];
    s2.erase(
        std::remove_if(s2.begin(), s2.end(), [](const auto& t) { return t.name == kScorerW2; }),
        s2.end());
    f.weightMap.erase(kScorerW2);
    QCOMPARE(fixtures::writeFolder(dir.path(), f), std::string());
    EXPECT_OPEN_ERROR(dir, "1 missing: " + kScorerW2);
  }

  void pruneAtBeyondVitBlocks() {
    QTemporaryDir dir;
    std::string config = fixtures::tinyConfig();
    config.replace(config.find("\"prune_at\": 1"), 13, "\"prune_at\": 2");
    QCOMPARE(fixtures::writeTinyFolder(dir.path(), tiny_, config), std::string());
    EXPECT_OPEN_ERROR(dir, "prune_at (2) needs ViT block 3, but the model runs only 3 blocks");
  }

  void nanInScorerWeights() {
    QTemporaryDir dir;
    Folder f = fixtures::split(tiny_);
    setF32(*find(f, kScorerW2), 5, std::numeric_limits<float>::quiet_NaN());
    QCOMPARE(fixtures::writeFolder(dir.path(), f), std::string());
    stts::ErrorCode code{};
    const std::string msg = openError(dir, &code);
    QVERIFY2(msg.find(kShard2 + ": tensor \"" + kScorerW2 + "\" contains NaN at element 5") !=
                 std::string::npos,
             msg.c_str());
    QCOMPARE(code, stts::ErrorCode::InvalidData);
  }

  void infElsewhereFoundOnRequest() {
    QTemporaryDir dir;
    Folder f = fixtures::split(tiny_);
    const std::string name = "model.transformer.blocks.1.mlp.ff_proj.weight";
    setF32(*find(f, name), 17, -std::numeric_limits<float>::infinity());
    QCOMPARE(fixtures::writeFolder(dir.path(), f), std::string());
    // The default scan covers the scorer only; the loader checks the rest as it copies.
    auto c = ModelCheckpoint::open(dir.path().toStdString());
    QVERIFY(c.ok());
    auto finite = c->checkFinite(name);
    QVERIFY(!finite.ok());
    QVERIFY2(finite.error().message.find("\"" + name + "\" contains Inf at element 17") !=
                 std::string::npos,
             finite.error().message.c_str());
    InspectOptions all;
    all.scanAllForNonFinite = true;
    QVERIFY(openError(dir, nullptr, all).find("contains Inf at element 17") != std::string::npos);
  }

  void nonFiniteScanAllFloatTypes() {
    auto bytes16 = [](std::vector<uint16_t> v) {
      std::vector<std::byte> b(v.size() * 2);
      for (std::size_t i = 0; i < v.size(); ++i) {
        b[2 * i] = std::byte(v[i] & 0xFF);
        b[2 * i + 1] = std::byte(v[i] >> 8);
      }
      return b;
    };
    QVERIFY(!findNonFinite(DType::BF16, bytes16({0x3F80, 0xFF80, 0x0000})).value().isNan);  // -inf
    QCOMPARE(findNonFinite(DType::BF16, bytes16({0x3F80, 0x7F80})).value().index, int64_t{1});
    QVERIFY(findNonFinite(DType::BF16, bytes16({0x7FC0})).value().isNan);
    QVERIFY(!findNonFinite(DType::BF16, bytes16({0x7F7F, 0xFF7F})).has_value());  // max finite
    QVERIFY(findNonFinite(DType::F16, bytes16({0x3C00, 0x7E00})).value().isNan);
    QVERIFY(!findNonFinite(DType::F16, bytes16({0x7BFF, 0xFBFF})).has_value());  // +-65504
    const double d[] = {1.0, -0.0, std::numeric_limits<double>::quiet_NaN()};
    QCOMPARE(findNonFinite(DType::F64, std::as_bytes(std::span(d))).value().index, int64_t{2});
    const float ok[] = {0.0f, -1e-45f, 3.4e38f};
    QVERIFY(!findNonFinite(DType::F32, std::as_bytes(std::span(ok))).has_value());
    QVERIFY(!findNonFinite(DType::I32, std::as_bytes(std::span(ok))).has_value());  // not floats
  }
};

QTEST_GUILESS_MAIN(TestModelFolder)
#include "test_model_folder.moc"
