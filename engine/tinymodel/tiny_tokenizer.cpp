// The tokenizer files of the tiny model. tokenizer.json is the real Qwen3 file (vendored in
// third_party/qwen3-tokenizer) with Molmo2's added tokens appended. The 11 MB file is not
// re-serialised: only its "added_tokens" array is parsed and extended, and the rest is copied byte
// for byte, so the vocabulary and merges are exactly the vendored ones and writing stays fast.
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "stts/tiny_model.h"
#include "tiny_internal.h"

namespace stts::tiny {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr int64_t kQwenFirstAdded = 151643;
constexpr int64_t kQwenLastAdded = 151668;

Expected<std::string> readWholeFile(const std::string& path, std::size_t cap) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return makeError(ErrorCode::NotFound,
                     path + " is missing; run scripts/fetch_tokenizer.sh to fetch the tokenizer");
  }
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) return makeError(ErrorCode::Io, path + ": read failed");
  std::string text = std::move(out).str();
  if (text.size() > cap) return makeError(ErrorCode::TooLarge, path + " is unexpectedly large");
  return text;
}

// Position of the ']' closing the array that starts at text[open] == '[', skipping strings.
std::size_t matchingBracket(const std::string& text, std::size_t open) {
  int depth = 0;
  bool inString = false;
  for (std::size_t i = open; i < text.size(); ++i) {
    const char c = text[i];
    if (inString) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        inString = false;
      continue;
    }
    if (c == '"') inString = true;
    if (c == '[' || c == '{') ++depth;
    if (c == ']' || c == '}') {
      if (--depth == 0) return c == ']' ? i : std::string::npos;
    }
  }
  return std::string::npos;
}

// One entry in the layout the package's file uses (HF tokenizers' pretty printer).
std::string addedTokenText(const AddedToken& t) {
  return "    {\n      \"id\": " + std::to_string(t.id) +
         ",\n      \"content\": " + json(t.content).dump() +
         ",\n      \"single_word\": false,\n      \"lstrip\": false,\n      \"rstrip\": false,\n"
         "      \"normalized\": false,\n      \"special\": true\n    }";
}

// Returns tokenizer.json with the missing Molmo2 tokens appended to "added_tokens", and the full
// id -> content list of added tokens after the change (for the other files).
Expected<std::string> extendTokenizerJson(const std::string& text, const std::string& label,
                                          std::vector<AddedToken>* all) {
  auto bad = [&](const std::string& why) {
    return makeError(ErrorCode::InvalidData, label + ": " + why);
  };
  // The top-level key comes before "model" in every tokenizers-written file, so the first
  // occurrence is the right one (vocabulary strings never contain the quoted key).
  const std::size_t key = text.find("\"added_tokens\"");
  if (key == std::string::npos) return bad("has no \"added_tokens\" array");
  const std::size_t open = text.find('[', key);
  if (open == std::string::npos) return bad("\"added_tokens\" is not an array");
  const std::size_t close = matchingBracket(text, open);
  if (close == std::string::npos) return bad("\"added_tokens\" array is not closed");

  json existing =
      json::parse(text.begin() + static_cast<std::ptrdiff_t>(open),
                  text.begin() + static_cast<std::ptrdiff_t>(close) + 1, nullptr, false);
  if (existing.is_discarded() || !existing.is_array()) return bad("\"added_tokens\" is not JSON");
  std::map<int64_t, std::string> byId;
  for (const auto& e : existing) {
    if (!e.is_object() || !e.contains("id") || !e["id"].is_number_integer() ||
        !e.contains("content") || !e["content"].is_string()) {
      return bad("an \"added_tokens\" entry has no integer id or string content");
    }
    byId[e["id"].get<int64_t>()] = e["content"].get<std::string>();
  }
  // Qwen3's own specials must be there: Molmo2's ids are defined relative to them.
  for (int64_t id = kQwenFirstAdded; id <= kQwenLastAdded; ++id) {
    if (!byId.count(id)) {
      return bad("lacks Qwen3's added token " + std::to_string(id) +
                 "; is this a Qwen3 tokenizer?");
    }
  }
  if (byId[kQwenFirstAdded] != "<|endoftext|>" || byId[151645] != "<|im_end|>") {
    return bad("has unexpected Qwen3 special tokens at 151643/151645");
  }

  std::string added;
  for (const AddedToken& t : molmo2AddedTokens()) {
    auto it = byId.find(t.id);
    if (it != byId.end()) {
      if (it->second != t.content) {
        return bad("token id " + std::to_string(t.id) + " is \"" + it->second +
                   "\", but Molmo2 needs \"" + t.content + "\" there");
      }
      continue;  // already present: add only what is missing
    }
    added += ",\n" + addedTokenText(t);
    byId[t.id] = t.content;
  }
  all->clear();
  for (const auto& [id, content] : byId) all->push_back({id, content});

  // Insert after the last entry, keeping the package's closing "\n  ]".
  const std::size_t lastBrace = text.rfind('}', close);
  if (lastBrace == std::string::npos || lastBrace < open) return bad("\"added_tokens\" is empty");
  std::string out;
  out.reserve(text.size() + added.size());
  out.append(text, 0, lastBrace + 1);
  out += added;
  out.append(text, lastBrace + 1, std::string::npos);
  return out;
}

