// config.json -> Molmo2Config: the real Molmo2-4B numbers, the tiny model, STTS defaults and
// overrides, and one clear sentence (naming config.json and the field) per kind of bad config.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "checkpoint_fixtures.h"

Q_DECLARE_METATYPE(stts::ErrorCode)

namespace {

// `json` with the first occurrence of `from` replaced; "" when `from` is absent so the data
// row fails loudly instead of testing the unmodified config.
std::string edit(const std::string& json, const std::string& from, const std::string& to) {
  const auto at = json.find(from);
  if (at == std::string::npos) return "";
  std::string out = json;
  out.replace(at, from.size(), to);
  return out;
}

}  // namespace

class TestModelConfig : public QObject {
  Q_OBJECT

 private slots:
  void molmo2_4b() {
    auto c = stts::parseMolmo2Config(fixtures::molmo2_4bConfig());
    QVERIFY2(c.ok(), c.ok() ? "" : c.error().message.c_str());
    QCOMPARE(c->modelType, std::string("molmo2"));
    QCOMPARE(c->architectures, std::vector<std::string>{"Molmo2ForConditionalGeneration"});
    QCOMPARE(c->tokens.imageStart, int64_t{151936});
    QCOMPARE(c->tokens.imageEnd, int64_t{151937});
    QCOMPARE(c->tokens.imagePatch, int64_t{151938});
    QCOMPARE(c->tokens.frameStart.value_or(-1), int64_t{151943});
    QVERIFY(!c->useFrameSpecialTokens);
    QVERIFY(!c->tieWordEmbeddings);
    QCOMPARE(c->vit.hiddenSize, int64_t{1152});
    QCOMPARE(c->vit.numHiddenLayers, int64_t{27});
    QCOMPARE(c->vit.headDim, int64_t{72});
    QCOMPARE(c->vit.imageHeight, int64_t{378});
    QCOMPARE(c->vit.numPositions, int64_t{729});
    QCOMPARE(c->adapter.vitLayers, (std::vector<int64_t>{-3, -9}));
    QCOMPARE(c->vitFeatureBlocks(), (std::vector<int64_t>{24, 18}));
    QCOMPARE(c->vitBlocksUsed(), int64_t{25});
    QVERIFY(c->adapter.poolingAttentionMask);
    QCOMPARE(c->adapter.intermediateSize, int64_t{9728});
    QCOMPARE(c->text.numKeyValueHeads, int64_t{8});
    QCOMPARE(c->text.headDim, int64_t{128});
    QCOMPARE(c->text.qkNormType, std::string("qwen3"));
    QCOMPARE(c->text.ropeTheta, 5e6);
    QVERIFY(!c->text.hasRopeScaling);
    QCOMPARE(c->text.maxPositionEmbeddings, int64_t{36864});
    // No STTS fields in a plain Molmo2 config: §6.2 defaults.
    QVERIFY(!c->stts.fromConfig);
    QCOMPARE(c->stts.topk, 0.5);
    QCOMPARE(c->stts.pruneAt, int64_t{3});
    QVERIFY(c->stts.prune && c->stts.pruningInScorer);
    QCOMPARE(c->stts.pruneMethod, std::string("scorer"));
    QVERIFY(std::abs(c->stts.rescaleBiasMin - std::exp(-2.0)) < 1e-12);
    QCOMPARE(c->stts.pruneFromFrame, int64_t{0});
  }

  void sttsFields() {
    // From vit_config (the native TemporalVitConfig place).
    auto tiny = stts::parseMolmo2Config(fixtures::tinyConfig());
    QVERIFY2(tiny.ok(), tiny.ok() ? "" : tiny.error().message.c_str());
    QVERIFY(tiny->stts.fromConfig);
    QCOMPARE(tiny->stts.topk, 0.3);
    QCOMPARE(tiny->stts.pruneAt, int64_t{1});
    QVERIFY(tiny->useFrameSpecialTokens);
    QCOMPARE(tiny->vitBlocksUsed(), int64_t{3});
    // Top level works too; vit_config wins when both are given.
    const std::string top = edit(fixtures::molmo2_4bConfig(), "\"model_type\"",
                                 "\"topk\": 0.7, \"prune_method\": \"random\", \"prune\": false, "
                                 "\"prune_from_frame\": 2, \"rescale_bias_min\": 0.25, "
                                 "\"pruning_in_scorer\": false, \"model_type\"");
    auto c = stts::parseMolmo2Config(top);
    QVERIFY2(c.ok(), c.ok() ? "" : c.error().message.c_str());
    QCOMPARE(c->stts.topk, 0.7);
    QCOMPARE(c->stts.pruneMethod, std::string("random"));
    QVERIFY(!c->stts.prune && !c->stts.pruningInScorer);
    QCOMPARE(c->stts.pruneFromFrame, int64_t{2});
    QCOMPARE(c->stts.rescaleBiasMin, 0.25);
    auto both = stts::parseMolmo2Config(
        edit(top, "\"hidden_size\": 1152,", "\"hidden_size\": 1152, \"topk\": 0.3,"));
    QVERIFY(both.ok());
    QCOMPARE(both->stts.topk, 0.3);
  }

