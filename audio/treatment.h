#pragma once
// A Treatment is the plain description of a hidden change: what an exercise builds and
// what the engine plays. It holds no DSP state; the dsp/ blocks turn it into coefficients
// off the audio thread (see dsp/treatment_chain.h).

#include <vector>

namespace earlab {

enum class FilterType { Peak, LowShelf, HighShelf, LowPass, HighPass, BandPass, Notch };

struct EqBand {
    FilterType type = FilterType::Peak;
    double frequencyHz = 1000.0; // centre or corner frequency, Hz [10 to 0.49 * sample rate]
    double gainDb = 0.0;         // dB [-30 to +30]; used by Peak, LowShelf and HighShelf only
    double q = 0.7071;           // quality factor [0.1 to 40]; for shelves it is the cookbook's Q
};

enum class Detection { Peak, Rms };

struct CompressorSettings {
    double thresholdDb = 0.0; // dBFS, where compression starts [-60 to 0]
    double ratio = 1.0;       // input dB over output dB above the threshold [1 to 100]; 1 = off
    double kneeDb = 0.0;      // width of the soft knee, dB [0 to 24]; 0 = hard knee
    double attackMs = 10.0;   // ms [0.1 to 500]; see dsp/compressor.h for the exact definition
    double releaseMs = 100.0; // ms [1 to 5000]
    double makeupDb = 0.0;    // gain after compression, dB [-24 to +24]
    Detection detection = Detection::Peak;
};

struct Treatment {
    std::vector<EqBand> eq;                    // applied in order, at most dsp::kMaxEqBands
    bool compress = false;                     // whether `compressor` applies
    CompressorSettings compressor;
    double gainDb = 0.0;                       // dB [-60 to +24]
    double pan = 0.0;                          // balance [-1 (left) to +1 (right)], constant power

    bool isFlat() const { return eq.empty() && !compress && gainDb == 0.0 && pan == 0.0; }
};

} // namespace earlab
