#include "audio/dsp/compressor.h"
#include "audio/dsp/fast_math.h"

#include "audio/dsp/dsp_validation.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <cmath>
#include <numbers>

namespace earlab::dsp {

namespace {

// Levels below -200 dB are treated as -200 dB so log10 never sees 0.
constexpr double kFloorLinear = 1e-10;
constexpr double kFloorPower = kFloorLinear * kFloorLinear;

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
    for (; i < frames; ++i) {
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
            break;
        }
    }
    meanSquare_ = meanSquare;
    gainReductionDb_ = reduction;
}

} // namespace earlab::dsp
