// How stts answers SIGINT (Ctrl+C) and SIGTERM (`timeout`, `kill`).
//   - A command that can stop cleanly (score, run, compare, fit-scorer) holds a SignalCancel: the
//     first signal cancels its work at the next check (between blocks, bins, tokens), and it
//     exits 1 with "cancelled" having written nothing.
//   - Any other moment (loading, a command without cancellation, a system call that blocks), and
//     always the second signal: the process ends at once with 130 (SIGINT) or 143 (SIGTERM),
//     after removing the temporary files of saves in progress, so nothing half-written remains.
// One thread takes both signals in turn, so "the first" and "the second" are well defined even
// while worker threads run. The handlers replace an inherited "ignore": a script that starts stts
// in the background (where the shell ignores SIGINT) can still stop it with kill -INT.
#pragma once

#include "stts/cancel.h"

namespace stts::cli {

// Called once at the start of main().
void installSignalHandlers();

// While it lives, the first SIGINT/SIGTERM cancels `token` instead of ending the process.
class SignalCancel {
 public:
  explicit SignalCancel(CancelToken& token);
  ~SignalCancel();
  SignalCancel(const SignalCancel&) = delete;
  SignalCancel& operator=(const SignalCancel&) = delete;
};

}  // namespace stts::cli
