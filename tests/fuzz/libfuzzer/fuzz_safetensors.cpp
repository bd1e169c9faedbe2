// (a) The strict safetensors reader on an image in memory (SafetensorsFile::fromBytes): header
// length, strict JSON, dtypes, shapes, offsets tiling the data. Whatever it accepts must be safe
// to index without further checks, and whatever the writer makes of it must read back the same.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "fuzz_util.h"
#include "stts/checkpoint/finite.h"
#include "stts/checkpoint/safetensors.h"

using namespace stts::ckpt;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::byte> bytes(reinterpret_cast<const std::byte*>(data),
                               reinterpret_cast<const std::byte*>(data) + size);
  auto file = SafetensorsFile::fromBytes(std::move(bytes), "fuzz.safetensors");
  if (!file) {
    STTS_FUZZ_CHECK(!file.error().message.empty());
    return 0;
  }
  STTS_FUZZ_CHECK(file->fileSize() == size);
  STTS_FUZZ_CHECK(file->headerSize() + 8 <= size);

  // Every view lies inside the image, holds exactly product(shape) x dtype size bytes, and the
  // views tile the data section in file order.
  const auto* image = static_cast<const std::byte*>(nullptr);
  uint64_t cursor = 0;
  std::vector<TensorToWrite> again;
  for (const TensorView& t : file->tensors()) {
    STTS_FUZZ_CHECK(t.dataOffset == cursor);
    STTS_FUZZ_CHECK(static_cast<uint64_t>(t.numel()) * dtypeSize(t.dtype) == t.data.size());
    cursor += t.data.size();
    if (!t.data.empty()) {
      if (!image) image = t.data.data() - t.dataOffset;
      STTS_FUZZ_CHECK(t.data.data() == image + t.dataOffset);
      // Touch the first and last byte: ASan stops any view that leaves the buffer.
      volatile std::byte first = t.data.front(), last = t.data.back();
      (void)first;
      (void)last;
    }
    STTS_FUZZ_CHECK(file->find(t.name) == &t);
    (void)formatShape(t.shape);
    (void)findNonFinite(t.dtype, t.data);
    (void)checkFinite(t.name, t.dtype, t.data, file->path());
    file->releasePages(t);  // a no-op for images in memory; must not touch them
    again.push_back(TensorToWrite{t.name, t.dtype, t.shape, t.data});
  }
  STTS_FUZZ_CHECK(cursor + file->headerSize() + 8 == size);

  // The writer promises that anything it writes reads back: same names, dtypes, shapes, bytes.
  auto image2 = serializeSafetensors(again, file->metadata());
  if (!image2) return 0;  // e.g. a name the reader allows but the writer reserves ("")
  auto reread = SafetensorsFile::fromBytes(std::move(*image2), "fuzz.safetensors (rewritten)");
  STTS_FUZZ_CHECK(reread.ok());
  STTS_FUZZ_CHECK(reread->tensors().size() == file->tensors().size());
  STTS_FUZZ_CHECK(reread->metadata() == file->metadata());
  for (const TensorView& t : file->tensors()) {
    const TensorView* u = reread->find(t.name);
    STTS_FUZZ_CHECK(u != nullptr);
    STTS_FUZZ_CHECK(u->dtype == t.dtype && u->shape == t.shape);
    STTS_FUZZ_CHECK(u->data.size() == t.data.size());
    STTS_FUZZ_CHECK(t.data.empty() ||
                    std::memcmp(u->data.data(), t.data.data(), t.data.size()) == 0);
  }
  return 0;
}
