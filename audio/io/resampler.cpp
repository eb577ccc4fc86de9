#include "audio/io/resampler.h"

#include "audio/audio_error.h"

#include <soxr.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace earlab {

namespace {

const std::string kSubject = "resampler";

void checkRate(double rate, const char* what)
{
    if (!std::isfinite(rate) || rate <= 0.0)
        throw AudioError(AudioErrorKind::InvalidArgument, kSubject,
                         std::string(what) + " sample rate " + std::to_string(rate) + " Hz is not a positive rate");
}

void checkShape(const AudioBuffer& b)
{
    if (b.channelCount() == 0)
        throw AudioError(AudioErrorKind::InvalidArgument, kSubject, "the buffer has no channels");
    for (const auto& ch : b.channels)
        if (ch.size() != b.frames())
            throw AudioError(AudioErrorKind::InvalidArgument, kSubject, "channels of different lengths");
}

} // namespace

struct StreamResampler::Impl {
    soxr_t soxr = nullptr;
    double inputRate = 0, outputRate = 0;
    std::size_t channels = 0;
    std::size_t inputFrames = 0;
    std::size_t outputFrames = 0; // appended to the callers' `out` so far
    std::vector<const float*> inPtrs;
    std::vector<float*> outPtrs;

    AudioError failed(soxr_error_t e) const
    {
        return AudioError(AudioErrorKind::ResampleFailed, kSubject,
                          "libsoxr could not convert " + std::to_string(inputRate) + " Hz to " +
                              std::to_string(outputRate) + " Hz: " + (e ? e : "unknown error"));
    }

    // Runs soxr on `frames` input frames (in == nullptr: end of input) and appends what it
    // produces to `out`, at most `limit` frames. Returns the frames produced.
    std::size_t run(const float* const* in, std::size_t frames, AudioBuffer& out, std::size_t limit)
    {
        const std::size_t base = out.frames();
        for (auto& ch : out.channels)
            ch.resize(base + limit);
        std::size_t inPos = 0, produced = 0;
        for (;;) {
            for (std::size_t c = 0; c < channels; ++c) {
                if (in)
                    inPtrs[c] = in[c] + inPos;
                outPtrs[c] = out.channels[c].data() + base + produced;
            }
            std::size_t inDone = 0, outDone = 0;
            const soxr_error_t e = soxr_process(soxr, in ? inPtrs.data() : nullptr, in ? frames - inPos : 0, &inDone,
                                                outPtrs.data(), limit - produced, &outDone);
            if (e) {
                for (auto& ch : out.channels)
                    ch.resize(base + produced);
                throw failed(e);
            }
            inPos += inDone;
            produced += outDone;
            const bool inputUsed = !in || inPos >= frames;
            if ((inputUsed && outDone == 0) || produced >= limit)
                break;
        }
        for (auto& ch : out.channels)
            ch.resize(base + produced);
        return produced;
    }
};

StreamResampler::StreamResampler(std::size_t channelCount, double inputRate, double outputRate)
    : impl_(std::make_unique<Impl>())
{
    checkRate(inputRate, "input");
    checkRate(outputRate, "target");
    if (channelCount == 0)
        throw AudioError(AudioErrorKind::InvalidArgument, kSubject, "the buffer has no channels");
    impl_->inputRate = inputRate;
    impl_->outputRate = outputRate;
    impl_->channels = channelCount;
    impl_->inPtrs.resize(channelCount);
    impl_->outPtrs.resize(channelCount);
    const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_S, SOXR_FLOAT32_S);
    const soxr_quality_spec_t quality = soxr_quality_spec(SOXR_HQ, 0);
    const soxr_runtime_spec_t runtime = soxr_runtime_spec(1);
    soxr_error_t error = nullptr;
    impl_->soxr = soxr_create(inputRate, outputRate, unsigned(channelCount), &error, &io, &quality, &runtime);
    if (!impl_->soxr || error) {
        if (impl_->soxr)
            soxr_delete(impl_->soxr);
        throw impl_->failed(error ? error : "cannot create the resampler");
    }
}

StreamResampler::~StreamResampler()
{
    if (impl_ && impl_->soxr)
        soxr_delete(impl_->soxr);
}

void StreamResampler::process(const AudioBuffer& block, AudioBuffer& out)
{
    checkShape(block);
    std::vector<const float*> in;
    for (const auto& ch : block.channels)
        in.push_back(ch.data());
    process(in, block.frames(), out);
}

void StreamResampler::process(std::span<const float* const> channels, std::size_t frames, AudioBuffer& out)
{
    if (channels.size() != impl_->channels || out.channelCount() != impl_->channels)
        throw AudioError(AudioErrorKind::InvalidArgument, kSubject, "channel count changed mid-stream");
    if (frames == 0)
        return;
    const double ratio = impl_->outputRate / impl_->inputRate;
    impl_->outputFrames += impl_->run(channels.data(), frames, out, std::size_t(std::ceil(double(frames) * ratio)) + 64);
    impl_->inputFrames += frames;
}

void StreamResampler::finish(AudioBuffer& out)
{
    const double ratio = impl_->outputRate / impl_->inputRate;
    const auto target = static_cast<std::int64_t>(std::llround(double(impl_->inputFrames) * ratio));
    if (std::int64_t(impl_->outputFrames) < target)
        impl_->outputFrames += impl_->run(nullptr, 0, out, std::size_t(target - std::int64_t(impl_->outputFrames)));
    // `out` ends with the stream's latest frames (a caller may have taken the earlier ones
    // out): make the stream end at the target. A rounding frame soxr did not produce stays
    // silent; anything beyond the target goes.
    const std::int64_t outStart = std::int64_t(impl_->outputFrames) - std::int64_t(out.frames());
    const auto keep = std::size_t(std::max<std::int64_t>(target - outStart, 0));
    for (auto& ch : out.channels)
        ch.resize(keep, 0.0f);
    out.sampleRate = impl_->outputRate;
}

AudioBuffer resample(const AudioBuffer& in, double targetSampleRate)
{
    checkRate(targetSampleRate, "target");
    checkRate(in.sampleRate, "input");
    checkShape(in);
    if (targetSampleRate == in.sampleRate)
        return in;

    const std::size_t frames = in.frames();
    const double ratio = targetSampleRate / in.sampleRate;
    AudioBuffer out;
    out.sampleRate = targetSampleRate;
    out.channels.resize(in.channelCount());
    for (auto& ch : out.channels)
        ch.reserve(static_cast<std::size_t>(std::llround(double(frames) * ratio)) + 64);

    StreamResampler stream(in.channelCount(), in.sampleRate, targetSampleRate);
    // Fed in blocks rather than in one call: given a whole song at once, soxr first copies
    // all of it into its internal FIFO (measured: 0.93 s instead of 0.64 s for 10 minutes).
    constexpr std::size_t kBlock = 1 << 16;
    std::vector<const float*> ptrs(in.channelCount());
    for (std::size_t start = 0; start < frames; start += kBlock) {
        for (std::size_t c = 0; c < in.channelCount(); ++c)
            ptrs[c] = in.channels[c].data() + start;
        stream.process(ptrs, std::min(kBlock, frames - start), out);
    }
    stream.finish(out);
    return out;
}

} // namespace earlab
