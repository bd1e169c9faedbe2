// Evaluation at matched budgets, the model-free half (engine/eval/README.md): reading a bench
// file, prompting multiple-choice questions, reading the model's choice back, and the statistics
// a report needs. Pure C++ (no LibTorch, no Qt): `stts eval`, its tests and the window share it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

// One answer of one sample under one (method, keep, frames): a line of predictions.jsonl.
struct Prediction {
  std::string id;
  std::string method;
  double keep = 1.0;
  int frames = 0;      // the sampling cap asked for (--frames)
  std::string answer;  // the model's raw answer
  std::optional<int> choice;
  bool correct = false;
  std::string error;  // non-empty: the sample could not be run (its video is missing, …)
  int64_t visionTokensBefore = 0;
  int64_t visionTokensAfter = 0;
  int64_t promptTokens = 0;
  std::vector<std::pair<std::string, double>> stageMs;  // in pipeline order

  double stage(std::string_view name) const;  // 0 when absent
  double totalMs() const;
};

// The key a resumed eval skips finished work by.
std::string predictionKey(const std::string& id, const std::string& method, double keep,
                          int frames);
// The file `stts eval --save-runs` writes the answer's run to, in OUTDIR/runs/:
// "<id>_f<frames>_<method>-<keep %>.sttsrun" (characters other than letters, digits, '.', '_' and
// '-' in the id become '_'), e.g. "colour-3_f16_stts-50.sttsrun".
std::string savedRunName(const Prediction& prediction);
// One line of JSON (no newline), with the template and parser versions.
std::string predictionLine(const Prediction& prediction);
// Every complete line of a predictions file. A last line without its newline (the eval was killed
// while appending it) is left out and counted in `*truncated`; any other bad line is an error.
Expected<std::vector<Prediction>> parsePredictions(std::string_view text, const std::string& label,
                                                   int* truncated = nullptr);

// The statistics of one (method, keep, frames) over the samples that ran.
struct StageSummary {
  std::string name;
  double meanMs = 0.0;
  double medianMs = 0.0;
};
struct GroupMetrics {
  std::string method;
  double keep = 1.0;
  int frames = 0;
  int64_t errors = 0;             // samples that could not be run (not in n)
  Proportion accuracy;            // over the samples that ran
  double meanVisionTokens = 0.0;  // after pruning: what the LLM received
  double meanVisionTokensBefore = 0.0;
  double meanPromptTokens = 0.0;
  std::vector<StageSummary> stages;
  double meanTotalMs = 0.0;
  double medianTotalMs = 0.0;
  // Median prefill (and whole-run) time of the unpruned run ("none") at the same frames over
  // this group's median; 0 when there is no such baseline.
  double prefillSpeedup = 0.0;
  double totalSpeedup = 0.0;
};
// Groups sorted by method (the unpruned "none" first), then frames, then keep, largest first.
std::vector<GroupMetrics> aggregate(const std::vector<Prediction>& predictions);

// The table printed at the end of an eval, in the shape of the paper's (method, frames, keep,
// tokens, accuracy with its interval, prefill speedup).
std::string resultsTable(const std::vector<GroupMetrics>& groups);
// The two plots, one series per method and frame count: accuracy (with its 95 % interval) and
// median prefill time against the vision tokens the LLM received.
std::string accuracyVsTokensSvg(const std::vector<GroupMetrics>& groups, const std::string& title);
std::string latencyVsTokensSvg(const std::vector<GroupMetrics>& groups, const std::string& title);

}  // namespace stts::eval
