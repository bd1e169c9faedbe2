// Deterministic weights for the tiny model: a seeded PRNG (splitmix64 to seed, xoshiro256** to
// draw) and Box-Muller normals, scaled like a real initialisation. Each tensor gets its own
// stream derived from (seed, name), so its values do not depend on the order tensors are made.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

namespace stts::tiny {

inline uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

inline uint64_t fnv1a64(std::string_view s) {
  uint64_t h = 0xCBF29CE484222325ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001B3ull;
  }
  return h;
}

class Xoshiro256 {
 public:
  explicit Xoshiro256(uint64_t seed) {
    for (auto& word : s_) word = splitmix64(seed);
  }
  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  // Uniform in (0, 1]: never 0, so log() in Box-Muller is finite.
  double uniformOpenZero() { return (static_cast<double>(next() >> 11) + 1.0) * 0x1.0p-53; }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// `count` values from normal(0, stddev), computed in double and rounded once to float.
inline std::vector<float> normalValues(uint64_t seed, std::string_view name, int64_t count,
                                       double stddev) {
  Xoshiro256 rng(seed ^ fnv1a64(name));
  std::vector<float> out(static_cast<std::size_t>(count));
  constexpr double kTwoPi = 6.283185307179586476925286766559;
  for (int64_t i = 0; i < count; i += 2) {
    const double r = std::sqrt(-2.0 * std::log(rng.uniformOpenZero())) * stddev;
    const double angle = kTwoPi * rng.uniformOpenZero();
    out[static_cast<std::size_t>(i)] = static_cast<float>(r * std::cos(angle));
    if (i + 1 < count)
      out[static_cast<std::size_t>(i + 1)] = static_cast<float>(r * std::sin(angle));
  }
  return out;
}

}  // namespace stts::tiny
