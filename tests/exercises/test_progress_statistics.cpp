// Progress statistics (progress_statistics.h) on a history written to a SQLite file on disk
// with ProgressStore::recordAttempt, against values counted by hand from the history below
// (each expectation says how it was counted). Days are local: the test runs in Central
// European time (UTC+1 in March), so an answer at 23:30 UTC on 1 March belongs to 2 March.
// Also: every filter (time, exercise, material, genre), the empty and the one-answer
// history, blind tests, the streak, and the read-only connection that never writes.

#include "exercises/answer_tendencies.h"
#include "exercises/blind_log_store.h"
#include "exercises/library_store.h"
#include "exercises/progress_statistics.h"
#include "exercises/progress_store.h"
#include "exercises/read_only_database.h"

#include "support/blind_log_sample.h"
#include "support/raw_database.h"
#include "support/scratch_files.h"
#include "support/store_helpers.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <cmath>
#include <ctime>
#include <limits>

using namespace earlab;
using namespace earlab::test;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QDateTime utc(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs);
}

struct Answer {
    const char* exercise;
    const char* at; // UTC
    QJsonObject hidden;
    QJsonObject answer;
    bool correct;
    int responseMs;
    const char* material;
    const char* source;
    const char* session;
    double value = kNaN;
    bool heard = true;
};

QJsonObject eqHidden(double hz, double gainDb, bool directionAsked = false)
{
    return {{"flat", hz == 0}, {"frequency_hz", hz == 0 ? 1000.0 : hz}, {"gain_db", hz == 0 ? 0.0 : gainDb},
            {"q", 1.41}, {"direction_asked", directionAsked}};
}

QJsonObject eqAnswer(double hz, double gainDb = 1)
{
    return {{"flat", hz == 0}, {"frequency_hz", hz}, {"gain_db", hz == 0 ? 0.0 : gainDb}};
}

void record(ProgressStore& store, const Answer& a)
{
    Attempt attempt;
    attempt.exercise = QString::fromLatin1(a.exercise);
    attempt.answeredAt = utc(a.at);
    attempt.hidden = a.hidden;
    attempt.answer = a.answer;
    attempt.correct = a.correct;
    attempt.score = a.correct ? 1.0 : 0.0;
    attempt.responseMs = a.responseMs;
    attempt.material = QString::fromLatin1(a.material);
    attempt.source = QString::fromLatin1(a.source);
    attempt.session = QString::fromLatin1(a.session);
    attempt.value = a.value;
    attempt.heard = a.heard;
    store.recordAttempt(attempt);
}

