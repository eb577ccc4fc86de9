#pragma once
// What a file's own header says, read independently of libsndfile. libsndfile silently
// clamps a WAV/AIFF length to what the file holds and refuses some headers with vague
// errors ("Unspecified internal error"); reading the few fields ourselves lets the loader
// say "truncated", "0 channels" or "unknown format tag" precisely. Internal to audio/io.

#include <cstdint>
#include <optional>
#include <string>

namespace earlab::detail {

enum class Container { Unknown, Wav, Aiff, Ogg, Flac, Id3, Mpeg }; // Mpeg: a frame header at offset 0

struct FileHeader {
    Container container = Container::Unknown;
    std::optional<int> channels;              // WAV fmt / AIFF COMM
    std::optional<double> sampleRate;         // WAV fmt / AIFF COMM
    std::optional<unsigned> wavFormatTag;     // WAV fmt wFormatTag (0xFFFE: extensible)
    std::optional<std::int64_t> promisedFrames; // WAV data size / block align, AIFF COMM frames
    bool hasAudioChunk = false;               // WAV 'data' / AIFF 'SSND' present
    bool oggLastPageIncomplete = false;       // the file does not end with a complete Ogg page (CRC checked)
    bool id3WithoutAudio = false;             // an ID3v2 tag and nothing (or only zeros) after it

    // MPEG audio: a valid frame header at the start (after an ID3v2 tag, if any).
    bool mpegAudio = false;
    std::optional<std::int64_t> mpegStatedFrames; // MPEG frames the Xing/Info or VBRI frame counts
    bool mpegBytesShort = false;              // fewer bytes than the Xing/Info/VBRI frame states: cut

    // The length in frames a file states where the container does not hold it in a header
    // field libsndfile reads: an MP3's Xing/Info frame count × samples per frame − the LAME
    // tag's encoder delay and padding (or VBRI's count × samples per frame); an Ogg file's
    // last granule position (Opus: minus the pre-skip). Counted at statedRate Hz (48000 for
    // Opus, whose granules are always 48 kHz), or at the file's own rate when 0.
    std::optional<std::int64_t> statedFrames;
    int statedRate = 0;
};

// Never throws; a file it cannot read yields Container::Unknown. Reads at most the first
// chunks' headers, for MP3 its first frame, and for Ogg the first page and the last 128 KiB.
FileHeader readFileHeader(const std::string& path);

// True for WAV format tags libsndfile decodes.
bool isKnownWavFormatTag(unsigned tag);

} // namespace earlab::detail
