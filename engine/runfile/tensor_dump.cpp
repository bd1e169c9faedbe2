// Writing a TensorDump (stts/tensor_dump.h) with the checkpoint library's safetensors writer, so a
// dump gets the same atomic write and the same validation as a run file.
#include "stts/tensor_dump.h"

#include <span>

#include "stts/checkpoint/safetensors.h"

namespace stts {

Expected<void> saveTensorDump(const std::string& path, const TensorDump& dump) {
  if (path.empty()) return makeError(ErrorCode::InvalidArgument, "the dump file path is empty");
  std::vector<ckpt::TensorToWrite> tensors;
  tensors.reserve(dump.tensors.size());
  for (const auto& [name, t] : dump.tensors) {
    const auto dtype = ckpt::parseDType(t.dtype);
    if (!dtype) {
      return makeError(ErrorCode::InvalidArgument,
                       "cannot dump tensor \"" + name + "\": unknown dtype \"" + t.dtype + "\"");
    }
    tensors.push_back({name, *dtype, t.shape, std::as_bytes(std::span<const uint8_t>(t.bytes))});
  }
  std::map<std::string, std::string> metadata = dump.metadata;
  // Built as std::string and moved in: assigning a literal trips GCC 12's false -Wrestrict.
  metadata["format"] = std::string("stts-tensor-dump");
  metadata["version"] = std::string("1");
  auto written = ckpt::writeSafetensors(path, tensors, metadata);
  if (!written) {
    return makeError(written.error().code,
                     "cannot write the tensor dump: " + written.error().message);
  }
  return {};
}

}  // namespace stts
