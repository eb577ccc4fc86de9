#pragma once
// Per-voice filters whose cutoff moves sample by sample (envelopes, LFOs). Static EQ on
// whole stems uses the product's own dsp::Biquad instead (see effects.h).

#include "assets/generator/stereo.h"

#include <algorithm>
#include <cmath>

namespace earlab::gen {

// One-pole low-pass, y += a (x - y); cutoff in Hz.
struct OnePole {
    double a = 1.0, y = 0.0;
    void setCutoff(double hz) { a = 1.0 - std::exp(-2.0 * kPi * std::min(hz, 0.45 * kRate) / kRate); }
    double lp(double x) { return y += a * (x - y); }
    double hp(double x) { return x - lp(x); }
};

// Topology-preserving state-variable filter (A. Simper, "Linear trapezoidal integrated SVF",
// Cytomic 2013): stable under fast cutoff modulation, which envelope-swept synth voices need.
struct Svf {
    double ic1 = 0, ic2 = 0, g = 0, k = 1.4, a1 = 0, a2 = 0, a3 = 0;
    double low = 0, band = 0, high = 0;

    // cutoff, // Hz [10 to 0.45 fs]; q, // resonance [0.5 to 20]
    void set(double cutoff, double q)
    {
        g = std::tan(kPi * std::clamp(cutoff, 10.0, 0.45 * kRate) / kRate);
        k = 1.0 / q;
        a1 = 1.0 / (1.0 + g * (g + k));
        a2 = g * a1;
        a3 = g * a2;
    }
    void tick(double v0)
    {
        const double v3 = v0 - ic2;
        const double v1 = a1 * ic1 + a2 * v3;
        const double v2 = ic2 + a2 * ic1 + a3 * v3;
        ic1 = 2 * v1 - ic1;
        ic2 = 2 * v2 - ic2;
        low = v2;
        band = v1;
        high = v0 - k * v1 - v2;
    }
};

} // namespace earlab::gen
