#pragma once
// Signals and measurements shared by the test suites: sines in, levels in dB out.

#include "audio/audio_buffer.h"

#include <cstddef>
#include <span>
#include <string>

namespace earlab::test {

// A sine of `frames` frames at `frequencyHz`, peak amplitude from `peakDbfs`, on every channel.
AudioBuffer sine(double frequencyHz, double peakDbfs, double sampleRate, std::size_t frames,
                 std::size_t channelCount = 2);

// RMS of samples [begin, end) in dB (20·log10 of the RMS). -inf for silence.
double rmsDb(std::span<const float> samples);

// Peak absolute sample value in dBFS (-inf for silence); of a buffer: over all its channels.
double peakDb(std::span<const float> samples);
double peakDb(const AudioBuffer& buffer);

// Largest |a[i] - b[i]| over the common length.
double maxAbsDifference(std::span<const float> a, std::span<const float> b);

// A fresh empty directory under the system temp dir, named after `tag`, removed at exit.
std::string scratchDirectory(const std::string& tag);

} // namespace earlab::test
