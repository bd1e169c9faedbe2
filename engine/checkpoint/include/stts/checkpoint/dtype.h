// Element types a safetensors file may declare. The allow-list is the reference parser's set of
// fixed-width types; anything else (sub-byte floats, complex) is refused by the reader.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace stts::ckpt {

enum class DType : uint8_t {
  Bool,
  U8,
  I8,
  F8_E5M2,
  F8_E4M3,
  I16,
  U16,
  F16,
  BF16,
  I32,
  U32,
  F32,
  F64,
  I64,
  U64,
};

// Header spelling ("F32", "BF16", "BOOL").
const char* dtypeName(DType dtype);
// Bytes per element (1, 2, 4 or 8).
std::size_t dtypeSize(DType dtype);
// Exact, case-sensitive match against the header spelling; nullopt for anything else.
std::optional<DType> parseDType(std::string_view name);
// F16, BF16, F32, F64 (the types a NaN/Inf scan understands; F8 formats are not scanned).
bool isScannableFloat(DType dtype);

}  // namespace stts::ckpt
