// predictions.jsonl: one line per sample x method x keep x frames, appended as they finish.
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "stts/eval.h"
#include "stts/file_names.h"
#include "stts/json_depth.h"

namespace stts::eval {

namespace {

using Json = nlohmann::json;

Error badLine(const std::string& label, int line, const std::string& what) {
  return makeError(ErrorCode::InvalidData, label + " line " + std::to_string(line) + ": " + what);
}

}  // namespace

double Prediction::stage(std::string_view name) const {
  for (const auto& [stageName, ms] : stageMs)
    if (stageName == name) return ms;
  return 0.0;
}

double Prediction::totalMs() const {
  double total = 0.0;
  for (const auto& [name, ms] : stageMs) total += ms;
  return total;
}

std::string predictionKey(const std::string& id, const std::string& method, double keep,
                          int frames) {
  char keepText[32];
  std::snprintf(keepText, sizeof keepText, "%.4f", keep);
  // The id is last: it may hold any character, the other parts never hold '|'.
  return method + "|" + keepText + "|" + std::to_string(frames) + "|" + id;
}

std::string savedRunName(const Prediction& p) {
  // Read back from a file, id and method may hold anything: the name stays inside runs/.
  return safeFileNamePart(p.id, "sample") + "_f" + std::to_string(p.frames) + "_" +
         safeFileNamePart(p.method, "method") + "-" + keepPercentLabel(p.keep) + ".sttsrun";
}

std::string predictionLine(const Prediction& p) {
  Json stages = Json::object();
  Json order = Json::array();
  for (const auto& [name, ms] : p.stageMs) {
    stages[name] = ms;
    order.push_back(name);
  }
  Json row = {{"id", p.id},
              {"method", p.method},
              {"keep", p.keep},
              {"frames", p.frames},
              {"answer", p.answer},
              {"choice", p.choice ? Json(std::string(1, optionLetter(*p.choice))) : Json()},
              {"correct", p.correct},
              {"error", p.error.empty() ? Json() : Json(p.error)},
              {"vision_tokens_before", p.visionTokensBefore},
              {"vision_tokens_after", p.visionTokensAfter},
              {"prompt_tokens", p.promptTokens},
              {"stage_ms", stages},
              {"stage_order", order},
              {"template", std::string(kPromptTemplateVersion)},
              {"parser", std::string(kAnswerParserVersion)}};
  // Answers are arbitrary model output: invalid UTF-8 is replaced, never a throw.
  return row.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Expected<std::vector<Prediction>> parsePredictions(std::string_view text, const std::string& label,
                                                   int* truncated) {
  std::vector<Prediction> out;
  if (truncated) *truncated = 0;
  int line = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t newline = text.find('\n', at);
    const bool complete = newline != std::string_view::npos;
    std::string_view row = text.substr(at, complete ? newline - at : text.size() - at);
    at = complete ? newline + 1 : text.size();
    ++line;
    if (row.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    if (!complete) {  // killed while appending: that sample runs again
      if (truncated) ++*truncated;
      break;
    }
    if (const std::string nesting = describeJsonNesting(row); !nesting.empty())
      return badLine(label, line, "the line " + nesting);
    const Json j = Json::parse(row, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return badLine(label, line, "not a JSON object");
    Prediction p;
    try {
      p.id = j.at("id").get<std::string>();
      p.method = j.at("method").get<std::string>();
      p.keep = j.at("keep").get<double>();
      p.frames = j.at("frames").get<int>();
      p.answer = j.value("answer", std::string());
      if (const auto c = j.find("choice"); c != j.end() && c->is_string()) {
        const std::string letter = c->get<std::string>();
        if (letter.size() == 1 && letter[0] >= 'A' && letter[0] < 'A' + kMaxOptions)
          p.choice = letter[0] - 'A';
      }
      p.correct = j.value("correct", false);
      if (const auto e = j.find("error"); e != j.end() && e->is_string())
        p.error = e->get<std::string>();
      p.visionTokensBefore = j.value("vision_tokens_before", int64_t(0));
      p.visionTokensAfter = j.value("vision_tokens_after", int64_t(0));
      p.promptTokens = j.value("prompt_tokens", int64_t(0));
      const Json& stages = j.at("stage_ms");
      if (const auto order = j.find("stage_order"); order != j.end() && order->is_array()) {
        for (const Json& name : *order)
          p.stageMs.emplace_back(name.get<std::string>(),
                                 stages.at(name.get<std::string>()).get<double>());
      } else {
        for (const auto& [name, ms] : stages.items())
          p.stageMs.emplace_back(name, ms.get<double>());
      }
    } catch (const Json::exception&) {
      return badLine(label, line, "a field is missing or has the wrong type");
    }
    if (!std::isfinite(p.keep) || p.keep < 0.0 || p.keep > 1.0 || p.frames < 0)
      return badLine(label, line, "\"keep\" or \"frames\" is out of range");
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace stts::eval
