// The app's C++ controllers with the real engine (capture ALSA config) and an on-disk
// progress store: whole sessions, answers committed by the writer thread before the reveal,
// promotion, the models, the reveal's curves, number keys over 26 third-octave bands and the
// corrupt-database banner.
#include "app/src/app.h"
#include "app/src/app_options.h"
#include "app/src/audio_output.h"
#include "app/src/database_writer.h"
#include "app/src/library.h"
#include "app/src/preferences.h"
#include "app/src/session.h"

#include "audio/dsp/pink_noise.h"
#include "audio/io/audio_file.h"
#include "exercises/eq_curve.h"
#include "exercises/exercise_catalogue.h"
#include "exercises/library_scan.h"
#include "exercises/progress_store.h"

#include "support/raw_database.h"
#include "support/session_rig.h"
#include "support/scratch_files.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cmath>
#include <memory>

using namespace earlab;
using namespace earlab::app;

class TestAppSession : public QObject {
    Q_OBJECT

private:
    // EarLab's controllers on the database and settings in `folder` (support/session_rig.h):
    // a restart is a new Run on the same folder.
    using Run = test::SessionRig;
    struct Folder {
        QTemporaryDir dir;
    };
    struct Rig : Folder, Run {
        Rig() : Run(dir.path()) {}
    };

    // Each answer's number key, as the question page shows them ("" when it has none).
    static QStringList keyLabels(const Session& s)
    {
        const AnswerOptionModel& m = *s.answerOptions();
        QStringList out;
        for (int i = 0; i < m.rowCount(); ++i)
            out << m.data(m.index(i), AnswerOptionModel::KeyLabelRole).toString();
        return out;
    }

    // The question is on screen and playing (an answer before anything played is not counted).
    static bool waitForQuestion(Session& s)
    {
        return QTest::qWaitFor([&] { return s.phase() == Session::Question && s.heard(); }, 60000);
    }

    static bool waitForReveal(Session& s)
    {
        return QTest::qWaitFor([&] { return s.phase() == Session::Revealed; }, 30000);
    }

    // Answers the question on screen, right or wrong, as a listener who knows the truth, and
    // waits for the writer's acknowledgement (the reveal).
    static void answer(Session& s, bool right)
    {
        const int truth = s.correctOption();
        QVERIFY(truth >= 0);
        s.choose(right ? truth : (truth + 1) % s.answerOptions()->count());
        s.setAnswerBoost(s.correctBoost());
        QVERIFY(s.confirm());
        QVERIFY(s.saving());
        QVERIFY(waitForReveal(s));
        QVERIFY(!s.saving());
    }

    // One session of answers.size() questions, right or wrong as given, on a new Run over
    // `folder` (a restart): the level after each answer and the reveal's level line.
    struct Replayed {
        QList<int> levels;
        QStringList changes; // levelChangeText() after each answer ("" = no change)
        QString summary;
    };
    static void replaySession(const QString& folder, const QList<bool>& answers, Replayed& out)
    {
        Run run(folder);
        Session& s = *run.session;
        s.start("eq-band", int(answers.size()));
        for (bool right : answers) {
            QVERIFY(waitForQuestion(s));
            answer(s, right);
            out.levels << s.level();
            out.changes << s.levelChangeText();
            s.next();
        }
        QCOMPARE(s.phase(), Session::Finished);
        out.summary = s.levelSummary();
    }

