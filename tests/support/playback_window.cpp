#include "support/playback_window.h"

#include "support/jack_server.h"

#include <QtCore/qtestsupport_core.h>

#include <chrono>

namespace earlab::test {

QString PlaybackWindow::describe(double sampleRate, double periodMicros) const
{
    return QString::asprintf("%.0f frames in %.3f s: %.1f frames/s (%+.3f %% off %.0f); %llu callbacks, CPU per "
                             "callback worst %.0f us, mean %.1f us, 98 %% under %.0f us; longest callback on the wall clock %.0f us "
                             "(period %.0f us); %llu underruns, %lld jackd xrun lines",
                             frames, seconds, framesPerSecond, pacingErrorPercent(sampleRate), sampleRate,
                             static_cast<unsigned long long>(cpu.callbacks), cpu.worstMicros, cpu.meanMicros,
                             cpu.histogram.quantileBoundMicros(0.98),
                             worstWallMicros, periodMicros, static_cast<unsigned long long>(underruns),
                             static_cast<long long>(xruns.size()));
}

bool waitUntilRendered(const Engine& engine, std::int64_t frames, double timeoutSeconds)
{
    return QTest::qWaitFor([&] { return engine.transportFrame() >= frames; }, int(1000.0 * timeoutSeconds));
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
    // Switches follow the audio, one every 200 ms of it: the same number of switches in
    // every window, however the wall clock runs. The wall-clock bound only ends a stalled
    // stream's window.
    const auto switchFrames = std::int64_t(0.2 * engine.sampleRate());
    int selected = 0;
    (void)QTest::qWaitFor(
        [&] {
            const std::int64_t now = engine.transportFrame();
            const int wanted = int((now - f0) / switchFrames % 2);
            if (wanted != selected)
                engine.select(selected = wanted);
            return now >= target;
        },
        int(3000.0 * seconds));
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
