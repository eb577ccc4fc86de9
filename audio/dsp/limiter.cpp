#include "audio/dsp/limiter.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace earlab::dsp {

namespace {

constexpr int S = Limiter::kTruePeakTaps;
constexpr int P = Limiter::kTruePeakPhases;

// Interpolator coefficient j in [0, 4S] of the 4x windowed-sinc low-pass (cut-off at the
// input's Nyquist frequency, Hann window over 4S + 1 = 49 taps): the design libebur128 uses
// for its true-peak meter, so the limiter holds the ceiling on the meter EarLab reports.
double interpolatorTap(int j)
{
    const double m = double(j - S * P / 2); // centred on tap 24
    const double x = m * std::numbers::pi / double(P);
    const double sinc = std::abs(m) > 1e-6 ? std::sin(x) / x : 1.0;
    const double hann = 0.5 * (1.0 - std::cos(2.0 * std::numbers::pi * double(j) / double(S * P)));
    const double c = sinc * hann;
    return std::abs(c) > 1e-6 ? c : 0.0; // the zeros of the sinc, exactly
}

// The interpolated values count this much louder (Limiter::kTruePeakMarginDb).
const double kMargin = std::pow(10.0, Limiter::kTruePeakMarginDb / 20.0);

} // namespace

void Limiter::prepare(double sampleRate, int /*maxBlock*/)
{
    const double fs = sampleRate > 0.0 ? sampleRate : 48000.0;
    box_ = int(std::lround(0.001 * fs)) + 1;
    window_ = box_ + S - 1;
    // Tap-major ([k][p]) so that one tap updates all four phases at once (vectorisable):
    // phase p at frame n is sum_k c(4k + p) x[n-k]. Phase 0 is the identity (x[n-S/2]).
    for (int k = 0; k < S; ++k)
        for (int p = 0; p < P; ++p)
            interpolator_[std::size_t(k * P + p)] = float(interpolatorTap(k * P + p));
    releaseCoeff_ = std::exp(-1.0 / (kReleaseMs * 0.001 * fs));
    delayLeft_.assign(std::size_t(window_), 0.0f);
    delayRight_.assign(std::size_t(window_), 0.0f);
    boxHistory_.assign(std::size_t(box_), 1.0);
    dequeValue_.assign(std::size_t(window_), 1.0);
    dequeFrame_.assign(std::size_t(window_), 0);
    updateClamp();
    reset();
}

void Limiter::reset() noexcept
{
    std::fill(std::begin(historyLeft_), std::end(historyLeft_), 0.0f);
    std::fill(std::begin(historyRight_), std::end(historyRight_), 0.0f);
    historyPos_ = 0;
    std::fill(delayLeft_.begin(), delayLeft_.end(), 0.0f);
    std::fill(delayRight_.begin(), delayRight_.end(), 0.0f);
    delayPos_ = 0;
    std::fill(boxHistory_.begin(), boxHistory_.end(), 1.0);
    boxSum_ = double(box_);
    boxPos_ = 0;
    released_ = 1.0;
    dequeHead_ = 0;
    dequeSize_ = 0;
    frame_ = 0;
}

void Limiter::setCeilingDb(double dBFS) noexcept
{
    ceilingDb_ = std::isnan(dBFS) ? kDefaultCeilingDb : std::clamp(dBFS, -20.0, 0.0);
    updateClamp();
}

void Limiter::updateClamp() noexcept
{
    ceiling_ = std::pow(10.0, ceilingDb_ / 20.0);
    clampValue_ = static_cast<float>(ceiling_);
    // Rounding to float may round up past the ceiling; step one float down if it did.
    if (double(clampValue_) > ceiling_)
        clampValue_ = std::nextafter(clampValue_, 0.0f);
}