  void optionalDefaults() {
    // head_dim and num_key_value_heads may be omitted; derived from the other fields.
    std::string j =
        edit(fixtures::molmo2_4bConfig(), "\"num_key_value_heads\": 16, \"head_dim\": 72,", "");
    auto c = stts::parseMolmo2Config(j);
    QVERIFY2(c.ok(), c.ok() ? "" : c.error().message.c_str());
    QCOMPARE(c->vit.headDim, int64_t{72});
    QCOMPARE(c->vit.numKeyValueHeads, int64_t{16});
    // HF writes None as null: treated as absent.
    auto nulls = stts::parseMolmo2Config(
        edit(fixtures::molmo2_4bConfig(), "\"image_col_id\": 151939", "\"image_col_id\": null"));
    QVERIFY(nulls.ok());
    QVERIFY(!nulls->tokens.imageCol.has_value());
    // image_high_res_id is the other spelling of image_patch_id.
    auto alt = stts::parseMolmo2Config(
        edit(fixtures::molmo2_4bConfig(), "\"image_patch_id\"", "\"image_high_res_id\""));
    QVERIFY(alt.ok());
    QCOMPARE(alt->tokens.imagePatch, int64_t{151938});
  }

  void invalid_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<stts::ErrorCode>("code");
    QTest::addColumn<QString>("needle");
    using stts::ErrorCode;
    const std::string base = fixtures::molmo2_4bConfig();
    auto row = [&](const char* name, const std::string& json, ErrorCode code, const char* needle) {
      QTest::newRow(name) << QString::fromStdString(json) << code << QString(needle);
    };
    row("not JSON", "{\"model_type\": ", ErrorCode::InvalidData, "not valid JSON");
    row("not an object", "[1, 2]", ErrorCode::InvalidData, "must hold a JSON object");
    row("unknown model_type", edit(base, "\"molmo2\"", "\"llava\""), ErrorCode::Unsupported,
        "model_type is \"llava\", but only \"molmo2\"");
    row("missing model_type", edit(base, "\"model_type\": \"molmo2\",", ""), ErrorCode::InvalidData,
        "model_type is missing");
    row("model_type not a string", edit(base, "\"molmo2\"", "2"), ErrorCode::InvalidData,
        "model_type must be a string, found an integer");
    row("duplicate key", edit(base, "\"model_type\"", "\"vit_config\": {}, \"model_type\""),
        ErrorCode::InvalidData, "key \"vit_config\" twice at the top level");
    row("missing section", edit(base, "\"text_config\"", "\"text_config_x\""),
        ErrorCode::InvalidData, "text_config is missing");
    row("section wrong type",
        edit(base, "\"adapter_config\": {", "\"adapter_config\": 3, \"x\": {"),
        ErrorCode::InvalidData, "adapter_config must be an object, found an integer");
    row("missing required field", edit(base, "\"vocab_size\": 151936,", ""), ErrorCode::InvalidData,
        "text_config.vocab_size is missing");
    row("integer as string", edit(base, "\"hidden_size\": 1152", "\"hidden_size\": \"1152\""),
        ErrorCode::InvalidData, "vit_config.hidden_size must be an integer, found a string");
    row("fractional integer",
        edit(base, "\"intermediate_size\": 4304", "\"intermediate_size\": 4304.5"),
        ErrorCode::InvalidData, "vit_config.intermediate_size must be an integer, found a number");
    row("zero width", edit(base, "\"hidden_size\": 2560,", "\"hidden_size\": 0,"),
        ErrorCode::InvalidData, "text_config.hidden_size must be between 1 and");
    row("heads x head_dim != hidden", edit(base, "\"head_dim\": 72", "\"head_dim\": 70"),
        ErrorCode::InvalidData,
        "vit_config.hidden_size (1152) must equal num_attention_heads x head_dim (16 x 70 = 1120)");
    row("adapter heads x head_dim",
        edit(base,
             "\"num_attention_heads\": 16, \"num_key_value_heads\": 16, \"head_dim\": 72, "
             "\"hidden_act\": \"silu\"",
             "\"num_attention_heads\": 8, \"num_key_value_heads\": 8, \"head_dim\": 72, "
             "\"hidden_act\": \"silu\""),
        ErrorCode::InvalidData, "adapter_config.hidden_size (1152) must equal");
    row("kv heads do not divide heads",
        edit(base, "\"num_key_value_heads\": 8", "\"num_key_value_heads\": 5"),
        ErrorCode::InvalidData,
        "text_config.num_attention_heads (32) must be a multiple of num_key_value_heads (5)");
    row("vit_layers out of range", edit(base, "[-3, -9]", "[-3, -30]"), ErrorCode::InvalidData,
        "adapter_config.vit_layers[1] must be between -27 and 26, found -30");
    row("vit_layers empty", edit(base, "[-3, -9]", "[]"), ErrorCode::InvalidData,
        "adapter_config.vit_layers must be a non-empty array");
    row("vit layers count out of range",
        edit(base, "\"num_hidden_layers\": 27", "\"num_hidden_layers\": 100000"),
        ErrorCode::InvalidData, "vit_config.num_hidden_layers must be between 1 and 1000");
    row("text_hidden_size mismatch",
        edit(base, "\"text_hidden_size\": 2560", "\"text_hidden_size\": 4096"),
        ErrorCode::InvalidData,
        "adapter_config.text_hidden_size (4096) must equal text_config.hidden_size (2560)");
    row("image size not a multiple of patch", edit(base, "[378, 378]", "[378, 380]"),
        ErrorCode::InvalidData, "vit_config.image_default_input_size (378x380) is not a multiple");
    row("image size wrong shape", edit(base, "[378, 378]", "378"), ErrorCode::InvalidData,
        "vit_config.image_default_input_size must be an array [height, width]");
    row("token id outside vocabulary", edit(base, "151938", "999999"), ErrorCode::InvalidData,
        "image_patch_id must be between 0 and 152063, found 999999");
    row("missing image_patch_id", edit(base, "\"image_patch_id\": 151938,", ""),
        ErrorCode::InvalidData, "image_patch_id is missing");
    row("frame tokens required",
        edit(edit(base, "\"frame_start_token_id\": 151943,", ""),
             "\"use_frame_special_tokens\": false", "\"use_frame_special_tokens\": true"),
        ErrorCode::InvalidData, "frame_start_token_id is missing");
    row("bool as string", edit(base, "\"qkv_bias\": false", "\"qkv_bias\": \"no\""),
        ErrorCode::InvalidData, "text_config.qkv_bias must be true or false, found a string");
    row("bad qk_norm_type", edit(base, "\"qwen3\"", "\"llama\""), ErrorCode::InvalidData,
        "text_config.qk_norm_type must be \"qwen3\" or \"olmo\"");
    row("rope_scaling wrong type", edit(base, "\"rope_scaling\": null", "\"rope_scaling\": 2"),
        ErrorCode::InvalidData, "text_config.rope_scaling must be an object or null");
    row("topk out of range",
        edit(base, "\"hidden_size\": 1152,", "\"hidden_size\": 1152, \"topk\": 1.5,"),
        ErrorCode::InvalidData, "vit_config.topk must be between 0 and 1, found 1.5");
    row("prune_at negative", edit(base, "\"model_type\"", "\"prune_at\": -1, \"model_type\""),
        ErrorCode::InvalidData, "prune_at must be between 0 and");
    row("unknown prune_method",
        edit(base, "\"hidden_size\": 1152,", "\"hidden_size\": 1152, \"prune_method\": \"magic\","),
        ErrorCode::InvalidData, "vit_config.prune_method must be \"scorer\"");
    row("layer_norm_eps wrong type",
        edit(base, "\"layer_norm_eps\": 1e-6", "\"layer_norm_eps\": \"tiny\""),
        ErrorCode::InvalidData, "vit_config.layer_norm_eps must be a number, found a string");
  }

  void invalid() {
    QFETCH(QString, json);
    QFETCH(stts::ErrorCode, code);
    QFETCH(QString, needle);
    QVERIFY2(!json.isEmpty(), "the edit did not apply: fix the test row");
    auto c = stts::parseMolmo2Config(json.toStdString(), "dir/config.json");
    QVERIFY(!c.ok());
    const std::string& msg = c.error().message;
    QVERIFY2(msg.rfind("dir/config.json", 0) == 0, msg.c_str());
    QVERIFY2(msg.find(needle.toStdString()) != std::string::npos, msg.c_str());
    QCOMPARE(c.error().code, code);
  }

  void loadFromFile() {
    QTemporaryDir dir;
    auto missing = stts::loadMolmo2Config(dir.filePath("config.json").toStdString());
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, stts::ErrorCode::NotFound);
    QVERIFY(missing.error().message.find("config.json") != std::string::npos);
    QVERIFY(fixtures::writeText(dir.filePath("config.json"), fixtures::tinyConfig()));
    auto ok = stts::loadMolmo2Config(dir.filePath("config.json").toStdString());
    QVERIFY(ok.ok());
    QCOMPARE(ok->text.vocabSize, int64_t{64});
  }
};

QTEST_GUILESS_MAIN(TestModelConfig)
#include "test_model_config.moc"
