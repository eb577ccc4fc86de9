// AudioFileWriter (audio_stream.h): a file written a block at a time, through FileReplacement.
#include "audio/io/audio_stream.h"

#include "audio/audio_error.h"
#include "audio/io/audio_file_shared.h"
#include "audio/io/file_replacement.h"
#include "audio/io/opus_end.h"
#include "audio/io/resampler.h"
#include "audio/io/write_format.h"

#include <sndfile.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <mutex>
#include <new>
#include <span>
#include <string>
#include <vector>

namespace earlab {

namespace {

using detail::fail;
using detail::osError;
using detail::sfOpenMutex;
using detail::checkWritableFormat;
using detail::fileRateFor;
using detail::lowerExtension;
using detail::writeFormatFor;
using detail::WriteFormat;

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

struct AudioFileWriter::Impl {
    std::string path;
    WriteFormat wf;
    std::optional<FileReplacement> file;
    SNDFILE* sf = nullptr;
    std::size_t channels = 0;
    std::vector<float> chunk; // interleaved, kBlock frames per sf_writef_float
    std::size_t chunkFrames = 0;
    std::size_t written = 0; // frames handed to write() so far
    std::uint64_t fileFrames = 0; // frames handed to libsndfile (at the file's rate) so far
    int fileRate = 0;
    bool opus = false; // its end needs opus_end.h's padding and trimming
    // An .opus at a rate Opus cannot hold: converted to 48 kHz on the way (streaming, so the
    // whole file is never held); `resampled` holds only the current block's output.
    std::unique_ptr<StreamResampler> resampler;
    AudioBuffer resampled;
    std::vector<const float*> resampledPtrs;
    WriteSummary summary;
    bool done = false;

    static constexpr std::size_t kBlock = 65536;

    // Closes and removes the temporary file, then throws, saying what became of the user's file.
    [[noreturn]] void abandon(AudioErrorKind kind, const std::string& cause)
    {
        const std::string note = file ? "; " + file->untouchedNote() : "";
        discard();
        fail(kind, path, cause + note);
    }
    void discard() noexcept
    {
        if (sf)
            sf_close(sf);
        sf = nullptr;
        if (file)
            file->abandon();
        done = true;
    }
    void flush()
    {
        if (chunkFrames == 0)
            return;
        errno = 0;
        if (sf_writef_float(sf, chunk.data(), sf_count_t(chunkFrames)) != sf_count_t(chunkFrames)) {
            // libsndfile's text for a failed write(2) is "Unspecified internal error"-like; the
            // OS cause (a full disk, a file size limit) is what the user can act on.
            const int err = errno;
            abandon(AudioErrorKind::WriteFailed,
                    "cannot write the audio: " + (err != 0 ? osError(err) : std::string(sf_strerror(sf))));
        }
        chunkFrames = 0;
    }
    // Converts `frames` frames (one pointer per channel) into the chunk, flushing full
    // chunks. firstFrame: where the block starts in the file, for the NaN message.
    void encode(const float* const* in, std::size_t frames, std::size_t firstFrame)
    {
        const std::size_t nch = channels;
        std::size_t at = 0;
        while (at < frames) {
            const std::size_t n = std::min(frames - at, kBlock - chunkFrames);
            float* dst = chunk.data() + chunkFrames * nch;
            for (std::size_t c = 0; c < nch; ++c) {
                const float* src = in[c] + at;
                float bad = 0.0f;
                float peak = summary.peak;
                if (wf.integer24) {
                    std::uint64_t clipped = 0;
                    for (std::size_t i = 0; i < n; ++i) {
                        const float v = src[i];
                        bad += v * 0.0f; // NaN for a NaN or infinite v, else 0: one check per block
                        const float a = std::fabs(v);
                        clipped += a > 1.0f;
                        peak = std::max(peak, a);
                        dst[i * nch + c] = roundTo24Bit(v);
                    }
                    summary.clippedSamples += clipped;
                } else {
                    for (std::size_t i = 0; i < n; ++i) {
                        const float v = src[i];
                        bad += v * 0.0f;
                        peak = std::max(peak, std::fabs(v));
                        dst[i * nch + c] = v;
                    }
                }
                if (bad != 0.0f || !std::isfinite(bad)) {
                    for (std::size_t i = 0; i < n; ++i)
                        if (!std::isfinite(src[i]))
                            abandon(AudioErrorKind::InvalidArgument, nonFiniteOutputCause(c, firstFrame + at + i));
                }
                summary.peak = peak;
            }
            chunkFrames += n;
            fileFrames += n;
            at += n;
            if (chunkFrames == kBlock)
                flush();
        }
    }
    // libsndfile's Ogg Opus writer rings at the end unless its last packet is a whole 20 ms
    // one (opus_end.h): silence appended to get there, trimmed off again by the end-of-stream
    // page's granule position once the file is closed. Returns the 48 kHz samples to trim.
    std::uint64_t padOpusEnd()
    {
        flush(); // the header pages reach the file with the first audio
        const std::uint64_t pad =
            detail::opusEndPaddingFrames(fileFrames, fileRate, detail::opusPreskip(file->fd()));
        const std::vector<float> silence(std::size_t(pad), 0.0f);
        const std::vector<const float*> in(channels, silence.data());
        encode(in.data(), silence.size(), written);
        flush();
        return pad * std::uint64_t(48000 / fileRate);
    }
    // The resampler's output so far goes to the file and is let go.
    void encodeResampled()
    {
        for (std::size_t c = 0; c < channels; ++c)
            resampledPtrs[c] = resampled.channels[c].data();
        encode(resampledPtrs.data(), resampled.frames(), 0);
        for (auto& ch : resampled.channels)
            ch.clear();
    }
};

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
    const int fileRate = fileRateFor(ext, rate);

