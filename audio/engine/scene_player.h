#pragma once
// The whole playback chain, shared by the PortAudio callback and the offline render so that
// both produce the same samples:
//
//   sources -> cursor (playhead, loop, jump fades) [-> StemMixer of a multitrack source]
//           -> one TreatmentChain per variant
//           -> VariantMixer (crossfade) -> output level · transport fade -> safety limiter
//
// Every variant is processed all the time, so a switch never lets the listener hear a filter
// or compressor settling. The output does not depend on how it is split into blocks.
//
// Threading: construct (allocates, computes coefficients) and destroy on a non-real-time
// thread. apply() and render() are real-time safe: no allocation, no lock, no exception.

#include "audio/dsp/limiter.h"
#include "audio/dsp/treatment_chain.h"
#include "audio/engine/linear_ramp.h"
#include "audio/engine/player_command.h"
#include "audio/engine/player_config.h"
#include "audio/engine/scene.h"
#include "audio/engine/variant_params.h"
#include "audio/engine/source_cursor.h"
#include "audio/engine/stem_mixer.h"
#include "audio/engine/variant_mixer.h"

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace earlab {

struct MeterReading {
    float peak[2] = {0.0f, 0.0f}; // linear, last rendered buffer
    float rms[2] = {0.0f, 0.0f};  // linear, last rendered buffer
};

class ScenePlayer {
public:
    enum class State { Stopped, Playing, Stopping };

    // Throws AudioError(InvalidArgument) naming the variant (and the stem) when a source is
    // missing, has more than 2 channels or another sample rate, a multitrack's stems differ
    // in length or number more than kMaxStems, or a treatment is out of range.
    ScenePlayer(const Scene& scene, const PlayerConfig& config);

    // Commands take effect now, or at their transport frame when that lies ahead. A
    // SetParams command's params are read during this call only (a scheduled one is copied).
    void apply(const PlayerCommand& command) noexcept;
    // Interleaved stereo float.
    void render(float* interleaved, int frames) noexcept;

    State state() const noexcept { return state_; }
    // Stopped, and the limiter's delay line has played out.
    bool isSilent() const noexcept { return state_ == State::Stopped && tailRemaining_ == 0; }
    bool isAtEnd() const noexcept { return cursor_.isAtEnd(); }
    std::int64_t playhead() const noexcept { return cursor_.position(); }
    std::int64_t transportFrame() const noexcept { return transportFrame_; }
    int selectedVariant() const noexcept { return mixer_.selected(); }
    int variantCount() const noexcept { return int(variants_.size()); }
    const MeterReading& meters() const noexcept { return meters_; }
    int latencyFrames() const noexcept { return limiter_.latencyFrames(); }
    const PlayerConfig& config() const noexcept { return config_; }

private:
    struct VariantState {
        std::shared_ptr<const AudioBuffer> source;
        std::shared_ptr<const StreamedSource> streamed; // instead of source
        std::shared_ptr<const Multitrack> multitrack;   // instead of source
        StemMixer stems;
        dsp::TreatmentChain chain;
        std::vector<float> left, right; // maxBlock scratch
    };

    void applyNow(const PlayerCommand& command) noexcept;
    void schedule(PlayerCommand command) noexcept;
    void releaseHeld(const PlayerCommand& command) noexcept;
    void renderSegment(float* interleaved, int frames) noexcept;
    void readSources(int frames) noexcept;
    void measure(const float* interleaved, int frames) noexcept;

    PlayerConfig config_;
    int maxBlock_;
    std::vector<std::unique_ptr<VariantState>> variants_;
    std::vector<const float* const*> variantChannels_; // for the mixer: [v] -> {left, right}
    std::vector<std::array<const float*, 2>> channelPointers_;
    SourceCursor cursor_;
    VariantMixer mixer_;
    dsp::Limiter limiter_;
    LinearRamp outputLevel_{1.0f};
    LinearRamp transportGain_{0.0f};
    int crossfadeFrames_;
    int transportFadeFrames_;
    int parameterRampFrames_;
    State state_ = State::Stopped;
    int tailRemaining_ = 0;
    std::int64_t transportFrame_ = 0;

    std::vector<std::int64_t> positions_;
    std::vector<float> cursorGains_;
    std::vector<float> mixLeft_, mixRight_;

    static constexpr int kMaxPending = 64;
    std::array<PlayerCommand, kMaxPending> pending_{}; // sorted by atFrame
    int pendingCount_ = 0;
    // The params of scheduled SetParams commands, which point here: the sender's copy may be
    // reused as soon as apply() returns. One per pending command at most, so never short.
    std::vector<VariantParams> held_;     // kMaxPending, allocated by the constructor
    std::array<bool, kMaxPending> heldBusy_{};

    MeterReading meters_;
};

} // namespace earlab
