// config.json -> Molmo2Config. One Fields helper records the first problem as a sentence naming
// the file and the dotted field, so every check below is one line and no check is skipped.
#include <cmath>
#include <fstream>
#include <sstream>

#include "strict_json.h"
#include "stts/model_config.h"
#include "stts/regular_file.h"

namespace stts {
namespace {

using nlohmann::json;

constexpr int64_t kMaxWidth = int64_t{1} << 24;  // any hidden/intermediate size
constexpr int64_t kMaxLayers = 1000;
constexpr int64_t kMaxVocab = int64_t{1} << 26;

class Fields {
 public:
  explicit Fields(std::string file) : file_(std::move(file)) {}

  void fail(ErrorCode code, const std::string& sentence) {
    if (!error_) error_ = makeError(code, file_ + ": " + sentence);
  }
  void fail(const std::string& sentence) { fail(ErrorCode::InvalidData, sentence); }
  bool failed() const { return error_.has_value(); }
  const Error& error() const { return *error_; }

  // obj[key], or nullptr when absent or null (HF writes None as null).
  static const json* find(const json& obj, const std::string& key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    return &*it;
  }

  static std::string name(const std::string& section, const std::string& key) {
    return section.empty() ? key : section + "." + key;
  }

  bool missing(const json* v, const std::string& field, bool required) {
    if (v == nullptr && required) fail(field + " is missing");
    return v == nullptr;
  }

  // Integer in [lo, hi]; `fallback` when absent and not required.
  int64_t integer(const json& obj, const std::string& section, const std::string& key,
                  bool required, int64_t lo, int64_t hi, int64_t fallback = 0) {
    const std::string field = name(section, key);
    const json* v = find(obj, key);
    if (missing(v, field, required)) return fallback;
    return checkInt(*v, field, lo, hi, fallback);
  }

  int64_t checkInt(const json& v, const std::string& field, int64_t lo, int64_t hi,
                   int64_t fallback) {
    if (!v.is_number_integer()) {
      fail(field + " must be an integer, found " + ckpt::detail::describeJsonType(v));
      return fallback;
    }
    if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
      fail(field + " is too large");
      return fallback;
    }
    const int64_t i = v.get<int64_t>();
    if (i < lo || i > hi) {
      fail(field + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
           ", found " + std::to_string(i));
      return fallback;
    }
    return i;
  }

  double number(const json& obj, const std::string& section, const std::string& key, bool required,
                double lo, double hi, double fallback) {
    const std::string field = name(section, key);
    const json* v = find(obj, key);
    if (missing(v, field, required)) return fallback;
    if (!v->is_number()) {
      fail(field + " must be a number, found " + ckpt::detail::describeJsonType(*v));
      return fallback;
    }
    const double d = v->get<double>();
    if (!std::isfinite(d) || d < lo || d > hi) {
      std::ostringstream s;
      s << field << " must be between " << lo << " and " << hi << ", found " << d;
      fail(s.str());
      return fallback;
    }
    return d;
  }

  bool boolean(const json& obj, const std::string& section, const std::string& key, bool fallback,
               bool* present = nullptr) {
    const std::string field = name(section, key);
    const json* v = find(obj, key);
    if (present) *present = v != nullptr;
    if (v == nullptr) return fallback;
    if (!v->is_boolean()) {
      fail(field + " must be true or false, found " + ckpt::detail::describeJsonType(*v));
      return fallback;
    }
    return v->get<bool>();
  }

  std::string string(const json& obj, const std::string& section, const std::string& key,
                     bool required, std::string fallback) {
    const std::string field = name(section, key);
    const json* v = find(obj, key);
    if (missing(v, field, required)) return fallback;
    if (!v->is_string()) {
      fail(field + " must be a string, found " + ckpt::detail::describeJsonType(*v));
      return fallback;
    }
    return v->get<std::string>();
  }

  const json* section(const json& root, const std::string& key) {
    const json* v = find(root, key);
    if (v == nullptr) {
      fail(key + " is missing");
      return nullptr;
    }
    if (!v->is_object()) {
      fail(key + " must be an object, found " + ckpt::detail::describeJsonType(*v));
      return nullptr;
    }
    return v;
  }

