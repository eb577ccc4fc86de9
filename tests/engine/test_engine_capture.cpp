// The engine through a real PortAudio stream on ALSA's `file` plugin (tests/alsa/capture.conf):
// what the callback delivered is compared, sample by sample, with the offline render.

#include "allocation_counter.h"
#include "capture_device.h"
#include "scene_fixtures.h"
#include "support/test_signals.h"

#include "audio/audio_error.h"
#include "audio/engine/engine.h"
#include "audio/engine/offline_render.h"
#include "audio/engine/portaudio_session.h"
#include "audio/engine/realtime_probe.h"

#include <QTest>

#include <chrono>
#include <random>
#include <thread>

using namespace earlab;
using namespace earlab::test;

namespace {

// Plays `scene` with the selects of `commands` and the treatment `changes` scheduled, until
// the material ends; returns the capture.
AudioBuffer playAndCapture(const Scene& scene, const std::vector<PlayerCommand>& commands, const std::string& tag,
                           const std::function<void(Engine&)>& whilePlaying = {},
                           const std::vector<TreatmentAt>& changes = {})
{
    CaptureFile capture(scratchDirectory(tag) + "/capture.raw");
    Engine engine;
    engine.open("default", 256);
    engine.load(scene);
    for (const auto& c : commands) // scheduled before play(): they wait for the run
        engine.select(c.variant, c.atFrame);
    for (const auto& c : changes)
        if (!engine.setTreatment(c.variant, c.treatment, c.atFrame))
            qFatal("a scheduled treatment change was not queued");
    engine.play();
    if (whilePlaying)
        whilePlaying(engine);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!engine.isAtEnd() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    engine.close();
    return capture.read();
}

// The capture holds PortAudio's priming silence and whatever the stream played before
// play(); both renders start with the same fade from exactly 0, so the first sound aligns them.
double alignedDifference(const AudioBuffer& captured, const AudioBuffer& rendered, std::size_t* compared = nullptr)
{
    const std::size_t c0 = firstSound(captured);
    const std::size_t r0 = firstSound(rendered);
    if (c0 >= captured.frames() || r0 >= rendered.frames())
        return 1e9;
    const std::size_t n = std::min(captured.frames() - c0, rendered.frames() - r0);
    if (compared)
        *compared = n;
    double worst = 0.0;
    for (int ch = 0; ch < 2; ++ch)
        worst = std::max(worst, maxAbsDifference(std::span(captured.channels[ch]).subspan(c0, n),
                                                 std::span(rendered.channels[ch]).subspan(r0, n)));
    return worst;
}

} // namespace

class TestEngineCapture : public QObject {
    Q_OBJECT

private slots:
    void listsTheCaptureDevice()
    {
        PortAudioSession session;
        const auto devices = listOutputDevices();
        QVERIFY(!devices.empty());
        const OutputDevice d = findOutputDevice("default");
        QCOMPARE(d.name, std::string("default"));
        QCOMPARE(d.hostApi, std::string("ALSA"));
        QVERIFY(d.maxOutputChannels >= 2);
        try {
            findOutputDevice("no such speaker");
            QFAIL("an unknown device name was accepted");
        } catch (const AudioError& e) {
            QCOMPARE(e.kind(), AudioErrorKind::NoDevice);
            QVERIFY(std::string(e.what()).find("no such speaker") != std::string::npos);
            QVERIFY(std::string(e.what()).find("default") != std::string::npos); // lists what exists
        }
    }

    void capturedEqualsOfflineRender()
    {
        Scene scene = twoVariantScene(pinkSource(1.5), busyTreatment());
        const auto commands = alternatingSelects(4000, 9000, 7);
        const AudioBuffer captured = playAndCapture(scene, commands, "capture-render");
        const AudioBuffer rendered = renderScene(scene, PlayerConfig{}, commands, scene.lengthFrames() + 4800);
        std::size_t n = 0;
        const double diff = alignedDifference(captured, rendered, &n);
        qInfo("captured vs offline: max |difference| %.3g over %zu frames", diff, n);
        QVERIFY(n >= std::size_t(scene.lengthFrames()));
        QVERIFY(diff <= 1e-6);
    }

