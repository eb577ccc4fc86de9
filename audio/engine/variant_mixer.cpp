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
        float l = 0.0f, r = 0.0f;
        for (int v = 0; v < count_; ++v) {
            // Gains as from·(1-s) + target·s: they sum to 1 because the from_ gains do.
            const float g = from_[std::size_t(v)] * rest + (v == selected_ ? s : 0.0f);
            if (g != 0.0f) {
                l += g * in[v][0][i];
                r += g * in[v][1][i];
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
