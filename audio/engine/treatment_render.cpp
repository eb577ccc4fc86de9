#include "audio/engine/treatment_render.h"

#include "audio/dsp/treatment_chain.h"
#include "audio/engine/offline_render.h"
#include "audio/engine/playable_source.h"
#include "audio/engine/scene_player.h"
#include "audio/engine/stem_mixer.h"
#include "audio/engine/variant_params.h"
#include "audio/audio_error.h"
#include "audio/io/audio_file.h"
#include "audio/io/audio_stream.h"
#include "audio/io/loudness.h"

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace earlab {

AudioBuffer renderTreatment(const AudioBuffer& source, const Treatment& treatment)
{
    constexpr int kBlock = 1024;
    AudioBuffer out = AudioBuffer::silence(2, source.frames(), source.sampleRate);
    if (source.channelCount() > 0) {
        out.channels[0] = source.channels[0];
        out.channels[1] = source.channels[source.channelCount() > 1 ? 1 : 0];
    }
    dsp::TreatmentChain chain;
    chain.prepare(source.sampleRate, kBlock);
    chain.setParams(dsp::makeChainParams(treatment, source.sampleRate), 0);
    for (std::size_t at = 0; at < out.frames(); at += kBlock) {
        const int n = int(std::min<std::size_t>(kBlock, out.frames() - at));
        float* channels[2] = {out.channels[0].data() + at, out.channels[1].data() + at};
        chain.process(channels, 2, n);
    }
    return out;
}

AudioBuffer mixStems(const Multitrack& source, const Treatment& treatment)
{
    // The player's checks and gains, so this mix is the one it plays.
    const double rate = source.stems.empty() || !source.stems[0] ? 0.0 : source.stems[0]->sampleRate;
    requirePlayableMultitrack(source, "multitrack", rate);
    const VariantParams params = makeVariantParams(treatment, rate);
    StemMixer mixer;
    mixer.setParams(params.stems, 0);
    constexpr int kBlock = 1024;
    std::vector<std::int64_t> positions(kBlock);
    const std::vector<float> unity(kBlock, 1.0f);
    AudioBuffer out = AudioBuffer::silence(2, std::size_t(source.frames()), rate);
    for (std::int64_t at = 0; at < source.frames(); at += kBlock) {
        const int n = int(std::min<std::int64_t>(kBlock, source.frames() - at));
        for (int i = 0; i < n; ++i)
            positions[std::size_t(i)] = at + i;
        mixer.mix(source, positions.data(), unity.data(), n, out.channels[0].data() + at, out.channels[1].data() + at);
    }
    return out;
}

AudioBuffer renderTreatment(const Multitrack& source, const Treatment& treatment)
{
    return renderTreatment(mixStems(source, treatment), treatment);
}

namespace {

// The ring between the two pipeline stages: kSlots blocks of kBlock stereo frames, allocated
// once. The producer fills slot (head % kSlots), the consumer empties slot (tail % kSlots).
class BlockRing {
public:
    static constexpr std::size_t kBlock = 4096, kSlots = 8;

    struct Slot {
        std::vector<float> left, right;
        std::size_t frames = 0; // 0 = the end of the stream
    };

    BlockRing() : slots_(kSlots)
    {
        for (auto& s : slots_) {
            s.left.resize(kBlock);
            s.right.resize(kBlock);
        }
    }

    // Producer: the next free slot, or nullptr once the consumer has stopped.
    Slot* acquireFree()
    {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return head_ - tail_ < kSlots || stopped_; });
        return stopped_ ? nullptr : &slots_[head_ % kSlots];
    }
    void publish()
    {
        std::lock_guard lock(mutex_);
        ++head_;
        changed_.notify_all();
    }
    // Consumer: the next full slot, or nullptr when the producer has stopped.
    Slot* acquireFull()
    {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return head_ != tail_ || stopped_; });
        return head_ != tail_ && !stopped_ ? &slots_[tail_ % kSlots] : nullptr;
    }
    void release()
    {
        std::lock_guard lock(mutex_);
        ++tail_;
        changed_.notify_all();
    }
    // Either side gives up (after an error): the other's waits end.
    void stop()
    {
        std::lock_guard lock(mutex_);
        stopped_ = true;
        changed_.notify_all();
    }

private:
    std::vector<Slot> slots_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::size_t head_ = 0, tail_ = 0;
    bool stopped_ = false;
};

} // namespace

