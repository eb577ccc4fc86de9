// Progress store basics: every field round-trips (in memory and through a reopened file),
// writes are committed when recordAttempt returns, queries filter and order, and every
// failure is a StoreError that names the file.

#include "exercises/progress_store.h"
#include "support/scratch_files.h"
#include "support/store_helpers.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QtTest>

#include <cmath>
#include <functional>
#include <limits>

using namespace earlab;
using namespace earlab::test;

namespace {

// Values chosen to catch lossy storage: a seed with the sign bit set, a score with all
// its digits, non-ASCII text, nested JSON, milliseconds, a non-UTC time zone, a staircase
// value with all its digits and every field away from its default.
Attempt sampleAttempt(int n)
{
    Attempt a;
    a.exercise = QStringLiteral("eq-band");
    a.level = 3 + n;
    a.seed = 0xFEDCBA9876543210ULL + quint64(n);
    a.hidden = {{QStringLiteral("type"), QStringLiteral("peaking")},
                {QStringLiteral("frequency_hz"), 1000.0 * (n + 1)},
                {QStringLiteral("gain_db"), -6.5},
                {QStringLiteral("q"), 1.4142135623730951},
                {QStringLiteral("avoided"), QJsonArray{63, 16000}}};
    a.answer = {{QStringLiteral("frequency_hz"), 2000.0}, {QStringLiteral("flat"), false}};
    a.score = 0.1234567890123457;
    a.correct = n % 2 == 1;
    a.responseMs = 1234 + n;
    a.source = QStringLiteral("/music/Sigur Rós – Hoppípolla.flac");
    a.answeredAt = QDateTime(QDate(2024, 5, 1), QTime(9, 30, 0, 250), QTimeZone(3600 * 2))
                       .addSecs(60 * n);
    a.session = QStringLiteral("5b0e7c1d-93a2-4f6e-b8d4-0c1a2b3c4d5e");
    a.material = attempt_material::music;
    a.value = 0.1 * 7.0 + n; // 0.7000000000000001: no short decimal form
    a.format = 3;
    a.heard = n % 3 != 2;
    return a;
}

// A ladder exercise's answer on pink noise: no staircase value, the default format.
Attempt ladderAttempt(int n)
{
    Attempt a = sampleAttempt(n);
    a.value = qQNaN();
    a.material = attempt_material::noise;
    a.source = QStringLiteral("pink-noise");
    a.format = 1;
    return a;
}

QStringList storeConnections()
{
    return QSqlDatabase::connectionNames().filter(QStringLiteral("earlab-progress-"));
}

} // namespace

class TestProgressStore : public QObject {
    Q_OBJECT

private slots:
    void roundTripsEveryFieldInMemory()
    {
        ProgressStore store;
        store.open(QString());
        QCOMPARE(store.path(), QStringLiteral(":memory:"));
        Attempt expected = sampleAttempt(1);
        expected.id = store.recordAttempt(expected);
        QVERIFY(expected.id > 0);
        const QList<Attempt> read = store.recentAttempts(expected.exercise, 10);
        QCOMPARE(read.size(), 1);
        QCOMPARE(read.first(), expected);
    }

    void roundTripsEveryFieldOnDisk()
    {
        const QString path = scratch("store-disk") + QStringLiteral("/sub/dir/progress.sqlite");
        QList<Attempt> expected = {sampleAttempt(0), sampleAttempt(1)};
        {
            ProgressStore store;
            store.open(path); // creates the missing folders
            for (Attempt& a : expected)
                a.id = store.recordAttempt(a);
        }
        QVERIFY(QFile::exists(path));
        ProgressStore reopened;
        reopened.open(path);
        QVERIFY(reopened.recoveryMessage().isEmpty());
        const QList<Attempt> read = reopened.recentAttempts(QStringLiteral("eq-band"), -1);
        QCOMPARE(read.size(), 2);
        QCOMPARE(read.at(0), expected.at(1)); // newest first
        QCOMPARE(read.at(1), expected.at(0));
    }

