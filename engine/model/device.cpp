#include <torch/torch.h>
#include <torch/version.h>

#include "stts/device.h"
#include "stts/model/threads.h"

namespace stts {

RuntimeInfo runtimeInfo() {
  RuntimeInfo info;
  info.engineVersion = STTS_VERSION;
  info.torchVersion = TORCH_VERSION;
#ifdef STTS_HAVE_CUDA
  info.cudaCompiled = true;
#endif
  info.cudaAvailable = torch::cuda::is_available();
  info.cpuThreads = at::get_num_threads();
  info.blasThreading = model::blasThreadingName(model::blasThreading());
  info.devices.push_back({"cpu", std::to_string(info.cpuThreads) + " CPU thread(s) for LibTorch"});
  if (info.cudaAvailable) {
    const auto count = static_cast<int>(torch::cuda::device_count());
    for (int i = 0; i < count; ++i)
      info.devices.push_back({"cuda:" + std::to_string(i), "CUDA device"});
  }
  return info;
}

}  // namespace stts
