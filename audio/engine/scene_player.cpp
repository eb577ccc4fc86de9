#include "audio/engine/scene_player.h"

#include "audio/audio_error.h"
#include "audio/engine/playable_source.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace earlab {

namespace {
float dbToGain(double db) { return float(std::pow(10.0, db / 20.0)); }

std::string variantName(const Scene& scene, std::size_t i)
{
    const auto& label = scene.variants[i].label;
    return "variant " + std::to_string(i) + (label.empty() ? "" : " (" + label + ")");
}

} // namespace

ScenePlayer::ScenePlayer(const Scene& scene, const PlayerConfig& config)
    : config_(config),
      maxBlock_(std::max(16, config.maxBlockFrames)),
      crossfadeFrames_(msToFrames(std::clamp(config.crossfadeMs, 0.0, 50.0), config.sampleRate)),
      transportFadeFrames_(std::max(1, msToFrames(std::clamp(config.transportFadeMs, 1.0, 50.0), config.sampleRate))),
      parameterRampFrames_(msToFrames(std::clamp(config.parameterRampMs, 0.0, 200.0), config.sampleRate))
{
    if (!(config.sampleRate > 0.0))
        throw AudioError(AudioErrorKind::InvalidArgument, "scene", "the player's sample rate must be positive");
    if (scene.variants.empty() || scene.variants.size() > std::size_t(kMaxSceneVariants))
        throw AudioError(AudioErrorKind::InvalidArgument, "scene",
                         "a scene holds 1 to " + std::to_string(kMaxSceneVariants) + " variants, not " +
                             std::to_string(scene.variants.size()));

    for (std::size_t i = 0; i < scene.variants.size(); ++i) {
        const Variant& v = scene.variants[i];
        requirePlayableSource(v, variantName(scene, i), config.sampleRate);
        auto state = std::make_unique<VariantState>();
        state->source = v.source;
        state->streamed = v.streamed;
        state->multitrack = v.stems;
        const VariantParams params = makeVariantParams(v.treatment, config.sampleRate);
        state->chain.prepare(config.sampleRate, maxBlock_);
        state->chain.setParams(params.chain, 0);
        state->stems.setParams(params.stems, 0);
        state->left.assign(std::size_t(maxBlock_), 0.0f);
        state->right.assign(std::size_t(maxBlock_), 0.0f);
        variants_.push_back(std::move(state));
    }
    held_.resize(std::size_t(kMaxPending));
    channelPointers_.resize(variants_.size());
    for (std::size_t i = 0; i < variants_.size(); ++i) {
        channelPointers_[i] = {variants_[i]->left.data(), variants_[i]->right.data()};
        variantChannels_.push_back(channelPointers_[i].data());
    }

    cursor_.configure(scene.lengthFrames(), msToFrames(std::clamp(config.jumpFadeMs, 2.0, 50.0), config.sampleRate));
    cursor_.setLoop(scene.looping, scene.loop.startFrame, scene.loop.endFrame);
    mixer_.reset(int(variants_.size()), scene.initialVariant);
    limiter_.setCeilingDb(std::clamp(config.limiterCeilingDb, -20.0, 0.0));
    limiter_.prepare(config.sampleRate, maxBlock_);
    outputLevel_.jumpTo(dbToGain(std::clamp(config.outputLevelDb, -60.0, 0.0)));

    positions_.assign(std::size_t(maxBlock_), 0);
    cursorGains_.assign(std::size_t(maxBlock_), 0.0f);
    mixLeft_.assign(std::size_t(maxBlock_), 0.0f);
    mixRight_.assign(std::size_t(maxBlock_), 0.0f);
}

void ScenePlayer::apply(const PlayerCommand& command) noexcept
{
    // While stopped, a scheduled command belongs to the next run: its frame counts from the
    // next Play, so it waits. That lets a caller hand over a whole schedule before starting.
    const bool forNextRun = state_ == State::Stopped && command.atFrame >= 0;
    if (command.type == PlayerCommand::Type::Play || command.atFrame < 0 ||
        (!forNextRun && command.atFrame <= transportFrame_)) {
        applyNow(command);
        return;
    }
    schedule(command);
}