// The history every test but the empty and one-answer ones counts. Local times (UTC+1) in
// brackets where the day differs from the UTC one.
void writeHistory(ProgressStore& store)
{
    const char* funk = "file:/music/funk.flac";
    const char* jazz = "file:/music/jazz.flac";
    const QList<Answer> history = {
        // eq-band, session s1, pink noise, 1 March
        {"eq-band", "2026-03-01T10:00:00.000Z", eqHidden(1000, 6), eqAnswer(1000), true, 2000, "noise", "pink-noise", "s1"},
        {"eq-band", "2026-03-01T10:01:00.000Z", eqHidden(1000, 6), eqAnswer(2000), false, 3000, "noise", "pink-noise", "s1"},
        {"eq-band", "2026-03-01T10:02:00.000Z", eqHidden(250, 6), eqAnswer(125), false, 4000, "noise", "pink-noise", "s1"},
        {"eq-band", "2026-03-01T10:03:00.000Z", eqHidden(0, 0), eqAnswer(500), false, 5000, "noise", "pink-noise", "s1"},
        // s2 on a funk track: 23:30 local on 1 March, then 00:30 local on 2 March
        {"eq-band", "2026-03-01T22:30:00.000Z", eqHidden(0, 0), eqAnswer(0), true, 6000, "music", funk, "s2"},
        {"eq-band", "2026-03-01T23:30:00.000Z", eqHidden(4000, -6, true), eqAnswer(4000, +1), false, 1000, "music", funk, "s2"},
        // s3, 2 March: a response left open 200 s (practice counts 120 s), an unheard answer
        // (never counted), a jazz track, a boost answered as a cut
        {"eq-band", "2026-03-02T09:00:00.000Z", eqHidden(1000, 6), eqAnswer(2000), false, 200000, "builtin", "builtin:loop1", "s3"},
        {"eq-band", "2026-03-02T09:01:00.000Z", eqHidden(1000, 6), eqAnswer(1000), true, 700, "builtin", "builtin:loop1", "s3", kNaN, false},
        {"eq-band", "2026-03-02T09:02:00.000Z", eqHidden(63, 6), eqAnswer(63), true, 2500, "music", jazz, "s3"},
        {"eq-band", "2026-03-02T09:03:00.000Z", eqHidden(2000, 6, true), eqAnswer(500, -1), false, 3000, "builtin", "builtin:loop1", "s3"},
        // eq-gain, s4
        {"eq-gain", "2026-03-02T10:00:00.000Z", eqHidden(1000, 6, true), eqAnswer(1000, 3), false, 1500, "noise", "pink-noise", "s4"},
        {"eq-gain", "2026-03-02T10:01:00.000Z", eqHidden(1000, -6, true), eqAnswer(1000, 6), false, 2500, "noise", "pink-noise", "s4"},
        {"eq-gain", "2026-03-02T10:02:00.000Z", eqHidden(500, 3, true), eqAnswer(500, 3), true, 3500, "noise", "pink-noise", "s4"},
        // stems, s5
        {"stems", "2026-03-02T11:00:00.000Z", {{"stem", "bass"}}, {{"stem", "drums"}}, false, 2000, "builtin", "builtin:song", "s5"},
        {"stems", "2026-03-02T11:01:00.000Z", {{"stem", "bass"}}, {{"stem", "drums"}}, false, 4000, "builtin", "builtin:song", "s5"},
        {"stems", "2026-03-02T11:02:00.000Z", {{"stem", "vocals"}}, {{"stem", "vocals"}}, true, 1000, "builtin", "builtin:song", "s5"},
        {"stems", "2026-03-02T11:03:00.000Z", {{"stem", "drums"}}, {{"stem", "bass"}}, false, 3000, "builtin", "builtin:song", "s5"},
        // pan and level, s6
        {"pan", "2026-03-02T12:00:00.000Z", {{"pan", 0.5}}, {{"pan", 0.25}}, false, 1000, "builtin", "builtin:loop1", "s6"},
        {"pan", "2026-03-02T12:01:00.000Z", {{"pan", -0.5}}, {{"pan", -0.25}}, false, 1000, "builtin", "builtin:loop1", "s6"},
        {"pan", "2026-03-02T12:02:00.000Z", {{"pan", 0.0}}, {{"pan", 0.5}}, false, 1000, "builtin", "builtin:loop1", "s6"},
        {"pan", "2026-03-02T12:03:00.000Z", {{"pan", 0.2}}, {{"pan", 0.2}}, true, 1000, "builtin", "builtin:loop1", "s6"},
        {"level", "2026-03-02T13:00:00.000Z", {{"louder", "a"}}, {{"louder", "b"}}, false, 1000, "noise", "pink-noise", "s6", 2.0},
        {"level", "2026-03-02T13:01:00.000Z", {{"louder", "b"}}, {{"louder", "b"}}, true, 1000, "noise", "pink-noise", "s6", 1.0},
    };
    for (const Answer& a : history)
        record(store, a);

    store.saveLevel(QStringLiteral("eq-band"), 3);
    // The level staircase after 8 reversals, the last six (fine) alternating 1 and 2 dB.
    const QJsonObject staircase{{"version", 1},  {"value", 1.0},        {"stage", "fine"},
                                {"right_run", 0}, {"wrong_run", 0},     {"direction", 1},
                                {"reversal_count", 8}, {"reversals", QJsonArray{4, 2, 1, 2, 1, 2, 1, 2}},
                                {"trials", 30}};
    store.saveDifficulty(QStringLiteral("level"), 6, {{"staircase", staircase}});

    LibraryStore library(store);
    for (const auto& [path, genre] : {std::pair{"/music/funk.flac", "Funk"}, std::pair{"/music/jazz.flac", "Jazz"}}) {
        ScanResult scan;
        scan.path = QString::fromLatin1(path);
        scan.genre = QString::fromLatin1(genre);
        library.upsert(scan);
    }
    BlindLogStore(store).save(sampleAbxLog(), utc("2026-03-02T14:00:00.000Z"));
}

