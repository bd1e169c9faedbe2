#include "tokenizer_corpus.h"

#include <array>

namespace stts::testing {
namespace {

// splitmix64: tiny, portable and fully specified, so the corpus never depends on the standard
// library's distributions (which differ between implementations).
struct Rng {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }
};

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

// Fragments chosen because tokenizers get them wrong: script boundaries, marks that NFC composes,
// multi-code-point emoji, apostrophes, digit runs, whitespace runs before text and at the end.
const std::vector<std::string> kFragments = {
    // Latin with diacritics, precomposed
    "caf\u00e9",
    "na\u00efve",
    "\u00c5ngstr\u00f6m",
    "fa\u00e7ade",
    "Stra\u00dfe",
    "\u0141\u00f3d\u017a",
    "cr\u00e8me br\u00fbl\u00e9e",
    "S\u00e3o Paulo",
    "\u00d8resund",
    "Ti\u1ebfng Vi\u1ec7t",
    "\u0160koda \u017delezni\u010dar",
    "pi\u00f1ata",
    "ma\u00f1ana",
    "r\u00e9sum\u00e9",
    // the same words decomposed (NFC must compose them) and stacked marks
    "cafe\u0301",
    "nai\u0308ve",
    "A\u030angstro\u0308m",
    "fac\u0327ade",
    "Tie\u0302\u0301ng Vie\u0323\u0302t",
    "e\u0301\u0302\u0303",
    "o\u0308\u0304",
    "\u1100\u1161\u11a8",
    "\u1112\u1161\u11ab\u1100\u1173\u11af",
    "a\u0300b\u0301c\u0302",
    "A\u030a",
    "\u212b",
    "\u2126hm",
    "q\u0307\u0323",
    // CJK, Japanese, Korean, full-width forms
    "\u4f60\u597d\uff0c\u4e16\u754c",
    "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8",
    "\ud55c\uad6d\uc5b4 \ubb38\uc7a5",
    "\u4e2d\u6587\u3002\u6807\u70b9\uff01",
    "\uff21\uff22\uff23\uff11\uff12\uff13",
    "\u30ab\u30bf\u30ab\u30ca\u30fc",
    "\u3053\u3093\u306b\u3061\u306f",
    // Arabic (with harakat and Arabic-Indic digits), Hebrew
    "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645",
    "\u0645\u064e\u0631\u0652\u062d\u064e\u0628\u064b\u0627",
    "\u0661\u0662\u0663\u0664",
    "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd",
    // Devanagari (with its digits), Thai, Cyrillic, Greek
    "\u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e",
    "\u0939\u093f\u0928\u094d\u0926\u0940",
    "\u0967\u0968\u0969",
    "\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35\u0e04\u0e23\u0e31\u0e1a",
    "\u0e20\u0e32\u0e29\u0e32\u0e44\u0e17\u0e22",
    "\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440!",
    "\u0401\u043b\u043a\u0430",
    "\u039a\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1",
    // emoji: plain, skin tones, ZWJ families, flags, keycaps, variation selectors
    "\U0001f600",
    "\U0001f44d\U0001f3fd",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",
    "\U0001f3f3\ufe0f\u200d\U0001f308",
    "\u2764\ufe0f",
    "\U0001f1e9\U0001f1ea",
    "\U0001f469\U0001f3fe\u200d\U0001f4bb",
    "1\ufe0f\u20e3",
    "\U0001f937\U0001f3fb\u200d\u2642\ufe0f",
    "\U0001f602\U0001f602\U0001f602",
    // contractions in several cases, and near misses
    "it's",
    "don't",
    "they're",
    "we've",
    "I'm",
    "you'll",
    "he'd",
    "IT'S",
    "DON'T",
    "We'Re",
    "They'VE",
    "I'M",
    "YOU'LL",
    "She'D",
    "o'clock",
    "rock'n'roll",
    "'tis",
    "''s",
    "'S",
    "dogs' bones",
    "l'\u00e9t\u00e9",
    // numbers
    "0.0",
    "12.5",
    "3.14159265358979",
    "1,000,000",
    "2026-11-25",
    "09:45",
    "1e-9",
    "-42",
    "100%",
    "$19.99",
    "\u20ac5",
    "v1.2.3",
    "0x7FFF",
    "\u00bd",
    "\u2460\u2461",
    "\u00b2\u00b3",
    // whitespace runs and line ends
    " ",
    "  ",
    "   ",
    "\t",
    "\t\t",
    "\n",
    "\n\n",
    "\n\n\n",
    "\r\n",
    "\r\n\r\n",
    " \n ",
    "  \n",
    "\n  ",
    " \t ",
    "\u00a0",
    "\u3000",
    "\u2009",
    "\u2028",
    "\u000b",
    "\f",
    "    \n\n    ",
    // punctuation and symbols
    "!!!",
    "...",
    "?!",
    "\u2014",
    "\u2013",
    "\u201cquoted\u201d",
    "\u00abguillemets\u00bb",
    "\u2026",
    "(a)",
    "[b]",
    "{c}",
    "<>",
    "#",
    "@user",
    "&amp;",
    "\\n",
    "\"",
    "'",
    "`code`",
    "~/.bashrc",
    "\u00a9 2026",
    "\u2122",
    "\u00b1",
    "\u221e",
    "\u2192",
    "\u00b0C",
    // code
    "def f(x):\n    return x**2",
    "for (int i = 0; i < n; ++i) {",
    "std::vector<int32_t> v;",
    "<div class=\"a\">",
    "SELECT * FROM t WHERE id=1;",
    "#include <stdio.h>",
    "\tif (a && b) { return; }",
    "{\"key\": [1, 2, 3]}",
    "x = y if z else w  # comment",
    "const f = () => {};",
    "fn main() -> Result<(), Box<dyn Error>> {",
    "    \n\t\treturn;",
    // URLs and addresses
    "https://example.com/path?q=1&r=\u00fc",
    "mailto:a@b.c",
    "www.test.org/a_b-c",
    "http://[::1]:8080/",
    "file:///tmp/x y.txt",
    "user.name+tag@example.co.uk",
    // added tokens of Qwen3 itself and near misses
    "<|im_start|>",
    "<|im_end|>",
    "<|endoftext|>",
    "<think>",
    "</think>",
    "<tool_call>",
    "<|fim_prefix|>",
    "<|im_end|",
    "<|im_start",
    "|im_end|>",
    "<<|im_end|>>",
    "<|IM_END|>",
    // invisible and format characters
    "a\u200db",
    "a\u200cb",
    "soft\u00adhyphen",
    "\u200e",
    "x\x01y",
    "\u0001\u007f",
};

// Molmo2's added tokens and near misses; plain text for a Qwen3-only tokenizer.
const std::vector<std::string> kMolmoFragments = {
    "<im_start>",         "<im_end>",
    "<im_patch>",         "<im_col>",
    "<low_res_im_start>", "<|image|>",
    "<im_low>",           "<frame_start>",
    "<frame_end>",        "<|video|>",
    "|<EXTRA_TOKENS_0>|", "|<EXTRA_TOKENS_266>|",
    "|<EXTRA_TOKENS_7>|", "<im_patch><im_patch><im_patch>",
    "<frame_start",       "<im_patchx>",
    "<|video|",           "|<EXTRA_TOKENS_267>|",
};

const std::vector<std::string> kSeparators = {"",   "",     " ",  " ",   " ",    "  ", "\n", "\t",
                                              ", ", "\r\n", ". ", " \n", "\n\n", "-",  "_",  "/"};

// Code point ranges for random text: well-established blocks only, so that every regex engine
// and normalizer involved agrees on their Unicode properties.
constexpr std::array<std::pair<char32_t, char32_t>, 14> kRanges = {{
    {0x20, 0x7E},        // ASCII printable
    {0xA0, 0xFF},        // Latin-1 supplement
    {0x100, 0x17E},      // Latin extended-A (stops before long s, which case-folds to 's')
    {0x300, 0x36F},      // combining diacritics
    {0x391, 0x3C9},      // Greek
    {0x410, 0x44F},      // Cyrillic
    {0x621, 0x64A},      // Arabic letters
    {0x905, 0x939},      // Devanagari letters
    {0xE01, 0xE3A},      // Thai
    {0x3041, 0x3096},    // Hiragana
    {0x4E00, 0x9FA5},    // CJK
    {0xAC00, 0xD7A3},    // Hangul syllables
    {0x1F300, 0x1F64F},  // emoji
    {0x2010, 0x2027},    // general punctuation
}};

std::string randomDigits(Rng& rng) {
  std::string s;
  const std::size_t n = 1 + rng.below(rng.below(4) == 0 ? 60 : 8);
  for (std::size_t i = 0; i < n; ++i) s += static_cast<char>('0' + rng.below(10));
  return s;
}

std::string randomText(Rng& rng) {
  std::string s;
  const auto& range = kRanges[rng.below(kRanges.size())];
  const std::size_t n = 1 + rng.below(12);
  for (std::size_t i = 0; i < n; ++i)
    appendUtf8(s, range.first + static_cast<char32_t>(rng.below(range.second - range.first + 1)));
  return s;
}

std::string randomWhitespace(Rng& rng) {
  static const std::vector<std::string> units = {" ",  " ",    " ",      "\t",
                                                 "\n", "\r\n", "\u00a0", "\u3000"};
  std::string s;
  const std::size_t n = 1 + rng.below(rng.below(5) == 0 ? 40 : 4);
  for (std::size_t i = 0; i < n; ++i) s += rng.pick(units);
  return s;
}

}  // namespace

