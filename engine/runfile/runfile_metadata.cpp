// The metadata half of the run file: one JSON object (FORMAT.md lists every field). Writing
// uses insertion order and shortest round-trip number formatting, so save -> load -> save is
// byte-identical. Reading is strict: every field of the version must be present with its type.
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "runfile_internal.h"
#include "stts/json_depth.h"
#include "stts/methods.h"
#include "stts/runfile.h"
#include "stts/stages.h"

namespace stts::runfile {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

bool isValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    int extra = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + static_cast<std::size_t>(extra) >= s.size()) return false;  // truncated sequence
    for (int k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += static_cast<std::size_t>(extra) + 1;
  }
  return true;
}

// JSON strings must be UTF-8, but a path or a truncated answer may not be. Such a string is
// stored losslessly as {"hex": "..."} so every run can be saved and reloads bit-exactly.
ordered_json stringValue(const std::string& s) {
  if (isValidUtf8(s)) return s;
  static const char* kHex = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : s) {
    hex.push_back(kHex[c >> 4]);
    hex.push_back(kHex[c & 15]);
  }
  return ordered_json{{"hex", hex}};
}

struct Writer {
  std::string badField;
  ordered_json number(double v, const char* field) {
    if (!std::isfinite(v) && badField.empty()) badField = field;
    return v;
  }
};

// Strict reader: the first problem wins and names the field by its dotted path.
class Reader {
 public:
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

  const json* field(const json& obj, const std::string& section, const char* key) {
    if (failed()) return nullptr;
    auto it = obj.find(key);
    if (it == obj.end()) {
      fail("metadata field " + name(section, key) + " is missing");
      return nullptr;
    }
    return &*it;
  }
  const json& object(const json& obj, const std::string& section, const char* key) {
    static const json kEmpty = json::object();
    const json* v = field(obj, section, key);
    if (v && !v->is_object()) fail("metadata field " + name(section, key) + " must be an object");
    return v && v->is_object() ? *v : kEmpty;
  }
  int64_t integer(const json& obj, const std::string& section, const char* key,
                  int64_t min = std::numeric_limits<int64_t>::min(),
                  int64_t max = std::numeric_limits<int64_t>::max()) {
    const json* v = field(obj, section, key);
    if (!v) return 0;
    if (!v->is_number_integer() ||
        (v->is_number_unsigned() && v->get<uint64_t>() > uint64_t(max)) ||
        v->get<int64_t>() < min || v->get<int64_t>() > max) {
      fail("metadata field " + name(section, key) + " must be an integer from " +
           std::to_string(min) + " to " + std::to_string(max));
      return 0;
    }
    return v->get<int64_t>();
  }
  uint64_t unsignedInteger(const json& obj, const std::string& section, const char* key) {
    const json* v = field(obj, section, key);
    if (!v) return 0;
    if (!v->is_number_integer() || (!v->is_number_unsigned() && v->get<int64_t>() < 0)) {
      fail("metadata field " + name(section, key) + " must be a non-negative integer");
      return 0;
    }
    return v->get<uint64_t>();
  }
  double number(const json& obj, const std::string& section, const char* key) {
    const json* v = field(obj, section, key);
    if (!v) return 0.0;
    if (!v->is_number()) {
      fail("metadata field " + name(section, key) + " must be a number");
      return 0.0;
    }
    return v->get<double>();
  }
  bool boolean(const json& obj, const std::string& section, const char* key) {
    const json* v = field(obj, section, key);
    if (v && !v->is_boolean())
      fail("metadata field " + name(section, key) + " must be true or false");
    return v && v->is_boolean() && v->get<bool>();
  }
  std::string string(const json& obj, const std::string& section, const char* key) {
    const json* v = field(obj, section, key);
    if (!v) return {};
    return stringOf(*v, name(section, key));
  }
  std::string stringOf(const json& v, const std::string& label) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_object() && v.size() == 1 && v.contains("hex") && v["hex"].is_string()) {
      const std::string& hex = v["hex"].get_ref<const std::string&>();
      std::string out;
      auto nibble = [](char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      };
      for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        const int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
        if (hi < 0 || lo < 0) break;
        out.push_back(static_cast<char>(hi * 16 + lo));
      }
      if (out.size() * 2 == hex.size()) return out;
    }
    fail("metadata field " + label + " must be a string");
    return {};
  }
  void fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }

 private:
  static std::string name(const std::string& section, const char* key) {
    return section.empty() ? std::string(key) : section + "." + key;
  }
  std::string error_;
};

int toInt(int64_t v) {
  return static_cast<int>(v);  // range-checked by the reader
}

