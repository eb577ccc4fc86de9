// Progress store recovery: a file SQLite cannot read (not SQLite at all, garbage, a cut
// header, a truncated body, a page that fails the integrity check) is moved aside with its
// bytes intact, a fresh database is started in its place, and the user is told both paths.
// Nothing is ever overwritten, not even an earlier moved-aside file.

#include "exercises/progress_store.h"
#include "exercises/store_schema.h"
#include "exercises/store_recovery.h"
#include "support/scratch_files.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

using namespace earlab;
using namespace earlab::test;

namespace {

constexpr int kPageSize = 4096; // SQLite's default, which the store keeps

Attempt someAttempt(int n)
{
    Attempt a;
    a.exercise = QStringLiteral("eq-band");
    a.level = 1 + n % 5;
    a.seed = quint64(n) * 2654435761u;
    a.hidden = {{QStringLiteral("frequency_hz"), 125.0 * (1 + n % 7)},
                {QStringLiteral("note"), QStringLiteral("padding so rows fill many pages")}};
    a.answer = {{QStringLiteral("frequency_hz"), 250.0}};
    a.score = 0.5;
    a.responseMs = 1000 + n;
    a.source = QStringLiteral("builtin:pink");
    a.answeredAt = QDateTime(QDate(2024, 3, 1), QTime(12, 0), Qt::UTC).addSecs(n);
    return a;
}

// The bytes of a healthy store file with `rows` answers, checkpointed (no -wal left).
QByteArray healthyDatabase(int rows)
{
    const QString path = scratch("recovery-src") + QStringLiteral("/progress.sqlite");
    {
        ProgressStore store;
        store.open(path);
        for (int n = 0; n < rows; ++n)
            store.recordAttempt(someAttempt(n));
    }
    return readBytes(path);
}

QByteArray garbage(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    quint32 state = 12345;
    for (char& byte : bytes) {
        state = state * 1664525u + 1013904223u; // deterministic LCG
        byte = char(state >> 24);
    }
    return bytes;
}

} // namespace

class TestProgressStoreRecovery : public QObject {
    Q_OBJECT

private slots:
    void movesDamagedFileAside_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QByteArray>("wal"); // a -wal companion to move along, if any

        const QByteArray healthy = healthyDatabase(400);
        QVERIFY(healthy.size() >= 20 * kPageSize);

        QTest::newRow("garbage bytes") << garbage(3 * kPageSize) << QByteArray();
        QTest::newRow("garbage with -wal") << garbage(kPageSize) << garbage(2000);
        QTest::newRow("text file")
            << QByteArray("These are my notes about compressors.\nAttack, release, ratio.\n")
            << QByteArray();
        QTest::newRow("truncated header") << healthy.left(40) << QByteArray();
        QTest::newRow("truncated body") << healthy.left(6 * kPageSize) << QByteArray();
        // Page 1 and the schema are intact, so the file opens; only quick_check notices.
        QByteArray damagedPages = healthy;
        const QByteArray noise = garbage(2 * kPageSize);
        damagedPages.replace(10 * kPageSize, noise.size(), noise);
        QTest::newRow("damaged pages") << damagedPages << QByteArray();
    }

    void movesDamagedFileAside()
    {
        QFETCH(QByteArray, content);
        QFETCH(QByteArray, wal);
        const QString dir = scratch("recovery");
        const QString path = dir + QStringLiteral("/progress.sqlite");
        QVERIFY(writeBytes(path, content));
        if (!wal.isEmpty())
            QVERIFY(writeBytes(path + QStringLiteral("-wal"), wal));

        ProgressStore store;
        try {
            store.open(path);
        } catch (const StoreError& error) {
            QFAIL(qPrintable(QStringLiteral("open threw: ") + error.message()));
        }
        const QString aside = store.movedAsidePath();
        const QRegularExpression pattern(QRegularExpression::escape(path)
                                         + QStringLiteral("\\.corrupt-\\d{8}-\\d{6}$"));
        QVERIFY2(pattern.match(aside).hasMatch(), qPrintable(aside));
        QCOMPARE(readBytes(aside), content); // kept byte for byte
        if (!wal.isEmpty())
            QCOMPARE(readBytes(aside + QStringLiteral("-wal")), wal);

        const QString message = store.recoveryMessage();
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY2(message.contains(aside), qPrintable(message));

        // A working fresh database in the original place.
        QCOMPARE(store.schemaVersion(), store::latestSchemaVersion());
        QCOMPARE(store.attemptCount(QStringLiteral("eq-band")), 0);
        store.recordAttempt(someAttempt(1));
        store.close();
        ProgressStore reopened;
        reopened.open(path);
        QVERIFY(reopened.recoveryMessage().isEmpty());
        QCOMPARE(reopened.attemptCount(QStringLiteral("eq-band")), 1);
    }

    void healthyFileIsNotMovedAside()
    {
        const QString dir = scratch("recovery-healthy");
        const QString path = dir + QStringLiteral("/progress.sqlite");
        QVERIFY(writeBytes(path, healthyDatabase(50)));
        ProgressStore store;
        store.open(path);
        QVERIFY(store.recoveryMessage().isEmpty());
        QVERIFY(store.movedAsidePath().isEmpty());
        QCOMPARE(store.attemptCount(QStringLiteral("eq-band")), 50);
        QVERIFY(QDir(dir).entryList({QStringLiteral("*corrupt*")}, QDir::Files).isEmpty());
    }

    void asideNameNeverReplacesAnExistingFile()
    {
        const QString dir = scratch("recovery-names");
        const QString path = dir + QStringLiteral("/progress.sqlite");
        const QDateTime when(QDate(2024, 5, 1), QTime(9, 30, 15));
        const QString stem = path + QStringLiteral(".corrupt-20240501-093015");
        QCOMPARE(store::asidePath(path, when), stem);

        QVERIFY(writeBytes(stem, "first"));
        QVERIFY(writeBytes(stem + QStringLiteral("-2-wal"), "orphan wal of the second"));
        QVERIFY(writeBytes(path, "third"));
        QVERIFY(writeBytes(path + QStringLiteral("-shm"), "third shm"));
        QCOMPARE(store::moveAside(path, when), stem + QStringLiteral("-3"));
        QCOMPARE(readBytes(stem), QByteArray("first"));
        QCOMPARE(readBytes(stem + QStringLiteral("-2-wal")), QByteArray("orphan wal of the second"));
        QCOMPARE(readBytes(stem + QStringLiteral("-3")), QByteArray("third"));
        QCOMPARE(readBytes(stem + QStringLiteral("-3-shm")), QByteArray("third shm"));
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(path + QStringLiteral("-shm")));
    }

    void secondCorruptionKeepsBothCopies()
    {
        const QString dir = scratch("recovery-twice");
        const QString path = dir + QStringLiteral("/progress.sqlite");
        QStringList asides;
        for (const QByteArray& content : {QByteArray("first broken file"), QByteArray("second one")}) {
            {
                // Replace the fresh database from the previous round (and its WAL) by junk.
                QFile::remove(path + QStringLiteral("-wal"));
                QFile::remove(path + QStringLiteral("-shm"));
                QVERIFY(writeBytes(path, content));
            }
            ProgressStore store;
            store.open(path);
            asides << store.movedAsidePath();
            QCOMPARE(readBytes(asides.last()), content);
        }
        QVERIFY(asides.at(0) != asides.at(1)); // usually the same second: the counter kicks in
        QCOMPARE(readBytes(asides.at(0)), QByteArray("first broken file"));
    }
};

QTEST_GUILESS_MAIN(TestProgressStoreRecovery)
#include "test_progress_store_recovery.moc"
