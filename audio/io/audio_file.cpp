#include "audio/io/audio_file.h"
#include "audio/io/audio_stream.h"

#include "audio/audio_error.h"
#include "audio/io/audio_file_shared.h"
#include "audio/io/downmix.h"
#include "audio/io/file_header.h"
#include "audio/io/mpeg_decoder.h"
#include "audio/io/resampler.h"

#include <sndfile.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <condition_variable>
#include <deque>
#include <exception>
#include <system_error>
#include <thread>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <vector>

namespace earlab {

namespace {

using detail::Container;
using detail::FileHeader;

constexpr sf_count_t kChunkFrames = 65536;
// libsndfile's internal code for "File does not exist or is not a regular file". Its MPEG
// reader returns it for any file mpg123 cannot parse; by then we have already checked that
// the path is an existing regular file, so the text would mislead and is left out.
constexpr int kSfeBadFile = 7;

using detail::fail;
using detail::osError;
using detail::sfOpenMutex;

// ---------------------------------------------------------------------------------------
// Reading

struct ReadHandle {
    int fd = -1;
    SNDFILE* file = nullptr;
    SF_INFO info{};
    FileHeader header; // read independently of libsndfile, see file_header.h
    std::unique_ptr<detail::MpegDecoder> mpeg; // MPEG audio: decoded here instead of by `file`
    std::vector<std::string> warnings;         // AudioFileInfo::warnings
    ReadHandle() = default;
    ReadHandle(const ReadHandle&) = delete;
    ReadHandle& operator=(const ReadHandle&) = delete;
    ~ReadHandle()
    {
        mpeg.reset();
        if (file)
            sf_close(file);
        if (fd >= 0)
            ::close(fd);
    }
};

void checkIsRegularFile(const std::string& path, const struct stat& st)
{
    if (S_ISDIR(st.st_mode))
        fail(AudioErrorKind::NotRegularFile, path, "is a folder, not an audio file");
    if (S_ISFIFO(st.st_mode))
        fail(AudioErrorKind::NotRegularFile, path, "is a named pipe (FIFO), not an audio file");
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
        fail(AudioErrorKind::NotRegularFile, path, "is a device, not an audio file");
    if (S_ISSOCK(st.st_mode))
        fail(AudioErrorKind::NotRegularFile, path, "is a socket, not an audio file");
    if (!S_ISREG(st.st_mode))
        fail(AudioErrorKind::NotRegularFile, path, "is not a regular file");
    if (st.st_size == 0)
        fail(AudioErrorKind::NotAudio, path, "empty file (0 bytes)");
}

std::string rateText(double rate)
{
    if (rate == std::floor(rate) && rate < 1e12)
        return std::to_string(static_cast<long long>(rate)) + " Hz";
    return std::to_string(rate) + " Hz";
}

void checkSampleRate(const std::string& path, double rate)
{
    if (!(rate >= kMinSampleRate && rate <= kMaxSampleRate))
        fail(AudioErrorKind::AbsurdSampleRate, path,
             "sample rate " + rateText(rate) + " is outside the playable range " + std::to_string(kMinSampleRate) +
                 " to " + std::to_string(kMaxSampleRate) + " Hz; the header is probably damaged");
}

void checkChannelCount(const std::string& path, int channels)
{
    if (channels <= 0)
        fail(AudioErrorKind::AbsurdChannelCount, path, "the header says the file has 0 channels");
    if (channels > kMaxChannels)
        fail(AudioErrorKind::AbsurdChannelCount, path,
             "the file has " + std::to_string(channels) + " channels; EarLab plays at most " +
                 std::to_string(kMaxChannels));
}

std::string truncatedCause(std::int64_t promised, std::int64_t held)
{
    return "the file is truncated: header promises " + std::to_string(promised) + " frames, file holds " +
           std::to_string(held);
}

// sf_open failed: say why as precisely as the header and libsndfile's code allow.
[[noreturn]] void failOpen(const std::string& path, int code, const std::string& sfText)
{
    const FileHeader h = detail::readFileHeader(path);
    const std::string libsndfile = " (libsndfile: " + sfText + ")";

    if (h.container == Container::Wav || h.container == Container::Aiff) {
        if (h.channels)
            checkChannelCount(path, *h.channels);
        if (h.sampleRate)
            checkSampleRate(path, *h.sampleRate);
        if (h.wavFormatTag && !detail::isKnownWavFormatTag(*h.wavFormatTag)) {
            char tag[8];
            std::snprintf(tag, sizeof tag, "0x%04X", *h.wavFormatTag);
            fail(AudioErrorKind::UnsupportedEncoding, path,
                 std::string("WAV file with an unsupported encoding (format tag ") + tag + ")" + libsndfile);
        }
        if (h.channels && !h.hasAudioChunk) {
            if (h.promisedFrames && *h.promisedFrames > 0)
                fail(AudioErrorKind::Truncated, path, truncatedCause(*h.promisedFrames, 0) + " (no audio data chunk)");
            fail(AudioErrorKind::ZeroFrames, path, "the file has a header but no audio data" + libsndfile);
        }
    }
    if (h.container == Container::Ogg && h.oggLastPageIncomplete)
        fail(AudioErrorKind::Truncated, path, "the file is truncated: it ends in the middle of an Ogg page" + libsndfile);
    if (h.container == Container::Id3 && h.id3WithoutAudio)
        fail(AudioErrorKind::ZeroFrames, path, "the file holds an ID3 tag but no MP3 audio frames");

    switch (code) {
    case SF_ERR_UNRECOGNISED_FORMAT:
        fail(AudioErrorKind::NotAudio, path, "not an audio file in any format EarLab reads" + libsndfile);
    case SF_ERR_SYSTEM:
        fail(AudioErrorKind::Unreadable, path, "cannot be read" + libsndfile);
    case SF_ERR_UNSUPPORTED_ENCODING:
        fail(AudioErrorKind::UnsupportedEncoding, path, "the file's encoding is not supported" + libsndfile);
    case SF_ERR_MALFORMED_FILE:
        fail(AudioErrorKind::NotAudio, path, "the file is damaged: its header cannot be parsed" + libsndfile);
    case kSfeBadFile:
        fail(AudioErrorKind::NotAudio, path, "not an audio file: the decoder found no audio in it");
    default:
        fail(AudioErrorKind::NotAudio, path, "not a readable audio file" + libsndfile);
    }
}

// MPEG audio goes to our own libmpg123 handle (mpeg_decoder.h says why); SF_INFO is filled
// as libsndfile would, so the rest of the loader treats it like any other file.
void openMpeg(const std::string& path, ReadHandle& h)
{
    std::string text;
    h.mpeg = detail::MpegDecoder::open(h.fd, text);
    if (!h.mpeg) {
        if (h.header.container == Container::Id3 && h.header.id3WithoutAudio)
            fail(AudioErrorKind::ZeroFrames, path, "the file holds an ID3 tag but no MP3 audio frames");
        fail(AudioErrorKind::NotAudio, path, "not an audio file: the decoder found no audio in it");
    }
    checkChannelCount(path, h.mpeg->channels());
    checkSampleRate(path, h.mpeg->sampleRate());
    const int layer = h.mpeg->layer();
    h.info.samplerate = h.mpeg->sampleRate();
    h.info.channels = h.mpeg->channels();
    h.info.format = SF_FORMAT_MPEG | (layer == 1   ? SF_FORMAT_MPEG_LAYER_I
                                      : layer == 2 ? SF_FORMAT_MPEG_LAYER_II
                                                   : SF_FORMAT_MPEG_LAYER_III);
    h.info.frames = std::max<std::int64_t>(h.mpeg->lengthEstimate(), 0);
    h.info.seekable = SF_FALSE;
}

void open(const std::string& path, ReadHandle& h)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        const int err = errno;
        if (err == ENOENT || err == ENOTDIR)
            fail(AudioErrorKind::FileNotFound, path, "no such file");
        fail(AudioErrorKind::Unreadable, path, "cannot be examined: " + osError(err));
    }
    checkIsRegularFile(path, st);

