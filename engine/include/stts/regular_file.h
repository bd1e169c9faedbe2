// Files named by users are opened through here. open(2) on a FIFO blocks until a writer appears
// (forever, for a FIFO planted as a model shard or a run file), and renaming a finished save over
// /dev/full replaces the device node. So reads open non-blocking and check the kind first, and
// saves refuse any target that exists and is not a regular file.
#pragma once

#include <cstddef>
#include <string>

#include "stts/error.h"

namespace stts {

// A descriptor (O_RDONLY | O_CLOEXEC, blocking again after the check) of a regular file; the
// caller closes it. Errors: NotFound, Io, or InvalidArgument "PATH is a FIFO (named pipe), not a
// regular file" (also folders, devices and sockets).
Expected<int> openRegularFile(const std::string& path);

// The whole file, refused with TooLarge beyond `maxBytes` (which is never allocated).
Expected<std::string> readRegularFile(const std::string& path, std::size_t maxBytes);

// Whether `path` may be the target of a save: a regular file (replaced) or a new name in an
// existing folder. Anything else (a device such as /dev/full, a FIFO, a folder, a missing
// folder) is refused with one sentence. Saves call it before writing and again right before the
// final rename, so a target swapped for a device node in between is not replaced either.
Expected<void> checkSaveTarget(const std::string& path);

// The temporary file of a save in progress, for as long as this object lives. A process ended at
// once by a second Ctrl+C (exit 130) removes them all from its signal handler, so that nothing
// half-written is left behind: the target itself is only ever replaced by a complete file.
class PendingTemporary {
 public:
  explicit PendingTemporary(const std::string& path);
  ~PendingTemporary();
  PendingTemporary(const PendingTemporary&) = delete;
  PendingTemporary& operator=(const PendingTemporary&) = delete;

 private:
  int slot_ = -1;  // -1: more saves at once than slots; such a file is then not removed
};

// Unlinks every pending temporary file. Async-signal-safe (only unlink(2) and atomics).
void removePendingTemporaries() noexcept;

// "a FIFO (named pipe)", "a folder", "a character device", ... for an existing path; empty for a
// regular file or a path that does not exist.
std::string nonRegularKind(const std::string& path);

}  // namespace stts
