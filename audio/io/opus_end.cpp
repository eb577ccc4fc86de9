#include "audio/io/opus_end.h"

#include "audio/io/audio_file_shared.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

namespace earlab::detail {

namespace {

// The Ogg page header (RFC 3533 section 6): "OggS", version, flags, granule position (64-bit
// little-endian at byte 6), serial, sequence number, CRC (at byte 22), segment count (byte
// 26), then the segment table.
constexpr std::size_t kOggHeader = 27;
constexpr std::size_t kGranuleAt = 6, kCrcAt = 22, kSegmentsAt = 26;
constexpr unsigned char kEndOfStream = 0x04;
constexpr std::size_t kMaxPage = kOggHeader + 255 + 255 * 255;

// Ogg's CRC-32: polynomial 0x04c11db7, not reflected, initial value 0, no final xor.
std::uint32_t oggCrc(const unsigned char* data, std::size_t size)
{
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t r = i << 24;
            for (int b = 0; b < 8; ++b)
                r = (r & 0x80000000u) ? (r << 1) ^ 0x04c11db7u : r << 1;
            t[i] = r;
        }
        return t;
    }();
    std::uint32_t crc = 0;
    for (std::size_t i = 0; i < size; ++i)
        crc = (crc << 8) ^ table[((crc >> 24) ^ data[i]) & 0xff];
    return crc;
}

std::uint64_t readLe(const unsigned char* p, int bytes)
{
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

void writeLe(unsigned char* p, std::uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; ++i, v >>= 8)
        p[i] = static_cast<unsigned char>(v & 0xff);
}

// The length of the page starting at `p` (at most `available` bytes), or 0 if it is not one.
std::size_t pageLength(const unsigned char* p, std::size_t available)
{
    if (available < kOggHeader || std::memcmp(p, "OggS", 4) != 0 || p[4] != 0)
        return 0;
    const std::size_t segments = p[kSegmentsAt];
    if (available < kOggHeader + segments)
        return 0;
    std::size_t length = kOggHeader + segments;
    for (std::size_t i = 0; i < segments; ++i)
        length += p[kOggHeader + i];
    return length <= available ? length : 0;
}

bool readAt(int fd, unsigned char* into, std::size_t size, off_t at)
{
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::pread(fd, into + done, size - done, at + off_t(done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += std::size_t(n);
    }
    return true;
}

} // namespace

int opusPreskip(int fd)
{
    // The first page holds only the OpusHead packet: "OpusHead", version, channel count, then
    // the pre-skip (16-bit little-endian) at byte 10 of the packet.
    std::array<unsigned char, kOggHeader + 1 + 12> head{};
    if (!readAt(fd, head.data(), head.size(), 0) || pageLength(head.data(), kMaxPage) == 0 ||
        head[kSegmentsAt] != 1)
        return kOpusDefaultPreskip;
    const unsigned char* packet = head.data() + kOggHeader + 1;
    if (std::memcmp(packet, "OpusHead", 8) != 0)
        return kOpusDefaultPreskip;
    return int(readLe(packet + 10, 2));
}

std::uint64_t opusEndPaddingFrames(std::uint64_t frames, int fileRate, int preskip48)
{
    if (frames == 0 || fileRate <= 0 || 48000 % fileRate != 0)
        return 0;
    const std::uint64_t factor = std::uint64_t(48000 / fileRate); // 48 kHz samples per frame
    const std::uint64_t packet = std::uint64_t(fileRate / 50);     // libsndfile's 20 ms packets
    // What libsndfile's buffer holds at sf_close: 1 to `packet` frames (a full buffer is
    // encoded only when the next frame arrives).
    const std::uint64_t left = (frames - 1) % packet + 1;
    // One whole 20 ms packet at the end: left + pre-skip within 20 ms (one packet) and above
    // 10 ms (else libsndfile shortens it), in 48 kHz samples.
    const std::uint64_t pre = std::uint64_t(preskip48);
    if (pre >= 480)
        return 0; // no such case; never with libopus
    const std::uint64_t low = 481 - pre, high = 960 - pre; // bounds for left * factor
    const auto framesFor = [&](std::uint64_t samples48) { return (samples48 + factor - 1) / factor; };
    if (left * factor >= low && left * factor <= high)
        return 0;
    if (left * factor < low)
        return framesFor(low - left * factor);
    return packet - left + std::max<std::uint64_t>(1, framesFor(low)); // into the next packet
}

std::string trimOggOpusEnd(int fd, std::uint64_t samples48)
{
    struct stat st{};
    if (::fstat(fd, &st) != 0)
        return osError(errno);
    const std::size_t size = std::size_t(st.st_size);
    const std::size_t tailSize = std::min(size, kMaxPage);
    const off_t tailAt = off_t(size - tailSize);
    std::vector<unsigned char> tail(tailSize);
    if (!readAt(fd, tail.data(), tailSize, tailAt))
        return "cannot read the end of the Ogg stream back";
    // The last page: the one that starts at an "OggS" and ends exactly at the end of the file,
    // with a valid CRC (the capture pattern could occur inside packet data).
    for (std::size_t at = tailSize >= kOggHeader ? tailSize - kOggHeader + 1 : 0; at-- > 0;) {
        unsigned char* page = tail.data() + at;
        const std::size_t length = pageLength(page, tailSize - at);
        if (length == 0 || at + length != tailSize)
            continue;
        const std::uint32_t crc = std::uint32_t(readLe(page + kCrcAt, 4));
        writeLe(page + kCrcAt, 0, 4);
        if (oggCrc(page, length) != crc) {
            writeLe(page + kCrcAt, crc, 4);
            continue;
        }
        const std::uint64_t granule = readLe(page + kGranuleAt, 8);
        if (!(page[5] & kEndOfStream) || granule < samples48)
            return "the Ogg stream's last page is not an end-of-stream page that can be trimmed";
        writeLe(page + kGranuleAt, granule - samples48, 8);
        writeLe(page + kCrcAt, oggCrc(page, length), 4);
        const off_t pageAt = tailAt + off_t(at);
        if (::pwrite(fd, page, kOggHeader, pageAt) != ssize_t(kOggHeader))
            return osError(errno);
        return {};
    }
    return "the Ogg stream's last page was not found";
}

} // namespace earlab::detail
