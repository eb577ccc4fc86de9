#include "audio/dsp/biquad.h"

#include <algorithm>
#include <cmath>

namespace earlab::dsp {

namespace {

// Below this a state word is inaudible (-600 dB) and only risks turning into a subnormal
// in long silences, which is slow on x86. Flushing it here, per sample, keeps the result
// independent of the thread's FTZ/DAZ flags, so the offline render (a worker thread) and
// the device callback compute the same samples.
constexpr double kFlushBelow = 1e-30;

inline float tick(const BiquadCoefficients& c, double& s1, double& s2, float in) noexcept
{
    const double x = in;
    const double y = c.b0 * x + s1;
    s1 = c.b1 * x - c.a1 * y + s2;
    s2 = c.b2 * x - c.a2 * y;
    if (std::abs(s1) < kFlushBelow)
        s1 = 0.0;
    if (std::abs(s2) < kFlushBelow)
        s2 = 0.0;
    return static_cast<float>(y);
}

} // namespace

void Biquad::setCoefficients(const BiquadCoefficients& c) noexcept
{
    current_ = c;
    start_ = c;
    target_ = c;
    rampLength_ = 0;
    rampPosition_ = 0;
}

void Biquad::rampTo(const BiquadCoefficients& target, int rampFrames) noexcept
{
    if (rampFrames <= 0) {
        setCoefficients(target);
        return;
    }
    if (!isRamping() && current_ == target)
        return;
    start_ = current_;
    target_ = target;
    rampLength_ = rampFrames;
    rampPosition_ = 0;
    inverseRampLength_ = 1.0 / double(rampFrames);
}

void Biquad::reset() noexcept
{
    std::fill(std::begin(s1_), std::end(s1_), 0.0);
    std::fill(std::begin(s2_), std::end(s2_), 0.0);
}

bool Biquad::isIdentity() const noexcept
{
    if (isRamping() || !(current_ == BiquadCoefficients{}))
        return false;
    for (int ch = 0; ch < kMaxChannels; ++ch)
        if (s1_[ch] != 0.0 || s2_[ch] != 0.0)
            return false;
    return true;
}

void Biquad::advanceRamp() noexcept
{
    ++rampPosition_;
    if (rampPosition_ >= rampLength_) {
        current_ = target_;
        rampLength_ = 0;
        rampPosition_ = 0;
        return;
    }
    // From the ramp's start each time (not by adding a step), so rounding cannot accumulate.
    const double t = double(rampPosition_) * inverseRampLength_;
    current_.b0 = start_.b0 + (target_.b0 - start_.b0) * t;
    current_.b1 = start_.b1 + (target_.b1 - start_.b1) * t;
    current_.b2 = start_.b2 + (target_.b2 - start_.b2) * t;
    current_.a1 = start_.a1 + (target_.a1 - start_.a1) * t;
    current_.a2 = start_.a2 + (target_.a2 - start_.a2) * t;
}

void Biquad::process(float* const* channels, int channelCount, int frames) noexcept
{
    channelCount = std::min(channelCount, kMaxChannels);
    if (channelCount <= 0 || frames <= 0)
        return;

    int i = 0;
    for (; i < frames && isRamping(); ++i) {
        advanceRamp();
        for (int ch = 0; ch < channelCount; ++ch)
            channels[ch][i] = tick(current_, s1_[ch], s2_[ch], channels[ch][i]);
    }

    const BiquadCoefficients c = current_;
    for (int ch = 0; ch < channelCount; ++ch) {
        double s1 = s1_[ch];
        double s2 = s2_[ch];
        float* x = channels[ch];
        for (int j = i; j < frames; ++j)
            x[j] = tick(c, s1, s2, x[j]);
        s1_[ch] = s1;
        s2_[ch] = s2;
    }
}

} // namespace earlab::dsp
