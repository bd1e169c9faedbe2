#include "arguments.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace stts::cli {

std::optional<std::string> ParsedArguments::value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

static const OptionSpec* findOption(const CommandSpec& spec, const std::string& name) {
  for (const auto& option : spec.options)
    if (option.name == name) return &option;
  return nullptr;
}

std::optional<ParsedArguments> parseArguments(const CommandSpec& spec, int argc, char** argv,
                                              std::string* error) {
  ParsedArguments parsed;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      parsed.values_["help"] = "";
      continue;
    }
    // A short alias (-o FILE) is spelled as its long option from here on.
    if (arg.size() == 2 && arg[0] == '-' && arg[1] != '-') {
      for (const auto& option : spec.options)
        if (option.shortName == arg[1]) arg = "--" + option.name;
    }
    if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
      std::string name = arg.substr(2);
      std::optional<std::string> inlineValue;
      if (auto eq = name.find('='); eq != std::string::npos) {
        inlineValue = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      const OptionSpec* option = findOption(spec, name);
      if (!option) {
        *error = "unknown option --" + name + " for 'stts " + spec.name + "'";
        return std::nullopt;
      }
      if (option->valueName.empty()) {
        if (inlineValue) {
          *error = "option --" + name + " takes no value";
          return std::nullopt;
        }
        parsed.values_[name] = "";
      } else if (inlineValue) {
        parsed.values_[name] = *inlineValue;
      } else if (i + 1 < argc) {
        parsed.values_[name] = argv[++i];
      } else {
        *error = "option --" + name + " needs a value (" + option->valueName + ")";
        return std::nullopt;
      }
      continue;
    }
    parsed.positionals_.push_back(arg);
  }
  if (parsed.has("help")) return parsed;
  const bool countOk = spec.lastPositionalRepeats && !spec.positionals.empty()
                           ? parsed.positionals_.size() >= spec.positionals.size()
                           : parsed.positionals_.size() == spec.positionals.size();
  if (!countOk) {
    std::ostringstream message;
    message << "'stts " << spec.name << "' expects " << spec.positionals.size()
            << (spec.lastPositionalRepeats ? " or more" : "") << " argument(s), got "
            << parsed.positionals_.size();
    *error = message.str();
    return std::nullopt;
  }
  return parsed;
}

std::string usageText(const CommandSpec& spec) {
  std::ostringstream out;
  out << "Usage: stts " << spec.name;
  for (const auto& positional : spec.positionals) out << ' ' << positional;
  if (spec.lastPositionalRepeats) out << "...";
  if (!spec.options.empty()) out << " [options]";
  out << "\n\n" << spec.summary << "\n";
  if (!spec.options.empty()) {
    out << "\nOptions:\n";
    for (const auto& option : spec.options) {
      std::string left =
          option.shortName ? std::string("  -") + option.shortName + ", --" : std::string("  --");
      left += option.name;
      if (!option.valueName.empty()) left += ' ' + option.valueName;
      if (left.size() < 26)
        left.resize(26, ' ');
      else
        left += "  ";
      out << left << option.help << '\n';
    }
  }
  out << "  --help                  show this help\n";
  return out.str();
}

std::optional<long long> parseInteger(const std::string& text, long long min, long long max) {
  if (text.empty()) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (errno != 0 || end != text.c_str() + text.size() || value < min || value > max)
    return std::nullopt;
  return value;
}

std::optional<double> parseReal(const std::string& text, double min, double max) {
  if (text.empty()) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (errno != 0 || end != text.c_str() + text.size() || !std::isfinite(value) || value < min ||
      value > max)
    return std::nullopt;
  return value;
}

}  // namespace stts::cli
