#include "audio/compare/fir_filter.h"

#include "audio/compare/fft_plans.h"

#include <cmath>
#include <complex>
#include <stdexcept>

namespace earlab {

namespace {

constexpr std::size_t kBlock = 65536;
constexpr std::size_t kMaxTaps = kBlock / 2;

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

} // namespace

double kaiserWindow(double r, double beta)
{
    if (std::abs(r) >= 1)
        return 0.0;
    return besselI0(beta * std::sqrt(1 - r * r)) / besselI0(beta);
}

std::vector<float> firFilter(std::span<const float> x, std::span<const double> g, std::int64_t firstTap,
                             std::size_t frames)
{
    if (g.empty() || g.size() > kMaxTaps)
        throw std::invalid_argument("an FIR filter has 1 to 32768 taps, not " + std::to_string(g.size()));
    const auto length = std::int64_t(x.size());
    auto at = [&](std::int64_t i) { return i >= 0 && i < length ? double(x[std::size_t(i)]) : 0.0; };
    std::vector<float> out(frames, 0.0f);

    // out[t] = sum_j x[t + firstTap + j] g[j] = (x conv h)[t + firstTap + taps - 1] with
    // h[i] = g[taps - 1 - i].
    const std::size_t taps = g.size();
    const RealFft fft(kBlock);
    FftBuffer<double> time(kBlock);
    FftBuffer<std::complex<double>> H(fft.bins()), spectrum(fft.bins());
    for (std::size_t i = 0; i < taps; ++i)
        time[i] = g[taps - 1 - i] / double(kBlock); // g reversed; the inverse transform is unscaled
    fft.forward(time, H);

    const std::size_t valid = kBlock - taps + 1; // outputs per block
    for (std::size_t t0 = 0; t0 < frames; t0 += valid) {
        // conv index p = t + firstTap + taps - 1 needs inputs p - taps + 1 .. p
        const std::int64_t inStart = std::int64_t(t0) + firstTap;
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