    // O_NONBLOCK: should the path be swapped for a FIFO after the stat, open() still returns
    // at once and the fstat below refuses it.
    h.fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (h.fd < 0) {
        const int err = errno;
        if (err == ENOENT)
            fail(AudioErrorKind::FileNotFound, path, "no such file");
        fail(AudioErrorKind::Unreadable, path, "cannot be opened: " + osError(err));
    }
    if (::fstat(h.fd, &st) != 0)
        fail(AudioErrorKind::Unreadable, path, "cannot be examined: " + osError(errno));
    checkIsRegularFile(path, st);
    ::fcntl(h.fd, F_SETFL, ::fcntl(h.fd, F_GETFL) & ~O_NONBLOCK);

    h.header = detail::readFileHeader(path);
    if (h.header.mpegAudio) {
        openMpeg(path, h);
        return;
    }

    int code = 0;
    std::string text;
    {
        std::lock_guard lock(sfOpenMutex());
        h.file = sf_open_fd(h.fd, SFM_READ, &h.info, SF_FALSE);
        if (!h.file) {
            code = sf_error(nullptr);
            text = sf_strerror(nullptr);
        }
    }
    if (!h.file)
        failOpen(path, code, text);

    checkChannelCount(path, h.info.channels);
    checkSampleRate(path, h.info.samplerate);

    // libsndfile opens some cut Ogg files and just decodes less; the page structure tells.
    if (h.header.container == Container::Ogg && h.header.oggLastPageIncomplete)
        fail(AudioErrorKind::Truncated, path, "the file is truncated: it ends in the middle of an Ogg page");
}

std::string formatName(const SF_INFO& info)
{
    const int major = info.format & SF_FORMAT_TYPEMASK;
    const int sub = info.format & SF_FORMAT_SUBMASK;
    switch (major) {
    case SF_FORMAT_WAV:
    case SF_FORMAT_WAVEX: return "WAV";
    case SF_FORMAT_RF64: return "RF64";
    case SF_FORMAT_W64: return "Wave64";
    case SF_FORMAT_AIFF: return "AIFF";
    case SF_FORMAT_FLAC: return "FLAC";
    case SF_FORMAT_CAF: return "CAF";
    case SF_FORMAT_AU: return "AU";
    case SF_FORMAT_OGG:
        if (sub == SF_FORMAT_VORBIS) return "Ogg Vorbis";
        if (sub == SF_FORMAT_OPUS) return "Opus";
        return "Ogg";
    case SF_FORMAT_MPEG:
        if (sub == SF_FORMAT_MPEG_LAYER_III) return "MP3";
        if (sub == SF_FORMAT_MPEG_LAYER_II) return "MP2";
        return "MPEG audio";
    default: break;
    }
    SF_FORMAT_INFO fi{};
    fi.format = major;
    if (sf_command(nullptr, SFC_GET_FORMAT_INFO, &fi, sizeof fi) == 0 && fi.name)
        return fi.name;
    return "unknown";
}

