#pragma once
// One second-order section in transposed direct form II with double-precision state: TDF-II
// needs only two state words per channel and, in double, its round-off noise stays far
// below the float signal even for low, high-Q bands (where float state would hiss).
// Coefficients come from designBiquad() (RBJ Audio EQ Cookbook), computed off the audio
// thread; everything here is real-time safe.

#include "audio/dsp/biquad_design.h"
#include "audio/dsp/parameter_ramp.h"

namespace earlab::dsp {

class Biquad {
public:
    static constexpr int kMaxChannels = 2;

    // Jumps to `c` at once (no ramp); the state is kept, so a jump while playing may click.
    void setCoefficients(const BiquadCoefficients& c) noexcept;

    // Moves every coefficient linearly, sample by sample, from the current ones to `target`;
    // the last sample of the ramp uses `target` exactly. A ramp started during a ramp starts
    // from the coefficients reached so far.
    // rampFrames, // frames the ramp lasts [0 to INT_MAX]; 0 = jump (setCoefficients)
    //
    // Why interpolating coefficients is safe: a biquad's poles are inside the unit circle
    // exactly when (a1, a2) lies inside the triangle |a2| < 1, |a1| < 1 + a2. A triangle is
    // convex, so every point on the straight segment between two stable (a1, a2) pairs is
    // stable too: no interpolated denominator can have a pole on or outside the unit
    // circle. (Frozen-time stability; the ramps here are slow enough that the time-varying
    // filter shows only a bounded transient, which the tests check.)
    void rampTo(const BiquadCoefficients& target, int rampFrames) noexcept;

    // Clears the filter state (not the coefficients), as after silence.
    void reset() noexcept;

    // True when processing would change nothing: identity coefficients, no ramp running, and
    // the state already flushed to zero (one identity sample after a ramp ends). The caller
    // may then skip process() and the output stays bit-identical to processing.
    bool isIdentity() const noexcept;

    bool isRamping() const noexcept { return ramp_.isRamping(); }

    // The coefficients in use now (mid-ramp: the interpolated ones).
    const BiquadCoefficients& coefficients() const noexcept { return ramp_.current(); }

    // Filters in place. Each channel has its own state; a ramp advances once per frame and
    // applies to all channels alike. Extra channels beyond kMaxChannels are left untouched.
    // channels,     // channelCount pointers to `frames` floats each
    // channelCount, // [1 to kMaxChannels]
    // frames,       // [0 to any]; the result does not depend on how a signal is split
    void process(float* const* channels, int channelCount, int frames) noexcept;

    // Runs `count` filters in series over the block frame by frame (every filter on a frame
    // before the next frame). Bit-identical to calling process() on each filter in turn, but
    // the CPU can overlap the filters' dependency chains instead of waiting on one at a time
    // (about 5x faster for five bands). None of the filters may be ramping.
    // count, // [0 to 16]
    static void processSeries(Biquad* const* filters, int count, float* const* channels, int channelCount,
                              int frames) noexcept;

private:
    ParameterRamp<BiquadCoefficients> ramp_;
    double s1_[kMaxChannels] = {};
    double s2_[kMaxChannels] = {};
};

} // namespace earlab::dsp
