#pragma once
// Everything a variant's Treatment becomes for the player: the chain's coefficients and the
// stems' gains, computed off the audio thread. Plain data: it is copied on the audio thread
// (a scheduled change is held by the player) and travels to it by pointer (PlayerCommand).

#include "audio/dsp/gain_pan.h"
#include "audio/dsp/treatment_chain.h"
#include "audio/engine/scene.h"
#include "audio/treatment.h"

#include <array>
#include <type_traits>

namespace earlab {

struct VariantParams {
    dsp::ChainParams chain;
    // Left and right gains of each stem of a multitrack source, by the constant-power law of
    // dsp::makeGainPanParams; stems the treatment does not name stay at unity (0 dB, centre).
    std::array<dsp::GainPanParams, kMaxStems> stems{};
};
static_assert(std::is_trivially_copyable_v<VariantParams>);

// sampleRate, // Hz, > 0
// Throws AudioError(InvalidArgument) naming the parameter (and the stem) and its range, or
// when t names more than kMaxStems stems.
VariantParams makeVariantParams(const Treatment& t, double sampleRate);

} // namespace earlab