std::string encodingName(const SF_INFO& info)
{
    const int sub = info.format & SF_FORMAT_SUBMASK;
    switch (sub) {
    case SF_FORMAT_PCM_S8:
    case SF_FORMAT_PCM_U8: return "PCM 8-bit";
    case SF_FORMAT_PCM_16: return "PCM 16-bit";
    case SF_FORMAT_PCM_24: return "PCM 24-bit";
    case SF_FORMAT_PCM_32: return "PCM 32-bit";
    case SF_FORMAT_FLOAT: return "float 32-bit";
    case SF_FORMAT_DOUBLE: return "float 64-bit";
    case SF_FORMAT_ULAW: return "mu-law";
    case SF_FORMAT_ALAW: return "A-law";
    case SF_FORMAT_IMA_ADPCM: return "IMA ADPCM";
    case SF_FORMAT_MS_ADPCM: return "MS ADPCM";
    case SF_FORMAT_VORBIS: return "Vorbis";
    case SF_FORMAT_OPUS: return "Opus";
    case SF_FORMAT_MPEG_LAYER_I: return "MPEG layer I";
    case SF_FORMAT_MPEG_LAYER_II: return "MPEG layer II";
    case SF_FORMAT_MPEG_LAYER_III: return "MPEG layer III";
    default: break;
    }
    SF_FORMAT_INFO fi{};
    fi.format = sub;
    if (sf_command(nullptr, SFC_GET_FORMAT_INFO, &fi, sizeof fi) == 0 && fi.name)
        return fi.name;
    return "unknown";
}

// Formats whose header states the length in a field libsndfile reads (SF_INFO.frames), so a
// shorter decode means a cut file. For MP3 libsndfile only estimates it (with the padding)
// and for Ogg it reads no length at all: file_header.h reads what those files state.
bool headerStatesLength(const SF_INFO& info)
{
    const int major = info.format & SF_FORMAT_TYPEMASK;
    return major != SF_FORMAT_MPEG && major != SF_FORMAT_OGG;
}

// An MP3's stated frame count may or may not include its information frame, depending on
// the encoder: a decode one MPEG frame short is not a cut file.
std::int64_t statedSlack(const ReadHandle& h)
{
    return h.mpeg ? (h.mpeg->layer() == 1 ? 384 : (h.mpeg->layer() == 3 && h.info.samplerate < 32000) ? 576 : 1152) : 0;
}

// Receives each decoded block: `frames` interleaved frames, all finite.
using BlockSink = std::function<void(const float* interleaved, std::size_t frames)>;

// The frame count a header promises, for formats whose header states the length.
std::optional<std::int64_t> promisedFrames(const ReadHandle& h)
{
    if (h.header.statedFrames) {
        const int rate = h.header.statedRate;
        if (rate == 0 || rate == h.info.samplerate)
            return h.header.statedFrames;
        return *h.header.statedFrames * h.info.samplerate / rate;
    }
    if (!headerStatesLength(h.info))
        return std::nullopt;
    const int major = h.info.format & SF_FORMAT_TYPEMASK;
    // libsndfile clamps WAV/AIFF lengths to the bytes present; the header itself does not.
    if ((major == SF_FORMAT_WAV || major == SF_FORMAT_WAVEX || major == SF_FORMAT_AIFF) && h.header.promisedFrames)
        return h.header.promisedFrames;
    if (h.info.frames > 0)
        return std::int64_t(h.info.frames);
    return std::nullopt;
}

// For progress: the best guess of the length before decoding.
double expectedFrames(const ReadHandle& h)
{
    return double(std::max<std::int64_t>(promisedFrames(h).value_or(h.info.frames), 1));
}

// The first frame in `chunk` (interleaved, `frames` frames) holding a NaN or infinity, or -1.
std::int64_t firstNonFinite(const float* chunk, std::size_t frames, int channels)
{
    const std::size_t n = frames * std::size_t(channels);
    bool finite = true;
    for (std::size_t i = 0; i < n; ++i)
        finite &= std::isfinite(chunk[i]);
    if (finite)
        return -1;
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isfinite(chunk[i]))
            return std::int64_t(i / std::size_t(channels));
    return -1;
}

[[noreturn]] void failNonFinite(const std::string& path, std::int64_t firstBad)
{
    fail(AudioErrorKind::DecodeFailed, path,
         "the file holds invalid samples (NaN or infinity) from frame " + std::to_string(firstBad) +
             "; it is damaged");
}

// One decoder call: libsndfile's, or libmpg123's for MPEG audio.
sf_count_t readFrames(ReadHandle& h, float* interleaved, sf_count_t frames)
{
    return h.mpeg ? sf_count_t(h.mpeg->read(interleaved, frames)) : sf_readf_float(h.file, interleaved, frames);
}

// The decoder's error after the last read, or empty.
std::string decoderError(ReadHandle& h)
{
    if (h.mpeg)
        return h.mpeg->errorText();
    return sf_error(h.file) != SF_ERR_NO_ERROR ? std::string(sf_strerror(h.file)) : std::string();
}

std::string secondsText(double seconds)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", seconds);
    return text;
}

