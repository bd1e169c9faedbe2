// Byte-level BPE tokenizer read from a Hugging Face tokenizer.json (the Qwen2/Qwen3 layout that
// Molmo2 uses, docs/molmo2-spec.md §5). It reproduces the `tokenizers` pipeline: added tokens
// split off first (longest match), NFC normalizer, the Split pre-tokenizer regex read from the
// file, GPT-2 byte-to-unicode mapping, merges by rank. No Qt, no LibTorch; the regex engine,
// Unicode tables and JSON parser stay behind the pimpl.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "stts/error.h"

namespace stts {

class Tokenizer {
 public:
  // Reads a tokenizer.json. Errors name the file: missing (NotFound), truncated or invalid JSON
  // and inconsistent vocab/merges/ids (InvalidData), a model or pipeline step we do not
  // implement (Unsupported).
  static Expected<Tokenizer> load(const std::string& path);
  // The same from text already in memory; `label` names it in error messages.
  static Expected<Tokenizer> fromJson(std::string_view text, const std::string& label);

  Tokenizer(Tokenizer&&) noexcept;
  Tokenizer& operator=(Tokenizer&&) noexcept;
  ~Tokenizer();

  // Text -> ids. No BOS/EOS is added (Qwen3 has none). Added tokens written in the text
  // (e.g. "<|im_end|>") become their ids. Invalid UTF-8 bytes are read as U+FFFD, as Python's
  // errors="replace" would. Safe to call from several threads at once.
  std::vector<int32_t> encode(std::string_view text) const;
  // Ids -> UTF-8 text. Unknown ids are skipped; byte sequences that do not form valid UTF-8
  // become U+FFFD. skipSpecial drops added tokens marked "special" (not e.g. <think>).
  std::string decode(std::span<const int32_t> ids, bool skipSpecial = false) const;

  // The id of a vocabulary entry or added token, given its exact string ("<|im_end|>", "Ġthe").
  std::optional<int32_t> tokenId(std::string_view token) const;
  // The vocabulary string of an id (byte-level form, e.g. "Ġthe"), or nullopt.
  std::optional<std::string> tokenString(int32_t id) const;
  bool isSpecial(int32_t id) const;
  // Highest id + 1, added tokens included (151669 for Qwen3, 151946 for Molmo2).
  int32_t vocabSize() const;

  // Pre-tokenized pieces whose ids are cached for repeated words (for tests and benchmarks).
  std::size_t cacheSize() const;

 private:
  struct Impl;
  explicit Tokenizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace stts
