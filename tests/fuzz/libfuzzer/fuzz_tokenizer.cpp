// (d) The tokenizer: tokenizer.json loading (Tokenizer::fromJson: vocabulary, merges, added
// tokens, the Split regex compiled by PCRE2), encoding arbitrary bytes (invalid UTF-8, NFC,
// added-token matching, BPE) and decoding, plus the line protocol of `stts tokenize --decode`.
//
// Input: [tokenizer.json] 0xFF [decode line] 0xFF [text to encode] (fuzz_util.h). An empty
// tokenizer.json part means the small Qwen3-layout tokenizer of the seed corpus
// (tests/fuzz/corpus/tokenizer/qwen3_small.json, loaded once), so the encode and decode paths
// get most of the executions instead of the JSON parser.
//
// The decode-line handling lives inside runTokenize() in app/cli/text_commands.cpp, which is not
// a library function; decodeLine() below mirrors it step for step (keep them in sync, or better,
// move that logic into a function of stts_cli_logic and call it here).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "stts/json_depth.h"
#include "stts/tokenizer.h"
#include "text_internal.h"

using nlohmann::json;
using stts::Tokenizer;

namespace {

std::unique_ptr<Tokenizer> base;

// text_commands.cpp runTokenize, --decode branch, for one input line.
void decodeLine(const Tokenizer& tokenizer, std::string line, bool skipSpecial) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (!stts::describeJsonNesting(line).empty()) return;  // refused with a sentence
  const json value = json::parse(line, nullptr, false);
  if (value.is_discarded() || !value.is_array()) return;
  std::vector<int32_t> ids;
  ids.reserve(value.size());
  for (const json& v : value) {
    if (!v.is_number_integer() || v.get<int64_t>() < 0 ||
        v.get<int64_t>() >= tokenizer.vocabSize()) {
      // The CLI's message: numbers as written, anything else by kind.
      const std::string shown = v.is_number() ? v.dump() : v.is_string() ? "a string" : "other";
      (void)shown;
      return;
    }
    ids.push_back(static_cast<int32_t>(v.get<int64_t>()));
  }
  const std::string text = tokenizer.decode(ids, skipSpecial);
  STTS_FUZZ_CHECK(stts::text::isValidUtf8(text));
  (void)json(text).dump();  // what the CLI prints; throws on invalid UTF-8
}

void exercise(const Tokenizer& tokenizer, bool isBase, std::string_view text) {
  const auto ids = tokenizer.encode(text);
  for (int32_t id : ids) STTS_FUZZ_CHECK(id >= 0 && id < tokenizer.vocabSize());
  const std::string decoded = tokenizer.decode(ids);
  STTS_FUZZ_CHECK(stts::text::isValidUtf8(decoded));
  // Byte-level BPE over a complete byte alphabet is lossless up to NFC: the base tokenizer
  // (all 256 bytes, added tokens all starting with '<') gives back NFC(text) for valid UTF-8
  // that holds no '<' (no added token can split it).
  if (isBase && stts::text::isValidUtf8(text) && text.find('<') == std::string_view::npos)
    STTS_FUZZ_CHECK(decoded == stts::text::nfc(text));
  (void)tokenizer.decode(ids, /*skipSpecial=*/true);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  std::ifstream in(STTS_FUZZ_BASE_TOKENIZER, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  auto loaded = Tokenizer::fromJson(text.str(), STTS_FUZZ_BASE_TOKENIZER);
  if (!loaded) {
    std::fprintf(stderr, "fuzz_tokenizer: the base tokenizer does not load: %s\n",
                 loaded.error().message.c_str());
    std::abort();
  }
  base = std::make_unique<Tokenizer>(std::move(*loaded));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto parts = stts::fuzz::splitParts(data, size, 3);
  std::unique_ptr<Tokenizer> owned;
  const Tokenizer* tokenizer = base.get();
  if (!parts[0].empty()) {
    auto loaded = Tokenizer::fromJson(parts[0], "tokenizer.json");
    if (!loaded) {
      STTS_FUZZ_CHECK(!loaded.error().message.empty());
      return 0;
    }
    owned = std::make_unique<Tokenizer>(std::move(*loaded));
    tokenizer = owned.get();
    // A fresh tokenizer: every id it knows maps back to itself by its string, and decodes.
    const int32_t vocab = tokenizer->vocabSize();
    STTS_FUZZ_CHECK(vocab >= 0);
    for (int32_t id = 0; id < vocab && id < 1024; ++id) {
      if (auto s = tokenizer->tokenString(id)) STTS_FUZZ_CHECK(tokenizer->tokenId(*s).has_value());
      (void)tokenizer->isSpecial(id);
      const int32_t one[] = {id, vocab, -1};
      STTS_FUZZ_CHECK(stts::text::isValidUtf8(tokenizer->decode(one)));
    }
    // Its own file is plenty of varied text to encode.
    exercise(*tokenizer, false, parts[0].substr(0, 4096));
  }
  if (parts.size() > 1) decodeLine(*tokenizer, std::string(parts[1]), parts[1].size() % 2 == 1);
  if (parts.size() > 2) exercise(*tokenizer, tokenizer == base.get(), parts[2]);
  return 0;
}
