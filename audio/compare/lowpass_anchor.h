#pragma once
// The low-pass anchors of a MUSHRA-style test (ITU-R BS.1534-3, 5.1): the reference itself
// low-passed at 3.5 kHz (the low anchor the standard requires) or 7 kHz (its mid anchor),
// built at the reference's own sample rate so that an item at 44.1 kHz gets a 44.1 kHz anchor.
//
// The filter is linear-phase (a Kaiser-windowed sinc, 4097 taps, beta 10; measured by
// test_lowpass_anchor at 48 and 44.1 kHz: 100 Hz below the cutoff within 4e-5 dB, 100 Hz above
// it below -107 dB) and centred, so the
// anchor stays sample-aligned with the reference on the one playhead: switching to it changes
// the bandwidth and nothing else.

#include "audio/audio_buffer.h"

namespace earlab {

inline constexpr double kMushraLowAnchorHz = 3500.0;
inline constexpr double kMushraMidAnchorHz = 7000.0;

// Throws AudioError(InvalidArgument) when the cutoff is not below the reference's Nyquist
// frequency, or the reference has no audio.
AudioBuffer lowPassAnchor(const AudioBuffer& reference, double cutoffHz);

} // namespace earlab
