#include "audio/compare/fractional_delay.h"

#include "audio/audio_error.h"
#include "audio/compare/fir_filter.h"

#include <cmath>
#include <cstdint>
#include <numbers>

namespace earlab {

namespace {

constexpr double kKaiserBeta = 12.0;

// g[k] for k in [-M + 1, M]: x(j + f) = sum_k x[j + k] g[k], g[k] = sinc(k - f) kaiser(k - f).
std::vector<double> kernel(double f)
{
    constexpr int M = kFractionalDelayHalfTaps;
    std::vector<double> g(2 * M);
    double sum = 0;
    for (int k = -M + 1; k <= M; ++k) {
        const double u = double(k) - f;
        const double s = u == 0 ? 1.0 : std::sin(std::numbers::pi * u) / (std::numbers::pi * u);
        const double v = s * kaiserWindow(u / double(M), kKaiserBeta);
        g[std::size_t(k + M - 1)] = v;
        sum += v;
    }
    for (double& v : g)
        v /= sum; // unit gain at DC: the windowing leaves it off by ~1e-6
    return g;
}

} // namespace

std::vector<float> readAtOffset(std::span<const float> x, double advance, std::size_t frames)
{
    if (!std::isfinite(advance))
        throw AudioError(AudioErrorKind::InvalidArgument, "fractional delay", "the offset is not a finite number");
    const auto length = std::int64_t(x.size());
    const double whole = std::floor(advance);
    const auto n0 = std::int64_t(whole);
    const double f = advance - whole;
    if (f == 0.0) {
        std::vector<float> out(frames, 0.0f);
        for (std::size_t t = 0; t < frames; ++t) {
            const std::int64_t i = std::int64_t(t) + n0;
            if (i >= 0 && i < length)
                out[t] = x[std::size_t(i)];
        }
        return out;
    }
    // out[t] = sum_k x[t + n0 + k] g[k], k from -M + 1.
    return firFilter(x, kernel(f), n0 - kFractionalDelayHalfTaps + 1, frames);
}

} // namespace earlab
