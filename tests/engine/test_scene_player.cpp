// The playback chain without a device: what the callback computes, checked offline.

#include "scene_fixtures.h"
#include "support/test_signals.h"

#include "audio/audio_error.h"
#include "audio/engine/offline_render.h"
#include "audio/engine/scene_player.h"
#include "audio/engine/treatment_render.h"

#include <QTest>

#include <cmath>

using namespace earlab;
using namespace earlab::test;

class TestScenePlayer : public QObject {
    Q_OBJECT

private slots:
    void outputDoesNotDependOnBlockSize()
    {
        Scene scene = twoVariantScene(pinkSource(1.0), busyTreatment());
        scene.looping = true;
        scene.loop = {4000, 30000};
        const auto commands = alternatingSelects(3000, 7001, 6);
        const PlayerConfig config;
        const AudioBuffer reference = renderScene(scene, config, commands, 60000, 256);
        for (int block : {1, 63, 500, 4096}) {
            const AudioBuffer other = renderScene(scene, config, commands, 60000, block);
            QCOMPARE(maxAbsDifference(reference.channels[0], other.channels[0]), 0.0);
            QCOMPARE(maxAbsDifference(reference.channels[1], other.channels[1]), 0.0);
        }
    }

    void switchingIdenticalVariantsChangesNothing()
    {
        auto source = pinkSource(1.0);
        const Treatment t = busyTreatment();
        Scene scene;
        scene.variants = {{source, t, "a"}, {source, t, "b"}};
        const PlayerConfig config;
        const AudioBuffer still = renderScene(scene, config, {}, 48000);
        const AudioBuffer switched = renderScene(scene, config, alternatingSelects(1000, 977, 40), 48000);
        const double diff = std::max(maxAbsDifference(still.channels[0], switched.channels[0]),
                                     maxAbsDifference(still.channels[1], switched.channels[1]));
        qInfo("max difference switching identical variants: %.3g", diff);
        QVERIFY(diff <= 1e-6);
    }

    void crossfadeHasNoLevelBump()
    {
        // Correlated variants (the same sine) crossfaded: the level through the fade stays
        // flat. An equal-power fade would rise by 3 dB half way.
        auto sine = std::make_shared<AudioBuffer>(earlab::test::sine(1000.0, -12.0, 48000.0, 48000));
        Scene scene;
        scene.variants = {{sine, Treatment{}, "a"}, {sine, Treatment{}, "b"}};
        PlayerConfig config;
        config.crossfadeMs = 50.0;
        const AudioBuffer out = renderScene(scene, config, {PlayerCommand::select(1, 20000)}, 48000);
        const int latency = ScenePlayer(scene, config).latencyFrames();
        const auto fadeStart = std::size_t(20000 + latency);
        const double inside = rmsDb(std::span(out.channels[0]).subspan(fadeStart, 2400));
        const double before = rmsDb(std::span(out.channels[0]).subspan(fadeStart - 4800, 2400));
        QVERIFY2(std::abs(inside - before) < 0.01, qPrintable(QString("%1 vs %2 dB").arg(inside).arg(before)));
    }

    void scheduledSelectLandsOnItsFrame()
    {
        const Scene scene = silenceThenDcScene(48000);
        PlayerConfig config;
        config.crossfadeMs = 0.0;
        const AudioBuffer out = renderScene(scene, config, {PlayerCommand::select(1, 12345)}, 20000, 256);
        const int latency = ScenePlayer(scene, config).latencyFrames();
        QCOMPARE(firstSound(out), std::size_t(12345 + latency));
    }

    void scheduleMadeWhileStoppedWaitsForTheNextRun()
    {
        // A player that has already played: its transport count is far past the frame the new
        // schedule names, which counts from the next Play.
        const Scene scene = silenceThenDcScene(96000);
        PlayerConfig config;
        config.crossfadeMs = 0.0;
        ScenePlayer player(scene, config);
        std::vector<float> block(2 * 20000);
        player.apply(PlayerCommand::play());
        player.render(block.data(), 20000);
        player.apply(PlayerCommand::stop());
        player.render(block.data(), 2000);
        QVERIFY(player.isSilent());

        player.apply(PlayerCommand::select(1, 5000));
        player.render(block.data(), 2000); // stopped: nothing may fire
        QCOMPARE(player.selectedVariant(), 0);

        player.apply(PlayerCommand::seek(0));
        player.apply(PlayerCommand::play());
        player.render(block.data(), 20000);
        QCOMPARE(player.selectedVariant(), 1);
        // The switch landed on transport frame 5000 of the new run (plus the limiter's delay).
        const int latency = player.latencyFrames();
        std::size_t first = 0;
        while (first < 20000 && block[2 * first] == 0.0f)
            ++first;
        QCOMPARE(first, std::size_t(5000 + latency));
    }

    void loopWrapDoesNotClick()
    {
        // A loop cut at arbitrary points of a low sine: without the wrap fades the jump would be
        // a step of up to the full amplitude.
        auto sine = std::make_shared<AudioBuffer>(earlab::test::sine(110.0, -6.0, 48000.0, 48000));
        Scene scene;
        scene.variants = {{sine, {}, "sine"}};
        scene.looping = true;
        scene.loop = {1000, 1000 + 10111};
        const PlayerConfig config;
        const AudioBuffer out = renderScene(scene, config, {}, 48000);
        const AudioBuffer own = renderTreatment(*sine, {});
        QVERIFY(maxStep(out) <= maxStep(own) * 1.01);
        // And it did wrap: the output holds more frames than the loop without going silent.
        const double tail = rmsDb(std::span(out.channels[0]).subspan(40000, 4000));
        QVERIFY(tail > -20.0);
    }