    SF_INFO info{};
    info.samplerate = fileRate;
    info.channels = channels;
    info.format = d.wf.format;
    if (!sf_format_check(&info))
        fail(AudioErrorKind::InvalidArgument, path,
             "libsndfile cannot write " + std::to_string(info.channels) + " channels at " + std::to_string(fileRate) +
                 " Hz in this format");
    d.channels = std::size_t(channels);
    d.summary.fileSampleRate = fileRate;
    d.fileRate = fileRate;
    d.opus = ext == ".opus";
    try {
        d.chunk.resize(Impl::kBlock * d.channels);
        if (fileRate != rate) {
            d.resampler = std::make_unique<StreamResampler>(d.channels, sampleRate, double(fileRate));
            d.resampled.sampleRate = fileRate;
            d.resampled.channels.assign(d.channels, {});
            d.resampledPtrs.resize(d.channels);
        }
    } catch (const std::bad_alloc&) {
        fail(AudioErrorKind::WriteFailed, path, "not enough memory for the write buffer");
    }

    d.file.emplace(path);
    std::string openError;
    {
        std::lock_guard lock(sfOpenMutex());
        d.sf = sf_open_fd(d.file->fd(), SFM_WRITE, &info, SF_FALSE);
        if (!d.sf)
            openError = sf_strerror(nullptr);
    }
    if (!d.sf)
        d.abandon(AudioErrorKind::WriteFailed, "libsndfile cannot start the file: " + openError);
    if (d.wf.integer24)
        sf_command(d.sf, SFC_SET_CLIPPING, nullptr, SF_TRUE);
    if (d.wf.lossy) {
        // 0 = best quality, 1 = smallest file; 0.3 keeps lossy round trips close to the source.
        double level = 0.3;
        sf_command(d.sf, SFC_SET_COMPRESSION_LEVEL, &level, sizeof level);
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
    if (d.resampler) {
        // Checked before resampling, so the message counts the caller's frames.
        for (std::size_t c = 0; c < d.channels; ++c)
            for (std::size_t i = 0; i < frames; ++i)
                if (!std::isfinite(channels[c][i]))
                    d.abandon(AudioErrorKind::InvalidArgument, nonFiniteOutputCause(c, d.written + i));
        try {
            d.resampler->process(std::span<const float* const>(channels, d.channels), frames, d.resampled);
        } catch (const AudioError& e) {
            d.abandon(AudioErrorKind::ResampleFailed, e.what());
        }
        d.encodeResampled();
    } else {
        d.encode(channels, frames, d.written);
    }
    d.written += frames;
}

WriteSummary AudioFileWriter::finish()
{
    Impl& d = *impl_;
    if (d.done)
        fail(AudioErrorKind::InvalidArgument, d.path, "the file is already finished or abandoned");
    if (d.written == 0)
        d.abandon(AudioErrorKind::InvalidArgument, "nothing to write: the buffer is empty");
    if (d.resampler) {
        try {
            d.resampler->finish(d.resampled);
        } catch (const AudioError& e) {
            d.abandon(AudioErrorKind::ResampleFailed, e.what());
        }
        d.encodeResampled();
    }
    const std::uint64_t trim = d.opus ? d.padOpusEnd() : 0;
    d.flush();
    const int closeError = sf_close(d.sf);
    d.sf = nullptr;
    if (closeError != 0)
        d.abandon(AudioErrorKind::WriteFailed, std::string("cannot finish the file: ") + sf_error_number(closeError));
    if (trim > 0) {
        const std::string error = detail::trimOggOpusEnd(d.file->fd(), trim);
        if (!error.empty())
            d.abandon(AudioErrorKind::WriteFailed, "cannot finish the file: " + error);
    }
    d.done = true;
    d.file->commit(); // on failure it removes the temporary and throws, naming the path
    return d.summary;
}

} // namespace earlab
