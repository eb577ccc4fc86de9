// The whole-file loader: libsndfile reading and its diagnosis (sndfile_reader.h,
// audio_diagnosis.h), and the parallel pipeline for a file that is resampled (parallel_load.h).
#include "audio/io/audio_file.h"

#include "audio/audio_error.h"
#include "audio/io/audio_file_shared.h"
#include "audio/io/downmix.h"
#include "audio/io/parallel_load.h"
#include "audio/io/planar_samples.h"
#include "audio/io/sndfile_reader.h"

#include <algorithm>
#include <new>
#include <string>
#include <system_error>

namespace earlab {

namespace {

using detail::fail;
using detail::ReadHandle;

// Decode into one buffer, then convert to stereo.
std::int64_t decodePlain(const std::string& path, ReadHandle& h, const LoadOptions& options, AudioBuffer& audio)
{
    audio.sampleRate = h.info.samplerate;
    audio.channels.assign(std::size_t(h.info.channels), {});
    const auto reserve = std::size_t(std::min<std::int64_t>(h.info.frames, std::int64_t(1) << 27));
    for (auto& ch : audio.channels)
        ch.reserve(reserve);
    const double expected = detail::expectedFrames(h);
    const std::int64_t frames = detail::decode(path, h, [&](const float* x, std::size_t n) {
        detail::deinterleaveAppend(x, n, audio.channels);
        if (options.progress)
            options.progress(0.99 * std::min(1.0, double(audio.frames()) / expected));
    });
    if (options.stereo)
        audio = toStereo(std::move(audio));
    return frames;
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
    detail::openForReading(path, h);
    const bool resampling = target != 0.0 && target != double(h.info.samplerate);
    LoadedAudio out;
    try {
        const std::int64_t frames = resampling ? detail::decodeResampling(path, h, options, out.audio)
                                               : decodePlain(path, h, options, out.audio);
        out.info = detail::describe(path, h, frames);
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
    detail::openForReading(path, h);
    const std::int64_t frames = detail::decode(path, h, {});
    return detail::describe(path, h, frames);
}

} // namespace earlab
