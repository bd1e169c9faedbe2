// A small command-line parser for the `stts` subcommands. It knows options with and without a
// value and positional arguments; anything it does not know is a usage error (exit code 2).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace stts::cli {

struct OptionSpec {
  std::string name;       // long name without dashes, e.g. "max-frames"
  std::string valueName;  // empty for a flag; otherwise shown in help, e.g. "N"
  std::string help;
  char shortName = 0;  // e.g. 'o' for -o; 0 for none
};

struct CommandSpec {
  std::string name;
  std::string summary;
  std::vector<std::string> positionals;  // names shown in usage, all required
  std::vector<OptionSpec> options;
  bool lastPositionalRepeats = false;  // e.g. `stts merge DIR...`: one or more of the last
};

class ParsedArguments {
 public:
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  friend std::optional<ParsedArguments> parseArguments(const CommandSpec&, int, char**,
                                                       std::string*);
  std::map<std::string, std::string> values_;
  std::vector<std::string> positionals_;
};

// Parses argv[first..argc). On a usage error returns nullopt and sets *error to a sentence.
// "--help" is always accepted as a flag.
std::optional<ParsedArguments> parseArguments(const CommandSpec& spec, int argc, char** argv,
                                              std::string* error);

std::string usageText(const CommandSpec& spec);

// Strict number parsing for option values: the whole string must be a number in range.
std::optional<long long> parseInteger(const std::string& text, long long min, long long max);
std::optional<double> parseReal(const std::string& text, double min, double max);

}  // namespace stts::cli
