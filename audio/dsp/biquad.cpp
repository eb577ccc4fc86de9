#include "audio/dsp/biquad.h"

#include <algorithm>
#include <utility>
#include <cmath>

namespace earlab::dsp {

namespace {

// Below this a state word is inaudible (-600 dB) and only risks turning into a subnormal
// in long silences, which is slow on x86. Flushing it here, per sample, keeps the result
// independent of the thread's FTZ/DAZ flags, so the offline render (a worker thread) and
// the device callback compute the same samples.
constexpr double kFlushBelow = 1e-30;

inline float tick(const BiquadCoefficients& c, double& s1, double& s2, float in) noexcept
{
    const double x = in;
    const double y = c.b0 * x + s1;
    // (b1·x + s2) does not wait for y, so only one multiply and one subtraction sit on the
    // state's loop-carried chain.
    s1 = (c.b1 * x + s2) - c.a1 * y;
    s2 = c.b2 * x - c.a2 * y;
    if (std::abs(s1) < kFlushBelow)
        s1 = 0.0;
    if (std::abs(s2) < kFlushBelow)
        s2 = 0.0;
    return static_cast<float>(y);
}

// Two channels as the two lanes of one vector register: the same IEEE operations, in the same
// order, as tick() on each channel (so bit-identical to it), with half the instructions. The
// band count is a template parameter so the states stay in registers.
using Double2 = double __attribute__((vector_size(16)));
using Float2 = float __attribute__((vector_size(8)));
using Mask2 = long long __attribute__((vector_size(16)));

constexpr Mask2 kMagnitudeBits = {0x7fffffffffffffffll, 0x7fffffffffffffffll};
constexpr Double2 kFlushBelow2 = {kFlushBelow, kFlushBelow};

inline Double2 flushTiny(Double2 v) noexcept
{
    const Double2 magnitude = (Double2)((Mask2)v & kMagnitudeBits);
    const Mask2 tiny = magnitude < kFlushBelow2;
    return (Double2)((Mask2)v & ~tiny);
}

template <int N>
void seriesStereoFixed(const BiquadCoefficients* c, double (*s1)[2], double (*s2)[2], float* left, float* right,
                       int frames) noexcept
{
    // Coefficients broadcast to both lanes once, not once per frame.
    Double2 b0[N], b1[N], b2[N], a1[N], a2[N];
    Double2 z1[N], z2[N];
    for (int k = 0; k < N; ++k) {
        b0[k] = Double2{} + c[k].b0;
        b1[k] = Double2{} + c[k].b1;
        b2[k] = Double2{} + c[k].b2;
        a1[k] = Double2{} + c[k].a1;
        a2[k] = Double2{} + c[k].a2;
        z1[k][0] = s1[k][0];
        z1[k][1] = s1[k][1];
        z2[k][0] = s2[k][0];
        z2[k][1] = s2[k][1];
    }
    for (int i = 0; i < frames; ++i) {
        Float2 v = {left[i], right[i]};
#pragma GCC unroll 16
        for (int k = 0; k < N; ++k) {
            const Double2 x = __builtin_convertvector(v, Double2);
            const Double2 y = b0[k] * x + z1[k];
            z1[k] = flushTiny((b1[k] * x + z2[k]) - a1[k] * y);
            z2[k] = flushTiny(b2[k] * x - a2[k] * y);
            v = __builtin_convertvector(y, Float2);
        }
        left[i] = v[0];
        right[i] = v[1];
    }
    for (int k = 0; k < N; ++k) {
        s1[k][0] = z1[k][0];
        s1[k][1] = z1[k][1];
        s2[k][0] = z2[k][0];
        s2[k][1] = z2[k][1];
    }
}

template <int... Ns>
void seriesStereoDispatch(std::integer_sequence<int, Ns...>, int count, const BiquadCoefficients* c, double (*s1)[2],
                          double (*s2)[2], float* left, float* right, int frames) noexcept
{
    ((count == Ns + 1 ? seriesStereoFixed<Ns + 1>(c, s1, s2, left, right, frames) : void()), ...);
}

void seriesStereo(int count, const BiquadCoefficients* c, double (*s1)[2], double (*s2)[2], float* left, float* right,
                  int frames) noexcept
{
    seriesStereoDispatch(std::make_integer_sequence<int, 16>{}, count, c, s1, s2, left, right, frames);
}

BiquadCoefficients interpolate(const BiquadCoefficients& from, const BiquadCoefficients& to,
                               double t) noexcept
{
    return {lerp(from.b0, to.b0, t), lerp(from.b1, to.b1, t), lerp(from.b2, to.b2, t),
            lerp(from.a1, to.a1, t), lerp(from.a2, to.a2, t)};
}

} // namespace

void Biquad::setCoefficients(const BiquadCoefficients& c) noexcept
{
    ramp_.jumpTo(c);
}

void Biquad::rampTo(const BiquadCoefficients& target, int rampFrames) noexcept
{
    // ParametricEq re-sends every band on each change; a no-op ramp on an unchanged band
    // would cost a ramp's worth of per-sample work and keep identity bands from being skipped.
    if (rampFrames > 0 && !isRamping() && ramp_.current() == target)
        return;
    ramp_.rampTo(target, rampFrames);
}

void Biquad::reset() noexcept
{
    std::fill(std::begin(s1_), std::end(s1_), 0.0);
    std::fill(std::begin(s2_), std::end(s2_), 0.0);
}

bool Biquad::isIdentity() const noexcept
{
    if (isRamping() || !(ramp_.current() == BiquadCoefficients{}))
        return false;
    for (int ch = 0; ch < kMaxChannels; ++ch)
        if (s1_[ch] != 0.0 || s2_[ch] != 0.0)
            return false;
    return true;
}

void Biquad::process(float* const* channels, int channelCount, int frames) noexcept
{
    channelCount = std::min(channelCount, kMaxChannels);
    if (channelCount <= 0 || frames <= 0)
        return;

    int i = 0;
    for (; i < frames && isRamping(); ++i) {
        ramp_.advance(interpolate);
        for (int ch = 0; ch < channelCount; ++ch)
            channels[ch][i] = tick(ramp_.current(), s1_[ch], s2_[ch], channels[ch][i]);
    }

    const BiquadCoefficients c = ramp_.current();
    for (int ch = 0; ch < channelCount; ++ch) {
        double s1 = s1_[ch];
        double s2 = s2_[ch];
        float* x = channels[ch];
        for (int j = i; j < frames; ++j)
            x[j] = tick(c, s1, s2, x[j]);
        s1_[ch] = s1;
        s2_[ch] = s2;
    }
}

void Biquad::processSeries(Biquad* const* filters, int count, float* const* channels, int channelCount,
                           int frames) noexcept
{
    constexpr int kMaxSeries = 16;
    count = std::min(count, kMaxSeries);
    channelCount = std::min(channelCount, kMaxChannels);
    if (count <= 0 || channelCount <= 0 || frames <= 0)
        return;
    // Local copies, so the compiler keeps them in registers and knows nothing aliases them.
    BiquadCoefficients c[kMaxSeries];
    double s1[kMaxSeries][kMaxChannels];
    double s2[kMaxSeries][kMaxChannels];
    for (int k = 0; k < count; ++k) {
        c[k] = filters[k]->ramp_.current();
        for (int ch = 0; ch < channelCount; ++ch) {
            s1[k][ch] = filters[k]->s1_[ch];
            s2[k][ch] = filters[k]->s2_[ch];
        }
    }
    if (channelCount == 2) {
        seriesStereo(count, c, s1, s2, channels[0], channels[1], frames);
    } else {
        float* x = channels[0];
        for (int i = 0; i < frames; ++i) {
            float v = x[i];
            for (int k = 0; k < count; ++k)
                v = tick(c[k], s1[k][0], s2[k][0], v);
            x[i] = v;
        }
    }
    for (int k = 0; k < count; ++k)
        for (int ch = 0; ch < channelCount; ++ch) {
            filters[k]->s1_[ch] = s1[k][ch];
            filters[k]->s2_[ch] = s2[k][ch];
        }
}

} // namespace earlab::dsp
