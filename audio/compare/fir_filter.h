#pragma once
// Long FIR filters applied offline by FFT overlap-save (65536-point blocks), so the cost
// hardly grows with the filter's length: the fractional delay of the alignment
// (fractional_delay.h) and the low-pass anchors of a MUSHRA test (lowpass_anchor.h).

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace earlab {

// out[t] = sum_j x[t + firstTap + j] · taps[j] for t in [0, frames), with x = 0 outside its
// samples. A linear-phase filter of 2M + 1 taps centred on t has firstTap = -M. Computed in
// double; up to 32768 taps (std::invalid_argument beyond, or for no taps).
std::vector<float> firFilter(std::span<const float> x, std::span<const double> taps, std::int64_t firstTap,
                             std::size_t frames);

// The Kaiser window at r in [-1, 1] (r = position / half-length), 0 outside; beta sets the
// stopband: 12 gives about -110 dB sidelobes, 10 about -95 dB.
double kaiserWindow(double r, double beta);

} // namespace earlab
