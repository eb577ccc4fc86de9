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

// One stem of a multitrack source, as a variant mixes it (scene.h: Variant::stems).
struct StemMix {
    double gainDb = 0.0; // dB [-60 to +24]
    double pan = 0.0;    // [-1 (left) to +1 (right)], the same constant-power law as Treatment::pan
    friend bool operator==(const StemMix&, const StemMix&) = default;
};

struct Treatment {
    std::vector<EqBand> eq;                    // applied in order, at most dsp::kMaxEqBands
    bool compress = false;                     // whether `compressor` applies
    CompressorSettings compressor;
    double gainDb = 0.0;                       // dB [-60 to +24]
    double pan = 0.0;                          // balance [-1 (left) to +1 (right)], constant power
    // Mid/side width: the side signal (L - R) / 2 scaled by widthPercent / 100, the mid
    // (L + R) / 2 unchanged [0 (mono) to 200]; 100 = unchanged.
    double widthPercent = 100.0;
    // Per stem of a multitrack source, by index; stems past the end play at 0 dB, centre.
    // Ignored for a source that is not multitrack.
    std::vector<StemMix> stems;

    bool stemsFlat() const
    {
        for (const StemMix& s : stems)
            if (s.gainDb != 0.0 || s.pan != 0.0)
                return false;
        return true;
    }
    bool isFlat() const
    {
        return eq.empty() && !compress && gainDb == 0.0 && pan == 0.0 && widthPercent == 100.0 && stemsFlat();
    }
};

} // namespace earlab
