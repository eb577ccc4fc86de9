#pragma once
// Internal to audio/io: why a file cannot be read (or was read with damage worked around),
// said as precisely as its header and the decoder allow, as the AudioError kinds and the
// order of checks audio_file.h documents.

#include <sys/stat.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace earlab::detail {

struct ReadHandle;

// Folder, FIFO, device, socket or empty file: NotRegularFile or NotAudio.
void checkIsRegularFile(const std::string& path, const struct stat& st);
// Outside [kMinSampleRate, kMaxSampleRate]: AbsurdSampleRate.
void checkSampleRate(const std::string& path, double rate);
// 0 or more than kMaxChannels: AbsurdChannelCount.
void checkChannelCount(const std::string& path, int channels);

// sf_open failed: say why as precisely as the header and libsndfile's code allow.
[[noreturn]] void failOpen(const std::string& path, int code, const std::string& sfText);

// The first frame in `chunk` (interleaved, `frames` frames) holding a NaN or infinity, or -1.
std::int64_t firstNonFinite(const float* chunk, std::size_t frames, int channels);
// DecodeFailed: invalid samples from frame `firstBad`.
[[noreturn]] void failNonFinite(const std::string& path, std::int64_t firstBad);

// After the last read (it returned 0): the checks on the whole decode (a decoder error, a
// cut file, no frames), and for MPEG audio the damage warning in h.warnings.
void checkDecodeEnd(const std::string& path, ReadHandle& h, const std::optional<std::int64_t>& promised,
                    std::int64_t total);

} // namespace earlab::detail