// Damaged MPEG frames the decoder skipped (resynchronising after junk, or a header corrupted
// into another layer, rate or channel count) or muted (decoded to noise above +6 dBFS): a
// warning naming the file, or none. With a stated frame count the skipped frames are
// counted exactly; without one, each resync skipped at least one frame.
void noteMpegDamage(const std::string& path, ReadHandle& h, const std::optional<std::int64_t>& promised,
                    std::int64_t total)
{
    const detail::MpegDecoder& d = *h.mpeg;
    if (d.resyncs() == 0 && d.droppedFrames() == 0 && d.mutedFrames() == 0)
        return;
    const bool counted = h.header.mpegStatedFrames.has_value();
    const std::int64_t skipped =
        counted ? std::max<std::int64_t>(*h.header.mpegStatedFrames - d.framesDecoded(), d.droppedFrames())
                : d.droppedFrames() + d.resyncs();
    const auto frames = [](std::int64_t n) { return std::to_string(n) + (n == 1 ? " damaged MPEG frame was" : " damaged MPEG frames were"); };
    std::string cause;
    if (skipped > 0)
        cause = (counted ? "" : "at least ") + frames(skipped) + " skipped";
    if (d.mutedFrames() > 0)
        cause += skipped > 0 ? " and " + std::to_string(d.mutedFrames()) + " muted" : frames(d.mutedFrames()) + " muted";
    cause += " (the decoder lost sync " + std::to_string(d.resyncs()) + (d.resyncs() == 1 ? " time" : " times");
    if (d.mutedFrames() > 0)
        cause += "; muted frames decoded to noise above +6 dBFS";
    if (promised && total < *promised)
        cause += "; " + secondsText(double(*promised - total) / h.info.samplerate) + " s of the " +
                 secondsText(double(*promised) / h.info.samplerate) + " s the header states are missing";
    h.warnings.push_back(path + ": " + cause + ")");
}

// After the last read (it returned 0): the checks on the whole decode.
void checkDecodeEnd(const std::string& path, ReadHandle& h, const std::optional<std::int64_t>& promised,
                    std::int64_t total)
{
    const std::string text = decoderError(h);
    if (!text.empty()) {
        const std::string decoder = h.mpeg ? " (libmpg123: " : " (libsndfile: ";
        // An MP3 that holds every byte its header states was not cut but is damaged.
        if (promised && total < *promised && !(h.mpeg && !h.header.mpegBytesShort))
            fail(AudioErrorKind::Truncated, path, truncatedCause(*promised, total) + decoder + text + ")");
        fail(AudioErrorKind::DecodeFailed, path,
             "decoding stopped after " + std::to_string(total) + " frames: " + text);
    }
    if (h.mpeg) {
        // Short, and the stream holds every byte it states, but damaged frames were
        // skipped: the song is all there bar those frames, which the warning counts.
        const bool damaged = h.mpeg->resyncs() > 0 || h.mpeg->droppedFrames() > 0;
        const bool cut = promised && total + statedSlack(h) < *promised && (h.header.mpegBytesShort || !damaged);
        if (cut)
            fail(AudioErrorKind::Truncated, path, truncatedCause(*promised, total));
        noteMpegDamage(path, h, promised, total);
    } else if (promised && total < *promised) {
        fail(AudioErrorKind::Truncated, path, truncatedCause(*promised, total));
    }
    if (total == 0)
        fail(AudioErrorKind::ZeroFrames, path, "the file has a valid header but no audio (0 frames)");
}

// Receives each decoded block before it is checked: returns false if the block holds a NaN
// or infinity (and must then not have passed the block on).
using CheckingSink = std::function<bool(const float* interleaved, std::size_t frames)>;

// Decodes everything, handing each block to `sink` (may be empty). Returns the frame count.
// With `takeTail`: on reaching frame `splitAt` it is called; if it returns n >= 0 it has
// delivered the remaining n frames itself (decoded elsewhere and fully checked) and decoding
// stops there; -1 means carry on here.
std::int64_t decode(const std::string& path, ReadHandle& h, const BlockSink& sink,
                    const CheckingSink& checkingSink = {}, std::int64_t splitAt = -1,
                    const std::function<std::int64_t()>& takeTail = {})
{
    const int channels = h.info.channels;
    const std::optional<std::int64_t> promised = promisedFrames(h);

    std::vector<float> chunk(std::size_t(kChunkFrames) * std::size_t(channels));
    std::int64_t total = 0;
    for (;;) {
        sf_count_t want = kChunkFrames;
        if (takeTail && total < splitAt)
            want = std::min<sf_count_t>(want, splitAt - total);
        else if (takeTail && total == splitAt) {
            const std::int64_t tail = takeTail();
            if (tail >= 0) {
                total += tail;
                break;
            }
        }
        const sf_count_t got = readFrames(h, chunk.data(), want);
        if (got <= 0)
            break;
        if (checkingSink) {
            if (!checkingSink(chunk.data(), std::size_t(got)))
                failNonFinite(path, total + firstNonFinite(chunk.data(), std::size_t(got), channels));
            total += got;
            continue;
        }
        const std::int64_t bad = firstNonFinite(chunk.data(), std::size_t(got), channels);
        if (bad >= 0)
            failNonFinite(path, total + bad); // nothing after a NaN is worth decoding
        if (sink)
            sink(chunk.data(), std::size_t(got));
        total += got;
    }
    checkDecodeEnd(path, h, promised, total);
    return total;
}

