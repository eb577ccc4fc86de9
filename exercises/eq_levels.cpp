#include "exercises/eq_levels.h"

#include "exercises/eq_bands.h"

namespace earlab {

namespace {
std::vector<double> octaves()
{
    const auto s = octaveCentresHz();
    return {s.begin(), s.end()};
}
std::vector<double> thirds()
{
    const auto s = thirdOctaveCentresHz();
    return {s.begin(), s.end()};
}

// Q of a peaking filter about one octave wide (1.41) and about a third of an octave (4.0,
// the top of the 0.7-4 range the exercises use).
constexpr double kOctaveQ = 1.41;
constexpr double kThirdQ = 4.0;
constexpr double kThird = 1.0 / 3.0; // band width of the third-octave levels, octaves
} // namespace

const std::vector<EqLevel>& eqBandLevels()
{
    static const std::vector<EqLevel> levels = {
        {1, {63, 250, 1000, 4000, 16000}, {12}, false, kOctaveQ, Material::PinkNoise, 0.0,
         "5 octave bands, +12 dB boosts, pink noise"},
        {2, octaves(), {12}, false, kOctaveQ, Material::PinkNoise, 0.0, "9 octave bands, +12 dB boosts, pink noise"},
        {3, octaves(), {12}, true, kOctaveQ, Material::PinkNoise, 0.0, "9 octave bands, ±12 dB, pink noise"},
        {4, octaves(), {9}, true, kOctaveQ, Material::Music, 0.0, "9 octave bands, ±9 dB, music"},
        {5, octaves(), {6}, true, 2.0, Material::Music, 0.0, "9 octave bands, ±6 dB, narrower, music"},
        {6, thirds(), {9}, true, kThirdQ, Material::Music, 0.0, "third-octave bands, ±9 dB, music", kThird},
        {7, thirds(), {6}, true, kThirdQ, Material::Music, 0.1, "third-octave, ±6 dB, music, some flat trials", kThird},
        {8, thirds(), {3}, true, kThirdQ, Material::Music, 0.1, "third-octave, ±3 dB, music, some flat trials", kThird},
    };
    return levels;
}

const std::vector<EqLevel>& eqGainLevels()
{
    static const std::vector<EqLevel> levels = {
        {1, octaves(), {6, 12}, true, kOctaveQ, Material::PinkNoise, 0.0, "±6 or ±12 dB, pink noise"},
        {2, octaves(), {3, 6, 9, 12}, true, kOctaveQ, Material::PinkNoise, 0.0, "±3 to ±12 dB in 3 dB steps, pink noise"},
        {3, octaves(), {3, 6, 9, 12}, true, kOctaveQ, Material::Music, 0.0, "±3 to ±12 dB in 3 dB steps, music"},
        {4, octaves(), {2, 4, 6, 8, 10, 12}, true, kOctaveQ, Material::Music, 0.0, "±2 to ±12 dB in 2 dB steps, music"},
        {5, octaves(), {1, 2, 3, 4, 5, 6}, true, 2.0, Material::Music, 0.0, "±1 to ±6 dB in 1 dB steps, music"},
    };
    return levels;
}

} // namespace earlab