    void switchingIdenticalVariantsAtRandomMomentsChangesNothing()
    {
        auto source = pinkSource(8.0);
        Scene scene;
        scene.variants = {{source, busyTreatment(), "a"}, {source, busyTreatment(), "b"}};
        int switches = 0;
        const AudioBuffer captured = playAndCapture(scene, {}, "capture-identical", [&](Engine& engine) {
            // Immediate selects from this thread, landing wherever the callback happens to be.
            std::mt19937 rng(42);
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
            while (!engine.isAtEnd() && std::chrono::steady_clock::now() < deadline) {
                engine.select(++switches % 2);
                std::this_thread::sleep_for(std::chrono::microseconds(200 + rng() % 800));
            }
        });
        const AudioBuffer still = renderScene(scene, PlayerConfig{}, {}, scene.lengthFrames() + 4800);
        const double diff = alignedDifference(captured, still);
        qInfo("%d switches between identical variants: max |difference| %.3g", switches, diff);
        QVERIFY(switches >= 4);
        // The mix itself is exact for identical variants (VariantMixer adds each other
        // variant's difference from the selected one: 0 here), so a switch changes no bit;
        // what remains against the offline render is its other block splits, 0 to 1e-13 on
        // the runs of 2026-12-02. Once in about six sanitizer runs, before the mix was exact,
        // a switch left 7.87e-05 (-82 dBFS) on this scene, never reproduced or explained (issue
        // 7's note); the bound stays above that until it is. A missing crossfade or gains not
        // summing to 1 leave differences of the signal's order (~0.1), far above it.
        // test_comparison_player asserts exact equality against a captured unbroken run.
        QVERIFY2(diff <= 1e-4, qPrintable(QString::number(diff)));
    }

    void switchingDifferentVariantsLeavesNoStep()
    {
        // The hardest pair: a low sine against its own polarity inversion.
        auto sine = std::make_shared<AudioBuffer>(earlab::test::sine(100.0, -6.0, 48000.0, 48000));
        Treatment inverted;
        inverted.gainDb = 0.0;
        auto flipped = std::make_shared<AudioBuffer>(*sine);
        for (auto& ch : flipped->channels)
            for (float& s : ch)
                s = -s;
        Scene scene;
        scene.variants = {{sine, {}, "sine"}, {flipped, {}, "inverted"}};
        const AudioBuffer captured = playAndCapture(scene, alternatingSelects(3000, 4100, 9), "capture-steps");
        const double own = std::max(maxStep(renderScene(scene, PlayerConfig{}, {}, 48000)),
                                    maxStep(renderScene(scene, PlayerConfig{}, {PlayerCommand::select(1, 0)}, 48000)));
        const double seen = maxStep(captured);
        qInfo("largest step: %.4f with switches, %.4f in the signals themselves", seen, own);
        QVERIFY(seen <= own * 1.001);

        // And noise through different treatments.
        Scene noise = twoVariantScene(pinkSource(1.0), busyTreatment());
        const AudioBuffer capturedNoise = playAndCapture(noise, alternatingSelects(2000, 3100, 12), "capture-noise");
        const double ownNoise = std::max(maxStep(renderScene(noise, PlayerConfig{}, {}, 48000)),
                                         maxStep(renderScene(noise, PlayerConfig{}, {PlayerCommand::select(1, 0)}, 48000)));
        QVERIFY(maxStep(capturedNoise) <= ownNoise * 1.001);
    }

