#include "audio/compare/alignment.h"

#include "audio/audio_error.h"
#include "audio/compare/cross_correlation.h"
#include "audio/compare/fractional_delay.h"
#include "audio/io/resampler.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <sstream>

namespace earlab {

namespace {

constexpr int kMaxPasses = 4;
constexpr double kMinCommonSeconds = 1.0;
constexpr double kCoarseWindowSeconds = 2.0;
constexpr double kSilentRms = 1e-7; // -140 dBFS: nothing an item of music holds

std::string seconds(double frames, double rate)
{
    std::ostringstream s;
    s.precision(3);
    s << std::fixed << frames / rate << " s";
    return s.str();
}

std::vector<double> monoDownmix(const AudioBuffer& b, const std::string& name)
{
    if (b.channelCount() == 0 || b.frames() == 0)
        throw AudioError(AudioErrorKind::InvalidArgument, name, "has no audio to align");
    std::vector<double> mono(b.frames(), 0.0);
    for (const auto& ch : b.channels) {
        if (ch.size() != b.frames())
            throw AudioError(AudioErrorKind::InvalidArgument, name, "has channels of different lengths");
        for (std::size_t i = 0; i < mono.size(); ++i)
            mono[i] += ch[i];
    }
    double energy = 0;
    for (double& v : mono) {
        v /= double(b.channelCount());
        energy += v * v;
    }
    if (std::sqrt(energy / double(mono.size())) < kSilentRms)
        throw AudioError(AudioErrorKind::InvalidArgument, name,
                         "is silent (or its channels cancel in a mono downmix): nothing to align");
    return mono;
}

// signal[start, start + length) with zeros outside the signal.
std::vector<double> excerpt(const std::vector<double>& signal, std::int64_t start, std::size_t length)
{
    std::vector<double> out(length, 0.0);
    for (std::size_t i = 0; i < length; ++i) {
        const std::int64_t j = start + std::int64_t(i);
        if (j >= 0 && j < std::int64_t(signal.size()))
            out[i] = signal[std::size_t(j)];
    }
    return out;
}

struct Located {
    double lag = 0; // item position - reference position of the window's content
    double correlation = 0;
    bool atEdge = false;
};

// The reference's [t, t + w) found in the item near t + predictedLag (+- range).
Located locateReferenceWindow(const std::vector<double>& ref, const std::vector<double>& item, std::int64_t t,
                              std::size_t w, double predictedLag, std::size_t range)
{
    const std::vector<double> window = excerpt(ref, t, w);
    const std::int64_t segStart = t + std::int64_t(std::llround(predictedLag)) - std::int64_t(range);
    const std::vector<double> segment = excerpt(item, segStart, w + 2 * range);
    const CorrelationPeak p = findCorrelationPeak(window, segment);
    return {double(segStart) + p.position - double(t), p.correlation, p.atEdge};
}

// The item's [u, u + w) found in the reference within +- range of u.
Located locateItemWindow(const std::vector<double>& ref, const std::vector<double>& item, std::int64_t u,
                         std::size_t w, std::size_t range)
{
    const std::vector<double> window = excerpt(item, u, w);
    const std::int64_t segStart = u - std::int64_t(range);
    const std::vector<double> segment = excerpt(ref, segStart, w + 2 * range);
    const CorrelationPeak p = findCorrelationPeak(window, segment);
    return {double(u) - (double(segStart) + p.position), p.correlation, p.atEdge};
}

void checkOptions(const AlignmentOptions& o)
{
    auto bad = [](const std::string& what) { throw AudioError(AudioErrorKind::InvalidArgument, "alignment", what); };
    if (!(o.maxOffsetSeconds >= 0.01 && o.maxOffsetSeconds <= 60))
        bad("maxOffsetSeconds must be 0.01 to 60 s");
    if (!(o.maxDriftPpm >= 0 && o.maxDriftPpm <= 20000))
        bad("maxDriftPpm must be 0 to 20000");
    if (o.windows < 3 || o.windows > 50)
        bad("windows must be 3 to 50");
    if (!(o.windowSeconds >= 0.25 && o.windowSeconds <= 30))
        bad("windowSeconds must be 0.25 to 30 s");
    if (!(o.minCorrelation >= 0 && o.minCorrelation <= 1))
        bad("minCorrelation must be 0 to 1");
}

// Least squares y = a + b x.
void fitLine(const std::vector<AlignmentWindow>& w, double& a, double& b)
{
    double mx = 0, my = 0;
    for (const auto& p : w) {
        mx += p.referenceTime;
        my += p.offsetSamples;
    }
    mx /= double(w.size());
    my /= double(w.size());
    double sxx = 0, sxy = 0;
    for (const auto& p : w) {
        sxx += (p.referenceTime - mx) * (p.referenceTime - mx);
        sxy += (p.referenceTime - mx) * (p.offsetSamples - my);
    }
    b = sxx > 0 ? sxy / sxx : 0.0;
    a = my - b * mx;
}

std::vector<double> resampledBy(const std::vector<double>& mono, double itemPerReference, double rate)
{
    // Item samples per reference sample beta: the item read at beta x the reference's rate.
    StreamResampler resampler(1, rate * itemPerReference, rate);
    std::vector<float> in(mono.begin(), mono.end());
    AudioBuffer out;
    out.channels.resize(1);
    const float* ptr = in.data();
    resampler.process(std::span<const float* const>(&ptr, 1), in.size(), out);
    resampler.finish(out);
    return std::vector<double>(out.channels[0].begin(), out.channels[0].end());
}

} // namespace

Alignment measureAlignment(const AudioBuffer& reference, const AudioBuffer& item, const AlignmentOptions& options,
                           const std::string& referenceName, const std::string& itemName)
{
    checkOptions(options);
    if (!(reference.sampleRate > 0) || reference.sampleRate != item.sampleRate)
        throw AudioError(AudioErrorKind::InvalidArgument, itemName,
                         "its sample rate (" + std::to_string(std::lround(item.sampleRate)) + " Hz) differs from " + referenceName +
                             "'s (" + std::to_string(std::lround(reference.sampleRate)) + " Hz): resample it first");
    const double rate = reference.sampleRate;
    const std::vector<double> ref = monoDownmix(reference, referenceName);
    const std::vector<double> itm = monoDownmix(item, itemName);
    const auto refFrames = double(ref.size()), itemFrames = double(itm.size());
    const double minCommon = kMinCommonSeconds * rate;
    if (std::min(refFrames, itemFrames) < minCommon)
        throw AudioError(AudioErrorKind::InvalidArgument, itemName,
                         "no common region with " + referenceName + ": " + seconds(std::min(refFrames, itemFrames), rate) +
                             " of audio, at least " + seconds(minCommon, rate) + " needed");

    // 1. Coarse: a window at the centre of the shorter item, over the whole search range.
    const auto range = std::size_t(std::ceil(options.maxOffsetSeconds * rate));
    const std::size_t coarseW = std::size_t(std::min({kCoarseWindowSeconds * rate, refFrames, itemFrames}));
    Located coarse;
    if (itemFrames <= refFrames)
        coarse = locateItemWindow(ref, itm, std::int64_t((itemFrames - double(coarseW)) / 2), coarseW, range);
    else
        coarse = locateReferenceWindow(ref, itm, std::int64_t((refFrames - double(coarseW)) / 2), coarseW, 0.0, range);
    const double weakest = options.minCorrelation;
    if (std::abs(coarse.correlation) < weakest / 2 || coarse.atEdge)
        throw AudioError(AudioErrorKind::InvalidArgument, itemName,
                         "no common region with " + referenceName + " found within +-" + seconds(double(range), rate) +
                             " (best normalised correlation " + std::to_string(std::abs(coarse.correlation)) +
                             (coarse.atEdge ? ", at the edge of the search range" : "") +
                             "): different music, or offset further than the search range");

    // Model: reference sample t holds item position alpha + beta t.
    double alpha = coarse.lag, beta = 1.0;
    double residual = double(std::ceil(options.maxDriftPpm * 1e-6 * std::max(refFrames, itemFrames))) + 64.0;
    double warp = 1.0;                // the item's downmix as measured: resampled by 1 / warp
    std::vector<double> resampledItem;
    const std::vector<double>* warped = &itm;
    Alignment result;
    for (int pass = 0; pass < kMaxPasses; ++pass) {
        // Common region on the reference's timeline.
        const double begin = std::max(0.0, -alpha / beta);
        const double end = std::min(refFrames, (itemFrames - alpha) / beta);
        if (end - begin < minCommon)
            throw AudioError(AudioErrorKind::InvalidArgument, itemName,
                             "no common region with " + referenceName + ": they overlap for " +
                                 seconds(std::max(0.0, end - begin), rate) + ", at least " + seconds(minCommon, rate) +
                                 " needed");
        const double span = end - begin;
        const double windowFrames = std::min(pass == 0 ? 1.0 * rate : options.windowSeconds * rate,
                                             std::floor(span / double(options.windows)));
        const auto w = std::size_t(windowFrames);
        const auto searchRange = std::size_t(std::ceil(residual));

        std::vector<AlignmentWindow> windows;
        double worst = 1.0;
        double sumCorrelation = 0;
        for (std::size_t k = 0; k < options.windows; ++k) {
            const double t = begin + double(k) * (span - windowFrames) / double(options.windows - 1);
            const auto ti = std::int64_t(std::floor(t));
            // In the warped item's samples reference t holds v = (alpha + beta t) / warp.
            const double predicted = (alpha + beta * (double(ti) + double(w) / 2.0)) / warp - (double(ti) + double(w) / 2.0);
            const Located l = locateReferenceWindow(ref, *warped, ti, w, predicted, searchRange);
            if (l.atEdge)
                throw AudioError(AudioErrorKind::InvalidArgument, itemName,
                                 "its offset to " + referenceName + " changes too much over time at " +
                                     seconds(double(ti), rate) + " (more than the " +
                                     std::to_string(options.maxDriftPpm) + " ppm searched)");
            windows.push_back({double(ti) + double(w) / 2.0, l.lag, l.correlation});
            worst = std::min(worst, std::abs(l.correlation));
            sumCorrelation += l.correlation;
        }
        // A drifting item smears the first pass's short windows: judged only once warped.
        if (pass > 0 && worst < weakest) {
            const auto it = std::min_element(windows.begin(), windows.end(), [](const auto& x, const auto& y) {
                return std::abs(x.correlation) < std::abs(y.correlation);
            });
            throw AudioError(AudioErrorKind::InvalidArgument, itemName,
                             "no common region with " + referenceName + " that matches reliably: near " +
                                 seconds(it->referenceTime, rate) + " the normalised correlation is " +
                                 std::to_string(std::abs(it->correlation)) + ", below " + std::to_string(weakest) +
                                 " (different music there, an offset beyond the +-" + seconds(double(range), rate) +
                                 " searched, or distortion beyond alignment)");
        }
        double a = 0, b = 0;
        fitLine(windows, a, b);
        // Warped v = a + (1 + b) t, and item u = warp v.
        alpha = warp * a;
        beta = warp * (1.0 + b);
        double maxResidual = 0;
        for (const auto& p : windows)
            maxResidual = std::max(maxResidual, std::abs(p.offsetSamples - (a + b * p.referenceTime)));
        residual = 32.0 + 4.0 * maxResidual;

        // Kept in item samples (what a caller reads as "how far off here"): u = warp v.
        result.windows = windows;
        for (auto& p : result.windows)
            p.offsetSamples = warp * (p.referenceTime + p.offsetSamples) - p.referenceTime;
        result.correlation = worst;
        result.polarityInverted = sumCorrelation < 0;
        // Done when what is left of the drift moves a window's content by < 0.01 sample.
        const bool settled = std::abs(b) * options.windowSeconds * rate < 0.01;
        if ((pass > 0 && settled) || pass + 1 == kMaxPasses)
            break;
        // Resampled only for a drift that would smear a window (a pass of libsoxr over the
        // whole downmix costs more than the windows).
        const bool smears = std::abs(beta - 1.0) * options.windowSeconds * rate >= 0.01;
        warp = smears ? beta : 1.0;
        if (smears)
            resampledItem = resampledBy(itm, beta, rate);
        warped = smears ? &resampledItem : &itm;
    }
    result.driftPpm = (beta - 1.0) * 1e6;
    result.offsetSamples = alpha / beta;
    result.commonBegin = std::size_t(std::ceil(std::max(0.0, -alpha / beta)));
    result.commonEnd = std::size_t(std::floor(std::max(0.0, std::min(refFrames, (itemFrames - alpha) / beta))));
    return result;
}

AlignedItem alignToReference(const AudioBuffer& item, const Alignment& alignment, std::size_t referenceFrames)
{
    if (item.channelCount() == 0 || !(item.sampleRate > 0))
        throw AudioError(AudioErrorKind::InvalidArgument, "alignment", "the item has no audio to align");
    AlignedItem out;
    const double beta = 1.0 + alignment.driftPpm * 1e-6;
    out.driftCorrected = std::abs(alignment.driftPpm) > kDriftCorrectionThresholdPpm;
    AudioBuffer corrected;
    const AudioBuffer* source = &item;
    if (out.driftCorrected) {
        // Read at beta x the reference's rate, written at the reference's: one item sample
        // per reference sample afterwards, sample 0 still at time 0.
        StreamResampler resampler(item.channelCount(), item.sampleRate * beta, item.sampleRate);
        corrected.channels.resize(item.channelCount());
        resampler.process(item, corrected);
        resampler.finish(corrected);
        source = &corrected;
    }
    out.audio.sampleRate = item.sampleRate;
    const float sign = alignment.polarityInverted ? -1.0f : 1.0f;
    for (const auto& ch : source->channels) {
        std::vector<float> shifted = readAtOffset(ch, alignment.offsetSamples, referenceFrames);
        if (sign < 0)
            for (float& v : shifted)
                v = -v;
        out.audio.channels.push_back(std::move(shifted));
    }
    return out;
}

} // namespace earlab
