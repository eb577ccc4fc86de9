#include "audio/engine/callback_cpu_histogram.h"

#include <cmath>
#include <limits>

namespace earlab {

double CallbackCpuHistogram::upperEdgeMicros(int bucket) noexcept
{
    if (bucket >= kBuckets - 1)
        return std::numeric_limits<double>::infinity();
    return std::ldexp(1.0, bucket); // bucket 0: 1 us; bucket i: 2^i us
}

std::uint64_t CallbackCpuHistogram::total() const noexcept
{
    std::uint64_t sum = 0;
    for (const std::uint64_t c : counts)
        sum += c;
    return sum;
}

double CallbackCpuHistogram::quantileBoundMicros(double q) const noexcept
{
    const std::uint64_t n = total();
    if (n == 0)
        return 0.0;
    // The smallest count of callbacks that is at least the fraction q of them.
    const auto needed = std::uint64_t(std::ceil(q * double(n)));
    std::uint64_t below = 0;
    for (int i = 0; i < kBuckets; ++i) {
        below += counts[std::size_t(i)];
        if (below >= needed)
            return upperEdgeMicros(i);
    }
    return upperEdgeMicros(kBuckets - 1);
}

} // namespace earlab
