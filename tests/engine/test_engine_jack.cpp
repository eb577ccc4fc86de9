// The engine against a JACK dummy server: a clocked device, so the callback runs on a real
// deadline. Asserted is only what the engine controls: the CPU time its callback uses, no
// heap allocation in it, and that it keeps up with the clock. Underruns and jackd's xrun
// reports are logged as figures: on a shared machine the scheduler decides them (a
// preempted thread misses its period however little work it has). The zero-underrun goal is
// the soak benchmark's (tests/bench/bench_jack_soak.cpp).

#include "allocation_counter.h"
#include "scene_fixtures.h"
#include "support/jack_server.h"
#include "support/playback_window.h"

#include "audio/engine/engine.h"

#include <QCoreApplication>
#include <QTest>

#include <chrono>
#include <cmath>

#include <unistd.h>

using namespace earlab;
using namespace earlab::test;

namespace {
constexpr double kRate = 48000.0;
constexpr int kPeriodFrames = 256;
constexpr double kPeriodMicros = 1e6 * kPeriodFrames / kRate; // 5333 us
} // namespace

class TestEngineJack : public QObject {
    Q_OBJECT

private:
    // One name per server started, so a server that is still going away never meets the next.
    QString serverName()
    {
        return QString("earlab-test-%1-%2").arg(QCoreApplication::applicationPid()).arg(++servers_);
    }
    int servers_ = 0;

    // Plays `scene` (looping) for `seconds` on the JACK dummy server and checks what the
    // engine controls: CPU time of the callback, no allocation in it, pacing.
    void checkRealTime(Scene scene, double seconds)
    {
        // Earlier tests leave hundreds of MB of dirty pages; write them back now, not while the
        // 5.3 ms deadlines run (it only changes the underrun figure, not what is asserted).
        ::sync();
        JackServer jack(serverName());
        QVERIFY2(jack.start(), qPrintable("jackd did not start: " + jack.output()));
        qInfo("jackd runs %s", jack.isRealtime() ? "with real-time scheduling (-R)"
                                                 : "WITHOUT real-time scheduling (-r: no privilege for SCHED_FIFO)");

        scene.looping = true;
        Engine engine;
        engine.open("system", kPeriodFrames);
        QCOMPARE(engine.device().hostApi, std::string("JACK Audio Connection Kit"));
        engine.load(scene);
        engine.play();

        // Measure from the first rendered frame, so start-up latency does not count.
        QVERIFY2(waitUntilRendered(engine, 1), "the JACK stream never called back");

        installAllocationCounter();
        // A callback that began before the counter was installed runs unobserved, and may
        // finish inside the window and be counted there. Callbacks run one after another, so
        // once one has been observed every later one will be: wait for that, then start.
        QVERIFY2(QTest::qWaitFor([] { return callbacksObserved() >= 1; }, 10000),
                 "no callback ran with the allocation counter installed");
        const PlaybackWindow w = playWindow(engine, jack, seconds);
        removeAllocationCounter();
        engine.close();
        qInfo("%s", qPrintable(w.describe(kRate, kPeriodMicros)));
        for (const QString& line : w.xruns)
            qInfo("jackd: %s", qPrintable(line));

        // Ten seconds of 256-frame periods: about 1875 callbacks, all of them counted.
        QVERIFY2(double(w.cpu.callbacks) >= 0.96 * seconds * kRate / kPeriodFrames,
                 qPrintable(QString::number(w.cpu.callbacks)));
        QVERIFY(callbacksObserved() >= w.cpu.callbacks);
        // No heap allocation on the real-time thread, however the scheduler treated it.
        QCOMPARE(callbackAllocations(), std::uint64_t(0));

        // The callback's own CPU time (its thread's CPU clock: time it was preempted or
        // waiting does not count). The busy chain costs about 1 % of the period on average
        // (tests/bench/bench_block). What one callback used at worst is a figure, not a bound:
        // the thread's CPU clock also counts what the kernel did on its behalf (a page fault
        // served, reclaim, an interrupt on kernels that do not account them apart), and one
        // such callback reached 8593 us in CI under the sanitizers while the mean stayed at
        // 260 us. Asserted instead: 98 % of the callbacks under 2048 us (0.38 of the period),
        // which any engine work recurring more often than every 50 callbacks (0.27 s) would
        // break; and the mean under a tenth of the period, which work grown tenfold would.
        // The worst case on a quiet machine is the soak benchmark's (bench_jack_soak).
        const double p98 = w.cpu.histogram.quantileBoundMicros(0.98);
        QVERIFY(w.cpu.worstMicros > 0.0);
        QVERIFY2(p98 <= 2048.0, qPrintable(QString("98 % of callbacks under %1 us").arg(p98)));
        QVERIFY2(w.cpu.meanMicros > 0.0 && w.cpu.meanMicros < 0.1 * kPeriodMicros,
                 qPrintable(QString("mean callback CPU time %1 us").arg(w.cpu.meanMicros)));
        QVERIFY(w.cpu.meanMicros <= w.cpu.worstMicros);

        // Pacing, the engine's part: every callback moves the transport by exactly the frames
        // it rendered (no period skipped or counted twice). Read a moment apart, the two
        // counters may differ by the callback in between.
        QVERIFY2(std::abs(w.frames - double(w.framesRendered)) <= 2.0 * kPeriodFrames,
                 qPrintable(QString("transport %1, rendered %2").arg(w.frames).arg(w.framesRendered)));
        // Pacing against the wall clock, within 2 % (200 ms over the window), where jackd and
        // the callback thread run with real-time scheduling: then no ordinary process can
        // hold them off, and an engine that stalled or skipped periods is what moves it.
        // Without it the scheduler decides (measured on a 2-core VM at load average 11-12:
        // -73 % to -1 %, with 43 to 423 underruns per window), so it is a figure like them.
        if (jack.isRealtime())
            QVERIFY2(std::abs(w.pacingErrorPercent(kRate)) <= 2.0, qPrintable(QString("%1 frames/s").arg(w.framesPerSecond)));
        else
            qInfo("pacing %+.3f %% not asserted: no real-time scheduling here", w.pacingErrorPercent(kRate));
    }

private slots:
    void rendersInRealTimeWithinItsShareOfTheCpu() { checkRealTime(twoVariantScene(pinkSource(4.0), busyTreatment()), 10.0); }