QString tallyText(const Tally& t)
{
    return QStringLiteral("%1/%2").arg(t.correct).arg(t.answers);
}

QString bandsText(const std::vector<BandTally>& bands)
{
    QStringList out;
    for (const BandTally& b : bands)
        out << QStringLiteral("%1:%2").arg(b.bandHz).arg(tallyText(b.tally));
    return out.join(' ');
}

QString confusionText(const std::vector<ValueConfusion>& list)
{
    QStringList out;
    for (const ValueConfusion& c : list)
        out << QStringLiteral("%1>%2x%3").arg(c.trueValue).arg(c.answerValue).arg(c.count);
    return out.join(' ');
}

QString mistakesText(const std::vector<NameConfusion>& list)
{
    QStringList out;
    for (const NameConfusion& c : list)
        out << QStringLiteral("%1>%2x%3").arg(c.truth, c.answer).arg(c.count);
    return out.join(' ');
}

QString daysText(const std::vector<DayStatistics>& days)
{
    QStringList out;
    for (const DayStatistics& d : days)
        out << QStringLiteral("%1:%2:%3ms").arg(d.date.toString(Qt::ISODate), tallyText(d.tally)).arg(d.practiceMs);
    return out.join(' ');
}

QString exerciseDaysText(const std::vector<ExerciseDay>& days)
{
    QStringList out;
    for (const ExerciseDay& d : days)
        out << QStringLiteral("%1:%2%3")
                   .arg(d.date.toString(Qt::ISODate), tallyText(d.tally),
                        d.meanValue ? QStringLiteral(":%1").arg(*d.meanValue) : QString());
    return out.join(' ');
}

QString idsText(const ProgressStatistics& s)
{
    QStringList out;
    for (const ExerciseStatistics& e : s.exercises)
        out << QStringLiteral("%1:%2").arg(e.id, tallyText(e.tally));
    return out.join(' ');
}

const ExerciseStatistics* find(const ProgressStatistics& s, const char* id)
{
    for (const ExerciseStatistics& e : s.exercises)
        if (e.id == QLatin1String(id))
            return &e;
    return nullptr;
}

bool near(double actual, double expected, double tolerance = 1e-9)
{
    return std::abs(actual - expected) <= tolerance;
}

} // namespace

class TestProgressStatistics : public QObject {
    Q_OBJECT

    QString m_path;
    const QDate m_march2{2026, 3, 2};

    ProgressStatistics statisticsOf(const StatisticsFilter& filter, const QDate& today = QDate(2026, 3, 2))
    {
        const ReadOnlyDatabase db(m_path);
        return progressStatistics(db.database(), db.path(), filter, today);
    }

private slots:
    void initTestCase()
    {
        // Central European time with its DST rule, as a POSIX TZ (no zone files needed):
        // SQLite's 'localtime' and Qt's local time both follow it.
        qputenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3");
        tzset();
        QCOMPARE(QDateTime(QDate(2026, 3, 1), QTime(0, 0)).offsetFromUtc(), 3600);
        m_path = scratch("progress-statistics") + QStringLiteral("/progress.sqlite");
        ProgressStore store;
        store.open(m_path);
        writeHistory(store);
    }

