#include "audio/io/file_header.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>
#include <vector>

namespace earlab::detail {

namespace {

std::uint32_t le32(const unsigned char* p) { return p[0] | (p[1] << 8) | (p[2] << 16) | (std::uint32_t(p[3]) << 24); }
std::uint16_t le16(const unsigned char* p) { return std::uint16_t(p[0] | (p[1] << 8)); }
std::uint32_t be32(const unsigned char* p) { return (std::uint32_t(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3]; }
std::uint16_t be16(const unsigned char* p) { return std::uint16_t((p[0] << 8) | p[1]); }

// IEEE 754 80-bit extended (AIFF COMM sampleRate).
double extended80(const unsigned char* p)
{
    const int exponent = ((p[0] & 0x7F) << 8) | p[1];
    std::uint64_t mantissa = 0;
    for (int i = 0; i < 8; ++i)
        mantissa = (mantissa << 8) | p[2 + i];
    if (exponent == 0 && mantissa == 0)
        return 0.0;
    const double value = std::ldexp(double(mantissa), exponent - 16383 - 63);
    return (p[0] & 0x80) ? -value : value;
}

bool readAt(std::ifstream& in, std::int64_t offset, unsigned char* dst, std::size_t n)
{
    in.clear();
    in.seekg(offset);
    in.read(reinterpret_cast<char*>(dst), std::streamsize(n));
    return in.gcount() == std::streamsize(n);
}

void readWav(std::ifstream& in, std::int64_t fileSize, FileHeader& h)
{
    std::int64_t pos = 12;
    unsigned blockAlign = 0;
    unsigned char chunk[8];
    for (int guard = 0; guard < 1000 && pos + 8 <= fileSize; ++guard) {
        if (!readAt(in, pos, chunk, 8))
            return;
        const std::uint32_t size = le32(chunk + 4);
        if (std::memcmp(chunk, "fmt ", 4) == 0) {
            unsigned char fmt[16];
            if (size < 16 || !readAt(in, pos + 8, fmt, 16))
                return;
            h.wavFormatTag = le16(fmt);
            h.channels = le16(fmt + 2);
            h.sampleRate = double(le32(fmt + 4));
            blockAlign = le16(fmt + 12);
        } else if (std::memcmp(chunk, "data", 4) == 0) {
            h.hasAudioChunk = true;
            // 0 and 0xFFFFFFFF are what streaming writers leave when they cannot seek back:
            // the header then promises nothing.
            if (blockAlign > 0 && size != 0xFFFFFFFFu && !(size == 0 && fileSize > pos + 8))
                h.promisedFrames = std::int64_t(size / blockAlign);
            return;
        }
        pos += 8 + std::int64_t(size) + (size & 1);
    }
}

void readAiff(std::ifstream& in, std::int64_t fileSize, FileHeader& h)
{
    std::int64_t pos = 12;
    unsigned char chunk[8];
    std::optional<std::int64_t> frames;
    for (int guard = 0; guard < 1000 && pos + 8 <= fileSize; ++guard) {
        if (!readAt(in, pos, chunk, 8))
            break;
        const std::uint32_t size = be32(chunk + 4);
        if (std::memcmp(chunk, "COMM", 4) == 0) {
            unsigned char comm[18];
            if (size < 18 || !readAt(in, pos + 8, comm, 18))
                break;
            h.channels = be16(comm);
            frames = std::int64_t(be32(comm + 2));
            h.sampleRate = extended80(comm + 8);
        } else if (std::memcmp(chunk, "SSND", 4) == 0) {
            h.hasAudioChunk = true;
        }
        pos += 8 + std::int64_t(size) + (size & 1);
    }
    h.promisedFrames = frames;
}

std::uint32_t oggCrc(const unsigned char* data, std::size_t n)
{
    // CRC-32, polynomial 0x04C11DB7, not reflected, initial value 0 (Ogg framing spec).
    static const auto table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t r = i << 24;
            for (int b = 0; b < 8; ++b)
                r = (r & 0x80000000u) ? (r << 1) ^ 0x04C11DB7u : (r << 1);
            t[i] = r;
        }
        return t;
    }();
    std::uint32_t crc = 0;
    for (std::size_t i = 0; i < n; ++i)
        crc = (crc << 8) ^ table[((crc >> 24) ^ data[i]) & 0xFF];
    return crc;
}

std::uint64_t le64(const unsigned char* p) { return le32(p) | (std::uint64_t(le32(p + 4)) << 32); }

// The stated length of a one-stream Ogg file: its last page's granule position (the frame
// count at the end of the last packet). A chained or multiplexed file (the last page of
// another serial number) states nothing we can compare with what libsndfile decodes.
void readOggStatedLength(std::ifstream& in, const unsigned char* lastPage, FileHeader& h)
{
    unsigned char first[27 + 255 + 19];
    if (!readAt(in, 0, first, 27))
        return;
    const unsigned segments = first[26];
    if (!readAt(in, 27, first + 27, segments + 19) || le32(first + 14) != le32(lastPage + 14))
        return;
    const std::uint64_t granule = le64(lastPage + 6);
    if (granule == ~std::uint64_t(0) || granule > (std::uint64_t(1) << 62))
        return; // no packet ends on that page
    const unsigned char* packet = first + 27 + segments;
    if (std::memcmp(packet, "OpusHead", 8) == 0) {
        const std::int64_t preSkip = le16(packet + 10);
        h.statedFrames = std::max<std::int64_t>(std::int64_t(granule) - preSkip, 0);
        h.statedRate = 48000;
    } else if (std::memcmp(packet, "\x01vorbis", 7) == 0) {
        h.statedFrames = std::int64_t(granule);
    }
}

// Finds the last complete Ogg page (capture pattern, fits in the file, correct CRC) in the
// file's tail. A file whose last complete page does not end at the end of the file was cut
// (or has garbage appended). A largest page is 27 + 255 + 255 * 255 = 65307 bytes, so the
// last 128 KiB always hold one complete page if there is one.
void readOgg(std::ifstream& in, std::int64_t fileSize, FileHeader& h)
{
    const std::int64_t window = std::min<std::int64_t>(fileSize, 2 * 65536);
    const std::int64_t base = fileSize - window;
    std::vector<unsigned char> tail(static_cast<std::size_t>(window));
    if (!readAt(in, base, tail.data(), tail.size()))
        return;
    for (std::int64_t i = window - 27; i >= 0; --i) {
        const unsigned char* p = tail.data() + i;
        if (std::memcmp(p, "OggS", 4) != 0 || p[4] != 0)
            continue;
        const unsigned count = p[26];
        if (i + 27 + count > window)
            continue;
        std::int64_t size = 27 + count;
        for (unsigned k = 0; k < count; ++k)
            size += p[27 + k];
        if (i + size > window)
            continue; // runs past the end: a cut page, or "OggS" inside packet data
        std::vector<unsigned char> page(p, p + size);
        const std::uint32_t stored = le32(page.data() + 22);
        std::memset(page.data() + 22, 0, 4);
        if (oggCrc(page.data(), page.size()) != stored)
            continue;
        h.oggLastPageIncomplete = (base + i + size) != fileSize;
        readOggStatedLength(in, p, h);
        return;
    }
    // No complete page in the tail at all: only a cut file looks like this.
    h.oggLastPageIncomplete = true;
}

struct MpegFrameHeader {
    int version = 0;        // 1, 2, or 25 for MPEG 2.5
    int layer = 0;          // 1..3
    bool mono = false;
    int samplesPerFrame = 0;
};

std::optional<MpegFrameHeader> parseMpegHeader(const unsigned char* p)
{
    if (p[0] != 0xFF || (p[1] & 0xE0) != 0xE0)
        return std::nullopt;
    const int versionBits = (p[1] >> 3) & 3, layerBits = (p[1] >> 1) & 3;
    const int bitrateIndex = p[2] >> 4, rateIndex = (p[2] >> 2) & 3;
    if (versionBits == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3)
        return std::nullopt;
    MpegFrameHeader f;
    f.version = versionBits == 3 ? 1 : versionBits == 2 ? 2 : 25;
    f.layer = 4 - layerBits;
    f.mono = (p[3] >> 6) == 3;
    f.samplesPerFrame = f.layer == 1 ? 384 : (f.layer == 2 || f.version == 1) ? 1152 : 576;
    return f;
}

// The first frame of an MP3 may be an information frame instead of audio: Xing/Info (LAME
// adds its tag after it, with the encoder delay and padding) or Fraunhofer's VBRI. Both
// state the frame count, and with it the length; both state the stream's bytes, so a cut
// file is told from a damaged one.
void readMpeg(std::ifstream& in, std::int64_t fileSize, std::int64_t start, FileHeader& h)
{
    unsigned char frame[4 + 32 + 120 + 24] = {};
    const std::size_t n = std::size_t(std::min<std::int64_t>(fileSize - start, sizeof frame));
    if (n < 4 || !readAt(in, start, frame, n))
        return;
    const auto f = parseMpegHeader(frame);
    if (!f)
        return;
    h.mpegAudio = true;
    unsigned char tail[128] = {};
    const bool id3v1 = fileSize - start >= 128 && readAt(in, fileSize - 128, tail, 128) && std::memcmp(tail, "TAG", 3) == 0;
    const std::int64_t streamBytes = fileSize - start - (id3v1 ? 128 : 0);
    const auto stated = [&](std::int64_t frames, std::int64_t bytes, std::int64_t trimmed) {
        h.mpegStatedFrames = frames;
        h.statedFrames = std::max<std::int64_t>(frames * f->samplesPerFrame - trimmed, 0);
        h.mpegBytesShort = bytes > 0 && streamBytes < bytes;
    };
    if (f->layer == 3) {
        const std::size_t sideInfo = f->version == 1 ? (f->mono ? 17 : 32) : (f->mono ? 9 : 17);
        const unsigned char* x = frame + 4 + sideInfo;
        if (std::memcmp(x, "Xing", 4) == 0 || std::memcmp(x, "Info", 4) == 0) {
            const std::uint32_t flags = be32(x + 4);
            std::size_t at = 8;
            std::int64_t frames = -1, bytes = 0;
            if (flags & 1) { frames = be32(x + at); at += 4; }
            if (flags & 2) { bytes = be32(x + at); at += 4; }
            if (flags & 4) at += 100;
            if (flags & 8) at += 4;
            if (frames < 0)
                return;
            std::int64_t trimmed = 0;
            // LAME tag: 9 bytes of encoder name, ..., at +21 delay and padding, 12 bits each.
            const unsigned char* lame = x + at;
            if (lame + 24 <= frame + n &&
                (std::memcmp(lame, "LAME", 4) == 0 || std::memcmp(lame, "Lavc", 4) == 0 || std::memcmp(lame, "Lavf", 4) == 0))
                trimmed = ((lame[21] << 4) | (lame[22] >> 4)) + (((lame[22] & 0x0F) << 8) | lame[23]);
            stated(frames, bytes, trimmed);
            return;
        }
    }
    const unsigned char* v = frame + 4 + 32;
    if (std::memcmp(v, "VBRI", 4) == 0)
        stated(be32(v + 14), be32(v + 10), 0);
}

void readId3(std::ifstream& in, std::int64_t fileSize, const unsigned char* head, FileHeader& h)
{
    // ID3v2 size: four 7-bit "syncsafe" bytes, excluding the 10-byte header (+10 footer).
    const std::int64_t tagSize = (std::int64_t(head[6] & 0x7F) << 21) | ((head[7] & 0x7F) << 14) |
                                 ((head[8] & 0x7F) << 7) | (head[9] & 0x7F);
    const std::int64_t audioStart = 10 + tagSize + ((head[5] & 0x10) ? 10 : 0);
    // An MPEG frame starts with 11 set sync bits; look for one after the tag.
    std::vector<unsigned char> rest(std::size_t(std::clamp<std::int64_t>(fileSize - audioStart, 0, 1 << 20)));
    if (!rest.empty() && !readAt(in, audioStart, rest.data(), rest.size()))
        return;
    for (std::size_t i = 0; i + 1 < rest.size(); ++i)
        if (rest[i] == 0xFF && (rest[i + 1] & 0xE0) == 0xE0) {
            if (i == 0 || (i + 4 <= rest.size() && parseMpegHeader(rest.data() + i) && std::count(rest.begin(), rest.begin() + std::ptrdiff_t(i), 0) == std::ptrdiff_t(i)))
                readMpeg(in, fileSize, audioStart + std::int64_t(i), h);
            return;
        }
    h.id3WithoutAudio = fileSize <= (1 << 20) + audioStart;
}

} // namespace