 private:
  std::string file_;
  std::optional<Error> error_;
};

// num_key_value_heads / head_dim defaults and the heads x head_dim consistency shared by the
// ViT and the pooling attention, whose output width is hidden_size.
void readHeads(Fields& f, const json& obj, const std::string& sec, int64_t hidden, int64_t* heads,
               int64_t* kvHeads, int64_t* headDim, bool requireProduct) {
  *heads = f.integer(obj, sec, "num_attention_heads", true, 1, 4096);
  *kvHeads = f.integer(obj, sec, "num_key_value_heads", false, 1, 4096, *heads);
  if (f.failed()) return;
  if (*heads % *kvHeads != 0) {
    f.fail(sec + ".num_attention_heads (" + std::to_string(*heads) +
           ") must be a multiple of num_key_value_heads (" + std::to_string(*kvHeads) + ")");
    return;
  }
  if (Fields::find(obj, "head_dim") == nullptr && hidden % *heads != 0) {
    f.fail(sec + ".head_dim is missing and hidden_size (" + std::to_string(hidden) +
           ") is not divisible by num_attention_heads (" + std::to_string(*heads) + ")");
    return;
  }
  *headDim = f.integer(obj, sec, "head_dim", false, 1, 4096, hidden / *heads);
  if (!f.failed() && requireProduct && *heads * *headDim != hidden) {
    f.fail(sec + ".hidden_size (" + std::to_string(hidden) +
           ") must equal num_attention_heads x head_dim (" + std::to_string(*heads) + " x " +
           std::to_string(*headDim) + " = " + std::to_string(*heads * *headDim) + ")");
  }
}

void readVit(Fields& f, const json& o, Molmo2VitConfig& v) {
  const std::string s = "vit_config";
  v.hiddenSize = f.integer(o, s, "hidden_size", true, 1, kMaxWidth);
  v.intermediateSize = f.integer(o, s, "intermediate_size", true, 1, kMaxWidth);
  v.numHiddenLayers = f.integer(o, s, "num_hidden_layers", true, 1, kMaxLayers);
  if (f.failed()) return;
  readHeads(f, o, s, v.hiddenSize, &v.numAttentionHeads, &v.numKeyValueHeads, &v.headDim, true);
  v.hiddenAct = f.string(o, s, "hidden_act", false, v.hiddenAct);
  v.layerNormEps = f.number(o, s, "layer_norm_eps", false, 0.0, 1.0, v.layerNormEps);
  v.float32Attention = f.boolean(o, s, "float32_attention", v.float32Attention);
  v.patchSize = f.integer(o, s, "image_patch_size", true, 1, 4096);
  v.numPositions = f.integer(o, s, "image_num_pos", true, 1, kMaxWidth);
  const json* size = Fields::find(o, "image_default_input_size");
  if (f.missing(size, s + ".image_default_input_size", true) || f.failed()) return;
  if (!size->is_array() || size->size() != 2) {
    f.fail(s + ".image_default_input_size must be an array [height, width]");
    return;
  }
  v.imageHeight = f.checkInt((*size)[0], s + ".image_default_input_size[0]", 1, 65536, 0);
  v.imageWidth = f.checkInt((*size)[1], s + ".image_default_input_size[1]", 1, 65536, 0);
  if (!f.failed() && (v.imageHeight % v.patchSize != 0 || v.imageWidth % v.patchSize != 0)) {
    f.fail(s + ".image_default_input_size (" + std::to_string(v.imageHeight) + "x" +
           std::to_string(v.imageWidth) + ") is not a multiple of image_patch_size (" +
           std::to_string(v.patchSize) + ")");
  }
}

void readAdapter(Fields& f, const json& o, const Molmo2VitConfig& vit, Molmo2AdapterConfig& a) {
  const std::string s = "adapter_config";
  const json* layers = Fields::find(o, "vit_layers");
  if (f.missing(layers, s + ".vit_layers", true)) return;
  if (!layers->is_array() || layers->empty()) {
    f.fail(s + ".vit_layers must be a non-empty array of ViT block indices");
    return;
  }
  for (std::size_t i = 0; i < layers->size(); ++i) {
    const int64_t l = f.checkInt((*layers)[i], s + ".vit_layers[" + std::to_string(i) + "]",
                                 -vit.numHiddenLayers, vit.numHiddenLayers - 1, 0);
    a.vitLayers.push_back(l);
  }
  a.poolingAttentionMask = f.boolean(o, s, "pooling_attention_mask", a.poolingAttentionMask);
  a.hiddenSize = f.integer(o, s, "hidden_size", true, 1, kMaxWidth);
  if (f.failed()) return;
  readHeads(f, o, s, a.hiddenSize, &a.numAttentionHeads, &a.numKeyValueHeads, &a.headDim, true);
  a.hiddenAct = f.string(o, s, "hidden_act", false, a.hiddenAct);
  a.intermediateSize = f.integer(o, s, "intermediate_size", true, 1, kMaxWidth);
  a.textHiddenSize = f.integer(o, s, "text_hidden_size", true, 1, kMaxWidth);
}

void readText(Fields& f, const json& o, Molmo2TextConfig& t) {
  const std::string s = "text_config";
  t.hiddenSize = f.integer(o, s, "hidden_size", true, 1, kMaxWidth);
  t.numHiddenLayers = f.integer(o, s, "num_hidden_layers", true, 1, kMaxLayers);
  if (f.failed()) return;
  // The Qwen3 LLM projects to heads x head_dim (4096), which need not equal hidden_size (2560).
  readHeads(f, o, s, t.hiddenSize, &t.numAttentionHeads, &t.numKeyValueHeads, &t.headDim, false);
  t.intermediateSize = f.integer(o, s, "intermediate_size", true, 1, kMaxWidth);
  t.vocabSize = f.integer(o, s, "vocab_size", true, 1, kMaxVocab);
  t.additionalVocabSize =
      f.integer(o, s, "additional_vocab_size", false, 0, kMaxVocab, t.additionalVocabSize);
  t.layerNormEps = f.number(o, s, "layer_norm_eps", false, 0.0, 1.0, t.layerNormEps);
  t.ropeTheta = f.number(o, s, "rope_theta", false, 1e-6, 1e12, t.ropeTheta);
  t.qkvBias = f.boolean(o, s, "qkv_bias", t.qkvBias);
  t.useQkNorm = f.boolean(o, s, "use_qk_norm", t.useQkNorm);
  t.qkNormType = f.string(o, s, "qk_norm_type", false, t.qkNormType);
  if (!f.failed() && t.useQkNorm && t.qkNormType != "qwen3" && t.qkNormType != "olmo") {
    f.fail(s + ".qk_norm_type must be \"qwen3\" or \"olmo\", found \"" + t.qkNormType + "\"");
  }
  t.normAfter = f.boolean(o, s, "norm_after", t.normAfter);
  t.maxPositionEmbeddings = f.integer(o, s, "max_position_embeddings", false, 1, int64_t{1} << 30,
                                      t.maxPositionEmbeddings);
  if (const json* rs = Fields::find(o, "rope_scaling")) {
    if (!rs->is_object()) {
      f.fail(s + ".rope_scaling must be an object or null, found " +
             ckpt::detail::describeJsonType(*rs));
    }
    t.hasRopeScaling = true;
  }
}

void readTokens(Fields& f, const json& root, const Molmo2TextConfig& text, bool frameTokens,
                Molmo2TokenIds& ids) {
  const int64_t maxId = text.vocabSize + text.additionalVocabSize - 1;
  ids.imageStart = f.integer(root, "", "image_start_token_id", true, 0, maxId);
  ids.imageEnd = f.integer(root, "", "image_end_token_id", true, 0, maxId);
  const char* patchKey =
      Fields::find(root, "image_patch_id") != nullptr ? "image_patch_id" : "image_high_res_id";
  if (Fields::find(root, patchKey) == nullptr) {
    f.fail("image_patch_id is missing");
    return;
  }
  ids.imagePatch = f.integer(root, "", patchKey, true, 0, maxId);
  auto optional = [&](const char* key, bool required) -> std::optional<int64_t> {
    if (Fields::find(root, key) == nullptr && !required) return std::nullopt;
    return f.integer(root, "", key, required, 0, maxId);
  };
  ids.imageCol = optional("image_col_id", false);
  ids.lowResImageStart = optional("low_res_image_start_token_id", false);
  ids.imageLowRes = optional("image_low_res_id", false);
  ids.frameStart = optional("frame_start_token_id", frameTokens);
  ids.frameEnd = optional("frame_end_token_id", frameTokens);
}

// STTS fields live in TemporalVitConfig natively, so vit_config wins over the top level.
void readStts(Fields& f, const json& root, const json& vit, SttsConfig& st) {
  struct Place {
    const json* obj;
    std::string section;
  };
  // Where a field is read from; an absent field reads as absent from the top level (default).
  auto at = [&](const char* key) -> Place {
    for (const Place& p : {Place{&vit, "vit_config"}, Place{&root, ""}}) {
      if (Fields::find(*p.obj, key) != nullptr) {
        st.fromConfig = true;
        return p;
      }
    }
    return Place{&root, ""};
  };
  Place p = at("topk");
  st.topk = f.number(*p.obj, p.section, "topk", false, 0.0, 1.0, st.topk);
  p = at("prune_at");
  st.pruneAt = f.integer(*p.obj, p.section, "prune_at", false, 0, kMaxLayers, st.pruneAt);
  p = at("prune");
  st.prune = f.boolean(*p.obj, p.section, "prune", st.prune);
  p = at("prune_method");
  st.pruneMethod = f.string(*p.obj, p.section, "prune_method", false, st.pruneMethod);
  if (!f.failed() && st.pruneMethod != "scorer" && st.pruneMethod != "heuristic" &&
      st.pruneMethod != "easy" && st.pruneMethod != "random") {
    f.fail(Fields::name(p.section, "prune_method") +
           " must be \"scorer\", \"heuristic\", \"easy\" or \"random\", found \"" + st.pruneMethod +
           "\"");
  }
  p = at("pruning_in_scorer");
  st.pruningInScorer = f.boolean(*p.obj, p.section, "pruning_in_scorer", st.pruningInScorer);
  p = at("rescale_bias_min");
  st.rescaleBiasMin =
      f.number(*p.obj, p.section, "rescale_bias_min", false, 1e-12, 1.0, st.rescaleBiasMin);
  p = at("prune_from_frame");
  st.pruneFromFrame =
      f.integer(*p.obj, p.section, "prune_from_frame", false, 0, 1 << 20, st.pruneFromFrame);
}

}  // namespace

