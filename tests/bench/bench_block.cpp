// One 256-frame stereo block through the ScenePlayer, the work the PortAudio callback does:
// two variants (flat, and five peaking bands + compressor + gain/pan), both processed all the
// time, the master section (output level, transport gain, safety limiter) on, and a 50 ms
// crossfade in progress in every measured block (a select every 8 blocks = 42.7 ms); then the
// same with width, and a multitrack scene (4 stems, 3 variants) whose treatments change.
// Goal: <= 1 % of the 5.33 ms block period at 48 kHz.

#include "tests/support/busy_treatment.h"

#include "audio/dsp/limiter.h"
#include "audio/dsp/pink_noise.h"
#include "audio/engine/player_command.h"
#include "audio/engine/player_config.h"
#include "audio/engine/scene_player.h"
#include "audio/engine/variant_params.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <utility>
#include <vector>

namespace {

using namespace earlab;

constexpr int kBlock = 256;
constexpr double kBlockPeriodSeconds = kBlock / 48000.0; // 5.333 ms

// Renders 256-frame blocks of `scene` into steady state, then times them: every 8 blocks a
// select moves on to the next variant (so a 50 ms crossfade always runs) and, with
// `changeEvery8`, a SetParams command (a new treatment for the variant being left) is applied
// too, as Engine::setTreatment delivers it: a pointer to params made off the audio thread.
void timeBlocks(benchmark::State& state, const Scene& scene, const std::vector<Treatment>& changes = {})
{
    PlayerConfig config;
    config.crossfadeMs = 50.0;   // 2400 frames: longer than the 8-block select period
    config.maxBlockFrames = 512;
    ScenePlayer player(scene, config);
    player.apply(PlayerCommand::play());
    const int variants = player.variantCount();
    std::vector<VariantParams> params;
    for (const Treatment& t : changes)
        params.push_back(makeVariantParams(t, config.sampleRate));

    std::vector<float> out(2 * kBlock);
    int block = 0, change = 0;
    const auto step = [&] {
        if (block++ % 8 == 0) {
            const int leaving = player.selectedVariant();
            player.apply(PlayerCommand::select((leaving + 1) % variants));
            if (!params.empty())
                player.apply(PlayerCommand::setParams(leaving, &params[std::size_t(change++) % params.size()]));
        }
        player.render(out.data(), kBlock);
    };
    // Past the start fade, into steady state with a crossfade running.
    for (int i = 0; i < 64; ++i)
        step();

    const auto t0 = std::chrono::steady_clock::now();
    for (auto _ : state) {
        step();
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double perBlock = elapsed / double(std::max<benchmark::IterationCount>(state.iterations(), 1));
    state.counters["ns_per_block"] = perBlock * 1e9;
    state.counters["pct_of_period"] = 100.0 * perBlock / kBlockPeriodSeconds;
    state.counters["goal_pct"] = 1.0;
}

std::shared_ptr<AudioBuffer> noise() { return std::make_shared<AudioBuffer>(dsp::makePinkNoise(10.0, 48000.0, -20.0, 42)); }

void BM_ScenePlayerBlock(benchmark::State& state)
{
    auto source = noise();
    Scene scene;
    scene.variants = {{source, Treatment{}, "flat"}, {source, test::fiveBandsAndCompressor(true), "treated"}};
    scene.looping = true;
    timeBlocks(state, scene);
}
BENCHMARK(BM_ScenePlayerBlock)->UseRealTime()->MinTime(2.0);

// The same with mid/side width on the treated variant (150 %).
void BM_ScenePlayerBlockWidth(benchmark::State& state)
{
    auto source = noise();
    Treatment wide = test::fiveBandsAndCompressor(true);
    wide.widthPercent = 150.0;
    Scene scene;
    scene.variants = {{source, Treatment{}, "flat"}, {source, wide, "treated"}};
    scene.looping = true;
    timeBlocks(state, scene);
}
BENCHMARK(BM_ScenePlayerBlockWidth)->UseRealTime()->MinTime(2.0);

// A multitrack source: 4 stems (two stereo, two mono) mixed live for each of 3 variants
// (flat; busy chain + width 150 % + stems moved; width 60 % + stems moved), and every 8
// blocks the variant being left glides to new stem gains, pans and width (SetParams).
void BM_MultitrackBlock(benchmark::State& state)
{
    auto m = std::make_shared<Multitrack>();
    AudioBuffer mono = dsp::makePinkNoise(10.0, 48000.0, -26.0, 44, 1);
    m->stems = {std::make_shared<AudioBuffer>(dsp::makePinkNoise(10.0, 48000.0, -26.0, 42)),
                std::make_shared<AudioBuffer>(mono),
                std::make_shared<AudioBuffer>(dsp::makePinkNoise(10.0, 48000.0, -26.0, 43, 1)),
                std::make_shared<AudioBuffer>(dsp::makePinkNoise(10.0, 48000.0, -26.0, 45))};
    m->names = {"drums", "bass", "lead", "pad"};
    Treatment busy = test::fiveBandsAndCompressor(true);
    busy.widthPercent = 150.0;
    busy.stems = {{-6.0, -0.3}, {4.0, 0.2}, {0.0, 0.5}, {-3.0, 0.0}};
    Treatment narrow;
    narrow.widthPercent = 60.0;
    narrow.stems = {{2.0, 0.0}, {-4.0, -0.6}};
    Scene scene;
    for (const auto& [t, label] : {std::pair{Treatment{}, "flat"}, std::pair{busy, "busy"}, std::pair{narrow, "narrow"}}) {
        Variant v;
        v.stems = m;
        v.treatment = t;
        v.label = label;
        scene.variants.push_back(v);
    }
    scene.looping = true;
    Treatment other = busy;
    other.stems = {{0.0, 0.3}, {-2.0, -0.2}, {3.0, -0.5}, {1.0, 0.1}};
    other.widthPercent = 120.0;
    timeBlocks(state, scene, {busy, other, narrow});
}
BENCHMARK(BM_MultitrackBlock)->UseRealTime()->MinTime(2.0);

} // namespace

namespace {

// The safety limiter alone, one 256-frame stereo block at a time, on pink noise 10 dB over
// the ceiling (so it limits all the time): its share of the callback's work.
void BM_LimiterBlock(benchmark::State& state)
{
    AudioBuffer noise = dsp::makePinkNoise(10.0, 48000.0, -20.0, 42, 2);
    for (auto& ch : noise.channels)
        for (float& s : ch)
            s *= 10.0f; // peaks about +9 dBFS
    dsp::Limiter limiter;
    limiter.prepare(48000.0, kBlock);
    std::vector<float> left(kBlock), right(kBlock);
    std::size_t at = 0;
    for (auto _ : state) {
        if (at + kBlock > noise.frames())
            at = 0;
        std::copy_n(noise.channels[0].data() + at, kBlock, left.data());
        std::copy_n(noise.channels[1].data() + at, kBlock, right.data());
        limiter.process(left.data(), right.data(), kBlock);
        benchmark::DoNotOptimize(left.data());
        benchmark::ClobberMemory();
        at += kBlock;
    }
}
// The time per iteration is the time per block (the two 256-float copies included).
BENCHMARK(BM_LimiterBlock)->MinTime(2.0);

} // namespace
