#include "stts/model/device_metrics.h"

#include <torch/torch.h>

#include <chrono>

#ifdef STTS_HAVE_CUDA
#include <c10/cuda/CUDACachingAllocator.h>
#include <c10/cuda/CUDAStream.h>
#if __has_include(<c10/cuda/CUDAEvent.h>)
#include <c10/cuda/CUDAEvent.h>
using DeviceEvent = c10::cuda::CUDAEvent;
#else
#include <ATen/cuda/CUDAEvent.h>
using DeviceEvent = at::cuda::CUDAEvent;
#endif
#include <cuda_runtime_api.h>
#endif

namespace stts::model {

struct StageClock::Events {
#ifdef STTS_HAVE_CUDA
  std::vector<std::unique_ptr<DeviceEvent>> recorded;
#endif
};

StageClock::StageClock(at::Device device) : device_(device), events_(std::make_unique<Events>()) {}
StageClock::~StageClock() = default;

StageClock::Mark StageClock::mark() {
  Mark m;
  m.hostMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch())
          .count();
#ifdef STTS_HAVE_CUDA
  if (device_.is_cuda()) {
    // cudaEventDefault keeps timing on (LibTorch's default event disables it).
    auto event = std::make_unique<DeviceEvent>(cudaEventDefault);
    event->record(c10::cuda::getCurrentCUDAStream(device_.index()));
    m.event = static_cast<int>(events_->recorded.size());
    events_->recorded.push_back(std::move(event));
  }
#endif
  return m;
}

double StageClock::elapsed(const Mark& a, const Mark& b) {
#ifdef STTS_HAVE_CUDA
  if (a.event >= 0 && b.event >= 0) {
    return static_cast<double>(events_->recorded[static_cast<size_t>(a.event)]->elapsed_time(
        *events_->recorded[static_cast<size_t>(b.event)]));
  }
#endif
  return b.hostMs - a.hostMs;
}

void StageClock::start() {
  open_ = mark();
}

void StageClock::stop(const std::string& name, int64_t tokens) {
  spans_.push_back({name, tokens, open_, mark(), 0});
}

void StageClock::finish(std::vector<StageTiming>& out) {
#ifdef STTS_HAVE_CUDA
  // The one synchronisation of the run: every event has completed after it.
  if (device_.is_cuda() && !events_->recorded.empty()) events_->recorded.back()->synchronize();
#endif
  const std::string device = device_.str();
  for (size_t i = 0; i < spans_.size(); ++i) {
    double ms = elapsed(spans_[i].begin, spans_[i].end);
    std::vector<StageTiming> carved;
    for (const Span& n : nested_) {
      if (n.before != i) continue;
      const double nestedMs = elapsed(n.begin, n.end);
      ms -= nestedMs;
      carved.push_back({n.name, nestedMs, device, n.tokens});
    }
    out.push_back({spans_[i].name, ms, device, spans_[i].tokens});
    out.insert(out.end(), carved.begin(), carved.end());
  }
  spans_.clear();
  nested_.clear();
}

const char* StageClock::clockName() const {
#ifdef STTS_HAVE_CUDA
  if (device_.is_cuda()) return "cuda_events";
#endif
  return "steady_clock";
}

int64_t peakDeviceMemoryBytes(const at::Device& device) {
#ifdef STTS_HAVE_CUDA
  if (device.is_cuda()) {
    const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(device.index());
    return stats.allocated_bytes[0].peak;  // StatType::AGGREGATE
  }
#else
  (void)device;
#endif
  return 0;
}

void resetPeakDeviceMemory(const at::Device& device) {
#ifdef STTS_HAVE_CUDA
  if (device.is_cuda()) c10::cuda::CUDACachingAllocator::resetPeakStats(device.index());
#else
  (void)device;
#endif
}

bool setDeviceMemoryFraction(const at::Device& device, double fraction) {
#ifdef STTS_HAVE_CUDA
  if (device.is_cuda()) {
    c10::cuda::CUDACachingAllocator::setMemoryFraction(fraction, device.index());
    return true;
  }
#else
  (void)device;
  (void)fraction;
#endif
  return false;
}

void releaseCachedDeviceMemory(const at::Device& device) {
#ifdef STTS_HAVE_CUDA
  if (device.is_cuda()) c10::cuda::CUDACachingAllocator::emptyCache();
#else
  (void)device;
#endif
}

int64_t allocatedDeviceMemoryBytes(const at::Device& device) {
#ifdef STTS_HAVE_CUDA
  if (device.is_cuda()) {
    const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(device.index());
    return stats.allocated_bytes[0].current;
  }
#else
  (void)device;
#endif
  return 0;
}

int64_t totalDeviceMemoryBytes(const at::Device& device) {
#ifdef STTS_HAVE_CUDA
  if (device.is_cuda()) {
    cudaDeviceProp props{};
    if (cudaGetDeviceProperties(&props, device.index()) == cudaSuccess)
      return static_cast<int64_t>(props.totalGlobalMem);
  }
#else
  (void)device;
#endif
  return 0;
}

}  // namespace stts::model
