#pragma once
// The synthesised instruments. Each call renders one note or hit, mono (or stereo where the
// instrument is wide by itself), starting at its own time zero; the arrangement places it.
// vel: velocity [0 to 1]; hz: fundamental; gate: seconds the note is held.

#include "assets/generator/envelope.h"
#include "assets/generator/rng.h"
#include "assets/generator/stereo.h"

#include <functional>

namespace earlab::gen {

// --- drums ---------------------------------------------------------------------------
struct KickParams {
    double startHz = 150;   // pitch at the hit, swept down exponentially...
    double endHz = 50;      // ...to here (the body: 50 Hz sits in the 63 Hz octave)
    double sweepTau = 0.03; // s, time constant of the sweep
    double decay = 0.32;    // s, amplitude time constant
    double click = 0.25;    // level of the beater click (high-passed noise)
    double drive = 1.5;     // tanh saturation, 1 = gentle
};
Mono kick(Rng& rng, double vel, const KickParams& p);
Mono snare(Rng& rng, double vel, double toneHz = 185, double noiseDecay = 0.16, double brightness = 1.0);
Mono clap(Rng& rng, double vel);
// Metallic (six detuned pulses, after the TR-808) plus noise, high-passed: the air band.
Mono hat(Rng& rng, double vel, double decay, double brightness = 1.0);
Mono ride(Rng& rng, double vel, double decay = 1.0);
Mono crash(Rng& rng, double vel);
Mono tom(Rng& rng, double vel, double hz);
Mono brushSwish(Rng& rng, double vel, double length);
Mono brushTap(Rng& rng, double vel);

// --- bass -----------------------------------------------------------------------------
Mono pickedBass(Rng& rng, double hz, double gate, double vel);
Mono synthBass(Rng& rng, double hz, double gate, double vel);
Mono uprightBass(Rng& rng, double hz, double gate, double vel);

// --- harmony --------------------------------------------------------------------------
// Karplus-Strong string (Karplus & Strong 1983, with Jaffe & Smith's 1983 decay tuning).
// brightness [0 to 1] shapes the pluck; t60: s, decay of the fundamental.
Mono pluckedString(Rng& rng, double hz, double gate, double vel, double brightness, double t60);
// Seven detuned saws spread across the stereo field through a low-pass whose cutoff
// follows cutoffAt(absolute time s); start is the note's absolute time.
Stereo superSaw(Rng& rng, double hz, double gate, double vel, const Adsr& env, double start,
                const std::function<double(double)>& cutoffAt);
// Two-operator FM electric piano (after Chowning; the DX7 "E.Piano" idea).
Mono electricPiano(Rng& rng, double hz, double gate, double vel);

// --- melody ---------------------------------------------------------------------------
Mono leadSynth(Rng& rng, double hz, double gate, double vel, double fromHz);
Mono pluckSynth(Rng& rng, double hz, double gate, double vel);
Mono vibraphone(Rng& rng, double hz, double gate, double vel);

} // namespace earlab::gen
