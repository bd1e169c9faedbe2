// The writer. It validates its input with the same rules the reader enforces, so anything it
// writes reads back; the reader is the spec, the writer just never violates it.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>

#include <nlohmann/json.hpp>

#include "checked_math.h"
#include "strict_json.h"
#include "stts/checkpoint/safetensors.h"
#include "stts/regular_file.h"

namespace stts::ckpt {
namespace {

struct Plan {
  std::string header;                       // JSON padded with spaces to a multiple of 8
  std::vector<const TensorToWrite*> order;  // data order
  uint64_t dataSize = 0;
};

Expected<Plan> plan(const std::vector<TensorToWrite>& tensors,
                    const std::map<std::string, std::string>& metadata) {
  Plan p;
  std::set<std::string_view> names;
  for (const auto& t : tensors) {
    if (t.name.empty() || t.name == "__metadata__") {
      return makeError(ErrorCode::InvalidArgument,
                       "cannot write a tensor named \"" + t.name + "\" (reserved or empty)");
    }
    if (!detail::isValidUtf8(t.name)) {
      return makeError(ErrorCode::InvalidArgument, "a tensor name is not valid UTF-8");
    }
    if (!names.insert(t.name).second) {
      return makeError(ErrorCode::InvalidArgument,
                       "cannot write tensor \"" + t.name + "\" twice in one file");
    }
    uint64_t bytes = dtypeSize(t.dtype);
    for (int64_t d : t.shape) {
      if (d < 0 || !detail::checkedMul(bytes, static_cast<uint64_t>(d), &bytes)) {
        return makeError(ErrorCode::InvalidArgument, "tensor \"" + t.name + "\" has shape " +
                                                         formatShape(t.shape) +
                                                         " that is negative or overflows");
      }
    }
    if (bytes != t.data.size()) {
      return makeError(ErrorCode::InvalidArgument,
                       "tensor \"" + t.name + "\" has " + std::to_string(t.data.size()) +
                           " bytes of data but shape " + formatShape(t.shape) + " and dtype " +
                           dtypeName(t.dtype) + " need " + std::to_string(bytes));
    }
    p.order.push_back(&t);
  }
  for (const auto& [k, v] : metadata) {
    if (!detail::isValidUtf8(k) || !detail::isValidUtf8(v)) {
      return makeError(ErrorCode::InvalidArgument, "a metadata key or value is not valid UTF-8");
    }
  }
  // Largest element first keeps every tensor aligned to its element size, given the header
  // itself ends on a multiple of 8 (every tensor's byte size is a multiple of its element size).
  std::stable_sort(p.order.begin(), p.order.end(),
                   [](const TensorToWrite* a, const TensorToWrite* b) {
                     const auto sa = dtypeSize(a->dtype), sb = dtypeSize(b->dtype);
                     if (sa != sb) return sa > sb;
                     return a->name < b->name;
                   });

  nlohmann::json root = nlohmann::json::object();
  if (!metadata.empty()) root["__metadata__"] = metadata;
  for (const TensorToWrite* t : p.order) {
    const uint64_t begin = p.dataSize;
    if (!detail::checkedAdd(p.dataSize, t->data.size(), &p.dataSize)) {
      return makeError(ErrorCode::TooLarge, "tensors are too large to write to one file");
    }
    root[t->name] = {
        {"dtype", dtypeName(t->dtype)}, {"shape", t->shape}, {"data_offsets", {begin, p.dataSize}}};
  }
  p.header = root.dump();
  p.header.append((8 - p.header.size() % 8) % 8, ' ');
  if (p.header.size() > kMaxHeaderBytes) {
    return makeError(ErrorCode::TooLarge, "the safetensors header would exceed 100,000,000 bytes");
  }
  return p;
}

void appendLe64(std::vector<std::byte>& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::byte>((v >> (8 * i)) & 0xFF));
}

bool writeAll(int fd, const void* data, std::size_t size) {
  const auto* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t w = ::write(fd, p, size);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += w;
    size -= static_cast<std::size_t>(w);
  }
  return true;
}

}  // namespace

Expected<std::vector<std::byte>> serializeSafetensors(
    const std::vector<TensorToWrite>& tensors, const std::map<std::string, std::string>& metadata) {
  auto p = plan(tensors, metadata);
  if (!p) return p.error();
  std::vector<std::byte> out;
  out.reserve(8 + p->header.size() + p->dataSize);
  appendLe64(out, p->header.size());
  for (char c : p->header) out.push_back(static_cast<std::byte>(c));
  for (const TensorToWrite* t : p->order) out.insert(out.end(), t->data.begin(), t->data.end());
  return out;
}

Expected<void> writeSafetensors(const std::string& path, const std::vector<TensorToWrite>& tensors,
                                const std::map<std::string, std::string>& metadata) {
  auto p = plan(tensors, metadata);
  if (!p) return p.error();
  if (auto target = checkSaveTarget(path); !target) return target.error();

  // Same directory as the target, so rename() is atomic (same file system).
  std::string tmpl = path + ".tmp-XXXXXX";
  const int fd = mkstemp(tmpl.data());
  if (fd < 0) {
    return makeError(ErrorCode::Io, path + ": cannot create a temporary file next to it (" +
                                        std::strerror(errno) + ")");
  }
  const PendingTemporary pending(tmpl);  // removed if a second Ctrl+C ends the process
  auto fail = [&](const char* what) -> Expected<void> {
    const int err = errno;
    ::close(fd);
    ::unlink(tmpl.c_str());
    return makeError(ErrorCode::Io, path + ": " + what + " (" + std::strerror(err) + ")");
  };
  // mkstemp creates 0600; a checkpoint or run file is meant to be readable like any document.
  // (Reading the umask would need umask(), which is process-wide and racy in a threaded app.)
  if (fchmod(fd, 0644) != 0) return fail("cannot set permissions");

  std::vector<std::byte> prefix;
  appendLe64(prefix, p->header.size());
  if (!writeAll(fd, prefix.data(), prefix.size()) ||
      !writeAll(fd, p->header.data(), p->header.size())) {
    return fail("write failed");
  }
  for (const TensorToWrite* t : p->order) {
    if (!t->data.empty() && !writeAll(fd, t->data.data(), t->data.size())) {
      return fail("write failed");
    }
  }
  if (fsync(fd) != 0) return fail("fsync failed");
  if (::close(fd) != 0) {
    ::unlink(tmpl.c_str());
    return makeError(ErrorCode::Io, path + ": close failed (" + std::strerror(errno) + ")");
  }
  // Again right before the rename: rename(2) replaces whatever the name points at, device nodes
  // included, and the target may have changed while the data was written.
  if (auto target = checkSaveTarget(path); !target) {
    ::unlink(tmpl.c_str());
    return target.error();
  }
  if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmpl.c_str());
    return makeError(ErrorCode::Io, path + ": cannot rename the temporary file into place (" +
                                        std::strerror(err) + ")");
  }
  return {};
}

}  // namespace stts::ckpt
