#include "signals.h"

#include <unistd.h>

#include <atomic>
#include <csignal>

#include "stts/regular_file.h"

namespace stts::cli {
namespace {

std::atomic<CancelToken*> gCancel{nullptr};
std::atomic<int> gSignalsSeen{0};

extern "C" void onTerminatingSignal(int signal) {
  const int seen = gSignalsSeen.fetch_add(1) + 1;
  CancelToken* token = gCancel.load();
  if (token && seen == 1) {
    token->cancel();
    return;
  }
  removePendingTemporaries();
  ::_exit(128 + signal);
}

}  // namespace

void installSignalHandlers() {
  struct sigaction action {};
  action.sa_handler = onTerminatingSignal;
  // One handler at a time: two pending signals are then handled in order (lowest number first)
  // rather than nested, so "the second one ends the process" holds for any pair.
  sigemptyset(&action.sa_mask);
  sigaddset(&action.sa_mask, SIGINT);
  sigaddset(&action.sa_mask, SIGTERM);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

SignalCancel::SignalCancel(CancelToken& token) {
  gCancel.store(&token);
}

SignalCancel::~SignalCancel() {
  gCancel.store(nullptr);
}

}  // namespace stts::cli
