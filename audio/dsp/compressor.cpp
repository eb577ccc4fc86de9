#include "audio/dsp/compressor.h"
#include "audio/dsp/fast_math.h"

#include "audio/dsp/dsp_validation.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <cmath>
#include <numbers>

// The 4-lane double vectors below never cross a call boundary (every helper is inlined), so
// GCC's note that passing them by value changes the ABI without AVX does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace earlab::dsp {

namespace {

// Levels below -200 dB are treated as -200 dB so log10 never sees 0.
constexpr double kFloorLinear = 1e-10;
constexpr double kFloorPower = kFloorLinear * kFloorLinear;
constexpr double kStateFlushBelow = 1e-30;

constexpr double kDbToNeper = std::numbers::ln10 / 20.0;
constexpr double kNeperToDb = 20.0 / std::numbers::ln10;

double timeCoefficient(double ms, double sampleRate)
{
    return std::exp(-1.0 / (ms * 0.001 * sampleRate));
}

// The static curve minus the input level (<= 0 dB), written with slope = 1 - 1/R so that
// ramping the slope linearly moves the curve smoothly.
// Picks a when `condition`, else b, without a branch: the level of music crosses the knee
// and flips between attack and release unpredictably, and mispredicted branches cost more
// than this whole loop's arithmetic.
inline double select(bool condition, double a, double b) noexcept
{
    const std::uint64_t mask = 0 - std::uint64_t(condition);
    return std::bit_cast<double>((std::bit_cast<std::uint64_t>(a) & mask) | (std::bit_cast<std::uint64_t>(b) & ~mask));
}

// a when x > y, else b: the same selection with the comparison's mask kept in a vector
// register, off the integer unit; this sits on the loop-carried chain of the detector.
inline double selectGreater(double x, double y, double a, double b) noexcept
{
#if defined(__SSE2__)
    const __m128d mask = _mm_cmpgt_sd(_mm_set_sd(x), _mm_set_sd(y));
    return _mm_cvtsd_f64(_mm_or_pd(_mm_and_pd(mask, _mm_set_sd(a)), _mm_andnot_pd(mask, _mm_set_sd(b))));
#else
    return select(x > y, a, b);
#endif
}

inline double gainComputerDb(double x, double threshold, double slope, double knee) noexcept
{
    const double over = x - threshold;
    const double u = over + knee / 2.0;
    const double inKnee = -slope * u * u / (2.0 * std::max(knee, 1e-12));
    const double above = -slope * over;
    return select(2.0 * over <= -knee, 0.0, select(2.0 * over >= knee, above, inKnee));
}

// The steady-state passes of Compressor::processSteady in vector lanes (GCC vector
// extensions; on baseline x86-64 each 4-lane operation becomes two SSE2 instructions). Each
// helper performs, per lane, exactly the IEEE operations of its scalar twin, so results are
// bit-identical to it.
constexpr int kLanes = 4;
using VecD = double __attribute__((vector_size(32)));
using VecU = std::uint64_t __attribute__((vector_size(32)));
using VecF = float __attribute__((vector_size(16)));

inline VecD broadcast(double x) noexcept
{
    return VecD{x, x, x, x}; // not VecD{} + x, which would turn -0.0 into +0.0
}

inline VecD load(const double* p) noexcept
{
    VecD v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline void store(double* p, VecD v) noexcept
{
    std::memcpy(p, &v, sizeof v);
}

inline VecD loadWiden(const float* p) noexcept
{
    VecF f;
    std::memcpy(&f, p, sizeof f);
    return __builtin_convertvector(f, VecD);
}

inline void storeNarrow(float* p, VecD v) noexcept
{
    const VecF f = __builtin_convertvector(v, VecF);
    std::memcpy(p, &f, sizeof f);
}

inline VecD vabs(VecD v) noexcept
{
    return (VecD)((VecU)v & 0x7fffffffffffffffull);
}

// std::max(a, b): a < b ? b : a
inline VecD vmax(VecD a, VecD b) noexcept
{
    return a < b ? b : a;
}

// 1.5·2^52: adding a small integer to its bit pattern adds it to the value, exactly.
constexpr double kIntMagic = 6755399441055744.0;
constexpr std::uint64_t kIntMagicBits = 0x4338000000000000ull;
static_assert(std::bit_cast<std::uint64_t>(kIntMagic) == kIntMagicBits);

// fastLn per lane. The exponent e is the top 12 bits of (bits - bits(1/√2)) sign-extended;
// double(e) comes from the 1.5·2^52 trick (SSE2 has no int64 -> double conversion).
inline VecD fastLnV(VecD x) noexcept
{
    constexpr std::uint64_t kInvSqrt2Bits = 0x3fe6a09e667f3bcdull;
    const VecU bits = (VecU)x;
    const VecU shifted = bits - kInvSqrt2Bits;
    const VecU top = shifted >> 52;                                // e as 12-bit two's complement
    const VecD m = (VecD)(bits - (shifted & 0xfff0000000000000ull)); // bits - (e << 52)
    const VecD e = (VecD)((top ^ 0x800ull) + (kIntMagicBits - 0x800ull)) - kIntMagic;
    const VecD t = (m - 1.0) / (m + 1.0);
    const VecD t2 = t * t;
    const VecD series = 1.0 + t2 * (1.0 / 3 + t2 * (1.0 / 5 + t2 * (1.0 / 7 + t2 * (1.0 / 9 + t2 * (1.0 / 11)))));
    return 2.0 * t * series + e * std::numbers::ln2;
}

// fastExp per lane. k + 1.5·2^52 holds k in its low mantissa bits, which gives 2^k's exponent.
inline VecD fastExpV(VecD y) noexcept
{
    const VecD shifted = y * (1.0 / std::numbers::ln2) + kIntMagic;
    const VecD k = shifted - kIntMagic;
    const VecD r = y - k * std::numbers::ln2;
    const VecD r2 = r * r;
    const VecD r4 = r2 * r2;
    const VecD p01 = 1.0 + r;
    const VecD p23 = 0.5 + r * (1.0 / 6.0);
    const VecD p45 = 1.0 / 24.0 + r * (1.0 / 120.0);
    const VecD p67 = 1.0 / 720.0 + r * (1.0 / 5040.0);
    const VecD p89 = 1.0 / 40320.0 + r * (1.0 / 362880.0);
    const VecD p = (p01 + r2 * p23) + r4 * ((p45 + r2 * p67) + r4 * p89);
    const VecD scale = (VecD)(((VecU)shifted - kIntMagicBits + 1023ull) << 52);
    return p * scale;
}

// gainComputerDb per lane.
inline VecD gainComputerDbV(VecD x, double threshold, double slope, double knee) noexcept
{
    const VecD over = x - threshold;
    const VecD u = over + knee / 2.0;
    const VecD inKnee = -slope * u * u / (2.0 * std::max(knee, 1e-12));
    const VecD above = -slope * over;
    const VecD twiceOver = 2.0 * over;
    return twiceOver <= -knee ? VecD{} : (twiceOver >= knee ? above : inKnee);
}

// Enabled and no ramp running: the shape is constant, so the per-frame work splits into
//   1. level and gain computer (no state in Peak mode; the mean square's one-pole in Rms):
//      independent across frames, computed for kSpan frames at a time in vector lanes;
//   2. the attack/release one-pole on the gain reduction, the only loop-carried chain;
//   3. gain and multiply, independent across frames again.
// Every lane performs exactly the IEEE operations of the frame loop in Compressor::process,
// in the same order (no reassociation, no FMA contraction), so the output is bit-identical to
// it whatever the block size.
struct SteadyParams {
    bool peak = true;
    double thresholdDb = 0.0, slope = 0.0, kneeDb = 0.0, makeupDb = 0.0;
    double gainScale = 0.0; // kDbToNeper * amount
    double attack = 0.0, release = 0.0, rmsCoeff = 0.0;
};

[[gnu::always_inline]] inline void steadyPasses(const SteadyParams& p, float* left, float* right, int frames,
                                                double& meanSquareIo, double& reductionIo) noexcept
{
    constexpr int kSpan = 256;
    alignas(64) double level[kSpan];
    alignas(64) double red[kSpan];

    const double attack = p.attack, release = p.release;
    const double oneMinusAttack = 1.0 - attack, oneMinusRelease = 1.0 - release;
    const double rmsCoeff = p.rmsCoeff, oneMinusRms = 1.0 - p.rmsCoeff;
    double meanSquare = meanSquareIo;
    double reduction = reductionIo;

    for (int start = 0; start < frames; start += kSpan) {
        const int n = std::min(kSpan, frames - start);
        float* l = left + start;
        float* r = right ? right + start : nullptr;

        // 1a. the level in dB
        if (p.peak) {
            int i = 0;
            for (; i + kLanes <= n; i += kLanes) {
                const VecD x = loadWiden(l + i);
                const VecD y = r ? loadWiden(r + i) : x;
                VecD m = vabs(x);
                m = vmax(m, vabs(y));
                m = vmax(m, broadcast(kFloorLinear));
                store(level + i, kNeperToDb * fastLnV(m));
            }
            for (; i < n; ++i) {
                const double x = l[i], y = r ? double(r[i]) : x;
                level[i] = kNeperToDb * fastLn(std::max({std::abs(x), std::abs(y), kFloorLinear}));
            }
        } else {
            for (int i = 0; i < n; ++i) {
                const double x = l[i], y = r ? double(r[i]) : x;
                meanSquare = rmsCoeff * meanSquare + oneMinusRms * 0.5 * (x * x + y * y);
                level[i] = std::max(meanSquare, kFloorPower);
            }
            int i = 0;
            for (; i + kLanes <= n; i += kLanes)
                store(level + i, (0.5 * kNeperToDb) * fastLnV(load(level + i)));
            for (; i < n; ++i)
                level[i] = 0.5 * kNeperToDb * fastLn(level[i]);
        }
        // 1b. the gain computer: level -> the wanted reduction, in place
        {
            int i = 0;
            for (; i + kLanes <= n; i += kLanes)
                store(level + i, -gainComputerDbV(load(level + i), p.thresholdDb, p.slope, p.kneeDb));
            for (; i < n; ++i)
                level[i] = -gainComputerDb(level[i], p.thresholdDb, p.slope, p.kneeDb);
        }
        // 2. the detector. Both candidates are computed while the comparison runs, so only a
        // multiply, an add and the selection sit on the loop-carried chain.
        for (int i = 0; i < n; ++i) {
            const double wanted = level[i];
            const double viaAttack = attack * reduction + oneMinusAttack * wanted;
            const double viaRelease = release * reduction + oneMinusRelease * wanted;
            reduction = selectGreater(wanted, reduction, viaAttack, viaRelease);
            red[i] = reduction;
        }
        // 3. the gain
        {
            int i = 0;
            for (; i + kLanes <= n; i += kLanes) {
                const VecD gain = fastExpV(p.gainScale * (broadcast(p.makeupDb) - load(red + i)));
                storeNarrow(l + i, loadWiden(l + i) * gain);
                if (r)
                    storeNarrow(r + i, loadWiden(r + i) * gain);
            }
            for (; i < n; ++i) {
                const double gain = fastExp(p.gainScale * (p.makeupDb - red[i]));
                const double x = l[i];
                l[i] = static_cast<float>(x * gain);
                if (r)
                    r[i] = static_cast<float>(double(r[i]) * gain);
            }
        }
    }
    meanSquareIo = meanSquare;
    reductionIo = reduction;
}

} // namespace

CompressorParams makeCompressorParams(const CompressorSettings& s, bool enabled,
                                      double sampleRate)
{
    const char* subject = "compressor";
    requirePositive(subject, "sampleRate", sampleRate, "Hz");
    requireInRange(subject, "thresholdDb", s.thresholdDb, -60.0, 0.0, "dBFS");
    requireInRange(subject, "ratio", s.ratio, 1.0, 100.0, "");
    requireInRange(subject, "kneeDb", s.kneeDb, 0.0, 24.0, "dB");
    requireInRange(subject, "attackMs", s.attackMs, 0.1, 500.0, "ms");
    requireInRange(subject, "releaseMs", s.releaseMs, 1.0, 5000.0, "ms");
    requireInRange(subject, "makeupDb", s.makeupDb, -24.0, 24.0, "dB");
    if (s.detection != Detection::Peak && s.detection != Detection::Rms)
        requireInRange(subject, "detection", double(int(s.detection)), 0.0, 1.0, "");

    CompressorParams p;
    p.enabled = enabled;
    p.detection = s.detection;
    p.thresholdDb = s.thresholdDb;
    p.slope = 1.0 - 1.0 / s.ratio;
    p.kneeDb = s.kneeDb;
    p.makeupDb = s.makeupDb;
    p.attackCoeff = timeCoefficient(s.attackMs, sampleRate);
    p.releaseCoeff = timeCoefficient(s.releaseMs, sampleRate);
    p.rmsCoeff = timeCoefficient(kRmsTimeMs, sampleRate);
    return p;
}

double staticCurveDb(const CompressorSettings& s, double x)
{
    const double T = s.thresholdDb;
    const double R = s.ratio;
    const double W = s.kneeDb;
    double y;
    if (2.0 * (x - T) < -W)
        y = x;
    else if (W > 0.0 && std::abs(2.0 * (x - T)) <= W)
        y = x + (1.0 / R - 1.0) * (x - T + W / 2.0) * (x - T + W / 2.0) / (2.0 * W);
    else
        y = T + (x - T) / R;
    return y + s.makeupDb;
}

void Compressor::prepare(double /*sampleRate*/, int /*maxBlock*/)
{
    ramp_.jumpTo(Shape{});
    enabled_ = false;
    bypassed_ = true;
    reset();
}

void Compressor::reset() noexcept
{
    meanSquare_ = 0.0;
    gainReductionDb_ = 0.0;
}

void Compressor::setParams(const CompressorParams& p, int rampFrames) noexcept
{
    attackCoeff_ = p.attackCoeff;
    releaseCoeff_ = p.releaseCoeff;
    rmsCoeff_ = p.rmsCoeff;
    detection_ = p.detection;
    enabled_ = p.enabled;

    const Shape target{p.thresholdDb, p.slope, p.kneeDb, p.makeupDb, p.enabled ? 1.0 : 0.0};

    if (bypassed_) {
        if (!enabled_)
            return;
        // Waking up: the detector was not running, so start it from silence; the amount
        // ramps up from 0, which hides the detector's own rise.
        bypassed_ = false;
        reset();
    }
    // At amount 0 nothing else has any effect, so the shape may jump; the output then only
    // ever changes through ramped values.
    if (ramp_.current().amount == 0.0) {
        Shape jumped = target;
        jumped.amount = ramp_.current().amount;
        ramp_.jumpTo(jumped);
    }
    ramp_.rampTo(target, rampFrames);
}

void Compressor::process(float* const* channels, int channelCount, int frames) noexcept
{
    channelCount = std::min(channelCount, 2);
    if (bypassed_ || channelCount <= 0 || frames <= 0)
        return;
    float* left = channels[0];
    float* right = channelCount > 1 ? channels[1] : nullptr;
    const auto interpolate = [](const Shape& from, const Shape& to, double t) noexcept {
        return Shape{lerp(from.thresholdDb, to.thresholdDb, t), lerp(from.slope, to.slope, t),
                     lerp(from.kneeDb, to.kneeDb, t), lerp(from.makeupDb, to.makeupDb, t),
                     lerp(from.amount, to.amount, t)};
    };

    // The detector state lives in locals for the loop: as members, every frame would store
    // and reload them, putting memory round trips on the loop-carried chain.
    double meanSquare = meanSquare_;
    double reduction = gainReductionDb_;
    const bool peak = detection_ == Detection::Peak;
    int i = 0;
    // Frame by frame while a parameter ramps or the compressor fades out; the steady state
    // below computes the very same operations per frame, in passes.
    for (; i < frames && (ramp_.isRamping() || !enabled_); ++i) {
        if (ramp_.isRamping())
            ramp_.advance(interpolate);
        const Shape& shape = ramp_.current();

        const double l = left[i];
        const double r = right ? double(right[i]) : l;
        meanSquare = rmsCoeff_ * meanSquare + (1.0 - rmsCoeff_) * 0.5 * (l * l + r * r);
        const double levelDb = peak ? kNeperToDb * fastLn(std::max({std::abs(l), std::abs(r), kFloorLinear}))
                                    : 0.5 * kNeperToDb * fastLn(std::max(meanSquare, kFloorPower));

        const double wanted = -gainComputerDb(levelDb, shape.thresholdDb, shape.slope, shape.kneeDb);
        const double c = selectGreater(wanted, reduction, attackCoeff_, releaseCoeff_);
        reduction = c * reduction + (1.0 - c) * wanted;

        const double gain = fastExp(kDbToNeper * shape.amount * (shape.makeupDb - reduction));
        left[i] = static_cast<float>(l * gain);
        if (right)
            right[i] = static_cast<float>(r * gain);

        // Decided per frame, not per block, so the result never depends on block size. The
        // amount is exactly 0 here, so the frames processed so far had a gain of exactly 1.
        if (!enabled_ && !ramp_.isRamping()) {
            reduction = 0.0;
            bypassed_ = true;
            meanSquare_ = meanSquare;
            gainReductionDb_ = reduction;
            return;
        }
    }
    if (i < frames)
        processSteady(left + i, right ? right + i : nullptr, frames - i, meanSquare, reduction);
    // After long quiet the one-poles decay towards 0 and, with nothing to stop them, end as
    // subnormals (c · denorm_min rounds back to denorm_min), which makes every later frame
    // about 13x slower. Flushing once per call is enough (decaying from 1e-30 to subnormal
    // takes millions of frames) and changes no output sample: a gain reduction below 1e-30 dB
    // leaves exp() at exactly the same value, and a mean square below 1e-30 is under the
    // detector's floor (kFloorPower) either way.
    if (std::abs(reduction) < kStateFlushBelow)
        reduction = 0.0;
    if (meanSquare < kStateFlushBelow)
        meanSquare = 0.0;
    meanSquare_ = meanSquare;
    gainReductionDb_ = reduction;
}

void Compressor::processSteady(float* left, float* right, int frames, double& meanSquare,
                               double& reduction) noexcept
{
    const Shape shape = ramp_.current();
    SteadyParams p;
    p.peak = detection_ == Detection::Peak;
    p.thresholdDb = shape.thresholdDb;
    p.slope = shape.slope;
    p.kneeDb = shape.kneeDb;
    p.makeupDb = shape.makeupDb;
    p.gainScale = kDbToNeper * shape.amount;
    p.attack = attackCoeff_;
    p.release = releaseCoeff_;
    p.rmsCoeff = rmsCoeff_;
    // No AVX2 variant on purpose: one measured 27-31 ms per 60 s offline (61-63 ms without,
    // taken at another time), but on the audio thread it cost JACK underruns (1-11 in 10 s
    // against 0; tests/engine/test_engine_jack.cpp). The cause was not pinned down.
    steadyPasses(p, left, right, frames, meanSquare, reduction);
}

} // namespace earlab::dsp
