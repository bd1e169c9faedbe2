// Pieces of the file names the command line and the window write (run files of a sweep, an
// eval's saved runs): plain C++, shared so every name is made one way.
#pragma once

#include <string>
#include <string_view>

namespace stts {

// `text` with letters, digits, '.', '_' and '-' kept and anything else made '_'. Never empty,
// hidden, "." or "..": then `fallback` goes in front.
std::string safeFileNamePart(std::string_view text, std::string_view fallback);

// A keep ratio as the percentage in names, to 0.01 %: 0.5 -> "50", 0.125 -> "12.5", 1 -> "100".
std::string keepPercentLabel(double keep);

}  // namespace stts
