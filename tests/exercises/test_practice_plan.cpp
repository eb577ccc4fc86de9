// "Today's workout" (practice_plan.h) on synthetic histories: a weak band appears more than
// the others, an exercise never practised appears, one left for ten days comes before one
// practised today, a missed band comes back on its spaced-repetition day and not before, the
// total is about ten minutes, an empty history gives a beginner's plan, the reasons carry
// the numbers, music rotates over the library's genres. The evidence builder
// (practice_evidence.h) on a real database on disk.

#include "exercises/exercise_catalogue.h"
#include "exercises/practice_evidence.h"
#include "exercises/practice_plan.h"
#include "exercises/progress_store.h"

#include "support/scratch_files.h"

#include <QTest>

#include <set>

using namespace earlab;

namespace {

const QDateTime kNow = QDateTime::fromString(QStringLiteral("2026-03-10T12:00:00.000Z"), Qt::ISODateWithMs);
const double kOctaves[] = {63, 125, 250, 500, 1000, 2000, 4000, 8000, 16000};

QDateTime hoursAgo(double h) { return kNow.addMSecs(qint64(-h * 3600.0 * 1000.0)); }

PracticeAnswer answer(const QDateTime& at, bool correct, double bandHz = 0, int responseMs = 6000)
{
    return {at, correct, bandHz, responseMs};
}

ExerciseEvidence ladder(const QString& id, const QString& title, MaterialNeed need = MaterialNeed::PinkNoise)
{
    ExerciseEvidence e;
    e.id = id;
    e.title = title;
    e.levelText = QStringLiteral("Level 1 of 8");
    e.material = need;
    return e;
}

ExerciseEvidence staircase(const QString& id, const QString& title, double value)
{
    ExerciseEvidence e = ladder(id, title, MaterialNeed::Music);
    e.staircase = true;
    e.thresholdValue = value;
    e.easiest = 6.0;
    e.hardest = 0.1;
    e.unit = QStringLiteral("dB");
    e.levelText = QStringLiteral("%1 dB").arg(value);
    return e;
}

// `right` of `count` answers, spread over the `hours` before now, the misses first.
void practised(ExerciseEvidence& e, int right, int count, double hours = 1.0, double bandHz = 0)
{
    for (int i = 0; i < count; ++i)
        e.answers.insert(e.answers.begin(),
                         answer(hoursAgo(hours * (count - i) / count), i >= count - right, bandHz));
}

// Six exercises of four families, all practised an hour ago and answered well.
PracticeEvidence wellPractised()
{
    PracticeEvidence ev;
    ExerciseEvidence band = ladder("eq-band", "EQ band");
    for (double hz : kOctaves)
        practised(band, 9, 10, 1.0, hz);
    ev.exercises.push_back(band);
    ExerciseEvidence gain = ladder("eq-gain", "EQ gain");
    practised(gain, 9, 10);
    ev.exercises.push_back(gain);
    ExerciseEvidence level = staircase("level", "Level difference", 0.3);
    practised(level, 8, 10);
    ev.exercises.push_back(level);
    ExerciseEvidence pan = ladder("pan-direction", "Pan direction");
    practised(pan, 9, 10);
    ev.exercises.push_back(pan);
    ExerciseEvidence width = ladder("width", "Stereo width", MaterialNeed::Music);
    practised(width, 9, 10);
    ev.exercises.push_back(width);
    ExerciseEvidence comp = ladder("compression", "Compression", MaterialNeed::Transients);
    practised(comp, 9, 10);
    ev.exercises.push_back(comp);
    return ev;
}

ExerciseEvidence& exercise(PracticeEvidence& ev, const QString& id)
{
    for (ExerciseEvidence& e : ev.exercises)
        if (e.id == id)
            return e;
    qFatal("no exercise %s", qPrintable(id));
}

int indexOf(const std::vector<PlanItem>& plan, const QString& id)
{
    for (int i = 0; i < int(plan.size()); ++i)
        if (plan[std::size_t(i)].exercise == id)
            return i;
    return -1;
}

int focusCount(const std::vector<PlanItem>& plan, double hz)
{
    return int(std::count_if(plan.begin(), plan.end(), [hz](const PlanItem& i) { return i.focusHz == hz; }));
}

QString describe(const std::vector<PlanItem>& plan)
{
    QStringList lines;
    for (const PlanItem& i : plan)
        lines << QString("%1 %2 q%3 %4 min: %5").arg(i.exercise, i.focusLabel).arg(i.questions).arg(i.minutes, 0, 'f', 1).arg(i.reason);
    return lines.join(QLatin1Char('\n'));
}

bool aboutTenMinutes(const std::vector<PlanItem>& plan) { return totalMinutes(plan) >= 9.0 && totalMinutes(plan) <= 12.0; }

} // namespace

