#include "exercises/loop_region.h"

#include "audio/dsp/biquad.h"
#include "audio/dsp/biquad_design.h"
#include "exercises/eq_bands.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>

namespace earlab {

namespace {

constexpr double kBlockSeconds = 0.1;
constexpr std::size_t kWindowBlocks = 4; // 400 ms short-term window
constexpr double kFloorDb = -70.0;
constexpr double kCoverageRangeDb = 30.0;
constexpr double kCoverageWeightDb = 1.0;
constexpr double kSnapSeconds = 0.010;
constexpr int kPasses = 3; // as band_energy.cpp: 18 dB per octave outside the band
constexpr std::size_t kBands = 9;

double toDb(double power)
{
    return power > 0.0 ? 10.0 * std::log10(power) : -std::numeric_limits<double>::infinity();
}

// Per 100 ms block: mean power over the channels, and per octave band the same after the
// band filter. Sums, not means, so blocks of different length add up exactly.
struct BlockPowers {
    std::size_t blockFrames = 0;
    std::vector<double> power;                    // Σ x² over the block, averaged over channels
    std::vector<std::array<double, kBands>> band; // the same per band
    std::vector<std::size_t> frames;              // frames in each block
};

BlockPowers measureBlocks(const AudioBuffer& audio, const std::function<void(double)>& progress)
{
    const std::span<const double> centres = octaveCentresHz();
    BlockPowers out;
    const std::size_t n = audio.frames();
    const std::size_t channelCount = audio.channelCount();
    out.blockFrames = std::max<std::size_t>(1, std::size_t(std::llround(kBlockSeconds * audio.sampleRate)));
    const std::size_t blocks = (n + out.blockFrames - 1) / out.blockFrames;
    out.power.assign(blocks, 0.0);
    out.band.assign(blocks, {});
    out.frames.assign(blocks, 0);

    // Same design as bandLevelsDb(): -3 dB points one octave apart.
    const double ratio = 2.0;
    const double q = std::sqrt(ratio) / (ratio - 1.0);
    std::array<bool, kBands> usable{};
    std::array<dsp::BiquadCoefficients, kBands> coefficients{};
    for (std::size_t b = 0; b < kBands && b < centres.size(); ++b) {
        usable[b] = centres[b] < 0.49 * audio.sampleRate;
        if (usable[b])
            coefficients[b] = dsp::designBiquad({FilterType::BandPass, centres[b], 0.0, q}, audio.sampleRate);
    }

    // Channels in pairs (a Biquad holds state for two); each pair, band and pass keeps its
    // state across blocks, so the result equals filtering the whole file at once.
    const std::size_t pairs = (channelCount + 1) / 2;
    std::vector<std::array<std::array<dsp::Biquad, kPasses>, kBands>> filters(pairs);
    for (auto& pair : filters)
        for (std::size_t b = 0; b < kBands; ++b)
            for (auto& f : pair[b])
                f.setCoefficients(coefficients[b]);

    std::array<std::vector<float>, 2> scratch;
    for (auto& s : scratch)
        s.resize(out.blockFrames);
    const double perChannel = 1.0 / double(std::max<std::size_t>(1, channelCount));
    for (std::size_t k = 0; k < blocks; ++k) {
        const std::size_t begin = k * out.blockFrames;
        const std::size_t count = std::min(out.blockFrames, n - begin);
        out.frames[k] = count;
        double power = 0.0;
        for (const auto& channel : audio.channels)
            for (std::size_t i = begin; i < begin + count; ++i)
                power += double(channel[i]) * double(channel[i]);
        out.power[k] = power * perChannel;

        for (std::size_t p = 0; p < pairs; ++p) {
            const std::size_t first = 2 * p;
            const int inPair = int(std::min<std::size_t>(2, channelCount - first));
            for (std::size_t b = 0; b < kBands; ++b) {
                if (!usable[b])
                    continue;
                float* data[2] = {scratch[0].data(), scratch[1].data()};
                for (int c = 0; c < inPair; ++c) {
                    const auto& channel = audio.channels[first + std::size_t(c)];
                    std::copy(channel.begin() + std::ptrdiff_t(begin),
                              channel.begin() + std::ptrdiff_t(begin + count), scratch[std::size_t(c)].begin());
                }
                dsp::Biquad* series[kPasses];
                for (int pass = 0; pass < kPasses; ++pass)
                    series[pass] = &filters[p][b][std::size_t(pass)];
                dsp::Biquad::processSeries(series, kPasses, data, inPair, int(count));
                double bandPower = 0.0;
                for (int c = 0; c < inPair; ++c)
                    for (std::size_t i = 0; i < count; ++i)
                        bandPower += double(data[c][i]) * double(data[c][i]);
                out.band[k][b] += bandPower * perChannel;
            }
        }
        if (progress && (k % 64 == 0))
            progress(double(k) / double(blocks));
    }
    for (std::size_t b = 0; b < kBands; ++b)
        if (!usable[b])
            for (auto& block : out.band)
                block[b] = -1.0; // marks "no such band at this rate"
    return out;
}

// Σ over the bands of clamp(1 - (loudest - band) / 30 dB, 0, 1); bands below the -70 dB
// floor (or missing at this rate, marked by a negative power) count for nothing.
double coverage(const std::array<double, kBands>& bandPower, double frames)
{
    double loudest = -std::numeric_limits<double>::infinity();
    std::array<double, kBands> db{};
    for (std::size_t b = 0; b < kBands; ++b) {
        db[b] = bandPower[b] < 0.0 ? -std::numeric_limits<double>::infinity() : toDb(bandPower[b] / frames);
        loudest = std::max(loudest, db[b]);
    }
    if (!(loudest > kFloorDb))
        return 0.0;
    double sum = 0.0;
    for (double level : db)
        if (level > kFloorDb)
            sum += std::clamp(1.0 - (loudest - level) / kCoverageRangeDb, 0.0, 1.0);
    return sum;
}

double midAt(const AudioBuffer& audio, std::size_t frame)
{
    double sum = 0.0;
    for (const auto& channel : audio.channels)
        sum += channel[frame];
    return sum / double(audio.channelCount());
}

// The frame within ±10 ms of `target` (and within [0, latest]) where |mid| is smallest;
// ties go to the frame nearest the target.
std::size_t snapToQuietFrame(const AudioBuffer& audio, std::size_t target, std::size_t latest)
{
    const auto reach = std::size_t(std::llround(kSnapSeconds * audio.sampleRate));
    const std::size_t lo = target > reach ? target - reach : 0;
    const std::size_t hi = std::min(latest, target + reach);
    std::size_t best = std::min(target, latest);
    double bestValue = std::abs(midAt(audio, best));
    for (std::size_t i = lo; i <= hi; ++i) {
        const double value = std::abs(midAt(audio, i));
        const auto distance = [&](std::size_t f) { return f > target ? f - target : target - f; };
        if (value < bestValue || (value == bestValue && distance(i) < distance(best))) {
            best = i;
            bestValue = value;
        }
    }
    return best;
}

} // namespace

DensityAnalysis analyseDensity(const AudioBuffer& audio, double lengthSeconds,
                               const std::function<void(double)>& progress)
{
    DensityAnalysis result;
    const std::size_t n = audio.frames();
    const std::span<const double> centres = octaveCentresHz();
    if (n == 0 || !(audio.sampleRate > 0.0)) {
        result.octaveLevelsDb.assign(centres.size(), -std::numeric_limits<double>::infinity());
        if (progress)
            progress(1.0);
        return result;
    }

    const BlockPowers blocks = measureBlocks(audio, progress);
    const std::size_t count = blocks.power.size();

    // Whole-file band levels, as bandLevelsDb() computes them.
    std::array<double, kBands> total{};
    for (const auto& block : blocks.band)
        for (std::size_t b = 0; b < kBands; ++b)
            total[b] += block[b];
    for (std::size_t b = 0; b < kBands && b < centres.size(); ++b)
        result.octaveLevelsDb.push_back(blocks.band.front()[b] < 0.0
                                            ? -std::numeric_limits<double>::infinity()
                                            : toDb(total[b] / double(n)));

    const double duration = audio.durationSeconds();
    const auto lengthFrames = std::isfinite(lengthSeconds) && lengthSeconds > 0.0
        ? std::int64_t(std::llround(lengthSeconds * audio.sampleRate))
        : std::int64_t(n);
    if (lengthFrames >= std::int64_t(n)) {
        result.region = {0.0, duration};
        if (progress)
            progress(1.0);
        return result;
    }

    // Per 400 ms window (ending at each block): short-term loudness and band coverage,
    // as prefix sums for O(1) region means.
    const std::size_t regionBlocks = std::max<std::size_t>(
        1, std::size_t(std::llround(double(lengthFrames) / double(blocks.blockFrames))));
    const std::size_t window = std::min(kWindowBlocks, regionBlocks);
    std::vector<double> scorePrefix(count + 1, 0.0);
    for (std::size_t k = 0; k < count; ++k) {
        // Summed afresh (4 blocks) rather than as a running sum, whose round-off after a
        // loud passage could exceed the power of the quiet one that follows.
        double windowPower = 0.0;
        double windowFrames = 0.0;
        std::array<double, kBands> bands{};
        for (std::size_t j = k + 1 >= window ? k + 1 - window : 0; j <= k; ++j) {
            windowPower += blocks.power[j];
            windowFrames += double(blocks.frames[j]);
            for (std::size_t b = 0; b < kBands; ++b)
                bands[b] += blocks.band[j][b];
        }
        for (std::size_t b = 0; b < kBands; ++b)
            if (blocks.band.front()[b] < 0.0)
                bands[b] = -1.0;
        const double loudness = std::max(kFloorDb, toDb(windowPower / windowFrames));
        scorePrefix[k + 1] = scorePrefix[k] + loudness + kCoverageWeightDb * coverage(bands, windowFrames);
    }

    const std::size_t latestStart = n - std::size_t(lengthFrames);
    double bestScore = -std::numeric_limits<double>::infinity();
    std::size_t bestBlock = 0;
    for (std::size_t s = 0; s + regionBlocks <= count && s * blocks.blockFrames <= latestStart; ++s) {
        const std::size_t end = s + regionBlocks; // blocks [s, end)
        // Windows wholly inside the region end at blocks s + window - 1 .. end - 1.
        const std::size_t first = s + window - 1;
        const double score = (scorePrefix[end] - scorePrefix[first]) / double(end - first);
        if (score > bestScore) {
            bestScore = score;
            bestBlock = s;
        }
    }

    const std::size_t start = snapToQuietFrame(audio, std::min(bestBlock * blocks.blockFrames, latestStart),
                                               latestStart);
    result.region = {double(start) / audio.sampleRate, double(lengthFrames) / audio.sampleRate};
    if (progress)
        progress(1.0);
    return result;
}

TimeRegion pickDenseRegion(const AudioBuffer& audio, double lengthSeconds)
{
    return analyseDensity(audio, lengthSeconds).region;
}

} // namespace earlab
