#pragma once
// Band-limited oscillators: naive saw and pulse corrected with polyBLEP (V. Valimaki and
// A. Huovilainen, "Antialiasing oscillators in subtractive synthesis", IEEE SPM 2007), so
// high notes do not fold back into the audio band as inharmonic whistles.

#include "assets/generator/stereo.h"

#include <cmath>

namespace earlab::gen {

inline double polyBlep(double t, double dt)
{
    if (t < dt) {
        t /= dt;
        return t + t - t * t - 1.0;
    }
    if (t > 1.0 - dt) {
        t = (t - 1.0) / dt;
        return t * t + t + t + 1.0;
    }
    return 0.0;
}

struct Oscillator {
    double phase = 0.0; // [0, 1)

    // Advances by one sample at `hz`; returns the saw in [-1, 1].
    double saw(double hz)
    {
        const double dt = hz / kRate;
        double v = 2.0 * phase - 1.0 - polyBlep(phase, dt);
        advance(dt);
        return v;
    }
    // Pulse with duty cycle `width` (0.5 = square).
    double pulse(double hz, double width = 0.5)
    {
        const double dt = hz / kRate;
        double v = phase < width ? 1.0 : -1.0;
        v += polyBlep(phase, dt);
        double t2 = phase + 1.0 - width;
        t2 -= std::floor(t2);
        v -= polyBlep(t2, dt);
        advance(dt);
        return v;
    }
    double sine(double hz)
    {
        const double v = std::sin(2.0 * kPi * phase);
        advance(hz / kRate);
        return v;
    }
    void advance(double dt)
    {
        phase += dt;
        phase -= std::floor(phase);
    }
};

} // namespace earlab::gen
