// Shared by the libFuzzer targets in this folder (README.md): splitting one input into parts and
// checking properties of the code under test.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace stts::fuzz {

// Splits an input into at most `maxParts` parts at 0xFF bytes (the last part keeps any further
// ones). 0xFF never occurs in valid UTF-8, so a target can take several JSON documents in one
// input, and a seed made of one document is simply its first part.
inline std::vector<std::string_view> splitParts(const uint8_t* data, std::size_t size,
                                                std::size_t maxParts) {
  std::vector<std::string_view> parts;
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  std::size_t begin = 0;
  while (parts.size() + 1 < maxParts) {
    const std::size_t cut = all.find('\xFF', begin);
    if (cut == std::string_view::npos) break;
    parts.push_back(all.substr(begin, cut - begin));
    begin = cut + 1;
  }
  parts.push_back(all.substr(begin));
  return parts;
}

}  // namespace stts::fuzz

// A property the code promises does not hold: say which and abort, so libFuzzer keeps the input
// as a crash (tests/fuzz/regressions/<target>/ once understood).
#define STTS_FUZZ_CHECK(condition)                                                               \
  do {                                                                                           \
    if (!(condition)) {                                                                          \
      std::fprintf(stderr, "%s:%d: fuzz property failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                              \
    }                                                                                            \
  } while (0)
