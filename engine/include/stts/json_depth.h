// A guard for JSON from outside the program (tokenizer.json, run-file metadata, summaries, lines
// typed into `stts tokenize`). Parsing a deeply nested document is fine, but printing or walking
// it recursively is not: 100,000 nested '[' overflow the stack. Every reader of untrusted JSON
// checks the nesting first and refuses the document with a sentence instead.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace stts {

// Nesting limit for untrusted JSON. The deepest document this program reads (a tokenizer.json)
// nests 6 levels; run files 4.
inline constexpr int kMaxJsonDepth = 64;

// The byte offset of the first '[' or '{' (outside strings) that opens level `maxDepth + 1`, or
// nothing when the text never nests that deep. Linear, no allocation; works on malformed text too
// (a stray ']' never lowers the depth below zero).
std::optional<std::size_t> jsonNestingBeyond(std::string_view text, int maxDepth = kMaxJsonDepth);

// "nests deeper than 64 levels (at byte 64)" for an error message, or an empty string.
std::string describeJsonNesting(std::string_view text, int maxDepth = kMaxJsonDepth);

}  // namespace stts
