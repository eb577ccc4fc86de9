#include "exercises/band_energy.h"

#include "audio/dsp/biquad.h"
#include "audio/dsp/biquad_design.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace earlab {

namespace {
constexpr int kPasses = 3;
}

std::vector<double> bandLevelsDb(const AudioBuffer& audio, std::span<const double> centresHz,
                                 double bandwidthOctaves)
{
    // Q of a band pass whose -3 dB points lie bandwidthOctaves apart.
    const double n = std::pow(2.0, bandwidthOctaves);
    const double q = std::sqrt(n) / (n - 1.0);
    std::vector<double> levels;
    std::vector<float> scratch(audio.frames());
    for (double centre : centresHz) {
        if (centre >= 0.49 * audio.sampleRate || audio.frames() == 0) {
            levels.push_back(-std::numeric_limits<double>::infinity());
            continue;
        }
        const auto coefficients = dsp::designBiquad({FilterType::BandPass, centre, 0.0, q}, audio.sampleRate);
        double power = 0.0;
        for (const auto& channel : audio.channels) {
            std::copy(channel.begin(), channel.end(), scratch.begin());
            float* data[1] = {scratch.data()};
            // Three passes: one RBJ band pass falls only 6 dB per octave, so a loud band
            // would leak into bands octaves away and hide that they are empty.
            for (int pass = 0; pass < kPasses; ++pass) {
                dsp::Biquad filter;
                filter.setCoefficients(coefficients);
                filter.process(data, 1, int(scratch.size()));
            }
            for (float s : scratch)
                power += double(s) * double(s);
        }
        power /= double(audio.frames() * std::max<std::size_t>(1, audio.channelCount()));
        levels.push_back(power > 0.0 ? 10.0 * std::log10(power) : -std::numeric_limits<double>::infinity());
    }
    return levels;
}

std::vector<double> audibleBands(std::span<const double> centresHz, std::span<const double> levelsDb, double rangeDb)
{
    std::vector<double> out;
    if (levelsDb.empty())
        return out;
    const double loudest = *std::max_element(levelsDb.begin(), levelsDb.end());
    for (std::size_t i = 0; i < centresHz.size() && i < levelsDb.size(); ++i)
        if (levelsDb[i] >= loudest - rangeDb)
            out.push_back(centresHz[i]);
    return out;
}

} // namespace earlab
