// A cancel flag shared between the thread that asks (UI, signal handler) and the engine code
// that checks it between units of work (packets, frames, blocks, tokens).
#pragma once

#include <atomic>

namespace stts {

class CancelToken {
 public:
  void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  void reset() { cancelled_.store(false, std::memory_order_relaxed); }
  bool isCancelled() const { return cancelled_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> cancelled_{false};
};

inline bool isCancelled(const CancelToken* token) {
  return token && token->isCancelled();
}

}  // namespace stts