    void totalsAndAccuracy()
    {
        const ProgressStatistics s = statisticsOf({});
        // 10 eq-band answers less the unheard one = 9; eq-gain 3, stems 4, pan 4, level 2.
        QCOMPARE(s.tally.answers, 22);
        // Right: eq-band 3 (1000, flat, 63), eq-gain 1 (500), stems 1, pan 1, level 1.
        QCOMPARE(s.tally.correct, 7);
        // The catalogue's order: eq-band, eq-gain, level, pan, stems.
        QCOMPARE(idsText(s), QStringLiteral("eq-band:3/9 eq-gain:1/3 level:1/2 pan:1/4 stems:1/4"));
        const ExerciseStatistics& band = *find(s, "eq-band");
        QVERIFY(near(band.tally.accuracy(), 3.0 / 9.0));
        QCOMPARE(band.level, 3);
        QVERIFY(!band.threshold);        // a ladder has no threshold
        // Heard response times sorted: 1000 2000 2500 3000 3000 4000 5000 6000 200000; the 5th.
        QCOMPARE(band.medianResponseMs, std::optional<int>(3000));
        // eq-gain: 1500 2500 3500 → 2500; stems: 1000 2000 3000 4000 → (2000 + 3000) / 2.
        QCOMPARE(find(s, "eq-gain")->medianResponseMs, std::optional<int>(2500));
        QCOMPARE(find(s, "stems")->medianResponseMs, std::optional<int>(2500));
    }

    void thresholdFromTheSavedStaircase()
    {
        const ProgressStatistics s = statisticsOf({});
        const ExerciseStatistics& level = *find(s, "level");
        QCOMPARE(level.difficultyProblem, QString());
        QVERIFY(level.threshold);
        QVERIFY(level.threshold->ready);
        QCOMPARE(level.unit, QStringLiteral("dB"));
        // Geometric mean of the last six reversals 1 2 1 2 1 2 = sqrt(2); their logs' sd is
        // ln 2 / 2 · sqrt(6/5) = 0.379652, so the interval is sqrt(2) · e^(±3 · 0.379652).
        QVERIFY2(near(level.threshold->value, 1.414213562, 1e-8), qPrintable(QString::number(level.threshold->value)));
        QVERIFY2(near(level.threshold->low, 0.452764367, 1e-8), qPrintable(QString::number(level.threshold->low)));
        QVERIFY2(near(level.threshold->high, 4.417308746, 1e-8), qPrintable(QString::number(level.threshold->high)));
        // The staircase stands at 1 dB: the level exercise's 6th rung (6 4 3 2 1.5 1 dB).
        QCOMPARE(level.level, 6);
        // Mean staircase value asked at on 2 March: (2 + 1) / 2.
        QCOMPARE(exerciseDaysText(level.days), QStringLiteral("2026-03-02:1/2:1.5"));
    }

