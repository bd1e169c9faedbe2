#include "stts/file_names.h"

#include <cmath>
#include <cstdio>

namespace stts {

std::string safeFileNamePart(std::string_view text, std::string_view fallback) {
  std::string safe;
  for (char c : text) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '_' || c == '-';
    safe += plain ? c : '_';
  }
  if (safe.empty() || safe.front() == '.') safe.insert(0, fallback);
  return safe;
}

std::string keepPercentLabel(double keep) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", std::round(keep * 10000.0) / 100.0);
  std::string label = text;
  while (label.back() == '0') label.pop_back();
  if (label.back() == '.') label.pop_back();
  return label;
}

}  // namespace stts
