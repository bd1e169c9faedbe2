// stts version: which engine, LibTorch and devices this build has.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "command.h"
#include "stts/video.h"
#if STTS_HAVE_MODEL
#include "stts/device.h"
#endif

namespace stts::cli {
namespace {

int runVersion(const ParsedArguments&) {
  nlohmann::ordered_json j;
  j["stts"] = STTS_VERSION;
  // False in the model-only build: videos come in as frames files (stts score|run --frames-in).
  j["video_decoding"] = videoDecodingAvailable();
#if STTS_HAVE_MODEL
  const RuntimeInfo runtime = runtimeInfo();
  j["libtorch"] = runtime.torchVersion;
  j["cuda_compiled"] = runtime.cudaCompiled;
  j["cuda_available"] = runtime.cudaAvailable;
  j["cpu_threads"] = runtime.cpuThreads;
  j["blas_threading"] = runtime.blasThreading;
  auto devices = nlohmann::ordered_json::array();
  for (const auto& device : runtime.devices)
    devices.push_back({{"name", device.name}, {"description", device.description}});
  j["devices"] = devices;
#else
  j["libtorch"] = nullptr;
#endif
  std::printf("%s\n", j.dump(2).c_str());
  return kExitOk;
}

}  // namespace

Command versionCommand() {
  return {{"version",
           "Print the versions of STTS Lens and LibTorch, the devices found and whether this build "
           "decodes videos (FFmpeg).",
           {},
           {}},
          runVersion};
}

}  // namespace stts::cli
