#pragma once
// How the callback's CPU time is spread, in power-of-two buckets of microseconds: bucket 0
// holds callbacks under 1 us, bucket i (1 <= i < kBuckets - 1) those from 2^(i-1) up to
// 2^i us, the last everything from 2^(kBuckets-2) us (131 ms) on. The worst callback alone
// says little on a shared machine (one page fault served or one interrupt counted against
// the thread lifts it); a quantile says what the engine's own work costs.

#include <array>
#include <bit>
#include <cstdint>

namespace earlab {

struct CallbackCpuHistogram {
    static constexpr int kBuckets = 19;
    std::array<std::uint64_t, kBuckets> counts{};

    static constexpr int bucketOf(std::int64_t nanoseconds) noexcept
    {
        if (nanoseconds < 1000)
            return 0;
        const int width = std::bit_width(std::uint64_t(nanoseconds / 1000));
        return width < kBuckets - 1 ? width : kBuckets - 1;
    }
    // The upper edge of bucket i in us (the last bucket has none: +infinity).
    static double upperEdgeMicros(int bucket) noexcept;

    std::uint64_t total() const noexcept;
    // A bound B such that at least the fraction `q` (0..1] of the callbacks used less than B
    // microseconds: the upper edge of the bucket where the q-quantile falls. 0 with no callbacks.
    double quantileBoundMicros(double q) const noexcept;
};

} // namespace earlab