    void seekJumpsWithoutClick()
    {
        auto sine = std::make_shared<AudioBuffer>(earlab::test::sine(220.0, -6.0, 48000.0, 96000));
        Scene scene;
        scene.variants = {{sine, {}, "sine"}};
        ScenePlayer player(scene, PlayerConfig{});
        player.apply(PlayerCommand::play());
        std::vector<float> block(2 * 4800);
        player.render(block.data(), 4800);
        player.apply(PlayerCommand::seek(50000));
        AudioBuffer out = AudioBuffer::silence(2, 4800, 48000.0);
        player.render(block.data(), 4800);
        for (int i = 0; i < 4800; ++i)
            out.channels[0][std::size_t(i)] = block[std::size_t(2 * i)];
        QVERIFY(player.playhead() > 50000);
        QVERIFY(player.playhead() < 50000 + 4800);
        QVERIFY(maxStep(out) <= maxStep(renderTreatment(*sine, {})) * 1.01);
    }

    void stopFadesOutToExactSilence()
    {
        Scene scene = twoVariantScene(pinkSource(1.0), busyTreatment());
        ScenePlayer player(scene, PlayerConfig{});
        player.apply(PlayerCommand::play());
        std::vector<float> block(2 * 2400);
        player.render(block.data(), 2400);
        player.apply(PlayerCommand::stop());
        QCOMPARE(player.state(), ScenePlayer::State::Stopping);
        player.render(block.data(), 2400); // 50 ms: more than the 10 ms fade plus the limiter's delay
        QVERIFY(player.isSilent());
        const float last = std::max(std::abs(block[block.size() - 1]), std::abs(block[block.size() - 2]));
        QCOMPARE(last, 0.0f);
        // The fade is gradual: no sample-to-sample step beyond what the music itself has.
        AudioBuffer faded = AudioBuffer::silence(1, 2400, 48000.0);
        for (int i = 0; i < 2400; ++i)
            faded.channels[0][std::size_t(i)] = block[std::size_t(2 * i)];
        const AudioBuffer own = renderScene(scene, PlayerConfig{}, {}, 4800);
        QVERIFY(maxStep(faded) <= maxStep(own) * 1.01);
    }

    void masterNeverExceedsCeiling()
    {
        // Pink noise 20 dB too hot, boosted further by the EQ.
        auto hot = pinkSource(2.0, 3, 0.0);
        for (auto& ch : hot->channels)
            for (float& s : ch)
                s *= 10.0f;
        Treatment t;
        t.eq = {{FilterType::Peak, 100.0, 12.0, 1.0}};
        const AudioBuffer out = renderScene(twoVariantScene(hot, t), PlayerConfig{}, alternatingSelects(100, 9000, 10), 96000);
        const double ceiling = -1.0;
        QVERIFY(peakDb(out.channels[0]) <= ceiling + 1e-6);
        QVERIFY(peakDb(out.channels[1]) <= ceiling + 1e-6);
        QVERIFY(peakDb(out.channels[0]) > ceiling - 0.5); // it did have to limit
    }

    void treatmentChangesGlide()
    {
        auto source = pinkSource(1.0);
        Scene scene;
        scene.variants = {{source, {}, "live"}};
        ScenePlayer player(scene, PlayerConfig{});
        player.apply(PlayerCommand::play());
        std::vector<float> interleaved(2 * 48000);
        player.render(interleaved.data(), 12000);
        Treatment loud;
        loud.gainDb = 12.0;
        loud.eq = {{FilterType::Peak, 2000.0, 12.0, 2.0}};
        const VariantParams params = makeVariantParams(loud, 48000.0);
        player.apply(PlayerCommand::setParams(0, &params));
        player.render(interleaved.data() + 2 * 12000, 36000);
        AudioBuffer out = AudioBuffer::silence(1, 48000, 48000.0);
        for (int i = 0; i < 48000; ++i)
            out.channels[0][std::size_t(i)] = interleaved[std::size_t(2 * i)];
        // The glide itself must not add steps beyond those of the louder signal it ends at.
        const double glide = maxStep(out, 11000, 14000);
        const double after = maxStep(out, 20000, 48000);
        QVERIFY2(glide <= after * 1.01, qPrintable(QString("glide %1, after %2").arg(glide).arg(after)));
    }

    void badScenesAreRefusedWithTheirCause()
    {
        Scene empty;
        QVERIFY_THROWS_EXCEPTION(AudioError, ScenePlayer(empty, PlayerConfig{}));

        auto at44 = std::make_shared<AudioBuffer>(AudioBuffer::silence(2, 100, 44100.0));
        Scene wrongRate;
        wrongRate.variants = {{at44, {}, "mix B"}};
        try {
            ScenePlayer p(wrongRate, PlayerConfig{});
            QFAIL("a 44.1 kHz source was accepted by a 48 kHz player");
        } catch (const AudioError& e) {
            QCOMPARE(e.kind(), AudioErrorKind::InvalidArgument);
            QVERIFY(std::string(e.what()).find("mix B") != std::string::npos);
            QVERIFY(std::string(e.what()).find("44100") != std::string::npos);
        }

        Treatment absurd;
        absurd.eq = {{FilterType::Peak, 1000.0, 90.0, 1.0}};
        Scene badTreatment;
        badTreatment.variants = {{pinkSource(0.1), absurd, "x"}};
        QVERIFY_THROWS_EXCEPTION(AudioError, ScenePlayer(badTreatment, PlayerConfig{}));
    }
};

QTEST_APPLESS_MAIN(TestScenePlayer)
#include "test_scene_player.moc"
