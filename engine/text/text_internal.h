// Building blocks of stts::Tokenizer, kept out of the public header: UTF-8 helpers, the NFC
// normalizer (utf8proc), the Split pre-tokenizer (PCRE2), the added-token splitter and the
// byte-level BPE model.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "stts/error.h"

namespace stts::text {

// ---- UTF-8 -------------------------------------------------------------------------------

// Replaces every maximal invalid subsequence with U+FFFD (the Unicode / WHATWG practice that
// Rust's from_utf8_lossy and JavaScript's TextDecoder follow). Valid input comes back unchanged.
std::string toValidUtf8(std::string_view bytes);
bool isValidUtf8(std::string_view bytes);
// Appends code point `cp` as UTF-8.
void appendUtf8(std::string& out, char32_t cp);
// Decodes the code point at bytes[*pos] (valid UTF-8 assumed) and advances *pos.
char32_t nextCodePoint(std::string_view bytes, std::size_t* pos);
// The code point that ends right before `end` (valid UTF-8 assumed, end > 0).
char32_t previousCodePoint(std::string_view bytes, std::size_t end);

// NFC of valid UTF-8 text (utf8proc). ASCII-only text is returned as is without a copy.
std::string nfc(std::string_view text);

// ---- Split pre-tokenizer ---------------------------------------------------------------------

// The Split pre-tokenizer with behaviour "Isolated" and invert false: every regex match becomes
// its own piece and so does every non-empty stretch between matches. Matching is PCRE2 in UTF +
// UCP mode, JIT-compiled where the library supports it. The compiled pattern is shared; match
// data is made per call, so split() is safe from several threads.
class SplitRegex {
 public:
  static Expected<SplitRegex> compile(const std::string& pattern, bool literal,
                                      const std::string& label);
  SplitRegex(SplitRegex&&) noexcept;
  SplitRegex& operator=(SplitRegex&&) noexcept;
  ~SplitRegex();
  // `text` must be valid UTF-8. Appends the pieces (views into text) to *pieces.
  void split(std::string_view text, std::vector<std::string_view>* pieces) const;
  bool jit() const;

 private:
  struct Impl;
  explicit SplitRegex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// ---- Added tokens ------------------------------------------------------------------------------

struct AddedTokenSpec {
  int32_t id = 0;
  std::string content;
  bool special = false;
  bool singleWord = false;
  bool lstrip = false;
  bool rstrip = false;
  bool normalized = false;
};

// One piece of text after the added tokens are split off: either plain text (addedId < 0) or
// one added token.
struct Segment {
  std::string_view text;
  int32_t addedId = -1;
};

// Leftmost-longest matching of a set of added tokens, as `tokenizers` does with its
// Aho-Corasick automaton: scanning left to right, the first position where some token matches
// wins and, there, the longest token. single_word, lstrip and rstrip are applied like
// `tokenizers` (whitespace absorbed into the token, word-boundary check).
class AddedTokenMatcher {
 public:
  void build(const std::vector<const AddedTokenSpec*>& tokens);
  bool empty() const { return byFirstByte_.empty(); }
  // Splits valid UTF-8 `text` into plain-text and added-token segments.
  void split(std::string_view text, std::vector<Segment>* out) const;

 private:
  struct Entry {
    std::string content;
    int32_t id;
    bool singleWord, lstrip, rstrip;
  };
  // Longest first within each bucket, so the first hit at a position is the longest.
  std::unordered_map<unsigned char, std::vector<Entry>> byFirstByte_;
};

// ---- Byte-level BPE ----------------------------------------------------------------------------

// GPT-2's reversible byte <-> printable code point table: printable Latin-1 bytes map to
// themselves, the other 68 bytes to U+0100 onwards.
const std::vector<char32_t>& byteToCodePoint();
// Inverse of byteToCodePoint(); -1 for code points that are not in the table.
int codePointToByte(char32_t cp);

class BytePairModel {
 public:
  // vocab: string -> id. merges: pairs of vocabulary strings in rank order. Checks that every
  // merge's parts and result are in the vocabulary.
  static Expected<BytePairModel> build(
      std::unordered_map<std::string, int32_t> vocab,
      const std::vector<std::pair<std::string, std::string>>& merges, const std::string& label);
  // Appends the ids of one pre-tokenized piece (raw UTF-8 bytes, before the byte mapping).
  void encodePiece(std::string_view piece, std::vector<int32_t>* ids) const;
  const std::unordered_map<std::string, int32_t>& vocab() const { return vocab_; }

 private:
  struct MergeResult {
    int32_t rank;
    int32_t id;
  };
  static uint64_t pairKey(int32_t a, int32_t b) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) | static_cast<uint32_t>(b);
  }
  std::unordered_map<std::string, int32_t> vocab_;
  std::unordered_map<uint64_t, MergeResult> merges_;
  int32_t byteIds_[256];  // id of each byte's one-character token, -1 if absent
};

}  // namespace stts::text