std::vector<int64_t> Molmo2Config::vitFeatureBlocks() const {
  std::vector<int64_t> out;
  for (int64_t l : adapter.vitLayers) out.push_back(l < 0 ? vit.numHiddenLayers + l : l);
  return out;
}

int64_t Molmo2Config::vitBlocksUsed() const {
  int64_t used = 0;
  for (int64_t b : vitFeatureBlocks()) used = std::max(used, b + 1);
  return used;
}

Expected<Molmo2Config> parseMolmo2Config(std::string_view jsonText, std::string_view fileLabel) {
  const std::string file(fileLabel);
  auto parsed = ckpt::detail::parseStrictJson(jsonText, file);
  if (!parsed) return parsed.error();
  const json& root = *parsed;
  if (!root.is_object()) {
    return makeError(ErrorCode::InvalidData, file + " must hold a JSON object");
  }
  Fields f(file);
  Molmo2Config c;
  c.modelType = f.string(root, "", "model_type", true, "");
  if (f.failed()) return f.error();
  if (c.modelType != "molmo2") {
    return makeError(ErrorCode::Unsupported, file + ": model_type is \"" + c.modelType +
                                                 "\", but only \"molmo2\" checkpoints are "
                                                 "supported");
  }
  if (const json* arch = Fields::find(root, "architectures")) {
    if (!arch->is_array()) f.fail("architectures must be an array of strings");
    for (const auto& a : arch->is_array() ? *arch : json::array()) {
      if (!a.is_string()) {
        f.fail("architectures must be an array of strings");
        break;
      }
      c.architectures.push_back(a.get<std::string>());
    }
  }

  const json* vit = f.section(root, "vit_config");
  const json* adapter = f.section(root, "adapter_config");
  const json* text = f.section(root, "text_config");
  if (f.failed()) return f.error();
  readVit(f, *vit, c.vit);
  if (f.failed()) return f.error();
  readAdapter(f, *adapter, c.vit, c.adapter);
  readText(f, *text, c.text);
  if (f.failed()) return f.error();
  if (c.adapter.textHiddenSize != c.text.hiddenSize) {
    f.fail("adapter_config.text_hidden_size (" + std::to_string(c.adapter.textHiddenSize) +
           ") must equal text_config.hidden_size (" + std::to_string(c.text.hiddenSize) + ")");
  }

  c.useFrameSpecialTokens = f.boolean(root, "", "use_frame_special_tokens", false);
  bool topTie = false;
  c.tieWordEmbeddings = f.boolean(root, "", "tie_word_embeddings", false, &topTie);
  if (!topTie) c.tieWordEmbeddings = f.boolean(*text, "text_config", "tie_word_embeddings", false);
  readTokens(f, root, c.text, c.useFrameSpecialTokens, c.tokens);
  readStts(f, root, *vit, c.stts);
  if (f.failed()) return f.error();
  return c;
}

Expected<Molmo2Config> loadMolmo2Config(const std::string& path) {
  constexpr std::size_t kCap = 16u << 20;
  auto text = readRegularFile(path, kCap);
  if (!text) {
    if (text.error().code == ErrorCode::NotFound)
      return makeError(ErrorCode::NotFound, path + ": cannot open (is this a model folder?)");
    if (text.error().code == ErrorCode::TooLarge)
      return makeError(ErrorCode::TooLarge, path + " is larger than 16 MiB; not a config file");
    return text.error();
  }
  return parseMolmo2Config(*text, path);
}

}  // namespace stts
