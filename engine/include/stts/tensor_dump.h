// Intermediate tensors of one run, as plain bytes, so two devices, dtypes or implementations can
// be compared tensor by tensor (`stts score|run --dump FILE.safetensors`). The engine fills a
// TensorDump only when the caller passes one; the names, shapes and dtypes are documented in
// engine/runfile/FORMAT.md ("Tensor dumps").
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "stts/error.h"

namespace stts {

struct DumpedTensor {
  std::string dtype;           // safetensors spelling: "F32", "U8", "I64"
  std::vector<int64_t> shape;  // row-major
  std::vector<uint8_t> bytes;  // little-endian, product(shape) x element size
};

struct TensorDump {
  std::map<std::string, DumpedTensor> tensors;
  // Strings about the run (device, dtype, method, prune_at, ...); written as safetensors
  // __metadata__, so they must be valid UTF-8.
  std::map<std::string, std::string> metadata;

  // Copies `count` values of T (whose safetensors spelling is `dtype`) as tensor `name`,
  // replacing one of the same name.
  template <typename T>
  void set(const std::string& name, const char* dtype, std::vector<int64_t> shape, const T* data,
           std::size_t count) {
    DumpedTensor& t = tensors[name];
    t.dtype = dtype;
    t.shape = std::move(shape);
    t.bytes.resize(count * sizeof(T));
    if (count > 0) std::memcpy(t.bytes.data(), data, count * sizeof(T));
  }
};

// Writes the dump as one safetensors file (temporary file, fsync, rename), with the dump's
// metadata plus "format" = "stts-tensor-dump" and "version" = "1". Refuses a tensor whose byte
// count does not match its shape and dtype.
Expected<void> saveTensorDump(const std::string& path, const TensorDump& dump);

}  // namespace stts