    void eqBandsAndConfusions()
    {
        const ProgressStatistics s = statisticsOf({});
        const ExerciseStatistics& band = *find(s, "eq-band");
        // Hidden bands: flat twice (1 right), 63 once (right), 250 once, 1000 three times
        // (1 right; the unheard one not counted), 2000 once, 4000 once.
        QCOMPARE(bandsText(band.bands), QStringLiteral("0:1/2 63:1/1 250:0/1 1000:1/3 2000:0/1 4000:0/1"));
        // Wrong answers: flat→500, 250→125, 1000→2000 twice, 2000→500, 4000→4000 (the
        // right band, the wrong direction).
        QCOMPARE(confusionText(band.confusion), QStringLiteral("0>500x1 250>125x1 1000>2000x2 2000>500x1 4000>4000x1"));
        QVERIFY(band.gainConfusion.empty());
        QVERIFY(band.eq);
        const EqTendencies& t = *band.eq;
        // Too high: 1000→2000 twice (+1 octave each); too low: 250→125 (−1), 2000→500 (−2).
        QCOMPARE(t.tooHigh, 2);
        QCOMPARE(t.tooLow, 2);
        QVERIFY2(near(t.meanOctaveError, (1.0 + 1.0 - 1.0 - 2.0) / 4.0), qPrintable(QString::number(t.meanOctaveError)));
        // 4000 Hz cut answered as a boost; 2000 Hz boost answered as a cut.
        QCOMPARE(t.cutsTakenForBoosts, 1);
        QCOMPARE(t.boostsTakenForCuts, 1);
        QVERIFY(std::isnan(t.meanGainErrorDb)); // eq-band answers carry only a direction
        // Below 1 kHz: 63 (right), 250 (wrong); from 1 kHz: 1000 ×3 (1 right), 2000, 4000.
        QCOMPARE(tallyText(t.lowBands), QStringLiteral("1/2"));
        QCOMPARE(tallyText(t.highBands), QStringLiteral("1/5"));

        const ExerciseStatistics& gain = *find(s, "eq-gain");
        QCOMPARE(bandsText(gain.bands), QStringLiteral("500:1/1 1000:0/2"));
        QCOMPARE(confusionText(gain.confusion), QStringLiteral("1000>1000x2"));
        QCOMPARE(confusionText(gain.gainConfusion), QStringLiteral("-6>6x1 6>3x1"));
        QCOMPARE(gain.eq->cutsTakenForBoosts, 1);
        QCOMPARE(gain.eq->boostsTakenForCuts, 0);
        QCOMPARE(gain.eq->tooHigh + gain.eq->tooLow, 0);
        QVERIFY(std::isnan(gain.eq->meanOctaveError));
        // (3 − 6) and (6 − (−6)): mean (−3 + 12) / 2.
        QVERIFY2(near(gain.eq->meanGainErrorDb, 4.5), qPrintable(QString::number(gain.eq->meanGainErrorDb)));
    }

    void otherExercisesMistakesAndBias()
    {
        const ProgressStatistics s = statisticsOf({});
        QCOMPARE(mistakesText(find(s, "stems")->mistakes), QStringLiteral("bass>drumsx2 drums>bassx1"));
        QCOMPARE(mistakesText(find(s, "level")->mistakes), QStringLiteral("a>bx1"));
        const ExerciseStatistics& pan = *find(s, "pan");
        QVERIFY(pan.sideBias);
        QCOMPARE(pan.sideBias->answers, 4);
        // Errors −0.25, +0.25, +0.5, 0: mean 0.5 / 4; two right of the truth, one left.
        QVERIFY(near(pan.sideBias->meanError, 0.125));
        QCOMPARE(pan.sideBias->rightOfTruth, 2);
        QCOMPARE(pan.sideBias->leftOfTruth, 1);
        QVERIFY(!find(s, "stems")->eq);
    }

    void localDaysAcrossMidnight()
    {
        const ProgressStatistics s = statisticsOf({});
        // 1 March local: s1's four and the flat at 23:30 local (2 right); 2000 + 3000 + 4000 +
        // 5000 + 6000 ms. 2 March: the 00:30 answer and the 16 of the day (5 right); 1000 +
        // 120000 (capped) + 2500 + 3000 + 7500 + 10000 + 4000 + 2000 ms.
        QCOMPARE(daysText(s.days), QStringLiteral("2026-03-01:2/5:20000ms 2026-03-02:5/17:150000ms"));
        // eq-band by day: 1 March 2 of 5; 2 March 00:30, 09:00, 09:02, 09:03 → 1 of 4.
        QCOMPARE(exerciseDaysText(find(s, "eq-band")->days), QStringLiteral("2026-03-01:2/5 2026-03-02:1/4"));
    }

