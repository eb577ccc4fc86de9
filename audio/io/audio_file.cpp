#include "audio/io/audio_file.h"

#include "audio/audio_error.h"
#include "audio/io/downmix.h"
#include "audio/io/file_header.h"
#include "audio/io/resampler.h"

#include <sndfile.h>

#include <fcntl.h>
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

// sf_open reports failure through a process-wide error slot (sf_error(nullptr)); loads run on
// several worker threads, so the open and the read of that slot happen under one lock.
std::mutex& sfOpenMutex()
{
    static std::mutex m;
    return m;
}

[[noreturn]] void fail(AudioErrorKind kind, const std::string& path, const std::string& cause)
{
    throw AudioError(kind, path, cause);
}

std::string osError(int err)
{
    return std::strerror(err);
}

// ---------------------------------------------------------------------------------------
// Reading

struct ReadHandle {
    int fd = -1;
    SNDFILE* file = nullptr;
    SF_INFO info{};
    FileHeader header; // read independently of libsndfile, see file_header.h
    ReadHandle() = default;
    ReadHandle(const ReadHandle&) = delete;
    ReadHandle& operator=(const ReadHandle&) = delete;
    ~ReadHandle()
    {
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

    h.header = detail::readFileHeader(path);
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

// Formats whose header states the length, so a shorter decode means a cut file. MP3 and
// Ogg only estimate it (padding, last granule position).
bool headerStatesLength(const SF_INFO& info)
{
    const int major = info.format & SF_FORMAT_TYPEMASK;
    return major != SF_FORMAT_MPEG && major != SF_FORMAT_OGG;
}

// Receives each decoded block: `frames` interleaved frames, all finite.
using BlockSink = std::function<void(const float* interleaved, std::size_t frames)>;

// The frame count a header promises, for formats whose header states the length.
std::optional<std::int64_t> promisedFrames(const ReadHandle& h)
{
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

// Decodes everything, handing each block to `sink` (may be empty). Returns the frame count.
std::int64_t decode(const std::string& path, ReadHandle& h, const BlockSink& sink)
{
    const int channels = h.info.channels;
    const std::optional<std::int64_t> promised = promisedFrames(h);

    std::vector<float> chunk(std::size_t(kChunkFrames) * std::size_t(channels));
    std::int64_t total = 0;
    bool finite = true;
    std::int64_t firstBad = -1;
    for (;;) {
        const sf_count_t got = sf_readf_float(h.file, chunk.data(), kChunkFrames);
        if (got <= 0)
            break;
        const std::size_t n = std::size_t(got) * std::size_t(channels);
        for (std::size_t i = 0; i < n; ++i)
            finite &= std::isfinite(chunk[i]);
        if (!finite) {
            for (std::size_t i = 0; i < n; ++i)
                if (!std::isfinite(chunk[i])) {
                    firstBad = total + std::int64_t(i / std::size_t(channels));
                    break;
                }
            break; // nothing after a NaN is worth decoding
        }
        if (sink)
            sink(chunk.data(), std::size_t(got));
        total += got;
    }

    if (!finite)
        fail(AudioErrorKind::DecodeFailed, path,
             "the file holds invalid samples (NaN or infinity) from frame " + std::to_string(firstBad) +
                 "; it is damaged");
    if (sf_error(h.file) != SF_ERR_NO_ERROR) {
        const std::string text = sf_strerror(h.file);
        if (promised && total < *promised)
            fail(AudioErrorKind::Truncated, path, truncatedCause(*promised, total) + " (libsndfile: " + text + ")");
        fail(AudioErrorKind::DecodeFailed, path,
             "decoding stopped after " + std::to_string(total) + " frames: " + text);
    }
    if (promised && total < *promised)
        fail(AudioErrorKind::Truncated, path, truncatedCause(*promised, total));
    if (total == 0)
        fail(AudioErrorKind::ZeroFrames, path, "the file has a valid header but no audio (0 frames)");
    return total;
}

AudioFileInfo describe(const std::string& path, const SF_INFO& info, std::int64_t frames)
{
    AudioFileInfo out;
    out.path = path;
    out.format = formatName(info);
    out.encoding = encodingName(info);
    out.channels = info.channels;
    out.sampleRate = info.samplerate;
    out.frames = frames;
    out.durationSeconds = double(frames) / double(info.samplerate);
    return out;
}

// ---------------------------------------------------------------------------------------
// Writing

struct WriteFormat {
    int format = 0;
    bool integer24 = false; // round to the 24-bit grid and clip
    bool lossy = false;
};

std::string lowerExtension(const std::string& path)
{
    const auto slash = path.find_last_of('/');
    const auto dot = path.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
        return {};
    std::string ext = path.substr(dot);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext;
}

WriteFormat writeFormatFor(const std::string& path, const std::string& ext)
{
    if (ext == ".wav") return {SF_FORMAT_WAV | SF_FORMAT_FLOAT, false, false};
    if (ext == ".flac") return {SF_FORMAT_FLAC | SF_FORMAT_PCM_24, true, false};
    if (ext == ".aif" || ext == ".aiff") return {SF_FORMAT_AIFF | SF_FORMAT_PCM_24, true, false};
    if (ext == ".ogg") return {SF_FORMAT_OGG | SF_FORMAT_VORBIS, false, true};
    if (ext == ".opus") return {SF_FORMAT_OGG | SF_FORMAT_OPUS, false, true};
    if (ext == ".mp3") return {SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, false, true};
    fail(AudioErrorKind::InvalidArgument, path,
         (ext.empty() ? std::string("the file name has no extension") : "unknown extension \"" + ext + "\"") +
             "; use .wav, .flac, .aif, .aiff, .ogg, .opus or .mp3");
}

void checkWritable(const std::string& path, const std::string& ext, const AudioBuffer& audio, int rate)
{
    if (audio.channelCount() == 0 || audio.frames() == 0)
        fail(AudioErrorKind::InvalidArgument, path, "nothing to write: the buffer is empty");
    for (const auto& ch : audio.channels)
        if (ch.size() != audio.frames())
            fail(AudioErrorKind::InvalidArgument, path, "the buffer's channels have different lengths");
    if (!std::isfinite(audio.sampleRate) || audio.sampleRate <= 0.0 || audio.sampleRate > 4.0e6)
        fail(AudioErrorKind::InvalidArgument, path, "the buffer's sample rate " + std::to_string(audio.sampleRate) + " Hz is not valid");
    if (audio.channelCount() > std::size_t(kMaxChannels))
        fail(AudioErrorKind::InvalidArgument, path, "cannot write " + std::to_string(audio.channelCount()) + " channels (at most " + std::to_string(kMaxChannels) + ")");
    if (ext == ".opus" && rate != 8000 && rate != 12000 && rate != 16000 && rate != 24000 && rate != 48000)
        fail(AudioErrorKind::InvalidArgument, path,
             "Opus files can only be written at 8, 12, 16, 24 or 48 kHz, not " + std::to_string(rate) + " Hz");
    if (ext == ".mp3") {
        constexpr int rates[] = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000};
        if (std::find(std::begin(rates), std::end(rates), rate) == std::end(rates))
            fail(AudioErrorKind::InvalidArgument, path,
                 "MP3 files can only be written at 8, 11.025, 12, 16, 22.05, 24, 32, 44.1 or 48 kHz, not " +
                     std::to_string(rate) + " Hz");
        if (audio.channelCount() > 2)
            fail(AudioErrorKind::InvalidArgument, path, "MP3 holds at most 2 channels, not " + std::to_string(audio.channelCount()));
    }
    if (ext == ".flac" && audio.channelCount() > 8)
        fail(AudioErrorKind::InvalidArgument, path, "FLAC holds at most 8 channels, not " + std::to_string(audio.channelCount()));
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

using Block = std::shared_ptr<const AudioBuffer>;

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
    std::vector<std::unique_ptr<Lane>> lanes;
    for (std::size_t l = 0; l < laneCount; ++l) {
        auto lane = std::make_unique<Lane>();
        for (std::size_t c = l; c < outChannels; c += laneCount)
            lane->channels.push_back(c);
        lane->resampler = std::make_unique<StreamResampler>(lane->channels.size(), rate, target);
        lane->out.sampleRate = target;
        lane->out.channels.assign(lane->channels.size(), {});
        for (auto& ch : lane->out.channels)
            ch.reserve(reserve);
        lanes.push_back(std::move(lane));
    }
    auto cancelAll = [&] {
        for (auto& lane : lanes)
            lane->queue.cancel();
    };

    std::atomic<double> decodedSoFar{0.0};
    std::int64_t decoded = 0;
    auto produce = [&] {
        std::exception_ptr error;
        try {
            decoded = decode(path, h, [&](const float* x, std::size_t n) {
                auto block = std::make_shared<AudioBuffer>();
                block->sampleRate = rate;
                block->channels.assign(fileChannels, {});
                deinterleaveAppend(x, n, block->channels);
                if (options.stereo)
                    *block = toStereo(std::move(*block));
                const Block shared = std::move(block);
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
                    ptrs[i] = block->channels[lane.channels[i]].data();
                lane.resampler->process(ptrs, block->frames(), lane.out);
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
        out.info = describe(path, h.info, frames);
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
    return describe(path, h.info, frames);
}

void writeAudioFile(const std::string& path, const AudioBuffer& audio)
{
    const std::string ext = lowerExtension(path);
    const WriteFormat wf = writeFormatFor(path, ext);
    const int rate = int(std::lround(audio.sampleRate));
    checkWritable(path, ext, audio, rate);

    SF_INFO info{};
    info.samplerate = rate;
    info.channels = int(audio.channelCount());
    info.format = wf.format;
    if (!sf_format_check(&info))
        fail(AudioErrorKind::InvalidArgument, path,
             "libsndfile cannot write " + std::to_string(info.channels) + " channels at " + std::to_string(rate) +
                 " Hz in this format");

    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        fail(AudioErrorKind::WriteFailed, path, "cannot create the file: " + osError(errno));

    SNDFILE* file = nullptr;
    std::string openError;
    {
        std::lock_guard lock(sfOpenMutex());
        file = sf_open_fd(fd, SFM_WRITE, &info, SF_FALSE);
        if (!file)
            openError = sf_strerror(nullptr);
    }
    auto abandon = [&](AudioErrorKind kind, const std::string& cause) {
        if (file)
            sf_close(file);
        ::close(fd);
        ::unlink(path.c_str());
        fail(kind, path, cause);
    };
    if (!file)
        abandon(AudioErrorKind::WriteFailed, "libsndfile cannot start the file: " + openError);

    if (wf.integer24)
        sf_command(file, SFC_SET_CLIPPING, nullptr, SF_TRUE);
    if (wf.lossy) {
        // 0 = best quality, 1 = smallest file; 0.3 keeps lossy round trips close to the source.
        double level = 0.3;
        sf_command(file, SFC_SET_COMPRESSION_LEVEL, &level, sizeof level);
    }

    const std::size_t channels = audio.channelCount();
    const std::size_t frames = audio.frames();
    constexpr std::size_t kBlock = 65536;
    std::vector<float> chunk(kBlock * channels);
    constexpr float kStep24 = 1.0f / 8388608.0f;
    for (std::size_t start = 0; start < frames; start += kBlock) {
        const std::size_t n = std::min(kBlock, frames - start);
        for (std::size_t c = 0; c < channels; ++c) {
            const float* src = audio.channels[c].data() + start;
            for (std::size_t i = 0; i < n; ++i) {
                float v = src[i];
                if (!std::isfinite(v))
                    abandon(AudioErrorKind::InvalidArgument,
                            "channel " + std::to_string(c) + " holds a NaN or infinite sample at frame " +
                                std::to_string(start + i));
                if (wf.integer24) {
                    // Round to the nearest 24-bit step ourselves: libsndfile's float to
                    // 24-bit conversion truncates, which would cost up to one step.
                    v = std::nearbyint(std::clamp(v, -1.0f, 1.0f - kStep24) * 8388608.0f) * kStep24;
                }
                chunk[i * channels + c] = v;
            }
        }
        if (sf_writef_float(file, chunk.data(), sf_count_t(n)) != sf_count_t(n))
            abandon(AudioErrorKind::WriteFailed, std::string("cannot write the audio: ") + sf_strerror(file));
    }
    const int closeError = sf_close(file);
    file = nullptr;
    if (closeError != 0)
        abandon(AudioErrorKind::WriteFailed, std::string("cannot finish the file: ") + sf_error_number(closeError));
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(path.c_str());
        fail(AudioErrorKind::WriteFailed, path, "cannot finish the file: " + osError(err));
    }
}

} // namespace earlab
