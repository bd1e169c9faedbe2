// Thread policy of the CPU engine. Measured on 2 cores with Debian's LibTorch 1.13 (OpenMP) and
// OpenBLAS on pthreads: both pools busy-wait for work after every call, and the demo's `stts
// score` took 4.0 s, 63 % of it in sched_yield and libgomp spinning; with one pool it takes 1.7 s.
#include "stts/model/threads.h"

#include <ATen/Parallel.h>
#include <dlfcn.h>
#include <sched.h>

#include <atomic>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <utility>

namespace stts::model {
namespace {

std::atomic<bool> gSplitGemmRows{false};

// The OpenBLAS entry points, found at run time: LibTorch links the system BLAS by its generic
// name (libblas.so.3), so which implementation answers is only known once loaded.
template <typename Fn>
Fn openBlasSymbol(const char* name) {
  return reinterpret_cast<Fn>(dlsym(RTLD_DEFAULT, name));
}

int readInt(const std::string& path) {
  std::ifstream in(path);
  int value = -1;
  in >> value;
  return in ? value : -1;
}

}  // namespace

int physicalCoreCount() {
  const int hardware = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) != 0) return hardware;
  std::set<std::pair<int, int>> cores;  // (package, core) of every CPU we may run on
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (!CPU_ISSET(cpu, &set)) continue;
    const std::string topo = "/sys/devices/system/cpu/cpu" + std::to_string(cpu) + "/topology/";
    const int package = readInt(topo + "physical_package_id");
    const int core = readInt(topo + "core_id");
    if (package < 0 || core < 0) return std::max(1, CPU_COUNT(&set));
    cores.emplace(package, core);
  }
  return cores.empty() ? hardware : static_cast<int>(cores.size());
}

BlasThreading blasThreading() {
  using GetParallel = int (*)();
  const auto getParallel = openBlasSymbol<GetParallel>("openblas_get_parallel");
  if (!getParallel) return BlasThreading::Unknown;
  switch (getParallel()) {
    case 0:
      return BlasThreading::Sequential;
    case 1:
      return BlasThreading::OwnPool;
    case 2:
      return BlasThreading::SharedPool;
    default:
      return BlasThreading::Unknown;
  }
}

std::string blasThreadingName(BlasThreading mode) {
  switch (mode) {
    case BlasThreading::Sequential:
      return "openblas-sequential";
    case BlasThreading::OwnPool:
      return "openblas-pthreads";
    case BlasThreading::SharedPool:
      return "openblas-openmp";
    case BlasThreading::Unknown:
      break;
  }
  return "other";
}

void configureThreads(int threads) {
  const int n = threads > 0 ? threads : physicalCoreCount();
  // LibTorch's default may be 1 (observed with Debian's build); be explicit.
  if (at::get_num_threads() != n) at::set_num_threads(n);
  const bool ownPool = blasThreading() == BlasThreading::OwnPool;
  if (ownPool) {
    using SetThreads = void (*)(int);
    if (const auto set = openBlasSymbol<SetThreads>("openblas_set_num_threads")) set(1);
  }
  gSplitGemmRows.store(ownPool && n > 1);
}

bool splitGemmRows() {
  return gSplitGemmRows.load();
}

void setSplitGemmRows(bool split) {
  gSplitGemmRows.store(split);
}

}  // namespace stts::model