    void multitrackThroughTheStreamEqualsOfflineRender()
    {
        // Three variants of one four-stem song, switched among, with stem and width changes
        // scheduled while it plays: all of it mixed in the callback.
        const auto stems = fourStems(1.5);
        Treatment louderBass = busyTreatment();
        louderBass.stems = {{-6.0, -0.4}, {4.0, 0.2}, {0.0, 0.6}, {-10.0, 0.0}};
        Treatment wide;
        wide.widthPercent = 160.0;
        wide.stems = {{0.0, 0.0}, {-60.0, 0.0}};
        Scene scene;
        scene.variants = {multitrackVariant(stems, {}, "flat"), multitrackVariant(stems, louderBass, "bass up"),
                          multitrackVariant(stems, wide, "wide")};
        std::vector<PlayerCommand> selects;
        for (int k = 0; k < 7; ++k)
            selects.push_back(PlayerCommand::select((k + 1) % 3, 4000 + k * 9000));
        Treatment quieterLead = louderBass;
        quieterLead.stems[2] = {-12.0, -0.8};
        Treatment narrow = wide;
        narrow.widthPercent = 40.0;
        Treatment drumsUp;
        drumsUp.stems = {{5.0, 0.3}};
        const std::vector<TreatmentAt> changes = {{13000, 1, quieterLead}, {22000, 2, narrow}, {30500, 0, drumsUp}};
        std::vector<VariantParams> storage;
        std::vector<PlayerCommand> commands = treatmentCommands(changes, storage);
        commands.insert(commands.end(), selects.begin(), selects.end());

        const AudioBuffer captured = playAndCapture(scene, selects, "capture-multitrack", {}, changes);
        const AudioBuffer rendered = renderScene(scene, PlayerConfig{}, commands, scene.lengthFrames() + 4800);
        std::size_t n = 0;
        const double diff = alignedDifference(captured, rendered, &n);
        qInfo("multitrack, captured vs offline: max |difference| %.3g over %zu frames", diff, n);
        QVERIFY(n >= std::size_t(scene.lengthFrames()));
        QVERIFY(rmsDb(rendered.channels[0]) > -40.0);
        // The render without the changes differs: the comparison would see a change missed.
        QVERIFY(alignedDifference(captured, renderScene(scene, PlayerConfig{}, selects, scene.lengthFrames() + 4800)) > 1e-3);
        QVERIFY(diff <= 1e-6);
    }

    void stemGainChangeThroughTheStreamIsClickFree()
    {
        // The 1 kHz stem turned down 20 dB at one of its crests, beside the 110 Hz stem.
        const auto stems = fourStems(1.0);
        auto two = std::make_shared<Multitrack>(Multitrack{{stems->stems[1], stems->stems[2]}, {"bass", "lead"}});
        Scene scene;
        scene.variants = {multitrackVariant(two, {}, "stems")};
        Treatment down;
        down.stems = {{0.0, 0.0}, {-20.0, 0.0}};
        constexpr std::int64_t kAt = 9612;
        const AudioBuffer captured = playAndCapture(scene, {}, "capture-stem-change", {}, {{kAt, 0, down}});
        const AudioBuffer still = renderScene(scene, PlayerConfig{}, {}, 48000);
        std::vector<VariantParams> storage;
        PlayerConfig hard;
        hard.parameterRampMs = 0.0;
        const AudioBuffer switched = renderScene(scene, hard, treatmentCommands({{kAt, 0, down}}, storage), 48000);

        // The capture starts with priming silence: find the change by the first sound.
        const std::size_t c0 = firstSound(captured), r0 = firstSound(still);
        QVERIFY(c0 < captured.frames() && r0 < still.frames());
        const auto secondDifference = [](const AudioBuffer& b, std::size_t from, std::size_t to) {
            double worst = 0.0;
            for (const auto& ch : b.channels)
                for (std::size_t i = from; i < std::min(to, ch.size()); ++i)
                    worst = std::max(worst, std::abs(double(ch[i]) - 2.0 * double(ch[i - 1]) + double(ch[i - 2])));
            return worst;
        };
        const std::size_t from = kAt - 480, to = kAt + 2400;
        const double own = secondDifference(still, r0 + from, r0 + to);
        const double bound = 1.5 * own;
        const double seen = secondDifference(captured, c0 + from, c0 + to);
        const double hardSwitch = secondDifference(switched, r0 + from, r0 + to);
        qInfo("largest second difference around the stem change: captured %.5f, hard switch %.5f, the music's own %.5f",
              seen, hardSwitch, own);
        QVERIFY2(seen < bound, qPrintable(QString::number(seen)));
        QVERIFY2(hardSwitch > bound, qPrintable(QString::number(hardSwitch)));
        // And it did change: once the glide is over, the device got the hard switch's samples.
        QVERIFY(maxAbsDifference(std::span(captured.channels[0]).subspan(c0 + 12000, 20000),
                                 std::span(switched.channels[0]).subspan(r0 + 12000, 20000)) <= 1e-6);
        QVERIFY(maxAbsDifference(std::span(captured.channels[0]).subspan(c0 + 12000, 20000),
                                 std::span(still.channels[0]).subspan(r0 + 12000, 20000)) > 0.01);
    }