    void multitrackRendersInRealTimeWithinItsShareOfTheCpu()
    {
        // Three variants of a four-stem song, every stem mixed in the callback for each, the
        // busy chain and a width change on two of them: the bounds above still hold.
        const auto stems = fourStems(4.0);
        Treatment wideAndBusy = busyTreatment();
        wideAndBusy.widthPercent = 150.0;
        wideAndBusy.stems = {{-6.0, -0.3}, {4.0, 0.2}};
        Treatment narrow = busyTreatment();
        narrow.widthPercent = 60.0;
        Scene scene;
        scene.variants = {multitrackVariant(stems, {}, "flat"), multitrackVariant(stems, wideAndBusy, "wide"),
                          multitrackVariant(stems, narrow, "narrow")};
        checkRealTime(scene, 5.0);
    }

    void reportsADeadStreamWithoutHanging()
    {
        // Runs last (declared last): after a dead JACK stream PortAudio is left
        // initialised on purpose (see PortAudioSession::abandonDeadStream).
        JackServer jack(serverName());
        QVERIFY(jack.start());
        Engine engine;
        engine.open("system", kPeriodFrames);
        Scene scene = twoVariantScene(pinkSource(1.0), busyTreatment());
        scene.looping = true;
        engine.load(scene);
        engine.play();
        // Wait until the stream is really calling back (a tenth of a second of audio).
        QVERIFY(waitUntilRendered(engine, 4800));
        QVERIFY(!engine.streamFailed());

        jack.stop(); // the device goes away under the running stream
        QVERIFY(QTest::qWaitFor([&] { return engine.streamFailed(); }, 30000)); // a wait, not a bound

        // Nothing may hang now: commands are refused or absorbed, closing returns. A hang
        // here is PortAudio's ten-minute wait (PortAudioSession::abandonDeadStream), so the
        // bound only needs to tell that apart from a loaded machine's slowness.
        engine.select(1);
        const auto t0 = std::chrono::steady_clock::now();
        engine.close();
        QVERIFY(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(30));
        QVERIFY(!engine.isOpen());
    }
};

QTEST_GUILESS_MAIN(TestEngineJack)
#include "test_engine_jack.moc"
