#pragma once
// The shared playhead of a scene: where each output sample reads the sources, and with what
// gain. Jumps (loop wrap, seek, the end of the material) never cut the waveform: the cursor
// fades out, jumps, and fades back in. The gain is applied to the sources *before* the
// treatment chains, so the filters and the compressor never see the discontinuity either.
// Loop wraps are known in advance, so the fade out ends exactly at the loop end.

#include <cstdint>

#include "audio/engine/linear_ramp.h"

namespace earlab {

class SourceCursor {
public:
    // lengthFrames: the scene's length; jumpFadeFrames: fade out + fade in, split evenly.
    void configure(std::int64_t lengthFrames, int jumpFadeFrames) noexcept;

    // Loop over [start, end). A region outside the material or shorter than 2 frames is
    // clamped; an empty region loops the whole scene.
    void setLoop(bool enabled, std::int64_t startFrame, std::int64_t endFrame) noexcept;
    void seek(std::int64_t frame) noexcept;

    // For the next `frames` output samples: the source frame each one reads (-1 = silence)
    // and its gain. Advances the cursor.
    void advance(int frames, std::int64_t* positions, float* gains) noexcept;

    std::int64_t position() const noexcept { return position_; }
    bool isLooping() const noexcept { return looping_; }
    std::int64_t loopStart() const noexcept { return loopStart_; }
    std::int64_t loopEnd() const noexcept { return loopEnd_; }
    // Not looping and past the end of the material: everything from here on is silence.
    bool isAtEnd() const noexcept { return !looping_ && position_ >= length_ && jumpTarget_ < 0; }

private:
    void beginJump(std::int64_t target, int fadeFrames) noexcept;
    int halfFade() const noexcept;

    std::int64_t length_ = 0;
    std::int64_t position_ = 0;
    int halfFade_ = 1;
    bool looping_ = false;
    std::int64_t loopStart_ = 0;
    std::int64_t loopEnd_ = 0;
    std::int64_t jumpTarget_ = -1; // fading out towards this frame
    LinearRamp gain_{1.0f};
};

} // namespace earlab
