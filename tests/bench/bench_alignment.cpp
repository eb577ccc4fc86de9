// Aligning two 3-minute stereo 48 kHz items (issue 8, "Time"): what `earlab-cli compare` and
// the Compare page wait for per item after loading. The items are the pop-rock loop repeated
// to 180 s, the second cut 480.37 samples later (a fractional delay) or stretched by 0.1 %
// (libsoxr), so the drift passes and the correction's resampling are timed too.
// Figures: docs/performance.md. EARLAB_BENCH_ALIGNMENT_SECONDS sets another length (the
// peak memory of two 30-minute items: docs/performance.md).

#include "assets/builtin_material.h"
#include "audio/compare/alignment.h"
#include "audio/compare/fractional_delay.h"
#include "audio/io/audio_file.h"
#include "audio/io/resampler.h"

#include <benchmark/benchmark.h>

#include <cstdlib>

namespace {

using namespace earlab;

const std::size_t kFrames = [] {
    const char* s = std::getenv("EARLAB_BENCH_ALIGNMENT_SECONDS");
    return std::size_t((s ? std::atof(s) : 180.0) * 48000);
}();

AudioBuffer threeMinutes(const AudioBuffer& loop, std::size_t frames)
{
    AudioBuffer out = AudioBuffer::silence(loop.channelCount(), frames, loop.sampleRate);
    for (std::size_t c = 0; c < loop.channelCount(); ++c)
        for (std::size_t i = 0; i < frames; ++i)
            out.channels[c][i] = loop.channels[c][i % loop.frames()];
    return out;
}

struct Items {
    AudioBuffer reference, delayed, stretched;
};

const Items& items()
{
    static const Items i = [] {
        const AudioBuffer loop = loadAudioFile(materialPath(findBuiltinLoop("pop-rock")->mixFile)).audio;
        Items it;
        it.reference = threeMinutes(loop, kFrames);
        it.delayed.sampleRate = loop.sampleRate;
        for (const auto& ch : it.reference.channels)
            it.delayed.channels.push_back(readAtOffset(ch, -480.37, kFrames));
        it.stretched = resample(it.reference, loop.sampleRate * 1.001);
        it.stretched.sampleRate = loop.sampleRate;
        return it;
    }();
    return i;
}

void BM_MeasureAlignment3min(benchmark::State& state)
{
    const AudioBuffer& item = state.range(0) ? items().stretched : items().delayed;
    Alignment a;
    for (auto _ : state)
        benchmark::DoNotOptimize(a = measureAlignment(items().reference, item));
    state.counters["offset"] = a.offsetSamples; // 480.37 or 0
    state.counters["drift_ppm"] = a.driftPpm;   // 0 or 1000
    state.SetLabel(state.range(0) ? "0.1 % speed change" : "480.37 samples late");
}
BENCHMARK(BM_MeasureAlignment3min)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

void BM_AlignToReference3min(benchmark::State& state)
{
    const AudioBuffer& item = state.range(0) ? items().stretched : items().delayed;
    const Alignment a = measureAlignment(items().reference, item);
    for (auto _ : state)
        benchmark::DoNotOptimize(alignToReference(item, a, kFrames));
    state.SetLabel(state.range(0) ? "drift corrected" : "fractional delay only");
}
BENCHMARK(BM_AlignToReference3min)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

} // namespace