std::string dumpJson(const ordered_json& j) {
  return j.dump(2) + "\n";
}

// Molmo2's template (docs/molmo2-spec.md §4.1): visual placeholders first, then the turns.
constexpr const char* kChatTemplate =
    R"({%- set ns = namespace(first_user=true) -%}
{%- for message in messages -%}
{%- if message['content'] is not string -%}
{%- for part in message['content'] -%}
{%- if part['type'] == 'video' -%}{{ '<|video|>' }}
{%- elif part['type'] == 'image' -%}{{ '<|image|>' }}
{%- endif -%}
{%- endfor -%}
{%- endif -%}
{%- endfor -%}
{%- for message in messages -%}
{%- if message['content'] is string -%}{%- set text = message['content'] -%}
{%- else -%}{%- set text = message['content'] | selectattr('type', 'equalto', 'text') | map(attribute='text') | join('') -%}
{%- endif -%}
{%- if message['role'] == 'user' -%}
{%- if not ns.first_user -%}{{ '<|im_end|>\n' }}{%- endif -%}
{{ '<|im_start|>user\n' + text + '<|im_end|>\n' }}
{%- set ns.first_user = false -%}
{%- elif message['role'] == 'assistant' -%}
{{ '<|im_start|>assistant\n' + text }}
{%- endif -%}
{%- endfor -%}
{%- if add_generation_prompt -%}{{ '<|im_start|>assistant\n' }}{%- endif -%}
)";

}  // namespace

