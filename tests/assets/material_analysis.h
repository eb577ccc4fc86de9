#pragma once
// Measurements the built-in material tests make: octave band levels, a tempo estimate from
// onsets, a chroma profile. Written here (not in audio/) because only the tests need them.

#include "audio/audio_buffer.h"

#include <array>
#include <cstddef>
#include <vector>

namespace earlab::test {

// ISO octave centres the EQ exercises ask about.
inline constexpr std::array<double, 9> kOctaveCentres = {63, 125, 250, 500, 1000, 2000, 4000, 8000, 16000};

// Mean-square level (dB) of each octave band over both channels: every band through three
// cascaded RBJ band-passes (constant 0 dB peak, Q = sqrt 2, one octave between the -3 dB
// points of one section) from dsp::Biquad. The loop is played twice and only the second
// pass measured, so the filters start in their steady state.
std::array<double, kOctaveCentres.size()> octaveBandLevelsDb(const AudioBuffer& audio);

// Tempo (BPM) from the circular autocorrelation of an onset strength envelope (rectified
// log-energy rise in four bands, 256-frame hops), searched between minBpm and maxBpm and
// refined on the peak at four beats.
double estimateTempoBpm(const AudioBuffer& audio, double minBpm = 70, double maxBpm = 180);

// Energy per pitch class (0 = C) of the mono sum over [startFrame, endFrame): Goertzel at the
// equal-tempered pitches MIDI 36..96 through a Hann window; normalised to sum 1.
std::array<double, 12> chroma(const AudioBuffer& audio, std::size_t startFrame, std::size_t endFrame);

// Energy-weighted mean of the octave band centres on a log-frequency axis, Hz.
double bandCentroidHz(const std::array<double, kOctaveCentres.size()>& levelsDb);

// RMS (dB) of both channels over [start, start + frames), wrapping around the end.
double windowRmsDb(const AudioBuffer& audio, std::ptrdiff_t start, std::size_t frames);

} // namespace earlab::test
