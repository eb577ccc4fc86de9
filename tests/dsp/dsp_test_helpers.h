#pragma once
// Small helpers shared by the dsp test executables (header-only: each test is its own
// executable and links nothing else from here).

#include "audio/audio_buffer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <span>

namespace earlab::test {

// Pointers to frames [offset, ...) of each channel of `b`, as process() wants them.
struct ChannelPointers {
    std::array<float*, 2> pointers{};
    int count = 0;

    ChannelPointers(AudioBuffer& b, std::size_t offset = 0)
    {
        count = int(std::min<std::size_t>(b.channelCount(), 2));
        for (int c = 0; c < count; ++c)
            pointers[std::size_t(c)] = b.channels[std::size_t(c)].data() + offset;
    }
    float* const* data() const { return pointers.data(); }
};

// Runs fn(channelPointers, channelCount, frames) over `b` in blocks of `blockSize`.
template <class Fn>
void processInBlocks(AudioBuffer& b, int blockSize, Fn&& fn)
{
    const std::size_t total = b.frames();
    for (std::size_t at = 0; at < total; at += std::size_t(blockSize)) {
        const int n = int(std::min<std::size_t>(std::size_t(blockSize), total - at));
        ChannelPointers p(b, at);
        fn(p.data(), p.count, n);
    }
}

// Largest |x[i] - x[i-1]| for i in [begin + 1, end).
inline double maxStep(std::span<const float> x, std::size_t begin, std::size_t end)
{
    double worst = 0.0;
    end = std::min(end, x.size());
    for (std::size_t i = begin + 1; i < end; ++i)
        worst = std::max(worst, std::abs(double(x[i]) - double(x[i - 1])));
    return worst;
}

// Zipper detector for a sine of frequency f through a block whose gain changes: the
// largest |y[n] - y[n-1]| in [begin, end), relative to the largest step a sine of the local
// amplitude can make, 2 sin(pi f / fs) E[n], where E[n] is the largest |y| within one
// period either side. A level that changes smoothly, however far, stays at about 1 or
// below; a gain step shows well above it (a 0.5 dB jump at a crest of a 1 kHz sine at 48 kHz
// reads about 1.4).
inline double worstStepOverEnvelope(std::span<const float> y, std::size_t begin, std::size_t end,
                                    double f, double fs)
{
    const std::size_t period = std::size_t(std::ceil(fs / f));
    const double sineStep = 2.0 * std::sin(3.14159265358979323846 * f / fs);
    end = std::min(end, y.size());
    double worst = 0.0;
    for (std::size_t n = std::max<std::size_t>(begin, 1); n < end; ++n) {
        double envelope = 0.0;
        const std::size_t lo = n > period ? n - period : 0;
        const std::size_t hi = std::min(y.size(), n + period + 1);
        for (std::size_t k = lo; k < hi; ++k)
            envelope = std::max(envelope, double(std::abs(y[k])));
        if (envelope <= 0.0)
            continue;
        worst = std::max(worst, std::abs(double(y[n]) - double(y[n - 1])) / (sineStep * envelope));
    }
    return worst;
}

inline bool bitIdentical(const AudioBuffer& a, const AudioBuffer& b)
{
    if (a.channelCount() != b.channelCount() || a.frames() != b.frames())
        return false;
    for (std::size_t c = 0; c < a.channelCount(); ++c)
        if (std::memcmp(a.channels[c].data(), b.channels[c].data(), a.frames() * sizeof(float)) != 0)
            return false;
    return true;
}

inline bool allFinite(const AudioBuffer& b)
{
    for (const auto& ch : b.channels)
        for (float v : ch)
            if (!std::isfinite(v))
                return false;
    return true;
}

inline double dbToLinear(double db) { return std::pow(10.0, db / 20.0); }

// A sub-range of one channel as a span.
inline std::span<const float> window(const AudioBuffer& b, std::size_t channel, std::size_t begin,
                                     std::size_t count)
{
    return std::span<const float>(b.channels[channel]).subspan(begin, count);
}

} // namespace earlab::test
