// Per-band accuracy and confusions computed from attempts as the store returns them.

#include "exercises/band_statistics.h"
#include "exercises/eq_bands.h"
#include "exercises/eq_levels.h"
#include "exercises/eq_question.h"
#include "exercises/progress_store.h"

#include <QTest>

#include <algorithm>
#include <map>

using namespace earlab;

namespace {
Attempt attemptFor(const EqQuestion& q, const EqAnswer& a)
{
    const EqGrade g = gradeEqAnswer(q, a);
    Attempt t;
    t.exercise = exerciseId(q.kind);
    t.level = q.level;
    t.seed = q.seed;
    t.hidden = q.toJson();
    t.answer = a.toJson();
    t.score = g.score;
    t.correct = g.correct;
    t.responseMs = 1000;
    t.source = "pink-noise";
    t.answeredAt = QDateTime::currentDateTimeUtc();
    return t;
}
} // namespace

class TestBandStatistics : public QObject {
    Q_OBJECT

private slots:
    void countsPerBandThroughTheStore()
    {
        // A listener who always finds 1 kHz, never 4 kHz (answers 2 kHz instead), and calls
        // every flat trial flat. Round trip through a real store, as the app reads it back.
        ProgressStore store;
        store.open(QString());
        const EqLevel& level = eqBandLevels()[7]; // third-octave with flat trials
        int asked1k = 0, asked4k = 0, flats = 0;
        for (std::uint64_t seed = 0; seed < 400; ++seed) {
            const EqQuestion q = makeEqQuestion(EqExerciseKind::BandIdentification, level, seed);
            EqAnswer a;
            if (q.flat) {
                a.flat = true;
                ++flats;
            } else if (q.frequencyHz == 1000) {
                a = {false, 1000, q.gainDb};
                ++asked1k;
            } else if (q.frequencyHz == 4000) {
                a = {false, 2000, q.gainDb};
                ++asked4k;
            } else {
                continue;
            }
            store.recordAttempt(attemptFor(q, a));
        }
        QVERIFY(asked1k > 0 && asked4k > 0 && flats > 0);
        const auto attempts = store.recentAttempts("eq-band", -1);
        const auto stats = perBandAccuracy(attempts);
        QCOMPARE(int(stats.size()), 3);
        QCOMPARE(stats[0].bandHz, 0.0);
        QCOMPARE(stats[0].asked, flats);
        QCOMPARE(stats[0].accuracy(), 1.0);
        QCOMPARE(stats[1].bandHz, 1000.0);
        QCOMPARE(stats[1].asked, asked1k);
        QCOMPARE(stats[1].accuracy(), 1.0);
        QCOMPARE(stats[2].bandHz, 4000.0);
        QCOMPARE(stats[2].correct, 0);
        QCOMPARE(stats[2].meanScore, 0.5); // one octave off, right direction

        const ConfusionTable confusions = bandConfusions(attempts);
        QCOMPARE(int(confusions.size()), 1);
        QCOMPARE(confusions.at(4000.0).at(2000.0), asked4k);
    }

    void skipsRecordsWithoutABand()
    {
        Attempt odd;
        odd.hidden = QJsonObject{{"kind", "something-else"}};
        QVERIFY(perBandAccuracy({odd}).empty());
        QVERIFY(bandConfusions({odd}).empty());
    }

