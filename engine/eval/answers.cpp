// Prompting multiple-choice questions and reading the model's choice back (letter-parser-v1), and
// the statistics of a report.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>

#include "stts/eval.h"

namespace stts::eval {

namespace {

bool isSpace(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}
bool isAlnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
char lower(char c) {
  return char(std::tolower(static_cast<unsigned char>(c)));
}

// The index of letter `c` among `count` options, either case; -1 otherwise.
int letterIndex(char c, int count) {
  const char upper = char(std::toupper(static_cast<unsigned char>(c)));
  const int index = upper - 'A';
  return index >= 0 && index < count ? index : -1;
}

// A letter standing alone at `at`: not inside a word ("Blue" is not B).
bool standsAlone(std::string_view text, std::size_t at) {
  const bool before = at == 0 || !isAlnum(text[at - 1]);
  const bool after = at + 1 >= text.size() || !isAlnum(text[at + 1]);
  return before && after;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && isSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && isSpace(text.back())) text.remove_suffix(1);
  return text;
}

// `text` without the phrases that introduce an answer ("The answer is", "Option", "Answer:"),
// matched in any case; the case of what is left is kept.
std::string_view withoutLeadIn(std::string_view text) {
  static constexpr std::string_view kLeadIns[] = {"the correct answer is",
                                                  "the answer is",
                                                  "correct answer:",
                                                  "the correct option is",
                                                  "the option is",
                                                  "best answer:",
                                                  "best option:",
                                                  "answer:",
                                                  "answer",
                                                  "option"};
  std::string_view rest = trimmed(text);
  bool changed = true;
  while (changed) {
    changed = false;
    for (std::string_view lead : kLeadIns) {
      if (rest.size() < lead.size()) continue;
      bool same = true;
      for (std::size_t i = 0; i < lead.size() && same; ++i) same = lower(rest[i]) == lead[i];
      // A whole phrase only: "Answering" and "Optional" are not lead-ins.
      if (!same ||
          (rest.size() > lead.size() && isAlnum(rest[lead.size()]) && isAlnum(lead.back()))) {
        continue;
      }
      rest = trimmed(rest.substr(lead.size()));
      if (!rest.empty() && rest.front() == ':') rest = trimmed(rest.substr(1));
      changed = true;
    }
  }
  return rest;
}

}  // namespace

char optionLetter(int index) {
  return char('A' + std::clamp(index, 0, kMaxOptions - 1));
}

std::string buildPrompt(const BenchSample& sample) {
  if (!sample.multipleChoice()) return sample.question;
  std::string prompt = sample.question;
  for (std::size_t i = 0; i < sample.options.size(); ++i) {
    prompt += '\n';
    prompt += optionLetter(int(i));
    prompt += ". ";
    prompt += sample.options[i];
  }
  prompt += '\n';
  prompt += kChoiceInstruction;
  return prompt;
}

std::optional<int> parseChoice(std::string_view answer, int optionCount,
                               const std::vector<std::string>& options) {
  if (optionCount <= 0) return std::nullopt;
  const std::string_view text = withoutLeadIn(answer);
  if (text.empty()) return std::nullopt;
  // 1. The answer starts with the letter: "B", "b", "(B)", "B.", "B) red", "B: red", "[B]". A
  // lower-case "a" followed by more words is the article ("a red square"), not option A.
  std::size_t first = 0;
  if (text[0] == '(' || text[0] == '[') first = 1;
  if (first < text.size() && standsAlone(text, first)) {
    const int index = letterIndex(text[first], optionCount);
    const char next = first + 1 < text.size() ? text[first + 1] : '\0';
    const bool closes = next == '\0' || next == '.' || next == ')' || next == ']' || next == ':' ||
                        next == ',' || isSpace(next);
    const bool article = text[first] == 'a' && first == 0 && isSpace(next);
    if (index >= 0 && closes && !article) return index;
  }
  // 2. A bracketed letter anywhere: "I think (c) is right".
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    if (text[i] == '(' && text[i + 2] == ')') {
      const int index = letterIndex(text[i + 1], optionCount);
      if (index >= 0) return index;
    }
  }
  // 3. The text of exactly one option, in full ("red square" for "B. Red square").
  const std::string said = normaliseAnswer(answer);
  int found = -1;
  for (int i = 0; i < int(options.size()) && i < optionCount; ++i) {
    const std::string option = normaliseAnswer(options[size_t(i)]);
    if (option.empty()) continue;
    const bool names =
        said == option || (" " + said + " ").find(" " + option + " ") != std::string::npos;
    if (!names) continue;
    if (found >= 0) return std::nullopt;  // two options named: no choice
    found = i;
  }
  if (found >= 0) return found;
  return std::nullopt;
}

std::string normaliseAnswer(std::string_view text) {
  std::string words;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    if (word != "a" && word != "an" && word != "the") {
      if (!words.empty()) words += ' ';
      words += word;
    }
    word.clear();
  };
  for (char c : text) {
    if (isAlnum(c) || (static_cast<unsigned char>(c) >= 0x80)) {
      word += lower(c);
    } else {
      flush();
    }
  }
  flush();
  return words;
}

Scored score(const BenchSample& sample, std::string_view rawAnswer) {
  Scored result;
  if (sample.multipleChoice()) {
    result.choice = parseChoice(rawAnswer, int(sample.options.size()), sample.options);
    result.correct = result.choice && *result.choice == sample.answerIndex();
  } else {
    result.correct =
        !sample.answer.empty() && normaliseAnswer(rawAnswer) == normaliseAnswer(sample.answer);
  }
  return result;
}

Proportion wilsonInterval(int64_t hits, int64_t n, double z) {
  Proportion p;
  p.n = n;
  p.hits = hits;
  if (n <= 0) return p;
  const double nd = double(n);
  p.value = double(hits) / nd;
  const double z2 = z * z;
  const double centre = (p.value + z2 / (2 * nd)) / (1 + z2 / nd);
  const double half =
      z * std::sqrt(p.value * (1 - p.value) / nd + z2 / (4 * nd * nd)) / (1 + z2 / nd);
  // At 0 and n hits the bound is the proportion itself; rounding would leave it a hair inside.
  p.low = std::min(p.value, std::max(0.0, centre - half));
  p.high = std::max(p.value, std::min(1.0, centre + half));
  return p;
}

double mean(const std::vector<double>& values) {
  if (values.empty()) return 0.0;
  return std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
}

double median(std::vector<double> values) {
  if (values.empty()) return 0.0;
  const std::size_t middle = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(middle), values.end());
  const double upper = values[middle];
  if (values.size() % 2 == 1) return upper;
  const double lowerValue =
      *std::max_element(values.begin(), values.begin() + std::ptrdiff_t(middle));
  return (lowerValue + upper) / 2.0;
}

}  // namespace stts::eval