WriteSummary renderTreatmentFile(const std::string& inPath, const std::string& outPath, const Treatment& treatment)
{
    AudioFileReader reader(inPath);
    const double rate = reader.sampleRate();

    // The chain split by stage: TreatmentChain runs EQ, compressor, width, gain/pan one after
    // the other over each block, so an EQ-only chain followed by a chain of the rest computes
    // the same samples. A disabled compressor that was never enabled, 100 % width and an
    // identity gain/pan leave the signal bit-exact; so do EQ bands at identity.
    dsp::TreatmentChain eqStage, dynamicsStage;
    std::optional<AudioFileWriter> writer;
    try {
        const dsp::ChainParams params = dsp::makeChainParams(treatment, rate);
        dsp::ChainParams eqOnly = params;
        eqOnly.compressor.enabled = false;
        eqOnly.width = {};
        eqOnly.gainPan = {};
        dsp::ChainParams dynamicsOnly = params;
        dynamicsOnly.eq = {};
        eqStage.prepare(rate, int(BlockRing::kBlock));
        eqStage.setParams(eqOnly, 0);
        dynamicsStage.prepare(rate, int(BlockRing::kBlock));
        dynamicsStage.setParams(dynamicsOnly, 0);
        writer.emplace(outPath, rate, 2);
    } catch (...) {
        // The whole-buffer sequence would have decoded the input first: its errors win.
        reader.skipToEnd();
        throw;
    }

    BlockRing ring;
    std::exception_ptr writeError;
    std::thread consumer([&] {
        try {
            while (BlockRing::Slot* slot = ring.acquireFull()) {
                if (slot->frames == 0)
                    break;
                float* channels[2] = {slot->left.data(), slot->right.data()};
                dynamicsStage.process(channels, 2, int(slot->frames));
                writer->write(channels, slot->frames);
                ring.release();
            }
        } catch (...) {
            writeError = std::current_exception();
        }
        ring.stop();
    });

    std::exception_ptr readError;
    try {
        while (BlockRing::Slot* slot = ring.acquireFree()) {
            slot->frames = reader.readStereo(slot->left.data(), slot->right.data(), BlockRing::kBlock);
            if (slot->frames > 0) {
                float* channels[2] = {slot->left.data(), slot->right.data()};
                eqStage.process(channels, 2, int(slot->frames));
            }
            ring.publish();
            if (slot->frames == 0)
                break;
        }
    } catch (...) {
        readError = std::current_exception();
        ring.stop();
    }
    consumer.join();

    if (readError)
        std::rethrow_exception(readError); // ~AudioFileWriter removes the unfinished file
    if (writeError) {
        reader.skipToEnd(); // an input error first, as above
        std::rethrow_exception(writeError);
    }
    return writer->finish();
}

namespace {

constexpr int kStreamBlock = 4096;

// The master section's render of `frames` source frames, with the limiter's look-ahead delay
// removed so the output lines up with the source; `before` and `sink` as renderSceneBlocks.
void renderMasteredBlocks(const Scene& scene, const PlayerConfig& config, std::int64_t frames, const RenderHook& before,
                          const RenderSink& sink)
{
    // Ask the player its latency instead of knowing the limiter's internals.
    const int latency = ScenePlayer(scene, config).latencyFrames();
    std::int64_t skip = latency;
    renderSceneBlocks(scene, config, {}, frames + latency, kStreamBlock, before,
                      [&](const float* l, const float* r, int n) {
                          const int s = int(std::min<std::int64_t>(skip, n));
                          skip -= s;
                          if (s < n)
                              sink(l + s, r + s, n - s);
                      });
}

// One streamed master render of `reader` (frames as planned) into `writer`.
void renderMasteredStream(AudioFileReader& reader, std::int64_t frames, AudioFileWriter& writer,
                          const Treatment& treatment, PlayerConfig config)
{
    config.sampleRate = reader.sampleRate();
    auto window = std::make_shared<StreamedSource>();
    window->sampleRate = config.sampleRate;
    window->lengthFrames = frames;
    window->left.resize(kStreamBlock);
    window->right.resize(kStreamBlock);
    Scene scene;
    scene.variants.push_back({nullptr, treatment, "render", window});
    renderMasteredBlocks(
        scene, config, frames,
        [&](std::int64_t at, int n) {
            // The player reads source frame t at transport frame t: hold [at, at + n).
            const std::size_t want = std::size_t(std::clamp<std::int64_t>(frames - at, 0, n));
            const std::size_t got = want > 0 ? reader.readStereo(window->left.data(), window->right.data(), want) : 0;
            if (got != want)
                throw AudioError(AudioErrorKind::Truncated, reader.path(),
                                 "the file became shorter while it was being rendered");
            window->firstFrame = at;
            window->heldFrames = got;
        },
        [&](const float* l, const float* r, int n) {
            const float* channels[2] = {l, r};
            writer.write(channels, std::size_t(n));
        });
}

// The true peak of `path` as decoded, dBTP.
double decodedTruePeakDbtp(const std::string& path)
{
    return measureFileLoudness(path).loudness.truePeakDbtp;
}

} // namespace

namespace {

// renderMastered() of a one-variant scene of `frames` frames.
AudioBuffer renderMasteredScene(const Scene& scene, const PlayerConfig& config, std::int64_t frames)
{
    AudioBuffer rendered = AudioBuffer::silence(2, 0, config.sampleRate);
    rendered.channels[0].reserve(std::size_t(frames));
    rendered.channels[1].reserve(std::size_t(frames));
    renderMasteredBlocks(scene, config, frames, {}, [&](const float* l, const float* r, int n) {
        rendered.channels[0].insert(rendered.channels[0].end(), l, l + n);
        rendered.channels[1].insert(rendered.channels[1].end(), r, r + n);
    });
    return rendered;
}

} // namespace

