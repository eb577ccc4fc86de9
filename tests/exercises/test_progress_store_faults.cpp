// The progress store under faults a user's machine produces: a crash mid-transaction (a hot
// -journal), a path that is not a file, a file the user cannot write, a full disk. SQLite
// recovers what it can itself; nothing is moved aside that SQLite can read; a read-only file
// is never written; a full disk is named as such.

#include "exercises/progress_store.h"
#include "exercises/store_fault_support.h"
#include "support/scratch_files.h"
#include "support/store_helpers.h"

#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QtTest>

#include <sys/stat.h>

using namespace earlab;
using namespace earlab::test;

namespace {

Attempt answer(int n)
{
    return faultTestAnswer(n);
}

// A database with `rows` answers at `path`, closed (checkpointed: no -wal left).
void makeDatabase(const QString& path, int rows)
{
    ProgressStore store;
    store.open(path);
    for (int n = 0; n < rows; ++n)
        store.recordAttempt(answer(n));
}

// Leaves `path` as a crash mid-transaction leaves it: changed pages in the file, their
// originals in a hot -journal. Returns an empty string or what went wrong.
QString crashMidTransaction(const QString& path)
{
    QProcess child;
    child.start(QStringLiteral(STORE_FAULT_HELPER), {QStringLiteral("crash"), path});
    if (!child.waitForStarted(10000))
        return QStringLiteral("helper did not start: ") + child.errorString();
    while (!child.canReadLine() && child.state() == QProcess::Running)
        child.waitForReadyRead(30000);
    const QByteArray line = child.readLine().trimmed();
    child.kill();
    child.waitForFinished(10000);
    if (line != "ready")
        return QStringLiteral("helper said '%1', stderr: %2").arg(QString::fromUtf8(line),
                                                                  QString::fromUtf8(child.readAllStandardError()));
    return {};
}

QStringList entries(const QString& folder)
{
    return QDir(folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System, QDir::Name);
}

// What the probe child printed, as key -> value.
QMap<QString, QString> parseProbe(const QByteArray& out)
{
    QMap<QString, QString> values;
    for (const QByteArray& line : out.split('\n')) {
        const int colon = line.indexOf(": ");
        if (colon > 0)
            values.insert(QString::fromUtf8(line.left(colon)), QString::fromUtf8(line.mid(colon + 2)));
    }
    return values;
}

bool canRunUnprivileged()
{
    return !unprivileged(QStringLiteral(STORE_FAULT_HELPER), {}).first.isEmpty();
}

// Runs "store_fault_helper probe path" as a user who cannot write root's files; what it
// printed, as key -> value ("exit" holds a non-zero exit or a crash).
QMap<QString, QString> runProbe(const QString& path)
{
    const auto [program, args] = unprivileged(QStringLiteral(STORE_FAULT_HELPER), {QStringLiteral("probe"), path});
    QProcess child;
    child.start(program, args);
    if (!child.waitForFinished(60000))
        return {{QStringLiteral("exit"), child.errorString()}};
    QMap<QString, QString> values = parseProbe(child.readAllStandardOutput());
    if (child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0)
        values.insert(QStringLiteral("exit"), QString::number(child.exitCode()));
    return values;
}

} // namespace

