#include "command.h"

#include <cstdio>

namespace stts::cli {

const std::vector<Command>& allCommands() {
  static const std::vector<Command> commands = [] {
    std::vector<Command> list = {probeCommand(), sampleCommand(), versionCommand(),
                                 makeTinyModelCommand(), tokenizeCommand()};
#if STTS_HAVE_MODEL
    list.push_back(scoreCommand());
    list.push_back(fitScorerCommand());
    list.push_back(runCommand());
    list.push_back(compareCommand());
    list.push_back(evalCommand());
#endif
    list.push_back(mergeCommand());
#if STTS_HAVE_EXPORT
    list.push_back(exportCommand());
    list.push_back(exportCompareCommand());
#endif
    return list;
  }();
  return commands;
}

std::string noFfmpegMessage(const std::string& command) {
  const std::string framesFile =
      "F.safetensors made by `stts sample VIDEO --frames-out F.safetensors` on a machine with "
      "FFmpeg";
  if (command == "score" || command == "run")
    return "this build has no FFmpeg: use --frames-in " + framesFile;
  return "this build has no FFmpeg, so stts " + command +
         " cannot decode videos: use stts score|run --frames-in " + framesFile;
}

int reportFailure(const std::string& message) {
  std::fprintf(stderr, "stts: %s\n", message.c_str());
  return kExitFailed;
}

int reportFailure(const Error& error) {
  return reportFailure(error.message);
}

int reportUsage(const std::string& command, const std::string& message) {
  std::fprintf(stderr, "stts: %s\n", message.c_str());
  if (command.empty())
    std::fprintf(stderr, "Run 'stts --help' for the list of commands.\n");
  else
    std::fprintf(stderr, "Run 'stts %s --help' for its options.\n", command.c_str());
  return kExitUsage;
}

}  // namespace stts::cli
