// stts: the headless command line of STTS Lens. Needs no display.
#include <cstdio>
#include <cstring>
#include <string>

#include "command.h"
#include "signals.h"

namespace stts::cli {

static void printOverview(std::FILE* out) {
  std::fprintf(out,
               "Usage: stts COMMAND [arguments] [options]\n\n"
               "Headless tools of STTS Lens (spatio-temporal token scoring for video VLMs).\n\n"
               "Commands:\n");
  for (const auto& command : allCommands())
    std::fprintf(out, "  %-14s %s\n", command.spec.name.c_str(), command.spec.summary.c_str());
  std::printf(
      "\nRun 'stts COMMAND --help' for a command's options.\n"
      "Exit codes: 0 ok, 1 failed (reason on stderr), 2 bad usage.\n");
}

static int dispatch(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "stts: no command given\n\n");
    printOverview(stderr);
    return kExitUsage;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    printOverview(stdout);
    return kExitOk;
  }
  for (const auto& command : allCommands()) {
    if (command.spec.name != name) continue;
    std::string error;
    auto args = parseArguments(command.spec, argc - 2, argv + 2, &error);
    if (!args) return reportUsage(name, error);
    if (args->has("help")) {
      std::fputs(usageText(command.spec).c_str(), stdout);
      return kExitOk;
    }
    return command.run(*args);
  }
  return reportUsage("", "unknown command '" + name + "'");
}

}  // namespace stts::cli

int main(int argc, char** argv) {
  stts::cli::installSignalHandlers();
  return stts::cli::dispatch(argc, argv);
}
