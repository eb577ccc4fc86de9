#pragma once
// Safety limiter for the master bus: no output sample ever exceeds the ceiling. Look-ahead,
// stereo-linked (one gain for both channels), no allocation in process().
//
// Per frame n, with c the ceiling and L the window (about 1 ms):
//   g[n] = min(1, c / max(|l[n]|, |r[n]|))        the gain sample n needs
//   m[n] = min(g[n-L+1 .. n])                       sliding minimum (monotonic deque)
//   r[n] = min(m[n], m[n] + a (r[n-1] - m[n]))      instant down, one-pole release up
//   s[n] = (r[n-L+1] + ... + r[n]) / L              box (moving average) smoothing
//   out[n] = x[n-L+1] s[n], then clamped to +-c     signal delayed by L-1 frames
//
// Why the output never exceeds c: let j = n-L+1, the frame being output.
//   1. Every r[i] in the box, i in [j, n], satisfies r[i] <= m[i], and m[i]'s window
//      [i-L+1, i] contains j, so r[i] <= m[i] <= g[j].
//   2. s[n] is an average of numbers each <= g[j], so s[n] <= g[j].
//   3. |out[n]| = |x[j]| s[n] <= |x[j]| g[j] <= c.
// The final clamp only absorbs floating-point rounding (and maps NaN to 0, inf to +-c).

#include <cstdint>
#include <vector>

namespace earlab::dsp {

class Limiter {
public:
    static constexpr double kDefaultCeilingDb = -1.0; // dBFS
    static constexpr double kReleaseMs = 50.0;        // ms, time constant of the recovery

    // Allocates the delay line and the deque storage: call off the audio thread.
    // sampleRate, // Hz, > 0; the window is round(0.001 * sampleRate) + 1 frames
    // maxBlock,   // frames per process() call at most; nothing here depends on it
    void prepare(double sampleRate, int maxBlock);

    // Clears the delay line and the gain history (as after silence).
    void reset() noexcept;

    // Call off the audio thread, or before prepare(); values outside the range are clamped.
    // dBFS, // ceiling in dBFS [-20 to 0]
    void setCeilingDb(double dBFS) noexcept;
    double ceilingDb() const noexcept { return ceilingDb_; }

    // The delay the look-ahead adds, frames (L - 1; 0 before prepare()).
    int latencyFrames() const noexcept { return window_ > 0 ? window_ - 1 : 0; }

    // In place. `right` may be null for mono. Before prepare() only the hard clamp acts.
    void process(float* left, float* right, int frames) noexcept;

private:
    void updateClamp() noexcept;

    double ceilingDb_ = kDefaultCeilingDb;
    double ceiling_ = 0.0;   // linear
    float clampValue_ = 0.f; // largest float <= ceiling_

    int window_ = 0; // L
    double releaseCoeff_ = 0.0;

    // Ring buffers of length L, all indexed by position_.
    std::vector<float> delayLeft_;
    std::vector<float> delayRight_;
    std::vector<double> boxHistory_;
    int position_ = 0;
    double boxSum_ = 0.0;
    double released_ = 1.0;

    // Monotonic deque (increasing values front to back) in a ring of capacity L.
    std::vector<double> dequeValue_;
    std::vector<std::int64_t> dequeFrame_;
    int dequeHead_ = 0;
    int dequeSize_ = 0;
    std::int64_t frame_ = 0;
};

} // namespace earlab::dsp
