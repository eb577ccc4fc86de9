#pragma once
// What a file's own header says, read independently of libsndfile. libsndfile silently
// clamps a WAV/AIFF length to what the file holds and refuses some headers with vague
// errors ("Unspecified internal error"); reading the few fields ourselves lets the loader
// say "truncated", "0 channels" or "unknown format tag" precisely. Internal to audio/io.

#include <cstdint>
#include <optional>
#include <string>

namespace earlab::detail {

enum class Container { Unknown, Wav, Aiff, Ogg, Flac, Id3 };

struct FileHeader {
    Container container = Container::Unknown;
    std::optional<int> channels;              // WAV fmt / AIFF COMM
    std::optional<double> sampleRate;         // WAV fmt / AIFF COMM
    std::optional<unsigned> wavFormatTag;     // WAV fmt wFormatTag (0xFFFE: extensible)
    std::optional<std::int64_t> promisedFrames; // WAV data size / block align, AIFF COMM frames
    bool hasAudioChunk = false;               // WAV 'data' / AIFF 'SSND' present
    bool oggLastPageIncomplete = false;       // the file does not end with a complete Ogg page (CRC checked)
    bool id3WithoutAudio = false;             // an ID3v2 tag and nothing (or only zeros) after it
};

// Never throws; a file it cannot read yields Container::Unknown. Reads at most the first
// chunks' headers and, for Ogg, the last 128 KiB.
FileHeader readFileHeader(const std::string& path);

// True for WAV format tags libsndfile decodes.
bool isKnownWavFormatTag(unsigned tag);

} // namespace earlab::detail
