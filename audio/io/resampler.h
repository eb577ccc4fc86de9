#pragma once
// Sample-rate conversion with libsoxr (SOXR_HQ: 20-bit quality, linear phase, passband to
// ~91 % of Nyquist). Never a hand-written resampler.

#include "audio/audio_buffer.h"

#include <cstddef>
#include <memory>
#include <span>

namespace earlab {

// Returns `in` converted to `targetSampleRate` (Hz, > 0). Output length is
// round(frames * targetSampleRate / in.sampleRate) frames per channel; the resampler's
// delay is compensated, so sample 0 stays at time 0. Same rate: a plain copy.
// Throws AudioError InvalidArgument for a non-positive/non-finite rate and
// ResampleFailed with soxr's message if libsoxr refuses.
AudioBuffer resample(const AudioBuffer& in, double targetSampleRate);

// The same conversion fed block by block (the loader resamples while it decodes). Feeding a
// buffer in any block sizes and then finish() gives the samples resample() gives.
class StreamResampler {
public:
    // Throws like resample().
    StreamResampler(std::size_t channelCount, double inputRate, double outputRate);
    ~StreamResampler();
    StreamResampler(const StreamResampler&) = delete;
    StreamResampler& operator=(const StreamResampler&) = delete;

    // Appends the output `block` produces to `out` (whose channel count must match).
    void process(const AudioBuffer& block, AudioBuffer& out);
    // The same for `frames` frames of planar input, one pointer per channel.
    void process(std::span<const float* const> channels, std::size_t frames, AudioBuffer& out);
    // Drains the filter and ends the output at exactly round(inputFramesSoFar * ratio) frames:
    // `out` exactly that long when it has gathered the whole output, or, for a caller that
    // took earlier frames out of `out` between calls (the streaming writer), holding the rest.
    void finish(AudioBuffer& out);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace earlab