void ScenePlayer::schedule(PlayerCommand command) noexcept
{
    if (pendingCount_ == kMaxPending) {
        // Never drop a command: a full schedule applies the earliest one early instead.
        const PlayerCommand early = pending_[0];
        std::move(pending_.begin() + 1, pending_.begin() + pendingCount_, pending_.begin());
        --pendingCount_;
        applyNow(early);
        releaseHeld(early);
    }
    if (command.type == PlayerCommand::Type::SetParams && command.params) {
        // At most kMaxPending - 1 are busy here (one per pending command), so one is free.
        const auto slot = std::size_t(std::find(heldBusy_.begin(), heldBusy_.end(), false) - heldBusy_.begin());
        held_[slot] = *command.params;
        heldBusy_[slot] = true;
        command.params = &held_[slot];
    }
    int at = pendingCount_;
    while (at > 0 && pending_[std::size_t(at - 1)].atFrame > command.atFrame) {
        pending_[std::size_t(at)] = pending_[std::size_t(at - 1)];
        --at;
    }
    pending_[std::size_t(at)] = command;
    ++pendingCount_;
}

void ScenePlayer::releaseHeld(const PlayerCommand& c) noexcept
{
    if (c.type != PlayerCommand::Type::SetParams || !c.params)
        return;
    for (std::size_t k = 0; k < held_.size(); ++k)
        if (&held_[k] == c.params)
            heldBusy_[k] = false;
}

void ScenePlayer::applyNow(const PlayerCommand& c) noexcept
{
    using Type = PlayerCommand::Type;
    switch (c.type) {
    case Type::Play:
        state_ = State::Playing;
        transportFrame_ = 0;
        transportGain_.rampTo(1.0f, transportFadeFrames_);
        break;
    case Type::Stop:
        if (state_ == State::Playing) {
            state_ = State::Stopping;
            transportGain_.rampTo(0.0f, transportFadeFrames_);
        }
        pendingCount_ = 0; // a schedule belongs to the run it was made for
        heldBusy_.fill(false);
        break;
    case Type::Select:
        // Silent, nothing is heard to crossfade from: the next play() fades in on the new
        // variant alone (a blind trial's first choice must not blend in the last one heard).
        if (c.variant != mixer_.selected())
            mixer_.select(c.variant, isSilent() ? 0 : crossfadeFrames_);
        break;
    case Type::Seek:
        cursor_.seek(c.frame);
        break;
    case Type::SetLoop:
        cursor_.setLoop(c.enabled, c.frame, c.endFrame);
        break;
    case Type::SetCrossfade:
        crossfadeFrames_ = std::clamp(c.frames, 0, msToFrames(50.0, config_.sampleRate));
        break;
    case Type::SetOutputLevel:
        outputLevel_.rampTo(c.gain, parameterRampFrames_);
        break;
    case Type::SetParams:
        if (c.params && c.variant >= 0 && c.variant < int(variants_.size())) {
            VariantState& v = *variants_[std::size_t(c.variant)];
            v.chain.setParams(c.params->chain, parameterRampFrames_);
            v.stems.setParams(c.params->stems, parameterRampFrames_);
        }
        break;
    case Type::SwapPlayer:
        break;
    }
}

void ScenePlayer::render(float* interleaved, int frames) noexcept
{
    int done = 0;
    while (done < frames) {
        // While stopped the schedule waits for the next Play: transportFrame_ still holds the
        // last run's count, which the scheduled frames do not refer to.
        while (state_ != State::Stopped && pendingCount_ > 0 && pending_[0].atFrame <= transportFrame_) {
            const PlayerCommand due = pending_[0];
            std::move(pending_.begin() + 1, pending_.begin() + pendingCount_, pending_.begin());
            --pendingCount_;
            applyNow(due);
            releaseHeld(due);
        }
        int n = std::min(frames - done, maxBlock_);
        // Split the buffer where a scheduled command falls due, so it lands on its exact frame.
        if (pendingCount_ > 0 && state_ != State::Stopped)
            n = int(std::min<std::int64_t>(n, pending_[0].atFrame - transportFrame_));
        renderSegment(interleaved + 2 * done, n);
        done += n;
    }
    measure(interleaved, frames);
}