class TestPracticePlan : public QObject {
    Q_OBJECT

private slots:
    void weakBandAppearsMoreThanTheOthers()
    {
        PracticeEvidence ev = wellPractised();
        ExerciseEvidence& band = exercise(ev, "eq-band");
        band.answers.clear();
        for (double hz : kOctaves)
            practised(band, hz == 1000 ? 3 : 9, 10, 72.0, hz); // over the last three days
        // Over a week of days the weak band keeps its place, each other band never gets one.
        for (int day = 0; day < 7; ++day) {
            const auto plan = planPractice(ev, {kNow.addSecs(3600 * day), 7, 10});
            const int weak = focusCount(plan, 1000);
            for (double hz : kOctaves)
                if (hz != 1000)
                    QVERIFY2(focusCount(plan, hz) < weak, qPrintable(QString("day %1, %2 Hz\n%3").arg(day).arg(hz).arg(describe(plan))));
            QVERIFY2(weak >= 1, qPrintable(describe(plan)));
        }
    }

    void neverPractisedExerciseAppears()
    {
        PracticeEvidence ev = wellPractised();
        ev.exercises.push_back(ladder("stems", "Stem balance", MaterialNeed::Multitrack));
        const auto plan = planPractice(ev, {kNow, 1, 10});
        const int at = indexOf(plan, "stems");
        QVERIFY2(at >= 0, qPrintable(describe(plan)));
        QCOMPARE(plan[std::size_t(at)].why, PlanItem::Why::New);
        QCOMPARE(plan[std::size_t(at)].material, QStringLiteral("builtin")); // stems: the built-in songs
        QVERIFY(plan[std::size_t(at)].reason.contains("Not practised yet"));
    }

    void tenDaysAgoComesBeforeToday()
    {
        PracticeEvidence ev = wellPractised();
        exercise(ev, "width").answers.clear();
        practised(exercise(ev, "width"), 7, 10, 1.0); // today
        exercise(ev, "pan-direction").answers.clear();
        for (int i = 0; i < 10; ++i) // the same 7 of 10, ten days ago
            exercise(ev, "pan-direction").answers.push_back(answer(hoursAgo(240 + i), i >= 3));
        const auto plan = planPractice(ev, {kNow, 1, 10});
        const int stale = indexOf(plan, "pan-direction");
        const int today = indexOf(plan, "width");
        QVERIFY2(stale >= 0 && (today < 0 || stale < today), qPrintable(describe(plan)));
        QCOMPARE(plan[std::size_t(stale)].why, PlanItem::Why::NotLately);
        QVERIFY2(plan[std::size_t(stale)].reason.contains("last practised 10 days ago"),
                 qPrintable(plan[std::size_t(stale)].reason));
    }

    void leitnerBoxes()
    {
        const QDateTime t0 = hoursAgo(24 * 30);
        // A miss: box 1, due a day later; right then: box 2, 3 days; ... out after box 4.
        std::vector<PracticeAnswer> a{answer(t0, false, 250)};
        QCOMPARE(bandReviews(a).at(0).box, 1);
        QCOMPARE(bandReviews(a).at(0).dueAt, t0.addDays(1));
        QDateTime t = t0.addDays(1);
        const int expectedDays[] = {3, 7, 14};
        for (int box = 2; box <= 4; ++box) {
            a.push_back(answer(t, true, 250));
            QCOMPARE(bandReviews(a).at(0).box, box);
            QCOMPARE(bandReviews(a).at(0).dueAt, t.addDays(expectedDays[box - 2]));
            t = t.addDays(expectedDays[box - 2]);
        }
        a.push_back(answer(t, true, 250));
        QCOMPARE(bandReviews(a).at(0).box, 0);
        QVERIFY(!bandReviews(a).at(0).due(t.addDays(100)));
        // A new miss starts again at box 1.
        a.push_back(answer(t.addDays(2), false, 250));
        QCOMPARE(bandReviews(a).at(0).box, 1);
        // Never missed: never in the boxes.
        QCOMPARE(bandReviews({answer(t0, true, 500)}).at(0).box, 0);
    }

