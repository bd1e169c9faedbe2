#include "stts/json_depth.h"

namespace stts {

std::optional<std::size_t> jsonNestingBeyond(std::string_view text, int maxDepth) {
  int depth = 0;
  bool inString = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (inString) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        inString = false;
      continue;
    }
    switch (c) {
      case '"':
        inString = true;
        break;
      case '[':
      case '{':
        if (++depth > maxDepth) return i;
        break;
      case ']':
      case '}':
        if (depth > 0) --depth;
        break;
      default:
        break;
    }
  }
  return std::nullopt;
}

std::string describeJsonNesting(std::string_view text, int maxDepth) {
  const auto at = jsonNestingBeyond(text, maxDepth);
  if (!at) return {};
  return "nests deeper than " + std::to_string(maxDepth) + " levels (at byte " +
         std::to_string(*at) + ")";
}

}  // namespace stts
