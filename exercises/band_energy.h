#pragma once
// How much energy a loop has in each band, so questions avoid bands where a change would be
// inaudible (a 63 Hz boost on a solo flute is a guessing game, not a listening test).

#include "audio/audio_buffer.h"

#include <span>
#include <vector>

namespace earlab {

// RMS level in dB of `audio` (channels averaged in power) through a band-pass filter around
// each centre: an RBJ band pass (0 dB at the centre, Q from `bandwidthOctaves`) run three
// times, 18 dB per octave outside the band.
std::vector<double> bandLevelsDb(const AudioBuffer& audio, std::span<const double> centresHz,
                                 double bandwidthOctaves = 1.0);

// The centres whose level is no more than `rangeDb` below the loudest band.
std::vector<double> audibleBands(std::span<const double> centresHz, std::span<const double> levelsDb,
                                 double rangeDb = 30.0);

} // namespace earlab
