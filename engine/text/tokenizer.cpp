// stts::Tokenizer: reading tokenizer.json and the encode/decode pipeline of `tokenizers`
// (added tokens -> normalizer -> Split regex -> ByteLevel -> BPE) for the Qwen2/Qwen3 layout.
#include "stts/tokenizer.h"

#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <shared_mutex>
#include <sstream>
#include <unordered_map>

#include "stts/json_depth.h"
#include "stts/regular_file.h"
#include "text_internal.h"

namespace stts {

using nlohmann::json;
using text::AddedTokenSpec;
using text::Segment;

namespace {

constexpr uint8_t kKnown = 1, kSpecial = 2, kAdded = 4;
// Pieces longer than this (long whitespace or symbol runs) are rare and not worth caching.
constexpr std::size_t kMaxCachedPiece = 64;
// Above this many cached pieces the cache starts over, bounding memory on endless input.
constexpr std::size_t kMaxCacheEntries = 1 << 18;

std::string typeOf(const json& j) {
  return j.is_object() && j.contains("type") && j["type"].is_string() ? j["type"].get<std::string>()
                                                                      : std::string();
}

}  // namespace

namespace text {
// Everything the tokenizer holds; Tokenizer::Impl is this, named so the readers below can fill it.
struct TokenizerState {
  text::BytePairModel bpe;
  std::optional<text::SplitRegex> split;
  bool nfc = false;
  bool ignoreMerges = false;
  std::vector<AddedTokenSpec> added;
  text::AddedTokenMatcher rawMatcher;         // tokens with normalized=false: match raw text
  text::AddedTokenMatcher normalizedMatcher;  // normalized=true: match after NFC
  std::unordered_map<std::string, int32_t> addedByContent;
  std::vector<std::string> idToToken;  // vocabulary string or added-token content
  std::vector<std::string> idToBytes;  // what decode emits for the id
  std::vector<uint8_t> idFlags;

  mutable std::shared_mutex cacheMutex;
  mutable std::unordered_map<std::string, std::vector<int32_t>> cache;

