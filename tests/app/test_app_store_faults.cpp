// The app on a progress database it cannot use: it opens, training works, and the one banner
// says why nothing is saved (never "saved" beside it). Paths that are not files are refused
// before SQLite sees them; a full disk at start is named and the history still shown.

#include "app/src/app.h"
#include "app/src/app_options.h"
#include "app/src/banner_state.h"
#include "app/src/session.h"

#include "exercises/progress_store.h"
#include "exercises/store_fault_support.h"

#include <QApplication>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace earlab;
using namespace earlab::app;
using namespace earlab::test;

namespace {

// appOptions() for one App on `db`, reset when the test ends.
struct OptionsFor {
    explicit OptionsFor(const QString& db, const QString& settings)
    {
        auto& options = appOptions();
        options.databasePath = db;
        options.databasePathSet = true;
        options.settingsFile = settings;
        options.autoOpenAudio = false;
    }
    ~OptionsFor() { appOptions() = AppOptions{}; }
};

void expectNotSavedBanner(App& app, const QString& path, const QString& cause)
{
    QVERIFY2(app.storeProblem().contains(path), qPrintable(app.storeProblem()));
    QVERIFY2(app.storeProblem().contains(cause), qPrintable(app.storeProblem()));
    QCOMPARE(app.banner()->kind(), BannerState::NotSaved);
    QVERIFY(!app.banner()->saving());
    QCOMPARE(app.banner()->text(), app.storeProblem());
    QVERIFY(!app.banner()->text().contains(QStringLiteral("still saved")));
    QVERIFY(app.banner()->text().contains(QStringLiteral("Training works")));
}

} // namespace

class TestAppStoreFaults : public QObject {
    Q_OBJECT

private slots:
    void namedPipeIsRefusedAndTrainingGoesOn()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("progress.sqlite"));
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0644), 0);
        OptionsFor options(path, dir.filePath(QStringLiteral("settings.ini")));
        {
            App app;
            expectNotSavedBanner(app, path, QStringLiteral("a named pipe"));
            QCOMPARE(app.attemptCount(QStringLiteral("eq-band")), 0); // it reads (in memory)
        }
        // Nothing beside it: no -journal, -wal or -shm.
        QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("progress.sqlite*")},
                                            QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System),
                 QStringList{QStringLiteral("progress.sqlite")});
    }

    void fullDiskAtStartShowsTheHistory()
    {
        SmallDisk disk(512); // room for a schema-9 database and its WAL
        EARLAB_SKIP_UNLESS_MOUNTED(disk);
        const QString path = disk.filePath(QStringLiteral("progress.sqlite"));
        {
            ProgressStore store;
            store.open(path);
            for (int n = 0; n < 5; ++n)
                store.recordAttempt(faultTestAnswer(n));
        }
        QVERIFY(disk.fill() > 0);
        QTemporaryDir settings;
        OptionsFor options(path, settings.filePath(QStringLiteral("settings.ini")));
        App app;
        expectNotSavedBanner(app, path, QStringLiteral("the disk holding it is full"));
        QCOMPARE(app.attemptCount(QStringLiteral("eq-band")), 5); // the history, from a working copy
        QCOMPARE(app.databasePath(), path);
    }

    // The disk fills up mid-session: the answer stays on screen ("Saving your answer…"),
    // the banner names the full disk, and once there is space the answer is written and the
    // reveal follows, by itself.
    void fullDiskMidSessionKeepsTheAnswerUntilThereIsSpace()
    {
        SmallDisk disk(512);
        EARLAB_SKIP_UNLESS_MOUNTED(disk);
        const QString path = disk.filePath(QStringLiteral("progress.sqlite"));
        QTemporaryDir settings;
        OptionsFor options(path, settings.filePath(QStringLiteral("settings.ini")));
        App app;
        QVERIFY2(app.storeProblem().isEmpty(), qPrintable(app.storeProblem()));
        Session* session = app.session();
        app.startExercise(QStringLiteral("eq-band"));
        QVERIFY(disk.fill() > 0);

        bool waiting = false;
        for (int question = 0; question < 50 && !waiting; ++question) {
            QVERIFY(QTest::qWaitFor([&] { return session->phase() == Session::Question; }, 30000));
            session->choose(0);
            QVERIFY(session->confirm());
            QVERIFY(QTest::qWaitFor([&] {
                return session->phase() == Session::Revealed || app.banner()->kind() == BannerState::WaitingForSpace;
            }, 10000));
            waiting = app.banner()->kind() == BannerState::WaitingForSpace;
            if (!waiting)
                session->next();
        }
        QVERIFY(waiting);
        QCOMPARE(session->phase(), Session::Question); // the answer is still on screen
        QVERIFY(session->saving());
        QVERIFY(session->errorMessage().isEmpty());
        QVERIFY2(app.banner()->text().contains(QStringLiteral("the disk is full")), qPrintable(app.banner()->text()));
        QVERIFY(app.banner()->text().contains(path));
        const int before = app.attemptCount(QStringLiteral("eq-band"));

        QVERIFY(disk.makeSpace());
        QVERIFY(QTest::qWaitFor([&] { return session->phase() == Session::Revealed; }, 20000));
        QCOMPARE(app.attemptCount(QStringLiteral("eq-band")), before + 1);
        QVERIFY(QTest::qWaitFor([&] { return app.banner()->kind() != BannerState::WaitingForSpace; }, 10000));
    }
};

int main(int argc, char** argv)
{
    QApplication application(argc, argv);
    QApplication::setOrganizationName("EarLabTest");
    QApplication::setApplicationName("EarLabTest");
    TestAppStoreFaults test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_app_store_faults.moc"
