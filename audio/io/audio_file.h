#pragma once
// Reading and writing audio files (libsndfile: WAV, AIFF, FLAC, Ogg Vorbis, Opus, MP3).
// Every failure is an AudioError whose message names the file and the cause in plain words;
// a broken file never crashes or hangs the loader.

#include "audio/audio_buffer.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace earlab {

inline constexpr int kMinSampleRate = 1000, kMaxSampleRate = 768000, kMaxChannels = 32;

struct AudioFileInfo {
    std::string path;
    std::string format;   // "WAV", "AIFF", "FLAC", "Ogg Vorbis", "Opus", "MP3", ...
    std::string encoding; // "PCM 16-bit", "PCM 24-bit", "float 32-bit", "Vorbis", "Opus", "MPEG layer III", ...
    int channels = 0;     // as stored in the file (before any stereo conversion)
    int sampleRate = 0;   // Hz, as stored in the file (before any resampling)
    std::int64_t frames = 0; // decoded frame count at sampleRate (never MP3's padded header estimate)
    double durationSeconds = 0;
    // Damage the decoder worked around, each a sentence naming the file ("song.mp3: 37 damaged
    // MPEG frames were skipped (...)"): the audio is usable but not exactly what was encoded.
    std::vector<std::string> warnings;
};

struct LoadOptions {
    double targetSampleRate = 0; // Hz; 0 keeps the file's rate, else within [kMinSampleRate, kMaxSampleRate]
    bool stereo = true;          // mono plays on both channels; more than two channels are downmixed (see downmix.h)
    std::function<void(double fraction)> progress; // optional, called from the loading thread, 0..1
};

struct LoadedAudio {
    AudioFileInfo info; // describes the file, not the converted buffer
    AudioBuffer audio;  // planar float, after stereo conversion and resampling
};

// Decodes the whole file: libsndfile in chunks into planar float, then toStereo() if
// options.stereo, then resample() if targetSampleRate differs from the file's rate.
// Checks, in order (each an AudioError naming the path):
//   missing -> FileNotFound; directory/FIFO/device -> NotRegularFile (a FIFO would block);
//   0 bytes -> NotAudio; unrecognised -> NotAudio; known container, unknown encoding ->
//   UnsupportedEncoding; rate outside [kMinSampleRate, kMaxSampleRate] -> AbsurdSampleRate;
//   0 or > kMaxChannels channels -> AbsurdChannelCount; no frames -> ZeroFrames; fewer
//   frames than a WAV/AIFF/FLAC/... header, an MP3's Xing/Info/VBRI frame or an Ogg file's
//   last granule position states -> Truncated (an MP3 that holds every byte its Xing frame
//   states but had damaged frames skipped is a warning instead, see AudioFileInfo); an Ogg
//   file cut inside a page -> Truncated; NaN or infinite samples or a decoder error -> DecodeFailed;
//   OS read error -> Unreadable.
// options.progress (if set) is called with increasing fractions and finally with 1.0.
LoadedAudio loadAudioFile(const std::string& path, const LoadOptions& options = {});

// The same checks as loadAudioFile, decoding the whole file to count its frames (an MP3's
// header count includes encoder padding), keeping no audio.
AudioFileInfo probeAudioFile(const std::string& path);

// What a write did to the samples that a caller may want to tell the user about.
struct WriteSummary {
    // Samples (counted over all channels) beyond full scale, |x| > 1, that an integer format
    // (FLAC, AIFF) had to clip to [-1, 1). Always 0 for .wav (float) and the lossy formats.
    std::uint64_t clippedSamples = 0;
    float peak = 0.0f; // the largest |sample| given, linear (1 = 0 dBFS)
    // The rate the file holds: the given rate, or 48000 for an .opus given another rate.
    int fileSampleRate = 0;
};

// Writes `audio` (any channel count, sampleRate > 0) in the format its extension names
// (case-insensitive):
//   .wav -> WAV float 32-bit (bit exact)   .flac -> FLAC PCM 24-bit   .aif/.aiff -> AIFF PCM 24-bit
//   .ogg -> Ogg Vorbis
//   .opus -> Ogg Opus; at 8, 12, 16, 24 or 48 kHz as given, any other rate is resampled to
//            48 kHz with libsoxr (resampler.h; Opus holds no other rates)
//   .mp3 -> MPEG layer III (8 to 48 kHz, the MPEG-1/2/2.5 rates; LAME gapless header)
// Integer formats are rounded to the nearest step and clipped to [-1, 1) (SFC_SET_CLIPPING);
// the summary counts the clipped samples.
// The file is written through FileReplacement (file_replacement.h): a temporary file beside
// `path`, renamed over it only once complete and on disk, so on any error `path` (or the file
// a symbolic link at `path` names) is exactly as it was and no temporary is left.
// Throws InvalidArgument for an unknown extension, an empty buffer or a rate/channel count
// the format cannot hold; WriteFailed with the OS cause when the file cannot be created,
// written or put in place, or `path` is something FileReplacement refuses (a folder, a
// device, a FIFO, a file with several hard links, a write-protected file).
WriteSummary writeAudioFile(const std::string& path, const AudioBuffer& audio);

} // namespace earlab
