#pragma once
// A command from the control thread to the player, passed by value through the lock-free
// queue, so it must be trivially copyable: everything in it was computed off the audio thread.

#include "audio/dsp/treatment_chain.h"

#include <cstdint>
#include <type_traits>

namespace earlab {

class ScenePlayer;

struct PlayerCommand {
    enum class Type : std::uint8_t {
        Play,           // start from the playhead with a fade in; resets the transport clock to 0
        Stop,           // fade out, then silence; the playhead stays where it stopped
        Select,         // variant: crossfade to it
        Seek,           // frame: fade out, jump, fade in
        SetLoop,        // enabled, startFrame, endFrame
        SetCrossfade,   // frames
        SetOutputLevel, // gain (linear)
        SetParams,      // variant, params: glide to a new treatment
        SwapPlayer,     // player: used by the engine only, never by ScenePlayer::apply
    };

    Type type = Type::Play;
    // Transport frame (frames since the last Play) at which the command applies; -1 = at the
    // next buffer. Scheduled commands make switches sample-accurate and reproducible offline.
    // Scheduled while stopped, a command waits for the next Play; Stop drops the schedule.
    std::int64_t atFrame = -1;
    int variant = 0;
    bool enabled = false;
    std::int64_t frame = 0;
    std::int64_t endFrame = 0;
    int frames = 0;
    float gain = 1.0f;
    dsp::ChainParams params{};
    ScenePlayer* player = nullptr;

    static PlayerCommand play() { return {}; }
    static PlayerCommand stop() { PlayerCommand c; c.type = Type::Stop; return c; }
    static PlayerCommand select(int variant, std::int64_t atFrame = -1)
    {
        PlayerCommand c;
        c.type = Type::Select;
        c.variant = variant;
        c.atFrame = atFrame;
        return c;
    }
    static PlayerCommand seek(std::int64_t frame, std::int64_t atFrame = -1)
    {
        PlayerCommand c;
        c.type = Type::Seek;
        c.frame = frame;
        c.atFrame = atFrame;
        return c;
    }
};

static_assert(std::is_trivially_copyable_v<PlayerCommand>);

} // namespace earlab