    void missedBandComesBackOnItsDayAndNotBefore()
    {
        PracticeEvidence ev = wellPractised();
        ExerciseEvidence& band = exercise(ev, "eq-band");
        const QDateTime missed = kNow; // after every other answer
        band.answers.insert(band.answers.begin(), answer(missed, false, 16000)); // newest first
        auto planAt = [&](const QDateTime& now) { return planPractice(ev, {now, 3, 10}); };
        QCOMPARE(focusCount(planAt(missed.addSecs(23 * 3600)), 16000), 0);
        const auto due = planAt(missed.addDays(1));
        QCOMPARE(focusCount(due, 16000), 1);
        const PlanItem& review = due[std::size_t(indexOf(due, "eq-band"))];
        QCOMPARE(review.why, PlanItem::Why::Review);
        QVERIFY2(review.reason.contains("every day") && review.reason.contains("missed on"), qPrintable(review.reason));
        QVERIFY2(review.reason.contains("due again today"), qPrintable(review.reason));
        // Not taken on its day: three days later it says since when it waits.
        const auto late = planAt(missed.addDays(4));
        const PlanItem& waiting = late[std::size_t(indexOf(late, "eq-band"))];
        QCOMPARE(waiting.why, PlanItem::Why::Review);
        const QString since = "due again since " + missed.addDays(1).toLocalTime().toString("d MMM");
        QVERIFY2(waiting.reason.contains(since) && !waiting.reason.contains("today"), qPrintable(waiting.reason));

        // Answered right on the review day: next in 3 days, not before.
        const QDateTime reviewed = missed.addDays(1).addSecs(600);
        band.answers.insert(band.answers.begin(), answer(reviewed, true, 16000));
        QCOMPARE(focusCount(planAt(reviewed.addDays(3).addSecs(-60)), 16000), 0);
        QCOMPARE(focusCount(planAt(reviewed.addDays(3)), 16000), 1);
    }

    void answeredRightSinceTheMissSkipsTheNextDay()
    {
        PracticeEvidence ev = wellPractised();
        ExerciseEvidence& band = exercise(ev, "eq-band");
        const QDateTime missed = kNow;
        band.answers.insert(band.answers.begin(), answer(missed, false, 16000));
        band.answers.insert(band.answers.begin(), answer(missed.addSecs(60), true, 16000));
        QCOMPARE(focusCount(planPractice(ev, {missed.addDays(1), 3, 10}), 16000), 0);
        QCOMPARE(focusCount(planPractice(ev, {missed.addSecs(60).addDays(3), 3, 10}), 16000), 1);
    }

    void totalIsAboutTenMinutes()
    {
        PracticeEvidence ev = wellPractised();
        for (int day = 0; day < 20; ++day) {
            const auto plan = planPractice(ev, {kNow.addDays(day), quint64(day), 10});
            QVERIFY2(aboutTenMinutes(plan), qPrintable(describe(plan)));
            for (const PlanItem& i : plan) {
                QVERIFY(i.questions >= 3);
                QVERIFY(!i.reason.isEmpty());
            }
        }
        // Slow answers (40 s each): fewer questions, still about ten minutes.
        for (ExerciseEvidence& e : ev.exercises)
            for (PracticeAnswer& a : e.answers)
                a.responseMs = 40000;
        const auto slow = planPractice(ev, {kNow, 1, 10});
        QVERIFY2(aboutTenMinutes(slow), qPrintable(describe(slow)));
        QCOMPARE(secondsPerQuestion(exercise(ev, "width").answers), 50.0);
        // One exercise only: its item grows to fill the time.
        PracticeEvidence one;
        one.exercises.push_back(ladder("eq-band", "EQ band"));
        const auto single = planPractice(one, {kNow, 1, 10});
        QCOMPARE(int(single.size()), 1);
        QCOMPARE(single[0].questions, 20); // 20 × 25 s = 8.3 min: the most one item takes
    }