AudioFileInfo describe(const std::string& path, const ReadHandle& h, std::int64_t frames)
{
    const SF_INFO& info = h.info;
    AudioFileInfo out;
    out.warnings = h.warnings;
    out.path = path;
    out.format = formatName(info);
    out.encoding = encodingName(info);
    out.channels = info.channels;
    out.sampleRate = info.samplerate;
    out.frames = frames;
    out.durationSeconds = double(frames) / double(info.samplerate);
    return out;
}

void deinterleaveAppend(const float* interleaved, std::size_t frames, std::vector<std::vector<float>>& planar)
{
    const std::size_t channels = planar.size();
    if (channels == 2) {
        auto& l = planar[0];
        auto& r = planar[1];
        const std::size_t base = l.size();
        l.resize(base + frames);
        r.resize(base + frames);
        for (std::size_t i = 0; i < frames; ++i) {
            l[base + i] = interleaved[2 * i];
            r[base + i] = interleaved[2 * i + 1];
        }
        return;
    }
    for (std::size_t c = 0; c < channels; ++c) {
        auto& dst = planar[c];
        const std::size_t base = dst.size();
        dst.resize(base + frames);
        for (std::size_t i = 0; i < frames; ++i)
            dst[base + i] = interleaved[i * channels + c];
    }
}

inline bool isFiniteBits(float v)
{
    std::uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    return (bits & 0x7f800000u) != 0x7f800000u;
}

// Makes each planar[c] exactly `frames` long holding channel c of `interleaved`. Returns
// false if any sample is a NaN or infinity.
bool deinterleaveInto(const float* interleaved, std::size_t frames, std::vector<std::vector<float>>& planar)
{
    const std::size_t channels = planar.size();
    bool finite = true;
    if (channels == 2) {
        planar[0].resize(frames);
        planar[1].resize(frames);
        float* l = planar[0].data();
        float* r = planar[1].data();
        for (std::size_t i = 0; i < frames; ++i) {
            const float a = interleaved[2 * i];
            const float b = interleaved[2 * i + 1];
            finite &= isFiniteBits(a) & isFiniteBits(b);
            l[i] = a;
            r[i] = b;
        }
        return finite;
    }
    for (std::size_t c = 0; c < channels; ++c) {
        planar[c].resize(frames);
        float* dst = planar[c].data();
        for (std::size_t i = 0; i < frames; ++i) {
            const float v = interleaved[i * channels + c];
            finite &= isFiniteBits(v);
            dst[i] = v;
        }
    }
    return finite;
}

// Asks the kernel for transparent huge pages on the storage behind `v` (already reserved):
// a 10-minute song's output otherwise costs ~60 000 page faults. Only advice; ignored where
// unsupported.
void adviseHugePages(const float* data, std::size_t count)
{
#ifdef MADV_HUGEPAGE
    constexpr std::uintptr_t kHuge = std::uintptr_t(2) << 20;
    const auto begin = reinterpret_cast<std::uintptr_t>(data);
    const auto end = begin + count * sizeof(float);
    const std::uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1);
    const std::uintptr_t last = end & ~(kHuge - 1);
    if (last > first)
        ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
    (void)data;
    (void)count;
#endif
}

// Decode into one buffer, then convert to stereo.
std::int64_t decodePlain(const std::string& path, ReadHandle& h, const LoadOptions& options, AudioBuffer& audio)
{
    audio.sampleRate = h.info.samplerate;
    audio.channels.assign(std::size_t(h.info.channels), {});
    const auto reserve = std::size_t(std::min<std::int64_t>(h.info.frames, std::int64_t(1) << 27));
    for (auto& ch : audio.channels)
        ch.reserve(reserve);
    const double expected = expectedFrames(h);
    const std::int64_t frames = decode(path, h, [&](const float* x, std::size_t n) {
        deinterleaveAppend(x, n, audio.channels);
        if (options.progress)
            options.progress(0.99 * std::min(1.0, double(audio.frames()) / expected));
    });
    if (options.stereo)
        audio = toStereo(std::move(audio));
    return frames;
}

// A decoded block: planar channel pointers kept alive by `owner`.
struct Block {
    std::shared_ptr<const void> owner;
    std::vector<const float*> channels;
    std::size_t frames = 0;

    Block() = default;
    Block(std::shared_ptr<const AudioBuffer> buffer) // NOLINT: implicit on purpose
    {
        for (const auto& ch : buffer->channels)
            channels.push_back(ch.data());
        frames = buffer->frames();
        owner = std::move(buffer);
    }
    void reset() { *this = Block(); }
};

// Decoded blocks travel from the decoding thread to one resampling lane, at most kDepth at a time.
class BlockQueue {
public:
    static constexpr std::size_t kDepth = 8;

    // False once the consumers have gone (the producer should stop).
    bool push(Block block)
    {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return blocks_.size() < kDepth || cancelled_; });
        if (cancelled_)
            return false;
        blocks_.push_back(std::move(block));
        changed_.notify_all();
        return true;
    }
    void finish(std::exception_ptr error)
    {
        std::lock_guard lock(mutex_);
        done_ = true;
        error_ = std::move(error);
        changed_.notify_all();
    }
    void cancel()
    {
        std::lock_guard lock(mutex_);
        cancelled_ = true;
        done_ = true;
        changed_.notify_all();
    }
    // False at the end of the stream (or when cancelled); rethrows the producer's exception.
    bool pop(Block& block)
    {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !blocks_.empty() || done_; });
        if (!blocks_.empty() && !cancelled_) {
            block = std::move(blocks_.front());
            blocks_.pop_front();
            changed_.notify_all();
            return true;
        }
        if (error_)
            std::rethrow_exception(error_);
        return false;
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Block> blocks_;
    bool done_ = false;
    bool cancelled_ = false;
    std::exception_ptr error_;
};

