#pragma once
// Time relation of one item to a reference (issue 8, "Time"): offset to a fraction of a
// sample, polarity, clock drift; and the item corrected onto the reference's timeline.
//
// Conventions (an interface: earlab-cli compare prints them as they are):
//   offsetSamples  in reference samples, POSITIVE when the item's content comes LATER than
//                  the reference's: the item's first sample lies at reference time
//                  -offsetSamples. (An item that is the reference with 480 samples of
//                  silence in front has offset +480.) Always the offset at the item's START
//                  (reference time -offsetSamples), also when a drift makes it differ along
//                  the item; alignToReference() derives the offset at the middle itself.
//   driftPpm       (item samples per reference sample - 1) x 1e6: POSITIVE when the item runs
//                  slow / is stretched, its content drifting later and later (the reference
//                  resampled to 1.001 x as many samples measures +1000 ppm).
//   Together: reference sample t holds what item position (1 + drift)(t + offset) holds.
//
// Method: a mono downmix (mean of the channels, float) of each; the item located first from
// one window at the centre of the shorter item, searched over +-maxOffsetSeconds widened by
// the largest drift up to there (maxDriftPpm x its distance from the start); then
// `windows` windows spread over the common region where the reference has sound (silence,
// dither at the ends matches nothing: windows go among 4 x `windows` candidate positions
// whose 50 ms blocks are, 90 % of them, within 50 dB of the loudest block; at least 3), each located by FFT cross-correlation
// with a sub-sample peak (cross_correlation.h); drift is the slope of the window offsets over
// time (least squares). When a drift is found, the item's downmix is resampled by it (libsoxr)
// and the windows measured again, until the remaining drift moves a window by less than 0.01
// sample (at most 4 passes): a drifting window smears its correlation peak, so only windows
// measured on the corrected item give the precision. Gain-independent: the correlation is
// normalised. Measured precision on music: docs/blind_tests.md, "Alignment" (~5e-5 sample
// on the built-in loops, drift to 1e-4 ppm).
//
// Nulls after correction (an item against the reference it was made from) reach -92 to
// -100 dB full band for integer offsets, polarity and gain; two cases need a band limit to
// pass -60 dB, for reasons in the signal rather than the measurement:
//   - a fractional offset: no finite filter delays the last fraction of the band by a
//     fraction of a sample (fractional_delay.h is exact to ~0.996 x Nyquist; at Nyquist
//     itself a real signal cannot be delayed by a fraction at all). A loop holding energy up
//     to Nyquist nulls to -56 dB full band, -99 dB below 23 kHz;
//   - drift correction: libsoxr (SOXR_HQ) passes 0.91 x Nyquist (21.9 kHz at 48 kHz), so a
//     drift-corrected item holds nothing above to null with (-33 dB full band on that loop,
//     -70 dB below 21 kHz).

#include "audio/audio_buffer.h"

#include <cstddef>
#include <string>
#include <vector>

namespace earlab {

struct AlignmentOptions {
    double maxOffsetSeconds = 2.0; // s, largest |offset| searched (0.01 to 60)
    double maxDriftPpm = 5000.0;   // ppm, largest |drift| searched (0 to 20000; 0.5 % covers tape and vinyl)
    std::size_t windows = 5;       // windows over the common region (3 to 50)
    double windowSeconds = 3.0;    // s, length of each window (0.25 to 30), shortened to fit the common region
    double minCorrelation = 0.5;   // normalised correlation a window must reach to be trusted (0 to 1)
};

struct AlignmentWindow {
    double referenceTime = 0;  // reference frames, the window's centre
    double offsetSamples = 0;  // item position - reference position there, item samples
    double correlation = 0;    // normalised correlation at its peak (negative: inverted)
};

struct Alignment {
    double offsetSamples = 0;      // see the conventions above
    double driftPpm = 0;           // see the conventions above
    bool polarityInverted = false; // the item is the reference upside down (correlation < 0)
    double correlation = 0;        // the weakest window's |normalised correlation|, 0..1
    std::size_t commonBegin = 0;   // reference frames [commonBegin, commonEnd) the item covers
    std::size_t commonEnd = 0;
    std::vector<AlignmentWindow> windows; // of the last pass, in time order
};

// Throws AudioError InvalidArgument naming `itemName` (or `referenceName`) when a buffer is
// empty or silent (its mono downmix all but zero), the sample rates differ (resample first),
// no common region of at least 1 s exists within the search range, or a window's correlation
// stays below minCorrelation (different music, or an offset beyond the search range); and
// for options outside their ranges.
Alignment measureAlignment(const AudioBuffer& reference, const AudioBuffer& item, const AlignmentOptions& options = {},
                           const std::string& referenceName = "reference", const std::string& itemName = "item");

// Drift at or below this is reported, not corrected: it is within what the windows can
// measure on short items, and a resampler pass costs more than it would remove.
inline constexpr double kDriftCorrectionThresholdPpm = 5.0;

// A shift within this of a whole number of samples is applied as that whole number (an
// exact copy, no interpolation): see alignToReference.
inline constexpr double kWholeLagSnapSamples = 1e-4;

struct AlignedItem {
    AudioBuffer audio;          // on the reference's timeline: referenceFrames frames, zeros where the item has no content
    bool driftCorrected = false; // |drift| > kDriftCorrectionThresholdPpm: resampled by it with libsoxr
};

// The item moved onto the reference's timeline: resampled by 1/(1 + drift) when |drift| >
// 5 ppm (libsoxr, audio/io/resampler.h), then read at t + offset by the band-limited
// fractional delay of fractional_delay.h, its polarity restored. Gains are the caller's
// (loudness matching). Without drift correction the item is shifted by the offset at the
// MIDDLE of the common region, offsetSamples + drift x (middle + offsetSamples), so a drift
// d leaves either end d x half the common region off (5 ppm over 3 min: 0.45 ms, 22
// samples), half what a shift by the start's offset would leave. A shift within
// kWholeLagSnapSamples of a whole number is copied, not interpolated: two copies of one
// file stay bit-identical.
AlignedItem alignToReference(const AudioBuffer& item, const Alignment& alignment, std::size_t referenceFrames);

} // namespace earlab