    void emptyHistoryGivesABeginnersPlan()
    {
        ExerciseCatalogue catalogue = ExerciseCatalogue::standard();
        ProgressStore store;
        store.open(QString()); // in memory: nothing answered yet
        const PracticeEvidence ev = gatherPracticeEvidence(catalogue, store);
        QCOMPARE(int(ev.exercises.size()), catalogue.size());
        const auto plan = planPractice(ev, {kNow, 1, 10});
        QVERIFY2(aboutTenMinutes(plan), qPrintable(describe(plan)));
        std::set<QString> families;
        for (const PlanItem& i : plan) {
            QCOMPARE(i.why, PlanItem::Why::New);
            QVERIFY2(i.reason.contains("Not practised yet; it starts at "), qPrintable(i.reason));
            families.insert(i.exercise.section('-', 0, 0));
            QVERIFY(i.material == "noise" || i.material == "builtin"); // no library: nothing of the user's
        }
        QVERIFY2(families.size() == plan.size(), qPrintable(describe(plan))); // one of each kind
        QCOMPARE(plan.front().exercise, QStringLiteral("eq-band"));
        QCOMPARE(plan.front().material, QStringLiteral("noise")); // level 1: octaves on pink noise
    }

    void reasonsNameTheNumbers()
    {
        PracticeEvidence ev = wellPractised();
        ExerciseEvidence& band = exercise(ev, "eq-band");
        band.answers.clear();
        for (double hz : kOctaves) // misses mid-way, so no review is due: the weakness speaks
            for (int i = 0; i < 11; ++i)
                band.answers.push_back(answer(hoursAgo(2 + i), hz == 1000 ? (i % 3 == 0) : true, hz));
        exercise(ev, "level").thresholdValue = 2.0;
        const auto plan = planPractice(ev, {kNow, 1, 10});
        const auto weak = std::find_if(plan.begin(), plan.end(), [](const PlanItem& i) { return i.focusHz == 1000; });
        QVERIFY2(weak != plan.end(), qPrintable(describe(plan)));
        QCOMPARE(weak->why, PlanItem::Why::WeakBand);
        QCOMPARE(weak->reason, QStringLiteral("1 kHz: 4 of 11 right this week."));
        QCOMPARE(weak->focusLabel, QStringLiteral("1 kHz"));
        const int level = indexOf(plan, "level");
        QVERIFY2(level >= 0, qPrintable(describe(plan)));
        QCOMPARE(plan[std::size_t(level)].why, PlanItem::Why::HighThreshold);
        QCOMPARE(plan[std::size_t(level)].reason,
                 QStringLiteral("Threshold 2.0 dB, between the hardest 0.10 dB and the easiest 6.0 dB."));
    }

    void deterministicAndMusicRotatesOverGenres()
    {
        PracticeEvidence ev = wellPractised();
        for (ExerciseEvidence& e : ev.exercises)
            if (e.id != "eq-band")
                e.material = MaterialNeed::Music;
        ev.genres = {"Funk", "Jazz", "Rock"};
        ev.hasOwnMusic = true;
        const auto a = planPractice(ev, {kNow, 5, 10});
        const auto b = planPractice(ev, {kNow, 5, 10});
        QCOMPARE(describe(a), describe(b));
        QStringList genres;
        for (const PlanItem& i : a)
            if (i.material == "music")
                genres << i.genre;
        QVERIFY2(genres.size() >= 3, qPrintable(describe(a)));
        QCOMPARE(QSet<QString>(genres.begin(), genres.begin() + 3).size(), 3); // each genre before any twice
        const auto other = planPractice(ev, {kNow, 6, 10});
        QStringList otherGenres;
        for (const PlanItem& i : other)
            if (i.material == "music")
                otherGenres << i.genre;
        QVERIFY(genres.front() != otherGenres.front()); // the seed picks where the rotation starts
        // Without genres but with own music: "music", any genre; without music: built-in.
        auto widthMaterial = [&] {
            const auto plan = planPractice(ev, {kNow, 5, 10});
            const int at = indexOf(plan, "width");
            return at < 0 ? QString() : plan[std::size_t(at)].material + "/" + plan[std::size_t(at)].genre;
        };
        ev.genres.clear();
        QCOMPARE(widthMaterial(), QStringLiteral("music/"));
        ev.hasOwnMusic = false;
        QCOMPARE(widthMaterial(), QStringLiteral("builtin/"));
    }

