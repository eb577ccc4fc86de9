// Training music through the whole app: a real Library on disk (WAV files in a scratch
// folder, scanned), the Session through the engine (ALSA capture configuration) and the
// store. "Several" tracks rotate per question and every one is played; the per-exercise
// choice plays the user's music on EQ level 1 and pink noise on a music level; a stem level
// refuses pink noise and says so; a rotated track deleted mid-session is skipped with the
// note; the next question's track is loaded while the listener answers.
#include "app/src/app.h"
#include "app/src/app_options.h"
#include "app/src/library.h"
#include "app/src/preferences.h"
#include "app/src/session.h"

#include "audio/dsp/pink_noise.h"
#include "audio/io/audio_file.h"
#include "exercises/library_scan.h"
#include "exercises/progress_store.h"

#include "support/scratch_files.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QTest>

#include <map>

using namespace earlab;
using namespace earlab::app;

class TestAppTrainingMusic : public QObject {
    Q_OBJECT

private:
    // Three songs of the user's, scanned into the library of a fresh App over `folder`.
    struct Rig {
        QString folder;
        QStringList songs; // library keys
        QStringList ids;   // their material ids
        std::unique_ptr<App> app;

        explicit Rig(const char* tag, int songCount = 3)
        {
            folder = test::scratch(tag);
            auto& options = appOptions();
            options.databasePath = folder + "/progress.sqlite";
            options.databasePathSet = true;
            options.settingsFile = folder + "/settings.ini";
            for (int i = 0; i < songCount; ++i) {
                const QString song = libraryKey(folder + QString("/Song %1.wav").arg(i + 1));
                writeAudioFile(song.toStdString(), dsp::makePinkNoise(20.0, 48000, -20.0, 11 + i, 2, false));
                songs << song;
                ids << "file:" + song;
            }
            app = std::make_unique<App>();
            app->library()->addPaths(songs);
        }
        ~Rig()
        {
            app.reset();
            appOptions() = AppOptions{};
        }
        bool scanned() const
        {
            return QTest::qWaitFor([&] { return !app->library()->scanning(); }, 60000);
        }
        Session& session() const { return *app->session(); }
    };

    static bool waitForQuestion(Session& s)
    {
        return QTest::qWaitFor([&] { return s.phase() == Session::Question && s.heard(); }, 60000);
    }

    // Answers right and waits for the reveal (the store has the attempt then).
    static void answer(Session& s)
    {
        QVERIFY(s.correctOption() >= 0);
        s.choose(s.correctOption());
        s.setAnswerBoost(s.correctBoost());
        QVERIFY(s.confirm());
        QVERIFY(QTest::qWaitFor([&] { return s.phase() == Session::Revealed; }, 30000));
    }

    // The material ids of the store's attempts of `exercise`, oldest first.
    static QStringList sources(App& app, const QString& exercise)
    {
        QStringList out;
        for (const Attempt& a : app.store()->recentAttempts(exercise, -1))
            out.prepend(a.source);
        return out;
    }

private slots:
    void initTestCase() { QVERIFY(!qEnvironmentVariableIsEmpty("ALSA_CONFIG_PATH")); }

    void severalTracksRotateAndEveryOnePlays()
    {
        Rig rig("training-several");
        QVERIFY(rig.scanned());
        Preferences& prefs = *rig.app->preferences();
        prefs.setTrainingMode("several");
        for (const QString& id : std::as_const(rig.ids))
            prefs.setTrainingTicked(id, true);
        QCOMPARE(rig.app->library()->trainingText(), QString("3 ticked tracks, rotated"));
        rig.app->store()->saveLevel("eq-band", 4); // a music level
        Session& s = rig.session();
        s.start("eq-band", 6);
        QStringList headings;
        for (int i = 1; i <= 6; ++i) {
            QVERIFY2(waitForQuestion(s), qPrintable(QString("question %1 never came").arg(i)));
            QCOMPARE(s.trackCount(), 3);
            QCOMPARE(s.trackNumber(), (i - 1) % 3 + 1);
            headings << s.materialHeading();
            QVERIFY2(s.materialHeading().startsWith(QString("Track %1 of 3: Song ").arg(s.trackNumber())),
                     qPrintable(s.materialHeading()));
            QCOMPARE(s.materialNote(), QString());
            if (i < 6) {
                // The next question's track is loaded while this one is answered.
                QVERIFY(QTest::qWaitFor([&] { return !s.prefetching(); }, 60000));
                QVERIFY2(s.cachedLoops().size() >= std::min(i + 1, 3),
                         qPrintable(QString("%1 loops cached at question %2").arg(s.cachedLoops().size()).arg(i)));
            }
            QVERIFY(s.cachedLoops().size() <= Session::kCachedLoops);
            std::size_t bytes = 0;
            for (const auto& loop : s.cachedLoops())
                bytes += Session::loopBytes(*loop);
            QVERIFY(bytes <= Session::kCacheBytes);
            answer(s);
            s.next();
        }
        QCOMPARE(s.phase(), Session::Finished);
        qInfo().noquote() << "headings:" << headings.join(" | ");
        const QStringList played = sources(*rig.app, "eq-band");
        QCOMPARE(played.size(), 6);
        std::map<QString, int> times;
        for (const QString& id : played)
            ++times[id];
        QCOMPARE(int(times.size()), 3);
        for (const QString& id : std::as_const(rig.ids))
            QCOMPARE(times[id], 2); // every track once per round of three
        for (int i = 1; i < played.size(); ++i)
            QVERIFY2(played[i] != played[i - 1], "the same track twice in a row");
    }

