// Multitrack sources in the player, offline (the same ScenePlayer the callback runs): the
// stems' mix is their sum, each stem's pan follows the constant-power law, a stem gain
// change glides without a click, and the offline renders of treatment_render.h mix the same.

#include "scene_fixtures.h"
#include "support/test_signals.h"

#include "audio/audio_error.h"
#include "audio/dsp/gain_pan.h"
#include "audio/engine/offline_render.h"
#include "audio/engine/scene_player.h"
#include "audio/engine/treatment_render.h"

#include <QTest>

#include <cmath>
#include <numbers>

using namespace earlab;
using namespace earlab::test;

namespace {

// The stems summed in float, in stem order (mono on both channels): what the mix of stems at
// 0 dB centre must be, sample for sample.
std::shared_ptr<AudioBuffer> summed(const Multitrack& m)
{
    auto out = std::make_shared<AudioBuffer>(AudioBuffer::silence(2, std::size_t(m.frames()), 48000.0));
    for (const auto& stem : m.stems)
        for (std::size_t c = 0; c < 2; ++c)
            for (std::size_t i = 0; i < out->frames(); ++i)
                out->channels[c][i] += stem->channels[std::min(c, stem->channelCount() - 1)][i];
    return out;
}

double maxDifference(const AudioBuffer& a, const AudioBuffer& b)
{
    return std::max(maxAbsDifference(a.channels[0], b.channels[0]), maxAbsDifference(a.channels[1], b.channels[1]));
}

// Largest |x[n] - 2 x[n-1] + x[n-2]| over both channels in [begin, end): a click is a kink.
double maxSecondDifference(const AudioBuffer& b, std::size_t begin, std::size_t end)
{
    double worst = 0.0;
    for (const auto& ch : b.channels)
        for (std::size_t i = std::max<std::size_t>(begin, 2); i < std::min(end, ch.size()); ++i)
            worst = std::max(worst, std::abs(double(ch[i]) - 2.0 * double(ch[i - 1]) + double(ch[i - 2])));
    return worst;
}

Scene oneVariant(Variant v)
{
    Scene s;
    s.variants.push_back(std::move(v));
    return s;
}

} // namespace

class TestMultitrack : public QObject {
    Q_OBJECT

private slots:
    void stemsAtUnityAreTheirSum()
    {
        const auto stems = fourStems(1.0);
        Treatment flat;
        flat.stems = {{0.0, 0.0}, {0.0, 0.0}}; // named at unity, or not named: the same
        for (const Treatment& t : {flat, busyTreatment()}) {
            Treatment chainOnly = t;
            chainOnly.stems.clear();
            const Scene multi = oneVariant(multitrackVariant(stems, t, "stems"));
            const Scene sum = oneVariant({summed(*stems), chainOnly, "sum"});
            QCOMPARE(multi.lengthFrames(), std::int64_t(48000));
            const AudioBuffer a = renderScene(multi, PlayerConfig{}, {}, 52000, 256);
            const AudioBuffer b = renderScene(sum, PlayerConfig{}, {}, 52000, 256);
            QVERIFY(rmsDb(a.channels[0]) > -40.0);
            QCOMPARE(maxDifference(a, b), 0.0); // the same samples, through the same chain
        }
    }

    void stemPanFollowsThePanLaw()
    {
        // The mono 110 Hz sine stem beside a silent stereo one, so only it is heard; measured
        // over 33 whole cycles (14400 frames) after the start fade.
        const auto all = fourStems(0.5);
        auto m = std::make_shared<Multitrack>();
        m->stems = {all->stems[1], std::make_shared<AudioBuffer>(AudioBuffer::silence(2, all->stems[1]->frames(), 48000.0))};
        const double inDb = rmsDb(std::span(all->stems[1]->channels[0]).subspan(4800, 14400));
        for (double gainDb : {-6.0, 0.0, 6.0})
            for (int k = 0; k <= 8; ++k) {
                const double pan = -1.0 + 0.25 * k;
                Treatment t;
                t.stems = {{gainDb, pan}};
                const AudioBuffer out = renderMastered(*m, t);
                const double theta = (pan + 1.0) * std::numbers::pi / 4.0;
                const double want[2] = {gainDb + 20.0 * std::log10(std::sqrt(2.0) * std::cos(theta)),
                                        gainDb + 20.0 * std::log10(std::sqrt(2.0) * std::sin(theta))};
                for (int c = 0; c < 2; ++c) {
                    const double got = rmsDb(std::span(out.channels[std::size_t(c)]).subspan(4800, 14400)) - inDb;
                    if ((c == 1 && k == 0) || (c == 0 && k == 8)) {
                        QVERIFY2(std::isinf(got), qPrintable(QString::number(got))); // hard pan: exactly silent
                        continue;
                    }
                    QVERIFY2(std::abs(got - want[c]) <= 0.05,
                             qPrintable(QString("gain %1 pan %2 channel %3: %4 dB, the law says %5 dB")
                                            .arg(gainDb).arg(pan).arg(c).arg(got).arg(want[c])));
                }
            }
    }

