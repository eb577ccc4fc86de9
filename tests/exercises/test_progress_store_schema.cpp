// Progress store schema: a fresh file is at the latest version, a hand-made version-1 file
// is migrated with its rows intact, a failing step is rolled back whole, and files from a
// newer EarLab (or another program) are refused without changing a byte.

#include "exercises/progress_store.h"
#include "exercises/store_schema.h"
#include "support/raw_database.h"
#include "support/scratch_files.h"
#include "support/store_helpers.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

#include <functional>

using namespace earlab;
using namespace earlab::test;

namespace {

bool hasObject(const QString& path, const QString& type, const QString& name)
{
    return RawDatabase(path)
               .value(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type='%1' AND name='%2'")
                        .arg(type, name))
               .toInt() == 1;
}

// Version 1 exactly as it was released, written by hand (not by the code under test).
void makeVersionOneDatabase(const QString& path)
{
    RawDatabase raw(path);
    const QStringList sql = {
        QStringLiteral("CREATE TABLE attempts (id INTEGER PRIMARY KEY, exercise TEXT NOT NULL,"
                       " level INTEGER NOT NULL, seed INTEGER NOT NULL, hidden TEXT NOT NULL,"
                       " answer TEXT NOT NULL, score REAL NOT NULL, correct INTEGER NOT NULL,"
                       " response_ms INTEGER NOT NULL, source TEXT NOT NULL,"
                       " answered_at TEXT NOT NULL)"),
        QStringLiteral("INSERT INTO attempts VALUES (1, 'eq-band', 1, 42, '{\"frequency_hz\":1000}',"
                       " '{\"frequency_hz\":2000}', 0.5, 0, 1500, 'builtin:pink',"
                       " '2023-12-31T23:59:59.999Z')"),
        QStringLiteral("INSERT INTO attempts VALUES (2, 'eq-band', 2, -1, '{\"frequency_hz\":250}',"
                       " '{\"frequency_hz\":250}', 1.0, 1, 900, 'builtin:pop',"
                       " '2024-01-01T00:00:00.000Z')"),
        QStringLiteral("INSERT INTO attempts VALUES (3, 'eq-gain', 1, 7, '{\"gain_db\":6}',"
                       " '{\"gain_db\":3}', 0.25, 0, 3000, '/music/a.flac',"
                       " '2024-01-02T10:00:00.123Z')"),
        QStringLiteral("PRAGMA user_version = 1"),
    };
    for (const QString& statement : sql)
        QVERIFY2(raw.run(statement).isEmpty(), qPrintable(statement));
}

} // namespace

class TestProgressStoreSchema : public QObject {
    Q_OBJECT

private slots:
    void stepsAreOrderedAndEndAtTen()
    {
        const auto& steps = store::migrationSteps();
        QVERIFY(!steps.isEmpty());
        for (int i = 0; i < steps.size(); ++i)
            QCOMPARE(steps.at(i).version, i + 1);
        QCOMPARE(store::latestSchemaVersion(), 10);
    }

    void freshDatabaseIsAtLatestVersion()
    {
        ProgressStore memory;
        memory.open(QString());
        QCOMPARE(memory.schemaVersion(), 10);

        const QString path = scratch("schema-fresh") + QStringLiteral("/progress.sqlite");
        {
            ProgressStore disk;
            disk.open(path);
            QCOMPARE(disk.schemaVersion(), 10);
        }
        QCOMPARE(RawDatabase(path).value(QStringLiteral("PRAGMA user_version")).toInt(), 10);
        QVERIFY(hasObject(path, QStringLiteral("table"), QStringLiteral("attempts")));
        QVERIFY(hasObject(path, QStringLiteral("table"), QStringLiteral("exercise_state")));
        QVERIFY(hasObject(path, QStringLiteral("index"), QStringLiteral("attempts_by_exercise_time")));
        QVERIFY(hasObject(path, QStringLiteral("table"), QStringLiteral("exercise_resets")));
        QVERIFY(hasObject(path, QStringLiteral("index"), QStringLiteral("attempts_by_session")));
        QVERIFY(hasObject(path, QStringLiteral("table"), QStringLiteral("blind_logs")));
        QVERIFY(hasObject(path, QStringLiteral("index"), QStringLiteral("attempts_statistics")));
        QVERIFY(hasObject(path, QStringLiteral("index"), QStringLiteral("attempts_eq_statistics")));
        QVERIFY(hasObject(path, QStringLiteral("index"), QStringLiteral("blind_logs_by_time")));
        QVERIFY(hasObject(path, QStringLiteral("index"), QStringLiteral("attempts_by_uid")));
        QVERIFY(hasObject(path, QStringLiteral("index"), QStringLiteral("attempts_by_time")));
        QVERIFY(hasObject(path, QStringLiteral("table"), QStringLiteral("track_markers")));
        QVERIFY(hasObject(path, QStringLiteral("index"), QStringLiteral("track_markers_by_path")));
    }

