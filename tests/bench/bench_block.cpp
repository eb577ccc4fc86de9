// One 256-frame stereo block through the ScenePlayer, the work the PortAudio callback does:
// two variants (flat, and five peaking bands + compressor + gain/pan), both processed all the
// time, the master section (output level, transport gain, safety limiter) on, and a 50 ms
// crossfade in progress in every measured block (a select every 8 blocks = 42.7 ms).
// Goal: <= 1 % of the 5.33 ms block period at 48 kHz.

#include "tests/support/busy_treatment.h"

#include "audio/dsp/limiter.h"
#include "audio/dsp/pink_noise.h"
#include "audio/engine/player_command.h"
#include "audio/engine/player_config.h"
#include "audio/engine/scene_player.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <vector>

namespace {

using namespace earlab;

constexpr int kBlock = 256;
constexpr double kBlockPeriodSeconds = kBlock / 48000.0; // 5.333 ms

void BM_ScenePlayerBlock(benchmark::State& state)
{
    auto noise = std::make_shared<AudioBuffer>(dsp::makePinkNoise(10.0, 48000.0, -20.0, 42));
    Scene scene;
    scene.variants = {{noise, Treatment{}, "flat"}, {noise, test::fiveBandsAndCompressor(true), "treated"}};
    scene.looping = true;

    PlayerConfig config;
    config.crossfadeMs = 50.0;   // 2400 frames: longer than the 8-block select period
    config.maxBlockFrames = 512;
    ScenePlayer player(scene, config);
    player.apply(PlayerCommand::play());

    std::vector<float> out(2 * kBlock);
    // Past the start fade, into steady state with a crossfade running.
    for (int i = 0; i < 64; ++i) {
        if (i % 8 == 0)
            player.apply(PlayerCommand::select(1 - player.selectedVariant()));
        player.render(out.data(), kBlock);
    }

    int block = 0, target = 1 - player.selectedVariant();
    const auto t0 = std::chrono::steady_clock::now();
    for (auto _ : state) {
        if (block++ % 8 == 0) {
            player.apply(PlayerCommand::select(target));
            target = 1 - target;
        }
        player.render(out.data(), kBlock);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double perBlock = elapsed / double(std::max<benchmark::IterationCount>(state.iterations(), 1));
    state.counters["ns_per_block"] = perBlock * 1e9;
    state.counters["pct_of_period"] = 100.0 * perBlock / kBlockPeriodSeconds;
    state.counters["goal_pct"] = 1.0;
}
BENCHMARK(BM_ScenePlayerBlock)->UseRealTime()->MinTime(2.0);

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
