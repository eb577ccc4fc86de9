// One PlayerCommand through the control -> callback queue (readerwriterqueue: try_enqueue on
// one side, try_dequeue on the other, as Engine does), per command. Uses nothing but the
// command and the queue, so the same file builds against an older tree to compare the
// command's size: docs/performance.md gives the command for that.

#include "audio/engine/player_command.h"

#include <benchmark/benchmark.h>
#include <readerwriterqueue/readerwriterqueue.h>

namespace {

using earlab::PlayerCommand;

void BM_CommandRoundTrip(benchmark::State& state)
{
    moodycamel::ReaderWriterQueue<PlayerCommand> queue(1024);
    PlayerCommand in = PlayerCommand::select(1, 12345);
    PlayerCommand out;
    for (auto _ : state) {
        in.atFrame += 1;
        queue.try_enqueue(in);
        queue.try_dequeue(out);
        benchmark::DoNotOptimize(out);
    }
    state.counters["command_bytes"] = double(sizeof(PlayerCommand));
}
BENCHMARK(BM_CommandRoundTrip)->MinTime(1.0);

// A burst of 64 commands queued, then drained, as a callback finds them after a busy moment.
void BM_CommandBurst64(benchmark::State& state)
{
    moodycamel::ReaderWriterQueue<PlayerCommand> queue(1024);
    PlayerCommand in = PlayerCommand::select(1, 12345);
    PlayerCommand out;
    for (auto _ : state) {
        for (int i = 0; i < 64; ++i)
            queue.try_enqueue(in);
        while (queue.try_dequeue(out))
            benchmark::DoNotOptimize(out);
    }
    state.counters["command_bytes"] = double(sizeof(PlayerCommand));
}
BENCHMARK(BM_CommandBurst64)->MinTime(1.0);

} // namespace
