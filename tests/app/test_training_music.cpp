// Training music (app/src/training_music.h) by itself: the rotation deals every track once
// before any repeats, never the same twice in a row, the same for a seed; tracks that leave
// the set are skipped; an empty set says what it fell back to; the per-exercise choice
// respects what a level needs.
#include "app/src/training_music.h"

#include <QTest>

#include <map>

using namespace earlab;
using namespace earlab::app;

namespace {

MaterialRef track(const QString& name, MaterialRef::Kind kind = MaterialRef::Kind::UserFile, const QString& genre = {})
{
    MaterialRef m;
    m.kind = kind;
    m.id = (kind == MaterialRef::Kind::Builtin ? "builtin:" : "file:/music/") + name;
    m.title = name;
    m.path = "/music/" + name + ".wav";
    m.genre = genre;
    return m;
}

QList<MaterialRef> tracks(int n)
{
    QList<MaterialRef> out;
    for (int i = 0; i < n; ++i)
        out << track(QString("t%1").arg(i));
    return out;
}

QStringList ids(const QList<MaterialRef>& list)
{
    QStringList out;
    for (const auto& m : list)
        out << m.id;
    return out;
}

QStringList deal(TrackRotation& r, const QList<MaterialRef>& set, int count)
{
    QStringList out;
    for (int i = 0; i < count; ++i)
        out << r.next(set).material.id;
    return out;
}

} // namespace

class TestTrainingMusic : public QObject {
    Q_OBJECT

private slots:
    void sameSeedSameOrder()
    {
        TrackRotation a(42), b(42), c(43);
        const auto set = tracks(7);
        const QStringList da = deal(a, set, 30), db = deal(b, set, 30), dc = deal(c, set, 30);
        QCOMPARE(da, db);
        QVERIFY(da != dc); // 7!^4 orders: a different seed deals differently
    }

    void everyTrackOnceBeforeAnyRepeats_data()
    {
        QTest::addColumn<int>("size");
        for (int n : {1, 2, 3, 7, 12})
            QTest::addRow("%d tracks", n) << n;
    }

    void everyTrackOnceBeforeAnyRepeats()
    {
        QFETCH(int, size);
        const auto set = tracks(size);
        for (std::uint64_t seed = 1; seed <= 50; ++seed) {
            TrackRotation r(seed);
            QString last;
            for (int round = 0; round < 5; ++round) {
                QSet<QString> seen;
                for (int i = 1; i <= size; ++i) {
                    const auto pick = r.next(set);
                    QCOMPARE(pick.count, size);
                    QCOMPARE(pick.number, i);
                    QVERIFY2(!seen.contains(pick.material.id), "a repeat within a round");
                    seen.insert(pick.material.id);
                    if (size >= 2)
                        QVERIFY2(pick.material.id != last, "the same track twice in a row");
                    last = pick.material.id;
                }
                QCOMPARE(int(seen.size()), size);
            }
        }
    }