bool isKnownWavFormatTag(unsigned tag)
{
    switch (tag) {
    case 0x0001: // PCM
    case 0x0002: // MS ADPCM
    case 0x0003: // IEEE float
    case 0x0006: // A-law
    case 0x0007: // mu-law
    case 0x0011: // IMA ADPCM
    case 0x0031: // GSM 6.10
    case 0x0040: // G721
    case 0x0055: // MPEG layer III
    case 0xFFFE: // extensible
        return true;
    default:
        return false;
    }
}

FileHeader readFileHeader(const std::string& path)
{
    FileHeader h;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return h;
    in.seekg(0, std::ios::end);
    const std::int64_t fileSize = std::int64_t(in.tellg());
    unsigned char head[12] = {};
    if (fileSize < 4 || !readAt(in, 0, head, std::size_t(std::min<std::int64_t>(fileSize, 12))))
        return h;
    if (fileSize >= 12 && std::memcmp(head, "RIFF", 4) == 0 && std::memcmp(head + 8, "WAVE", 4) == 0) {
        h.container = Container::Wav;
        readWav(in, fileSize, h);
    } else if (fileSize >= 12 && std::memcmp(head, "FORM", 4) == 0 &&
               (std::memcmp(head + 8, "AIFF", 4) == 0 || std::memcmp(head + 8, "AIFC", 4) == 0)) {
        h.container = Container::Aiff;
        readAiff(in, fileSize, h);
    } else if (std::memcmp(head, "OggS", 4) == 0) {
        h.container = Container::Ogg;
        readOgg(in, fileSize, h);
    } else if (std::memcmp(head, "fLaC", 4) == 0) {
        h.container = Container::Flac;
    } else if (fileSize >= 10 && std::memcmp(head, "ID3", 3) == 0) {
        h.container = Container::Id3;
        readId3(in, fileSize, head, h);
    } else if (parseMpegHeader(head)) {
        h.container = Container::Mpeg;
        readMpeg(in, fileSize, 0, h);
    }
    return h;
}

} // namespace earlab::detail
