// AudioFileReader (audio_stream.h): loadAudioFile's decode, a block at a time.
#include "audio/io/audio_stream.h"

#include "audio/audio_error.h"
#include "audio/io/audio_diagnosis.h"
#include "audio/io/audio_file_shared.h"
#include "audio/io/downmix.h"
#include "audio/io/planar_samples.h"
#include "audio/io/sndfile_reader.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <optional>
#include <string>
#include <vector>

namespace earlab {

using detail::checkDecodeEnd;
using detail::deinterleaveAppend;
using detail::describe;
using detail::fail;
using detail::failNonFinite;
using detail::firstNonFinite;
using detail::kChunkFrames;
using detail::openForReading;
using detail::promisedFrames;
using detail::ReadHandle;
using detail::readFrames;

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
    openForReading(path, impl_->h);
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