    void sessionsAndStreak()
    {
        const ProgressStatistics s = statisticsOf({});
        QStringList sessions;
        for (const SessionStatistics& x : s.sessions)
            sessions << QStringLiteral("%1 %2-%3 %4")
                            .arg(x.session, x.started.toString(Qt::ISODate), x.ended.toString(Qt::ISODate),
                                 tallyText(x.tally));
        QCOMPARE(sessions.join(QStringLiteral(", ")),
                 QStringLiteral("s1 2026-03-01T10:00:00Z-2026-03-01T10:03:00Z 1/4, "
                                "s2 2026-03-01T22:30:00Z-2026-03-01T23:30:00Z 1/2, "
                                "s3 2026-03-02T09:00:00Z-2026-03-02T09:03:00Z 1/3, "
                                "s4 2026-03-02T10:00:00Z-2026-03-02T10:02:00Z 1/3, "
                                "s5 2026-03-02T11:00:00Z-2026-03-02T11:03:00Z 1/4, "
                                "s6 2026-03-02T12:00:00Z-2026-03-02T13:01:00Z 2/6"));
        QCOMPARE(s.streakDays, 2);                                  // 1 and 2 March, today the 2nd
        QCOMPARE(statisticsOf({}, QDate(2026, 3, 3)).streakDays, 2); // the 3rd not over yet
        QCOMPARE(statisticsOf({}, QDate(2026, 3, 4)).streakDays, 0); // the 3rd was missed
    }

    void blindTests()
    {
        const ProgressStatistics s = statisticsOf({});
        QCOMPARE(int(s.blindTests.size()), 1);
        const BlindTestResult& b = s.blindTests.front();
        QCOMPARE(b.mode, QStringLiteral("abx"));
        QCOMPARE(b.k, 12); // the sample log: 12 of 16, p = P(X >= 12 | n 16, 1/2) = 2517 / 65536
        QCOMPARE(b.n, 16);
        QVERIFY(b.pValue && near(*b.pValue, 2517.0 / 65536.0, 1e-9));
        QCOMPARE(b.savedAt, utc("2026-03-02T14:00:00.000Z"));
        StatisticsFilter exercise;
        exercise.exercise = QStringLiteral("eq-band");
        QVERIFY(statisticsOf(exercise).blindTests.empty()); // they belong to no exercise
        StatisticsFilter before;
        before.until = utc("2026-03-02T14:00:00.000Z");
        QVERIFY(statisticsOf(before).blindTests.empty());
    }

    void timeFilter()
    {
        StatisticsFilter f;
        f.since = QDateTime(QDate(2026, 3, 2), QTime(0, 0)); // local midnight = 23:00 UTC on the 1st
        ProgressStatistics s = statisticsOf(f);
        QCOMPARE(s.tally.answers, 17);
        QCOMPARE(s.tally.correct, 5);
        QCOMPARE(daysText(s.days), QStringLiteral("2026-03-02:5/17:150000ms"));
        QCOMPARE(find(s, "eq-band")->tally.answers, 4);
        f.until = utc("2026-03-02T09:02:00.000Z"); // before it: 23:30 and 09:00 (09:01 unheard)
        s = statisticsOf(f);
        QCOMPARE(idsText(s), QStringLiteral("eq-band:0/2"));
        QCOMPARE(bandsText(s.exercises.front().bands), QStringLiteral("1000:0/1 4000:0/1"));
    }

    void exerciseFilter()
    {
        StatisticsFilter f;
        f.exercise = QStringLiteral("stems");
        const ProgressStatistics s = statisticsOf(f);
        QCOMPARE(idsText(s), QStringLiteral("stems:1/4"));
        QCOMPARE(s.tally.answers, 4);
        QCOMPARE(daysText(s.days), QStringLiteral("2026-03-02:1/4:10000ms"));
        QCOMPARE(int(s.sessions.size()), 1);
    }

    void materialFilter()
    {
        StatisticsFilter f;
        f.material = QStringLiteral("music");
        const ProgressStatistics s = statisticsOf(f);
        // The funk flat (right), the funk 4000 Hz cut (wrong) and the jazz 63 Hz (right).
        QCOMPARE(idsText(s), QStringLiteral("eq-band:2/3"));
        QCOMPARE(bandsText(s.exercises.front().bands), QStringLiteral("0:1/1 63:1/1 4000:0/1"));
        f.material = QStringLiteral("noise");
        // eq-band s1 (1 of 4), eq-gain (1 of 3), level (1 of 2).
        QCOMPARE(idsText(statisticsOf(f)), QStringLiteral("eq-band:1/4 eq-gain:1/3 level:1/2"));
    }

