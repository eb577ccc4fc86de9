#include "audio/compare/null_difference.h"

#include "audio/audio_error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>
#include <utility>

namespace earlab {

namespace {

const std::string kSubject = "null";

std::pair<std::size_t, std::size_t> commonFrames(const AudioBuffer& a, const AudioBuffer& b, std::size_t begin, std::size_t end)
{
    if (a.sampleRate != b.sampleRate || a.channelCount() != b.channelCount() || a.channelCount() == 0)
        throw AudioError(AudioErrorKind::InvalidArgument, kSubject,
                         "the two items need the same sample rate and channel count (" + std::to_string(std::lround(a.sampleRate)) +
                             " Hz x " + std::to_string(a.channelCount()) + " against " + std::to_string(std::lround(b.sampleRate)) +
                             " Hz x " + std::to_string(b.channelCount()) + ")");
    end = std::min({end, a.frames(), b.frames()});
    if (begin >= end)
        throw AudioError(AudioErrorKind::InvalidArgument, kSubject, "the two items have no frame in common");
    return {begin, end};
}

double sumSquares(const AudioBuffer& x, std::size_t begin, std::size_t end)
{
    double s = 0;
    for (const auto& ch : x.channels)
        for (std::size_t i = begin; i < end; ++i)
            s += double(ch[i]) * ch[i];
    return s;
}

} // namespace

AudioBuffer nullDifference(const AudioBuffer& a, const AudioBuffer& b, std::size_t begin, std::size_t end)
{
    std::tie(begin, end) = commonFrames(a, b, begin, end);
    AudioBuffer d = AudioBuffer::silence(a.channelCount(), end - begin, a.sampleRate);
    for (std::size_t c = 0; c < a.channelCount(); ++c)
        for (std::size_t i = begin; i < end; ++i)
            d.channels[c][i - begin] = a.channels[c][i] - b.channels[c][i];
    return d;
}

double nullDepthDb(const AudioBuffer& a, const AudioBuffer& b, std::size_t begin, std::size_t end)
{
    std::tie(begin, end) = commonFrames(a, b, begin, end);
    const double ea = sumSquares(a, begin, end);
    if (ea <= 0)
        throw AudioError(AudioErrorKind::InvalidArgument, kSubject, "the first item is silent: a null has no depth");
    double ed = 0;
    for (std::size_t c = 0; c < a.channelCount(); ++c)
        for (std::size_t i = begin; i < end; ++i) {
            const double d = double(a.channels[c][i]) - double(b.channels[c][i]);
            ed += d * d;
        }
    return ed == 0 ? -std::numeric_limits<double>::infinity() : 10.0 * std::log10(ed / ea);
}

double rmsGainDb(const AudioBuffer& reference, const AudioBuffer& item, std::size_t begin, std::size_t end)
{
    std::tie(begin, end) = commonFrames(reference, item, begin, end);
    const double er = sumSquares(reference, begin, end);
    const double ei = sumSquares(item, begin, end);
    if (er <= 0 || ei <= 0)
        throw AudioError(AudioErrorKind::InvalidArgument, kSubject, std::string(er <= 0 ? "the reference" : "the item") + " is silent: no gain matches it");
    return 10.0 * std::log10(er / ei);
}

} // namespace earlab
