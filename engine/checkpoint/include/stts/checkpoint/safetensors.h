// Strict safetensors reader (memory-mapped, zero-copy) and atomic writer.
//
// The reader enforces every rule of docs/ux.md §6.2: header length cap and overflow, UTF-8 JSON
// object header with no duplicate keys at any depth, string->string `__metadata__`, allow-listed
// dtypes, non-negative shapes, byte ranges that tile the data section exactly (sorted by offset:
// contiguous from 0, no overlap, no gap, ending at EOF) and sizes that equal
// product(shape) x dtype size under checked arithmetic. A file that passes can be handed to the
// model loader without further bounds checks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "stts/checkpoint/dtype.h"
#include "stts/error.h"

namespace stts::ckpt {

// Largest header the reader accepts (the reference parser's limit).
inline constexpr uint64_t kMaxHeaderBytes = 100'000'000;

struct TensorView {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape;       // empty for a rank-0 scalar
  std::span<const std::byte> data;  // little-endian bytes inside the mapping; not aligned
  uint64_t dataOffset = 0;          // relative to the end of the header, as in the file

  // Product of the shape (1 for a scalar). Cannot overflow: the reader checked it.
  int64_t numel() const;
};

class SafetensorsFile {
 public:
  // Maps `path` read-only and validates it. Tensor data is never copied.
  static Expected<SafetensorsFile> open(const std::string& path);
  // Validates an in-memory image (the buffer is moved in and owned). `label` names it in errors.
  static Expected<SafetensorsFile> fromBytes(std::vector<std::byte> bytes, std::string label);

  const std::string& path() const;
  // Sorted by data offset, i.e. in file order.
  const std::vector<TensorView>& tensors() const;
  // nullptr when absent.
  const TensorView* find(std::string_view name) const;
  // Tells the kernel the bytes of `view` (one of this file's tensors) will not be read again soon,
  // so their pages leave the process's memory now rather than when the file closes: loading
  // copies every tensor once, and the mapping would otherwise double the weights at the peak.
  // Only whole pages inside the view go; a later read maps them in again from the file. Does
  // nothing for an in-memory image (fromBytes), whose bytes are the only copy.
  void releasePages(const TensorView& view) const;
  const std::map<std::string, std::string>& metadata() const;
  uint64_t fileSize() const;
  uint64_t headerSize() const;  // N, the JSON header length (padding included)

  struct Impl;  // opaque: the mapping and parsed header live in safetensors_read.cpp

 private:
  explicit SafetensorsFile(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  // Shared so copies are cheap and every TensorView span stays valid while any copy lives.
  std::shared_ptr<const Impl> impl_;
};

struct TensorToWrite {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  std::span<const std::byte> data;  // exactly product(shape) x dtypeSize(dtype) bytes
};

// Builds a complete file image: header padded with spaces to a multiple of 8 (as the reference
// writer does) and tensors ordered by element size, largest first, then by name, so every
// tensor starts at an offset aligned to its element size.
Expected<std::vector<std::byte>> serializeSafetensors(
    const std::vector<TensorToWrite>& tensors,
    const std::map<std::string, std::string>& metadata = {});

// Writes serializeSafetensors' image to a temporary file next to `path`, fsyncs it and renames
// it over `path`, so a crash never leaves half a file behind.
Expected<void> writeSafetensors(const std::string& path, const std::vector<TensorToWrite>& tensors,
                                const std::map<std::string, std::string>& metadata = {});

// Formats a shape as "[2, 3]" ("[]" for a scalar), for messages.
std::string formatShape(const std::vector<int64_t>& shape);

}  // namespace stts::ckpt
