#pragma once
// Whole-buffer renders of a Treatment, for the command line, the exercises' answer checks and
// loudness matching. They run the same DSP objects as playback.

#include "audio/audio_buffer.h"
#include "audio/engine/player_config.h"
#include "audio/treatment.h"

namespace earlab {

// The treatment chain alone (EQ -> compressor -> gain/pan), stereo out at the source's rate.
AudioBuffer renderTreatment(const AudioBuffer& source, const Treatment& treatment);

// The chain plus the master section exactly as playback applies it (start fade, output level,
// safety limiter, fade at the end of the material), with the limiter's look-ahead delay
// removed so the output lines up with the source. config.sampleRate is replaced by the
// source's rate.
AudioBuffer renderMastered(const AudioBuffer& source, const Treatment& treatment, PlayerConfig config = {});

// `treatment` with its gain adjusted so that the treated source has the integrated loudness
// (BS.1770) of `reference`, re-measured to within 0.1 dB. Throws AudioError(InvalidArgument)
// when either is silent.
Treatment loudnessMatched(const AudioBuffer& reference, const AudioBuffer& source, Treatment treatment);

} // namespace earlab
