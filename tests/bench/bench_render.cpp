// Offline throughput of renderTreatment (the chain `earlab-cli render`, loudness matching and
// the exercises' answer checks run): 60 s of stereo 48 kHz pink noise through five peaking
// bands and a compressor, reported as "x realtime" (seconds of audio per second of wall time).

#include "tests/support/busy_treatment.h"

#include "audio/dsp/pink_noise.h"
#include "audio/engine/treatment_render.h"

#include <benchmark/benchmark.h>

#include <chrono>

namespace {

using namespace earlab;

constexpr double kSeconds = 60.0;

void BM_RenderTreatment60s(benchmark::State& state)
{
    const AudioBuffer noise = dsp::makePinkNoise(kSeconds, 48000.0, -20.0, 42);
    const Treatment treatment = test::fiveBandsAndCompressor(false);
    const auto t0 = std::chrono::steady_clock::now();
    for (auto _ : state) {
        AudioBuffer out = renderTreatment(noise, treatment);
        benchmark::DoNotOptimize(out.channels.data());
        benchmark::ClobberMemory();
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    // Seconds of audio per second of wall time (includes allocating the output buffer).
    state.counters["x_realtime"] = double(state.iterations()) * kSeconds / elapsed;
}
BENCHMARK(BM_RenderTreatment60s)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);

} // namespace
