#include "support/playback_window.h"

#include "support/jack_server.h"

#include <chrono>
#include <thread>

namespace earlab::test {

QString PlaybackWindow::describe(double sampleRate, double periodMicros) const
{
    return QString::asprintf("%.0f frames in %.3f s: %.1f frames/s (%+.3f %% off %.0f); %llu callbacks, CPU per "
                             "callback worst %.0f us, mean %.1f us; longest callback on the wall clock %.0f us "
                             "(period %.0f us); %llu underruns, %lld jackd xrun lines",
                             frames, seconds, framesPerSecond, pacingErrorPercent(sampleRate), sampleRate,
                             static_cast<unsigned long long>(cpu.callbacks), cpu.worstMicros, cpu.meanMicros,
                             worstWallMicros, periodMicros, static_cast<unsigned long long>(underruns),
                             static_cast<long long>(xruns.size()));
}

bool waitUntilRendered(const Engine& engine, std::int64_t frames, double timeoutSeconds)
{
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeoutSeconds));
    while (engine.transportFrame() < frames && Clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    return engine.transportFrame() >= frames;
}

PlaybackWindow playWindow(Engine& engine, JackServer& jack, double seconds)
{
    using Clock = std::chrono::steady_clock;
    engine.takeWorstCallbackMicros();
    engine.takeCallbackCpuTime();
    jack.output(); // what jackd said before this window is not part of it
    const auto t0 = Clock::now();
    const std::uint64_t u0 = engine.underruns();
    const std::int64_t f0 = engine.transportFrame();
    const std::uint64_t r0 = engine.framesRendered();
    const auto target = f0 + std::int64_t(seconds * engine.sampleRate());
    const auto deadline = t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(3.0 * seconds));
    int k = 0;
    while (engine.transportFrame() < target && Clock::now() < deadline) {
        if (++k % 100 == 0)
            engine.select(k / 100 % 2);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    PlaybackWindow w;
    w.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    w.frames = double(engine.transportFrame() - f0);
    w.framesRendered = engine.framesRendered() - r0;
    w.framesPerSecond = w.frames / w.seconds;
    w.underruns = engine.underruns() - u0;
    w.worstWallMicros = engine.takeWorstCallbackMicros();
    w.cpu = engine.takeCallbackCpuTime();
    for (const QString& line : jack.output().split('\n'))
        if (line.contains("xrun", Qt::CaseInsensitive) || line.contains("not finished"))
            w.xruns << line.trimmed();
    return w;
}

} // namespace earlab::test
