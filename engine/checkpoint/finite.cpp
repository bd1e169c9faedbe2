#include "stts/checkpoint/finite.h"

#include <string>

namespace stts::ckpt {
namespace {

// Assembles a little-endian unsigned value byte by byte: the data is not aligned and the file
// format is little-endian whatever the host is.
template <typename U>
U loadLe(const std::byte* p) {
  U v = 0;
  for (std::size_t i = 0; i < sizeof(U); ++i) v |= static_cast<U>(static_cast<U>(p[i]) << (8 * i));
  return v;
}

// An IEEE value is NaN or Inf exactly when all exponent bits are set; a non-zero mantissa then
// means NaN.
template <typename U>
std::optional<NonFinite> scan(std::span<const std::byte> bytes, U expMask, U mantMask) {
  const std::size_t n = bytes.size() / sizeof(U);
  const std::byte* p = bytes.data();
  for (std::size_t i = 0; i < n; ++i) {
    const U v = loadLe<U>(p + i * sizeof(U));
    if ((v & expMask) == expMask) {
      return NonFinite{static_cast<int64_t>(i), (v & mantMask) != 0};
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<NonFinite> findNonFinite(DType dtype, std::span<const std::byte> bytes) {
  switch (dtype) {
    case DType::F16:
      return scan<uint16_t>(bytes, 0x7C00, 0x03FF);
    case DType::BF16:
      return scan<uint16_t>(bytes, 0x7F80, 0x007F);
    case DType::F32:
      return scan<uint32_t>(bytes, 0x7F800000u, 0x007FFFFFu);
    case DType::F64:
      return scan<uint64_t>(bytes, 0x7FF0000000000000ull, 0x000FFFFFFFFFFFFFull);
    default:
      return std::nullopt;
  }
}

Expected<void> checkFinite(std::string_view tensorName, DType dtype,
                           std::span<const std::byte> bytes, std::string_view fileName) {
  const auto bad = findNonFinite(dtype, bytes);
  if (!bad) return {};
  return makeError(ErrorCode::InvalidData,
                   std::string(fileName) + ": tensor \"" + std::string(tensorName) +
                       "\" contains " + (bad->isNan ? "NaN" : "Inf") + " at element " +
                       std::to_string(bad->index) +
                       "; the checkpoint is damaged or was saved after a diverged training run");
}

}  // namespace stts::ckpt