    void widthThroughTheStreamEqualsOfflineRender()
    {
        Treatment wide;
        wide.widthPercent = 180.0;
        Treatment mono;
        mono.widthPercent = 0.0;
        Scene scene = twoVariantScene(pinkSource(1.0), wide);
        scene.initialVariant = 1;
        const std::vector<TreatmentAt> changes = {{20000, 1, mono}};
        std::vector<VariantParams> storage;
        const AudioBuffer captured = playAndCapture(scene, {}, "capture-width", {}, changes);
        const AudioBuffer rendered =
            renderScene(scene, PlayerConfig{}, treatmentCommands(changes, storage), scene.lengthFrames() + 4800);
        const double diff = alignedDifference(captured, rendered);
        qInfo("width, captured vs offline: max |difference| %.3g", diff);
        QVERIFY(diff <= 1e-6);
        // 0 % from the change on (after the 20 ms glide): the device got L == R.
        const std::size_t c0 = firstSound(captured);
        QCOMPARE(maxAbsDifference(std::span(captured.channels[0]).subspan(c0 + 22000, 20000),
                                  std::span(captured.channels[1]).subspan(c0 + 22000, 20000)),
                 0.0);
        QVERIFY(maxAbsDifference(std::span(captured.channels[0]).subspan(c0 + 2000, 10000),
                                 std::span(captured.channels[1]).subspan(c0 + 2000, 10000)) > 0.01);
    }

    void callbackAllocatesNothing()
    {
        // First prove the counter counts.
        installAllocationCounter();
        {
            // Through a volatile pointer, so the compiler cannot elide the allocation.
            static void* (*volatile allocate)(std::size_t) = &::operator new;
            RealtimeProbeScope inside;
            ::operator delete(allocate(16));
        }
        QCOMPARE(callbackAllocations(), std::uint64_t(1));

        installAllocationCounter();
        Scene scene = twoVariantScene(pinkSource(2.0), busyTreatment());
        scene.looping = true;
        playAndCapture(scene, alternatingSelects(1000, 3000, 30), "capture-alloc", [](Engine& engine) {
            for (int i = 0; i < 50; ++i) {
                engine.select(i % 2);
                engine.setTreatment(1, busyTreatment());
                engine.seek(i * 1000);
                engine.setLoop(i % 2 == 0, 1000, 40000);
                std::this_thread::sleep_for(std::chrono::microseconds(300));
            }
            engine.setLoop(false);
        });
        // And a multitrack scene, its stems and width changed while it plays.
        const auto stems = fourStems(2.0);
        Scene multi;
        multi.variants = {multitrackVariant(stems, {}, "flat"), multitrackVariant(stems, busyTreatment(), "busy"),
                          multitrackVariant(stems, {}, "stems")};
        multi.looping = true;
        // 200 changes: three times the engine's params slots, so they must come back from the
        // callback to be used again (a change waits for a free slot, on that condition alone).
        int sent = 0;
        playAndCapture(multi, alternatingSelects(1000, 3000, 30), "capture-alloc-multitrack", [&](Engine& engine) {
            for (int i = 0; i < 200; ++i) {
                Treatment t = busyTreatment();
                t.stems = {{-6.0 + i % 12, -0.5 + 0.005 * i}, {3.0, 0.0}, {-20.0, 0.7}};
                t.widthPercent = double(i);
                engine.select(i % 3);
                const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
                while (!engine.setTreatment(i % 3, t) && std::chrono::steady_clock::now() < deadline)
                    std::this_thread::yield();
                sent += std::chrono::steady_clock::now() < deadline ? 1 : 0;
                if (i % 4 == 0)
                    engine.seek(i * 250);
                // The next change only once the callback has rendered past this one, so the
                // changes spread over many callbacks (a condition, not a clock).
                const std::uint64_t rendered = engine.framesRendered();
                while (engine.framesRendered() == rendered && std::chrono::steady_clock::now() < deadline)
                    std::this_thread::yield();
            }
            engine.setLoop(false);
        });
        QCOMPARE(sent, 200);
        removeAllocationCounter();
        qInfo("%llu callbacks, %llu allocations inside them", static_cast<unsigned long long>(callbacksObserved()),
              static_cast<unsigned long long>(callbackAllocations()));
        QVERIFY(callbacksObserved() > 100);
        QCOMPARE(callbackAllocations(), std::uint64_t(0));
    }