constexpr int64_t kIntMax = std::numeric_limits<int>::max();
constexpr int64_t kIntMin = std::numeric_limits<int>::min();

}  // namespace

ordered_json videoJson(const VideoIdentity& video, std::string* nonFinite) {
  Writer w;
  const VideoInfo& v = video.info;
  ordered_json info;
  info["path"] = stringValue(v.path);
  info["container"] = stringValue(v.container);
  info["codec"] = stringValue(v.codec);
  info["stream_index"] = v.streamIndex;
  info["coded_width"] = v.codedWidth;
  info["coded_height"] = v.codedHeight;
  info["sample_aspect_ratio"] = {v.sampleAspectRatio.num, v.sampleAspectRatio.den};
  info["rotation"] = v.rotation;
  info["display_width"] = v.displayWidth;
  info["display_height"] = v.displayHeight;
  info["time_base"] = {v.timeBase.num, v.timeBase.den};
  info["start_pts"] = v.startPts;
  info["start_time"] = w.number(v.startTime, "video.info.start_time");
  info["duration"] = w.number(v.duration, "video.info.duration");
  info["frame_count"] = v.frameCount;
  info["average_fps"] = w.number(v.averageFps, "video.info.average_fps");
  info["variable_frame_rate"] = v.variableFrameRate;
  info["container_duration"] = w.number(v.containerDuration, "video.info.container_duration");
  ordered_json out;
  out["size"] = video.file.size;
  out["mtime"] = video.file.mtime;
  out["head_sha256"] = stringValue(video.file.headHash);
  out["info"] = std::move(info);
  if (nonFinite->empty()) *nonFinite = w.badField;
  return out;
}

Expected<VideoIdentity> parseVideoJson(const json& video) {
  Reader rd;
  VideoIdentity out;
  out.file.size = rd.integer(video, "video", "size");
  out.file.mtime = rd.integer(video, "video", "mtime");
  out.file.headHash = rd.string(video, "video", "head_sha256");
  const json& info = rd.object(video, "video", "info");
  const std::string s = "video.info";
  VideoInfo& v = out.info;
  v.path = rd.string(info, s, "path");
  v.container = rd.string(info, s, "container");
  v.codec = rd.string(info, s, "codec");
  v.streamIndex = toInt(rd.integer(info, s, "stream_index", kIntMin, kIntMax));
  v.codedWidth = toInt(rd.integer(info, s, "coded_width", kIntMin, kIntMax));
  v.codedHeight = toInt(rd.integer(info, s, "coded_height", kIntMin, kIntMax));
  auto rational = [&](const char* key, Rational* dst) {
    const json* f = rd.field(info, s, key);
    if (!f) return;
    if (!f->is_array() || f->size() != 2 || !(*f)[0].is_number_integer() ||
        !(*f)[1].is_number_integer() || (*f)[0].get<int64_t>() < kIntMin ||
        (*f)[0].get<int64_t>() > kIntMax || (*f)[1].get<int64_t>() < kIntMin ||
        (*f)[1].get<int64_t>() > kIntMax) {
      rd.fail("metadata field " + s + "." + key + " must be [numerator, denominator]");
      return;
    }
    *dst = Rational{toInt((*f)[0].get<int64_t>()), toInt((*f)[1].get<int64_t>())};
  };
  rational("sample_aspect_ratio", &v.sampleAspectRatio);
  v.rotation = toInt(rd.integer(info, s, "rotation", kIntMin, kIntMax));
  v.displayWidth = toInt(rd.integer(info, s, "display_width", kIntMin, kIntMax));
  v.displayHeight = toInt(rd.integer(info, s, "display_height", kIntMin, kIntMax));
  rational("time_base", &v.timeBase);
  v.startPts = rd.integer(info, s, "start_pts");
  v.startTime = rd.number(info, s, "start_time");
  v.duration = rd.number(info, s, "duration");
  v.frameCount = rd.integer(info, s, "frame_count");
  v.averageFps = rd.number(info, s, "average_fps");
  v.variableFrameRate = rd.boolean(info, s, "variable_frame_rate");
  v.containerDuration = rd.number(info, s, "container_duration");
  if (rd.failed()) return makeError(ErrorCode::InvalidData, rd.error());
  return out;
}

