#pragma once
// Where a short stretch of one signal lies in another, to a fraction of a sample: the peak of
// their FFT cross-correlation (audio/compare/fft_plans.h), normalised so that a gain on
// either signal changes nothing.

#include <cstddef>
#include <span>

namespace earlab {

struct CorrelationPeak {
    // Position in `segment` where `window` starts: segment[position + n] ~ window[n], in
    // samples with a fractional part. Found at the integer peak of |r| and refined on the
    // band-limited (DFT) interpolation of r by Newton's method on r'(x) = 0: the exact
    // continuous correlation of band-limited signals, not a parabola's guess (a parabola
    // through three samples of a music correlation is biased by up to ~0.1 sample). The
    // refinement correlates the window Hann-tapered (the rectangular window's edges bias the
    // peak by up to ~1e-3 sample on music; tapered, ~5e-5).
    double position = 0.0;
    // The normalised correlation at the integer peak, r / sqrt(E(window) * E(segment part)),
    // in [-1, 1]; negative when one signal is the other inverted.
    double correlation = 0.0;
    // The integer peak is the first or the last position searched: the true match may lie
    // outside the range, so the position is not to be trusted.
    bool atEdge = false;
    // The window, or every part of the segment searched, holds no energy: nothing to locate
    // (silence), position and correlation mean nothing. Distinct from a poor match.
    bool noEnergy = false;
};

// Searches positions 0 .. segment.size() - window.size() (segment must be at least as long
// as window, window not empty). Samples outside the signal a caller has are zeros in
// `segment`; positions where the segment part has no energy score 0.
// Thread-safe (plans come from fft_plans.h).
CorrelationPeak findCorrelationPeak(std::span<const double> window, std::span<const double> segment);

} // namespace earlab
