// Timing and memory accounting on the device a run uses, the way GPU people measure: on CUDA a
// stage is bracketed by two CUDA events recorded on the current stream, with no host
// synchronisation inside or between stages; the elapsed times are read once, after the run,
// with a single synchronise. On the CPU, where every op is synchronous, a steady clock does the
// same job. Peak GPU memory comes from the caching allocator's statistics.
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "stts/run_result.h"

namespace stts::model {

// Records stage edges; resolves them into StageTiming values in finish().
class StageClock {
 public:
  explicit StageClock(at::Device device);
  ~StageClock();
  StageClock(const StageClock&) = delete;
  StageClock& operator=(const StageClock&) = delete;

  // Opens a stage; the next stop() closes it.
  void start();
  void stop(const std::string& name, int64_t tokens);
  // A span nested inside the open stage, reported as its own stage and taken out of the
  // enclosing one (e.g. a selection computed during vit_pre). Returns after `work`.
  template <typename Work>
  void nested(const std::string& name, int64_t tokens, Work&& work) {
    const Mark begin = mark();
    work();
    nested_.push_back({name, tokens, begin, mark(), spans_.size()});
  }
  // Waits for the device once and appends every stage, in order, to `out`. Nested spans come
  // right after the stage they were carved out of.
  void finish(std::vector<StageTiming>& out);
  // "cuda_events" or "steady_clock": what the milliseconds were measured with.
  const char* clockName() const;

 private:
  struct Mark {
    double hostMs = 0.0;
    int event = -1;  // index into the CUDA events, or -1 on the CPU
  };
  struct Span {
    std::string name;
    int64_t tokens = 0;
    Mark begin, end;
    size_t before = 0;  // nested spans: the index of the stage they belong to
  };
  Mark mark();
  double elapsed(const Mark& a, const Mark& b);

  at::Device device_;
  Mark open_;
  std::vector<Span> spans_;
  std::vector<Span> nested_;
  struct Events;
  std::unique_ptr<Events> events_;
};

// Peak memory of the caching allocator on `device` since the last reset (bytes); 0 on the CPU
// or in a build without CUDA.
int64_t peakDeviceMemoryBytes(const at::Device& device);
void resetPeakDeviceMemory(const at::Device& device);
// Caps what the caching allocator may take on `device` to `fraction` of its memory (tests force
// an out-of-memory this way); 1.0 lifts the cap. Returns false where there is no CUDA.
bool setDeviceMemoryFraction(const at::Device& device, double fraction);
// Hands cached, unused blocks back to the driver (after an out-of-memory error).
void releaseCachedDeviceMemory(const at::Device& device);
// Bytes the caching allocator has handed out now, and the device's total memory; 0 on the CPU.
int64_t allocatedDeviceMemoryBytes(const at::Device& device);
int64_t totalDeviceMemoryBytes(const at::Device& device);

}  // namespace stts::model
