#include "exercises/proportion_interval.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace earlab {

ProportionInterval wilsonInterval(int successes, int trials, double z)
{
    if (trials < 0 || successes < 0 || successes > trials)
        throw std::invalid_argument("Wilson interval: " + std::to_string(successes) + " successes of "
                                    + std::to_string(trials) + " trials is not a proportion");
    if (trials == 0)
        return {};
    const double n = trials;
    const double p = double(successes) / n;
    const double centre = p + z * z / (2.0 * n);
    const double spread = z * std::sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n));
    const double scale = 1.0 + z * z / n;
    // At 0 of n and n of n the formula gives 0 and 1 up to rounding: make them exact, so that
    // "all right" maps to an unbounded d′ rather than a huge finite one.
    const double low = successes == 0 ? 0.0 : std::max(0.0, (centre - spread) / scale);
    const double high = successes == trials ? 1.0 : std::min(1.0, (centre + spread) / scale);
    return {low, high};
}

} // namespace earlab
