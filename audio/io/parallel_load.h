#pragma once
// Internal to audio/io: loadAudioFile's path when the file is resampled.

#include "audio/audio_buffer.h"
#include "audio/io/audio_file.h"

#include <cstdint>
#include <string>

namespace earlab::detail {

struct ReadHandle;

// Decoding a 10-minute FLAC costs ~0.65 s and resampling its two channels ~0.65 s, so the
// work is spread over threads: a worker decodes (and converts to stereo); the channels are
// resampled in two lanes (even channels on this thread, odd ones on a helper thread), each
// with its own soxr. soxr treats channels independently, so the samples are the ones
// resample() gives. The full-length buffer at the file's rate is never held.
//
// Decodes `h` (opened for `path`) into `audio` at options.targetSampleRate, converted to
// stereo if options.stereo; returns the frame count decoded at the file's rate.
std::int64_t decodeResampling(const std::string& path, ReadHandle& h, const LoadOptions& options, AudioBuffer& audio);

} // namespace earlab::detail
