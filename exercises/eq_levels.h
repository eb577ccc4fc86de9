#pragma once
// The difficulty ladders of the EQ exercises, in one table each (docs/exercises.md shows them).
// A level fixes what can be asked; the question generator draws within it.

#include <string>
#include <vector>

namespace earlab {

enum class Material { PinkNoise, Music };

struct EqLevel {
    int number = 1;                // 1-based
    std::vector<double> bandsHz;   // centres a question may use (before the audibility filter)
    std::vector<double> gainsDb;   // gain magnitudes a question may use, dB
    bool cuts = false;             // cuts as well as boosts
    double q = 1.41;               // peaking filter Q
    Material material = Material::PinkNoise;
    double catchRate = 0.0;        // probability of a "no change" trial [0 to 0.5]
    std::string description;       // one line for the UI
    // How wide a band the level asks about, in octaves (1 or 1/3): the width of the filters
    // that measure whether the loop has energy in each band.
    double bandWidthOctaves = 1.0;
};

// Band identification: from "5 octave bands, +12 dB, pink noise" to "third-octave, ±3 dB, music".
const std::vector<EqLevel>& eqBandLevels();
// Gain identification: the band is shown, the listener names the gain (and boost or cut).
const std::vector<EqLevel>& eqGainLevels();

} // namespace earlab
