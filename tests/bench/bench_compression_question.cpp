// From a prepared 15 s stereo loop to a compression question: the loop's dynamics, the
// threshold search (one detector pass per threshold tried) and the final compressed pass, for
// each rung's gain reduction. Goal: under ~60 ms per ask() (docs/performance.md). The loop is
// the built-in pop-rock mix as the app prepares it; its preparation is not timed.

#include "tests/exercises/compression_loops.h"

#include "exercises/compression_exercise.h"
#include "exercises/gain_reduction.h"

#include <benchmark/benchmark.h>

namespace {

using namespace earlab;

const PreparedLoop& popRock()
{
    static const auto loop = test::prepareBuiltinFile("pop-rock", findBuiltinLoop("pop-rock")->mixFile);
    return *loop;
}

// state.range(0): the rung (1 = 12 dB ... 8 = 1 dB); a new seed per iteration, so the
// drawn ratio, attack and release vary as in a session.
void BM_CompressionAsk(benchmark::State& state)
{
    const MaterialFacts facts = factsOf(popRock());
    const CompressionExercise exercise(CompressionExerciseKind::Detection);
    std::uint64_t seed = 1;
    for (auto _ : state) {
        Question q = exercise.ask({int(state.range(0))}, seed++, facts);
        benchmark::DoNotOptimize(q);
    }
    state.counters["seconds_of_loop"] = popRock().audio->durationSeconds();
}
BENCHMARK(BM_CompressionAsk)->Arg(1)->Arg(3)->Arg(8)->ArgName("rung")->Unit(benchmark::kMillisecond)->MinTime(2.0);

// One threshold tried: the measure of the model's gain reduction.
void BM_GainReductionPass(benchmark::State& state)
{
    const LoopDynamics d = analyseDynamics(*popRock().audio);
    CompressorSettings s;
    s.thresholdDb = -24.0;
    s.ratio = 4.0;
    for (auto _ : state)
        benchmark::DoNotOptimize(modelGainReductionDb(d, s));
}
BENCHMARK(BM_GainReductionPass)->Unit(benchmark::kMillisecond)->MinTime(1.0);

void BM_AnalyseDynamics(benchmark::State& state)
{
    for (auto _ : state) {
        LoopDynamics d = analyseDynamics(*popRock().audio);
        benchmark::DoNotOptimize(d);
    }
}
BENCHMARK(BM_AnalyseDynamics)->Unit(benchmark::kMillisecond)->MinTime(1.0);

} // namespace
