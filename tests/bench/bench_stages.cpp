// The chain's stages alone, 60 s of stereo 48 kHz pink noise in 4096-frame blocks: the five
// peaking bands of the performance goal, and the compressor (Peak and Rms detection). For
// before/after figures of changes to biquad.cpp and compressor.cpp (docs/performance.md).

#include "tests/support/busy_treatment.h"

#include "audio/dsp/compressor.h"
#include "audio/dsp/parametric_eq.h"
#include "audio/dsp/pink_noise.h"

#include <benchmark/benchmark.h>

namespace {

using namespace earlab;

constexpr int kBlock = 4096;

template <typename Stage>
void runOver(benchmark::State& state, Stage& stage, const AudioBuffer& noise)
{
    AudioBuffer b = noise;
    for (auto _ : state) {
        state.PauseTiming();
        b = noise;
        state.ResumeTiming();
        for (std::size_t at = 0; at < b.frames(); at += kBlock) {
            const int n = int(std::min<std::size_t>(kBlock, b.frames() - at));
            float* ch[2] = {b.channels[0].data() + at, b.channels[1].data() + at};
            stage.process(ch, 2, n);
        }
        benchmark::ClobberMemory();
    }
    state.counters["ns_per_frame"] =
        benchmark::Counter(double(noise.frames()) * double(state.iterations()),
                           benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_Eq5Bands60s(benchmark::State& state)
{
    const AudioBuffer noise = dsp::makePinkNoise(60.0, 48000.0, -20.0, 42);
    dsp::ParametricEq eq;
    eq.prepare(48000.0, kBlock);
    eq.setParams(dsp::makeEqParams(test::fiveBandsAndCompressor(false).eq, 48000.0), 0);
    runOver(state, eq, noise);
}
BENCHMARK(BM_Eq5Bands60s)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_Compressor60s(benchmark::State& state)
{
    const AudioBuffer noise = dsp::makePinkNoise(60.0, 48000.0, -20.0, 42);
    CompressorSettings s = test::fiveBandsAndCompressor(false).compressor;
    s.detection = state.range(0) ? Detection::Rms : Detection::Peak;
    dsp::Compressor c;
    c.prepare(48000.0, kBlock);
    c.setParams(dsp::makeCompressorParams(s, true, 48000.0), 0);
    runOver(state, c, noise);
}
BENCHMARK(BM_Compressor60s)->Arg(0)->Arg(1)->ArgName("rms")->Unit(benchmark::kMillisecond)->MinTime(2.0);

} // namespace
