// A MUSHRA-style run (exercises/mushra_run.h, mushra_stimuli.h, comparison_log.h): the
// stimuli built from comparison items with the hidden reference and the low-pass anchors, the
// scene the player gets, each page in the schedule's order, ratings recorded by stimulus, the
// refusals of an unfinished page, the log verified intact, and the BS.1534 post-screening
// of the hidden reference's ratings.

#include "exercises/blind_log_check.h"
#include "exercises/blind_schedule.h"
#include "exercises/comparison_log.h"
#include "exercises/mushra_run.h"
#include "exercises/mushra_stimuli.h"
#include "exercises/rating_statistics.h"

#include <QJsonDocument>
#include <QTest>

#include <cmath>
#include <numbers>

using namespace earlab;

namespace {

BlindSeed seed() { return *BlindSeed::fromHex("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"); }

// Three items of white-ish noise plus a 5 kHz tone, as prepared items would hold them.
Comparison threeItems()
{
    Comparison c;
    c.sampleRate = 44100;
    std::uint32_t state = 1;
    for (int i = 0; i < 3; ++i) {
        AudioBuffer b = AudioBuffer::silence(2, 44100, 44100);
        for (std::size_t n = 0; n < b.frames(); ++n) {
            state = state * 1664525u + 1013904223u;
            const float noise = float(int(state >> 9) - (1 << 22)) / float(1 << 24);
            const float tone = float(0.2 * std::sin(2 * std::numbers::pi * 5000.0 * double(n) / 44100.0));
            b.channels[0][n] = b.channels[1][n] = noise + tone;
        }
        ComparisonItem item;
        item.file = "/music/mix " + std::to_string(i + 1) + ".wav";
        item.fileSha256 = std::string(64, char('a' + i));
        item.audioSha256 = std::string(64, char('d' + i));
        item.gainDb = -1.5 * i;
        item.audio = std::make_shared<const AudioBuffer>(std::move(b));
        c.items.push_back(std::move(item));
    }
    return c;
}

double energyAround5kHz(const AudioBuffer& b)
{
    // The 5 kHz tone's amplitude by correlation with it (the noise averages out).
    double re = 0, im = 0;
    for (std::size_t n = 0; n < b.frames(); ++n) {
        const double w = 2 * std::numbers::pi * 5000.0 * double(n) / b.sampleRate;
        re += b.channels[0][n] * std::cos(w);
        im += b.channels[0][n] * std::sin(w);
    }
    return 2 * std::hypot(re, im) / double(b.frames());
}

} // namespace

