#include "audio/engine/treatment_render.h"

#include "audio/dsp/treatment_chain.h"
#include "audio/engine/offline_render.h"
#include "audio/engine/scene_player.h"
#include "audio/io/loudness.h"

#include <algorithm>
#include <memory>

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

AudioBuffer renderMastered(const AudioBuffer& source, const Treatment& treatment, PlayerConfig config)
{
    config.sampleRate = source.sampleRate;
    Scene scene;
    scene.variants.push_back({std::make_shared<AudioBuffer>(source), treatment, "render"});
    // Ask the player its latency instead of knowing the limiter's internals.
    const int latency = ScenePlayer(scene, config).latencyFrames();
    const auto frames = std::int64_t(source.frames());
    AudioBuffer rendered = renderScene(scene, config, {}, frames + latency, 1024);
    for (auto& ch : rendered.channels)
        ch.erase(ch.begin(), ch.begin() + latency);
    return rendered;
}

Treatment loudnessMatched(const AudioBuffer& reference, const AudioBuffer& source, Treatment treatment)
{
    const double gain = loudnessMatchGainDb(reference, renderTreatment(source, treatment));
    treatment.gainDb += gain;
    return treatment;
}

} // namespace earlab
