#pragma once
// What the engine plays: N variants on one shared playhead. For training the variants share
// one source (flat, hidden change, "your answer"); for blind tests each mix is its own source.

#include "audio/audio_buffer.h"
#include "audio/treatment.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace earlab {

inline constexpr int kMaxSceneVariants = 16;
// Stems of one multitrack source at most: a drum kit recorded on 16 microphones plus a band
// still fits; the player keeps a gain ramp per stem for every one of them.
inline constexpr int kMaxStems = 32;

// A source made of stems mixed live: each stem plays through its own gain and pan
// (Treatment::stems) on the one playhead, so a stem change needs no pre-rendered copy.
// Every stem is 1 or 2 channels (mono plays on both, placed by its pan), all of one length
// and at the player's sample rate; 1 to kMaxStems stems.
struct Multitrack {
    std::vector<std::shared_ptr<const AudioBuffer>> stems;
    std::vector<std::string> names; // one per stem, for messages and the exercises ("bass")

    // The length of the first stem (they are all one length).
    std::int64_t frames() const { return stems.empty() || !stems[0] ? 0 : std::int64_t(stems[0]->frames()); }
};

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
    std::shared_ptr<const Multitrack> stems = {};        // instead of `source`: mixed by treatment.stems
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
            else if (v.stems)
                n = std::max<std::int64_t>(n, v.stems->frames());
            else if (v.streamed)
                n = std::max<std::int64_t>(n, v.streamed->lengthFrames);
        }
        return n;
    }
};

} // namespace earlab
