#include "audio/dsp/gain_pan.h"

#include "audio/dsp/dsp_validation.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace earlab::dsp {

GainPanParams makeGainPanParams(double gainDb, double pan)
{
    requireInRange("gain/pan", "gainDb", gainDb, -60.0, 24.0, "dB");
    requireInRange("gain/pan", "pan", pan, -1.0, 1.0, "");
    const double g = std::pow(10.0, gainDb / 20.0);
    double l, r;
    // The end points and the centre are exact, so a centred (or hard) pan is bit-exact
    // rather than off by cos(pi/2) = 6e-17 or sqrt2 cos(pi/4) = 1 + 2e-16.
    if (pan == 0.0) {
        l = r = 1.0;
    } else if (pan == -1.0) {
        l = std::numbers::sqrt2;
        r = 0.0;
    } else if (pan == 1.0) {
        l = 0.0;
        r = std::numbers::sqrt2;
    } else {
        const double theta = (pan + 1.0) * std::numbers::pi / 4.0;
        l = std::numbers::sqrt2 * std::cos(theta);
        r = std::numbers::sqrt2 * std::sin(theta);
    }
    return {static_cast<float>(g * l), static_cast<float>(g * r)};
}

void GainPan::reset() noexcept
{
    ramp_.jumpTo(ramp_.target());
}

void GainPan::setParams(const GainPanParams& params, int rampFrames) noexcept
{
    ramp_.rampTo(params, rampFrames);
}

void GainPan::process(float* const* channels, int channelCount, int frames) noexcept
{
    channelCount = std::min(channelCount, 2);
    if (channelCount <= 0 || frames <= 0)
        return;
    float* left = channels[0];
    float* right = channelCount > 1 ? channels[1] : nullptr;

    int i = 0;
    for (; i < frames && ramp_.isRamping(); ++i) {
        ramp_.advance(interpolateGainPan);
        left[i] *= ramp_.current().left;
        if (right)
            right[i] *= ramp_.current().right;
    }

    const GainPanParams gain = ramp_.current();
    if (gain.left != 1.0f)
        for (int j = i; j < frames; ++j)
            left[j] *= gain.left;
    if (right && gain.right != 1.0f)
        for (int j = i; j < frames; ++j)
            right[j] *= gain.right;
}

} // namespace earlab::dsp