  void encodePiece(std::string_view piece, std::vector<int32_t>* ids) const;
  void encodePlain(std::string_view textSegment, std::vector<int32_t>* ids) const;
};
}  // namespace text

struct Tokenizer::Impl : text::TokenizerState {};

namespace {

struct Parser {
  const std::string& label;
  Error bad(const std::string& why) const {
    return makeError(ErrorCode::InvalidData, label + ": " + why);
  }
  Error unsupported(const std::string& why) const {
    return makeError(ErrorCode::Unsupported, label + ": " + why);
  }
};

Expected<void> readNormalizer(const json& root, const Parser& p, text::TokenizerState* impl) {
  const json* n = root.contains("normalizer") ? &root["normalizer"] : nullptr;
  if (!n || n->is_null()) return {};
  std::vector<const json*> steps;
  if (typeOf(*n) == "Sequence" && n->contains("normalizers") && (*n)["normalizers"].is_array()) {
    for (const json& s : (*n)["normalizers"]) steps.push_back(&s);
  } else {
    steps.push_back(n);
  }
  for (const json* s : steps) {
    const std::string type = typeOf(*s);
    if (type != "NFC")
      return p.unsupported("normalizer \"" + type + "\" is not supported (only NFC is)");
    impl->nfc = true;
  }
  return {};
}

Expected<void> readPreTokenizer(const json& root, const Parser& p, text::TokenizerState* impl) {
  const json* pt = root.contains("pre_tokenizer") ? &root["pre_tokenizer"] : nullptr;
  if (!pt || pt->is_null()) return {};
  std::vector<const json*> steps;
  if (typeOf(*pt) == "Sequence" && pt->contains("pretokenizers") &&
      (*pt)["pretokenizers"].is_array()) {
    for (const json& s : (*pt)["pretokenizers"]) steps.push_back(&s);
  } else {
    steps.push_back(pt);
  }
  bool byteLevel = false;
  for (const json* s : steps) {
    const std::string type = typeOf(*s);
    if (type == "ByteLevel") {
      // With use_regex the step would split with GPT-2's own pattern, and add_prefix_space
      // would insert a space; Qwen's files turn both off and so does this reader.
      if (s->value("use_regex", true) || s->value("add_prefix_space", true))
        return p.unsupported(
            "ByteLevel pre-tokenizer with use_regex or add_prefix_space is not supported");
      byteLevel = true;
    } else if (type == "Split") {
      if (impl->split || byteLevel)
        return p.unsupported("only one Split pre-tokenizer before ByteLevel is supported");
      if (s->value("behavior", "") != "Isolated" || s->value("invert", false))
        return p.unsupported("Split pre-tokenizer behaviour other than Isolated is not supported");
      const json& pattern = s->contains("pattern") ? (*s)["pattern"] : json();
      bool literal = false;
      std::string text;
      if (pattern.is_object() && pattern.contains("Regex") && pattern["Regex"].is_string()) {
        text = pattern["Regex"].get<std::string>();
      } else if (pattern.is_object() && pattern.contains("String") &&
                 pattern["String"].is_string()) {
        text = pattern["String"].get<std::string>();
        literal = true;
      } else {
        return p.bad("the Split pre-tokenizer has no \"Regex\" or \"String\" pattern");
      }
      auto compiled = text::SplitRegex::compile(text, literal, p.label);
      if (!compiled) return compiled.error();
      impl->split.emplace(std::move(*compiled));
    } else {
      return p.unsupported("pre-tokenizer \"" + type + "\" is not supported");
    }
  }
  if (!byteLevel) return p.unsupported("the pre-tokenizer has no ByteLevel step");
  return {};
}

// Consumes root["model"]["vocab"] and ["merges"]: each subtree is freed as soon as it has been
// read, so the parsed JSON and the tables built from it are never all alive at once (the Qwen3
// file's tree alone is tens of MB).
Expected<void> readModel(json& root, const Parser& p, text::TokenizerState* impl) {
  if (!root.contains("model") || !root["model"].is_object())
    return p.bad("has no \"model\" object");
  json& m = root["model"];
  const std::string type = typeOf(m);
  if (!type.empty() && type != "BPE")
    return p.unsupported("model type \"" + type + "\" is not supported (only BPE is)");
  if (m.contains("byte_fallback") && m["byte_fallback"].is_boolean() &&
      m["byte_fallback"].get<bool>())
    return p.unsupported("BPE with byte_fallback is not supported");
  for (const char* key : {"continuing_subword_prefix", "end_of_word_suffix"}) {
    if (m.contains(key) && m[key].is_string() && !m[key].get<std::string>().empty())
      return p.unsupported(std::string("BPE with a ") + key + " is not supported");
  }
  if (m.contains("dropout") && m["dropout"].is_number() && m["dropout"].get<double>() > 0)
    return p.unsupported("BPE dropout is not supported (encoding must be deterministic)");
  impl->ignoreMerges = m.value("ignore_merges", false);
  if (!m.contains("vocab") || !m["vocab"].is_object())
    return p.bad("model has no \"vocab\" object");
  if (!m.contains("merges") || !m["merges"].is_array())
    return p.bad("model has no \"merges\" array");

  std::unordered_map<std::string, int32_t> vocab;
  vocab.reserve(m["vocab"].size());
  std::unordered_map<int32_t, std::string> byId;
  byId.reserve(m["vocab"].size());
  for (const auto& [token, idJson] : m["vocab"].items()) {
    if (!idJson.is_number_integer() || idJson.get<int64_t>() < 0 ||
        idJson.get<int64_t>() > INT32_MAX / 2)
      return p.bad("vocabulary entry \"" + token + "\" has no valid id");
    const auto id = static_cast<int32_t>(idJson.get<int64_t>());
    if (auto [it, fresh] = byId.emplace(id, token); !fresh)
      return p.bad("duplicate id " + std::to_string(id) + " in the vocabulary (\"" + it->second +
                   "\" and \"" + token + "\")");
    vocab.emplace(token, id);
  }
  m["vocab"] = json();

  std::vector<std::pair<std::string, std::string>> merges;
  merges.reserve(m["merges"].size());
  for (const json& merge : m["merges"]) {
    // Older files write "a b", newer ones ["a", "b"]; byte-level tokens never hold a real space.
    if (merge.is_string()) {
      const std::string s = merge.get<std::string>();
      const auto space = s.find(' ');
      if (space == std::string::npos || s.find(' ', space + 1) != std::string::npos)
        return p.bad("merge \"" + s + "\" is not two tokens separated by one space");
      merges.emplace_back(s.substr(0, space), s.substr(space + 1));
    } else if (merge.is_array() && merge.size() == 2 && merge[0].is_string() &&
               merge[1].is_string()) {
      merges.emplace_back(merge[0].get<std::string>(), merge[1].get<std::string>());
    } else {
      return p.bad("merge " + std::to_string(merges.size()) +
                   " is neither \"a b\" nor [\"a\", \"b\"]");
    }
  }
  m["merges"] = json();
  auto model = text::BytePairModel::build(std::move(vocab), merges, p.label);
  if (!model) return model.error();
  impl->bpe = std::move(*model);

  int32_t maxId = -1;
  for (const auto& [id, token] : byId) maxId = std::max(maxId, id);
  impl->idToToken.assign(static_cast<std::size_t>(maxId + 1), std::string());
  impl->idFlags.assign(static_cast<std::size_t>(maxId + 1), 0);
  for (auto& [id, token] : byId) {
    impl->idToToken[static_cast<std::size_t>(id)] = std::move(token);
    impl->idFlags[static_cast<std::size_t>(id)] = kKnown;
  }
  return {};
}

Expected<void> readAddedTokens(const json& root, const Parser& p, text::TokenizerState* impl) {
  if (!root.contains("added_tokens") || root["added_tokens"].is_null()) return {};
  if (!root["added_tokens"].is_array()) return p.bad("\"added_tokens\" is not an array");
  std::unordered_map<int32_t, std::string> addedIds;
  for (const json& e : root["added_tokens"]) {
    if (!e.is_object() || !e.contains("id") || !e["id"].is_number_integer() ||
        !e.contains("content") || !e["content"].is_string() || e["id"].get<int64_t>() < 0 ||
        e["id"].get<int64_t>() > INT32_MAX / 2)
      return p.bad("an \"added_tokens\" entry has no valid integer id or string content");
    AddedTokenSpec t;
    t.id = static_cast<int32_t>(e["id"].get<int64_t>());
    t.content = e["content"].get<std::string>();
    t.special = e.value("special", false);
    t.singleWord = e.value("single_word", false);
    t.lstrip = e.value("lstrip", false);
    t.rstrip = e.value("rstrip", false);
    t.normalized = e.value("normalized", !t.special);  // the `tokenizers` default
    if (auto [it, fresh] = addedIds.emplace(t.id, t.content); !fresh)
      return p.bad("duplicate id " + std::to_string(t.id) + " in \"added_tokens\" (\"" +
                   it->second + "\" and \"" + t.content + "\")");
    const auto& vocab = impl->bpe.vocab();
    if (auto v = vocab.find(t.content); v != vocab.end() && v->second != t.id)
      return p.bad("added token \"" + t.content + "\" has id " + std::to_string(t.id) +
                   " but the vocabulary gives it id " + std::to_string(v->second));
    if (static_cast<std::size_t>(t.id) < impl->idToToken.size() &&
        (impl->idFlags[static_cast<std::size_t>(t.id)] & kKnown) &&
        impl->idToToken[static_cast<std::size_t>(t.id)] != t.content)
      return p.bad("duplicate id " + std::to_string(t.id) + ": added token \"" + t.content +
                   "\" and vocabulary entry \"" + impl->idToToken[static_cast<std::size_t>(t.id)] +
                   "\"");
    impl->added.push_back(std::move(t));
  }
  std::vector<const AddedTokenSpec*> raw, normalized;
  for (const AddedTokenSpec& t : impl->added) {
    const auto id = static_cast<std::size_t>(t.id);
    if (id >= impl->idToToken.size()) {
      impl->idToToken.resize(id + 1);
      impl->idFlags.resize(id + 1, 0);
    }
    impl->idToToken[id] = t.content;
    impl->idFlags[id] = kKnown | kAdded | (t.special ? kSpecial : 0);
    impl->addedByContent.emplace(t.content, t.id);
    (t.normalized && impl->nfc ? normalized : raw).push_back(&t);
  }
  impl->rawMatcher.build(raw);
  impl->normalizedMatcher.build(normalized);
  return {};
}

Expected<void> readDecoder(const json& root, const Parser& p) {
  if (!root.contains("decoder") || root["decoder"].is_null()) return {};
  const std::string type = typeOf(root["decoder"]);
  if (type != "ByteLevel") return p.unsupported("decoder \"" + type + "\" is not supported");
  return {};
}

// What decode emits for each id: added tokens their text; vocabulary tokens the bytes their
// characters stand for. A token with a character outside the byte table is emitted as its UTF-8
// text, as the ByteLevel decoder of `tokenizers` does.
void buildDecodeTable(text::TokenizerState* impl) {
  impl->idToBytes.assign(impl->idToToken.size(), std::string());
  for (std::size_t id = 0; id < impl->idToToken.size(); ++id) {
    const std::string& token = impl->idToToken[id];
    if (impl->idFlags[id] & kAdded) {
      impl->idToBytes[id] = token;
      continue;
    }
    std::string bytes;
    bool mapped = true;
    for (std::size_t pos = 0; pos < token.size() && mapped;) {
      const int b = text::codePointToByte(text::nextCodePoint(token, &pos));
      if (b < 0)
        mapped = false;
      else
        bytes += static_cast<char>(b);
    }
    impl->idToBytes[id] = mapped ? std::move(bytes) : token;
  }
}

}  // namespace

Tokenizer::Tokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::~Tokenizer() = default;

Expected<Tokenizer> Tokenizer::load(const std::string& path) {
  std::error_code ec;
  if (path.empty())
    return makeError(ErrorCode::InvalidArgument, "no tokenizer.json path was given");
  if (!std::filesystem::exists(path, ec))
    return makeError(ErrorCode::NotFound, path + " does not exist");
  if (std::filesystem::is_directory(path, ec))
    return makeError(ErrorCode::InvalidArgument, path + " is a folder, not a tokenizer.json file");
  // Straight into one string of the file's size (a stream buffer and its copy would be two). Real
  // tokenizer.json files are 2-12 MB; the cap keeps a wrong file from filling the memory.
  constexpr std::size_t kMaxTokenizerBytes = 256u << 20;
  auto text = readRegularFile(path, kMaxTokenizerBytes);
  if (!text) return text.error();
  return fromJson(*text, path);
}

Expected<Tokenizer> Tokenizer::fromJson(std::string_view textIn, const std::string& label) {
  const Parser p{label};
  json root;
  if (const std::string nesting = describeJsonNesting(textIn); !nesting.empty())
    return p.bad(nesting + ", which no tokenizer.json does");
  try {
    root = json::parse(textIn.begin(), textIn.end());
  } catch (const json::parse_error& e) {
    // The parser's own message is technical; the position tells a truncated download apart
    // from a file that was edited by hand.
    // nlohmann reports one past the last byte when the input stopped inside a value.
    if (e.byte > textIn.size() ||
        std::string_view(e.what()).find("end of input") != std::string_view::npos)
      return p.bad("is not valid JSON: it ends early after " + std::to_string(textIn.size()) +
                   " bytes (truncated file?)");
    return p.bad("is not valid JSON (error at byte " + std::to_string(e.byte) + ")");
  } catch (const json::exception&) {
    // Not a syntax error: a number beyond a double's range (1e400) throws out_of_range, which
    // ended the process before the fuzzer found it (tests/fuzz/regressions/tokenizer).
    return p.bad("holds a number this program cannot represent (beyond a double's range)");
  }
  if (!root.is_object()) return p.bad("is not a tokenizer.json (the top level is not an object)");

  auto impl = std::make_unique<Impl>();
  try {
    if (auto r = readNormalizer(root, p, impl.get()); !r) return r.error();
    if (auto r = readPreTokenizer(root, p, impl.get()); !r) return r.error();
    if (auto r = readModel(root, p, impl.get()); !r) return r.error();
    if (auto r = readAddedTokens(root, p, impl.get()); !r) return r.error();
    if (auto r = readDecoder(root, p); !r) return r.error();
  } catch (const json::exception& e) {
    // A field of the wrong JSON type (value() and get() throw); it never leaves this function.
    return p.bad(std::string("has a field of an unexpected type (") + e.what() + ")");
  }
  buildDecodeTable(impl.get());
  return Tokenizer(std::move(impl));
}

void text::TokenizerState::encodePiece(std::string_view piece, std::vector<int32_t>* ids) const {
  const bool cacheable = piece.size() <= kMaxCachedPiece;
  if (cacheable) {
    std::shared_lock lock(cacheMutex);
    if (auto it = cache.find(std::string(piece)); it != cache.end()) {
      ids->insert(ids->end(), it->second.begin(), it->second.end());
      return;
    }
  }
  std::vector<int32_t> result;
  if (ignoreMerges) {
    std::string mapped;
    for (char c : piece)
      text::appendUtf8(mapped, text::byteToCodePoint()[static_cast<unsigned char>(c)]);
    if (auto it = bpe.vocab().find(mapped); it != bpe.vocab().end()) result.push_back(it->second);
  }
  if (result.empty()) bpe.encodePiece(piece, &result);
  ids->insert(ids->end(), result.begin(), result.end());
  if (cacheable) {
    std::unique_lock lock(cacheMutex);
    if (cache.size() >= kMaxCacheEntries) cache.clear();
    cache.emplace(std::string(piece), std::move(result));
  }
}

void text::TokenizerState::encodePlain(std::string_view segment, std::vector<int32_t>* ids) const {
  std::vector<std::string_view> pieces;
  if (split)
    split->split(segment, &pieces);
  else
    pieces.push_back(segment);
  for (std::string_view piece : pieces) encodePiece(piece, ids);
}

std::vector<int32_t> Tokenizer::encode(std::string_view input) const {
  std::string repaired;
  if (!text::isValidUtf8(input)) {
    repaired = text::toValidUtf8(input);
    input = repaired;
  }
  std::vector<int32_t> ids;
  ids.reserve(input.size() / 3 + 4);
  std::vector<Segment> segments;
  if (impl_->rawMatcher.empty())
    segments.push_back({input, -1});
  else
    impl_->rawMatcher.split(input, &segments);
  std::vector<Segment> inner;
  for (const Segment& s : segments) {
    if (s.addedId >= 0) {
      ids.push_back(s.addedId);
      continue;
    }
    // Normalization runs per segment, after raw added tokens are cut out, as in `tokenizers`.
    const std::string normalized = impl_->nfc ? text::nfc(s.text) : std::string(s.text);
    inner.clear();
    if (impl_->normalizedMatcher.empty())
      inner.push_back({normalized, -1});
    else
      impl_->normalizedMatcher.split(normalized, &inner);
    for (const Segment& t : inner) {
      if (t.addedId >= 0)
        ids.push_back(t.addedId);
      else
        impl_->encodePlain(t.text, &ids);
    }
  }
  return ids;
}

std::string Tokenizer::decode(std::span<const int32_t> ids, bool skipSpecial) const {
  std::string bytes;
  for (int32_t id : ids) {
    if (id < 0 || static_cast<std::size_t>(id) >= impl_->idFlags.size()) continue;
    const uint8_t flags = impl_->idFlags[static_cast<std::size_t>(id)];
    if (!(flags & kKnown) || (skipSpecial && (flags & kSpecial))) continue;
    bytes += impl_->idToBytes[static_cast<std::size_t>(id)];
  }
  return text::toValidUtf8(bytes);
}

std::optional<int32_t> Tokenizer::tokenId(std::string_view token) const {
  const std::string key(token);
  if (auto it = impl_->addedByContent.find(key); it != impl_->addedByContent.end())
    return it->second;
  if (auto it = impl_->bpe.vocab().find(key); it != impl_->bpe.vocab().end()) return it->second;
  return std::nullopt;
}

std::optional<std::string> Tokenizer::tokenString(int32_t id) const {
  if (id < 0 || static_cast<std::size_t>(id) >= impl_->idFlags.size() ||
      !(impl_->idFlags[static_cast<std::size_t>(id)] & kKnown))
    return std::nullopt;
  return impl_->idToToken[static_cast<std::size_t>(id)];
}

bool Tokenizer::isSpecial(int32_t id) const {
  return id >= 0 && static_cast<std::size_t>(id) < impl_->idFlags.size() &&
         (impl_->idFlags[static_cast<std::size_t>(id)] & kSpecial);
}

int32_t Tokenizer::vocabSize() const {
  return static_cast<int32_t>(impl_->idFlags.size());
}

std::size_t Tokenizer::cacheSize() const {
  std::shared_lock lock(impl_->cacheMutex);
  return impl_->cache.size();
}

}  // namespace stts
