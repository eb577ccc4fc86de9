#pragma once
// Internal to audio/io: an open audio file and the one decoding loop that loadAudioFile,
// probeAudioFile, AudioFileReader and the parallel load (parallel_load.h) share, so that they
// all decode the same samples and report the same errors. libsndfile decodes, except MPEG
// audio, which goes to libmpg123 (mpeg_decoder.h says why).

#include "audio/io/audio_file.h"
#include "audio/io/file_header.h"
#include "audio/io/mpeg_decoder.h"

#include <sndfile.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace earlab::detail {

// Frames per decoder call. The streaming reader reads with the same calls, so its samples
// are loadAudioFile's whatever block size its caller asks for.
inline constexpr sf_count_t kChunkFrames = 65536;

struct ReadHandle {
    int fd = -1;
    SNDFILE* file = nullptr;
    SF_INFO info{};
    FileHeader header; // read independently of libsndfile, see file_header.h
    std::unique_ptr<MpegDecoder> mpeg;  // MPEG audio: decoded here instead of by `file`
    std::vector<std::string> warnings;  // AudioFileInfo::warnings
    ReadHandle() = default;
    ReadHandle(const ReadHandle&) = delete;
    ReadHandle& operator=(const ReadHandle&) = delete;
    ~ReadHandle();
};

// Opens `path` for decoding into `h`, with the checks audio_file.h lists up to the decode
// (missing, not a regular file, empty, not audio, unsupported encoding, absurd rate or
// channel count, an Ogg file cut inside a page), each an AudioError naming the path.
void openForReading(const std::string& path, ReadHandle& h);

// One decoder call: libsndfile's, or libmpg123's for MPEG audio.
sf_count_t readFrames(ReadHandle& h, float* interleaved, sf_count_t frames);

// The decoder's error after the last read, or empty.
std::string decoderError(ReadHandle& h);

// The frame count a header promises, for formats whose header states the length.
std::optional<std::int64_t> promisedFrames(const ReadHandle& h);

// For progress: the best guess of the length before decoding.
double expectedFrames(const ReadHandle& h);

// Receives each decoded block: `frames` interleaved frames, all finite.
using BlockSink = std::function<void(const float* interleaved, std::size_t frames)>;

// Receives each decoded block before it is checked: returns false if the block holds a NaN
// or infinity (and must then not have passed the block on).
using CheckingSink = std::function<bool(const float* interleaved, std::size_t frames)>;

// Decodes everything, handing each block to `sink` (may be empty). Returns the frame count.
// With `takeTail`: on reaching frame `splitAt` it is called; if it returns n >= 0 it has
// delivered the remaining n frames itself (decoded elsewhere and fully checked) and decoding
// stops there; -1 means carry on here.
std::int64_t decode(const std::string& path, ReadHandle& h, const BlockSink& sink,
                    const CheckingSink& checkingSink = {}, std::int64_t splitAt = -1,
                    const std::function<std::int64_t()>& takeTail = {});

// The file's description once `frames` frames were decoded.
AudioFileInfo describe(const std::string& path, const ReadHandle& h, std::int64_t frames);

} // namespace earlab::detail
