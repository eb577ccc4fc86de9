#include "audio/io/loudness.h"

#include "audio/audio_error.h"
#include "audio/io/audio_stream.h"

#include <ebur128.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <exception>
#include <future>
#include <limits>
#include <memory>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace earlab {

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();
constexpr std::size_t kFeedBlock = 16384; // frames interleaved at a time

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

[[noreturn]] void throwEmpty(const std::string& subject)
{
    throw AudioError(AudioErrorKind::InvalidArgument, subject, "the buffer is empty, there is nothing to measure");
}

[[noreturn]] void throwSilent(const std::string& subject)
{
    throw AudioError(AudioErrorKind::InvalidArgument, subject,
                     "it is silent (or shorter than 400 ms): it has no loudness to match");
}

void checkMeasurable(const AudioBuffer& audio, const std::string& subject)
{
    if (audio.channelCount() == 0 || audio.frames() == 0)
        throwEmpty(subject);
    for (const auto& ch : audio.channels)
        if (ch.size() != audio.frames())
            throw AudioError(AudioErrorKind::InvalidArgument, subject, "channels of different lengths");
    if (!std::isfinite(audio.sampleRate) || audio.sampleRate < 1.0 || audio.sampleRate > 2822400.0)
        throw AudioError(AudioErrorKind::InvalidArgument, subject,
                         "sample rate " + std::to_string(audio.sampleRate) + " Hz cannot be measured");
}

State makeState(std::size_t channels, double sampleRate, int mode, const std::string& subject)
{
    State state(ebur128_init(unsigned(channels), static_cast<unsigned long>(std::lround(sampleRate)), mode));
    if (!state)
        throw AudioError(AudioErrorKind::InvalidArgument, subject,
                         "libebur128 refused " + std::to_string(channels) + " channels at " +
                             std::to_string(sampleRate) + " Hz");
    return state;
}

// Feeds `channels` of `audio` (indices into audio.channels) to `state`, interleaved as
// libebur128 wants, in blocks; `gain` is applied on the fly exactly as applyGainDb() would,
// without copying the audio.
void feed(ebur128_state* state, const AudioBuffer& audio, const std::vector<std::size_t>& channels,
          const std::string& subject, float gain = 1.0f)
{
    constexpr std::size_t kBlock = kFeedBlock;
    const std::size_t width = channels.size();
    std::vector<float> interleaved(kBlock * width);
    const std::size_t frames = audio.frames();
    for (std::size_t start = 0; start < frames; start += kBlock) {
        const std::size_t n = std::min(kBlock, frames - start);
        for (std::size_t k = 0; k < width; ++k) {
            const float* src = audio.channels[channels[k]].data() + start;
            for (std::size_t i = 0; i < n; ++i)
                interleaved[i * width + k] = src[i] * gain;
        }
        if (ebur128_add_frames_float(state, interleaved.data(), n) != EBUR128_SUCCESS)
            throw AudioError(AudioErrorKind::InvalidArgument, subject, "libebur128 could not take the samples");
    }
}

// Gated integrated loudness only: no true-peak oversampler, which costs several times the
// K-weighting (loudness matching measures the same audio up to six times).
void setChannelTypes(ebur128_state* state, std::size_t channels)
{
    for (std::size_t c = 0; c < channels; ++c)
        ebur128_set_channel(state, unsigned(c), channelType(channels, c));
}

double globalLufs(ebur128_state* state)
{
    double lufs = kNegInf;
    if (ebur128_loudness_global(state, &lufs) == EBUR128_SUCCESS && std::isfinite(lufs))
        return lufs;
    return kNegInf;
}

double integratedLufs(const AudioBuffer& audio, const std::string& subject, float gain = 1.0f)
{
    checkMeasurable(audio, subject);
    const std::size_t channels = audio.channelCount();
    State state = makeState(channels, audio.sampleRate, EBUR128_MODE_I, subject);
    std::vector<std::size_t> all(channels);
    for (std::size_t c = 0; c < channels; ++c)
        all[c] = c;
    setChannelTypes(state.get(), channels);
    feed(state.get(), audio, all, subject, gain);
    return globalLufs(state.get());
}

