#include "audio/engine/source_cursor.h"

#include <algorithm>

namespace earlab {

void SourceCursor::configure(std::int64_t lengthFrames, int jumpFadeFrames) noexcept
{
    length_ = std::max<std::int64_t>(lengthFrames, 0);
    halfFade_ = std::max(1, jumpFadeFrames / 2);
    position_ = 0;
    jumpTarget_ = -1;
    gain_.jumpTo(1.0f);
    setLoop(looping_, loopStart_, loopEnd_);
}

void SourceCursor::setLoop(bool enabled, std::int64_t startFrame, std::int64_t endFrame) noexcept
{
    looping_ = enabled;
    if (endFrame <= startFrame) {
        startFrame = 0;
        endFrame = length_;
    }
    loopStart_ = std::clamp<std::int64_t>(startFrame, 0, std::max<std::int64_t>(length_ - 2, 0));
    loopEnd_ = std::clamp<std::int64_t>(endFrame, loopStart_ + 2, std::max<std::int64_t>(length_, loopStart_ + 2));
}

int SourceCursor::halfFade() const noexcept
{
    // A loop shorter than two fades gets shorter fades, never a fade longer than the loop.
    if (!looping_)
        return halfFade_;
    return int(std::max<std::int64_t>(1, std::min<std::int64_t>(halfFade_, (loopEnd_ - loopStart_) / 2)));
}

void SourceCursor::seek(std::int64_t frame) noexcept
{
    beginJump(std::clamp<std::int64_t>(frame, 0, length_), halfFade());
}

void SourceCursor::beginJump(std::int64_t target, int fadeFrames) noexcept
{
    jumpTarget_ = target;
    gain_.rampTo(0.0f, std::max(1, fadeFrames));
}

void SourceCursor::advance(int frames, std::int64_t* positions, float* gains) noexcept
{
    for (int i = 0; i < frames; ++i) {
        if (jumpTarget_ < 0) {
            const int half = halfFade();
            if (looping_) {
                if (position_ >= loopEnd_)
                    beginJump(loopStart_, half);
                else if (position_ >= loopEnd_ - half)
                    beginJump(loopStart_, int(loopEnd_ - position_));
            } else if (position_ < length_ && position_ >= length_ - half) {
                // Fade out into the end of the material rather than stop on a non-zero sample.
                beginJump(length_, int(length_ - position_));
            }
        }

        positions[i] = position_ < length_ ? position_ : -1;
        gains[i] = gain_.next();
        ++position_;

        if (jumpTarget_ >= 0 && !gain_.isRamping()) {
            position_ = jumpTarget_;
            jumpTarget_ = -1;
            if (position_ < length_)
                gain_.rampTo(1.0f, halfFade());
            else
                gain_.jumpTo(1.0f); // silence from here on: nothing to fade in
        }
        if (position_ > length_ && !looping_)
            position_ = length_;
    }
}

} // namespace earlab
