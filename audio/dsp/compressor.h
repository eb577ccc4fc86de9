#pragma once
// Feed-forward compressor with a log-domain gain computer and soft knee, after
// D. Giannoulis, M. Massberg, J. D. Reiss, "Digital Dynamic Range Compressor Design -
// A Tutorial and Analysis", J. Audio Eng. Soc. 60(6), 2012 (the "smooth branching"
// detector applied to the gain reduction in dB, their section 3.3 / Fig. 7c).
//
// Signal flow per frame (stereo-linked: one gain for both channels, so the image does
// not wander):
//   level    Peak: x = 20 log10 max(|L|, |R|)
//            Rms:  ms = c ms + (1 - c) (L^2 + R^2) / 2 with c = exp(-1 / (kRmsTimeMs fs)),
//                  x = 10 log10 ms  (a sine on both channels reads peak - 3.01 dB)
//   static   with T threshold, R ratio, W knee (all dB):
//            2(x-T) < -W:   y = x
//            |2(x-T)| <= W: y = x + (1/R - 1)(x - T + W/2)^2 / (2W)
//            2(x-T) > W:    y = T + (x - T)/R
//   smooth   gain reduction g = x - y >= 0 (dB) through a one-pole whose coefficient is
//            the attack one when g rises and the release one when it falls
//   apply    out = in * 10^((makeup - g) / 20)
//
// Attack and release, exactly: they are the time constants tau of that one-pole. After a
// step up in level the gain reduction (dB) has made 1 - 1/e = 63.2 % of its total change
// attackMs after the step; after a step down, 63.2 % of its change releaseMs after. (Peak
// detection; in Rms mode the 10 ms level average adds its own lag.)

#include "audio/dsp/parameter_ramp.h"
#include "audio/treatment.h"

#include <type_traits>

namespace earlab::dsp {

// Averaging time of the Rms detector's one-pole on the mean square: short enough to follow
// drum hits, long enough that a 1 kHz sine's level ripples by under 0.05 dB.
inline constexpr double kRmsTimeMs = 10.0;

// Plain data, precomputed off the audio thread (the exp() calls happen here, not per block).
struct CompressorParams {
    bool enabled = false;                  // false: ramps to no effect, then costs nothing
    Detection detection = Detection::Peak; // level detector
    double thresholdDb = 0.0;              // dBFS, where compression starts [-60 to 0]
    double slope = 0.0;                    // 1 - 1/ratio, the gain computer's slope [0 to 0.99]
    double kneeDb = 0.0;                   // dB, width of the soft knee [0 to 24]; 0 = hard
    double makeupDb = 0.0;                 // dB, gain after compression [-24 to +24]
    double attackCoeff = 0.0;              // exp(-1 / (attack s * fs)) [0 to 1)
    double releaseCoeff = 0.0;             // exp(-1 / (release s * fs)) [0 to 1)
    double rmsCoeff = 0.0;                 // exp(-1 / (kRmsTimeMs s * fs)) [0 to 1)
};
static_assert(std::is_trivially_copyable_v<CompressorParams>);

// Validates `s` against the ranges in treatment.h and precomputes the coefficients.
// s,          // the settings; ranges as documented in CompressorSettings
// enabled,    // whether the compressor acts at all
// sampleRate, // Hz, > 0
// Throws AudioError(InvalidArgument) naming the parameter and its range.
CompressorParams makeCompressorParams(const CompressorSettings& s, bool enabled,
                                      double sampleRate);

// The static curve above plus makeup: output level in dB for a steady input level.
// inputDb, // dB (dBFS for Peak detection, RMS dBFS for Rms) [any]
double staticCurveDb(const CompressorSettings& s, double inputDb);

class Compressor {
public:
    // Clears state; the compressor starts disabled (bypassed) until setParams().
    // sampleRate, // Hz, > 0; the params carry the rate in their coefficients
    // maxBlock,   // frames per process() call at most; nothing here depends on it
    void prepare(double sampleRate, int maxBlock);

    // Clears the detector and the gain reduction (parameters stay).
    void reset() noexcept;

    // Threshold, slope (1 - 1/R), knee and makeup move linearly over rampFrames, so a change
    // while playing makes no zipper noise; the time constants and the detector switch at
    // once (they shape the motion of the gain, not its value).
    // Enabling and disabling ramp an `amount` between 1 and 0 that scales the whole gain
    // change in dB: amount * (makeup - reduction). Since the gain computer is linear in the
    // slope, that is ramping slope and makeup to 0, except that the reduction already built
    // up fades with them instead of waiting for the release (which could take seconds).
    // Once disabled and faded out, processing stops (bit-identical pass-through); enabling
    // again starts the detector from silence.
    // rampFrames, // frames [0 to INT_MAX]; 0 = jump
    void setParams(const CompressorParams& params, int rampFrames) noexcept;

    // In place, one gain for all channels.
    // channelCount, // [1 to 2]; more are left untouched
    void process(float* const* channels, int channelCount, int frames) noexcept;

    // The gain reduction after the last processed frame, dB, >= 0 (0 = none; makeup not
    // included; scaled by the enable fade). Read it on the thread that calls process()
    // (publish it through an atomic).
    double gainReductionDb() const noexcept { return ramp_.current().amount * gainReductionDb_; }

private:
    // Enabled, no ramp running: the frame loop in three passes (see compressor.cpp).
    void processSteady(float* left, float* right, int frames, double& meanSquare, double& reduction) noexcept;

    struct Shape {
        double thresholdDb = 0.0;
        double slope = 0.0;
        double kneeDb = 0.0;
        double makeupDb = 0.0;
        double amount = 0.0; // 0 = no effect, 1 = enabled
    };

    ParameterRamp<Shape> ramp_;

    bool enabled_ = false;
    bool bypassed_ = true;
    Detection detection_ = Detection::Peak;
    double attackCoeff_ = 0.0;
    double releaseCoeff_ = 0.0;
    double rmsCoeff_ = 0.0;

    double meanSquare_ = 0.0;
    double gainReductionDb_ = 0.0;
};

} // namespace earlab::dsp
