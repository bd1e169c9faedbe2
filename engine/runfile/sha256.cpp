// SHA-256 (FIPS 180-4), used for the video head hash and config hashes: a standard hash, so a
// Python user can recompute it with hashlib. The round constants are derived here from their
// definition (fractional bits of square and cube roots of the first primes) with exact integer
// roots, rather than typed in as a table.
#include <array>
#include <cstring>

#include "stts/runfile.h"

namespace stts {
namespace {

__extension__ typedef unsigned __int128 U128;

// floor(x^(1/k)) for k = 2 or 3, exact, for x < 2^123.
uint64_t integerRoot(U128 x, int k) {
  uint64_t lo = 0, hi = uint64_t{1} << 42;
  while (lo < hi) {
    const uint64_t mid = lo + (hi - lo + 1) / 2;
    U128 p = mid;
    for (int i = 1; i < k; ++i) p *= mid;
    if (p <= x)
      lo = mid;
    else
      hi = mid - 1;
  }
  return lo;
}

struct Constants {
  std::array<uint32_t, 64> k{};
  std::array<uint32_t, 8> h0{};
  Constants() {
    int found = 0;
    for (uint32_t n = 2; found < 64; ++n) {
      bool prime = true;
      for (uint32_t d = 2; d * d <= n; ++d) prime = prime && (n % d != 0);
      if (!prime) continue;
      // The low 32 bits of floor(root * 2^32) are the first 32 fractional bits.
      k[found] = static_cast<uint32_t>(integerRoot(static_cast<U128>(n) << 96, 3));
      if (found < 8) h0[found] = static_cast<uint32_t>(integerRoot(static_cast<U128>(n) << 64, 2));
      ++found;
    }
  }
};

const Constants& constants() {
  static const Constants c;
  return c;
}

inline uint32_t rotr(uint32_t x, int n) {
  return (x >> n) | (x << (32 - n));
}

void compress(std::array<uint32_t, 8>& h, const unsigned char* block) {
  const auto& K = constants().k;
  uint32_t w[64];
  for (int i = 0; i < 16; ++i) {
    w[i] = (uint32_t{block[4 * i]} << 24) | (uint32_t{block[4 * i + 1]} << 16) |
           (uint32_t{block[4 * i + 2]} << 8) | uint32_t{block[4 * i + 3]};
  }
  for (int i = 16; i < 64; ++i) {
    const uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    const uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (int i = 0; i < 64; ++i) {
    const uint32_t t1 =
        hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
    const uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    hh = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
  h[5] += f;
  h[6] += g;
  h[7] += hh;
}

}  // namespace

std::string sha256Hex(std::span<const std::byte> data) {
  std::array<uint32_t, 8> h = constants().h0;
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  const std::size_t full = data.size() / 64 * 64;
  for (std::size_t i = 0; i < full; i += 64) compress(h, bytes + i);
  // Padding: 0x80, zeros, then the message length in bits, big-endian, filling whole blocks.
  unsigned char tail[128] = {};
  const std::size_t rest = data.size() - full;
  if (rest > 0) std::memcpy(tail, bytes + full, rest);
  tail[rest] = 0x80;
  const std::size_t tailLen = rest + 1 + 8 <= 64 ? 64 : 128;
  const uint64_t bits = static_cast<uint64_t>(data.size()) * 8;
  for (int i = 0; i < 8; ++i) tail[tailLen - 1 - i] = static_cast<unsigned char>(bits >> (8 * i));
  for (std::size_t i = 0; i < tailLen; i += 64) compress(h, tail + i);

  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (uint32_t word : h) {
    for (int shift = 28; shift >= 0; shift -= 4) out.push_back(kHex[(word >> shift) & 0xF]);
  }
  return out;
}

std::string sha256Hex(std::string_view data) {
  return sha256Hex(std::as_bytes(std::span<const char>(data.data(), data.size())));
}

}  // namespace stts