    // The entry of the library for `materialId`, or an invalid index.
    static QModelIndex rowOf(Library& library, const QString& materialId)
    {
        for (int row = 0; row < library.rowCount(); ++row)
            if (library.data(library.index(row), Library::MaterialIdRole).toString() == materialId)
                return library.index(row);
        return {};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariableIsEmpty("ALSA_CONFIG_PATH"));
    }

    void engineOpensOnTheCaptureDevice()
    {
        Rig rig;
        QVERIFY2(rig.audio->available(), qPrintable(rig.audio->statusMessage()));
        QVERIFY(!rig.audio->deviceNames().isEmpty());
    }

    void fullSessionGivesSummaryAndTenRows()
    {
        Rig rig;
        int rowsAtReveal = -1;
        connect(rig.session.get(), &Session::phaseChanged, this, [&] {
            // The reveal may show only what the store already holds.
            if (rig.session->phase() == Session::Revealed)
                rowsAtReveal = rig.store->attemptCount("eq-band");
        });
        rig.session->start("eq-band", 10);
        QCOMPARE(rig.session->questionCount(), 10);
        for (int i = 1; i <= 10; ++i) {
            QVERIFY2(waitForQuestion(*rig.session), qPrintable(QString("question %1 never came").arg(i)));
            QCOMPARE(rig.session->questionNumber(), i);
            QVERIFY(!rig.session->answerOptions()->count() == 0);
            QVERIFY(rig.audio->hasScene());
            answer(*rig.session, i % 2 == 0);
            QCOMPARE(rig.session->phase(), Session::Revealed);
            QCOMPARE(rowsAtReveal, i);
            QVERIFY(!rig.session->explanation().isEmpty());
            QVERIFY(!rig.session->trueCurve().isEmpty());
            rig.session->next();
        }
        QCOMPARE(rig.session->phase(), Session::Finished);
        QCOMPARE(rig.session->answeredCount(), 10);
        QCOMPARE(rig.session->correctCount(), 5);
        QCOMPARE(rig.store->attemptCount("eq-band"), 10);
        int asked = 0;
        for (const auto& v : rig.session->bandHits())
            asked += v.toMap()["asked"].toInt();
        QCOMPARE(asked, 10);

        const auto rows = rig.store->recentAttempts("eq-band", -1);
        QCOMPARE(rows.size(), 10);
        for (const auto& a : rows) {
            QCOMPARE(a.level, 1);
            QCOMPARE(a.source, QString("pink-noise"));
            QVERIFY(a.responseMs >= 0);
            QVERIFY(a.hidden.contains("frequency_hz"));
            QVERIFY(a.answer.contains("frequency_hz"));
        }
        // Seeds are recorded and differ between questions.
        QVERIFY(rows[0].seed != rows[1].seed);
    }

    void promotionAfterEightOfTenChangesTheSavedLevel()
    {
        Rig rig;
        QVERIFY(!rig.store->savedLevel("eq-band").has_value());
        rig.session->start("eq-band", 10);
        for (int i = 0; i < 10; ++i) {
            QVERIFY(waitForQuestion(*rig.session));
            answer(*rig.session, i >= 2); // two wrong first, then eight right
            if (i < 9)
                QCOMPARE(rig.session->levelChangeText(), QString());
            rig.session->next();
        }
        QCOMPARE(rig.session->phase(), Session::Finished);
        QCOMPARE(rig.session->correctCount(), 8);
        QCOMPARE(rig.store->savedLevel("eq-band"), std::optional<int>(2));
        QCOMPARE(rig.session->level(), 2);
        QCOMPARE(rig.session->startLevel(), 1);
        QVERIFY(rig.session->levelSummary().startsWith("Promoted"));

        // The next session starts at the saved level.
        rig.session->start("eq-band", 1);
        QVERIFY(waitForQuestion(*rig.session));
        QCOMPARE(rig.session->level(), 2);
        QCOMPARE(rig.session->answerOptions()->count(), 9); // level 2: nine octave bands
    }

    void sevenOfTenDoesNotPromote()
    {
        Rig rig;
        rig.session->start("eq-band", 10);
        for (int i = 0; i < 10; ++i) {
            QVERIFY(waitForQuestion(*rig.session));
            answer(*rig.session, i >= 3);
            rig.session->next();
        }
        QCOMPARE(rig.session->correctCount(), 7);
        QCOMPARE(rig.store->savedLevel("eq-band").value_or(1), 1);
    }

    void aLevelChangeStartsANewWindowAcrossRestarts()
    {
        // The report: 20 of 20 right, demoted on the first, ending "Still at level 3". The
        // history that does it: promoted to 3, back to 2 after ten misses, one right answer at
        // 2, then the twenty. Restoring "the last answers at this level" brought back answers
        // from before a level change: the right ones at 2 promoted on that one answer, the
        // misses at 3 demoted on the first of the twenty. Replayed session by session, each
        // on a restarted EarLab over the same files.
        Folder folder;
        {
            ProgressStore store;
            store.open(folder.dir.filePath("progress.sqlite"));
            store.saveLevel("eq-band", 2);
        }
        const auto show = [](const char* what, const Replayed& r) {
            qInfo().noquote() << what << "levels" << r.levels << "changes" << r.changes.join(" | ") << "summary:" << r.summary;
        };
        Replayed up, down, one, twenty;
        replaySession(folder.dir.path(), QList<bool>(10, true), up);    // 10 of 10 at level 2
        replaySession(folder.dir.path(), QList<bool>(10, false), down); // 0 of 10 at level 3
        replaySession(folder.dir.path(), {true}, one);
        replaySession(folder.dir.path(), QList<bool>(20, true), twenty);
        show("10 right:", up);
        show("10 wrong:", down);
        show("1 right:", one);
        show("20 right:", twenty);

        QCOMPARE(up.levels.back(), 3);
        QCOMPARE(up.changes.back(), QString("Level up: 3 — 9 octave bands, ±12 dB, pink noise"));
        QCOMPARE(down.levels, (QList<int>{3, 3, 3, 3, 3, 3, 3, 3, 3, 2}));
        QVERIFY2(down.changes.back().startsWith("Back to level 2"), qPrintable(down.changes.back()));
        // One right answer at level 2: the window since the demotion holds one answer, not the
        // ten right ones from before the promotion to 3 (those would promote at once).
        QCOMPARE(one.levels, QList<int>{2});
        QCOMPARE(one.changes, QStringList{QString()});
        QVERIFY2(one.summary.startsWith("Still at level 2"), qPrintable(one.summary));
        // Twenty right: the answer from the last session counts, so the ninth makes ten of ten
        // at level 2; ten more promote again. A right answer never steps back.
        QList<int> expected(8, 2);
        expected << QList<int>(10, 3) << QList<int>(2, 4);
        QCOMPARE(twenty.levels, expected);
        for (const QString& change : std::as_const(twenty.changes))
            QVERIFY2(!change.startsWith("Back to"), qPrintable(change));
        QCOMPARE(twenty.changes[8], QString("Level up: 3 — 9 octave bands, ±12 dB, pink noise"));
        QCOMPARE(twenty.changes[18], QString("Level up: 4 — 9 octave bands, ±9 dB, music"));
        QCOMPARE(twenty.summary, QString("Promoted from level 2 to level 4: 9 octave bands, ±9 dB, music"));
    }

    void aChosenFileThatGoesMissingIsSaidAndReplaced()
    {
        // One rule, whenever the chosen file cannot be used: the session says so in one line
        // naming the file, plays the next usable choice (the first built-in loop), and the
        // choice shown (Home, the Library) is what is really used.
        const QString folder = test::scratch("session-missing-music");
        const QString song = libraryKey(folder + "/My song.wav");
        const auto write = [&] { writeAudioFile(song.toStdString(), dsp::makePinkNoise(20.0, 48000, -20.0, 7, 2, false)); };
        write();
        const QString id = "file:" + song;
        const auto builtins = builtinMaterials();
        const QString fallback = builtins.isEmpty() ? QString("Pink noise") : builtins.front().first.title;
        auto& options = appOptions();
        options.databasePath = folder + "/progress.sqlite";
        options.databasePathSet = true;
        options.settingsFile = folder + "/settings.ini";
        const auto start = [](App& app) {
            app.session()->start("eq-band", 2);
            QVERIFY(waitForQuestion(*app.session()));
        };
        {
            App app;
            app.store()->saveLevel("eq-band", 4); // music
            app.library()->addPaths({song});
            QVERIFY(QTest::qWaitFor([&] { return !app.library()->scanning(); }, 60000));
            app.library()->select(id);
            QCOMPARE(app.library()->selectedId(), id);
            Session& s = *app.session();
            start(app);
            QCOMPARE(s.materialTitle(), QString("My song"));
            QCOMPARE(s.materialNote(), QString());
            // Deleted during the session (its loop is in memory): the next question says so.
            QVERIFY(QFile::remove(song));
            answer(s, true);
            s.next();
            QVERIFY(waitForQuestion(s));
            QCOMPARE(s.materialTitle(), fallback);
            const QString note = s.materialNote();
            qInfo().noquote() << "deleted during a session:" << note;
            QCOMPARE(note, QString("The chosen music %1 is no longer there (moved or deleted), so the music levels use "
                                   "%2. Choose music in the Library.")
                               .arg(QDir::toNativeSeparators(song), fallback));
            QCOMPARE(app.library()->selectedTitle(), fallback);
            const QModelIndex row = rowOf(*app.library(), id);
            QCOMPARE(app.library()->data(row, Library::StatusRole).toString(), QString("missing"));
            QVERIFY(!app.library()->data(row, Library::SelectedRole).toBool());
            QCOMPARE(app.preferences()->materialId(), id); // the user's pick is kept for when it is back
        }
        {
            // Restarted with the file still gone: shown honestly before any session, said at its start.
            App app;
            QCOMPARE(app.library()->selectedTitle(), fallback);
            QCOMPARE(app.library()->data(rowOf(*app.library(), id), Library::StatusRole).toString(), QString("missing"));
            start(app);
            QCOMPARE(app.session()->materialTitle(), fallback);
            qInfo().noquote() << "missing at session start:" << app.session()->materialNote();
            QVERIFY2(app.session()->materialNote().contains(QDir::toNativeSeparators(song) + " is no longer there"),
                     qPrintable(app.session()->materialNote()));
        }
        write(); // back where it was: chosen and used again
        {
            App app;
            QCOMPARE(app.library()->selectedTitle(), QString("My song"));
            start(app);
            QCOMPARE(app.session()->materialTitle(), QString("My song"));
            QCOMPARE(app.session()->materialNote(), QString());
        }
        // There, but no longer audio (overwritten): the same rule, with the decoder's reason.
        QVERIFY(test::writeBytes(song, "RIFF....WAVEfmt this is not audio any more"));
        {
            App app;
            start(app);
            Session& s = *app.session();
            QCOMPARE(s.materialTitle(), fallback);
            qInfo().noquote() << "unreadable at session start:" << s.materialNote();
            QVERIFY2(s.materialNote().startsWith(QString("The chosen music %1 cannot be played (").arg(QDir::toNativeSeparators(song))),
                     qPrintable(s.materialNote()));
            QCOMPARE(app.library()->selectedTitle(), fallback);
            const QModelIndex row = rowOf(*app.library(), id);
            QCOMPARE(app.library()->data(row, Library::StatusRole).toString(), QString("broken"));
            QVERIFY(!app.library()->data(row, Library::ErrorRole).toString().isEmpty());
        }
        options = AppOptions{};
    }

    void gainExerciseAsksTheAmount()
    {
        Rig rig;
        rig.session->start("eq-gain", 1);
        QVERIFY(waitForQuestion(*rig.session));
        QVERIFY(rig.session->directionAsked());
        QVERIFY(!rig.session->focus().isEmpty());
        QCOMPARE(rig.session->answerOptions()->count(), 2); // level 1: 6 or 12 dB
        answer(*rig.session, true);
        QVERIFY(rig.session->lastCorrect());
        QCOMPARE(rig.session->lastScore(), 1.0);
        QCOMPARE(rig.store->attemptCount("eq-gain"), 1);
    }

    void revealCurvesPeakAtTheirBands()
    {
        const auto curve = eqCurve({{FilterType::Peak, 2000.0, 9.0, 1.41}});
        QVERIFY(curve.size() > 100);
        QPointF peak = curve.front();
        for (const auto& p : curve)
            if (p.y() > peak.y())
                peak = p;
        QVERIFY2(std::abs(std::log2(peak.x() / 2000.0)) < 0.05, qPrintable(QString::number(peak.x())));
        QVERIFY(std::abs(peak.y() - 9.0) < 0.2);
        QCOMPARE(curve.front().x(), 20.0);
        QVERIFY(std::abs(curve.back().x() - 20000.0) < 1e-6);
        for (const auto& p : eqCurve({}))
            QCOMPARE(p.y(), 0.0);
    }

    void answersAreWrittenOnTheWriterThreadBeforeTheReveal()
    {
        Rig rig;
        QVERIFY(rig.writer->writerThread() != QThread::currentThread());
        QList<QThread*> writtenOn;
        connect(rig.writer.get(), &DatabaseWriter::committed, this,
                [&](quint64, qint64, const QString&, QThread* thread) { writtenOn << thread; });
        int rowsAtReveal = -1;
        connect(rig.session.get(), &Session::phaseChanged, this, [&] {
            if (rig.session->phase() == Session::Revealed)
                rowsAtReveal = rig.store->attemptCount("eq-band"); // the UI thread's own connection
        });
        rig.session->start("eq-band", 3);
        for (int i = 1; i <= 3; ++i) {
            QVERIFY(waitForQuestion(*rig.session));
            rig.session->choose(0);
            QVERIFY(rig.session->confirm());
            // Until the writer acknowledges, the question stays and takes no other answer.
            QCOMPARE(rig.session->phase(), Session::Question);
            QVERIFY(rig.session->saving());
            QVERIFY(!rig.session->canConfirm());
            QVERIFY(!rig.session->confirm());
            QVERIFY(waitForReveal(*rig.session));
            QCOMPARE(rowsAtReveal, i);
            rig.session->next();
        }
        QCOMPARE(writtenOn.size(), 3);
        for (QThread* thread : writtenOn) {
            QVERIFY(thread != QThread::currentThread());
            QCOMPARE(thread, rig.writer->writerThread());
        }
    }

    void storeWriteFailureKeepsTheQuestion()
    {
        Rig rig;
        rig.session->start("eq-band", 2);
        QVERIFY(waitForQuestion(*rig.session));
        rig.writer->close(); // the writer's connection is gone: every write now fails
        rig.session->choose(0);
        QVERIFY(rig.session->confirm());
        QVERIFY(QTest::qWaitFor([&] { return !rig.session->saving(); }, 60000));
        QCOMPARE(rig.session->phase(), Session::Question);
        QVERIFY(!rig.session->errorMessage().isEmpty());
        QCOMPARE(rig.session->selectedOption(), 0); // the answer is still there
        QCOMPARE(rig.store->attemptCount("eq-band"), 0);
        rig.writer->open(rig.dir.filePath("progress.sqlite"));
        QVERIFY(rig.session->confirm());
        QVERIFY(waitForReveal(*rig.session));
        QVERIFY(rig.session->errorMessage().isEmpty());
        QCOMPARE(rig.store->attemptCount("eq-band"), 1);
    }

    void aLockedDatabaseKeepsTheQuestionUntilTheWriteSucceeds()
    {
        Rig rig;
        rig.session->start("eq-band", 2);
        QVERIFY(waitForQuestion(*rig.session));
        // Another program holds the write lock longer than the writer's busy timeout (5 s).
        auto raw = std::make_unique<test::RawDatabase>(rig.dir.filePath("progress.sqlite"));
        QCOMPARE(raw->run("BEGIN IMMEDIATE"), QString());
        rig.session->choose(1);
        QVERIFY(rig.session->confirm());
        QVERIFY(QTest::qWaitFor([&] { return !rig.session->saving(); }, 60000));
        QCOMPARE(rig.session->phase(), Session::Question);
        QVERIFY2(rig.session->errorMessage().contains("locked", Qt::CaseInsensitive),
                 qPrintable(rig.session->errorMessage()));
        QCOMPARE(raw->run("ROLLBACK"), QString());
        raw.reset();
        QVERIFY(rig.session->confirm()); // Enter again
        QVERIFY(waitForReveal(*rig.session));
        QCOMPARE(rig.store->attemptCount("eq-band"), 1);
    }

    void aDeletedDatabaseKeepsTheAnswerOnScreenAndSaysWhy()
    {
        // SQLite would accept the write into the deleted file and lose it at exit.
        Rig rig;
        rig.session->start("eq-band", 2);
        QVERIFY(waitForQuestion(*rig.session));
        QVERIFY(QFile::remove(rig.dir.filePath("progress.sqlite")));
        rig.session->choose(2);
        QVERIFY(rig.session->confirm());
        QVERIFY(QTest::qWaitFor([&] { return !rig.session->saving(); }, 60000));
        QCOMPARE(rig.session->phase(), Session::Question);
        QCOMPARE(rig.session->selectedOption(), 2);
        const QString message = rig.session->errorMessage();
        QVERIFY2(message.contains(rig.dir.filePath("progress.sqlite")) && message.contains("deleted"),
                 qPrintable(message));
    }

    void aJobThatThrowsFailsAloneAndTheWriterGoesOn()
    {
        Rig rig;
        QStringList failures;
        connect(rig.writer.get(), &DatabaseWriter::failed, this, [&](quint64, const QString& m) { failures << m; });
        rig.writer->submit(QStringLiteral("Could not save the music library"),
                           [](ProgressStore&) { throw std::runtime_error("something unexpected"); });
        Attempt a;
        a.exercise = "eq-band";
        a.source = "pink-noise";
        a.answeredAt = QDateTime::currentDateTimeUtc();
        bool committed = false;
        connect(rig.writer.get(), &DatabaseWriter::committed, this, [&] { committed = true; });
        rig.writer->write(a);
        QVERIFY(QTest::qWaitFor([&] { return committed; }, 60000));
        QCOMPARE(failures.size(), 1);
        QVERIFY2(failures[0].contains("something unexpected") && failures[0].contains(rig.store->path()),
                 qPrintable(failures[0]));
        QCOMPARE(rig.store->attemptCount("eq-band"), 1);
    }

    void writerJobsRefuseADeletedDatabase()
    {
        // Library rows and levels go through submit(): the same check, before the job runs.
        Rig rig;
        QVERIFY(QFile::remove(rig.dir.filePath("progress.sqlite")));
        bool ran = false;
        QString failure;
        connect(rig.writer.get(), &DatabaseWriter::failed, this, [&](quint64, const QString& m) { failure = m; });
        rig.writer->submit(QStringLiteral("Could not save the music library"), [&](ProgressStore&) { ran = true; });
        QVERIFY(QTest::qWaitFor([&] { return !failure.isEmpty(); }, 60000));
        QVERIFY(!ran);
        QVERIFY2(failure.contains("deleted"), qPrintable(failure));
    }

    void numberKeysReachEveryThirdOctaveBand()
    {
        Rig rig;
        rig.store->saveLevel("eq-band", 6); // third-octave bands (pink noise: all 26 audible)
        rig.session->start("eq-band", 1);
        QVERIFY(waitForQuestion(*rig.session));
        Session& s = *rig.session;
        QCOMPARE(s.answerOptions()->count(), 26);
        QCOMPARE(s.answerOptions()->keyGroupCount(), 3);
        QCOMPARE(s.answerOptions()->keyGroup(), 0);
        QCOMPARE(keyLabels(s).mid(0, 11), (QStringList{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", ""}));
        QVERIFY(s.pressKey("0"));
        QCOMPARE(s.selectedOption(), 9);
        s.moveKeyGroup(1);
        QCOMPARE(s.answerOptions()->keyGroup(), 1);
        QCOMPARE(keyLabels(s)[19], QString("0"));
        QCOMPARE(keyLabels(s)[9], QString());
        QVERIFY(s.pressKey("0"));
        QCOMPARE(s.selectedOption(), 19); // the 20th band
        QCOMPARE(s.answerOptions()->at(19)->value, 4000.0);
        // The last group holds six bands: 7..0 reach nothing there.
        s.moveKeyGroup(1);
        QCOMPARE(s.answerOptions()->keyGroup(), 2);
        QVERIFY(s.pressKey("6"));
        QCOMPARE(s.selectedOption(), 25);
        QVERIFY(!s.pressKey("7"));
        QCOMPARE(s.selectedOption(), 25);
        s.moveKeyGroup(1); // stays on the last group
        QCOMPARE(s.answerOptions()->keyGroup(), 2);
        // Moving the selection carries the group along.
        s.choose(12);
        QCOMPARE(s.answerOptions()->keyGroup(), 1);
        s.moveSelection(-3);
        QCOMPARE(s.selectedOption(), 9);
        QCOMPARE(s.answerOptions()->keyGroup(), 0);
        QVERIFY(!s.answerOptions()->keyGroupText().isEmpty());
    }

    void octaveLevelsKeepOneGroupOfNumberKeys()
    {
        Rig rig;
        rig.store->saveLevel("eq-band", 3); // nine octave bands, boost or cut
        rig.session->start("eq-band", 1);
        QVERIFY(waitForQuestion(*rig.session));
        Session& s = *rig.session;
        QCOMPARE(s.answerOptions()->count(), 9);
        QCOMPARE(s.answerOptions()->keyGroupCount(), 1);
        QCOMPARE(keyLabels(s), (QStringList{"1", "2", "3", "4", "5", "6", "7", "8", "9"}));
        s.moveKeyGroup(1);
        QCOMPARE(s.answerOptions()->keyGroup(), 0);
        QVERIFY(s.pressKey("9"));
        QCOMPARE(s.selectedOption(), 8);
        QVERIFY(!s.pressKey("0"));
    }

    void sessionLengthComesFromTheSettings()
    {
        Rig rig;
        QCOMPARE(rig.session->plannedQuestionCount(), 10); // the default
        QSignalSpy planned(rig.session.get(), &Session::plannedQuestionCountChanged);
        rig.preferences->setQuestionsPerSession(5);
        QCOMPARE(planned.count(), 1);
        rig.session->start("eq-band");
        QCOMPARE(rig.session->questionCount(), 5);
        rig.session->quit();
        // Kept in the settings file, within range.
        Preferences again(rig.dir.filePath("settings.ini"));
        QCOMPARE(again.questionsPerSession(), 5);
        again.setQuestionsPerSession(0);
        QCOMPARE(again.questionsPerSession(), Preferences::kMinQuestions);
        again.setQuestionsPerSession(1000);
        QCOMPARE(again.questionsPerSession(), Preferences::kMaxQuestions);
        // --questions wins over the setting.
        appOptions().questionsPerSession = 3;
        QCOMPARE(rig.session->plannedQuestionCount(), 3);
        appOptions().questionsPerSession = 0;
    }

    void modelsPassTheModelTester()
    {
        QTemporaryDir dir;
        ProgressStore store;
        store.open(dir.filePath("p.sqlite"));
        const ExerciseCatalogue catalogue = ExerciseCatalogue::standard();
        ExerciseListModel exercises(&catalogue, &store);
        QAbstractItemModelTester t1(&exercises, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(exercises.rowCount(), catalogue.size()); // every exercise of the catalogue
        QCOMPARE(exercises.data(exercises.index(0), ExerciseListModel::RecentAccuracyRole).toInt(), -1);
        store.saveLevel("eq-band", 3);
        Attempt a;
        a.exercise = "eq-band";
        a.level = 3;
        a.correct = true;
        a.score = 1;
        a.source = "pink-noise";
        a.answeredAt = QDateTime::currentDateTimeUtc();
        store.recordAttempt(a);
        exercises.refresh();
        QCOMPARE(exercises.data(exercises.index(0), ExerciseListModel::LevelRole).toInt(), 3);
        QCOMPARE(exercises.data(exercises.index(0), ExerciseListModel::RecentAccuracyRole).toInt(), 100);

        Preferences preferences(dir.filePath("s.ini"));
        DatabaseWriter writer;
        writer.openFor(&store);
        Library library(&store, &writer, &preferences);
        QAbstractItemModelTester t2(&library, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(library.rowCount() >= 1);
        // A broken file is listed with its error; the scan goes on.
        QFile broken(dir.filePath("broken.wav"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("RIFF....WAVEnot really");
        broken.close();
        const int before = library.rowCount();
        library.addPaths({broken.fileName()});
        QCOMPARE(library.rowCount(), before + 1);
        QVERIFY(QTest::qWaitFor([&] { return !library.scanning(); }, 30000));
        QCOMPARE(library.brokenCount(), 1);
        const QModelIndex row = library.index(before);
        QCOMPARE(library.data(row, Library::StatusRole).toString(), QString("broken"));
        QVERIFY(!library.data(row, Library::ErrorRole).toString().isEmpty());
        // The list persists, broken file and all.
        Library again(&store, &writer, &preferences);
        QCOMPARE(again.rowCount(), before + 1);
        QCOMPARE(again.brokenCount(), 1);
    }

    void corruptDatabaseIsReportedOnce()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("progress.sqlite");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'x'));
        file.close();
        auto& options = appOptions();
        options.databasePath = path;
        options.databasePathSet = true;
        options.settingsFile = dir.filePath("settings.ini");
        options.autoOpenAudio = false;
        App app;
        QVERIFY(!app.recoveryMessage().isEmpty());
        QVERIFY(app.storeProblem().isEmpty());
        QSignalSpy spy(&app, &App::recoveryMessageChanged);
        app.dismissRecovery();
        QCOMPARE(spy.count(), 1);
        QVERIFY(app.recoveryMessage().isEmpty());
        options = AppOptions{};
    }
};

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName("EarLabTest");
    QApplication::setApplicationName("EarLabTest");
    TestAppSession test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_app_session.moc"
