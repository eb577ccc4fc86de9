#pragma once
// Level and balance of a Treatment: two linear gains, ramped per sample so changes while
// playing do not click.

#include "audio/dsp/parameter_ramp.h"

namespace earlab::dsp {

// Plain data for the command queue.
struct GainPanParams {
    float left = 1.0f;  // linear gain of the left channel [0 to 22.4] (+24 dB +3.01 dB)
    float right = 1.0f; // linear gain of the right channel [0 to 22.4]
};

// Constant-power balance: theta = (pan + 1) pi / 4, left = sqrt2 cos theta,
// right = sqrt2 sin theta, both times the gain. left^2 + right^2 = 2 gain^2 at every pan
// position; at the centre each channel is at unity (a centred pan changes nothing), which
// is 3.01 dB below the gain a hard-panned channel gets ("-3 dB at centre").
// gainDb, // dB [-60 to +24]
// pan,    // balance [-1 (left) to +1 (right)]
// Throws AudioError(InvalidArgument) naming the parameter and its range.
GainPanParams makeGainPanParams(double gainDb, double pan);

// The gains a ramp from `from` to `to` has reached at t (0 to 1): in double, rounded once to
// float, so the gains step as finely as a float can hold. Shared with the stem mixer.
[[nodiscard]] inline GainPanParams interpolateGainPan(const GainPanParams& from, const GainPanParams& to,
                                                      double t) noexcept
{
    return GainPanParams{static_cast<float>(lerp(from.left, to.left, t)), static_cast<float>(lerp(from.right, to.right, t))};
}

class GainPan {
public:
    // Ends any ramp at its target (there is no other state).
    void reset() noexcept;

    // Moves both gains linearly, per sample, to `params`; the last ramp sample uses the
    // target exactly.
    // rampFrames, // frames [0 to INT_MAX]; 0 = jump
    void setParams(const GainPanParams& params, int rampFrames) noexcept;

    // In place. With one channel the `left` gain applies; channels beyond 2 are untouched.
    // Unity gains are skipped (bit-identical).
    void process(float* const* channels, int channelCount, int frames) noexcept;

private:
    ParameterRamp<GainPanParams> ramp_;
};

} // namespace earlab::dsp