    void measuresItsLongestCallback()
    {
        Engine engine;
        engine.open("default", 256);
        engine.load(twoVariantScene(pinkSource(2.0), busyTreatment()));
        engine.play();
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (engine.transportFrame() < 20000 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        engine.close(); // no callback runs from here on: both figures cover the same ones
        const double worst = engine.takeWorstCallbackMicros();
        const Engine::CallbackCpuTime cpu = engine.takeCallbackCpuTime();
        qInfo("longest callback: %.1f us; CPU time per callback: worst %.1f us, mean %.1f us over %llu callbacks", worst,
              cpu.worstMicros, cpu.meanMicros, static_cast<unsigned long long>(cpu.callbacks));
        QVERIFY(worst > 0.0);
        QVERIFY(worst < 1e6); // a time of one callback, not a sum or garbage
        QVERIFY(cpu.callbacks >= 20000 / 256);
        QVERIFY(cpu.worstMicros > 0.0);
        QVERIFY(cpu.meanMicros > 0.0 && cpu.meanMicros <= cpu.worstMicros);
        // One thread cannot use more CPU than the time that passed: the CPU interval lies
        // inside the wall-clock one (the margin covers the two clocks' rounding and rates).
        QVERIFY2(cpu.worstMicros <= 1.01 * worst + 2.0, qPrintable(QString("%1 > %2").arg(cpu.worstMicros).arg(worst)));
        // The worst callback is in the histogram's highest bucket.
        int highest = CallbackCpuHistogram::kBuckets - 1;
        while (highest > 0 && cpu.histogram.counts[std::size_t(highest)] == 0)
            --highest;
        QCOMPARE(highest, CallbackCpuHistogram::bucketOf(std::llround(1000.0 * cpu.worstMicros)));
        QVERIFY(cpu.histogram.quantileBoundMicros(1.0) > cpu.worstMicros);
        // Taken resets them; no callback since.
        QCOMPARE(engine.takeWorstCallbackMicros(), 0.0);
        const Engine::CallbackCpuTime none = engine.takeCallbackCpuTime();
        QCOMPARE(none.callbacks, std::uint64_t(0));
        QCOMPARE(none.worstMicros, 0.0);
        QCOMPARE(none.meanMicros, 0.0);
        QCOMPARE(none.histogram.total(), std::uint64_t(0));
    }

    void reopensTheSameDeviceAndKeepsTheScene()
    {
        CaptureFile capture(scratchDirectory("capture-reopen") + "/capture.raw");
        Engine engine;
        engine.open("default", 512);
        engine.load(twoVariantScene(pinkSource(0.5), busyTreatment()));
        engine.reopen();
        QVERIFY(engine.isOpen());
        QCOMPARE(engine.device().name, std::string("default"));
        QCOMPARE(engine.framesPerBuffer(), 512);
        QVERIFY(engine.play()); // the scene survived the reopen
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (!engine.isAtEnd() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        QVERIFY(engine.isAtEnd());
        engine.close();
        QVERIFY(rmsDb(capture.read().channels[0]) > -40.0);
    }

    void worksWithoutAStream()
    {
        // No device opened: the engine accepts the scene and commands, so the app keeps working.
        Engine engine;
        engine.load(twoVariantScene(pinkSource(0.5), busyTreatment()));
        QVERIFY(engine.play());
        QVERIFY(engine.select(1));
        QCOMPARE(engine.selectedVariant(), 1);
        QVERIFY(!engine.isOpen());
    }

    void refusesBadSettings()
    {
        Engine engine;
        QVERIFY_THROWS_EXCEPTION(AudioError, engine.open("default", 3));
        QVERIFY_THROWS_EXCEPTION(AudioError, engine.open("no such speaker", 256));
        QVERIFY_THROWS_EXCEPTION(AudioError, engine.setCrossfadeMs(80.0));
        QVERIFY_THROWS_EXCEPTION(AudioError, engine.setOutputLevelDb(6.0));
        QVERIFY(!engine.select(0)); // no scene yet: nothing to select
    }
};

QTEST_APPLESS_MAIN(TestEngineCapture)
#include "test_engine_capture.moc"