Expected<std::vector<TextFile>> tokenizerFiles(const std::string& dir) {
  if (dir.empty()) {
    return makeError(ErrorCode::NotFound,
                     "no Qwen3 tokenizer folder is known; configure the build (it uses "
                     "third_party/qwen3-tokenizer) or set STTS_QWEN3_TOKENIZER_DIR");
  }
  const std::string tokPath = dir + "/tokenizer.json";
  const std::string cfgPath = dir + "/tokenizer_config.json";
  auto tokText = readWholeFile(tokPath, 64u << 20);
  if (!tokText) return tokText.error();
  auto cfgText = readWholeFile(cfgPath, 4u << 20);
  if (!cfgText) return cfgText.error();

  std::vector<AddedToken> all;
  auto tokenizer = extendTokenizerJson(*tokText, tokPath, &all);
  if (!tokenizer) return tokenizer.error();

  ordered_json config = ordered_json::parse(*cfgText, nullptr, false);
  if (config.is_discarded() || !config.is_object()) {
    return makeError(ErrorCode::InvalidData, cfgPath + " is not a JSON object");
  }
  ordered_json& decoder = config["added_tokens_decoder"];
  if (!decoder.is_object()) decoder = ordered_json::object();
  for (const AddedToken& t : all) {
    const std::string id = std::to_string(t.id);
    if (decoder.contains(id)) continue;
    decoder[id] = {{"content", t.content}, {"lstrip", false},      {"normalized", false},
                   {"rstrip", false},      {"single_word", false}, {"special", true}};
  }
  // Molmo2's converter makes BOS the <|im_end|> token (Qwen3 has none), and the chat template
  // moves to chat_template.jinja as in the released repositories.
  std::vector<std::string> specials;
  if (config.contains("additional_special_tokens") &&
      config["additional_special_tokens"].is_array()) {
    for (const auto& s : config["additional_special_tokens"])
      if (s.is_string()) specials.push_back(s.get<std::string>());
  }
  std::set<std::string> seen(specials.begin(), specials.end());
  for (const AddedToken& t : molmo2AddedTokens()) {
    if (t.id >= 151936 && seen.insert(t.content).second) specials.push_back(t.content);
  }
  config["additional_special_tokens"] = specials;
  config["bos_token"] = "<|im_end|>";
  config["eos_token"] = "<|im_end|>";
  config["pad_token"] = "<|endoftext|>";
  config.erase("chat_template");
  config["processor_class"] = "Molmo2Processor";

  // added_tokens.json as transformers writes it: content -> id, keys sorted.
  json addedJson = json::object();
  for (const AddedToken& t : all) addedJson[t.content] = t.id;

  ordered_json specialMap;
  specialMap["additional_special_tokens"] = specials;
  specialMap["bos_token"] = "<|im_end|>";
  specialMap["eos_token"] = "<|im_end|>";
  specialMap["pad_token"] = "<|endoftext|>";

  std::vector<TextFile> files;
  files.push_back({"tokenizer.json", std::move(*tokenizer)});
  files.push_back({"tokenizer_config.json", dumpJson(config)});
  files.push_back({"added_tokens.json", addedJson.dump(2) + "\n"});
  files.push_back({"special_tokens_map.json", dumpJson(specialMap)});
  files.push_back({"chat_template.jinja", kChatTemplate});
  return files;
}

std::vector<TextFile> processorFiles() {
  const ordered_json mean = {0.5, 0.5, 0.5};
  ordered_json image;
  image["image_processor_type"] = "Molmo2ImageProcessor";
  image["processor_class"] = "Molmo2Processor";
  image["size"] = {{"height", 378}, {"width", 378}};
  image["resample"] = 2;
  image["do_convert_rgb"] = true;
  image["image_mean"] = mean;
  image["image_std"] = mean;
  image["patch_size"] = 14;

  ordered_json video;
  video["video_processor_type"] = "Molmo2VideoProcessor";
  video["processor_class"] = "Molmo2Processor";
  video["num_frames"] = 384;
  video["max_fps"] = 2.0;
  video["sampling_fps"] = 2;
  video["frame_sample_mode"] = "uniform_last_frame";
  video["size"] = {{"height", 378}, {"width", 378}};
  video["resample"] = 2;
  video["do_convert_rgb"] = true;
  video["image_mean"] = mean;
  video["image_std"] = mean;
  video["patch_size"] = 14;
  video["pooling_size"] = {3, 3};

  ordered_json processor;
  processor["processor_class"] = "Molmo2Processor";
  processor["use_frame_special_tokens"] = true;  // as STTS Lite was trained (spec §6.1)

  ordered_json generation;
  generation["bos_token_id"] = 151645;
  generation["eos_token_id"] = 151645;
  generation["pad_token_id"] = 151643;

  return {{"preprocessor_config.json", dumpJson(image)},
          {"video_preprocessor_config.json", dumpJson(video)},
          {"processor_config.json", dumpJson(processor)},
          {"generation_config.json", dumpJson(generation)}};
}

}  // namespace stts::tiny

namespace stts {

std::vector<AddedToken> molmo2AddedTokens() {
  std::vector<AddedToken> out;
  for (int i = 0; i <= 266; ++i) {
    out.push_back({151669 + i, "|<EXTRA_TOKENS_" + std::to_string(i) + ">|"});
  }
  const char* molmo[] = {"<im_start>",         "<im_end>",  "<im_patch>", "<im_col>",
                         "<low_res_im_start>", "<|image|>", "<im_low>",   "<frame_start>",
                         "<frame_end>",        "<|video|>"};
  for (int i = 0; i < 10; ++i) out.push_back({151936 + i, molmo[i]});
  return out;
}

}  // namespace stts