    void poolsThirdOctavesIntoTheirOctave()
    {
        // 800 Hz, 1 kHz and 1.25 kHz all lie in the 1 kHz octave; 50 Hz is nearest 63 Hz;
        // flat trials stay apart; untouched octaves are listed with nothing asked.
        const std::vector<BandAccuracy> bands = {
            {0.0, 4, 4, 1.0}, {50.0, 2, 0, 0.25}, {800.0, 2, 1, 0.5}, {1000.0, 4, 4, 1.0}, {1250.0, 2, 0, 0.0}};
        const auto pooled = pooledByOctave(bands, octaveCentresHz());
        QCOMPARE(int(pooled.size()), 1 + int(octaveCentresHz().size()));
        QCOMPARE(pooled[0].bandHz, 0.0);
        QCOMPARE(pooled[0].asked, 4);
        QCOMPARE(pooled[1].bandHz, 63.0);
        QCOMPARE(pooled[1].asked, 2);
        QCOMPARE(pooled[1].meanScore, 0.25);
        const auto k1 = std::find_if(pooled.begin(), pooled.end(), [](const BandAccuracy& b) { return b.bandHz == 1000.0; });
        QVERIFY(k1 != pooled.end());
        QCOMPARE(k1->asked, 8);
        QCOMPARE(k1->correct, 5);
        QCOMPARE(k1->meanScore, (0.5 * 2 + 1.0 * 4 + 0.0 * 2) / 8.0);
        int asked = 0;
        for (const auto& b : pooled)
            asked += b.asked;
        QCOMPARE(asked, 14); // nothing lost, nothing counted twice
        QCOMPARE(pooledByOctave({}, octaveCentresHz())[2].asked, 0);
    }

    void everyThirdOctavePoolsIntoTheOctaveAThirdAway()
    {
        // Distances between exact centres: each third-octave band is its octave band or lies
        // exactly 1/3 octave from it (80 Hz -> 63 Hz, 100 Hz -> 125 Hz, 12.5 kHz -> 16 kHz).
        const std::map<double, double> expected = {{50, 63}, {80, 63}, {100, 125}, {160, 125}, {200, 250},
                                                   {315, 250}, {400, 500}, {630, 500}, {800, 1000},
                                                   {1250, 1000}, {1600, 2000}, {2500, 2000}, {3150, 4000},
                                                   {5000, 4000}, {6300, 8000}, {10000, 8000}, {12500, 16000}};
        for (double third : thirdOctaveCentresHz()) {
            const auto pooled = pooledByOctave({{third, 1, 1, 1.0}}, octaveCentresHz());
            const auto hit = std::find_if(pooled.begin(), pooled.end(), [](const BandAccuracy& b) { return b.asked > 0; });
            QVERIFY(hit != pooled.end());
            const double d = octavesBetween(third, hit->bandHz);
            QVERIFY2(d < 1e-12 || std::abs(d - 1.0 / 3.0) < 1e-12, qPrintable(QString("%1 -> %2").arg(third).arg(hit->bandHz)));
            if (expected.count(third))
                QCOMPARE(hit->bandHz, expected.at(third));
            else
                QCOMPARE(hit->bandHz, third); // an octave band itself
        }
    }

    void weakestBandWeighsTheEvidence()
    {
        // Wilson 95 % upper bounds: 0/1 -> 0.793, 20/50 -> 0.538, 5/10 -> 0.763.
        QVERIFY(std::abs(wilsonUpperBound(0, 1) - 0.7935) < 1e-3);
        QVERIFY(std::abs(wilsonUpperBound(20, 50) - 0.5380) < 1e-3);
        QCOMPARE(wilsonUpperBound(0, 0), 1.0);
        QCOMPARE(wilsonUpperBound(7, 7), 1.0);
        // One miss does not outrank twenty of fifty; flat trials and unasked bands never count.
        const std::vector<BandAccuracy> bands = {
            {0.0, 10, 0, 0.0}, {125.0, 1, 0, 0.0}, {1000.0, 50, 20, 0.4}, {4000.0, 10, 5, 0.5}, {8000.0, 0, 0, 0.0}};
        const auto weakest = weakestBand(bands);
        QVERIFY(weakest.has_value());
        QCOMPARE(weakest->bandHz, 1000.0);
        // Equal evidence: the band asked more often, then the lower band.
        QCOMPARE(weakestBand({{250.0, 4, 2, 0.5}, {500.0, 4, 2, 0.5}})->bandHz, 250.0);
        QVERIFY(!weakestBand({{0.0, 3, 1, 0.3}}).has_value());
        QVERIFY(!weakestBand({}).has_value());
    }
};

QTEST_GUILESS_MAIN(TestBandStatistics)
#include "test_band_statistics.moc"