    void stemGainChangeGlidesWithoutAClick()
    {
        // A 1 kHz stem turned down 20 dB at one of its crests (frame 9612 = 200 periods + a
        // quarter), the 110 Hz stem beside it: smoothed over parameterRampMs, and switched hard.
        const auto stems = fourStems(1.0);
        auto m = std::make_shared<Multitrack>(Multitrack{{stems->stems[1], stems->stems[2]}, {"bass", "lead"}});
        const Scene scene = oneVariant(multitrackVariant(m, {}, "stems"));
        Treatment down;
        down.stems = {{0.0, 0.0}, {-20.0, 0.0}};
        constexpr std::int64_t kAt = 9612;
        std::vector<VariantParams> storage;
        const auto change = treatmentCommands({{kAt, 0, down}}, storage);
        PlayerConfig hard;
        hard.parameterRampMs = 0.0;
        const AudioBuffer still = renderScene(scene, PlayerConfig{}, {}, 48000);
        const AudioBuffer smooth = renderScene(scene, PlayerConfig{}, change, 48000);
        const AudioBuffer switched = renderScene(scene, hard, change, 48000);

        // Around the change (the limiter delays the output by its latency: the window covers it).
        const std::size_t from = kAt - 480, to = kAt + 2400;
        const double own = maxSecondDifference(still, from, to);
        const double bound = 1.5 * own;
        const double s = maxSecondDifference(smooth, from, to), h = maxSecondDifference(switched, from, to);
        qInfo("largest second difference around the change: smoothed %.5f, hard switch %.5f, the music's own %.5f "
              "(bound %.5f); largest step: smoothed %.5f, hard %.5f",
              s, h, own, bound, maxStep(smooth, from, to), maxStep(switched, from, to));
        QVERIFY2(s < bound, qPrintable(QString::number(s)));
        QVERIFY2(h > bound, qPrintable(QString::number(h))); // the measure does catch a click
        // After the 20 ms glide both are the same signal.
        const std::size_t settled = kAt + 960 + 200;
        QCOMPARE(maxAbsDifference(std::span(smooth.channels[0]).subspan(settled), std::span(switched.channels[0]).subspan(settled)),
                 0.0);
    }

    void scheduledChangesKeepTheirOwnCopy()
    {
        // The sender's params may be reused once apply() returned, even for a change that
        // applies later: the player holds a copy.
        const auto stems = fourStems(0.5);
        const Scene scene = oneVariant(multitrackVariant(stems, {}, "stems"));
        Treatment up;
        up.stems = {{6.0, -0.5}, {0.0, 0.3}};
        up.widthPercent = 150.0;
        std::vector<VariantParams> storage;
        const auto commands = treatmentCommands({{6000, 0, up}}, storage);
        const AudioBuffer expected = renderScene(scene, PlayerConfig{}, commands, 24000);

        ScenePlayer player(scene, PlayerConfig{});
        player.apply(PlayerCommand::play());
        {
            VariantParams transient = makeVariantParams(up, 48000.0);
            player.apply(PlayerCommand::setParams(0, &transient, 6000));
            transient = makeVariantParams(Treatment{}, 48000.0); // overwritten before it applies
        }
        std::vector<float> interleaved(2 * 24000);
        player.render(interleaved.data(), 24000);
        double worst = 0.0;
        for (std::size_t i = 0; i < 24000; ++i)
            worst = std::max({worst, double(std::abs(interleaved[2 * i] - expected.channels[0][i])),
                              double(std::abs(interleaved[2 * i + 1] - expected.channels[1][i]))});
        QCOMPARE(worst, 0.0);
        QVERIFY(maxDifference(expected, renderScene(scene, PlayerConfig{}, {}, 24000)) > 0.01); // it did change
    }

