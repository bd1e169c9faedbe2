// How the CPU engine uses threads: LibTorch's intra-op pool sized to the physical cores by default,
// and the BLAS kept from running a second pool against it.
#pragma once

#include <string>

namespace stts::model {

// Cores this process may run on, counting SMT siblings once (sched affinity x sysfs topology);
// falls back to the hardware threads where the topology cannot be read.
int physicalCoreCount();

// How the BLAS that LibTorch calls runs its own threads.
enum class BlasThreading {
  Unknown,     // not OpenBLAS (MKL, Accelerate...): left as LibTorch configures it
  Sequential,  // OpenBLAS without threads
  OwnPool,     // OpenBLAS on pthreads: a second pool that spins against LibTorch's OpenMP pool
  SharedPool,  // OpenBLAS on OpenMP: the same pool as LibTorch
};
BlasThreading blasThreading();
std::string blasThreadingName(BlasThreading mode);

// Sets LibTorch's intra-op threads (0 = physicalCoreCount()). With an OpenBLAS on its own pthread
// pool and more than one thread, OpenBLAS is pinned to the calling thread and affine() spreads
// large products over LibTorch's pool instead (see splitGemmRows()).
void configureThreads(int threads);

// True when affine() must split a product's rows over LibTorch's threads itself, because the
// BLAS was pinned to one thread by configureThreads.
bool splitGemmRows();
// Overrides the decision until the next configureThreads(): the tests exercise the split kernels
// whatever BLAS the machine has.
void setSplitGemmRows(bool split);

}  // namespace stts::model
