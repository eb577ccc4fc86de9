#pragma once
// The exercises' random numbers: a fixed algorithm (splitmix64), so a seed stored with an
// answer regenerates the same question on every platform and library version (std::
// distributions are not specified bit for bit).

#include <cstddef>
#include <cstdint>

namespace earlab {

class SeededRandom {
public:
    explicit SeededRandom(std::uint64_t seed) : state_(seed) {}

    std::uint64_t next()
    {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n); the modulo bias is below 2^-58 for the small n used here.
    std::size_t below(std::size_t n) { return n == 0 ? 0 : std::size_t(next() % n); }
    // Uniform in [0, 1).
    double unit() { return double(next() >> 11) * 0x1.0p-53; }

private:
    std::uint64_t state_;
};

} // namespace earlab