class TestMushra : public QObject {
    Q_OBJECT

private slots:
    void stimuliWithReferenceHiddenReferenceAndAnchors()
    {
        const Comparison c = threeItems();
        MushraOptions o;
        o.midAnchor = true;
        const auto stimuli = mushraStimuli(c, o);
        QCOMPARE(stimuli.size(), std::size_t(5)); // items 2 and 3, hidden reference, two anchors
        QCOMPARE(stimuli[0].item, 1);
        QCOMPARE(stimuli[0].label, std::string("mix 2.wav"));
        QCOMPARE(stimuli[2].kind, MushraStimulus::Kind::HiddenReference);
        QCOMPARE(stimuli[2].audio.get(), c.items[0].audio.get()); // the reference itself
        QCOMPARE(stimuli[3].label, std::string("anchor 3.5 kHz"));
        QCOMPARE(stimuli[3].audio->sampleRate, 44100.0); // built at the items' rate
        // The 5 kHz tone (0.2) survives the 7 kHz anchor and is gone from the 3.5 kHz one.
        const double low = energyAround5kHz(*stimuli[3].audio), mid = energyAround5kHz(*stimuli[4].audio);
        qInfo("5 kHz tone: reference %.4f, 7 kHz anchor %.4f, 3.5 kHz anchor %.6f", energyAround5kHz(*c.items[0].audio),
              mid, low);
        QVERIFY(std::abs(mid - 0.2) < 0.01);
        QVERIFY(low < 1e-4);

        const Scene scene = mushraScene(c, stimuli, true);
        QCOMPARE(scene.variants.size(), std::size_t(6));
        QCOMPARE(scene.variants[0].source.get(), c.items[0].audio.get()); // the open reference
        QCOMPARE(scene.variants[4].source.get(), stimuli[3].audio.get());

        MushraOptions none;
        none.openReference = false;
        const auto all = mushraStimuli(c, none);
        QCOMPARE(all.size(), std::size_t(3)); // every item, nothing else
        QCOMPARE(all[0].item, 0);
        const Scene silentReference = mushraScene(c, all, false);
        QCOMPARE(silentReference.variants[0].source->channels[0][100], 0.0f);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, mushraScene(Comparison{}, all, false));
    }

    void pagesFollowTheScheduleAndRecordRatingsByStimulus()
    {
        std::int64_t clock = 0;
        MushraRun run(4, 3, seed(), true, [&] { return clock; });
        for (int page = 0; page < 3; ++page) {
            const std::vector<int> order = mushraOrder(seed(), std::uint32_t(page), 4);
            for (int p = 0; p < 4; ++p) {
                QCOMPARE(run.stimulusAt(p), order[std::size_t(p)]);
                QCOMPARE(run.variantFor(p), 1 + order[std::size_t(p)]);
            }
            // Rated before played: refused while an item is unplayed.
            for (int p = 0; p < 4; ++p)
                run.rate(p, 10.0 * run.stimulusAt(p) + page + 0.4); // stimulus s gets 10 s + page
            QCOMPARE(run.notReady(), QString("play every item first"));
            QVERIFY_THROWS_EXCEPTION(std::logic_error, run.submit());
            for (int p = 0; p < 4; ++p)
                run.played(p); // 3 switches
            run.played(3);     // the same again: none
            run.played(0);     // 4
            QVERIFY(run.notReady().isEmpty());
            clock += 30000;
            const BlindLogTrial& t = run.submit();
            QStringList expectedOrder, expectedAnswer;
            for (int p = 0; p < 4; ++p)
                expectedOrder << QString::number(order[std::size_t(p)]);
            for (int s = 0; s < 4; ++s)
                expectedAnswer << QString::number(10 * s + page);
            QCOMPARE(t.truth, expectedOrder.join(' '));
            QCOMPARE(t.answer, expectedAnswer.join(' '));
            QVERIFY(!t.correct);
            QCOMPARE(t.switches, 4);
            QCOMPARE(t.responseMs, qint64(30000));
        }
        QVERIFY(run.finished());
        QCOMPARE(run.ratingsOf(2), (std::vector<double>{20, 21, 22}));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, run.played(0));
    }

    void refusesBadRatingsAndUnratedPages()
    {
        MushraRun run(3, 1, seed(), false);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, run.rate(0, 100.5));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, run.rate(0, std::nan("")));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, run.rate(3, 50));
        run.rate(0, 50);
        run.rate(1, 50);
        QCOMPARE(run.notReady(), QString("rate every item first"));
        run.rate(2, 0);
        QVERIFY(run.notReady().isEmpty()); // playing is not required here
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, MushraRun(1, 1, seed(), false));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, MushraRun(4, 0, seed(), false));
    }

    void theLogVerifiesAndScreensTheHiddenReference()
    {
        const Comparison c = threeItems();
        const auto stimuli = mushraStimuli(c, {}); // items 2, 3, hidden reference, 3.5 kHz anchor
        const int hidden = 2;
        MushraRun run(int(stimuli.size()), 6, seed(), false);
        for (int page = 0; page < 6; ++page) {
            for (int p = 0; p < run.stimuli(); ++p) {
                // The hidden reference is rated 100 except on two pages (2 of 6 > 15 %).
                const int s = run.stimulusAt(p);
                run.rate(p, s == hidden ? (page < 2 ? 80 : 100) : 40 + 5 * s);
            }
            run.submit();
        }
        const BlindLog log = mushraBlindLog(c, stimuli, {"0.0-test", "default", 44100.0, 256, 5.0}, run, true);
        QCOMPARE(log.items.size(), stimuli.size());
        QCOMPARE(log.items[2].label, QString("hidden reference"));
        QCOMPARE(log.items[2].file, QString::fromStdString(c.items[0].file));
        QCOMPARE(log.summary.n, 6);
        const BlindLogCheck check = verifyBlindLog(QJsonDocument(log.toJson()).toJson(), "mushra.json");
        QVERIFY2(check.intact(), qPrintable(check.unreadable + check.altered.join("; ")));

        const MushraScreening screening = screenMushraRun(run.ratingsOf(hidden));
        QCOMPARE(screening.hiddenReferenceBelow90, 2);
        QVERIFY(screening.excluded);
        const RatingSummary anchor = summariseRatings(run.ratingsOf(3));
        QCOMPARE(anchor.mean, 55.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, mushraBlindLog(c, {stimuli[0]}, {}, run, true));
    }
};

QTEST_APPLESS_MAIN(TestMushra)
#include "test_mushra.moc"
