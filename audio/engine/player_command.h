#pragma once
// A command from the control thread to the player, passed by value through the lock-free
// queue, so it must be trivially copyable and small: everything in it was computed off the
// audio thread, and a treatment's coefficients (VariantParams, about 1 kB) travel by pointer
// (see SetParams), never inside the command.

#include <cstdint>
#include <type_traits>

namespace earlab {

class ScenePlayer;
struct VariantParams;

struct PlayerCommand {
    enum class Type : std::uint8_t {
        Play,           // start from the playhead with a fade in; resets the transport clock to 0
        Stop,           // fade out, then silence; the playhead stays where it stopped
        Select,         // variant: crossfade to it
        Seek,           // frame: fade out, jump, fade in
        SetLoop,        // enabled, startFrame, endFrame
        SetCrossfade,   // frames
        SetOutputLevel, // gain (linear)
        SetParams,      // variant, params: glide to a new treatment (chain and stems)
        SwapPlayer,     // player: used by the engine only, never by ScenePlayer::apply
    };

    Type type = Type::Play;
    bool enabled = false;
    int variant = 0;
    // Transport frame (frames since the last Play) at which the command applies; -1 = at the
    // next buffer. Scheduled commands make switches sample-accurate and reproducible offline.
    // Scheduled while stopped, a command waits for the next Play; Stop drops the schedule.
    std::int64_t atFrame = -1;
    std::int64_t frame = 0;
    std::int64_t endFrame = 0;
    int frames = 0;
    float gain = 1.0f;
    // SetParams: read by ScenePlayer::apply() during the call only (a scheduled change is
    // copied into the player), so the sender may reuse the storage once apply() returned;
    // the engine does so when the audio thread hands the pointer back.
    const VariantParams* params = nullptr;
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
    static PlayerCommand setParams(int variant, const VariantParams* params, std::int64_t atFrame = -1)
    {
        PlayerCommand c;
        c.type = Type::SetParams;
        c.variant = variant;
        c.params = params;
        c.atFrame = atFrame;
        return c;
    }
};

static_assert(std::is_trivially_copyable_v<PlayerCommand>);
// It was 776 bytes (on x86-64) while the chain's coefficients rode inside; a cache line now.
static_assert(sizeof(PlayerCommand) <= 64, "the command crosses to the audio thread by value: keep it small");

} // namespace earlab
