// Evaluation at matched budgets, the model-free half (engine/eval/README.md): reading a bench
// file, prompting multiple-choice questions, reading the model's choice back, and the statistics
// a report needs. Pure C++ (no LibTorch, no Qt): `stts eval`, its tests and the window share it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stts/error.h"

namespace stts::eval {

// How a question and its options become the prompt, and how an answer becomes a choice. Both are
// written into every prediction and metrics file: a number means nothing without them.
inline constexpr std::string_view kPromptTemplateVersion = "mc-letter-v1";
inline constexpr std::string_view kAnswerParserVersion = "letter-parser-v1";
// The instruction line after the lettered options (the convention of LLaVA-style and
// lmms-eval video benchmarks).
inline constexpr std::string_view kChoiceInstruction =
    "Answer with the option's letter from the given choices directly.";
inline constexpr int kMaxOptions = 26;

// One line of a bench file (JSON Lines; docs in engine/eval/README.md).
struct BenchSample {
  int line = 0;  // 1-based line in the bench file, for messages
  std::string id;
  std::string video;      // as written in the file
  std::string videoPath;  // resolved against the bench file's folder
  std::string question;
  std::vector<std::string> options;  // empty: an open question
  std::string answer;                // a letter for multiple choice, else the expected text
  std::optional<double> start;       // seconds; the clip to sample from
  std::optional<double> end;

  bool multipleChoice() const { return !options.empty(); }
  // The correct option's index (multiple choice only), from the answer letter.
  int answerIndex() const;
};

struct Bench {
  std::string path;
  std::string sha256;  // of the file's bytes
  std::vector<BenchSample> samples;
};

// Parses bench text. `folder` resolves relative video paths; `label` names the file in messages.
// Every problem is an error naming its line: not JSON, a missing or mistyped field, an answer
// that is not one of the options' letters, a duplicate id, end before start.
Expected<Bench> parseBench(std::string_view text, const std::string& folder,
                           const std::string& label);
Expected<Bench> loadBench(const std::string& path);

// 'A' for 0, 'B' for 1, …
char optionLetter(int index);
// The question with its options lettered "A. …" one per line, then the instruction; an open
// question as it is.
std::string buildPrompt(const BenchSample& sample);

// The option the model chose, or nothing when the answer names none (letter-parser-v1): a bare
// letter ("B", "b", "(B)", "B.", "B) red"), a stated one ("The answer is B", "Option B",
// "Answer: (C)"), or the text of exactly one option.
std::optional<int> parseChoice(std::string_view answer, int optionCount,
                               const std::vector<std::string>& options = {});
// Lower case, articles and punctuation dropped, white space collapsed: "The Red square." and
// "red square" compare equal.
std::string normaliseAnswer(std::string_view text);

struct Scored {
  std::optional<int> choice;  // multiple choice: what parseChoice found
  bool correct = false;
};
Scored score(const BenchSample& sample, std::string_view rawAnswer);

// A proportion with its 95 % Wilson score interval (sound at n = 0 and at 0 % or 100 %).
struct Proportion {
  int64_t n = 0;
  int64_t hits = 0;
  double value = 0.0;  // hits / n, 0 when n = 0
  double low = 0.0;
  double high = 0.0;
};
Proportion wilsonInterval(int64_t hits, int64_t n, double z = 1.959963984540054);

double mean(const std::vector<double>& values);
double median(std::vector<double> values);  // the mean of the middle two for an even count

}  // namespace stts::eval
