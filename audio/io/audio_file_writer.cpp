#include "audio/io/audio_file.h"
#include "audio/io/audio_stream.h"

#include "audio/audio_error.h"
#include "audio/io/audio_file_shared.h"

#include <sndfile.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <vector>

namespace earlab {

namespace {

using detail::fail;
using detail::osError;
using detail::sfOpenMutex;

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

// What the format can hold: rate and channel count (the checks after the buffer's own).
void checkWritableFormat(const std::string& path, const std::string& ext, double sampleRate, std::size_t channelCount,
                         int rate)
{
    if (!std::isfinite(sampleRate) || sampleRate <= 0.0 || sampleRate > 4.0e6)
        fail(AudioErrorKind::InvalidArgument, path, "the buffer's sample rate " + std::to_string(sampleRate) + " Hz is not valid");
    if (channelCount > std::size_t(kMaxChannels))
        fail(AudioErrorKind::InvalidArgument, path, "cannot write " + std::to_string(channelCount) + " channels (at most " + std::to_string(kMaxChannels) + ")");
    if (ext == ".opus" && rate != 8000 && rate != 12000 && rate != 16000 && rate != 24000 && rate != 48000)
        fail(AudioErrorKind::InvalidArgument, path,
             "Opus files can only be written at 8, 12, 16, 24 or 48 kHz, not " + std::to_string(rate) + " Hz");
    if (ext == ".mp3") {
        constexpr int rates[] = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000};
        if (std::find(std::begin(rates), std::end(rates), rate) == std::end(rates))
            fail(AudioErrorKind::InvalidArgument, path,
                 "MP3 files can only be written at 8, 11.025, 12, 16, 22.05, 24, 32, 44.1 or 48 kHz, not " +
                     std::to_string(rate) + " Hz");
        if (channelCount > 2)
            fail(AudioErrorKind::InvalidArgument, path, "MP3 holds at most 2 channels, not " + std::to_string(channelCount));
    }
    if (ext == ".flac" && channelCount > 8)
        fail(AudioErrorKind::InvalidArgument, path, "FLAC holds at most 8 channels, not " + std::to_string(channelCount));
}

void checkWritable(const std::string& path, const std::string& ext, const AudioBuffer& audio, int rate)
{
    if (audio.channelCount() == 0 || audio.frames() == 0)
        fail(AudioErrorKind::InvalidArgument, path, "nothing to write: the buffer is empty");
    for (const auto& ch : audio.channels)
        if (ch.size() != audio.frames())
            fail(AudioErrorKind::InvalidArgument, path, "the buffer's channels have different lengths");
    checkWritableFormat(path, ext, audio.sampleRate, audio.channelCount(), rate);
}


// Round to the nearest 24-bit step ourselves: libsndfile's float to 24-bit conversion
// truncates, which would cost up to one step.
inline float roundTo24Bit(float v)
{
    constexpr float kStep24 = 1.0f / 8388608.0f;
    return std::nearbyint(std::clamp(v, -1.0f, 1.0f - kStep24) * 8388608.0f) * kStep24;
}

std::string nonFiniteOutputCause(std::size_t channel, std::size_t frame)
{
    return "channel " + std::to_string(channel) + " holds a NaN or infinite sample at frame " + std::to_string(frame);
}

} // namespace

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
    for (std::size_t start = 0; start < frames; start += kBlock) {
        const std::size_t n = std::min(kBlock, frames - start);
        for (std::size_t c = 0; c < channels; ++c) {
            const float* src = audio.channels[c].data() + start;
            for (std::size_t i = 0; i < n; ++i) {
                float v = src[i];
                if (!std::isfinite(v))
                    abandon(AudioErrorKind::InvalidArgument, nonFiniteOutputCause(c, start + i));
                chunk[i * channels + c] = wf.integer24 ? roundTo24Bit(v) : v;
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

struct AudioFileWriter::Impl {
    std::string path;
    std::string tempPath;
    WriteFormat wf;
    int fd = -1;
    SNDFILE* file = nullptr;
    std::size_t channels = 0;
    std::vector<float> chunk; // interleaved, kBlock frames: writeAudioFile's sf_writef_float calls
    std::size_t chunkFrames = 0;
    std::size_t written = 0; // frames handed to write() so far
    bool done = false;

    static constexpr std::size_t kBlock = 65536; // as writeAudioFile

    // Closes and removes the temporary file, then throws.
    [[noreturn]] void abandon(AudioErrorKind kind, const std::string& cause)
    {
        discard();
        fail(kind, path, cause);
    }
    void discard() noexcept
    {
        if (file)
            sf_close(file);
        file = nullptr;
        if (fd >= 0) {
            ::close(fd);
            ::unlink(tempPath.c_str());
        }
        fd = -1;
        done = true;
    }
    void flush()
    {
        if (chunkFrames == 0)
            return;
        if (sf_writef_float(file, chunk.data(), sf_count_t(chunkFrames)) != sf_count_t(chunkFrames))
            abandon(AudioErrorKind::WriteFailed, std::string("cannot write the audio: ") + sf_strerror(file));
        chunkFrames = 0;
    }
};

namespace {

std::string folderOf(const std::string& path)
{
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::string baseNameOf(const std::string& path)
{
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

} // namespace

AudioFileWriter::AudioFileWriter(const std::string& path, double sampleRate, int channels)
    : impl_(std::make_unique<Impl>())
{
    Impl& d = *impl_;
    d.path = path;
    const std::string ext = lowerExtension(path);
    d.wf = writeFormatFor(path, ext);
    if (channels <= 0)
        fail(AudioErrorKind::InvalidArgument, path, "nothing to write: the buffer is empty");
    const int rate = int(std::lround(sampleRate));
    checkWritableFormat(path, ext, sampleRate, std::size_t(channels), rate);

    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    info.format = d.wf.format;
    if (!sf_format_check(&info))
        fail(AudioErrorKind::InvalidArgument, path,
             "libsndfile cannot write " + std::to_string(info.channels) + " channels at " + std::to_string(rate) +
                 " Hz in this format");

    static std::atomic<unsigned> counter{0};
    d.tempPath = folderOf(path) + "/." + baseNameOf(path) + ".earlab-" + std::to_string(::getpid()) + "-" +
                 std::to_string(counter.fetch_add(1)) + ".tmp";
    d.fd = ::open(d.tempPath.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (d.fd < 0)
        fail(AudioErrorKind::WriteFailed, path, "cannot create the file: " + osError(errno));
    struct stat existing {};
    if (::stat(path.c_str(), &existing) == 0 && S_ISREG(existing.st_mode))
        ::fchmod(d.fd, existing.st_mode & 07777);

    std::string openError;
    {
        std::lock_guard lock(sfOpenMutex());
        d.file = sf_open_fd(d.fd, SFM_WRITE, &info, SF_FALSE);
        if (!d.file)
            openError = sf_strerror(nullptr);
    }
    if (!d.file)
        d.abandon(AudioErrorKind::WriteFailed, "libsndfile cannot start the file: " + openError);
    if (d.wf.integer24)
        sf_command(d.file, SFC_SET_CLIPPING, nullptr, SF_TRUE);
    if (d.wf.lossy) {
        double level = 0.3; // as writeAudioFile
        sf_command(d.file, SFC_SET_COMPRESSION_LEVEL, &level, sizeof level);
    }
    d.channels = std::size_t(channels);
    try {
        d.chunk.resize(Impl::kBlock * d.channels);
    } catch (const std::bad_alloc&) {
        d.abandon(AudioErrorKind::WriteFailed, "not enough memory for the write buffer");
    }
}

AudioFileWriter::~AudioFileWriter()
{
    if (!impl_->done)
        impl_->discard();
}

void AudioFileWriter::write(const float* const* channels, std::size_t frames)
{
    Impl& d = *impl_;
    if (d.done)
        fail(AudioErrorKind::InvalidArgument, d.path, "the file is already finished or abandoned");
    const std::size_t nch = d.channels;
    std::size_t at = 0;
    while (at < frames) {
        const std::size_t n = std::min(frames - at, Impl::kBlock - d.chunkFrames);
        float* dst = d.chunk.data() + d.chunkFrames * nch;
        for (std::size_t c = 0; c < nch; ++c) {
            const float* src = channels[c] + at;
            float bad = 0.0f;
            for (std::size_t i = 0; i < n; ++i) {
                const float v = src[i];
                bad += v * 0.0f; // NaN for a NaN or infinite v, else 0: one check per block
                dst[i * nch + c] = d.wf.integer24 ? roundTo24Bit(v) : v;
            }
            if (bad != 0.0f || !std::isfinite(bad)) {
                for (std::size_t i = 0; i < n; ++i)
                    if (!std::isfinite(src[i]))
                        d.abandon(AudioErrorKind::InvalidArgument, nonFiniteOutputCause(c, d.written + at + i));
            }
        }
        d.chunkFrames += n;
        at += n;
        if (d.chunkFrames == Impl::kBlock)
            d.flush();
    }
    d.written += frames;
}

void AudioFileWriter::finish()
{
    Impl& d = *impl_;
    if (d.done)
        fail(AudioErrorKind::InvalidArgument, d.path, "the file is already finished or abandoned");
    if (d.written == 0)
        d.abandon(AudioErrorKind::InvalidArgument, "nothing to write: the buffer is empty");
    d.flush();
    const int closeError = sf_close(d.file);
    d.file = nullptr;
    if (closeError != 0)
        d.abandon(AudioErrorKind::WriteFailed, std::string("cannot finish the file: ") + sf_error_number(closeError));
    if (::close(d.fd) != 0) {
        const int err = errno;
        d.fd = -1;
        ::unlink(d.tempPath.c_str());
        d.done = true;
        fail(AudioErrorKind::WriteFailed, d.path, "cannot finish the file: " + osError(err));
    }
    d.fd = -1;
    if (std::rename(d.tempPath.c_str(), d.path.c_str()) != 0) {
        const int err = errno;
        ::unlink(d.tempPath.c_str());
        d.done = true;
        fail(AudioErrorKind::WriteFailed, d.path, "cannot finish the file: " + osError(err));
    }
    d.done = true;
}

bool AudioFileWriter::canReplace(const std::string& path, const std::string& inputPath)
{
    const std::string ext = lowerExtension(path);
    if (ext != ".wav" && ext != ".flac" && ext != ".aif" && ext != ".aiff" && ext != ".ogg" && ext != ".opus" &&
        ext != ".mp3")
        return false;
    struct stat out {};
    if (::lstat(path.c_str(), &out) == 0) {
        if (!S_ISREG(out.st_mode) || out.st_nlink != 1)
            return false;
        struct stat in {};
        if (::stat(inputPath.c_str(), &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino)
            return false;
    } else if (errno != ENOENT) {
        return false;
    }
    return ::access(folderOf(path).c_str(), W_OK | X_OK) == 0;
}

} // namespace earlab
