#include "strict_json.h"

#include <set>
#include <vector>

namespace stts::ckpt::detail {
namespace {

constexpr int kMaxDepth = 64;

// Thrown from inside the parser callback to stop at the first problem; caught below, so it never
// leaves this file.
struct StopParse {
  std::string reason;
};

std::string inQuotes(std::string_view s) {
  std::string out = "\"";
  out.append(s.substr(0, 120));
  if (s.size() > 120) out += "...";
  out += '"';
  return out;
}

}  // namespace

bool isValidUtf8(std::string_view bytes, std::size_t* badOffset) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    std::size_t len = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      if (badOffset) *badOffset = i;
      return false;
    }
    if (i + len > n) {
      if (badOffset) *badOffset = i;
      return false;
    }
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) {
        if (badOffset) *badOffset = i;
        return false;
      }
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    const bool overlong =
        (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      if (badOffset) *badOffset = i;
      return false;
    }
    i += len;
  }
  return true;
}

Expected<nlohmann::json> parseStrictJson(std::string_view text, std::string_view what) {
  std::size_t bad = 0;
  if (!isValidUtf8(text, &bad)) {
    return makeError(
        ErrorCode::InvalidData,
        std::string(what) + " is not valid UTF-8 (bad byte at offset " + std::to_string(bad) + ")");
  }

  // One frame per open object: the keys seen so far and the key that owns the object, so a
  // duplicate can be reported with its place ("inside \"tensor.name\"").
  struct Frame {
    std::set<std::string> keys;
    std::string owner;
  };
  std::vector<Frame> frames;
  std::string lastKey;
  using Event = nlohmann::json::parse_event_t;
  auto callback = [&](int depth, Event event, nlohmann::json& parsed) -> bool {
    if (depth > kMaxDepth)
      throw StopParse{"nests deeper than " + std::to_string(kMaxDepth) + " levels"};
    switch (event) {
      case Event::object_start:
        frames.push_back(Frame{{}, lastKey});
        break;
      case Event::object_end:
        if (!frames.empty()) frames.pop_back();
        break;
      case Event::key: {
        std::string key = parsed.get<std::string>();
        if (!frames.empty() && !frames.back().keys.insert(key).second) {
          std::string where = frames.back().owner.empty() || frames.size() == 1
                                  ? std::string("at the top level")
                                  : "inside " + inQuotes(frames.back().owner);
          throw StopParse{"has the key " + inQuotes(key) + " twice " + where};
        }
        lastKey = std::move(key);
        break;
      }
      default:
        break;
    }
    return true;
  };

  try {
    return nlohmann::json::parse(text.begin(), text.end(), callback, /*allow_exceptions=*/true,
                                 /*ignore_comments=*/false);
  } catch (const StopParse& stop) {
    return makeError(ErrorCode::InvalidData, std::string(what) + " " + stop.reason);
  } catch (const nlohmann::json::parse_error& e) {
    return makeError(ErrorCode::InvalidData, std::string(what) + " is not valid JSON (byte " +
                                                 std::to_string(e.byte) + ")");
  } catch (const std::exception& e) {
    return makeError(ErrorCode::InvalidData,
                     std::string(what) + " could not be parsed as JSON: " + e.what());
  }
}

std::string describeJsonType(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::object:
      return "an object";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "an integer";
    case nlohmann::json::value_t::number_float:
      return "a number with a fraction or exponent";
    default:
      return "an unsupported value";
  }
}

}  // namespace stts::ckpt::detail