void ScenePlayer::readSources(int frames) noexcept
{
    cursor_.advance(frames, positions_.data(), cursorGains_.data());
    for (auto& v : variants_) {
        if (v->multitrack) {
            v->stems.mix(*v->multitrack, positions_.data(), cursorGains_.data(), frames, v->left.data(),
                         v->right.data());
            float* channels[2] = {v->left.data(), v->right.data()};
            v->chain.process(channels, 2, frames);
            continue;
        }
        // The frames held: [first, end) of the source, at l[0] and r[0].
        const float* l;
        const float* r;
        std::int64_t first = 0, end;
        if (v->streamed) {
            l = v->streamed->left.data();
            r = v->streamed->right.data();
            first = v->streamed->firstFrame;
            end = first + std::int64_t(v->streamed->heldFrames);
        } else {
            const AudioBuffer& src = *v->source;
            l = src.channels[0].data();
            r = src.channels[src.channelCount() > 1 ? 1 : 0].data();
            end = std::int64_t(src.frames());
        }
        for (int i = 0; i < frames; ++i) {
            const std::int64_t p = positions_[std::size_t(i)];
            if (p >= first && p >= 0 && p < end) {
                v->left[std::size_t(i)] = l[p - first] * cursorGains_[std::size_t(i)];
                v->right[std::size_t(i)] = r[p - first] * cursorGains_[std::size_t(i)];
            } else {
                v->left[std::size_t(i)] = v->right[std::size_t(i)] = 0.0f;
            }
        }
        float* channels[2] = {v->left.data(), v->right.data()};
        v->chain.process(channels, 2, frames);
    }
}

void ScenePlayer::renderSegment(float* interleaved, int frames) noexcept
{
    if (state_ == State::Stopped) {
        std::fill(mixLeft_.begin(), mixLeft_.begin() + frames, 0.0f);
        std::fill(mixRight_.begin(), mixRight_.begin() + frames, 0.0f);
        tailRemaining_ = std::max(0, tailRemaining_ - frames);
    } else {
        readSources(frames);
        mixer_.mix(variantChannels_.data(), mixLeft_.data(), mixRight_.data(), frames);
        for (int i = 0; i < frames; ++i) {
            const float g = outputLevel_.next() * transportGain_.next();
            mixLeft_[std::size_t(i)] *= g;
            mixRight_[std::size_t(i)] *= g;
        }
        transportFrame_ += frames;
        if (state_ == State::Stopping && !transportGain_.isRamping()) {
            state_ = State::Stopped;
            tailRemaining_ = limiter_.latencyFrames();
        }
    }
    limiter_.process(mixLeft_.data(), mixRight_.data(), frames);
    for (int i = 0; i < frames; ++i) {
        interleaved[2 * i] = mixLeft_[std::size_t(i)];
        interleaved[2 * i + 1] = mixRight_[std::size_t(i)];
    }
}

void ScenePlayer::measure(const float* interleaved, int frames) noexcept
{
    MeterReading m;
    double sum[2] = {0.0, 0.0};
    for (int i = 0; i < frames; ++i)
        for (int c = 0; c < 2; ++c) {
            const float s = interleaved[2 * i + c];
            m.peak[c] = std::max(m.peak[c], std::abs(s));
            sum[c] += double(s) * double(s);
        }
    for (int c = 0; c < 2; ++c)
        m.rms[c] = frames > 0 ? float(std::sqrt(sum[c] / frames)) : 0.0f;
    meters_ = m;
}

} // namespace earlab
