#pragma once
// Small helpers the three styles share: notes written as (beat, length, pitch, velocity),
// human timing, and cutting a voice short (a choked hat, a damped string).

#include "assets/generator/rng.h"
#include "assets/generator/stereo.h"

#include <algorithm>

namespace earlab::gen {

struct Note {
    double beat;   // position in beats from the loop start
    double length; // beats
    int midi;      // MIDI note number (60 = C4)
    double vel;    // [0 to 1]
};

// A player's timing error, s: roughly normal with deviation `sd`, never beyond 2.5 sd.
inline double humanise(Rng& rng, double sd) { return std::clamp(rng.normal() * sd, -2.5 * sd, 2.5 * sd); }

// Velocity with a player's variation, kept in [0.05, 1].
inline double vary(Rng& rng, double vel, double spread) { return std::clamp(vel + rng.bipolar() * spread, 0.05, 1.0); }

// Fades a voice out over `fade` seconds from `seconds` on, and drops what follows.
inline void choke(Mono& voice, double seconds, double fade = 0.012)
{
    const std::size_t s = toFrame(seconds), f = std::max<std::size_t>(1, toFrame(fade));
    if (s >= voice.size())
        return;
    voice.resize(std::min(voice.size(), s + f));
    for (std::size_t i = s; i < voice.size(); ++i)
        voice[i] *= float(1.0 - double(i - s) / double(f));
}

} // namespace earlab::gen
