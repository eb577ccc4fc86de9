#include "audio/compare/fractional_delay.h"

#include "audio/audio_error.h"
#include "audio/compare/fft_plans.h"

#include <cmath>
#include <complex>
#include <cstdint>
#include <numbers>

namespace earlab {

namespace {

constexpr double kKaiserBeta = 12.0;
constexpr std::size_t kBlock = 65536;

double besselI0(double x)
{
    // Power series; converges quickly for the arguments a Kaiser window needs (<= 12).
    double sum = 1, term = 1;
    for (int k = 1; k < 64; ++k) {
        term *= (x / (2.0 * k)) * (x / (2.0 * k));
        sum += term;
        if (term < 1e-17 * sum)
            break;
    }
    return sum;
}

// g[k] for k in [-M + 1, M]: x(j + f) = sum_k x[j + k] g[k], g[k] = sinc(k - f) kaiser(k - f).
std::vector<double> kernel(double f)
{
    constexpr int M = kFractionalDelayHalfTaps;
    std::vector<double> g(2 * M);
    double sum = 0;
    for (int k = -M + 1; k <= M; ++k) {
        const double u = double(k) - f;
        const double s = u == 0 ? 1.0 : std::sin(std::numbers::pi * u) / (std::numbers::pi * u);
        const double r = u / double(M);
        const double win = std::abs(r) >= 1 ? 0.0 : besselI0(kKaiserBeta * std::sqrt(1 - r * r)) / besselI0(kKaiserBeta);
        g[std::size_t(k + M - 1)] = s * win;
        sum += s * win;
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
    std::vector<float> out(frames, 0.0f);
    auto at = [&](std::int64_t i) { return i >= 0 && i < length ? double(x[std::size_t(i)]) : 0.0; };
    if (f == 0.0) {
        for (std::size_t t = 0; t < frames; ++t)
            out[t] = float(at(std::int64_t(t) + n0));
        return out;
    }

    // out[t] = sum_k x[t + n0 + k] g[k] = (x conv h)[t + n0 + M] with h[i] = g[M - i].
    constexpr int M = kFractionalDelayHalfTaps;
    const std::vector<double> g = kernel(f);
    const std::size_t taps = g.size();
    const RealFft fft(kBlock);
    FftBuffer<double> time(kBlock);
    FftBuffer<std::complex<double>> H(fft.bins()), spectrum(fft.bins());
    for (std::size_t i = 0; i < taps; ++i)
        time[i] = g[taps - 1 - i] / double(kBlock); // h[i] = g[M - i]: g reversed
    fft.forward(time, H);

    const std::size_t valid = kBlock - taps + 1; // outputs per block
    for (std::size_t t0 = 0; t0 < frames; t0 += valid) {
        // conv index p = t + n0 + M needs inputs p - taps + 1 .. p
        const std::int64_t p0 = std::int64_t(t0) + n0 + M;
        const std::int64_t inStart = p0 - std::int64_t(taps) + 1;
        bool any = false;
        for (std::size_t i = 0; i < kBlock; ++i) {
            time[i] = at(inStart + std::int64_t(i));
            any = any || time[i] != 0.0;
        }
        if (!any)
            continue; // outside the signal: stays silent, and saves two transforms
        fft.forward(time, spectrum);
        for (std::size_t k = 0; k < fft.bins(); ++k)
            spectrum[k] *= H[k];
        fft.inverse(spectrum, time);
        const std::size_t count = std::min(valid, frames - t0);
        for (std::size_t q = 0; q < count; ++q)
            out[t0 + q] = float(time[q + taps - 1]);
    }
    return out;
}

} // namespace earlab
