#pragma once
// Streaming counterparts of loadAudioFile() and writeAudioFile(): a file decoded or encoded a
// block at a time, so a long render never holds the whole file (nor zero-fills giant buffers).
// Same libsndfile calls, same checks, same errors and the same samples as the whole-file
// functions in audio_file.h.

#include "audio/io/audio_file.h"

#include <cstddef>
#include <memory>
#include <string>

namespace earlab {

// Reads a file as loadAudioFile(path) with default LoadOptions does (the file's own rate,
// stereo by the rule in downmix.h), block by block.
class AudioFileReader {
public:
    // Opens the file: the checks loadAudioFile makes before decoding, with the same errors
    // (FileNotFound, NotRegularFile, NotAudio, UnsupportedEncoding, AbsurdSampleRate, ...).
    explicit AudioFileReader(const std::string& path);
    ~AudioFileReader();
    AudioFileReader(const AudioFileReader&) = delete;
    AudioFileReader& operator=(const AudioFileReader&) = delete;

    const std::string& path() const noexcept;
    int sampleRate() const noexcept;   // Hz, the file's
    int fileChannels() const noexcept; // as stored, before the stereo conversion

    // Decodes up to maxFrames frames into left and right (maxFrames floats each). Returns
    // the frame count, 0 once the file has ended. The end-of-decode checks of loadAudioFile
    // run when the end is reached (Truncated, ZeroFrames, DecodeFailed), and a NaN or infinite
    // sample throws DecodeFailed as soon as it is decoded: the same errors, in the same
    // words. After an exception the reader is finished (further calls return 0).
    std::size_t readStereo(float* left, float* right, std::size_t maxFrames);

    // Decodes the rest without keeping it, running the same checks (so a caller that gives
    // up early can still report the input's own error first).
    void skipToEnd();

    // The file's description (loadAudioFile's LoadedAudio::info); complete once readStereo()
    // has returned 0.
    AudioFileInfo info() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Writes a file as writeAudioFile(path, audio) would, given the audio a block at a time: the
// format from the extension, the same sample conversion (an .opus at another rate resampled
// to 48 kHz as it streams), the same libsndfile calls (65536 frames per sf_writef_float), the
// same errors, and the same FileReplacement: nothing at `path` changes before finish()
// succeeds, and an unfinished writer removes its temporary file.
class AudioFileWriter {
public:
    // The format checks of writeAudioFile for `channels` channels at `sampleRate` (unknown
    // extension, a rate or channel count the format cannot hold: InvalidArgument), then
    // creates the temporary file (WriteFailed with the cause, see FileReplacement).
    AudioFileWriter(const std::string& path, double sampleRate, int channels);
    ~AudioFileWriter();
    AudioFileWriter(const AudioFileWriter&) = delete;
    AudioFileWriter& operator=(const AudioFileWriter&) = delete;

    // channels: one pointer per channel to `frames` floats. A NaN or infinite sample throws
    // InvalidArgument naming its channel and frame (counted from the file's start), as
    // writeAudioFile does; a write error throws WriteFailed. Either abandons the file.
    void write(const float* const* channels, std::size_t frames);

    // Writes what is buffered, closes, flushes to disk and renames onto the path. Nothing
    // written at all: InvalidArgument "nothing to write", as writeAudioFile for an empty buffer.
    WriteSummary finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace earlab