AudioBuffer renderMastered(const AudioBuffer& source, const Treatment& treatment, PlayerConfig config)
{
    config.sampleRate = source.sampleRate;
    Scene scene;
    scene.variants.push_back({std::make_shared<AudioBuffer>(source), treatment, "render"});
    return renderMasteredScene(scene, config, std::int64_t(source.frames()));
}

AudioBuffer renderMastered(const Multitrack& source, const Treatment& treatment, PlayerConfig config)
{
    if (!source.stems.empty() && source.stems[0])
        config.sampleRate = source.stems[0]->sampleRate;
    Scene scene;
    Variant v;
    v.stems = std::make_shared<Multitrack>(source);
    v.treatment = treatment;
    v.label = "render";
    scene.variants.push_back(std::move(v));
    return renderMasteredScene(scene, config, source.frames());
}

bool isLossyFormat(const std::string& path)
{
    const std::size_t dot = path.find_last_of('.');
    if (dot == std::string::npos || path.find('/', dot) != std::string::npos)
        return false;
    std::string ext = path.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext == "ogg" || ext == "opus" || ext == "mp3";
}

RenderPlan planRender(const std::string& inPath, const Treatment& treatment, bool matchLoudness)
{
    AudioFileReader reader(inPath);
    RenderPlan plan{0, treatment};
    if (!matchLoudness) {
        reader.skipToEnd();
        plan.frames = std::int64_t(reader.info().frames);
        return plan;
    }
    const double rate = reader.sampleRate();
    // As renderTreatment(): the chain over a stereo copy; the chain's output does not depend
    // on the block size.
    dsp::TreatmentChain chain;
    chain.prepare(rate, kStreamBlock);
    chain.setParams(dsp::makeChainParams(treatment, rate), 0);
    LoudnessMeter reference(2, rate, false, "reference"), candidate(2, rate, false, "candidate");
    std::vector<float> left(kStreamBlock), right(kStreamBlock), treatedLeft(kStreamBlock), treatedRight(kStreamBlock);
    const float* in[2] = {left.data(), right.data()};
    float* treated[2] = {treatedLeft.data(), treatedRight.data()};
    while (const std::size_t n = reader.readStereo(left.data(), right.data(), kStreamBlock)) {
        reference.add(in, n);
        std::copy_n(left.data(), n, treatedLeft.data());
        std::copy_n(right.data(), n, treatedRight.data());
        chain.process(treated, 2, int(n));
        candidate.add(treated, n);
    }
    plan.frames = std::int64_t(reader.info().frames);
    plan.treatment.gainDb += loudnessMatchGainDb(reference, candidate);
    return plan;
}

MasteredFile renderMasteredFile(const std::string& inPath, const std::string& outPath, const RenderPlan& plan,
                                PlayerConfig config)
{
    const double target = config.limiterCeilingDb;
    const double lowest = target - kMasterMaxCorrectionDb;
    const bool lossy = isLossyFormat(outPath);
    auto reader = std::make_unique<AudioFileReader>(inPath);
    MasteredFile best{std::numeric_limits<double>::infinity(), config.limiterCeilingDb, 0};
    bool restoringBest = false;
    for (int render = 1;; ++render) {
        AudioFileWriter writer(outPath, reader->sampleRate(), 2);
        renderMasteredStream(*reader, plan.frames, writer, plan.treatment, config);
        // Opened before finish() renames the output into place: if that replaces the input,
        // this reader still holds the original.
        std::unique_ptr<AudioFileReader> next;
        if (lossy && !restoringBest)
            next = std::make_unique<AudioFileReader>(inPath);
        writer.finish();
        if (!lossy)
            return {std::numeric_limits<double>::quiet_NaN(), config.limiterCeilingDb, render};
        const MasteredFile done{decodedTruePeakDbtp(outPath), config.limiterCeilingDb, render};
        if (done.truePeakDbtp < best.truePeakDbtp)
            best = done;
        if (done.truePeakDbtp <= target || restoringBest)
            return done;
        const double lower =
            std::max(lowest, config.limiterCeilingDb - (done.truePeakDbtp - target) - kMasterCorrectionMarginDb);
        if (render < kMasterMaxRenders && lower < config.limiterCeilingDb - 1e-9) {
            config.limiterCeilingDb = lower;
        } else if (best.ceilingDb != config.limiterCeilingDb) {
            // No further correction and still above: an earlier render measured lower (codecs
            // are not monotonic), so that one is rendered again and kept.
            config.limiterCeilingDb = best.ceilingDb;
            restoringBest = true;
        } else {
            return done;
        }
        reader = std::move(next);
    }
}

Treatment loudnessMatched(const AudioBuffer& reference, const AudioBuffer& source, Treatment treatment)
{
    const double gain = loudnessMatchGainDb(reference, renderTreatment(source, treatment));
    treatment.gainDb += gain;
    return treatment;
}

Treatment loudnessMatched(const AudioBuffer& reference, const Multitrack& source, Treatment treatment)
{
    return loudnessMatched(reference, mixStems(source, treatment), treatment);
}

} // namespace earlab
