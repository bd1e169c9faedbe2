#include "signals.h"

#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <thread>

#include "stts/regular_file.h"

namespace stts::cli {
namespace {

std::atomic<CancelToken*> gCancel{nullptr};
std::atomic<int> gSignalsSeen{0};

void handleTerminatingSignal(int signal) {
  const int seen = gSignalsSeen.fetch_add(1) + 1;
  CancelToken* token = gCancel.load();
  if (token && seen == 1) {
    token->cancel();
    return;
  }
  removePendingTemporaries();
  ::_exit(128 + signal);
}

// Only reached by a thread that does not block the signals (none of ours: see below).
extern "C" void onTerminatingSignal(int signal) {
  handleTerminatingSignal(signal);
}

sigset_t terminatingSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

}  // namespace

void installSignalHandlers() {
  // A handler (not SIG_IGN) must be installed even though the thread below takes the signals:
  // a signal whose disposition is "ignore" is discarded when sent, blocked or not.
  struct sigaction action {};
  action.sa_handler = onTerminatingSignal;
  action.sa_mask = terminatingSignals();
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);

  // A process-directed signal goes to any thread that does not block it, so with LibTorch's and
  // OpenMP's workers two signals could be handled at once on two threads and "the second" would
  // be whichever came last there. Instead every thread blocks them (threads inherit the mask of
  // the thread that starts them, and none exists yet) and one thread takes them in turn, the
  // lowest number first when several are pending.
  const sigset_t set = terminatingSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread([set] {
    for (;;) {
      int signal = 0;
      if (sigwait(&set, &signal) == 0) handleTerminatingSignal(signal);
    }
  }).detach();
}

SignalCancel::SignalCancel(CancelToken& token) {
  gCancel.store(&token);
}

SignalCancel::~SignalCancel() {
  gCancel.store(nullptr);
}

}  // namespace stts::cli
