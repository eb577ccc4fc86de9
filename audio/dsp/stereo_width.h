#pragma once
// Mid/side stereo width of a Treatment. With mid M = (L + R) / 2 and side S = (L - R) / 2,
// the output is L' = M + w S, R' = M - w S, w = widthPercent / 100 (Blumlein's sum and
// difference; e.g. Bob Katz, "Mastering Audio", 3rd ed., ch. 11, "M/S"). The mid is never
// touched, so w = 0 is an exact fold to mono (L' == R'), w = 1 leaves the signal bit-exact
// and w = 2 doubles the side. Changes while playing glide per sample (no zipper noise).

#include "audio/dsp/parameter_ramp.h"

namespace earlab::dsp {

// Plain data for the command queue.
struct WidthParams {
    float side = 1.0f; // linear gain of the side signal [0 to 2]; 1 = unchanged
};

// widthPercent, // % [0 (mono) to 200]; 100 = unchanged
// Throws AudioError(InvalidArgument) naming the parameter and its range.
WidthParams makeWidthParams(double widthPercent);

class StereoWidth {
public:
    // Nothing depends on the rate or the block size; present so the block is used like every
    // other one. Starts at width 100 %.
    // sampleRate, // Hz, > 0
    // maxBlock,   // frames per process() call at most
    void prepare(double sampleRate, int maxBlock) noexcept;

    // Ends any ramp at its target (there is no other state).
    void reset() noexcept;

    // Moves the side gain linearly, per sample, to `params`; the last ramp sample uses the
    // target exactly.
    // rampFrames, // frames [0 to INT_MAX]; 0 = jump
    void setParams(const WidthParams& params, int rampFrames) noexcept;

    // In place, channels 0 and 1. With fewer than two channels there is no side: nothing
    // changes. At width 100 % (not ramping) the samples are untouched (bit-identical).
    void process(float* const* channels, int channelCount, int frames) noexcept;

private:
    ParameterRamp<WidthParams> ramp_;
};

} // namespace earlab::dsp
