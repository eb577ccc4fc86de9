#pragma once
// The generator's only source of randomness: xorshift64* (Vigna 2016) with its own
// distributions, because std::uniform_real_distribution & co. are implementation-defined and
// the material must come out byte-identical on every build.

#include <cstdint>

namespace earlab::gen {

class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ull + 0x2545F4914F6CDD1Dull)
    {
        if (state_ == 0)
            state_ = 1;
        for (int i = 0; i < 4; ++i)
            next();
    }

    std::uint64_t next()
    {
        state_ ^= state_ >> 12;
        state_ ^= state_ << 25;
        state_ ^= state_ >> 27;
        return state_ * 2685821657736338717ull;
    }

    double uniform() { return double(next() >> 11) * 0x1.0p-53; }           // [0, 1)
    double range(double lo, double hi) { return lo + (hi - lo) * uniform(); } // [lo, hi)
    double bipolar() { return range(-1.0, 1.0); }
    // Roughly normal, mean 0, deviation 1 (Irwin-Hall of four uniforms, so bounded by +-3.5).
    double normal() { return (uniform() + uniform() + uniform() + uniform() - 2.0) * 1.7320508; }
    int below(int n) { return int(uniform() * n); }
    bool chance(double p) { return uniform() < p; }

private:
    std::uint64_t state_;
};

} // namespace earlab::gen
