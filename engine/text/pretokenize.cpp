// UTF-8 helpers, NFC, the Split pre-tokenizer regex and the added-token splitter.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>

#include "text_internal.h"

namespace stts::text {

// ---- UTF-8 -----------------------------------------------------------------------------------

namespace {

// Length of the valid UTF-8 sequence at bytes[pos], or 0 with *consumed set to the length of
// the maximal invalid subpart (at least 1) that one U+FFFD replaces.
std::size_t validSequenceAt(std::string_view bytes, std::size_t pos, std::size_t* consumed) {
  const auto b0 = static_cast<unsigned char>(bytes[pos]);
  std::size_t need = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    if (b0 == 0xE0) lo = 0xA0;  // no overlong forms
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    *consumed = 1;
    return 0;
  }
  std::size_t i = 1;
  for (; i <= need && pos + i < bytes.size(); ++i) {
    const auto b = static_cast<unsigned char>(bytes[pos + i]);
    const unsigned char l = i == 1 ? lo : 0x80, h = i == 1 ? hi : 0xBF;
    if (b < l || b > h) break;
  }
  if (i == need + 1) return need + 1;
  *consumed = i;  // the lead byte plus the continuation bytes that were still plausible
  return 0;
}

}  // namespace

bool isValidUtf8(std::string_view bytes) {
  for (std::size_t pos = 0, bad = 0; pos < bytes.size();) {
    const std::size_t n = validSequenceAt(bytes, pos, &bad);
    if (n == 0) return false;
    pos += n;
  }
  return true;
}

std::string toValidUtf8(std::string_view bytes) {
  if (isValidUtf8(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + 8);
  for (std::size_t pos = 0; pos < bytes.size();) {
    std::size_t bad = 0;
    const std::size_t n = validSequenceAt(bytes, pos, &bad);
    if (n > 0) {
      out.append(bytes.substr(pos, n));
      pos += n;
    } else {
      out += "\xEF\xBF\xBD";
      pos += bad;
    }
  }
  return out;
}

void appendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

char32_t nextCodePoint(std::string_view bytes, std::size_t* pos) {
  const auto b0 = static_cast<unsigned char>(bytes[*pos]);
  const int n = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
  char32_t cp = n == 1 ? b0 : n == 2 ? (b0 & 0x1F) : n == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (int i = 1; i < n; ++i) cp = (cp << 6) | (static_cast<unsigned char>(bytes[*pos + i]) & 0x3F);
  *pos += static_cast<std::size_t>(n);
  return cp;
}

char32_t previousCodePoint(std::string_view bytes, std::size_t end) {
  std::size_t start = end - 1;
  while (start > 0 && (static_cast<unsigned char>(bytes[start]) & 0xC0) == 0x80) --start;
  return nextCodePoint(bytes, &start);
}

std::string nfc(std::string_view text) {
  // Pure ASCII is always in NFC; skipping utf8proc there keeps English text cheap.
  if (std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; }))
    return std::string(text);
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &out,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  // utf8proc only fails on invalid UTF-8 or out of memory; callers pass valid text, so keeping
  // the text unnormalized is the least surprising fallback.
  if (n < 0 || out == nullptr) return std::string(text);
  std::string result(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return result;
}

// ---- SplitRegex ------------------------------------------------------------------------------

struct SplitRegex::Impl {
  pcre2_code* code = nullptr;
  bool jit = false;
  ~Impl() {
    if (code) pcre2_code_free(code);
  }
};

SplitRegex::SplitRegex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SplitRegex::SplitRegex(SplitRegex&&) noexcept = default;
SplitRegex& SplitRegex::operator=(SplitRegex&&) noexcept = default;
SplitRegex::~SplitRegex() = default;
bool SplitRegex::jit() const {
  return impl_->jit;
}

namespace {

// `tokenizers` runs these patterns with Oniguruma, whose Unicode \s is the White_Space property;
// PCRE2's UCP \s is the Z categories plus \t-\r, which lacks U+0085 (NEL). Adding it keeps the
// two engines' splits identical. \S inside a class cannot be widened this way and is left as is.
std::string onigurumaSpaces(const std::string& pattern) {
  std::string out;
  out.reserve(pattern.size() + 32);
  bool inClass = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      const char e = pattern[++i];
      if (e == 's')
        out += inClass ? "\\s\\x{85}" : "[\\s\\x{85}]";
      else if (e == 'S' && !inClass)
        out += "[^\\s\\x{85}]";
      else
        (out += '\\') += e;
      continue;
    }
    if (c == '[' && !inClass) {
      inClass = true;
      out += c;
      // A ']' right after '[' or '[^' is a literal, not the end of the class.
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') out += pattern[++i];
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') out += pattern[++i];
      continue;
    }
    if (c == ']' && inClass) inClass = false;
    out += c;
  }
  return out;
}

}  // namespace