    void firstPlacesAreFair()
    {
        // Over many seeds each of 4 tracks opens a session about as often (1000 / 4 each).
        const auto set = tracks(4);
        std::map<QString, int> first;
        for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
            TrackRotation r(seed);
            ++first[r.next(set).material.id];
        }
        QCOMPARE(int(first.size()), 4);
        for (const auto& [id, n] : first)
            QVERIFY2(n > 180 && n < 320, qPrintable(QString("%1 first %2 times of 1000").arg(id).arg(n)));
    }

    void peekDealsWhatNextDeals()
    {
        TrackRotation r(7);
        const auto set = tracks(5);
        for (int i = 0; i < 12; ++i) {
            const QString peeked = r.peek(set).material.id;
            QCOMPARE(r.next(set).material.id, peeked);
        }
    }

    void aRemovedTrackIsSkipped()
    {
        auto set = tracks(4);
        TrackRotation r(3);
        const QString first = r.next(set).material.id;
        // A track not dealt yet leaves (deleted): the round goes on with the others.
        QString gone;
        for (const auto& t : set)
            if (t.id != first && t.id != r.peek(set).material.id)
                gone = t.id;
        set.removeIf([&](const MaterialRef& t) { return t.id == gone; });
        QStringList rest = deal(r, set, 2);
        QVERIFY(!rest.contains(gone));
        QVERIFY(!rest.contains(first));
        QCOMPARE(QSet<QString>(rest.begin(), rest.end()).size(), 2);
        // Later rounds deal the three that are left, never the one gone.
        const QStringList later = deal(r, set, 9);
        QVERIFY(!later.contains(gone));
        QCOMPARE(QSet<QString>(later.begin(), later.end()).size(), 3);
        // All gone: pink noise, no track count.
        const auto none = r.next({});
        QVERIFY(!none.material.isMusic());
        QCOMPARE(none.count, 0);
    }

    void aTrackThatJoinsIsDealtThisRound()
    {
        auto set = tracks(3);
        TrackRotation r(11);
        deal(r, set, 1);
        set << track("new");
        const QStringList rest = deal(r, set, 3);
        QVERIFY(rest.contains(set.back().id));
        QCOMPARE(QSet<QString>(rest.begin(), rest.end()).size(), 3);
    }

    void theChoiceNamesTheSet()
    {
        const QList<MaterialRef> usable{track("Pop rock", MaterialRef::Kind::Builtin, "Pop rock"),
                                        track("a", MaterialRef::Kind::UserFile, "Funk"),
                                        track("b", MaterialRef::Kind::UserFile, ""),
                                        track("c", MaterialRef::Kind::UserFile, "Funk")};
        const MaterialPlan training{MaterialPlan::Source::Training, false, {}};
        TrainingMusicChoice choice;
        choice.mode = TrainingMusicChoice::Mode::One;
        choice.one = usable[2].id;
        QCOMPARE(ids(tracksFor(training, usable, choice).tracks), QStringList{usable[2].id});
        choice.one.clear(); // nothing chosen: the first built-in, silently (as before)
        QCOMPARE(tracksFor(training, usable, choice).tracks.front().id, usable[0].id);
        QCOMPARE(tracksFor(training, usable, choice).fallback, QString());

        choice.mode = TrainingMusicChoice::Mode::Several;
        choice.several = {usable[1].id, usable[3].id, "file:/gone.wav"};
        QCOMPARE(tracksFor(training, usable, choice).tracks.size(), 2);
        QCOMPARE(trainingText(choice, usable), QString("2 ticked tracks, rotated"));

        choice.mode = TrainingMusicChoice::Mode::Genre;
        choice.genre = "Funk";
        QCOMPARE(tracksFor(training, usable, choice).tracks.size(), 2);
        choice.genre = "Unknown genre"; // an empty tag
        QCOMPARE(ids(tracksFor(training, usable, choice).tracks), QStringList{usable[2].id});

        choice.mode = TrainingMusicChoice::Mode::All;
        QCOMPARE(tracksFor(training, usable, choice).tracks.size(), 4);
        QCOMPARE(planText(training, choice, usable), QString("Music: your library, rotated"));
    }

    void anEmptySetSaysWhatItFellBackTo()
    {
        const QList<MaterialRef> usable{track("Pop rock", MaterialRef::Kind::Builtin), track("a")};
        const MaterialPlan training{MaterialPlan::Source::Training, false, {}};
        TrainingMusicChoice choice;
        choice.mode = TrainingMusicChoice::Mode::Several; // nothing ticked
        const TrackSet set = tracksFor(training, usable, choice);
        QCOMPARE(set.tracks.size(), 2);
        QVERIFY2(set.fallback.contains("whole library rotates"), qPrintable(set.fallback));
        choice.mode = TrainingMusicChoice::Mode::Genre;
        choice.genre = "Polka";
        QVERIFY2(tracksFor(training, usable, choice).fallback.contains("Polka"),
                 qPrintable(tracksFor(training, usable, choice).fallback));
        const TrackSet nothing = tracksFor(training, {}, choice);
        QVERIFY(nothing.tracks.isEmpty());
        QVERIFY2(nothing.fallback.contains("pink noise"), qPrintable(nothing.fallback));
    }

    void theExerciseChoiceRespectsTheLevel()
    {
        using Source = MaterialPlan::Source;
        // "Your music" on a pink-noise level (EQ level 1) plays the user's files.
        auto plan = planMaterial(MaterialNeed::PinkNoise, ExerciseMaterial::MyMusic, true, false);
        QCOMPARE(plan.source, Source::Mine);
        QCOMPARE(plan.note, QString());
        // …and built-in music, saying why, when there are none.
        plan = planMaterial(MaterialNeed::PinkNoise, ExerciseMaterial::MyMusic, false, false);
        QCOMPARE(plan.source, Source::Builtin);
        QVERIFY(!plan.note.isEmpty());
        // Pink noise on a music level, a transients level (with a warning) too.
        QCOMPARE(planMaterial(MaterialNeed::Music, ExerciseMaterial::PinkNoise, true, false).source, Source::PinkNoise);
        plan = planMaterial(MaterialNeed::Transients, ExerciseMaterial::PinkNoise, true, false);
        QCOMPARE(plan.source, Source::PinkNoise);
        QVERIFY(!plan.note.isEmpty());
        QCOMPARE(planMaterial(MaterialNeed::Transients, ExerciseMaterial::MyMusic, true, false).source, Source::Mine);
        // Stems refuse pink noise, and "your music" without stem folders plays the built-in songs.
        plan = planMaterial(MaterialNeed::Multitrack, ExerciseMaterial::PinkNoise, true, false);
        QVERIFY(plan.stems);
        QVERIFY(plan.source != Source::PinkNoise);
        QVERIFY2(plan.note.contains("cannot be asked on pink noise"), qPrintable(plan.note));
        plan = planMaterial(MaterialNeed::Multitrack, ExerciseMaterial::MyMusic, true, false);
        QCOMPARE(plan.source, Source::Builtin);
        QVERIFY2(plan.note.contains("no folder of stems"), qPrintable(plan.note));
        QCOMPARE(planMaterial(MaterialNeed::Multitrack, ExerciseMaterial::MyMusic, true, true).source, Source::Mine);
        // As the level says: noise where it says noise.
        QCOMPARE(planMaterial(MaterialNeed::PinkNoise, ExerciseMaterial::AsLevel, true, true).source, Source::PinkNoise);
        QCOMPARE(planMaterial(MaterialNeed::Music, ExerciseMaterial::AsLevel, true, true).source, Source::Training);
        QCOMPARE(exerciseMaterialFromName("mine"), ExerciseMaterial::MyMusic);
        QCOMPARE(exerciseMaterialFromName("nonsense"), ExerciseMaterial::AsLevel);
    }

    void stemPlansKeepOnlyMultitracks()
    {
        MaterialRef song = track("Song", MaterialRef::Kind::Builtin);
        song.stemPaths = {"/s/drums.wav", "/s/bass.wav"};
        const QList<MaterialRef> usable{song, track("a")};
        const auto plan = planMaterial(MaterialNeed::Multitrack, ExerciseMaterial::PinkNoise, usable);
        TrainingMusicChoice choice;
        choice.mode = TrainingMusicChoice::Mode::All;
        QCOMPARE(ids(tracksFor(plan, usable, choice).tracks), QStringList{song.id});
        QCOMPARE(planText(plan, choice, usable), QString("Stems: Song"));
    }
};

QTEST_GUILESS_MAIN(TestTrainingMusic)
#include "test_training_music.moc"
