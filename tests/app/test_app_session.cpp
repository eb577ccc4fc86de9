// The app's C++ controllers with the real engine (capture ALSA config) and an on-disk
// progress store: whole sessions, answers stored before the reveal, promotion, the models,
// the reveal's curves and the corrupt-database banner.
#include "app/src/app.h"
#include "app/src/app_options.h"
#include "app/src/audio_output.h"
#include "app/src/eq_curve.h"
#include "app/src/library.h"
#include "app/src/preferences.h"
#include "app/src/session.h"

#include "exercises/progress_store.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

using namespace earlab;
using namespace earlab::app;

class TestAppSession : public QObject {
    Q_OBJECT

private:
    struct Rig {
        QTemporaryDir dir;
        std::unique_ptr<ProgressStore> store = std::make_unique<ProgressStore>();
        std::unique_ptr<Preferences> preferences;
        std::unique_ptr<AudioOutput> audio;
        std::unique_ptr<Session> session;

        Rig()
        {
            store->open(dir.filePath("progress.sqlite"));
            preferences = std::make_unique<Preferences>(dir.filePath("settings.ini"));
            audio = std::make_unique<AudioOutput>(preferences.get());
            audio->retry();
            session = std::make_unique<Session>(store.get(), audio.get(), preferences.get(),
                                                [] { return MaterialRef::pinkNoise(); });
        }
        ~Rig() { session.reset(); }
    };

    static bool waitForQuestion(Session& s)
    {
        return QTest::qWaitFor([&] { return s.phase() == Session::Question; }, 60000);
    }

    // Answers the question on screen, right or wrong, as a listener who knows the truth.
    static void answer(Session& s, bool right)
    {
        const int truth = s.correctOption();
        QVERIFY(truth >= 0);
        s.choose(right ? truth : (truth + 1) % int(s.options().size()));
        s.setAnswerBoost(s.correctBoost());
        QVERIFY(s.confirm());
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
            QVERIFY(!rig.session->options().isEmpty());
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
        QCOMPARE(rig.session->options().size(), 9); // level 2: nine octave bands
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

    void gainExerciseAsksTheAmount()
    {
        Rig rig;
        rig.session->start("eq-gain", 1);
        QVERIFY(waitForQuestion(*rig.session));
        QVERIFY(rig.session->directionAsked());
        QVERIFY(!rig.session->focusBand().isEmpty());
        QCOMPARE(rig.session->options().size(), 2); // level 1: 6 or 12 dB
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

    void storeWriteFailureKeepsTheQuestion()
    {
        Rig rig;
        rig.session->start("eq-band", 2);
        QVERIFY(waitForQuestion(*rig.session));
        rig.store->close(); // every write now fails
        rig.session->choose(0);
        QVERIFY(!rig.session->confirm());
        QCOMPARE(rig.session->phase(), Session::Question);
        QVERIFY(!rig.session->errorMessage().isEmpty());
        rig.store->open(rig.dir.filePath("progress.sqlite"));
        QVERIFY(rig.session->confirm());
        QCOMPARE(rig.session->phase(), Session::Revealed);
        QVERIFY(rig.session->errorMessage().isEmpty());
        QCOMPARE(rig.store->attemptCount("eq-band"), 1);
    }

    void modelsPassTheModelTester()
    {
        QTemporaryDir dir;
        ProgressStore store;
        store.open(dir.filePath("p.sqlite"));
        ExerciseListModel exercises(&store);
        QAbstractItemModelTester t1(&exercises, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(exercises.rowCount(), 2);
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
        Library library(&preferences);
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
        // The list persists.
        Library again(&preferences);
        QCOMPARE(again.rowCount(), before + 1);
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
