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
constexpr std::size_t kCandidatesPerWindow = 4;
// A block this far below the loudest holds dither or noise, not music to match (dither
// sits near -90 dBFS, a loud block of music near -10).
constexpr double kBlockSeconds = 0.05;
constexpr double kSoundBelowLoudestDb = -50.0;
constexpr double kSoundFraction = 0.9;
constexpr std::size_t kMinUsableWindows = 3; // a line through two points measures no drift error

std::string seconds(double frames, double rate)
{
    std::ostringstream s;
    s.precision(3);
    s << std::fixed << frames / rate << " s";
    return s.str();
}

// One channel, float (a double downmix of two 30-minute items would take 1.4 GB); the
// windows are copied into double for the correlation.
AudioBuffer monoDownmix(const AudioBuffer& b, const std::string& name)
{
    if (b.channelCount() == 0 || b.frames() == 0)
        throw AudioError(AudioErrorKind::InvalidArgument, name, "has no audio to align");
    AudioBuffer out = AudioBuffer::silence(1, b.frames(), b.sampleRate);
    std::vector<float>& mono = out.channels[0];
    for (const auto& ch : b.channels)
        if (ch.size() != b.frames())
            throw AudioError(AudioErrorKind::InvalidArgument, name, "has channels of different lengths");
    const double scale = 1.0 / double(b.channelCount());
    double energy = 0;
    for (std::size_t i = 0; i < mono.size(); ++i) {
        double v = 0;
        for (const auto& ch : b.channels)
            v += ch[i];
        v *= scale;
        mono[i] = float(v);
        energy += v * v;
    }
    if (std::sqrt(energy / double(mono.size())) < kSilentRms)
        throw AudioError(AudioErrorKind::InvalidArgument, name,
                         "is silent (or its channels cancel in a mono downmix): nothing to align");
    return out;
}

// signal[start, start + length) with zeros outside the signal.
std::vector<double> excerpt(const std::vector<float>& signal, std::int64_t start, std::size_t length)
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
    bool noEnergy = false;
};

// The reference's [t, t + w) found in the item near t + predictedLag (+- range).
Located locateReferenceWindow(const std::vector<float>& ref, const std::vector<float>& item, std::int64_t t,
                              std::size_t w, double predictedLag, std::size_t range)
{
    const std::vector<double> window = excerpt(ref, t, w);
    const std::int64_t segStart = t + std::int64_t(std::llround(predictedLag)) - std::int64_t(range);
    const std::vector<double> segment = excerpt(item, segStart, w + 2 * range);
    const CorrelationPeak p = findCorrelationPeak(window, segment);
    return {double(segStart) + p.position - double(t), p.correlation, p.atEdge, p.noEnergy};
}

// As locateReferenceWindow, in the item resampled by 1 / warp (warped position v holds item
// u = warp v): only the item's stretch the search needs is resampled, plus a margin for the
// resampler's edges, not the whole downmix on every pass (a 30-minute item: 345 MB each).
// The excerpt's samples lie at warped positions u0 / warp + j, a fraction off the integer
// grid, which the lag takes in.
Located locateReferenceWindowWarped(const std::vector<float>& ref, const std::vector<float>& item, std::int64_t t,
                                    std::size_t w, double predictedLag, std::size_t range, double warp, double rate)
{
    constexpr std::int64_t kMargin = 4096; // item samples, well beyond libsoxr HQ's filter
    const std::int64_t segStart = t + std::int64_t(std::llround(predictedLag)) - std::int64_t(range);
    const std::size_t segLength = w + 2 * range;
    const std::int64_t u0 = std::int64_t(std::floor(warp * double(segStart))) - kMargin;
    const auto u1 = std::int64_t(std::ceil(warp * double(segStart + std::int64_t(segLength)))) + kMargin;
    AudioBuffer piece;
    piece.sampleRate = rate * warp;
    piece.channels.emplace_back(std::size_t(u1 - u0), 0.0f);
    for (std::int64_t u = u0; u < u1; ++u)
        if (u >= 0 && u < std::int64_t(item.size()))
            piece.channels[0][std::size_t(u - u0)] = item[std::size_t(u)];
    const AudioBuffer warpedPiece = resample(piece, rate);
    const double v0 = double(u0) / warp; // warped position of warpedPiece's sample 0
    const auto j0 = std::int64_t(std::llround(double(segStart) - v0));
    const std::vector<double> window = excerpt(ref, t, w);
    const std::vector<double> segment = excerpt(warpedPiece.channels[0], j0, segLength);
    const CorrelationPeak p = findCorrelationPeak(window, segment);
    return {v0 + double(j0) + p.position - double(t), p.correlation, p.atEdge, p.noEnergy};
}

