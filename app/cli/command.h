// The `stts` subcommands. Each one is a spec (for parsing and help) plus a function; main()
// dispatches. Exit codes are the contract scripts rely on.
#pragma once

#include <string>
#include <vector>

#include "arguments.h"
#include "stts/error.h"

namespace stts::cli {

enum ExitCode : int { kExitOk = 0, kExitFailed = 1, kExitUsage = 2 };

// What a command that would decode a video says in a build without FFmpeg (exit code 1): score
// and run take --frames-in instead, the others point there.
std::string noFfmpegMessage(const std::string& command);

struct Command {
  CommandSpec spec;
  int (*run)(const ParsedArguments& args);
};

const std::vector<Command>& allCommands();

// Prints "stts: <message>" on one line to stderr and returns kExitFailed.
int reportFailure(const Error& error);
int reportFailure(const std::string& message);
// Prints the usage error and a hint to stderr and returns kExitUsage.
int reportUsage(const std::string& command, const std::string& message);

Command probeCommand();
Command sampleCommand();
Command versionCommand();
Command makeTinyModelCommand();
#if STTS_HAVE_MODEL
Command scoreCommand();  // needs the LibTorch model engine
Command fitScorerCommand();
Command runCommand();      // vision + LLM: answers a question about a video
Command compareCommand();  // a sweep of methods x keep ratios over videos
Command evalCommand();     // a bench of questions: accuracy and latency at matched budgets
#endif
Command mergeCommand();  // joins the shard summaries of a compare sweep, or of an eval
Command tokenizeCommand();
#if STTS_HAVE_EXPORT
Command exportCommand();         // needs the GUI's QtGui export code (built with STTS_BUILD_GUI)
Command exportCompareCommand();  // the comparison window's image (built with STTS_BUILD_GUI)
#endif

}  // namespace stts::cli
