#pragma once
// Reading a signal at a fractional position: out[t] = x(t + advance) for t in [0, frames),
// where x is the band-limited continuation of the samples (zeros before 0 and after the
// end). The alignment's corrector (alignment.h).
//
// Method: a Kaiser-windowed sinc (half-length kFractionalDelayHalfTaps = 2048, 4096 taps,
// beta = 12: stopband below -110 dB, transition ~0.4 % of the band), normalised to unit gain
// at DC, applied by FFT overlap-save (65536-point blocks), so the cost hardly grows with the
// filter length. Its delay is exact up to ~0.996 x Nyquist (23.9 kHz at 48 kHz); in the
// last fraction of the band it is not, and at Nyquist itself no real signal can be delayed
// by a fraction. Measured on the built-in pop-rock loop, which holds energy up to Nyquist: a
// 0.37-sample delay nulls to -56 dB full band and -82 dB below 23 kHz (docs/blind_tests.md,
// "Alignment"; 512 taps gave -47 dB full band). An integer advance is a plain copy.
// Output samples within 2048 of the signal's first or last sample are read with the zeros
// beyond them, as any interpolator of a cut signal must.

#include <cstddef>
#include <span>
#include <vector>

namespace earlab {

inline constexpr int kFractionalDelayHalfTaps = 2048;

std::vector<float> readAtOffset(std::span<const float> x, double advance, std::size_t frames);

} // namespace earlab
