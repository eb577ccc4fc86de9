#include "exercises/binomial_tail.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace earlab {

namespace {
// In long double: over thousands of terms the rounding of each log adds up (to ~3e-11 of
// relative error in the tail at n = 10,000 in double; x87's 64-bit mantissa cuts it ~2000×).
long double logChooseLong(int n, int m)
{
    long double sum = 0.0L;
    for (int i = 1; i <= m; ++i)
        sum += std::log((long double)(n - m + i) / (long double)i);
    return sum;
}
} // namespace

double logBinomialCoefficient(int n, int k)
{
    if (n < 0 || k < 0 || k > n)
        throw std::invalid_argument("binomial coefficient: C(" + std::to_string(n) + ", " + std::to_string(k)
                                    + ") is not defined");
    return double(logChooseLong(n, std::min(k, n - k)));
}

double binomialUpperTail(int k, int n, double p0)
{
    if (n < 0)
        throw std::invalid_argument("binomial test: " + std::to_string(n) + " trials");
    if (k > n)
        throw std::invalid_argument("binomial test: " + std::to_string(k) + " right answers of "
                                    + std::to_string(n) + " trials: more right answers than trials");
    if (!(p0 >= 0.0 && p0 <= 1.0))
        throw std::invalid_argument("binomial test: chance rate " + std::to_string(p0) + " is outside 0 .. 1");
    if (k <= 0 || p0 == 1.0)
        return 1.0;
    if (p0 == 0.0)
        return 0.0;

    // The largest term of the tail: at the mode floor((n + 1) p0), or at k when the mode lies
    // below it. Terms fall away monotonically on both sides of it.
    const int mode = std::clamp(int(std::floor((n + 1) * p0)), 0, n);
    const int peak = std::max(k, mode);
    const long double logPeak = logChooseLong(n, std::min(peak, n - peak)) + peak * std::log((long double)p0)
                                + (n - peak) * std::log1p(-(long double)p0);
    const double odds = p0 / (1.0 - p0);

    // Relative terms t_i / t_peak; stop once a term can no longer change the sum.
    double sum = 1.0;
    double term = 1.0;
    for (int i = peak; i < n; ++i) {
        term *= double(n - i) / double(i + 1) * odds;
        sum += term;
        if (term < sum * 1e-18)
            break;
    }
    term = 1.0;
    for (int i = peak; i > k; --i) {
        term *= double(i) / double(n - i + 1) / odds;
        sum += term;
        if (term < sum * 1e-18)
            break;
    }
    return std::min(1.0, double(std::exp(logPeak + std::log((long double)sum))));
}

} // namespace earlab