// The second half of a long FLAC file, decoded ahead on its own thread through a second
// handle (FLAC frames decode independently, so seeking there and decoding gives the very
// samples a single pass gives). The loader's own pass stops at the midpoint and takes these
// blocks, but only if this half decoded cleanly to exactly the promised length: on any
// anomaly (no second handle, failed seek, a read error, a NaN, a different length) the loader
// simply decodes on past the midpoint itself, so every error is the single pass's.
class Tail {
public:
    Tail(const std::string& path, std::size_t channels, double rate, const ReadHandle& h)
        : channels_(channels), rate_(rate)
    {
        const int major = h.info.format & SF_FORMAT_TYPEMASK;
        const std::int64_t frames = h.info.frames;
        constexpr std::int64_t kMinFrames = 16 * kChunkFrames;
        if (major != SF_FORMAT_FLAC || frames < kMinFrames || !h.info.seekable)
            return;
        split_ = (frames / 2 / kChunkFrames) * kChunkFrames;
        promised_ = frames;
        try {
            thread_ = std::thread([this, path] { run(path); });
        } catch (...) {
            split_ = -1;
        }
    }
    ~Tail()
    {
        stop_ = true;
        if (thread_.joinable())
            thread_.join();
    }
    Tail(const Tail&) = delete;
    Tail& operator=(const Tail&) = delete;

    std::int64_t splitAt() const { return split_; }

    // The frames after the split as blocks, or -1 (decode them in the main pass).
    std::int64_t take(std::vector<Block>& blocks)
    {
        if (thread_.joinable())
            thread_.join();
        if (!ok_)
            return -1;
        blocks = std::move(blocks_);
        return frames_;
    }

private:
    void run(const std::string& path)
    {
        try {
            ReadHandle h;
            open(path, h);
            if (std::size_t(h.info.channels) != channels_ || h.info.frames != promised_ ||
                sf_seek(h.file, split_, SEEK_SET) != split_)
                return;
            // One uninitialised buffer per channel for the whole half (no zero-filling, huge
            // pages); the blocks point into it.
            const auto capacity = std::size_t(promised_ - split_);
            auto storage = std::make_shared<std::vector<std::unique_ptr<float[]>>>();
            for (std::size_t c = 0; c < channels_; ++c) {
                storage->emplace_back(new float[capacity]);
                adviseHugePages(storage->back().get(), capacity);
            }
            std::vector<float> chunk(std::size_t(kChunkFrames) * channels_);
            std::int64_t total = 0;
            for (;;) {
                if (stop_)
                    return;
                const sf_count_t got = sf_readf_float(h.file, chunk.data(), kChunkFrames);
                if (got <= 0)
                    break;
                if (std::size_t(total) + std::size_t(got) > capacity)
                    return; // longer than promised: let the main pass see it
                Block block;
                block.owner = storage;
                block.frames = std::size_t(got);
                bool finite = true;
                for (std::size_t c = 0; c < channels_; ++c) {
                    float* dst = (*storage)[c].get() + total;
                    const float* src = chunk.data() + c;
                    for (std::size_t i = 0; i < std::size_t(got); ++i) {
                        const float v = src[i * channels_];
                        finite &= isFiniteBits(v);
                        dst[i] = v;
                    }
                    block.channels.push_back(dst);
                }
                if (!finite)
                    return;
                blocks_.push_back(std::move(block));
                total += got;
            }
            if (sf_error(h.file) != SF_ERR_NO_ERROR || split_ + total != promised_ || total == 0)
                return;
            frames_ = total;
            ok_ = true;
        } catch (...) {
            blocks_.clear();
        }
    }

    std::size_t channels_;
    double rate_;
    std::int64_t split_ = -1;
    std::int64_t promised_ = 0;
    std::atomic<bool> stop_{false};
    std::thread thread_;
    std::vector<Block> blocks_;
    std::int64_t frames_ = 0;
    bool ok_ = false;
};

