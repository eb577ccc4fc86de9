#include "audio/dsp/limiter.h"

#include <algorithm>
#include <cmath>

namespace earlab::dsp {

void Limiter::prepare(double sampleRate, int /*maxBlock*/)
{
    const double fs = sampleRate > 0.0 ? sampleRate : 48000.0;
    window_ = int(std::lround(0.001 * fs)) + 1;
    releaseCoeff_ = std::exp(-1.0 / (kReleaseMs * 0.001 * fs));
    delayLeft_.assign(std::size_t(window_), 0.0f);
    delayRight_.assign(std::size_t(window_), 0.0f);
    boxHistory_.assign(std::size_t(window_), 1.0);
    dequeValue_.assign(std::size_t(window_), 1.0);
    dequeFrame_.assign(std::size_t(window_), 0);
    updateClamp();
    reset();
}

void Limiter::reset() noexcept
{
    std::fill(delayLeft_.begin(), delayLeft_.end(), 0.0f);
    std::fill(delayRight_.begin(), delayRight_.end(), 0.0f);
    std::fill(boxHistory_.begin(), boxHistory_.end(), 1.0);
    boxSum_ = double(window_);
    position_ = 0;
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

    const int L = window_;
    for (int i = 0; i < frames; ++i) {
        const float xl = left[i];
        const float xr = right ? right[i] : xl;
        const double peak = std::max(std::abs(double(xl)), std::abs(double(xr)));
        const double needed = peak > ceiling_ ? ceiling_ / peak : 1.0; // NaN peak -> 1

        // Sliding minimum of `needed` over the last L frames.
        while (dequeSize_ > 0 && dequeFrame_[std::size_t(dequeHead_)] <= frame_ - L) {
            dequeHead_ = dequeHead_ + 1 == L ? 0 : dequeHead_ + 1;
            --dequeSize_;
        }
        while (dequeSize_ > 0) {
            const int back = (dequeHead_ + dequeSize_ - 1) % L;
            if (dequeValue_[std::size_t(back)] < needed)
                break;
            --dequeSize_;
        }
        const int slot = (dequeHead_ + dequeSize_) % L;
        dequeValue_[std::size_t(slot)] = needed;
        dequeFrame_[std::size_t(slot)] = frame_;
        ++dequeSize_;
        const double windowMin = dequeValue_[std::size_t(dequeHead_)];

        // Down at once, up by a one-pole; either way never above the window minimum.
        released_ = windowMin < released_ ? windowMin
                                           : windowMin + releaseCoeff_ * (released_ - windowMin);

        const std::size_t p = std::size_t(position_);
        boxSum_ += released_ - boxHistory_[p];
        boxHistory_[p] = released_;
        delayLeft_[p] = xl;
        if (right)
            delayRight_[p] = xr;

        position_ = position_ + 1 == L ? 0 : position_ + 1;
        const std::size_t oldest = std::size_t(position_); // written L-1 frames ago
        // Division, not a multiply by 1/L: L * (1/L) is not always 1 in binary, L / L is, so
        // an unlimited signal passes bit for bit.
        const double gain = boxSum_ / double(L);
        left[i] = clampSample(double(delayLeft_[oldest]) * gain);
        if (right)
            right[i] = clampSample(double(delayRight_[oldest]) * gain);

        // The running sum drifts by rounding; recompute it exactly once per L frames. Tied to
        // the frame count, never to block boundaries, so output stays block-size independent.
        if (position_ == 0) {
            double sum = 0.0;
            for (double v : boxHistory_)
                sum += v;
            boxSum_ = sum;
        }
        ++frame_;
    }
}

} // namespace earlab::dsp
