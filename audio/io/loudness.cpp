#include "audio/io/loudness.h"

#include "audio/audio_error.h"

#include <ebur128.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace earlab {

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

float gainFactor(double gainDb)
{
    return static_cast<float>(std::pow(10.0, gainDb / 20.0));
}

struct StateDeleter {
    void operator()(ebur128_state* s) const { ebur128_destroy(&s); }
};
using State = std::unique_ptr<ebur128_state, StateDeleter>;

int channelType(std::size_t channelCount, std::size_t index)
{
    switch (channelCount) {
    case 1: return EBUR128_DUAL_MONO;
    case 2: return index == 0 ? EBUR128_LEFT : EBUR128_RIGHT;
    case 3: {
        constexpr int map[] = {EBUR128_LEFT, EBUR128_RIGHT, EBUR128_CENTER};
        return map[index];
    }
    case 4: {
        constexpr int map[] = {EBUR128_LEFT, EBUR128_RIGHT, EBUR128_LEFT_SURROUND, EBUR128_RIGHT_SURROUND};
        return map[index];
    }
    case 5: {
        constexpr int map[] = {EBUR128_LEFT, EBUR128_RIGHT, EBUR128_CENTER, EBUR128_LEFT_SURROUND,
                               EBUR128_RIGHT_SURROUND};
        return map[index];
    }
    default: {
        constexpr int map[] = {EBUR128_LEFT, EBUR128_RIGHT, EBUR128_CENTER, EBUR128_UNUSED,
                               EBUR128_LEFT_SURROUND, EBUR128_RIGHT_SURROUND};
        // Beyond 5.1: weight 1.0, which is what libebur128 gives EBUR128_CENTER.
        return index < 6 ? map[index] : EBUR128_CENTER;
    }
    }
}

void checkMeasurable(const AudioBuffer& audio, const std::string& subject)
{
    if (audio.channelCount() == 0 || audio.frames() == 0)
        throw AudioError(AudioErrorKind::InvalidArgument, subject, "the buffer is empty, there is nothing to measure");
    for (const auto& ch : audio.channels)
        if (ch.size() != audio.frames())
            throw AudioError(AudioErrorKind::InvalidArgument, subject, "channels of different lengths");
    if (!std::isfinite(audio.sampleRate) || audio.sampleRate < 1.0 || audio.sampleRate > 2822400.0)
        throw AudioError(AudioErrorKind::InvalidArgument, subject,
                         "sample rate " + std::to_string(audio.sampleRate) + " Hz cannot be measured");
}

// `gain` is applied on the fly exactly as applyGainDb() would, without copying the audio.
Loudness measure(const AudioBuffer& audio, const std::string& subject, float gain = 1.0f)
{
    checkMeasurable(audio, subject);
    const std::size_t channels = audio.channelCount();
    State state(ebur128_init(unsigned(channels), static_cast<unsigned long>(std::lround(audio.sampleRate)),
                             EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK));
    if (!state)
        throw AudioError(AudioErrorKind::InvalidArgument, subject,
                         "libebur128 refused " + std::to_string(channels) + " channels at " +
                             std::to_string(audio.sampleRate) + " Hz");
    for (std::size_t c = 0; c < channels; ++c)
        ebur128_set_channel(state.get(), unsigned(c), channelType(channels, c));

    // libebur128 wants interleaved frames: feed it in blocks.
    constexpr std::size_t kBlock = 16384;
    std::vector<float> interleaved(kBlock * channels);
    const std::size_t frames = audio.frames();
    for (std::size_t start = 0; start < frames; start += kBlock) {
        const std::size_t n = std::min(kBlock, frames - start);
        for (std::size_t c = 0; c < channels; ++c) {
            const float* src = audio.channels[c].data() + start;
            for (std::size_t i = 0; i < n; ++i)
                interleaved[i * channels + c] = src[i] * gain;
        }
        if (ebur128_add_frames_float(state.get(), interleaved.data(), n) != EBUR128_SUCCESS)
            throw AudioError(AudioErrorKind::InvalidArgument, subject, "libebur128 could not take the samples");
    }

    Loudness result{kNegInf, kNegInf};
    double lufs = kNegInf;
    if (ebur128_loudness_global(state.get(), &lufs) == EBUR128_SUCCESS && std::isfinite(lufs))
        result.integratedLufs = lufs;
    double peak = 0.0;
    for (std::size_t c = 0; c < channels; ++c) {
        double p = 0.0;
        if (ebur128_true_peak(state.get(), unsigned(c), &p) == EBUR128_SUCCESS)
            peak = std::max(peak, p);
    }
    if (peak > 0.0)
        result.truePeakDbtp = 20.0 * std::log10(peak);
    return result;
}

} // namespace

Loudness measureLoudness(const AudioBuffer& audio)
{
    return measure(audio, "loudness measurement");
}

double loudnessMatchGainDb(const AudioBuffer& reference, const AudioBuffer& candidate)
{
    const double target = measure(reference, "reference").integratedLufs;
    if (!std::isfinite(target))
        throw AudioError(AudioErrorKind::InvalidArgument, "reference",
                         "it is silent (or shorter than 400 ms): it has no loudness to match");
    const double start = measure(candidate, "candidate").integratedLufs;
    if (!std::isfinite(start))
        throw AudioError(AudioErrorKind::InvalidArgument, "candidate",
                         "it is silent (or shorter than 400 ms): it has no loudness to match");

    double gain = target - start;
    double bestGain = gain;
    double bestResidual = std::numeric_limits<double>::infinity();
    // Loudness is linear in gain except for blocks crossing the -70 LUFS absolute gate, so
    // this converges in one or two steps; four is a safe cap.
    for (int iteration = 0; iteration < 4; ++iteration) {
        const double measured = measure(candidate, "candidate", gainFactor(gain)).integratedLufs;
        if (!std::isfinite(measured))
            break;
        const double residual = target - measured;
        if (std::abs(residual) < bestResidual) {
            bestResidual = std::abs(residual);
            bestGain = gain;
        }
        if (std::abs(residual) < 0.005)
            break;
        gain += residual;
    }
    return bestGain;
}

void applyGainDb(AudioBuffer& audio, double gainDb)
{
    const float factor = gainFactor(gainDb);
    for (auto& ch : audio.channels)
        for (float& s : ch)
            s *= factor;
}

} // namespace earlab