    void myMusicPlaysFromTheFirstLevel()
    {
        Rig rig("training-mine", 1);
        QVERIFY(rig.scanned());
        rig.app->preferences()->setExerciseMaterial("eq-band", "mine");
        Session& s = rig.session();
        s.start("eq-band", 1);
        QVERIFY(waitForQuestion(s));
        QCOMPARE(s.level(), 1); // a pink-noise level, as the level says
        QCOMPARE(s.materialTitle(), QString("Song 1"));
        answer(s);
        QCOMPARE(sources(*rig.app, "eq-band"), QStringList{rig.ids.front()});
        // Home's card says it.
        ExerciseListModel& home = *rig.app->exercises();
        QCOMPARE(home.data(home.index(0), ExerciseListModel::ExerciseIdRole).toString(), QString("eq-band"));
        QCOMPARE(home.data(home.index(0), ExerciseListModel::MusicTextRole).toString(), QString("Music: your files, rotated"));
    }

    void pinkNoiseOnAMusicLevel()
    {
        Rig rig("training-noise", 1);
        QVERIFY(rig.scanned());
        rig.app->library()->select(rig.ids.front());
        rig.app->store()->saveLevel("eq-band", 4);
        rig.app->exercises()->refresh();
        ExerciseListModel& home = *rig.app->exercises();
        QCOMPARE(home.data(home.index(0), ExerciseListModel::MusicTextRole).toString(), QString("Music: Song 1"));
        rig.app->preferences()->setExerciseMaterial("eq-band", "noise");
        QCOMPARE(home.data(home.index(0), ExerciseListModel::MusicTextRole).toString(), QString("Pink noise"));
        Session& s = rig.session();
        s.start("eq-band", 1);
        QVERIFY(waitForQuestion(s));
        QCOMPARE(s.level(), 4);
        answer(s);
        QCOMPARE(sources(*rig.app, "eq-band"), QStringList{"pink-noise"});
    }

    void stemsRefusePinkNoise()
    {
        Rig rig("training-stems", 0);
        if (builtinMaterials().isEmpty())
            QSKIP("no built-in songs in this build");
        rig.app->preferences()->setExerciseMaterial("stems", "noise");
        Session& s = rig.session();
        s.start("stems", 1);
        QVERIFY(waitForQuestion(s));
        qInfo().noquote() << "stems on pink noise:" << s.materialNote();
        QVERIFY2(s.materialNote().contains("cannot be asked on pink noise"), qPrintable(s.materialNote()));
        QVERIFY(s.currentLoop()->material.isMusic());
        QVERIFY(!s.currentLoop()->material.stemPaths.isEmpty());
        // "Your music" without stem folders of the user's: the built-in songs, and it says so.
        rig.app->preferences()->setExerciseMaterial("stems", "mine");
        s.start("stems", 1);
        QVERIFY(waitForQuestion(s));
        QVERIFY2(s.materialNote().contains("no folder of stems"), qPrintable(s.materialNote()));
        QVERIFY(!s.currentLoop()->material.stemPaths.isEmpty());
    }

    void aRotatedTrackDeletedMidSessionIsSkipped()
    {
        Rig rig("training-deleted");
        QVERIFY(rig.scanned());
        Preferences& prefs = *rig.app->preferences();
        prefs.setTrainingMode("all");
        rig.app->store()->saveLevel("eq-band", 4);
        Session& s = rig.session();
        s.start("eq-band", 5);
        QVERIFY(waitForQuestion(s));
        QVERIFY(QTest::qWaitFor([&] { return !s.prefetching(); }, 60000));
        // The whole library: three files and the built-in loops.
        const int count = s.trackCount();
        QVERIFY(count >= 3);
        // Delete one of the user's that has not played (perhaps the one loaded ahead).
        const QString current = s.currentLoop()->material.id;
        const int gone = rig.ids.front() == current ? 1 : 0;
        QVERIFY(QFile::remove(rig.songs[gone]));
        for (int i = 2; i <= 5; ++i) {
            answer(s);
            s.next();
            QVERIFY(waitForQuestion(s));
            QVERIFY(s.currentLoop()->material.id != rig.ids[gone]);
            QCOMPARE(s.trackCount(), count - 1);
        }
        qInfo().noquote() << "deleted while rotating:" << s.materialNote();
        QCOMPARE(s.materialNote(), QString("The training music %1 is no longer there (moved or deleted), so it is "
                                           "skipped. Choose music in the Library.")
                                       .arg(QDir::toNativeSeparators(rig.songs[gone])));
    }
};

QTEST_MAIN(TestAppTrainingMusic)
#include "test_app_training_music.moc"