    void evidenceFromADatabaseOnDisk()
    {
        const QString path = test::scratch("practice-evidence") + "/progress.sqlite";
        ExerciseCatalogue catalogue = ExerciseCatalogue::standard();
        {
            ProgressStore store;
            store.open(path);
            auto record = [&](const QString& id, const QDateTime& at, bool correct, const QJsonObject& hidden,
                              bool heard = true) {
                Attempt a;
                a.exercise = id;
                a.hidden = hidden;
                a.correct = correct;
                a.score = correct ? 1 : 0;
                a.responseMs = 4000;
                a.answeredAt = at;
                a.material = "noise";
                a.heard = heard;
                store.recordAttempt(a);
            };
            for (int i = 0; i < 10; ++i) {
                record("eq-band", hoursAgo(10 - i), i % 3 == 0, {{"frequency_hz", 1000}, {"flat", false}});
                record("eq-band", hoursAgo(10 - i), true, {{"frequency_hz", 4000}, {"flat", false}});
            }
            record("eq-band", hoursAgo(0.5), true, {{"frequency_hz", 1000}, {"flat", true}});    // a flat trial
            record("eq-band", hoursAgo(0.4), false, {{"frequency_hz", 63}, {"flat", false}}, false); // unheard
            record("width", hoursAgo(500), false, {});
            store.resetExercise("width", hoursAgo(400)); // its answer no longer counts
            store.saveLevel("eq-band", 3);
        }
        auto music = [](MaterialRef::Kind kind, const char* genre) {
            MaterialRef m;
            m.kind = kind;
            m.genre = QString::fromUtf8(genre);
            return m;
        };
        const QList<MaterialRef> usable{music(MaterialRef::Kind::UserFile, "Funk"),
                                        music(MaterialRef::Kind::UserFile, " Jazz "),
                                        music(MaterialRef::Kind::UserFile, ""),
                                        music(MaterialRef::Kind::UserFile, "funk "),
                                        music(MaterialRef::Kind::Builtin, "Rock")}; // built-in: not the user's
        ProgressStore store;
        store.open(path);
        const PracticeEvidence ev = gatherPracticeEvidence(catalogue, store, usable);
        QCOMPARE(ev.genres, QStringList({"Funk", "Jazz"}));
        QVERIFY(ev.hasOwnMusic);
        const ExerciseEvidence* band = nullptr;
        const ExerciseEvidence* width = nullptr;
        const ExerciseEvidence* level = nullptr;
        for (const ExerciseEvidence& e : ev.exercises) {
            band = e.id == "eq-band" ? &e : band;
            width = e.id == "width" ? &e : width;
            level = e.id == "level" ? &e : level;
        }
        QVERIFY(band && width && level);
        QCOMPARE(int(band->answers.size()), 21); // the unheard one left out
        QCOMPARE(band->answers.front().bandHz, 0.0); // newest first: the flat trial has no band
        QCOMPARE(band->answers.at(1).bandHz, 4000.0); // same time as a 1 kHz one, stored after it
        QCOMPARE(band->answers.at(2).bandHz, 1000.0);
        QCOMPARE(band->answers.front().responseMs, 4000);
        QCOMPARE(band->level, 3);
        QVERIFY2(band->levelText.startsWith("Level 3 of"), qPrintable(band->levelText));
        QVERIFY(!band->staircase);
        QVERIFY(width->answers.empty());
        QVERIFY(level->staircase);
        QCOMPARE(level->unit, QStringLiteral("dB"));
        QVERIFY(level->easiest > level->hardest && level->hardest > 0);
        QCOMPARE(level->thresholdValue, level->easiest); // never answered: it starts at the easy end

        const auto plan = planPractice(ev, {kNow, 1, 10});
        QVERIFY2(focusCount(plan, 1000) == 1 && focusCount(plan, 4000) == 0, qPrintable(describe(plan)));
        QVERIFY2(indexOf(plan, "width") >= 0, qPrintable(describe(plan))); // reset: as good as new
    }
};

QTEST_GUILESS_MAIN(TestPracticePlan)
#include "test_practice_plan.moc"
