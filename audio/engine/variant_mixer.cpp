#include "audio/engine/variant_mixer.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace earlab {

void VariantMixer::reset(int variantCount, int selected) noexcept
{
    count_ = std::clamp(variantCount, 0, kMaxSceneVariants);
    selected_ = std::clamp(selected, 0, std::max(0, count_ - 1));
    from_.fill(0.0f);
    if (count_ > 0)
        from_[std::size_t(selected_)] = 1.0f;
    fadeLength_ = fadePosition_ = 0;
}

float VariantMixer::progress(int position) const noexcept
{
    return float(0.5 - 0.5 * std::cos(std::numbers::pi * double(position) / double(fadeLength_)));
}

void VariantMixer::select(int variant, int frames) noexcept
{
    if (variant < 0 || variant >= count_)
        return;
    // Freeze the gains of this moment as the new starting point.
    if (isFading()) {
        const float s = progress(fadePosition_);
        for (int v = 0; v < count_; ++v) {
            const float target = v == selected_ ? 1.0f : 0.0f;
            from_[std::size_t(v)] = from_[std::size_t(v)] * (1.0f - s) + target * s;
        }
    }
    selected_ = variant;
    fadeLength_ = std::max(frames, 0);
    fadePosition_ = 0;
    if (fadeLength_ == 0) {
        from_.fill(0.0f);
        from_[std::size_t(variant)] = 1.0f;
    }
}

void VariantMixer::mix(const float* const* const* in, float* outLeft, float* outRight, int frames) noexcept
{
    int i = 0;
    while (i < frames && isFading()) {
        const float s = progress(fadePosition_);
        const float rest = 1.0f - s;
        // Written as the selected variant plus each other's gain times its difference from
        // it: the same sum (the gains sum to 1: from_ does, and from·(1-s) + target·s keeps
        // it), but variants with identical samples now add exactly 0, so switching between
        // bit-identical items is bit-identical to not switching (issue 8), where
        // g·x + (1-g)·x would leave rounding of a few ulps.
        const float* const* sel = in[selected_];
        float l = sel[0][i], r = sel[1][i];
        for (int v = 0; v < count_; ++v) {
            if (v == selected_)
                continue;
            const float g = from_[std::size_t(v)] * rest;
            if (g != 0.0f) {
                l += g * (in[v][0][i] - sel[0][i]);
                r += g * (in[v][1][i] - sel[1][i]);
            }
        }
        outLeft[i] = l;
        outRight[i] = r;
        ++i;
        if (++fadePosition_ == fadeLength_) {
            from_.fill(0.0f);
            from_[std::size_t(selected_)] = 1.0f;
        }
    }
    if (i < frames && count_ > 0) {
        std::copy(in[selected_][0] + i, in[selected_][0] + frames, outLeft + i);
        std::copy(in[selected_][1] + i, in[selected_][1] + frames, outRight + i);
    } else if (count_ == 0) {
        std::fill(outLeft + i, outLeft + frames, 0.0f);
        std::fill(outRight + i, outRight + frames, 0.0f);
    }
}

} // namespace earlab
