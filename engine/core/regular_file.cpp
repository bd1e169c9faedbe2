#include "stts/regular_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace stts {
namespace {

std::string kindOf(mode_t mode) {
  if (S_ISREG(mode)) return {};
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

Error notRegular(const std::string& path, const std::string& kind) {
  return makeError(ErrorCode::InvalidArgument, path + " is " + kind + ", not a regular file");
}

}  // namespace

std::string nonRegularKind(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  return kindOf(st.st_mode);
}

Expected<int> openRegularFile(const std::string& path) {
  if (path.empty()) return makeError(ErrorCode::InvalidArgument, "no file name was given");
  // O_NONBLOCK only matters for FIFOs and devices: a FIFO then opens at once instead of waiting
  // for a writer, and is refused below without a single read.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) return makeError(ErrorCode::NotFound, path + " does not exist");
    return makeError(ErrorCode::Io, path + ": cannot open (" + std::strerror(err) + ")");
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return makeError(ErrorCode::Io, path + ": cannot read its status (" + std::strerror(err) + ")");
  }
  if (const std::string kind = kindOf(st.st_mode); !kind.empty()) {
    ::close(fd);
    return notRegular(path, kind);
  }
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  return fd;
}

Expected<std::string> readRegularFile(const std::string& path, std::size_t maxBytes) {
  auto fd = openRegularFile(path);
  if (!fd) return fd.error();
  struct stat st {};
  ::fstat(*fd, &st);
  if (static_cast<uint64_t>(st.st_size) > maxBytes) {
    ::close(*fd);
    return makeError(ErrorCode::TooLarge, path + " is " + std::to_string(st.st_size) +
                                              " bytes, more than the " + std::to_string(maxBytes) +
                                              " this file may have");
  }
  // Read to the end rather than trusting st_size: the file may grow while it is read.
  std::string text;
  text.reserve(static_cast<std::size_t>(st.st_size));
  char chunk[65536];
  for (;;) {
    const ssize_t n = ::read(*fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(*fd);
      return makeError(ErrorCode::Io, path + ": read failed (" + std::strerror(err) + ")");
    }
    if (n == 0) break;
    text.append(chunk, static_cast<std::size_t>(n));
    if (text.size() > maxBytes) {
      ::close(*fd);
      return makeError(ErrorCode::TooLarge, path + " is more than the " + std::to_string(maxBytes) +
                                                " bytes this file may have");
    }
  }
  ::close(*fd);
  return text;
}

namespace {

// Fixed storage: the signal handler may neither allocate nor lock. 0 = free, 1 = being filled,
// 2 = holds a path.
constexpr int kPendingSlots = 16;
constexpr std::size_t kPendingPathBytes = 4096;
std::atomic<int> gPendingState[kPendingSlots];
char gPendingPath[kPendingSlots][kPendingPathBytes];

}  // namespace

PendingTemporary::PendingTemporary(const std::string& path) {
  if (path.size() >= kPendingPathBytes) return;
  for (int i = 0; i < kPendingSlots; ++i) {
    int expected = 0;
    if (!gPendingState[i].compare_exchange_strong(expected, 1)) continue;
    std::memcpy(gPendingPath[i], path.c_str(), path.size() + 1);
    gPendingState[i].store(2);
    slot_ = i;
    return;
  }
}

PendingTemporary::~PendingTemporary() {
  if (slot_ >= 0) gPendingState[slot_].store(0);
}

void removePendingTemporaries() noexcept {
  for (int i = 0; i < kPendingSlots; ++i)
    if (gPendingState[i].load() == 2) ::unlink(gPendingPath[i]);
}

Expected<void> checkSaveTarget(const std::string& path) {
  if (path.empty()) return makeError(ErrorCode::InvalidArgument, "no output file was given");
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (const std::string kind = kindOf(st.st_mode); !kind.empty())
      return makeError(ErrorCode::InvalidArgument,
                       "cannot write " + path + ": it is " + kind +
                           ", not a regular file (name a new file or a file to replace)");
    return {};
  }
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) parent = ".";
  std::error_code ec;
  if (!std::filesystem::is_directory(parent, ec))
    return makeError(ErrorCode::NotFound, "cannot write " + path + ": the folder " +
                                              parent.string() + " does not exist");
  return {};
}

}  // namespace stts
