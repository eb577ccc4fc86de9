#pragma once
// Natural log and exp for the compressor's per-sample level detection and gain, without a
// libm call per sample (two libm calls per frame were most of a render's time).
//
// Both reduce the argument exactly with the binary exponent, then use a short series on a
// small interval:
//   fastLn:  x = m·2^e, m in [1/√2, √2); ln m = 2·atanh(t), t = (m-1)/(m+1), |t| <= 0.1716;
//            the series to t^11 leaves an absolute error below 2e-11.
//   fastExp: y = k·ln2 + r, |r| <= ln2/2; e^r by its Taylor series to r^9 (error below
//            1e-11 relative), times 2^k built in the exponent bits.
// In dB these errors are below 1e-9 dB: far under anything a test or an ear resolves.
// Valid for: fastLn, normal positive x (callers floor the level); fastExp, |y| < 700.

#include <bit>
#include <cmath>
#include <cstdint>
#include <numbers>

namespace earlab::dsp {

inline double fastLn(double x) noexcept
{
    // Split x = m·2^e with m in [1/√2, √2) without a branch: subtracting the bit pattern of
    // 1/√2 makes the exponent field count from there (the musl/FreeBSD log trick), and music
    // levels would make an "if (m > √2)" mispredict every other sample.
    constexpr std::uint64_t kInvSqrt2Bits = 0x3fe6a09e667f3bcdull;
    const auto bits = std::bit_cast<std::uint64_t>(x);
    const auto e = std::int64_t(bits - kInvSqrt2Bits) >> 52;
    const double m = std::bit_cast<double>(bits - (std::uint64_t(e) << 52));
    const double t = (m - 1.0) / (m + 1.0);
    const double t2 = t * t;
    const double series = 1.0 + t2 * (1.0 / 3 + t2 * (1.0 / 5 + t2 * (1.0 / 7 + t2 * (1.0 / 9 + t2 * (1.0 / 11)))));
    return 2.0 * t * series + double(e) * std::numbers::ln2;
}

inline double fastExp(double y) noexcept
{
    // Round to nearest by the 1.5·2^52 trick: std::nearbyint is a libm call on baseline x86-64.
    constexpr double kRound = 6755399441055744.0;
    const double k = (y * (1.0 / std::numbers::ln2) + kRound) - kRound;
    const double r = y - k * std::numbers::ln2;
    // Taylor to r^9 (remainder below 1e-11 relative for |r| <= ln2/2), evaluated in
    // Estrin's scheme: independent pairs instead of one long multiply-add chain.
    const double r2 = r * r;
    const double r4 = r2 * r2;
    const double p01 = 1.0 + r;
    const double p23 = 0.5 + r * (1.0 / 6.0);
    const double p45 = 1.0 / 24.0 + r * (1.0 / 120.0);
    const double p67 = 1.0 / 720.0 + r * (1.0 / 5040.0);
    const double p89 = 1.0 / 40320.0 + r * (1.0 / 362880.0);
    const double p = (p01 + r2 * p23) + r4 * ((p45 + r2 * p67) + r4 * p89);
    const auto scale = std::bit_cast<double>(std::uint64_t(std::int64_t(k) + 1023) << 52);
    return p * scale;
}

} // namespace earlab::dsp
