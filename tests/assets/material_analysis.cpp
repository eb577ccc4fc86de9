#include "assets/material_analysis.h"

#include "audio/dsp/biquad.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace earlab::test {
namespace {

constexpr double kPi = 3.14159265358979323846;

std::vector<float> mono(const AudioBuffer& audio)
{
    std::vector<float> m(audio.frames(), 0.f);
    for (const auto& ch : audio.channels)
        for (std::size_t i = 0; i < m.size(); ++i)
            m[i] += ch[i] / float(audio.channelCount());
    return m;
}

// Mean square of `signal` through a band of three cascaded band-passes (second pass only).
double bandMeanSquare(const std::vector<float>& signal, double centre, double rate)
{
    dsp::Biquad stages[3];
    const EqBand band{FilterType::BandPass, centre, 0.0, std::sqrt(2.0)};
    for (dsp::Biquad& b : stages)
        b.setCoefficients(dsp::designBiquad(band, rate));
    std::vector<float> x(signal.size() * 2);
    std::copy(signal.begin(), signal.end(), x.begin());
    std::copy(signal.begin(), signal.end(), x.begin() + std::ptrdiff_t(signal.size()));
    dsp::Biquad* series[3] = {&stages[0], &stages[1], &stages[2]};
    float* ch[1] = {x.data()};
    dsp::Biquad::processSeries(series, 3, ch, 1, int(x.size()));
    double sum = 0;
    for (std::size_t i = signal.size(); i < x.size(); ++i)
        sum += double(x[i]) * x[i];
    return sum / double(signal.size());
}

} // namespace

std::array<double, kOctaveCentres.size()> octaveBandLevelsDb(const AudioBuffer& audio)
{
    std::array<double, kOctaveCentres.size()> levels{};
    for (std::size_t b = 0; b < kOctaveCentres.size(); ++b) {
        double ms = 0;
        for (const auto& ch : audio.channels)
            ms += bandMeanSquare(ch, kOctaveCentres[b], audio.sampleRate) / double(audio.channelCount());
        levels[b] = 10.0 * std::log10(ms + 1e-30);
    }
    return levels;
}

double estimateTempoBpm(const AudioBuffer& audio, double minBpm, double maxBpm)
{
    constexpr std::size_t hop = 256;
    const std::vector<float> m = mono(audio);
    const std::size_t hops = m.size() / hop;
    std::vector<double> onset(hops, 0.0);
    for (double centre : {80.0, 500.0, 2500.0, 9000.0}) {
        dsp::Biquad bp;
        bp.setCoefficients(dsp::designBiquad({FilterType::BandPass, centre, 0.0, 1.0}, audio.sampleRate));
        // Twice round the loop; the second pass is measured (steady state, seamless).
        std::vector<float> x(m.size() * 2);
        std::copy(m.begin(), m.end(), x.begin());
        std::copy(m.begin(), m.end(), x.begin() + std::ptrdiff_t(m.size()));
        float* ch[1] = {x.data()};
        bp.process(ch, 1, int(x.size()));
        std::vector<double> logEnergy(hops);
        for (std::size_t h = 0; h < hops; ++h) {
            double e = 0;
            for (std::size_t i = 0; i < hop; ++i) {
                const double v = x[m.size() + h * hop + i];
                e += v * v;
            }
            logEnergy[h] = std::log10(e / hop + 1e-12);
        }
        for (std::size_t h = 0; h < hops; ++h)
            onset[h] += std::max(0.0, logEnergy[h] - logEnergy[(h + hops - 1) % hops]);
    }
    const double mean = std::accumulate(onset.begin(), onset.end(), 0.0) / double(hops);
    for (double& o : onset)
        o -= mean;
    auto acf = [&](std::size_t lag) {
        double s = 0;
        for (std::size_t h = 0; h < hops; ++h)
            s += onset[h] * onset[(h + lag) % hops];
        return s;
    };
    const double hopSeconds = double(hop) / audio.sampleRate;
    const auto lagOf = [&](double bpm) { return std::size_t(std::lround(60.0 / bpm / hopSeconds)); };
    std::size_t best = lagOf(maxBpm);
    double bestValue = -1e300;
    for (std::size_t lag = lagOf(maxBpm); lag <= lagOf(minBpm); ++lag)
        if (const double v = acf(lag); v > bestValue) {
            bestValue = v;
            best = lag;
        }
    // Refine on the four-beat peak: four times the lag, four times the resolution.
    std::size_t best4 = 4 * best;
    double best4Value = -1e300;
    for (std::size_t lag = 4 * best - 6; lag <= 4 * best + 6; ++lag)
        if (const double v = acf(lag); v > best4Value) {
            best4Value = v;
            best4 = lag;
        }
    const double a = acf(best4 - 1), b = acf(best4), c = acf(best4 + 1);
    const double denom = a - 2 * b + c;
    const double offset = denom != 0 ? 0.5 * (a - c) / denom : 0.0;
    return 60.0 / ((double(best4) + offset) / 4.0 * hopSeconds);
}

std::array<double, 12> chroma(const AudioBuffer& audio, std::size_t startFrame, std::size_t endFrame)
{
    const std::vector<float> m = mono(audio);
    endFrame = std::min(endFrame, m.size());
    const std::size_t n = endFrame - startFrame;
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; ++i)
        x[i] = m[startFrame + i] * (0.5 - 0.5 * std::cos(2 * kPi * double(i) / double(n - 1)));
    std::array<double, 12> out{};
    for (int midi = 36; midi <= 96; ++midi) {
        const double f = 440.0 * std::pow(2.0, (midi - 69) / 12.0);
        const double coeff = 2.0 * std::cos(2 * kPi * f / audio.sampleRate);
        double s1 = 0, s2 = 0;
        for (double v : x) {
            const double s0 = v + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        out[std::size_t(midi % 12)] += s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }
    const double total = std::accumulate(out.begin(), out.end(), 0.0);
    for (double& v : out)
        v /= total > 0 ? total : 1.0;
    return out;
}

double bandCentroidHz(const std::array<double, kOctaveCentres.size()>& levelsDb)
{
    double num = 0, den = 0;
    for (std::size_t b = 0; b < levelsDb.size(); ++b) {
        const double p = std::pow(10.0, levelsDb[b] / 10.0);
        num += p * std::log2(kOctaveCentres[b]);
        den += p;
    }
    return std::pow(2.0, num / den);
}

double windowRmsDb(const AudioBuffer& audio, std::ptrdiff_t start, std::size_t frames)
{
    const auto n = std::ptrdiff_t(audio.frames());
    double sum = 0;
    for (const auto& ch : audio.channels)
        for (std::size_t i = 0; i < frames; ++i) {
            const double v = ch[std::size_t(((start + std::ptrdiff_t(i)) % n + n) % n)];
            sum += v * v;
        }
    return 10.0 * std::log10(sum / double(frames * audio.channelCount()) + 1e-30);
}

} // namespace earlab::test
