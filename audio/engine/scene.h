#pragma once
// What the engine plays: N variants on one shared playhead. For training the variants share
// one source (flat, hidden change, "your answer"); for blind tests each mix is its own source.

#include "audio/audio_buffer.h"
#include "audio/treatment.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace earlab {

inline constexpr int kMaxSceneVariants = 16;

// A source streamed from a file for an offline render (`render --master` of a long file): the
// renderer holds only the frames the next ScenePlayer::render() call reads, and replaces them
// between calls. Only for a scene played once from its start (no loop, no seek), where the
// player reads source frame t at transport frame t.
struct StreamedSource {
    double sampleRate = 0.0;
    std::int64_t lengthFrames = 0; // of the whole source
    std::int64_t firstFrame = 0;   // the source frame held at left[0] and right[0]
    std::size_t heldFrames = 0;    // frames held in left and right (their size is the capacity)
    std::vector<float> left, right;
};

struct Variant {
    std::shared_ptr<const AudioBuffer> source; // 1 or 2 channels at the player's sample rate; mono plays on both
    Treatment treatment;                       // applied live, may be changed while playing
    std::string label;                         // for messages ("flat", "mix B", ...)
    std::shared_ptr<const StreamedSource> streamed = {}; // instead of `source`, for a streamed render
};

struct LoopRegion {
    std::int64_t startFrame = 0; // first frame of the loop
    std::int64_t endFrame = 0;   // one past the last frame; end > start
};

struct Scene {
    std::vector<Variant> variants; // 1 to kMaxSceneVariants
    LoopRegion loop;               // used when `looping`; an empty region means the whole scene
    bool looping = false;
    int initialVariant = 0;        // heard when playback starts

    // The longest source: shorter variants are silent past their end.
    std::int64_t lengthFrames() const
    {
        std::int64_t n = 0;
        for (const auto& v : variants) {
            if (v.source)
                n = std::max<std::int64_t>(n, std::int64_t(v.source->frames()));
            else if (v.streamed)
                n = std::max<std::int64_t>(n, v.streamed->lengthFrames);
        }
        return n;
    }
};

} // namespace earlab
