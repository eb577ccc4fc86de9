#include "audio/dsp/stereo_width.h"

#include "audio/dsp/dsp_validation.h"

namespace earlab::dsp {

WidthParams makeWidthParams(double widthPercent)
{
    requireInRange("stereo width", "widthPercent", widthPercent, 0.0, 200.0, "%");
    return {static_cast<float>(widthPercent / 100.0)};
}

void StereoWidth::prepare(double, int) noexcept
{
    ramp_.jumpTo({});
}

void StereoWidth::reset() noexcept
{
    ramp_.jumpTo(ramp_.target());
}

void StereoWidth::setParams(const WidthParams& params, int rampFrames) noexcept
{
    ramp_.rampTo(params, rampFrames);
}

namespace {
inline void widen(float& left, float& right, float side) noexcept
{
    const float mid = (left + right) * 0.5f;
    const float s = (left - right) * 0.5f * side;
    left = mid + s;
    right = mid - s;
}
} // namespace

void StereoWidth::process(float* const* channels, int channelCount, int frames) noexcept
{
    if (channelCount < 2 || frames <= 0)
        return;
    float* left = channels[0];
    float* right = channels[1];

    const auto interpolate = [](const WidthParams& from, const WidthParams& to, double t) noexcept {
        return WidthParams{static_cast<float>(lerp(from.side, to.side, t))};
    };

    // At exactly 100 % nothing is computed: (M + S, M - S) would round L and R, and 100 %
    // must stay bit-exact (a ramp from 100 % to 100 % included).
    int i = 0;
    for (; i < frames && ramp_.isRamping(); ++i) {
        ramp_.advance(interpolate);
        if (ramp_.current().side != 1.0f)
            widen(left[i], right[i], ramp_.current().side);
    }
    const float side = ramp_.current().side;
    if (side == 1.0f)
        return;
    for (; i < frames; ++i)
        widen(left[i], right[i], side);
}

} // namespace earlab::dsp
