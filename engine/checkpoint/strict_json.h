// Internal: JSON parsing that refuses what nlohmann accepts silently. nlohmann keeps the last of
// two equal keys; a checkpoint whose header says two different things about one tensor must be
// refused instead, so duplicates are detected at every nesting level during the parse.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "stts/error.h"

namespace stts::ckpt::detail {

// True when `bytes` is well-formed UTF-8 (no overlong forms, surrogates or code points past
// U+10FFFF). On failure `badOffset` receives the offset of the first bad byte.
bool isValidUtf8(std::string_view bytes, std::size_t* badOffset = nullptr);

// Parses `text` as one JSON value (surrounding whitespace allowed). Rejects invalid UTF-8,
// duplicate object keys and nesting deeper than 64 levels. `what` names the source in errors,
// e.g. "config.json" or "the header of model.safetensors".
Expected<nlohmann::json> parseStrictJson(std::string_view text, std::string_view what);

// "a string", "an integer", "an array", ... for "must be X, found Y" messages.
std::string describeJsonType(const nlohmann::json& value);

}  // namespace stts::ckpt::detail
