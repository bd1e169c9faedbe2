// What the model engine can run on: the LibTorch it was built with and the devices it sees.
#pragma once

#include <string>
#include <vector>

namespace stts {

struct DeviceInfo {
  std::string name;         // "cpu" or "cuda:0"
  std::string description;  // e.g. "NVIDIA H100 80GB HBM3" or "x86_64, 2 threads"
};

struct RuntimeInfo {
  std::string engineVersion;
  std::string torchVersion;  // LibTorch version the engine was compiled against
  bool cudaCompiled = false;
  bool cudaAvailable = false;
  int cpuThreads = 0;  // intra-op threads LibTorch will use
  // How the BLAS runs its threads: "openblas-openmp" (LibTorch's pool), "openblas-pthreads" (its
  // own pool; the engine pins it to the calling thread and splits products itself),
  // "openblas-sequential" or "other" (MKL and the like, left to LibTorch).
  std::string blasThreading;
  std::vector<DeviceInfo> devices;
};

RuntimeInfo runtimeInfo();

}  // namespace stts
