#pragma once
// Mixes the stems of a multitrack source into one stereo pair, each stem through its own
// gain and constant-power pan (VariantParams::stems), on the positions the playhead gives.
// Gains glide per sample to a new setting, so a stem raised or lowered while playing does
// not click. Both the player and the offline renders of treatment_render.h mix through it.
//
//   out[c][i] = cursorGain[i] · sum over stems s, in order, of gain_s,c(i) · stem_s[c][p(i)]
//
// With every gain at unity that is exactly the float sum of the stems, in stem order.

#include "audio/dsp/gain_pan.h"
#include "audio/dsp/parameter_ramp.h"
#include "audio/engine/scene.h"

#include <array>
#include <cstdint>

namespace earlab {

class StemMixer {
public:
    using StemGains = std::array<dsp::GainPanParams, kMaxStems>;

    // Every stem at its target at once.
    void reset() noexcept;

    // rampFrames, // frames over which each stem's gains move [0 to INT_MAX]; 0 = jump
    void setParams(const StemGains& gains, int rampFrames) noexcept;

    // Overwrites left[0, frames) and right[0, frames). positions[i]: the source frame output
    // frame i reads, outside [0, source.frames()) silence; cursorGains[i]: the playhead's
    // own gain (jump fades). Stems beyond kMaxStems are not played (the player refuses them).
    void mix(const Multitrack& source, const std::int64_t* positions, const float* cursorGains, int frames,
             float* left, float* right) noexcept;

private:
    std::array<dsp::ParameterRamp<dsp::GainPanParams>, kMaxStems> ramps_{};
};

} // namespace earlab
