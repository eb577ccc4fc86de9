#pragma once
// Safety limiter for the master bus: neither a sample nor the true peak between samples
// exceeds the ceiling. Look-ahead, stereo-linked (one gain for both channels), no allocation
// in process().
//
// True peak: ITU-R BS.1770-4, Annex 2 ("Guidelines for accurate measurement of true-peak
// level"): 4x oversampling by a polyphase FIR interpolator, peak of the absolute values. The
// Annex's 12.04 dB input attenuation is for fixed-point arithmetic and is left out. The
// interpolator is a 49-tap Hann-windowed sinc (4 phases of S = 12 taps; phase 0 is the
// sample itself), the design libebur128's meter uses, so what EarLab limits is what EarLab
// measures (`info`, the --master check). The Annex's example filter (its Table 1) was
// tried first: it rolls off above 20 kHz and read 0.18 dB under libebur128 on pink noise
// limited by 20 dB (-1.000 dBTP by the Annex's filter, -0.816 dBTP by libebur128).
// The detector at frame n reads x[n-S+1 .. n] and gives four interpolated values; with the
// sample x[n] itself:
//   p[n] = max(|l[n]|, |r[n]|, M |yl_0..3[n]|, M |yr_0..3[n]|), M = kTruePeakMarginDb
//
// Per frame n, with c the ceiling, B the box length (about 1 ms) and W = B + S - 1:
//   g[n] = min(1, c / p[n])                         the gain frames n-S+1 .. n need
//   m[n] = min(g[n-W+1 .. n])                       sliding minimum (monotonic deque)
//   r[n] = min(m[n], m[n] + a (r[n-1] - m[n]))      instant down, one-pole release up
//   s[n] = (r[n-B+1] + ... + r[n]) / B              box (moving average) smoothing
//   out[n] = x[n-W+1] s[n], then clamped to +-c     signal delayed by W-1 frames
//
// Why no output frame gets more gain than any interpolated value that reads it needs: let
// j = n-W+1 be the frame being output; g[k] for k in [j, j+S-1] are the gains of the
// detections whose support contains x[j].
//   1. Every r[i] in the box, i in [n-B+1, n], satisfies r[i] <= m[i], and m[i]'s window
//      [i-W+1, i] contains [j, j+S-1] (i <= n and i >= n-B+1 = j+S-1), so r[i] <= g[k].
//   2. s[n] is an average of numbers each <= g[k], so s[n] <= g[k].
//   3. Samples: k = j is among them and g[j] <= c / |x[j]|, so |out[n]| <= c.
//   4. True peak: around an isolated peak the gain is flat (= g of the peak) over the S
//      frames its interpolated values read, so the limited values are g times the original
//      ones, <= c. Where the gain still moves inside those S frames the bound is not exact;
//      the box keeps it moving slowly (measured: tests/dsp/test_limiter.cpp).
// The final clamp only absorbs floating-point rounding (and maps NaN to 0, inf to +-c).

#include <array>
#include <cstdint>
#include <vector>

namespace earlab::dsp {

class Limiter {
public:
    static constexpr double kDefaultCeilingDb = -1.0; // dBFS (and dBTP)
    static constexpr double kReleaseMs = 50.0;        // ms, time constant of the recovery
    static constexpr int kTruePeakTaps = 12;          // S, taps per phase of the interpolator
    static constexpr int kTruePeakPhases = 4;         // oversampling factor
    // dB the interpolated values are counted above their value: room for the float
    // arithmetic of the interpolator and for a gain that still moves under its support
    // (without it, pink noise limited by 20 dB measured -0.999 dBTP).
    static constexpr double kTruePeakMarginDb = 0.01;

    // Allocates the delay line and the deque storage and computes the interpolator's
    // coefficients: call off the audio thread.
    // sampleRate, // Hz, > 0; the box is round(0.001 * sampleRate) + 1 frames
    // maxBlock,   // frames per process() call at most; nothing here depends on it
    void prepare(double sampleRate, int maxBlock);

    // Clears the delay line, the interpolator and the gain history (as after silence).
    void reset() noexcept;

    // Call off the audio thread, or before prepare(); values outside the range are clamped.
    // dBFS, // ceiling for samples and true peak, dBFS [-20 to 0]
    void setCeilingDb(double dBFS) noexcept;
    double ceilingDb() const noexcept { return ceilingDb_; }

    // The delay the look-ahead adds, frames (W - 1 = B + S - 2; 0 before prepare()).
    int latencyFrames() const noexcept { return window_ > 0 ? window_ - 1 : 0; }

    // In place. `right` may be null for mono. Before prepare() only the hard clamp acts.
    void process(float* left, float* right, int frames) noexcept;

private:
    void updateClamp() noexcept;
    // max(|x|, |the four interpolated values|) after pushing x into `history` at
    // historyPos_ (already stepped). NaN values are ignored.
    double truePeak(float* history, float x) const noexcept;

    double ceilingDb_ = kDefaultCeilingDb;
    double ceiling_ = 0.0;   // linear
    float clampValue_ = 0.f; // largest float <= ceiling_

    int box_ = 0;    // B
    int window_ = 0; // W
    double releaseCoeff_ = 0.0;

    // Interpolator input, newest first: x[n-k] at history[historyPos_ + k], k in [0, S);
    // every sample is stored twice (at i and i + S) so those S values are contiguous.
    // Interpolator coefficients, tap-major: [k * P + p] multiplies x[n-k] for phase p.
    std::array<float, kTruePeakTaps * kTruePeakPhases> interpolator_{};

    float historyLeft_[2 * kTruePeakTaps] = {};
    float historyRight_[2 * kTruePeakTaps] = {};
    int historyPos_ = 0;

    // Delay line (length W) and box history (length B), each with its own position.
    std::vector<float> delayLeft_;
    std::vector<float> delayRight_;
    int delayPos_ = 0;
    std::vector<double> boxHistory_;
    int boxPos_ = 0;
    double boxSum_ = 0.0;
    double released_ = 1.0;

    // Monotonic deque (increasing values front to back) in a ring of capacity W.
    std::vector<double> dequeValue_;
    std::vector<std::int64_t> dequeFrame_;
    int dequeHead_ = 0;
    int dequeSize_ = 0;
    std::int64_t frame_ = 0;
};

} // namespace earlab::dsp