    void widthZeroPlaysMono()
    {
        Treatment mono;
        mono.widthPercent = 0.0;
        const AudioBuffer out = renderScene(oneVariant(multitrackVariant(fourStems(0.3), mono, "mono")), PlayerConfig{}, {}, 14400);
        QVERIFY(rmsDb(out.channels[0]) > -40.0);
        QCOMPARE(maxAbsDifference(out.channels[0], out.channels[1]), 0.0);
    }

    void offlineRendersMixAsThePlayerDoes()
    {
        const auto stems = fourStems(0.5);
        Treatment t = busyTreatment();
        t.stems = {{-3.0, 0.4}, {4.0, -0.2}, {-60.0, 0.0}};
        t.widthPercent = 130.0;
        // mixStems() is the player's mix: mastered from it or from the stems, the same samples.
        const AudioBuffer mix = mixStems(*stems, t);
        Treatment chainOnly = t;
        chainOnly.stems.clear();
        QCOMPARE(maxDifference(renderMastered(*stems, t), renderMastered(mix, chainOnly)), 0.0);
        QCOMPARE(maxDifference(renderTreatment(*stems, t), renderTreatment(mix, chainOnly)), 0.0);
        // Loudness matching takes the stem mix.
        Treatment raised;
        raised.stems = {{6.0, 0.0}};
        const Treatment matched = loudnessMatched(mixStems(*stems, {}), *stems, raised);
        QVERIFY2(matched.gainDb < -0.5, qPrintable(QString::number(matched.gainDb))); // a louder mix, brought down
    }

    void badMultitracksAreRefusedWithTheirCause()
    {
        const auto good = fourStems(0.1);
        auto check = [](const Multitrack& m, const char* needle) {
            try {
                ScenePlayer p(oneVariant(multitrackVariant(std::make_shared<Multitrack>(m), {}, "song")), PlayerConfig{});
                QFAIL(qPrintable(QString("accepted: ") + needle));
            } catch (const AudioError& e) {
                QCOMPARE(e.kind(), AudioErrorKind::InvalidArgument);
                QVERIFY2(std::string(e.what()).find(needle) != std::string::npos, e.what());
                QVERIFY2(std::string(e.what()).find("song") != std::string::npos, e.what());
            }
        };
        Multitrack shorter = *good;
        shorter.stems[2] = std::make_shared<AudioBuffer>(AudioBuffer::silence(1, 100, 48000.0));
        check(shorter, "stem 2 (lead)");
        Multitrack wrongRate = *good;
        wrongRate.stems[3] = std::make_shared<AudioBuffer>(AudioBuffer::silence(2, good->stems[0]->frames(), 44100.0));
        check(wrongRate, "44100");
        Multitrack surround = *good;
        surround.stems[1] = std::make_shared<AudioBuffer>(AudioBuffer::silence(6, good->stems[0]->frames(), 48000.0));
        check(surround, "mono or stereo");
        check(Multitrack{}, "1 to 32 stems");
        Multitrack tooMany;
        tooMany.stems.assign(33, good->stems[0]);
        check(tooMany, "not 33");

        Treatment absurd;
        absurd.stems = {{0.0, 0.0}, {90.0, 0.0}};
        QVERIFY_THROWS_EXCEPTION(AudioError, makeVariantParams(absurd, 48000.0));
        try {
            makeVariantParams(absurd, 48000.0);
        } catch (const AudioError& e) {
            QVERIFY2(std::string(e.what()).find("stem 1") != std::string::npos, e.what());
        }
        Treatment many;
        many.stems.resize(33);
        QVERIFY_THROWS_EXCEPTION(AudioError, makeVariantParams(many, 48000.0));
    }
};

QTEST_APPLESS_MAIN(TestMultitrack)
#include "test_multitrack.moc"
