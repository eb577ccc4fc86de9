// The zero-underrun goal, as a soak: the engine plays the busy scene (flat and five peaking
// bands + compressor + gain/pan, switching every 200 ms) against a JACK dummy server
// (48 kHz, 256-frame periods) for a while, and reports underruns beside the machine's load,
// so that a count can be read for what it is: the engine's doing (its CPU time per callback
// is printed too) or the scheduler's (busy CPUs, a high load average, stolen time).
//
//   bench_jack_soak [--seconds S]   (default 60; reported in 10 s windows)
//
// Goal: 0 underruns with jackd's real-time scheduling on a machine that is not saturated.
// Exit status 0 whatever the count (a figure, not a verdict); 1 if jackd or the stream fail.
// Registered with ctest under the label `benchmark` (scripts/test leaves it out).

#include "support/busy_treatment.h"
#include "support/jack_server.h"
#include "support/machine_load.h"
#include "support/playback_window.h"

#include "audio/dsp/pink_noise.h"
#include "audio/engine/engine.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <string>

#include <unistd.h>

using namespace earlab;
using namespace earlab::test;

namespace {

constexpr double kRate = 48000.0;
constexpr int kPeriodFrames = 256;
constexpr double kPeriodMicros = 1e6 * kPeriodFrames / kRate;
constexpr double kWindowSeconds = 10.0;

double secondsFromArguments(const QStringList& args)
{
    const qsizetype i = args.indexOf("--seconds");
    if (i < 0)
        return 60.0;
    bool ok = false;
    const double s = i + 1 < args.size() ? args[i + 1].toDouble(&ok) : 0.0;
    if (!ok || !(s >= 1.0 && s <= 86400.0)) {
        std::fprintf(stderr, "bench_jack_soak: --seconds wants a number of seconds from 1 to 86400, not \"%s\"\n",
                     i + 1 < args.size() ? qPrintable(args[i + 1]) : "");
        std::exit(2);
    }
    return s;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const double seconds = secondsFromArguments(app.arguments());

    ::sync(); // dirty pages from a build or earlier tests are written back now, not during the run
    JackServer jack(QString("earlab-soak-%1").arg(QCoreApplication::applicationPid()));
    if (!jack.start()) {
        std::fprintf(stderr, "bench_jack_soak: jackd did not start: %s\n", qPrintable(jack.output()));
        return 1;
    }
    std::printf("jackd -d dummy -r 48000 -p 256, %s; %.0f s in %.0f s windows\n",
                jack.isRealtime() ? "real-time scheduling (-R)" : "NO real-time scheduling (-r: no privilege)",
                seconds, kWindowSeconds);

    Engine engine;
    try {
        engine.open("system", kPeriodFrames);
        auto noise = std::make_shared<AudioBuffer>(dsp::makePinkNoise(10.0, kRate, -20.0, 42));
        Scene scene;
        scene.variants = {{noise, Treatment{}, "flat"}, {noise, fiveBandsAndCompressor(true), "busy"}};
        scene.looping = true;
        engine.load(scene);
        engine.play();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_jack_soak: %s\n", e.what());
        return 1;
    }
    if (!waitUntilRendered(engine, 1)) {
        std::fprintf(stderr, "bench_jack_soak: the JACK stream never called back\n");
        return 1;
    }

    const std::string loadBefore = loadAverage();
    const CpuCounters start = CpuCounters::now();
    PlaybackWindow total;
    double worstCpu = 0.0, cpuSum = 0.0;
    for (double left = seconds; left > 0.0 && !engine.streamFailed(); left -= kWindowSeconds) {
        const CpuCounters before = CpuCounters::now();
        const PlaybackWindow w = playWindow(engine, jack, std::min(left, kWindowSeconds));
        const CpuBusy busy = CpuBusy::between(before, CpuCounters::now());
        std::printf("%s; machine %s, load %s\n", qPrintable(w.describe(kRate, kPeriodMicros)), busy.describe().c_str(),
                    loadAverage().c_str());
        for (const QString& line : w.xruns)
            std::printf("  jackd: %s\n", qPrintable(line));
        std::fflush(stdout);
        total.seconds += w.seconds;
        total.frames += w.frames;
        total.underruns += w.underruns;
        total.worstWallMicros = std::max(total.worstWallMicros, w.worstWallMicros);
        total.cpu.callbacks += w.cpu.callbacks;
        for (std::size_t i = 0; i < w.cpu.histogram.counts.size(); ++i)
            total.cpu.histogram.counts[i] += w.cpu.histogram.counts[i];
        total.xruns += w.xruns;
        worstCpu = std::max(worstCpu, w.cpu.worstMicros);
        cpuSum += w.cpu.meanMicros * double(w.cpu.callbacks);
    }
    const CpuBusy busy = CpuBusy::between(start, CpuCounters::now());
    const bool failed = engine.streamFailed();
    engine.close();
    total.framesPerSecond = total.seconds > 0 ? total.frames / total.seconds : 0.0;
    total.cpu.worstMicros = worstCpu;
    total.cpu.meanMicros = total.cpu.callbacks > 0 ? cpuSum / double(total.cpu.callbacks) : 0.0;

    std::printf("total: %s\n", qPrintable(total.describe(kRate, kPeriodMicros)));
    std::printf("machine over the run: %s; load average %s before, %s after\n", busy.describe().c_str(),
                loadBefore.c_str(), loadAverage().c_str());
    std::printf("goal 0 underruns: %s\n", total.underruns == 0 ? "met" : "missed");
    if (failed) {
        std::fprintf(stderr, "bench_jack_soak: the stream stopped (jackd gone?)\n");
        return 1;
    }
    return 0;
}
