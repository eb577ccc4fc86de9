#pragma once
// ADSR as a closed-form function of time, so a voice's envelope needs no state and cannot
// drift: linear attack, exponential decay to the sustain level, exponential release from
// wherever the level was at note-off.

#include <cmath>

namespace earlab::gen {

struct Adsr {
    double attack = 0.005; // s, linear rise to 1 [> 0]
    double decay = 0.2;    // s, time constant of the fall to sustain [> 0]
    double sustain = 0.7;  // level [0 to 1]
    double release = 0.1;  // s, time constant after note-off [> 0]

    double held(double t) const
    {
        if (t < attack)
            return t / attack;
        return sustain + (1.0 - sustain) * std::exp(-(t - attack) / decay);
    }
    // t: seconds since note-on; gate: seconds the note is held.
    double operator()(double t, double gate) const
    {
        if (t < gate)
            return held(t);
        return held(gate) * std::exp(-(t - gate) / release);
    }
    // How long to render: the release has fallen by 60 dB after ~6.9 time constants.
    double length(double gate) const { return gate + 7.0 * release; }
};

} // namespace earlab::gen
