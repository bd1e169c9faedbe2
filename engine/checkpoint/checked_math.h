// Internal: overflow-checked unsigned arithmetic for sizes read from untrusted files.
#pragma once

#include <cstdint>

namespace stts::ckpt::detail {

inline bool checkedMul(uint64_t a, uint64_t b, uint64_t* out) {
  return !__builtin_mul_overflow(a, b, out);
}

inline bool checkedAdd(uint64_t a, uint64_t b, uint64_t* out) {
  return !__builtin_add_overflow(a, b, out);
}

}  // namespace stts::ckpt::detail