// Decoding a 10-minute FLAC costs ~0.65 s and resampling its two channels ~0.65 s, so the
// work is spread over threads: a worker decodes (and converts to stereo); the channels are
// resampled in two lanes (even channels on this thread, odd ones on a helper thread), each
// with its own soxr. soxr treats channels independently, so the samples are the ones
// resample() gives. The full-length buffer at the file's rate is never held.
std::int64_t decodeResampling(const std::string& path, ReadHandle& h, const LoadOptions& options, AudioBuffer& audio)
{
    struct Stop {};
    const std::size_t fileChannels = std::size_t(h.info.channels);
    const std::size_t outChannels = options.stereo ? 2 : fileChannels;
    const std::size_t laneCount = std::min<std::size_t>(outChannels, 2);
    const double rate = h.info.samplerate;
    const double target = options.targetSampleRate;
    const double expected = expectedFrames(h);
    const auto reserve =
        std::size_t(std::min(double(h.info.frames) * target / rate + 1024.0, double(std::int64_t(1) << 27)));

    struct Lane {
        std::vector<std::size_t> channels; // indices into the (stereo-converted) block
        std::unique_ptr<StreamResampler> resampler;
        AudioBuffer out;
        BlockQueue queue;
        std::exception_ptr error;
    };
    // Declared before the lanes: blocks left in their queues go back here.
    // Blocks whose channels need no conversion are recycled: a fresh 512 KB per block costs
    // page faults and zero-filling.
    struct Pool {
        std::mutex mutex;
        std::vector<AudioBuffer*> free;
        ~Pool()
        {
            for (AudioBuffer* b : free)
                delete b;
        }
    } pool;
    pool.free.reserve(4 * BlockQueue::kDepth);
    auto pooledBlock = [&]() -> std::shared_ptr<AudioBuffer> {
        AudioBuffer* raw = nullptr;
        {
            std::lock_guard lock(pool.mutex);
            if (!pool.free.empty()) {
                raw = pool.free.back();
                pool.free.pop_back();
            }
        }
        if (!raw) {
            raw = new AudioBuffer;
            raw->sampleRate = rate;
            raw->channels.assign(fileChannels, {});
        }
        Pool* p = &pool;
        try {
            return std::shared_ptr<AudioBuffer>(raw, [p](AudioBuffer* b) {
                try {
                    std::lock_guard lock(p->mutex);
                    p->free.push_back(b);
                } catch (...) {
                    delete b;
                }
            });
        } catch (...) {
            delete raw;
            throw;
        }
    };
    std::vector<std::unique_ptr<Lane>> lanes;
    for (std::size_t l = 0; l < laneCount; ++l) {
        auto lane = std::make_unique<Lane>();
        for (std::size_t c = l; c < outChannels; c += laneCount)
            lane->channels.push_back(c);
        lane->resampler = std::make_unique<StreamResampler>(lane->channels.size(), rate, target);
        lane->out.sampleRate = target;
        lane->out.channels.assign(lane->channels.size(), {});
        for (auto& ch : lane->out.channels) {
            ch.reserve(reserve);
            adviseHugePages(ch.data(), ch.capacity());
        }
        lanes.push_back(std::move(lane));
    }
    auto cancelAll = [&] {
        for (auto& lane : lanes)
            lane->queue.cancel();
    };

    const bool recycle = !options.stereo || fileChannels == 2;

    std::atomic<double> decodedSoFar{0.0};
    std::int64_t decoded = 0;
    auto produce = [&] {
        std::exception_ptr error;
        try {
            if (recycle) {
                Tail tail(path, fileChannels, rate, h);
                decoded = decode(path, h, {}, [&](const float* x, std::size_t n) {
                    auto block = pooledBlock();
                    if (!deinterleaveInto(x, n, block->channels))
                        return false;
                    const Block shared(std::shared_ptr<const AudioBuffer>(std::move(block)));
                    for (auto& lane : lanes)
                        if (!lane->queue.push(shared))
                            throw Stop{};
                    decodedSoFar.store(decodedSoFar.load() + double(n));
                    return true;
                }, tail.splitAt(), [&]() -> std::int64_t {
                    std::vector<Block> blocks;
                    const std::int64_t n = tail.take(blocks);
                    if (n < 0)
                        return -1;
                    for (auto& b : blocks) {
                        const Block shared = std::move(b);
                        for (auto& lane : lanes)
                            if (!lane->queue.push(shared))
                                throw Stop{};
                        decodedSoFar.store(decodedSoFar.load() + double(shared.frames));
                    }
                    return n;
                });
            } else decoded = decode(path, h, [&](const float* x, std::size_t n) {
                auto block = std::make_shared<AudioBuffer>();
                block->sampleRate = rate;
                block->channels.assign(fileChannels, {});
                deinterleaveAppend(x, n, block->channels);
                if (options.stereo)
                    *block = toStereo(std::move(*block));
                const Block shared(std::shared_ptr<const AudioBuffer>(std::move(block)));
                for (auto& lane : lanes)
                    if (!lane->queue.push(shared))
                        throw Stop{};
                decodedSoFar.store(decodedSoFar.load() + double(n));
            });
        } catch (const Stop&) {
        } catch (...) {
            error = std::current_exception();
        }
        for (auto& lane : lanes)
            lane->queue.finish(error);
    };
    auto consume = [&](Lane& lane, bool reportProgress) {
        try {
            std::vector<const float*> ptrs(lane.channels.size());
            Block block;
            while (lane.queue.pop(block)) {
                for (std::size_t i = 0; i < ptrs.size(); ++i)
                    ptrs[i] = block.channels[lane.channels[i]];
                lane.resampler->process(ptrs, block.frames, lane.out);
                block.reset();
                if (reportProgress && options.progress)
                    options.progress(0.99 * std::min(1.0, decodedSoFar.load() / expected));
            }
            lane.resampler->finish(lane.out);
        } catch (...) {
            lane.error = std::current_exception();
            cancelAll();
        }
    };

    {
        std::thread producer(produce);
        std::optional<std::thread> helper;
        try {
            if (laneCount > 1)
                helper.emplace(consume, std::ref(*lanes[1]), false);
        } catch (...) {
            cancelAll();
            producer.join();
            throw;
        }
        consume(*lanes[0], true);
        if (helper)
            helper->join();
        producer.join();
    }
    for (auto& lane : lanes)
        if (lane->error)
            std::rethrow_exception(lane->error);

    audio.sampleRate = target;
    audio.channels.assign(outChannels, {});
    for (auto& lane : lanes)
        for (std::size_t i = 0; i < lane->channels.size(); ++i)
            audio.channels[lane->channels[i]] = std::move(lane->out.channels[i]);
    return decoded;
}

} // namespace