std::vector<std::string> tokenizerCorpus(const CorpusOptions& options) {
  std::vector<std::string> pool = kFragments;
  if (options.molmoTokens) pool.insert(pool.end(), kMolmoFragments.begin(), kMolmoFragments.end());

  std::vector<std::string> corpus;
  // Structured: every fragment alone, framed by spaces, glued to words and to itself.
  for (const std::string& f : pool) {
    corpus.push_back(f);
    corpus.push_back(" " + f + " ");
    corpus.push_back("word" + f + "word");
    corpus.push_back(f + f + "  ");
  }
  corpus.push_back("");
  corpus.push_back(std::string(300, ' '));
  corpus.push_back(std::string(257, '\n') + "x");
  corpus.push_back(std::string(1000, '9'));
  corpus.push_back("\"0.0 \" and \" 12.5 \"");

  Rng rng{options.seed};
  for (int i = 0; i < options.randomStrings; ++i) {
    std::string s;
    const std::size_t parts = 1 + rng.below(i % 50 == 0 ? 80 : 10);
    for (std::size_t p = 0; p < parts; ++p) {
      switch (rng.below(8)) {
        case 0:
          s += randomDigits(rng);
          break;
        case 1:
          s += randomText(rng);
          break;
        case 2:
          s += randomWhitespace(rng);
          break;
        default:
          s += rng.pick(pool);
          break;
      }
      s += rng.pick(kSeparators);
    }
    corpus.push_back(std::move(s));
  }
  return corpus;
}

}  // namespace stts::testing