// The item's [u, u + w) found in the reference within +- range of u.
Located locateItemWindow(const std::vector<float>& ref, const std::vector<float>& item, std::int64_t u,
                         std::size_t w, std::size_t range)
{
    const std::vector<double> window = excerpt(item, u, w);
    const std::int64_t segStart = u - std::int64_t(range);
    const std::vector<double> segment = excerpt(ref, segStart, w + 2 * range);
    const CorrelationPeak p = findCorrelationPeak(window, segment);
    return {double(u) - (double(segStart) + p.position), p.correlation, p.atEdge, p.noEnergy};
}

double energyOf(const std::vector<float>& signal, std::int64_t start, std::size_t length)
{
    double e = 0;
    for (std::int64_t i = std::max<std::int64_t>(start, 0); i < std::min(start + std::int64_t(length), std::int64_t(signal.size())); ++i)
        e += double(signal[std::size_t(i)]) * signal[std::size_t(i)];
    return e;
}

// Where the windows go: the starts of `count` windows of w frames spread over [begin, end)
// among those where the reference has sound throughout. Real mixes start and end with
// seconds of silence, a fade or dither, where a window finds nothing to match (or matches
// noise), and a window mostly over such a stretch matches poorly however loud its few
// seconds of music: so kCandidatesPerWindow x count candidate positions are spread over
// the region, each cut into blocks of kBlockSeconds, and a candidate is kept when at least
// kSoundFraction of its blocks lie within kSoundBelowLoudestDb of the loudest block;
// `count` of those taken evenly, fewer when fewer qualify.
std::vector<std::int64_t> windowStarts(const std::vector<float>& ref, double rate, double begin, double end,
                                       std::size_t w, std::size_t count)
{
    const std::size_t candidates = kCandidatesPerWindow * count;
    const auto block = std::max<std::size_t>(1, std::min(w, std::size_t(kBlockSeconds * rate)));
    const std::size_t blocks = w / block;
    std::vector<std::int64_t> starts;
    std::vector<std::vector<double>> energies;
    double loudest = 0;
    for (std::size_t k = 0; k < candidates; ++k) {
        const double t = begin + double(k) * (end - begin - double(w)) / double(candidates - 1);
        starts.push_back(std::int64_t(std::floor(t)));
        energies.emplace_back();
        for (std::size_t b = 0; b < blocks; ++b) {
            energies.back().push_back(energyOf(ref, starts.back() + std::int64_t(b * block), block));
            loudest = std::max(loudest, energies.back().back());
        }
    }
    const double floor = loudest * std::pow(10.0, kSoundBelowLoudestDb / 10.0);
    std::vector<std::int64_t> usable;
    for (std::size_t k = 0; k < candidates; ++k) {
        const auto sounding = std::count_if(energies[k].begin(), energies[k].end(), [&](double e) { return e > 0 && e >= floor; });
        if (double(sounding) >= kSoundFraction * double(blocks))
            usable.push_back(starts[k]);
    }
    if (usable.size() <= count)
        return usable;
    std::vector<std::int64_t> chosen;
    for (std::size_t k = 0; k < count; ++k)
        chosen.push_back(usable[std::size_t(std::llround(double(k) * double(usable.size() - 1) / double(count - 1)))]);
    return chosen;
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
    const AudioBuffer refMono = monoDownmix(reference, referenceName);
    const AudioBuffer itemMono = monoDownmix(item, itemName);
    const std::vector<float>& ref = refMono.channels[0];
    const std::vector<float>& itm = itemMono.channels[0];
    const auto refFrames = double(ref.size()), itemFrames = double(itm.size());
    const double minCommon = kMinCommonSeconds * rate;
    if (std::min(refFrames, itemFrames) < minCommon)
        throw AudioError(AudioErrorKind::InvalidArgument, itemName,
                         "no common region with " + referenceName + ": " + seconds(std::min(refFrames, itemFrames), rate) +
                             " of audio, at least " + seconds(minCommon, rate) + " needed");

    // 1. Coarse: a window at the centre of the shorter item, over the whole search range
    // widened by the drift the search allows up to there (5000 ppm over 6.5 min: 2 s).
    const auto range = std::size_t(std::ceil(options.maxOffsetSeconds * rate));
    const std::size_t coarseW = std::size_t(std::min({kCoarseWindowSeconds * rate, refFrames, itemFrames}));
    const double coarseStart = (std::min(itemFrames, refFrames) - double(coarseW)) / 2;
    const auto coarseRange = range + std::size_t(std::ceil(options.maxDriftPpm * 1e-6 * (coarseStart + double(coarseW))));
    Located coarse;
    if (itemFrames <= refFrames)
        coarse = locateItemWindow(ref, itm, std::int64_t(coarseStart), coarseW, coarseRange);
    else
        coarse = locateReferenceWindow(ref, itm, std::int64_t(coarseStart), coarseW, 0.0, coarseRange);
    const double weakest = options.minCorrelation;
    if (std::abs(coarse.correlation) < weakest / 2 || coarse.atEdge)
        throw AudioError(AudioErrorKind::InvalidArgument, itemName,
                         "no common region with " + referenceName + " found within +-" + seconds(double(coarseRange), rate) +
                             " (best normalised correlation " + std::to_string(std::abs(coarse.correlation)) +
                             (coarse.atEdge ? ", at the edge of the search range" : "") +
                             "): different music, or offset further than the search range");

    // Model: reference sample t holds item position alpha + beta t.
    double alpha = coarse.lag, beta = 1.0;
    double residual = double(std::ceil(options.maxDriftPpm * 1e-6 * std::max(refFrames, itemFrames))) + 64.0;
    double warp = 1.0;                // the item's downmix as measured: resampled by 1 / warp
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

        const std::vector<std::int64_t> starts = windowStarts(ref, rate, begin, end, w, options.windows);
        if (starts.size() < kMinUsableWindows)
            throw AudioError(AudioErrorKind::InvalidArgument, itemName,
                             "no common region with " + referenceName + " to measure: " + referenceName + " has sound in " +
                                 std::to_string(starts.size()) + " of its windows there, at least " +
                                 std::to_string(kMinUsableWindows) + " needed");
        std::vector<AlignmentWindow> windows;
        double worst = 1.0;
        double sumCorrelation = 0;
        for (const std::int64_t ti : starts) {
            // In the warped item's samples reference t holds v = (alpha + beta t) / warp.
            const double predicted = (alpha + beta * (double(ti) + double(w) / 2.0)) / warp - (double(ti) + double(w) / 2.0);
            const Located l = warp == 1.0 ? locateReferenceWindow(ref, itm, ti, w, predicted, searchRange)
                                          : locateReferenceWindowWarped(ref, itm, ti, w, predicted, searchRange, warp, rate);
            if (l.noEnergy)
                throw AudioError(AudioErrorKind::InvalidArgument, itemName,
                                 "is silent near " + seconds(double(ti), rate) + " of " + referenceName +
                                     ", where " + referenceName + " has sound (a dropout, or content missing there)");
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
        // Resampled only for a drift that would smear a window (each window's stretch of the
        // item, locateReferenceWindowWarped).
        const bool smears = std::abs(beta - 1.0) * options.windowSeconds * rate >= 0.01;
        warp = smears ? beta : 1.0;
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
    // Uncorrected, a drift d moves the item by d x t against the reference: shifted by the
    // offset at the middle of the common region (reference t holds item (1 + d)(t + offset)),
    // the error at either end is half what the offset at the item's start would leave.
    double shift = alignment.offsetSamples;
    if (!out.driftCorrected) {
        const double middle = 0.5 * double(alignment.commonBegin + alignment.commonEnd);
        shift += alignment.driftPpm * 1e-6 * (middle + alignment.offsetSamples);
    }
    // A shift this close to a whole number is that number. The measurement's own error on
    // whole-number lags is up to 6e-5 sample (test_alignment); read through the sinc, such a
    // lag would pick up its rounding and band edge (-56 dB full band), and two copies of one
    // file would no longer play bit-identically. For a true fraction below the snap the
    // error left is under -70 dB at 20 kHz.
    const double whole = std::round(shift);
    if (std::abs(shift - whole) < kWholeLagSnapSamples)
        shift = whole;
    for (const auto& ch : source->channels) {
        std::vector<float> shifted = readAtOffset(ch, shift, referenceFrames);
        if (sign < 0)
            for (float& v : shifted)
                v = -v;
        out.audio.channels.push_back(std::move(shifted));
    }
    return out;
}

} // namespace earlab
