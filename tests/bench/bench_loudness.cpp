// Loudness work, the part of the app's waits that is measurement: `earlab-cli info` and the
// library scan (loudness + true peak of a whole file), and each question's loudness
// matching (a 15 s loop rendered and re-measured until the match holds). Figures:
// docs/performance.md.

#include "tests/support/busy_treatment.h"

#include "audio/dsp/pink_noise.h"
#include "audio/engine/treatment_render.h"
#include "audio/io/loudness.h"

#include <benchmark/benchmark.h>

namespace {

using namespace earlab;

void BM_MeasureLoudness60s(benchmark::State& state)
{
    const AudioBuffer noise = dsp::makePinkNoise(60.0, 48000.0, -20.0, 42);
    for (auto _ : state)
        benchmark::DoNotOptimize(measureLoudness(noise));
}
BENCHMARK(BM_MeasureLoudness60s)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

void BM_IntegratedLoudness60s(benchmark::State& state)
{
    const AudioBuffer noise = dsp::makePinkNoise(60.0, 48000.0, -20.0, 42);
    for (auto _ : state)
        benchmark::DoNotOptimize(integratedLoudnessLufs(noise));
}
BENCHMARK(BM_IntegratedLoudness60s)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

// What a question waits for after its loop is loaded: the hidden treatment's gain matched.
void BM_LoudnessMatchedLoop15s(benchmark::State& state)
{
    const AudioBuffer loop = dsp::makePinkNoise(15.0, 48000.0, -20.0, 42);
    const Treatment t = test::fiveBandsAndCompressor(false);
    for (auto _ : state)
        benchmark::DoNotOptimize(loudnessMatched(loop, loop, t));
}
BENCHMARK(BM_LoudnessMatchedLoop15s)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

} // namespace
