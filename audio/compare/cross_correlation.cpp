#include "audio/compare/cross_correlation.h"

#include "audio/audio_error.h"
#include "audio/compare/fft_plans.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>
#include <vector>

namespace earlab {

namespace {

// r(x) and its first two derivatives at a fractional lag x, from the cross spectrum X of an
// n-point transform (bins 0..n/2): r(x) = 1/n sum_k w_k Re(X_k e^{i w_k x}).
struct Derivatives {
    double value = 0, first = 0, second = 0;
};

Derivatives evaluate(const FftBuffer<std::complex<double>>& X, std::size_t n, double x)
{
    const std::size_t bins = n / 2 + 1;
    const double dw = 2.0 * std::numbers::pi / double(n);
    Derivatives d;
    std::complex<double> rotation;
    const std::complex<double> step = std::polar(1.0, dw * x);
    for (std::size_t k = 0; k < bins; ++k) {
        // The rotation is advanced by multiplication and re-anchored every 256 bins, so its
        // rounding error stays near 1e-14 over a million bins.
        if (k % 256 == 0)
            rotation = std::polar(1.0, dw * double(k) * x);
        const double weight = (k == 0 || k == n / 2) ? 1.0 : 2.0;
        const std::complex<double> v = X[k] * rotation;
        const double w = dw * double(k);
        d.value += weight * v.real();
        d.first += weight * -w * v.imag();
        d.second += weight * -w * w * v.real();
        rotation *= step;
    }
    d.value /= double(n);
    d.first /= double(n);
    d.second /= double(n);
    return d;
}

} // namespace

CorrelationPeak findCorrelationPeak(std::span<const double> window, std::span<const double> segment)
{
    if (window.empty() || segment.size() < window.size())
        throw AudioError(AudioErrorKind::InvalidArgument, "cross-correlation", "the segment is shorter than the window");
    const std::size_t w = window.size();
    const std::size_t positions = segment.size() - w + 1;
    const std::size_t n = goodFftSize(segment.size() + w);
    const RealFft fft(n);

    FftBuffer<double> a(n), b(n);
    std::copy(window.begin(), window.end(), a.data());
    std::copy(segment.begin(), segment.end(), b.data());
    FftBuffer<std::complex<double>> A(fft.bins()), B(fft.bins());
    fft.forward(a, A);
    fft.forward(b, B);
    // conj(A) B: r[m] = sum_n window[n] segment[n + m]; n >= segment + window keeps the
    // searched positions free of circular wrap.
    FftBuffer<std::complex<double>> X(fft.bins());
    for (std::size_t k = 0; k < fft.bins(); ++k)
        X[k] = std::conj(A[k]) * B[k];
    FftBuffer<double> r(n);
    fft.inverse(X, r); // X is spent
    double windowEnergy = 0;
    for (double v : window)
        windowEnergy += v * v;
    // Energy of segment[m, m + w) for every m, from running sums (long double: the sums of a
    // few million squares must not lose the small differences).
    std::vector<long double> prefix(segment.size() + 1, 0.0L);
    for (std::size_t i = 0; i < segment.size(); ++i)
        prefix[i + 1] = prefix[i] + (long double)segment[i] * segment[i];

    CorrelationPeak best;
    std::size_t bestM = 0;
    double bestScore = -1;
    for (std::size_t m = 0; m < positions; ++m) {
        const double e = double(prefix[m + w] - prefix[m]);
        if (e <= 0 || windowEnergy <= 0)
            continue;
        const double rho = r[m] / double(n) / std::sqrt(windowEnergy * e);
        if (std::abs(rho) > bestScore) {
            bestScore = std::abs(rho);
            best.correlation = rho;
            bestM = m;
        }
    }
    if (bestScore < 0) { // no position had energy, or the window has none
        best.noEnergy = true;
        return best;
    }
    best.atEdge = positions > 1 && (bestM == 0 || bestM == positions - 1);
    best.position = double(bestM);
    if (bestScore <= 0 || best.atEdge || positions < 3)
        return best;

    // Start from the parabola through the three samples around the peak, then Newton on the
    // exact interpolation of the correlation with the window Hann-tapered: a rectangular
    // window's hard edges bias r'(x) at the true peak by half the difference of the squared
    // samples at its two ends (up to ~1e-3 sample on music); the taper turns that into the
    // difference of the energies of its two halves, a fraction of it.
    const double ym = r[bestM - 1], y0 = r[bestM], yp = r[bestM + 1];
    const double curvature = ym - 2 * y0 + yp;
    double x = double(bestM);
    if (curvature != 0)
        x += std::clamp(0.5 * (ym - yp) / curvature, -0.5, 0.5);
    for (std::size_t i = 0; i < w; ++i)
        a[i] = window[i] * (0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * (double(i) + 0.5) / double(w)));
    fft.forward(a, A);
    for (std::size_t k = 0; k < fft.bins(); ++k)
        X[k] = std::conj(A[k]) * B[k];
    for (int iteration = 0; iteration < 8; ++iteration) {
        const Derivatives d = evaluate(X, n, x);
        if (d.second == 0)
            break;
        const double stepSize = d.first / d.second;
        x = std::clamp(x - stepSize, double(bestM) - 1.0, double(bestM) + 1.0);
        if (std::abs(stepSize) < 1e-9)
            break;
    }
    best.position = x;
    return best;
}

} // namespace earlab
