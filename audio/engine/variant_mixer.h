#pragma once
// Mixes the scene's variants down to the one the listener selected, crossfading on a switch.
//
// The variants are the same music (correlated), so the crossfade gains must sum to exactly 1
// at every sample: an equal-power fade (gains whose *squares* sum to 1) would bulge by up to
// 3 dB half way. The sum is exact by construction: the mix is computed as the selected
// variant plus each other variant's gain times its difference from it, so variants with
// identical samples cancel exactly (a switch between bit-identical items changes no bit).
// The shape is a raised cosine, s = (1 - cos(pi·k/N)) / 2, which starts and
// ends with zero slope (no click). A switch during a switch starts from the gains of the
// moment, so any sequence of switches keeps the sum at 1.

#include "audio/engine/scene.h"

#include <array>

namespace earlab {

class VariantMixer {
public:
    void reset(int variantCount, int selected) noexcept;
    // frames: crossfade length; 0 switches at once (a click, for tests and special needs).
    void select(int variant, int frames) noexcept;

    // out[c][i] = sum over variants of gain_v(i) · in[v][c][i], for channels 0 and 1.
    void mix(const float* const* const* in, float* outLeft, float* outRight, int frames) noexcept;

    int selected() const noexcept { return selected_; }
    bool isFading() const noexcept { return fadePosition_ < fadeLength_; }

private:
    float progress(int position) const noexcept;

    int count_ = 0;
    int selected_ = 0;
    int fadeLength_ = 0;
    int fadePosition_ = 0;
    std::array<float, kMaxSceneVariants> from_{}; // gains when the current fade began
};

} // namespace earlab