Expected<std::string> metadataJson(const RunResult& r) {
  Writer w;
  ordered_json j;
  j["format"] = std::string(kRunFileFormat);
  j["version"] = kRunFileVersion;
  j["frames"] = r.frames;

  const RunRequest& q = r.request;
  ordered_json req;
  req["video_path"] = stringValue(q.videoPath);
  req["model_path"] = stringValue(q.modelPath);
  req["max_frames"] = q.sampling.maxFrames;
  req["max_fps"] = w.number(q.sampling.maxFps, "request.max_fps");
  req["question"] = stringValue(q.question);
  req["method"] = stringValue(q.method);
  req["keep_ratio"] = w.number(q.keepRatio, "request.keep_ratio");
  req["budget_policy"] = stringValue(q.budgetPolicy);
  req["fastv_layer"] = q.fastvLayer;
  req["tap_point"] = stringValue(q.tapPoint);
  req["seed"] = q.seed;
  req["device"] = stringValue(q.device);
  req["dtype"] = stringValue(q.dtype);
  req["max_new_tokens"] = q.maxNewTokens;
  j["request"] = std::move(req);

  j["video"] = videoJson({r.video, {r.videoFileSize, r.videoMtime, r.videoHeadHash}}, &w.badField);

  j["model"] = {{"config_sha256", stringValue(r.modelConfigHash)},
                {"has_scorer", r.modelHasScorer}};
  j["input"] = {{"width", r.inputWidth}, {"height", r.inputHeight}};
  j["answer"] = stringValue(r.answer);
  j["prompt_tokens"] = r.promptTokens;
  j["vision_tokens"] = {{"before", r.visionTokensBefore}, {"after", r.visionTokensAfter}};
  ordered_json timings = ordered_json::array();
  for (const StageTiming& t : r.timings) {
    timings.push_back({{"name", stringValue(t.name)},
                       {"milliseconds", w.number(t.milliseconds, "timings.milliseconds")},
                       {"device", stringValue(t.device)},
                       {"tokens", t.tokens}});
  }
  j["timings"] = std::move(timings);
  // What the timings include and how they were taken, so a number read later says its scope.
  ordered_json scope = ordered_json::object();
  for (const StageTiming& t : r.timings)
    if (auto text = stageScope(t.name); !text.empty()) scope[t.name] = std::string(text);
  j["timing"] = {{"clock", stringValue(r.timingClock)},
                 {"warmup", r.timingWarmup},
                 {"repeats", r.timingRepeats},
                 {"statistic", r.timingRepeats > 1 ? "median" : "single"},
                 {"scope", std::move(scope)}};
  j["peak_memory_bytes"] = r.peakMemoryBytes;
  j["peak_device_memory_bytes"] = r.peakDeviceMemoryBytes;
  ordered_json versions = ordered_json::object();
  for (const auto& [key, value] : r.versions) {
    if (!isValidUtf8(key))
      return makeError(ErrorCode::InvalidArgument, "a version name is not UTF-8");
    versions[key] = stringValue(value);
  }
  j["versions"] = std::move(versions);
  if (!w.badField.empty()) {
    return makeError(ErrorCode::InvalidArgument,
                     "cannot save the run: " + w.badField + " is not a finite number");
  }
  return j.dump();
}

