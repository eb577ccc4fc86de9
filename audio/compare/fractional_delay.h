#pragma once
// Reading a signal at a fractional position: out[t] = x(t + advance) for t in [0, frames),
// where x is the band-limited continuation of the samples (zeros before 0 and after the
// end). The alignment's corrector (alignment.h).
//
// Method: a Kaiser-windowed sinc (half-length kHalfTaps = 256, beta = 12, 512 taps;
// stopband below -110 dB), normalised to unit gain at DC, applied by FFT overlap-save
// (65536-point blocks), so the cost does not grow with the filter length. Its response is
// flat to within 1e-5 dB and its delay exact up to about 0.97 x Nyquist (23.3 kHz at
// 48 kHz); above, in the last few percent of the band, the fractional delay is no longer
// exact (see docs/blind_tests.md, "Alignment"). An integer advance is a plain copy.
// Samples within 256 of the signal's first or last sample are read with the zeros beyond
// them, as any interpolator of a cut signal must.

#include <cstddef>
#include <span>
#include <vector>

namespace earlab {

inline constexpr int kFractionalDelayHalfTaps = 2048;

std::vector<float> readAtOffset(std::span<const float> x, double advance, std::size_t frames);

} // namespace earlab