    void genreFilter()
    {
        StatisticsFilter f;
        f.genre = QStringLiteral("funk"); // the tag says "Funk": case is ignored
        ProgressStatistics s = statisticsOf(f);
        QCOMPARE(idsText(s), QStringLiteral("eq-band:1/2"));
        QCOMPARE(confusionText(s.exercises.front().confusion), QStringLiteral("4000>4000x1"));
        QCOMPARE(daysText(s.days), QStringLiteral("2026-03-01:1/1:6000ms 2026-03-02:0/1:1000ms"));
        f.genre = QStringLiteral("Jazz");
        QCOMPARE(idsText(statisticsOf(f)), QStringLiteral("eq-band:1/1"));
        f.genre = QStringLiteral("Polka");
        QCOMPARE(statisticsOf(f).tally.answers, 0);
    }

    // The miss map and the totals read schema step 10's indexes, not the table: the EQ
    // query's expressions must be the indexed ones (statistics_expressions.h).
    void queriesUseTheStatisticsIndexes()
    {
        const ReadOnlyDatabase db(m_path);
        auto plan = [&](const QString& sql) {
            QSqlQuery query(db.database());
            query.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + sql);
            query.addBindValue(QStringLiteral("eq-band"));
            if (!query.exec())
                return query.lastError().text();
            QStringList steps;
            while (query.next())
                steps << query.value(3).toString();
            return steps.join(QStringLiteral("; "));
        };
        const QString eq = plan(statistics::eqGroupsSql().arg(QStringLiteral("heard = 1")));
        QVERIFY2(eq.contains(QStringLiteral("USING INDEX attempts_eq_statistics")), qPrintable(eq));
        const QString median = plan(QStringLiteral("SELECT response_ms FROM attempts WHERE heard = 1 AND exercise = ?"
                                                   " ORDER BY response_ms"));
        QVERIFY2(median.contains(QStringLiteral("USING COVERING INDEX attempts_statistics")), qPrintable(median));
    }

    void storeConnectionGivesTheSame()
    {
        ProgressStore store;
        store.open(m_path);
        const ProgressStatistics s = progressStatistics(store, {}, m_march2);
        QCOMPARE(idsText(s), QStringLiteral("eq-band:3/9 eq-gain:1/3 level:1/2 pan:1/4 stems:1/4"));
        QCOMPARE(daysText(s.days), QStringLiteral("2026-03-01:2/5:20000ms 2026-03-02:5/17:150000ms"));
    }

    void emptyHistory()
    {
        const QString path = scratch("progress-statistics-empty") + QStringLiteral("/progress.sqlite");
        {
            ProgressStore store;
            store.open(path);
        }
        const ReadOnlyDatabase db(path);
        const ProgressStatistics s = progressStatistics(db.database(), db.path(), {}, m_march2);
        QCOMPARE(s.tally.answers, 0);
        QVERIFY(std::isnan(s.tally.accuracy()));
        QVERIFY(s.exercises.empty());
        QVERIFY(s.days.empty());
        QVERIFY(s.sessions.empty());
        QVERIFY(s.blindTests.empty());
        QCOMPARE(s.streakDays, 0);
    }

    void oneAnswerHistory()
    {
        const QString path = scratch("progress-statistics-one") + QStringLiteral("/progress.sqlite");
        {
            ProgressStore store;
            store.open(path);
            record(store, {"eq-band", "2026-03-02T18:00:00.000Z", eqHidden(1000, 6), eqAnswer(1000), true, 4200,
                           "noise", "pink-noise", "only"});
        }
        const ReadOnlyDatabase db(path);
        const ProgressStatistics s = progressStatistics(db.database(), db.path(), {}, m_march2);
        QCOMPARE(idsText(s), QStringLiteral("eq-band:1/1"));
        const ExerciseStatistics& e = s.exercises.front();
        QCOMPARE(e.tally.accuracy(), 1.0);
        QCOMPARE(e.level, 1); // never saved
        QCOMPARE(bandsText(e.bands), QStringLiteral("1000:1/1"));
        QVERIFY(e.confusion.empty());
        QCOMPARE(e.eq->tooHigh + e.eq->tooLow + e.eq->boostsTakenForCuts + e.eq->cutsTakenForBoosts, 0);
        QVERIFY(std::isnan(e.eq->meanOctaveError));
        QCOMPARE(e.medianResponseMs, std::optional<int>(4200));
        QCOMPARE(daysText(s.days), QStringLiteral("2026-03-02:1/1:4200ms"));
        QCOMPARE(s.streakDays, 1);
    }

    // An answer whose JSON another program damaged counts in the totals, not in the miss map;
    // the statistics (and schema step 10's index) still work.
    void damagedJsonCountsInTotalsOnly()
    {
        const QString path = scratch("progress-statistics-damaged") + QStringLiteral("/progress.sqlite");
        {
            ProgressStore store;
            store.open(path);
            record(store, {"eq-band", "2026-03-02T18:00:00.000Z", eqHidden(1000, 6), eqAnswer(2000), false, 1000,
                           "noise", "pink-noise", "x"});
            record(store, {"eq-band", "2026-03-02T18:01:00.000Z", eqHidden(500, 6), eqAnswer(250), false, 1000,
                           "noise", "pink-noise", "x"});
            record(store, {"stems", "2026-03-02T18:02:00.000Z", {{"stem", "bass"}}, {{"stem", "keys"}}, false, 1000,
                           "noise", "pink-noise", "x"});
        }
        QCOMPARE(RawDatabase(path).run(QStringLiteral("UPDATE attempts SET hidden = 'not {json' WHERE id IN (1, 3)")),
                 QString());
        const ReadOnlyDatabase db(path);
        const ProgressStatistics s = progressStatistics(db.database(), db.path(), {}, m_march2);
        QCOMPARE(idsText(s), QStringLiteral("eq-band:0/2 stems:0/1"));
        QCOMPARE(bandsText(s.exercises.front().bands), QStringLiteral("500:0/1"));
        QCOMPARE(confusionText(s.exercises.front().confusion), QStringLiteral("500>250x1"));
        QVERIFY(s.exercises.back().mistakes.empty());
    }

    // Statistics never write: the file's bytes are the same afterwards, and a read-only file
    // (on which ProgressStore would work on a copy) is read in place.
    void readOnlyConnectionNeverWrites()
    {
        const QByteArray before = readBytes(m_path);
        QVERIFY(!before.isEmpty());
        statisticsOf({});
        QCOMPARE(readBytes(m_path), before);

        const ReadOnlyDatabase db(m_path);
        QSqlQuery write(db.database());
        QVERIFY(!write.exec(QStringLiteral("DELETE FROM attempts")));
        QCOMPARE(readBytes(m_path), before);
    }

    void readOnlyConnectionRefusesWhatIsNotADatabase()
    {
        const QString folder = scratch("progress-statistics-bad");
        const QString missing = folder + QStringLiteral("/missing.sqlite");
        QVERIFY(storeErrorOf([&] { ReadOnlyDatabase db(missing); }).contains(missing + QStringLiteral(": there is no such file")));
        QVERIFY(!QFileInfo::exists(missing)); // not created
        const QString text = folder + QStringLiteral("/notes.txt");
        QVERIFY(writeBytes(text, QByteArray("these are not answers\n").repeated(200)));
        const QString error = storeErrorOf([&] { ReadOnlyDatabase db(text); });
        QVERIFY2(error.contains(text), qPrintable(error));
        QVERIFY2(storeErrorOf([&] { ReadOnlyDatabase db(folder); }).contains(folder), "a folder");
    }
};

QTEST_GUILESS_MAIN(TestProgressStatistics)
#include "test_progress_statistics.moc"
