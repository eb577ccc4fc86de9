#include "exercises/gain_reduction.h"

#include "audio/dsp/fast_math.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace earlab {

namespace {

// As audio/dsp/compressor.cpp: levels floored at -200 dB, natural log scaled to dB.
constexpr double kFloorLinear = 1e-10;
constexpr double kNeperToDb = 20.0 / std::numbers::ln10;
constexpr double kDbToNeper = std::numbers::ln10 / 20.0;

double timeCoefficient(double ms, double sampleRate)
{
    return std::exp(-1.0 / (ms * 0.001 * sampleRate));
}

// The measure over the loudest blocks, given each loud block's compressed energy.
double meanOverLoudBlocks(const LoopDynamics& d, const std::vector<double>& wetEnergy)
{
    double sum = 0.0;
    for (std::size_t k = 0; k < d.loudBlocks.size(); ++k)
        sum += 10.0 * std::log10(d.loudBlockEnergy[k] / std::max(wetEnergy[k], 1e-300));
    return d.loudBlocks.empty() ? 0.0 : sum / double(d.loudBlocks.size());
}

void requireModelled(const CompressorSettings& s)
{
    if (s.detection != Detection::Peak || s.kneeDb != 0.0)
        throw std::invalid_argument("the gain-reduction model covers Peak detection with a hard knee only");
}

// One pass of the compressor's gain computer (hard knee) and attack/release one-pole over the
// loop. visit(frame, reduction) sees every frame's gain reduction in dB.
template <typename Visit>
void runDetector(const LoopDynamics& d, const CompressorSettings& s, Visit&& visit)
{
    requireModelled(s);
    const double threshold = s.thresholdDb, slope = 1.0 - 1.0 / s.ratio;
    const double attack = timeCoefficient(s.attackMs, d.sampleRate);
    const double release = timeCoefficient(s.releaseMs, d.sampleRate);
    const double oneMinusAttack = 1.0 - attack, oneMinusRelease = 1.0 - release;
    double reduction = 0.0;
    const std::size_t n = d.levelDb.size();
    for (std::size_t i = 0; i < n; ++i) {
        const double over = d.levelDb[i] - threshold;
        const double wanted = over > 0.0 ? slope * over : 0.0;
        const double viaAttack = attack * reduction + oneMinusAttack * wanted;
        const double viaRelease = release * reduction + oneMinusRelease * wanted;
        reduction = wanted > reduction ? viaAttack : viaRelease;
        visit(i, reduction);
    }
}

} // namespace

