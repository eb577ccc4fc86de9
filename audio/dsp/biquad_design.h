#pragma once
// Second-order filter coefficients from an EqBand, after Robert Bristow-Johnson's
// "Cookbook formulae for audio EQ biquad filter coefficients" (the RBJ Audio EQ Cookbook,
// W3C Audio WG note, https://www.w3.org/TR/audio-eq-cookbook/). Runs off the audio thread.

#include "audio/treatment.h"

namespace earlab::dsp {

// H(z) = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2): a0 is divided out so the
// filter loop saves a division. The default is the identity (a wire).
struct BiquadCoefficients {
    double b0 = 1; // feed-forward, unitless
    double b1 = 0;
    double b2 = 0;
    double a1 = 0; // feedback, unitless; (a1, a2) inside the stability triangle
    double a2 = 0; //   |a2| < 1, |a1| < 1 + a2
};

bool operator==(const BiquadCoefficients& a, const BiquadCoefficients& b) noexcept;

// Designs one band with the cookbook formulae (w0 = 2 pi f0 / fs, alpha = sin w0 / 2Q,
// A = 10^(gain/40)). Peak and the shelves use gainDb; the other types ignore it but it must
// still be in range. BandPass is the cookbook's "constant 0 dB peak gain" form.
// band.frequencyHz, // Hz [10 to 0.49 * sampleRate]
// band.q,           // quality factor [0.1 to 40]; for shelves the cookbook's Q
// band.gainDb,      // dB [-30 to +30]
// sampleRate,       // Hz, > 0
// Throws AudioError(InvalidArgument) naming the parameter and its range.
BiquadCoefficients designBiquad(const EqBand& band, double sampleRate);

// The magnitude of the digital filter in dB at frequencyHz, from the cookbook's closed
// form with phi = sin^2(w/2):
//   |H|^2 = ((b0+b1+b2)^2 - 4(b0 b1 + 4 b0 b2 + b1 b2) phi + 16 b0 b2 phi^2)
//         / ((1+a1+a2)^2  - 4(a1 + 4 a2 + a1 a2) phi    + 16 a2 phi^2)
// Exact (no sampling, no frequency warping error); -inf at an exact zero.
// frequencyHz, // Hz [0 to sampleRate / 2]
// sampleRate,  // Hz, > 0
double magnitudeDb(const BiquadCoefficients& c, double frequencyHz, double sampleRate);

} // namespace earlab::dsp