class TestProgressStoreFaults : public QObject {
    Q_OBJECT

private slots:
    // The case that said "attempt to write a readonly database" at every start.
    void hotJournalIsRolledBackNotMovedAside()
    {
        const QString folder = scratch("faults-hot");
        const QString path = folder + QStringLiteral("/progress.sqlite");
        makeDatabase(path, 200);
        const QString crashed = crashMidTransaction(path);
        QVERIFY2(crashed.isEmpty(), qPrintable(crashed));
        // The fault is real: a hot journal, and the file itself holds uncommitted pages.
        QVERIFY(QFileInfo(path + QStringLiteral("-journal")).size() > 0);

        ProgressStore store;
        const QString error = storeErrorOf([&] { store.open(path); });
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(store.recoveryMessage().isEmpty());
        QVERIFY(store.movedAsidePath().isEmpty());
        QVERIFY(store.readOnlyReason().isEmpty());
        QCOMPARE(entries(folder).filter(QStringLiteral("corrupt")), QStringList());
        // Exactly the committed data: 200 answers as written, not the half-done rewrite.
        const QList<Attempt> stored = store.recentAttempts(QStringLiteral("eq-band"), -1);
        QCOMPARE(stored.size(), 200);
        for (const Attempt& a : stored) {
            QCOMPARE(a.score, 0.75);
            QCOMPARE(a.hidden.value(QStringLiteral("frequency_hz")).toDouble(), 1000.0);
        }
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-journal")));
        store.recordAttempt(answer(200)); // and it takes new answers
        QCOMPARE(store.attemptCount(QStringLiteral("eq-band")), 201);
    }

    // What a power cut leaves in WAL mode: the main file without the newest commits, which
    // are only in the -wal, and no -shm (an index SQLite rebuilds). Taken as a crash image:
    // the files copied while the writer still has them open, before any checkpoint.
    void walWithoutShmIsReplayed()
    {
        const QString live = scratch("faults-wal-live") + QStringLiteral("/progress.sqlite");
        const QString folder = scratch("faults-wal-image");
        const QString image = folder + QStringLiteral("/progress.sqlite");
        {
            ProgressStore store;
            store.open(live);
            QSqlQuery(QSqlDatabase::database(store.connectionName())).exec(QStringLiteral("PRAGMA wal_autocheckpoint=0"));
            for (int n = 0; n < 50; ++n)
                store.recordAttempt(answer(n));
            QVERIFY(QFileInfo(live + QStringLiteral("-wal")).size() > 0);
            QVERIFY(QFile::copy(live, image));
            QVERIFY(QFile::copy(live + QStringLiteral("-wal"), image + QStringLiteral("-wal")));
        }
        QVERIFY(!QFileInfo::exists(image + QStringLiteral("-shm")));

        ProgressStore store;
        const QString error = storeErrorOf([&] { store.open(image); });
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(store.movedAsidePath().isEmpty());
        QCOMPARE(store.attemptCount(QStringLiteral("eq-band")), 50);
        QCOMPARE(entries(folder).filter(QStringLiteral("corrupt")), QStringList());
    }

