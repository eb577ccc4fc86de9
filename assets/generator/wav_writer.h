#pragma once
// A minimal WAV writer (IEEE float 32-bit, WAVE_FORMAT_IEEE_FLOAT with a fact chunk).
// Why not writeAudioFile(): libsndfile adds a PEAK chunk holding the time of writing, so
// two runs would never give identical bytes; the material must be reproducible bit for bit.
// Writes to PATH.tmp and renames, so a reader never sees a half-written file.

#include "audio/audio_buffer.h"

#include <string>

namespace earlab::gen {

// Throws std::runtime_error naming the path when the file cannot be written.
void writeFloatWav(const std::string& path, const AudioBuffer& audio);

} // namespace earlab::gen
