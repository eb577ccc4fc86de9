#include "audio/engine/stem_mixer.h"

#include <algorithm>

namespace earlab {

void StemMixer::reset() noexcept
{
    for (auto& r : ramps_)
        r.jumpTo(r.target());
}

void StemMixer::setParams(const StemGains& gains, int rampFrames) noexcept
{
    for (std::size_t s = 0; s < ramps_.size(); ++s)
        ramps_[s].rampTo(gains[s], rampFrames);
}

void StemMixer::mix(const Multitrack& source, const std::int64_t* positions, const float* cursorGains, int frames,
                    float* left, float* right) noexcept
{
    std::fill(left, left + frames, 0.0f);
    std::fill(right, right + frames, 0.0f);
    const std::int64_t length = source.frames();
    const std::size_t count = std::min(source.stems.size(), ramps_.size());
    for (std::size_t s = 0; s < count; ++s) {
        const AudioBuffer& stem = *source.stems[s];
        const float* l = stem.channels[0].data();
        const float* r = stem.channels[stem.channelCount() > 1 ? 1 : 0].data();
        auto& ramp = ramps_[s];
        // Every frame moves the ramp, heard or not, so a glide lasts the same whatever the
        // playhead does.
        int i = 0;
        for (; i < frames && ramp.isRamping(); ++i) {
            ramp.advance(dsp::interpolateGainPan);
            const std::int64_t p = positions[i];
            if (p >= 0 && p < length) {
                left[i] += l[p] * ramp.current().left;
                right[i] += r[p] * ramp.current().right;
            }
        }
        const dsp::GainPanParams g = ramp.current();
        for (; i < frames; ++i) {
            const std::int64_t p = positions[i];
            if (p >= 0 && p < length) {
                left[i] += l[p] * g.left;
                right[i] += r[p] * g.right;
            }
        }
    }
    for (int i = 0; i < frames; ++i) {
        left[i] *= cursorGains[i];
        right[i] *= cursorGains[i];
    }
}

} // namespace earlab
