// A blind run trial by trial (exercises/blind_run.h) and the log built from it
// (comparison_log.h): what each choice plays against the schedule, switch counts, response
// times on a test clock, the preference labels, and that a finished run's log verifies intact
// while a run's log before the end keeps its seed back.

#include "exercises/blind_log_check.h"
#include "exercises/blind_run.h"
#include "exercises/comparison_log.h"

#include <QJsonDocument>
#include <QTest>

#include <memory>

using namespace earlab;

namespace {

BlindSeed fixedSeed()
{
    return *BlindSeed::fromHex("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
}

// A comparison as prepareComparison would leave it, without the audio the log never reads.
Comparison twoItems()
{
    Comparison c;
    c.sampleRate = 48000;
    c.items.resize(2);
    c.items[0].file = "mix a.wav";
    c.items[0].fileSha256 = std::string(64, 'a');
    c.items[0].audioSha256 = std::string(64, 'b');
    c.items[1].file = "mix b.flac";
    c.items[1].fileSha256 = std::string(64, 'c');
    c.items[1].audioSha256 = std::string(64, 'd');
    c.items[1].gainDb = -3.7;
    c.items[1].alignment.offsetSamples = 480.25;
    c.items[1].alignment.polarityInverted = true;
    return c;
}

BlindLogSetup setup()
{
    return {"0.0-test", "default", 48000.0, 256, 5.0};
}

} // namespace

class TestBlindRun : public QObject {
    Q_OBJECT

private slots:
    void abxPlaysTheScheduledXAndRecordsEachAnswer()
    {
        std::int64_t clock = 1000;
        BlindRun run(BlindMode::Abx, 16, fixedSeed(), [&] { return clock; });
        int xWasB = 0;
        for (int i = 0; i < 16; ++i) {
            const AbItem x = abxX(fixedSeed(), std::uint32_t(i));
            xWasB += x == AbItem::B;
            QCOMPARE(run.trial(), i);
            QVERIFY(!run.playing()); // every trial starts silent
            QCOMPARE(run.select(BlindRun::Choice::B), 1); // the first select: no switch
            QCOMPARE(run.playing(), std::optional(BlindRun::Choice::B));
            QCOMPARE(run.select(BlindRun::Choice::X), x == AbItem::A ? 0 : 1);
            QCOMPARE(run.select(BlindRun::Choice::X), x == AbItem::A ? 0 : 1); // no switch: already playing
            QCOMPARE(run.variantFor(BlindRun::Choice::A), 0);
            clock += 700 + i;
            // Answer right on even trials, wrong on odd ones.
            const AbItem said = i % 2 == 0 ? x : (x == AbItem::A ? AbItem::B : AbItem::A);
            const BlindLogTrial& t = run.answer(said);
            QCOMPARE(t.truth, abItemName(x));
            QCOMPARE(t.answer, abItemName(said));
            QCOMPARE(t.correct, i % 2 == 0);
            QCOMPARE(t.responseMs, qint64(700 + i));
            QCOMPARE(t.switches, 1); // B -> X
        }
        QVERIFY(xWasB > 0 && xWasB < 16); // this seed's schedule has both, so the checks above saw both
        QVERIFY(run.finished());
        QVERIFY_THROWS_EXCEPTION(std::logic_error, run.answer(AbItem::A));
    }

    void abxNeedsAnAnswerAndRefusesBadPlans()
    {
        BlindRun run(BlindMode::Abx, 4, fixedSeed());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, run.answer(std::nullopt));
        QCOMPARE(run.trial(), 0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, BlindRun(BlindMode::Abx, 0, fixedSeed()));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, BlindRun(BlindMode::Mushra, 4, fixedSeed()));
    }

    void preferenceRecordsTheItemBehindTheLabel()
    {
        BlindRun run(BlindMode::Preference, 12, fixedSeed());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, run.select(BlindRun::Choice::X));
        int firstWasB = 0;
        for (int i = 0; i < 12; ++i) {
            const AbItem first = preferenceFirst(fixedSeed(), std::uint32_t(i));
            firstWasB += first == AbItem::B;
            QCOMPARE(run.variantFor(BlindRun::Choice::A), first == AbItem::A ? 0 : 1);
            QCOMPARE(run.variantFor(BlindRun::Choice::B), first == AbItem::A ? 1 : 0);
            // Trial by trial: label "1" preferred, label "2" preferred, no preference.
            const std::optional<AbItem> label = i % 3 == 0 ? std::optional(AbItem::A)
                                                : i % 3 == 1 ? std::optional(AbItem::B) : std::nullopt;
            const BlindLogTrial& t = run.answer(label);
            QCOMPARE(t.truth, abItemName(first));
            if (!label) {
                QCOMPARE(t.answer, QString("none"));
                QVERIFY(!t.correct);
                continue;
            }
            const AbItem item = *label == AbItem::A ? first : (first == AbItem::A ? AbItem::B : AbItem::A);
            QCOMPARE(t.answer, abItemName(item));
            QCOMPARE(t.correct, item == AbItem::A);
        }
        QVERIFY(firstWasB > 0 && firstWasB < 12);
    }

    void aFinishedRunsLogVerifiesIntact()
    {
        BlindRun run(BlindMode::Abx, 16, fixedSeed());
        for (int i = 0; i < 16; ++i)
            run.answer(i < 12 ? abxX(fixedSeed(), std::uint32_t(i)) : AbItem::A);
        const BlindLog log = comparisonBlindLog(twoItems(), {0, 1}, setup(), run, true);
        QCOMPARE(log.items.size(), std::size_t(2));
        QCOMPARE(log.items[1].label, QString("B"));
        QCOMPARE(log.items[1].file, QString("mix b.flac"));
        QCOMPARE(log.items[1].gainDb, -3.7);
        QCOMPARE(log.items[1].offsetSamples, 480.25);
        QVERIFY(log.items[1].polarityInverted);
        QCOMPARE(log.seed, fixedSeed().hex());
        QVERIFY(log.summary.k >= 12);
        QCOMPARE(log.summary.n, 16);
        const QByteArray json = QJsonDocument(log.toJson()).toJson();
        const BlindLogCheck check = verifyBlindLog(json, "run.json");
        QVERIFY2(check.intact(), qPrintable(check.unreadable + check.altered.join("; ")));
        QCOMPARE(check.trials, 16);
    }

    void aRunningLogKeepsItsSeedBack()
    {
        BlindRun run(BlindMode::Abx, 16, fixedSeed());
        run.answer(AbItem::A);
        const BlindLog log = comparisonBlindLog(twoItems(), {1, 0}, setup(), run, false);
        QVERIFY(log.seed.isEmpty());
        QCOMPARE(log.seedSha256, fixedSeed().commitment());
        // No running score: the answer is there, its truth and the result are not.
        QCOMPARE(log.trials.size(), std::size_t(1));
        QCOMPARE(log.trials[0].answer, QString("A"));
        QVERIFY(log.trials[0].truth.isEmpty() && !log.trials[0].correct);
        QCOMPARE(log.summary.n, 0);
        QVERIFY(!log.summary.pValue && !log.summary.dPrime);
        QCOMPARE(log.items[0].file, QString("mix b.flac")); // in label order
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, comparisonBlindLog(twoItems(), {0, 2}, setup(), run, false));
    }
};

QTEST_APPLESS_MAIN(TestBlindRun)
#include "test_blind_run.moc"