LoadedAudio loadAudioFile(const std::string& path, const LoadOptions& options)
{
    const double target = options.targetSampleRate;
    if (target != 0.0 && !(target >= kMinSampleRate && target <= kMaxSampleRate))
        fail(AudioErrorKind::InvalidArgument, path,
             "target sample rate " + std::to_string(target) + " Hz is outside " + std::to_string(kMinSampleRate) +
                 " to " + std::to_string(kMaxSampleRate) + " Hz");
    if (options.progress)
        options.progress(0.0);

    ReadHandle h;
    open(path, h);
    const bool resampling = target != 0.0 && target != double(h.info.samplerate);
    LoadedAudio out;
    try {
        const std::int64_t frames = resampling ? decodeResampling(path, h, options, out.audio)
                                               : decodePlain(path, h, options, out.audio);
        out.info = describe(path, h, frames);
    } catch (const std::bad_alloc&) {
        fail(AudioErrorKind::DecodeFailed, path, "not enough memory to hold the decoded audio");
    } catch (const std::system_error& e) {
        fail(AudioErrorKind::DecodeFailed, path, std::string("cannot start the decoding thread: ") + e.what());
    } catch (const AudioError& e) {
        if (e.subject() == path)
            throw;
        fail(e.kind(), path, e.what());
    }
    if (options.progress)
        options.progress(1.0);
    return out;
}

AudioFileInfo probeAudioFile(const std::string& path)
{
    ReadHandle h;
    open(path, h);
    const std::int64_t frames = decode(path, h, {});
    return describe(path, h, frames);
}

// ---------------------------------------------------------------------------------------
// Streaming (audio_stream.h)

struct AudioFileReader::Impl {
    std::string path;
    ReadHandle h;
    std::optional<std::int64_t> promised;
    // Decoded with the very calls decode() makes (kChunkFrames per sf_readf_float), so the
    // samples are loadAudioFile's whatever block size the caller asks for.
    std::vector<float> chunk;
    std::size_t chunkFrames = 0, chunkPos = 0;
    std::int64_t total = 0;
    bool ended = false;

    // Refills the chunk; false at the end (after the end checks passed).
    bool refill()
    {
        const int channels = h.info.channels;
        const sf_count_t got = readFrames(h, chunk.data(), kChunkFrames);
        chunkPos = 0;
        chunkFrames = 0;
        if (got <= 0) {
            checkDecodeEnd(path, h, promised, total);
            return false;
        }
        const std::int64_t bad = firstNonFinite(chunk.data(), std::size_t(got), channels);
        if (bad >= 0)
            failNonFinite(path, total + bad);
        chunkFrames = std::size_t(got);
        total += got;
        return true;
    }
};

AudioFileReader::AudioFileReader(const std::string& path) : impl_(std::make_unique<Impl>())
{
    impl_->path = path;
    open(path, impl_->h);
    impl_->promised = promisedFrames(impl_->h);
    try {
        impl_->chunk.resize(std::size_t(kChunkFrames) * std::size_t(impl_->h.info.channels));
    } catch (const std::bad_alloc&) {
        fail(AudioErrorKind::DecodeFailed, path, "not enough memory to hold the decoded audio");
    }
}

AudioFileReader::~AudioFileReader() = default;

const std::string& AudioFileReader::path() const noexcept { return impl_->path; }
int AudioFileReader::sampleRate() const noexcept { return impl_->h.info.samplerate; }
int AudioFileReader::fileChannels() const noexcept { return impl_->h.info.channels; }

std::size_t AudioFileReader::readStereo(float* left, float* right, std::size_t maxFrames)
{
    Impl& d = *impl_;
    std::size_t done = 0;
    while (done < maxFrames && !d.ended) {
        if (d.chunkPos == d.chunkFrames) {
            bool more = false;
            try {
                more = d.refill();
            } catch (...) {
                d.ended = true;
                throw;
            }
            if (!more) {
                d.ended = true;
                break;
            }
        }
        const std::size_t n = std::min(maxFrames - done, d.chunkFrames - d.chunkPos);
        const std::size_t channels = std::size_t(d.h.info.channels);
        const float* src = d.chunk.data() + d.chunkPos * channels;
        float* l = left + done;
        float* r = right + done;
        if (channels == 2) {
            for (std::size_t i = 0; i < n; ++i) {
                l[i] = src[2 * i];
                r[i] = src[2 * i + 1];
            }
        } else if (channels == 1) {
            std::memcpy(l, src, n * sizeof(float));
            std::memcpy(r, src, n * sizeof(float));
        } else {
            // The rule lives in toStereo() alone; use it as loadAudioFile does.
            AudioBuffer block;
            block.sampleRate = d.h.info.samplerate;
            block.channels.assign(channels, {});
            deinterleaveAppend(src, n, block.channels);
            block = toStereo(std::move(block));
            std::memcpy(l, block.channels[0].data(), n * sizeof(float));
            std::memcpy(r, block.channels[1].data(), n * sizeof(float));
        }
        d.chunkPos += n;
        done += n;
    }
    return done;
}

void AudioFileReader::skipToEnd()
{
    Impl& d = *impl_;
    while (!d.ended) {
        try {
            if (!d.refill())
                d.ended = true;
        } catch (...) {
            d.ended = true;
            throw;
        }
    }
}

AudioFileInfo AudioFileReader::info() const
{
    return describe(impl_->path, impl_->h, impl_->total);
}

} // namespace earlab