    void pathsThatAreNotFilesAreRefused_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("folder") << QStringLiteral("a folder");
        QTest::newRow("named pipe") << QStringLiteral("a named pipe");
        QTest::newRow("link to /dev/null") << QStringLiteral("a device");
    }

    void pathsThatAreNotFilesAreRefused()
    {
        QFETCH(QString, kind);
        const QString folder = scratch("faults-special");
        const QString path = folder + QStringLiteral("/progress.sqlite");
        if (kind == QLatin1String("a folder"))
            QVERIFY(QDir().mkdir(path));
        else if (kind == QLatin1String("a named pipe"))
            QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0644), 0);
        else
            QVERIFY(QFile::link(QStringLiteral("/dev/null"), path)); // SQLite would write beside the link
        const QStringList before = entries(folder);

        ProgressStore store;
        const QString error = storeErrorOf([&] { store.open(path); });
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(error.contains(kind), qPrintable(error));
        QVERIFY(!store.isOpen());
        QCOMPARE(entries(folder), before); // no -journal, no -wal, nothing beside it
        QVERIFY(!QFileInfo::exists(QStringLiteral("/dev/null-journal")));
    }

    // As a user who cannot write the file: it opens, everything works, the file is untouched.
    void readOnlyFileWorksOnACopy_data()
    {
        QTest::addColumn<bool>("hotJournal");
        QTest::newRow("healthy") << false;
        QTest::newRow("with a hot journal") << true; // only a writable copy can be rolled back
    }

    void readOnlyFileWorksOnACopy()
    {
        QFETCH(bool, hotJournal);
        const QString folder = scratch("faults-readonly");
        const QString path = folder + QStringLiteral("/progress.sqlite");
        makeDatabase(path, 12);
        if (hotJournal) {
            const QString crashed = crashMidTransaction(path);
            QVERIFY2(crashed.isEmpty(), qPrintable(crashed));
        }
        makeReadOnlyForChild(path);
        if (hotJournal)
            makeReadOnlyForChild(path + QStringLiteral("-journal"));
        const QByteArray bytes = readBytes(path);
        const QStringList before = entries(folder);

        if (!canRunUnprivileged())
            QSKIP("running as root without setpriv: cannot run a child that lacks write access");
        const QMap<QString, QString> probe = runProbe(path);
        QVERIFY2(!probe.contains(QStringLiteral("exit")), qPrintable(probe.value(QStringLiteral("exit"))));
        QVERIFY2(!probe.contains(QStringLiteral("error")), qPrintable(probe.value(QStringLiteral("error"))));
        QCOMPARE(probe.value(QStringLiteral("readonly")), QStringLiteral("the file is read-only for you"));
        QCOMPARE(probe.value(QStringLiteral("count")), QStringLiteral("12"));      // the committed data
        QCOMPARE(probe.value(QStringLiteral("count after")), QStringLiteral("13")); // training works
        QCOMPARE(readBytes(path), bytes);    // never written
        QCOMPARE(entries(folder), before);   // nothing created or moved beside it
    }

    // Damaged and read-only: it cannot be moved aside, so it is left as it is, and said so.
    void readOnlyDamagedFileIsLeftUnchanged()
    {
        const QString folder = scratch("faults-readonly-damaged");
        const QString path = folder + QStringLiteral("/progress.sqlite");
        QVERIFY(writeBytes(path, QByteArray("SQLite format 3\0", 16) + QByteArray(8192, 'x')));
        makeReadOnlyForChild(path);
        const QByteArray bytes = readBytes(path);
        if (!canRunUnprivileged())
            QSKIP("running as root without setpriv: cannot run a child that lacks write access");
        const QMap<QString, QString> probe = runProbe(path);
        QVERIFY(!probe.contains(QStringLiteral("exit")));
        const QString error = probe.value(QStringLiteral("error"));
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("left it unchanged")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("read-only")), qPrintable(error));
        QCOMPARE(readBytes(path), bytes);
        QCOMPARE(entries(folder), QStringList{QStringLiteral("progress.sqlite")});
    }

    void fullDiskIsNamed()
    {
        SmallDisk disk(512);
        EARLAB_SKIP_UNLESS_MOUNTED(disk);
        const QString path = disk.filePath(QStringLiteral("progress.sqlite"));
        ProgressStore store;
        store.open(path);
        store.recordAttempt(answer(0));
        QVERIFY(disk.fill() > 0);

        StoreProblem problem = StoreProblem::Other;
        QString message;
        for (int n = 1; n < 1000 && message.isEmpty(); ++n) { // the -wal grows until it cannot
            try {
                store.recordAttempt(answer(n));
            } catch (const StoreError& e) {
                message = e.message();
                problem = e.problem();
            }
        }
        QVERIFY2(message.contains(QStringLiteral("the disk is full")), qPrintable(message));
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY(!message.contains(QStringLiteral("I/O error")));
        QCOMPARE(int(problem), int(StoreProblem::DiskFull));
        const int kept = store.attemptCount(QStringLiteral("eq-band"));

        // Space back: the same store writes again, and nothing committed was lost.
        QVERIFY(disk.makeSpace());
        store.recordAttempt(answer(5000));
        QCOMPARE(store.attemptCount(QStringLiteral("eq-band")), kept + 1);
    }
};

QTEST_GUILESS_MAIN(TestProgressStoreFaults)
#include "test_progress_store_faults.moc"