double Limiter::truePeak(float* history, float x) const noexcept
{
    history[historyPos_] = x;
    history[historyPos_ + S] = x;
    const float* h = history + historyPos_;
    float y[P] = {0.0f, 0.0f, 0.0f, 0.0f};
    for (int k = 0; k < S; ++k)
        for (int p = 0; p < P; ++p)
            y[p] += interpolator_[std::size_t(k * P + p)] * h[k];
    // `v > peak` is false for NaN: a NaN never hides the other values.
    double peak = 0.0;
    const double ax = std::abs(double(x));
    if (ax > peak)
        peak = ax;
    for (int p = 0; p < P; ++p) {
        const double v = std::abs(double(y[p])) * kMargin;
        if (v > peak)
            peak = v;
    }
    return peak;
}

void Limiter::process(float* left, float* right, int frames) noexcept
{
    if (frames <= 0 || !left)
        return;
    if (ceiling_ == 0.0)
        updateClamp(); // never set and never prepared: default ceiling

    const float c = clampValue_;
    auto clampSample = [c](double y) noexcept -> float {
        const float f = static_cast<float>(y);
        if (f <= c && f >= -c)
            return f;
        if (f > c)
            return c;
        if (f < -c)
            return -c;
        return 0.0f; // NaN
    };

    if (window_ <= 0) {
        for (int i = 0; i < frames; ++i) {
            left[i] = clampSample(left[i]);
            if (right)
                right[i] = clampSample(right[i]);
        }
        return;
    }

    const int W = window_;
    const int B = box_;
    for (int i = 0; i < frames; ++i) {
        const float xl = left[i];
        const float xr = right ? right[i] : xl;
        historyPos_ = historyPos_ == 0 ? S - 1 : historyPos_ - 1;
        double peak = truePeak(historyLeft_, xl);
        if (right)
            peak = std::max(peak, truePeak(historyRight_, xr));
        const double needed = peak > ceiling_ ? ceiling_ / peak : 1.0;

        // Sliding minimum of `needed` over the last W frames.
        while (dequeSize_ > 0 && dequeFrame_[std::size_t(dequeHead_)] <= frame_ - W) {
            dequeHead_ = dequeHead_ + 1 == W ? 0 : dequeHead_ + 1;
            --dequeSize_;
        }
        while (dequeSize_ > 0) {
            const int back = (dequeHead_ + dequeSize_ - 1) % W;
            if (dequeValue_[std::size_t(back)] < needed)
                break;
            --dequeSize_;
        }
        const int slot = (dequeHead_ + dequeSize_) % W;
        dequeValue_[std::size_t(slot)] = needed;
        dequeFrame_[std::size_t(slot)] = frame_;
        ++dequeSize_;
        const double windowMin = dequeValue_[std::size_t(dequeHead_)];

        // Down at once, up by a one-pole; either way never above the window minimum.
        released_ = windowMin < released_ ? windowMin
                                           : windowMin + releaseCoeff_ * (released_ - windowMin);

        const std::size_t b = std::size_t(boxPos_);
        boxSum_ += released_ - boxHistory_[b];
        boxHistory_[b] = released_;
        boxPos_ = boxPos_ + 1 == B ? 0 : boxPos_ + 1;

        const std::size_t d = std::size_t(delayPos_);
        delayLeft_[d] = xl;
        if (right)
            delayRight_[d] = xr;
        delayPos_ = delayPos_ + 1 == W ? 0 : delayPos_ + 1;
        const std::size_t oldest = std::size_t(delayPos_); // written W-1 frames ago
        // Division, not a multiply by 1/B: B * (1/B) is not always 1 in binary, B / B is, so
        // an unlimited signal passes bit for bit.
        const double gain = boxSum_ / double(B);
        left[i] = clampSample(double(delayLeft_[oldest]) * gain);
        if (right)
            right[i] = clampSample(double(delayRight_[oldest]) * gain);

        // The running sum drifts by rounding; recompute it exactly once per B frames. Tied to
        // the frame count, never to block boundaries, so output stays block-size independent.
        if (boxPos_ == 0) {
            double sum = 0.0;
            for (double v : boxHistory_)
                sum += v;
            boxSum_ = sum;
        }
        ++frame_;
    }
}

} // namespace earlab::dsp