// The gain (dB) that brings `measure(gain)` to `target`, starting from a measurement `start`
// at gain 0. Loudness is linear in gain except for blocks crossing the -70 LUFS absolute
// gate, so this converges in one or two steps; four is a safe cap.
template <typename Measure>
double matchGain(double target, double start, Measure measure)
{
    double gain = target - start;
    double bestGain = gain;
    double bestResidual = std::numeric_limits<double>::infinity();
    for (int iteration = 0; iteration < 4; ++iteration) {
        const double measured = measure(gain);
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

// One channel's true peak (linear). libebur128 oversamples each channel on its own, so a
// mono state per channel gives exactly what one multichannel state would. (Its true-peak
// mode also runs the momentary K-weighting; the API has no way to leave that out.)
double channelTruePeak(const AudioBuffer& audio, std::size_t channel, const std::string& subject)
{
    State state = makeState(1, audio.sampleRate, EBUR128_MODE_TRUE_PEAK, subject);
    feed(state.get(), audio, {channel}, subject);
    double peak = 0.0;
    if (ebur128_true_peak(state.get(), 0, &peak) != EBUR128_SUCCESS)
        return 0.0;
    return peak;
}

} // namespace

Loudness measureLoudness(const AudioBuffer& audio)
{
    const std::string subject = "loudness measurement";
    checkMeasurable(audio, subject);
    // The true peak (4x oversampling) dominates: the channels' peaks are measured on worker
    // threads (no more than the machine has cores; channel c on worker c % workers) while
    // this thread measures the loudness. A worker that cannot be started runs here instead,
    // at get(). Errors surface through the futures' get().
    const std::size_t channels = audio.channelCount();
    const std::size_t workers = std::min<std::size_t>(channels, std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::future<double>> peaks;
    for (std::size_t w = 0; w < workers; ++w) {
        auto task = [&audio, &subject, w, workers, channels] {
            double peak = 0.0;
            for (std::size_t c = w; c < channels; c += workers)
                peak = std::max(peak, channelTruePeak(audio, c, subject));
            return peak;
        };
        try {
            peaks.push_back(std::async(std::launch::async, task));
        } catch (const std::system_error&) { // no thread to be had: measure it on this one
            peaks.push_back(std::async(std::launch::deferred, task));
        }
    }
    Loudness result{kNegInf, kNegInf};
    std::exception_ptr error;
    try {
        result.integratedLufs = integratedLufs(audio, subject);
    } catch (...) {
        error = std::current_exception();
    }
    double peak = 0.0;
    for (auto& p : peaks) {
        try {
            peak = std::max(peak, p.get()); // waits for every thread, also after an error
        } catch (...) {
            if (!error)
                error = std::current_exception();
        }
    }
    if (error)
        std::rethrow_exception(error);
    if (peak > 0.0)
        result.truePeakDbtp = 20.0 * std::log10(peak);
    return result;
}

double integratedLoudnessLufs(const AudioBuffer& audio)
{
    return integratedLufs(audio, "loudness measurement");
}

double loudnessMatchGainDb(const AudioBuffer& reference, const AudioBuffer& candidate)
{
    const double target = integratedLufs(reference, "reference");
    if (!std::isfinite(target))
        throwSilent("reference");
    const double start = integratedLufs(candidate, "candidate");
    if (!std::isfinite(start))
        throwSilent("candidate");
    return matchGain(target, start,
                     [&](double gain) { return integratedLufs(candidate, "candidate", gainFactor(gain)); });
}

struct LoudnessMeter::States {
    State loudness;
    State truePeak; // null unless asked for
};

LoudnessMeter::LoudnessMeter(std::size_t channels, double sampleRate, bool truePeak, std::string subject)
    : subject_(std::move(subject)), channels_(channels), states_(std::make_unique<States>())
{
    if (channels == 0)
        throwEmpty(subject_);
    if (!std::isfinite(sampleRate) || sampleRate < 1.0 || sampleRate > 2822400.0)
        throw AudioError(AudioErrorKind::InvalidArgument, subject_,
                         "sample rate " + std::to_string(sampleRate) + " Hz cannot be measured");
    states_->loudness = makeState(channels, sampleRate, EBUR128_MODE_I, subject_);
    setChannelTypes(states_->loudness.get(), channels);
    if (truePeak)
        states_->truePeak = makeState(channels, sampleRate, EBUR128_MODE_TRUE_PEAK, subject_);
    hop_ = (static_cast<std::size_t>(std::lround(sampleRate)) + 5) / 10; // as libebur128 rounds
    interleaved_.resize(kFeedBlock * channels);
}

LoudnessMeter::~LoudnessMeter() = default;

void LoudnessMeter::feedLoudness(const float* interleaved, std::size_t frames)
{
    // Fed in pieces that end on libebur128's 100 ms boundaries: after each one that completes
    // a gating block, the momentary loudness is exactly that block's energy (the same sum).
    while (frames > 0) {
        const std::size_t n = std::min(frames, hop_ - sinceHop_);
        if (ebur128_add_frames_float(states_->loudness.get(), interleaved, n) != EBUR128_SUCCESS)
            throw AudioError(AudioErrorKind::InvalidArgument, subject_, "libebur128 could not take the samples");
        interleaved += n * channels_;
        frames -= n;
        frames_ += n;
        sinceHop_ += n;
        if (sinceHop_ == hop_) {
            sinceHop_ = 0;
            double momentary = kNegInf;
            if (frames_ >= 4 * hop_ && ebur128_loudness_momentary(states_->loudness.get(), &momentary) == EBUR128_SUCCESS)
                blockEnergies_.push_back(std::isfinite(momentary) ? std::pow(10.0, (momentary + 0.691) / 10.0) : 0.0);
        }
    }
}

void LoudnessMeter::add(const float* const* channels, std::size_t frames)
{
    for (std::size_t start = 0; start < frames; start += kFeedBlock) {
        const std::size_t n = std::min(kFeedBlock, frames - start);
        for (std::size_t c = 0; c < channels_; ++c) {
            const float* src = channels[c] + start;
            for (std::size_t i = 0; i < n; ++i)
                interleaved_[i * channels_ + c] = src[i];
        }
        // The true peak (4x oversampling) costs several times the loudness: on a helper
        // thread, reading the same interleaved block, while this one measures the loudness.
        std::future<int> peak;
        if (states_->truePeak) {
            auto task = [this, n] { return ebur128_add_frames_float(states_->truePeak.get(), interleaved_.data(), n); };
            try {
                peak = std::async(std::launch::async, task);
            } catch (const std::system_error&) {
                peak = std::async(std::launch::deferred, task);
            }
        }
        std::exception_ptr error;
        try {
            feedLoudness(interleaved_.data(), n);
        } catch (...) {
            error = std::current_exception();
        }
        if (peak.valid() && peak.get() != EBUR128_SUCCESS && !error)
            throw AudioError(AudioErrorKind::InvalidArgument, subject_, "libebur128 could not take the samples");
        if (error)
            std::rethrow_exception(error);
    }
}

Loudness LoudnessMeter::result() const
{
    if (frames_ == 0)
        throwEmpty(subject_);
    Loudness r{globalLufs(states_->loudness.get()), kNegInf};
    if (states_->truePeak) {
        double peak = 0.0;
        for (std::size_t c = 0; c < channels_; ++c) {
            double p = 0.0;
            if (ebur128_true_peak(states_->truePeak.get(), unsigned(c), &p) == EBUR128_SUCCESS)
                peak = std::max(peak, p);
        }
        if (peak > 0.0)
            r.truePeakDbtp = 20.0 * std::log10(peak);
    }
    return r;
}

double LoudnessMeter::integratedLufs(double gainDb) const
{
    if (frames_ == 0)
        throwEmpty(subject_);
    if (gainDb == 0.0)
        return globalLufs(states_->loudness.get());
    // BS.1770-4 section 2.8, as libebur128 computes it (its blocks are kept when at or
    // above the absolute gate; the relative gate is 10 LU under their mean).
    const double g = double(gainFactor(gainDb));
    const double absoluteGate = std::pow(10.0, (-70.0 + 0.691) / 10.0);
    double sum = 0.0;
    std::size_t count = 0;
    for (double z : blockEnergies_)
        if (z * g * g >= absoluteGate) {
            sum += z * g * g;
            ++count;
        }
    if (count == 0)
        return kNegInf;
    const double relativeGate = sum / double(count) * std::pow(10.0, -10.0 / 10.0);
    double gated = 0.0;
    std::size_t kept = 0;
    for (double z : blockEnergies_)
        if (z * g * g >= absoluteGate && z * g * g >= relativeGate) {
            gated += z * g * g;
            ++kept;
        }
    if (kept == 0)
        return kNegInf;
    return 10.0 * std::log10(gated / double(kept)) - 0.691;
}

double loudnessMatchGainDb(const LoudnessMeter& reference, const LoudnessMeter& candidate)
{
    if (reference.frames() == 0)
        throwEmpty("reference");
    if (candidate.frames() == 0)
        throwEmpty("candidate");
    const double target = reference.integratedLufs();
    if (!std::isfinite(target))
        throwSilent("reference");
    const double start = candidate.integratedLufs();
    if (!std::isfinite(start))
        throwSilent("candidate");
    return matchGain(target, start, [&](double gain) { return candidate.integratedLufs(gain); });
}

FileLoudness measureFileLoudness(const std::string& path)
{
    constexpr std::size_t kBlock = 65536;
    AudioFileReader reader(path);
    LoudnessMeter meter(2, reader.sampleRate(), true, "loudness measurement");
    std::vector<float> left(kBlock), right(kBlock);
    const float* channels[2] = {left.data(), right.data()};
    while (const std::size_t n = reader.readStereo(left.data(), right.data(), kBlock))
        meter.add(channels, n);
    return {reader.info(), meter.result()};
}

void applyGainDb(AudioBuffer& audio, double gainDb)
{
    const float factor = gainFactor(gainDb);
    for (auto& ch : audio.channels)
        for (float& s : ch)
            s *= factor;
}

} // namespace earlab