Expected<SplitRegex> SplitRegex::compile(const std::string& pattern, bool literal,
                                         const std::string& label) {
  // UCP makes \s, \w, \d and POSIX classes Unicode-aware, as Oniguruma (used by `tokenizers`)
  // is for UTF-8 text; UTF makes \p{L} and '.' work on code points rather than bytes.
  uint32_t options = PCRE2_UTF | PCRE2_UCP;
  if (literal) options |= PCRE2_LITERAL;
  int errorCode = 0;
  PCRE2_SIZE errorOffset = 0;
  auto impl = std::make_unique<Impl>();
  const std::string source = literal ? pattern : onigurumaSpaces(pattern);
  impl->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(source.data()), source.size(), options,
                             &errorCode, &errorOffset, nullptr);
  if (!impl->code) {
    PCRE2_UCHAR buffer[256];
    pcre2_get_error_message(errorCode, buffer, sizeof buffer);
    return makeError(ErrorCode::InvalidData,
                     label + ": the pre-tokenizer pattern does not compile at offset " +
                         std::to_string(errorOffset) + ": " + reinterpret_cast<char*>(buffer));
  }
  // JIT is an optimisation only: builds of PCRE2 without it fall back to the interpreter.
  impl->jit = pcre2_jit_compile(impl->code, PCRE2_JIT_COMPLETE) == 0;
  return SplitRegex(std::move(impl));
}

void SplitRegex::split(std::string_view text, std::vector<std::string_view>* pieces) const {
  if (text.empty()) return;
  pcre2_match_data* md = pcre2_match_data_create_from_pattern(impl_->code, nullptr);
  const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
  std::size_t last = 0;  // end of the previous match: text in between is a piece of its own
  std::size_t pos = 0;
  while (md && pos < text.size()) {
    // The text was validated once before; re-checking it on every call would be quadratic.
    const int rc =
        pcre2_match(impl_->code, subject, text.size(), pos, PCRE2_NO_UTF_CHECK, md, nullptr);
    if (rc < 0) break;  // no more matches (or a resource limit: the rest is one piece)
    const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md);
    const std::size_t start = ov[0], end = ov[1];
    if (end == start) {
      // An empty match produces no piece; step over one code point so the loop moves on.
      std::size_t next = start;
      nextCodePoint(text, &next);
      pos = next;
      continue;
    }
    if (start > last) pieces->push_back(text.substr(last, start - last));
    pieces->push_back(text.substr(start, end - start));
    last = pos = end;
  }
  if (last < text.size()) pieces->push_back(text.substr(last));
  if (md) pcre2_match_data_free(md);
}

// ---- AddedTokenMatcher -----------------------------------------------------------------------

namespace {

// Rust's char::is_whitespace (Unicode White_Space), which `tokenizers` uses for lstrip/rstrip.
bool isWhitespace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

// A letter, number or '_': what `tokenizers` treats as part of a word for single_word tokens.
bool isWordCharacter(char32_t c) {
  if (c == '_') return true;
  const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(c));
  return (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO) ||
         (category >= UTF8PROC_CATEGORY_ND && category <= UTF8PROC_CATEGORY_NO);
}

}  // namespace

void AddedTokenMatcher::build(const std::vector<const AddedTokenSpec*>& tokens) {
  byFirstByte_.clear();
  for (const AddedTokenSpec* t : tokens) {
    if (t->content.empty()) continue;  // an empty token can never be matched
    byFirstByte_[static_cast<unsigned char>(t->content[0])].push_back(
        {t->content, t->id, t->singleWord, t->lstrip, t->rstrip});
  }
  for (auto& [byte, entries] : byFirstByte_) {
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      return a.content.size() > b.content.size();
    });
  }
}

void AddedTokenMatcher::split(std::string_view text, std::vector<Segment>* out) const {
  std::size_t plainStart = 0;  // start of the text not yet emitted
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto bucket = byFirstByte_.find(static_cast<unsigned char>(text[pos]));
    const Entry* hit = nullptr;
    if (bucket != byFirstByte_.end()) {
      for (const Entry& e : bucket->second) {
        if (text.compare(pos, e.content.size(), e.content) == 0) {
          hit = &e;
          break;
        }
      }
    }
    if (!hit) {
      ++pos;
      continue;
    }
    std::size_t start = pos, stop = pos + hit->content.size();
    if (hit->singleWord) {
      const bool startOk = start == 0 || !isWordCharacter(previousCodePoint(text, start));
      std::size_t next = stop;
      const bool stopOk = stop == text.size() || !isWordCharacter(nextCodePoint(text, &next));
      if (!startOk || !stopOk) {
        pos = stop;  // like an Aho-Corasick match that was rejected: scanning resumes after it
        continue;
      }
    }
    if (hit->lstrip) {
      // Absorb the whitespace before the token, but never text an earlier token already took.
      while (start > plainStart && isWhitespace(previousCodePoint(text, start))) {
        std::size_t back = start - 1;
        while (back > 0 && (static_cast<unsigned char>(text[back]) & 0xC0) == 0x80) --back;
        start = back;
      }
    }
    if (hit->rstrip) {
      while (stop < text.size()) {
        std::size_t next = stop;
        if (!isWhitespace(nextCodePoint(text, &next))) break;
        stop = next;
      }
    }
    if (start > plainStart) out->push_back({text.substr(plainStart, start - plainStart), -1});
    out->push_back({text.substr(start, stop - start), hit->id});
    plainStart = pos = stop;
  }
  if (plainStart < text.size()) out->push_back({text.substr(plainStart), -1});
}

}  // namespace stts::text
