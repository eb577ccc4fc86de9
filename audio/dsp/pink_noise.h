#pragma once
// Deterministic pink noise (power falls 3 dB per octave) for level calibration and for
// exercises that need a neutral signal. White noise from an own xorshift64* generator (not
// std::rand: the same seed gives the same samples on every platform and thread) through
// Paul Kellet's "refined" pink filter (music-dsp mailing list, 1999): seven one-poles whose
// sum is within +-0.05 dB of -3 dB/octave above 9.2 Hz at 44.1 kHz; at 48 kHz the poles
// move up by 9 %, which shifts the lower corner, not the slope across the audio band.

#include "audio/audio_buffer.h"

#include <cstddef>
#include <cstdint>

namespace earlab::dsp {

class PinkNoise {
public:
    // seed, // any value; equal seeds give equal sequences
    explicit PinkNoise(std::uint64_t seed);

    // The next sample, unscaled: RMS about 0.19 (-14 dBFS) and peaks near 0.9 once settled
    // (the first ~4000 samples are quieter in the low end); scale it yourself.
    float next() noexcept;

private:
    double white() noexcept; // uniform in [-1, 1)

    std::uint64_t state_;
    double b0_ = 0, b1_ = 0, b2_ = 0, b3_ = 0, b4_ = 0, b5_ = 0, b6_ = 0;
};

// Pink noise scaled so every channel has exactly the requested RMS. The filter runs for
// 8192 samples before the first kept one, so the start has its full low end.
// seconds,      // duration, s (0 to 3600]
// sampleRate,   // Hz, > 0
// rmsDbfs,      // RMS level of each channel, dBFS [-120 to 0]
// seed,         // any value; equal arguments give equal buffers
// channelCount, // [1 to 32]
// correlated,   // true: all channels identical; false: each from its own seed
// Throws AudioError(InvalidArgument) naming the parameter and its range.
AudioBuffer makePinkNoise(double seconds, double sampleRate, double rmsDbfs, std::uint64_t seed,
                          std::size_t channelCount = 2, bool correlated = false);

} // namespace earlab::dsp