    void stepNineGivesEveryAnswerAStableUniqueId()
    {
        const QString path = scratch("schema-uid") + QStringLiteral("/progress.sqlite");
        makeVersionOneDatabase(path);
        if (QTest::currentTestFailed())
            return;
        const QRegularExpression form(QStringLiteral("^[0-9a-f]{32}$"));
        QStringList uids;
        {
            ProgressStore store;
            store.open(path);
            for (const QString& exercise : {QStringLiteral("eq-band"), QStringLiteral("eq-gain")})
                for (const Attempt& a : store.recentAttempts(exercise, -1))
                    uids << a.uid;
        }
        QCOMPARE(uids.size(), 3);
        for (const QString& uid : uids)
            QVERIFY2(form.match(uid).hasMatch(), qPrintable(uid));
        QCOMPARE(QSet<QString>(uids.begin(), uids.end()).size(), 3);

        // Stable: the same ids after reopening (the migration ran once).
        ProgressStore store;
        store.open(path);
        QStringList again;
        for (const QString& exercise : {QStringLiteral("eq-band"), QStringLiteral("eq-gain")})
            for (const Attempt& a : store.recentAttempts(exercise, -1))
                again << a.uid;
        QCOMPARE(again, uids);

        // A new answer gets its own; one given keeps it; a duplicate or a malformed one is
        // refused, naming the file, and nothing is written.
        Attempt fresh = store.recentAttempts(QStringLiteral("eq-gain"), 1).first();
        fresh.uid.clear();
        store.recordAttempt(fresh);
        const QString made = store.recentAttempts(QStringLiteral("eq-gain"), 1).first().uid;
        QVERIFY2(form.match(made).hasMatch() && !uids.contains(made), qPrintable(made));
        fresh.uid = QStringLiteral("0123456789abcdef0123456789abcdef");
        store.recordAttempt(fresh);
        QCOMPARE(store.recentAttempts(QStringLiteral("eq-gain"), 1).first().uid, fresh.uid);
        QCOMPARE(store.attemptCount(QStringLiteral("eq-gain")), 3);
        const QString duplicate = storeErrorOf([&] { store.recordAttempt(fresh); });
        QVERIFY2(duplicate.contains(path), qPrintable(duplicate));
        fresh.uid = QStringLiteral("0123456789ABCDEF0123456789ABCDEF");
        const QString malformed = storeErrorOf([&] { store.recordAttempt(fresh); });
        QVERIFY2(malformed.contains(path) && malformed.contains(fresh.uid), qPrintable(malformed));
        QCOMPARE(store.attemptCount(QStringLiteral("eq-gain")), 3);
    }

