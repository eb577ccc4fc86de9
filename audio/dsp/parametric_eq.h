#pragma once
// A chain of up to kMaxEqBands biquads: the EQ of a Treatment. Coefficients are designed
// off the audio thread by makeEqParams() and handed over as a plain value.

#include "audio/dsp/biquad.h"
#include "audio/treatment.h"

#include <array>
#include <type_traits>
#include <vector>

namespace earlab::dsp {

inline constexpr int kMaxEqBands = 16;

// Plain data so it can travel through the lock-free command queue by copy.
struct EqParams {
    int bandCount = 0;                                   // bands in use [0 to kMaxEqBands]
    std::array<BiquadCoefficients, kMaxEqBands> bands{}; // [0, bandCount) used, the rest identity
};
static_assert(std::is_trivially_copyable_v<EqParams>);

// Designs every band (see designBiquad for the ranges). Off the audio thread.
// bands,      // applied in order [0 to kMaxEqBands bands]
// sampleRate, // Hz, > 0
// Throws AudioError(InvalidArgument) for too many bands or an invalid band.
EqParams makeEqParams(const std::vector<EqBand>& bands, double sampleRate);

class ParametricEq {
public:
    // Clears state and sets every band to identity; send setParams() afterwards.
    // sampleRate, // Hz, > 0; only documents intent: coefficients carry the rate already
    // maxBlock,   // frames per process() call at most; nothing here depends on it
    void prepare(double sampleRate, int maxBlock);

    // Clears the filter state of every band (coefficients stay).
    void reset() noexcept;

    // Ramps every band to its new coefficients; bands at or beyond params.bandCount ramp
    // to identity and, once there, cost nothing.
    // rampFrames, // frames [0 to INT_MAX]; 0 = jump
    void setParams(const EqParams& params, int rampFrames) noexcept;

    // In place; skips identity bands (bit-identical to processing them).
    // channelCount, // [1 to Biquad::kMaxChannels]
    void process(float* const* channels, int channelCount, int frames) noexcept;

private:
    std::array<Biquad, kMaxEqBands> bands_{};
};

} // namespace earlab::dsp
