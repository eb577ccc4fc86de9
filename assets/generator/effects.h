#pragma once
// Processing on whole tracks (the arrangement renders two passes of the loop, so every
// effect with memory, reverb and delay tails included, has reached its steady state by the
// second pass, which is the one that is kept).

#include "assets/generator/stereo.h"
#include "audio/treatment.h"

#include <vector>

namespace earlab::gen {

struct ReverbParams {
    double rt60 = 1.2;     // s, decay to -60 dB at low and mid frequencies
    double size = 1.0;     // scales the delay lengths [0.3 to 2]; bigger = sparser, later
    double dampHz = 6000;  // Hz, the loop's one-pole low-pass (air absorbs the highs)
    double predelay = 0.012; // s
};

// Feedback delay network reverb (J.-M. Jot and A. Chaigne, "Digital delay networks for
// designing artificial reverberators", AES 1991): eight mutually prime delays mixed by a
// Householder matrix, per-line gains set for rt60, input diffusion by Schroeder allpasses.
// Adds send * reverb(track) to the track.
void addReverb(Stereo& track, double send, const ReverbParams& p);

// Tempo delay: left and right taps at their own times, feedback through a low-pass;
// pingPong crosses the feedback between the sides. Adds the wet signal to the track.
void addDelay(Stereo& track, double leftSeconds, double rightSeconds, double feedback, double mix,
              double lowPassHz, bool pingPong);

// Static EQ with the product's own RBJ biquads (dsp::Biquad), in series.
void equalise(Stereo& track, const std::vector<EqBand>& bands);

// tanh saturation: drive > 0; output level roughly matched to the input's.
void saturate(Stereo& track, double drive);

// Feed-forward compressor (the product's dsp::Compressor), stereo-linked.
void compress(Stereo& track, double thresholdDb, double ratio, double attackMs, double releaseMs,
              double makeupDb);

// Multiplies the whole track by a gain in dB (a stem's place in the balance).
void scale(Stereo& track, double db);

// Multiplies by `gain` (one value per frame).
void applyGainCurve(Stereo& track, const std::vector<float>& gain);

// Side-chain ducking: a gain curve that dips by `depthDb` at every trigger and recovers with
// time constant `recovery` (s), as a compressor keyed from the kick does.
std::vector<float> duckingCurve(std::size_t frames, const std::vector<double>& triggers, double depthDb,
                                double recovery);

// Auto-pan / tremolo whose rate fits a whole number of cycles in the loop, so the loop seam
// falls on the same phase. depth [0 to 1].
void autoPan(Stereo& track, double cyclesPerLoop, double loopSeconds, double depth);
void tremolo(Stereo& track, double cyclesPerLoop, double loopSeconds, double depth);

} // namespace earlab::gen