    void roundTripsALadderAnswerWithoutValue()
    {
        const QString path = scratch("store-ladder") + QStringLiteral("/progress.sqlite");
        Attempt expected = ladderAttempt(0);
        {
            ProgressStore store;
            store.open(path);
            expected.id = store.recordAttempt(expected);
        }
        ProgressStore reopened;
        reopened.open(path);
        const QList<Attempt> read = reopened.recentAttempts(expected.exercise, -1);
        QCOMPARE(read.size(), 1);
        QCOMPARE(read.first(), expected);
        QVERIFY(std::isnan(read.first().value));
        // NULL in the file, as the schema says; a staircase value is a REAL.
        reopened.recordAttempt(sampleAttempt(1));
        QSqlQuery query(QSqlDatabase::database(storeConnections().constFirst()));
        QVERIFY(query.exec(QStringLiteral("SELECT value IS NULL, typeof(value), material, format, heard"
                                          " FROM attempts ORDER BY id")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 1);
        QCOMPARE(query.value(2).toString(), QStringLiteral("noise"));
        QCOMPARE(query.value(3).toInt(), 1);
        QCOMPARE(query.value(4).toInt(), 1);
        QVERIFY(query.next());
        QCOMPARE(query.value(1).toString(), QStringLiteral("real"));
        QCOMPARE(query.value(4).toInt(), 1); // sampleAttempt(1) was heard
    }

    void attemptsCompareNanValuesAsEqual()
    {
        // Two "no staircase value"s are the same; a value and none, or two values, are not.
        QCOMPARE(ladderAttempt(0), ladderAttempt(0));
        Attempt valued = ladderAttempt(0);
        valued.value = 1.0;
        QVERIFY(!(valued == ladderAttempt(0)));
        QVERIFY(!(ladderAttempt(0) == valued));
        Attempt other = valued;
        other.value = 1.5;
        QVERIFY(!(valued == other));
        other = valued;
        other.heard = !valued.heard;
        QVERIFY(!(valued == other));
    }

    void storesTimesAsIsoUtcWithMilliseconds()
    {
        const QString path = scratch("store-iso") + QStringLiteral("/progress.sqlite");
        ProgressStore store;
        store.open(path);
        store.recordAttempt(sampleAttempt(0)); // 09:30:00.250 at UTC+2
        const QString connection = storeConnections().constFirst();
        QSqlQuery query(QSqlDatabase::database(connection));
        QVERIFY(query.exec(QStringLiteral("SELECT answered_at, seed FROM attempts")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("2024-05-01T07:30:00.250Z"));
        QCOMPARE(query.value(1).toLongLong(), qint64(0xFEDCBA9876543210ULL));
    }

    void recordIsCommittedWhenItReturns()
    {
        const QString path = scratch("store-commit") + QStringLiteral("/progress.sqlite");
        ProgressStore writer;
        writer.open(path);
        ProgressStore reader; // a second connection sees only committed data
        reader.open(path);
        const qint64 id = writer.recordAttempt(sampleAttempt(0));
        QCOMPARE(reader.attemptCount(QStringLiteral("eq-band")), 1);
        QCOMPARE(reader.recentAttempts(QStringLiteral("eq-band"), 1).first().id, id);
    }

    void inMemoryStoresArePrivate()
    {
        ProgressStore a;
        ProgressStore b;
        a.open(QString());
        b.open(QString());
        a.recordAttempt(sampleAttempt(0));
        QCOMPARE(a.attemptCount(QStringLiteral("eq-band")), 1);
        QCOMPARE(b.attemptCount(QStringLiteral("eq-band")), 0);
    }

    void connectionsAreUniqueAndRemoved()
    {
        const QStringList before = storeConnections();
        {
            ProgressStore a;
            ProgressStore b;
            a.open(QString());
            b.open(QString());
            const QStringList during = storeConnections();
            QCOMPARE(during.size(), before.size() + 2);
        }
        QCOMPARE(storeConnections(), before);
    }

    void onDiskUsesWalFullSyncAndForeignKeys()
    {
        const QString path = scratch("store-pragmas") + QStringLiteral("/progress.sqlite");
        ProgressStore store;
        store.open(path);
        QCOMPARE(storeConnections().size(), 1);
        QSqlQuery query(QSqlDatabase::database(storeConnections().constFirst()));
        auto pragma = [&](const char* name) {
            const bool ran = query.exec(QStringLiteral("PRAGMA %1").arg(QLatin1String(name)));
            return ran && query.next() ? query.value(0).toString() : QStringLiteral("<error>");
        };
        QCOMPARE(pragma("journal_mode"), QStringLiteral("wal"));
        QCOMPARE(pragma("synchronous"), QStringLiteral("2")); // FULL
        QCOMPARE(pragma("foreign_keys"), QStringLiteral("1"));
    }

    void recentAttemptsAreNewestFirstAndLimited()
    {
        ProgressStore store;
        store.open(QString());
        // Recorded out of time order: order must come from answered_at, not insertion.
        for (int n : {2, 0, 4, 1, 3})
            store.recordAttempt(sampleAttempt(n));
        Attempt other = sampleAttempt(9);
        other.exercise = QStringLiteral("eq-gain");
        store.recordAttempt(other);

        const QList<Attempt> recent = store.recentAttempts(QStringLiteral("eq-band"), 3);
        QCOMPARE(recent.size(), 3);
        QCOMPARE(recent.at(0).answeredAt, sampleAttempt(4).answeredAt);
        QCOMPARE(recent.at(1).answeredAt, sampleAttempt(3).answeredAt);
        QCOMPARE(recent.at(2).answeredAt, sampleAttempt(2).answeredAt);
        QCOMPARE(store.recentAttempts(QStringLiteral("eq-band"), -1).size(), 5);
        QCOMPARE(store.recentAttempts(QStringLiteral("eq-band"), 0).size(), 0);
        QCOMPARE(store.recentAttempts(QStringLiteral("eq-gain"), 10).size(), 1);
    }

    void countsPerExercise()
    {
        ProgressStore store;
        store.open(QString());
        QCOMPARE(store.attemptCount(QStringLiteral("eq-band")), 0);
        for (int n = 0; n < 3; ++n)
            store.recordAttempt(sampleAttempt(n));
        QCOMPARE(store.attemptCount(QStringLiteral("eq-band")), 3);
        QCOMPARE(store.attemptCount(QStringLiteral("eq-gain")), 0);
    }

    void savesAndOverwritesLevel()
    {
        const QString path = scratch("store-level") + QStringLiteral("/progress.sqlite");
        {
            ProgressStore store;
            store.open(path);
            QCOMPARE(store.savedLevel(QStringLiteral("eq-band")), std::nullopt);
            store.saveLevel(QStringLiteral("eq-band"), 3);
            store.saveLevel(QStringLiteral("eq-band"), 4);
            store.saveLevel(QStringLiteral("eq-gain"), 1);
        }
        ProgressStore reopened;
        reopened.open(path);
        QCOMPARE(reopened.savedLevel(QStringLiteral("eq-band")), std::optional<int>(4));
        QCOMPARE(reopened.savedLevel(QStringLiteral("eq-gain")), std::optional<int>(1));
        QCOMPARE(reopened.savedLevel(QStringLiteral("eq-pan")), std::nullopt);
    }

    void rejectsInvalidAttemptsNamingTheFile()
    {
        const QString path = scratch("store-invalid") + QStringLiteral("/progress.sqlite");
        ProgressStore store;
        store.open(path);
        static constexpr double inf = std::numeric_limits<double>::infinity();
        // Each broken one way, with a word its message must hold.
        const QList<std::pair<std::function<void(Attempt&)>, QString>> breaks = {
            {[](Attempt& a) { a.exercise.clear(); }, QStringLiteral("no exercise")},
            {[](Attempt& a) { a.score = 1.5; }, QStringLiteral("score")},
            {[](Attempt& a) { a.score = std::numeric_limits<double>::quiet_NaN(); }, QStringLiteral("score")},
            {[](Attempt& a) { a.responseMs = -1; }, QStringLiteral("response time")},
            {[](Attempt& a) { a.answeredAt = QDateTime(); }, QStringLiteral("time")},
            {[](Attempt& a) { a.value = inf; }, QStringLiteral("staircase value")},
            {[](Attempt& a) { a.value = -inf; }, QStringLiteral("staircase value")},
            {[](Attempt& a) { a.format = 0; }, QStringLiteral("format")},
            {[](Attempt& a) { a.material = QStringLiteral("pink-noise"); }, QStringLiteral("pink-noise")},
            // JSON has no infinity: Qt would write null and the answer would change silently.
            {[](Attempt& a) { a.hidden[QStringLiteral("gain_db")] = -inf; }, QStringLiteral("gain_db")},
            {[](Attempt& a) { a.answer[QStringLiteral("curve")] = QJsonArray{1.0, QJsonObject{{QStringLiteral("db"), inf}}}; },
             QStringLiteral("curve[1].db")},
        };
        for (const auto& [breakIt, word] : breaks) {
            Attempt a = sampleAttempt(0);
            breakIt(a);
            const QString message = storeErrorOf([&] { store.recordAttempt(a); });
            QVERIFY2(message.contains(path), qPrintable(message));
            QVERIFY2(message.contains(word), qPrintable(message));
        }
        QCOMPARE(store.attemptCount(QStringLiteral("eq-band")), 0);
        // What is allowed: no staircase value, an unknown material, a format above 1.
        Attempt fine = sampleAttempt(0);
        fine.value = qQNaN();
        fine.material.clear();
        fine.format = 7;
        store.recordAttempt(fine);
        QCOMPARE(store.attemptCount(QStringLiteral("eq-band")), 1);
    }

    void reportsDatabaseFailuresNamingTheFile()
    {
        const QString path = scratch("store-fail") + QStringLiteral("/progress.sqlite");
        ProgressStore store;
        store.open(path);
        {
            // Another program breaks the schema under us.
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                         QStringLiteral("vandal"));
            raw.setDatabaseName(path);
            QVERIFY(raw.open());
            QVERIFY(QSqlQuery(raw).exec(QStringLiteral("DROP TABLE attempts")));
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("vandal"));
        const QString message = storeErrorOf([&] { store.recordAttempt(sampleAttempt(0)); });
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("no such table")), qPrintable(message));
        // The failed write left no transaction open: the next statement works.
        store.saveLevel(QStringLiteral("eq-band"), 2);
        QCOMPARE(store.savedLevel(QStringLiteral("eq-band")), std::optional<int>(2));
    }

    void aDeletedOrReplacedFileRefusesWrites()
    {
        // SQLite keeps writing into a deleted file, and all of it would vanish at exit: the
        // store refuses instead, naming the file, so the caller keeps the answer.
        const QString path = scratch("store-gone") + QStringLiteral("/progress.sqlite");
        ProgressStore store;
        store.open(path);
        store.recordAttempt(sampleAttempt(0));
        QVERIFY(QFile::remove(path));
        QString message = storeErrorOf([&] { store.recordAttempt(sampleAttempt(1)); });
        QVERIFY2(message.contains(path) && message.contains(QLatin1String("deleted")), qPrintable(message));
        message = storeErrorOf([&] { store.saveLevel(QStringLiteral("eq-band"), 2); });
        QVERIFY2(message.contains(QLatin1String("deleted")), qPrintable(message));

        // Another file put in its place (a backup restored over it) is not written into.
        const QString replacement = scratch("store-gone") + QStringLiteral("/backup.sqlite");
        {
            ProgressStore backup;
            backup.open(replacement);
        } // closed: checkpointed, no -wal left
        QVERIFY(QFile::rename(replacement, path));
        message = storeErrorOf([&] { store.recordAttempt(sampleAttempt(2)); });
        QVERIFY2(message.contains(QLatin1String("another file took its place")), qPrintable(message));
        // (Reopening in this process is not tested: the old connection's -wal and -shm files
        // sit next to the path, and SQLite may read them into the new file. After a restart
        // they are gone: the last connection removes them when it closes.)
    }

    void closedStoreThrows()
    {
        ProgressStore store;
        QVERIFY(!store.isOpen());
        QVERIFY(!storeErrorOf([&] { store.recordAttempt(sampleAttempt(0)); }).isEmpty());
        QVERIFY(!storeErrorOf([&] { store.attemptCount(QStringLiteral("eq-band")); }).isEmpty());
    }

    void folderThatCannotBeCreatedIsAClearError()
    {
        // Root can write anywhere, so make the "folder" a regular file.
        const QString file = scratch("store-nodir") + QStringLiteral("/file.txt");
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not a folder\n");
        }
        const QString path = file + QStringLiteral("/progress.sqlite");
        ProgressStore store;
        const QString message = storeErrorOf([&] { store.open(path); });
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("folder")), qPrintable(message));
        QVERIFY(!store.isOpen());
        QVERIFY(storeConnections().isEmpty());
    }

    void pathThatIsAFolderIsAClearError()
    {
        const QString path = scratch("store-isdir");
        ProgressStore store;
        const QString message = storeErrorOf([&] { store.open(path); });
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY(!store.isOpen());
    }

    void defaultPathIsInAppData()
    {
        const QString data = scratch("store-xdg");
        const QByteArray savedXdg = qgetenv("XDG_DATA_HOME");
        qputenv("XDG_DATA_HOME", QFile::encodeName(data));
        QCoreApplication::setOrganizationName(QStringLiteral("EarLabTest"));
        QCoreApplication::setApplicationName(QStringLiteral("StoreTest"));
        const QString path = ProgressStore::defaultPath();
        qputenv("XDG_DATA_HOME", savedXdg);
        QCOMPARE(path, data + QStringLiteral("/EarLabTest/StoreTest/progress.sqlite"));
        QVERIFY(QFileInfo(path).absoluteDir().exists()); // created for us
    }
};

QTEST_GUILESS_MAIN(TestProgressStore)
#include "test_progress_store.moc"