LoopDynamics analyseDynamics(const AudioBuffer& loop)
{
    LoopDynamics d;
    d.sampleRate = loop.sampleRate;
    d.blockFrames = std::max<std::size_t>(1, std::size_t(std::lround(kGainReductionBlockSeconds * loop.sampleRate)));
    if (loop.channelCount() == 0 || loop.frames() == 0)
        return d;
    const std::vector<float>& left = loop.channels[0];
    const std::vector<float>& right = loop.channels[loop.channelCount() > 1 ? 1 : 0];
    const std::size_t n = loop.frames();
    d.levelDb.resize(n);
    d.energy.resize(n);
    double peak = kFloorLinear;
    for (std::size_t i = 0; i < n; ++i) {
        const double l = left[i], r = right[i];
        const double m = std::max({std::abs(l), std::abs(r), kFloorLinear});
        peak = std::max(peak, m);
        d.levelDb[i] = kNeperToDb * dsp::fastLn(m);
        d.energy[i] = l * l + r * r;
    }
    d.peakDb = 20.0 * std::log10(peak);

    const std::size_t blocks = n / d.blockFrames;
    std::vector<std::pair<double, std::size_t>> byEnergy;
    for (std::size_t b = 0; b < blocks; ++b) {
        double e = 0.0;
        for (std::size_t i = b * d.blockFrames; i < (b + 1) * d.blockFrames; ++i)
            e += d.energy[i];
        if (e > 0.0)
            byEnergy.push_back({e, b});
    }
    const std::size_t loud = std::min(byEnergy.size(),
                                      std::max<std::size_t>(1, std::size_t(std::ceil(kGainReductionLoudestFraction * double(blocks)))));
    std::partial_sort(byEnergy.begin(), byEnergy.begin() + std::ptrdiff_t(loud), byEnergy.end(),
                      [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
    byEnergy.resize(loud);
    std::sort(byEnergy.begin(), byEnergy.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    for (const auto& [e, b] : byEnergy) {
        d.loudBlocks.push_back(b);
        d.loudBlockEnergy.push_back(e);
    }
    return d;
}

double renderedGainReductionDb(const LoopDynamics& d, const AudioBuffer& compressed)
{
    if (compressed.channelCount() == 0)
        return 0.0;
    const std::vector<float>& left = compressed.channels[0];
    const std::vector<float>& right = compressed.channels[compressed.channelCount() > 1 ? 1 : 0];
    std::vector<double> wet;
    for (std::size_t b : d.loudBlocks) {
        double e = 0.0;
        for (std::size_t i = b * d.blockFrames; i < std::min((b + 1) * d.blockFrames, left.size()); ++i)
            e += double(left[i]) * left[i] + double(right[i]) * right[i];
        wet.push_back(e);
    }
    return meanOverLoudBlocks(d, wet);
}

double modelGainReductionDb(const LoopDynamics& d, const CompressorSettings& s)
{
    if (d.empty())
        return 0.0;
    // Only the loud blocks' frames need the gain itself (an exp); `k` walks them in order.
    std::vector<double> wet(d.loudBlocks.size(), 0.0);
    std::size_t k = 0;
    runDetector(d, s, [&](std::size_t i, double g) {
        while (k < d.loudBlocks.size() && i >= (d.loudBlocks[k] + 1) * d.blockFrames)
            ++k;
        if (k < d.loudBlocks.size() && i >= d.loudBlocks[k] * d.blockFrames) {
            const double gain = dsp::fastExp(-2.0 * kDbToNeper * g); // power gain
            wet[k] += d.energy[i] * gain;
        }
    });
    return meanOverLoudBlocks(d, wet);
}

CompressedLoop compressLoop(const LoopDynamics& d, const CompressorSettings& s)
{
    CompressedLoop c;
    c.trace.resize(d.levelDb.size());
    double dry = 0.0, wet = 0.0, peak = -200.0;
    runDetector(d, s, [&](std::size_t i, double g) {
        c.trace[i] = float(g);
        dry += d.energy[i];
        wet += d.energy[i] * dsp::fastExp(-2.0 * kDbToNeper * g);
        peak = std::max(peak, d.levelDb[i] - g);
    });
    c.peakDb = peak;
    c.levelDropDb = wet > 0.0 ? 10.0 * std::log10(dry / wet) : 0.0;
    return c;
}

ThresholdSearch findThreshold(const LoopDynamics& d, CompressorSettings s, double targetDb)
{
    constexpr double kWithinDb = 0.02;
    constexpr int kMaxSteps = 30;
    ThresholdSearch best;
    if (d.empty())
        return best;
    const auto excess = [&](double thresholdDb) {
        s.thresholdDb = thresholdDb;
        return modelGainReductionDb(d, s) - targetDb;
    };
    // The bracket: at the lowest threshold the reduction is largest; at the loop's peak (or
    // 0 dBFS) it is none, so that end needs no pass unless the loop clips.
    double low = kLowestThresholdDb, high = std::min(0.0, d.peakDb);
    double fLow = excess(low);
    double fHigh = d.peakDb > 0.0 ? excess(high) : -targetDb;
    best = {low, fLow + targetDb, false};
    if (fLow >= -kWithinDb) {
        // Regula falsi, Illinois variant: the measure is smooth and nearly linear in the
        // threshold once the loud blocks are above it, so it converges in a few passes where
        // bisection would need a dozen (each pass is a run over the whole loop).
        if (fHigh >= 0.0)
            best = {high, fHigh + targetDb, true};
        int side = 0;
        for (int step = 0; step < kMaxSteps && fLow > kWithinDb && fHigh < -kWithinDb; ++step) {
            const double t = high - fHigh * (high - low) / (fHigh - fLow);
            const double f = excess(t);
            if (std::abs(f) < std::abs(best.gainReductionDb - targetDb))
                best = {t, f + targetDb, true};
            if (std::abs(f) < kWithinDb)
                break;
            if (f > 0.0) {
                low = t, fLow = f;
                if (side == -1)
                    fHigh /= 2.0;
                side = -1;
            } else {
                high = t, fHigh = f;
                if (side == +1)
                    fLow /= 2.0;
                side = +1;
            }
        }
    }
    best.reached = best.gainReductionDb >= targetDb - kGainReductionToleranceDb;
    return best;
}

QList<QPointF> downsampleTrace(const std::vector<float>& trace, double sampleRate, int maxPoints)
{
    QList<QPointF> points;
    if (trace.empty() || maxPoints <= 0)
        return points;
    const std::size_t span = (trace.size() + std::size_t(maxPoints) - 1) / std::size_t(maxPoints);
    for (std::size_t start = 0; start < trace.size(); start += span) {
        const std::size_t end = std::min(trace.size(), start + span);
        const float top = *std::max_element(trace.begin() + std::ptrdiff_t(start), trace.begin() + std::ptrdiff_t(end));
        points.append(QPointF(double(start) / sampleRate, double(top)));
    }
    return points;
}

} // namespace earlab
