// NaN/Inf scan over raw little-endian tensor bytes. A NaN in the STTS scorer would silently
// blank every heatmap, so the loader scans weights before using them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "stts/checkpoint/dtype.h"
#include "stts/error.h"

namespace stts::ckpt {

struct NonFinite {
  int64_t index = 0;   // flat element index of the first bad value
  bool isNan = false;  // false: +/-Inf
};

// First NaN or Inf in `bytes` interpreted as `dtype` (F16, BF16, F32, F64; other dtypes have
// none). Trailing bytes that do not form a whole element are ignored.
std::optional<NonFinite> findNonFinite(DType dtype, std::span<const std::byte> bytes);

// Error (InvalidData) naming the tensor, the file and the first bad index, or success.
Expected<void> checkFinite(std::string_view tensorName, DType dtype,
                           std::span<const std::byte> bytes, std::string_view fileName);

}  // namespace stts::ckpt