    void migratesVersionOneKeepingRows()
    {
        const QString path = scratch("schema-v1") + QStringLiteral("/progress.sqlite");
        makeVersionOneDatabase(path);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(!hasObject(path, QStringLiteral("table"), QStringLiteral("exercise_state")));

        ProgressStore store;
        store.open(path);
        QVERIFY(store.recoveryMessage().isEmpty());
        QCOMPARE(store.schemaVersion(), 10);
        QVERIFY(hasObject(path, QStringLiteral("table"), QStringLiteral("exercise_state")));
        QVERIFY(hasObject(path, QStringLiteral("index"), QStringLiteral("attempts_by_exercise_time")));

        const QList<Attempt> band = store.recentAttempts(QStringLiteral("eq-band"), -1);
        QCOMPARE(band.size(), 2);
        Attempt second;
        second.id = 2;
        second.exercise = QStringLiteral("eq-band");
        second.level = 2;
        second.seed = ~quint64(0); // stored as -1
        second.hidden = {{QStringLiteral("frequency_hz"), 250}};
        second.answer = {{QStringLiteral("frequency_hz"), 250}};
        second.score = 1.0;
        second.correct = true;
        second.responseMs = 900;
        second.source = QStringLiteral("builtin:pop");
        second.answeredAt = QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
        second.material = QStringLiteral("builtin"); // from its source, by step 6
        QCOMPARE(band.at(0), second);
        QCOMPARE(band.at(1).id, qint64(1));
        QCOMPARE(band.at(1).answeredAt, QDateTime(QDate(2023, 12, 31), QTime(23, 59, 59, 999), Qt::UTC));
        QCOMPARE(store.attemptCount(QStringLiteral("eq-gain")), 1);
        QCOMPARE(store.recentAttempts(QStringLiteral("eq-gain"), 1).first().material, QStringLiteral("music"));

        // The new table works and new rows continue after the old ones.
        store.saveLevel(QStringLiteral("eq-band"), 3);
        QCOMPARE(store.savedLevel(QStringLiteral("eq-band")), std::optional<int>(3));
        Attempt next = second;
        next.answeredAt = next.answeredAt.addDays(1);
        QCOMPARE(store.recordAttempt(next), qint64(4));
    }

    void failingStepIsRolledBackWhole()
    {
        // Something already holds the new index's name: step 2's first statement
        // (CREATE TABLE exercise_state) succeeds, its second fails. All of it must be undone.
        const QString path = scratch("schema-rollback") + QStringLiteral("/progress.sqlite");
        makeVersionOneDatabase(path);
        if (QTest::currentTestFailed())
            return;
        RawDatabase(path).run(QStringLiteral("CREATE TABLE attempts_by_exercise_time (x)"));

        ProgressStore store;
        const QString message = storeErrorOf([&] { store.open(path); });
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("version 2")), qPrintable(message));
        QVERIFY(!store.isOpen());
        QCOMPARE(RawDatabase(path).value(QStringLiteral("PRAGMA user_version")).toInt(), 1);
        QVERIFY(!hasObject(path, QStringLiteral("table"), QStringLiteral("exercise_state")));
        QCOMPARE(RawDatabase(path).value(QStringLiteral("SELECT count(*) FROM attempts")).toInt(), 3);
    }

    void refusesNewerVersionLeavingFileUnchanged()
    {
        const QString dir = scratch("schema-future");
        const QString path = dir + QStringLiteral("/progress.sqlite");
        {
            RawDatabase raw(path);
            raw.run(QStringLiteral("CREATE TABLE attempts (id INTEGER PRIMARY KEY, future TEXT)"));
            raw.run(QStringLiteral("INSERT INTO attempts (future) VALUES ('from EarLab 9')"));
            raw.run(QStringLiteral("PRAGMA user_version = 99"));
        }
        const QByteArray before = readBytes(path);
        QVERIFY(!before.isEmpty());

        ProgressStore store;
        const QString message = storeErrorOf([&] { store.open(path); });
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("newer")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("99")), qPrintable(message));
        QVERIFY(!store.isOpen());
        QCOMPARE(readBytes(path), before);
        // Nothing moved aside, no journal left behind: only the file itself.
        QCOMPARE(QDir(dir).entryList(QDir::Files), QStringList{QStringLiteral("progress.sqlite")});
    }

    void refusesAnotherProgramsDatabase()
    {
        const QString dir = scratch("schema-foreign");
        const QString path = dir + QStringLiteral("/progress.sqlite");
        RawDatabase(path).run(QStringLiteral("CREATE TABLE songs (title TEXT)"));
        const QByteArray before = readBytes(path);

        ProgressStore store;
        const QString message = storeErrorOf([&] { store.open(path); });
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("not one written by EarLab")), qPrintable(message));
        QCOMPARE(readBytes(path), before);
        QCOMPARE(QDir(dir).entryList(QDir::Files), QStringList{QStringLiteral("progress.sqlite")});
    }
};

QTEST_GUILESS_MAIN(TestProgressStoreSchema)
#include "test_progress_store_schema.moc"