Expected<void> parseMetadataJson(std::string_view text, RunResult* out) {
  if (const std::string nesting = describeJsonNesting(text); !nesting.empty())
    return makeError(ErrorCode::InvalidData, "its \"stts\" metadata " + nesting);
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    return makeError(ErrorCode::InvalidData, "its \"stts\" metadata is not valid JSON");
  }
  if (!j.is_object()) {
    return makeError(ErrorCode::InvalidData, "its \"stts\" metadata is not a JSON object");
  }
  Reader rd;
  const std::string format = rd.string(j, "", "format");
  if (rd.failed() || format != kRunFileFormat) {
    return makeError(ErrorCode::InvalidData, "it is not an STTS run file (metadata format is \"" +
                                                 format + "\", expected \"" +
                                                 std::string(kRunFileFormat) + "\")");
  }
  const json* version = rd.field(j, "", "version");
  if (!version || !version->is_number_integer()) {
    return makeError(ErrorCode::InvalidData, "its metadata has no integer format version");
  }
  if (version->get<int64_t>() != kRunFileVersion) {
    return makeError(
        ErrorCode::Unsupported,
        "it has run-file format version " + version->dump() +
            ", but this build reads only version " + std::to_string(kRunFileVersion) +
            (version->get<int64_t>() > kRunFileVersion ? " (a newer STTS Lens wrote it)" : ""));
  }

  RunResult r;
  r.frames = toInt(rd.integer(j, "", "frames", 1, kIntMax));
  const json& req = rd.object(j, "", "request");
  RunRequest& q = r.request;
  q.videoPath = rd.string(req, "request", "video_path");
  q.modelPath = rd.string(req, "request", "model_path");
  q.sampling.maxFrames = toInt(rd.integer(req, "request", "max_frames", kIntMin, kIntMax));
  q.sampling.maxFps = rd.number(req, "request", "max_fps");
  q.question = rd.string(req, "request", "question");
  q.method = rd.string(req, "request", "method");
  // The viewer picks colours, legends and comparisons by method: an unknown name is a damaged or
  // foreign file, not a new method.
  if (!rd.failed() && !findPruningMethod(q.method))
    rd.fail("metadata field request.method is " +
            (q.method.size() <= 40 ? "\"" + q.method + "\"" : std::string("a long unknown name")) +
            ", which is not one of " + pruningMethodNames());
  q.keepRatio = rd.number(req, "request", "keep_ratio");
  // Added with the baselines; files written before them lack both and get the defaults.
  if (req.contains("budget_policy")) {
    q.budgetPolicy = rd.string(req, "request", "budget_policy");
    if (!rd.failed() && !isBudgetPolicy(q.budgetPolicy))
      rd.fail("metadata field request.budget_policy must be \"equal\" or \"native\"");
  }
  if (req.contains("fastv_layer"))
    q.fastvLayer = toInt(rd.integer(req, "request", "fastv_layer", 0, kIntMax));
  if (req.contains("tap_point")) {
    q.tapPoint = rd.string(req, "request", "tap_point");
    if (!rd.failed() && !isTapPoint(q.tapPoint))
      rd.fail("metadata field request.tap_point must be \"connector\" or \"vit\"");
  }
  q.seed = rd.unsignedInteger(req, "request", "seed");
  q.device = rd.string(req, "request", "device");
  q.dtype = rd.string(req, "request", "dtype");
  q.maxNewTokens = toInt(rd.integer(req, "request", "max_new_tokens", kIntMin, kIntMax));

  const json& video = rd.object(j, "", "video");
  if (!rd.failed()) {
    auto identity = parseVideoJson(video);
    if (!identity) {
      rd.fail(identity.error().message);
    } else {
      r.video = std::move(identity->info);
      r.videoFileSize = identity->file.size;
      r.videoMtime = identity->file.mtime;
      r.videoHeadHash = std::move(identity->file.headHash);
    }
  }

  const json& model = rd.object(j, "", "model");
  r.modelConfigHash = rd.string(model, "model", "config_sha256");
  r.modelHasScorer = rd.boolean(model, "model", "has_scorer");
  const json& input = rd.object(j, "", "input");
  r.inputWidth = toInt(rd.integer(input, "input", "width", 0, 1 << 16));
  r.inputHeight = toInt(rd.integer(input, "input", "height", 0, 1 << 16));
  r.answer = rd.string(j, "", "answer");
  r.promptTokens = rd.integer(j, "", "prompt_tokens");
  const json& tokens = rd.object(j, "", "vision_tokens");
  r.visionTokensBefore = rd.integer(tokens, "vision_tokens", "before", 0);
  r.visionTokensAfter = rd.integer(tokens, "vision_tokens", "after", 0);

  const json* timings = rd.field(j, "", "timings");
  if (timings && !timings->is_array()) rd.fail("metadata field timings must be an array");
  if (timings && timings->is_array()) {
    for (const json& t : *timings) {
      if (!t.is_object()) {
        rd.fail("metadata field timings must hold objects");
        break;
      }
      StageTiming st;
      st.name = rd.string(t, "timings[]", "name");
      st.milliseconds = rd.number(t, "timings[]", "milliseconds");
      st.device = rd.string(t, "timings[]", "device");
      st.tokens = rd.integer(t, "timings[]", "tokens");
      r.timings.push_back(std::move(st));
    }
  }
  r.peakMemoryBytes = rd.integer(j, "", "peak_memory_bytes");
  // Files written before GPU timing lack these two (CPU runs, one measurement).
  if (j.contains("peak_device_memory_bytes"))
    r.peakDeviceMemoryBytes = rd.integer(j, "", "peak_device_memory_bytes", 0);
  if (j.contains("timing")) {
    const json& timing = rd.object(j, "", "timing");
    r.timingClock = rd.string(timing, "timing", "clock");
    r.timingWarmup = toInt(rd.integer(timing, "timing", "warmup", 0, 1 << 20));
    r.timingRepeats = toInt(rd.integer(timing, "timing", "repeats", 1, 1 << 20));
    if (r.timingClock != "cuda_events" && r.timingClock != "steady_clock")
      rd.fail("metadata field timing.clock must be \"cuda_events\" or \"steady_clock\"");
  }
  const json& versions = rd.object(j, "", "versions");
  for (const auto& [key, value] : versions.items()) {
    r.versions[key] = rd.stringOf(value, "versions." + key);
  }
  if (rd.failed()) return makeError(ErrorCode::InvalidData, rd.error());
  *out = std::move(r);
  return {};
}

}  // namespace stts::runfile
