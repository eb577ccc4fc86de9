// The database writer on a full disk (a real one: a small tmpfs, so root only): the answer
// that finds the disk full is neither lost nor reported as saved. It waits, with the reason
// given, and is written (with what was submitted after it, in order) once there is space;
// closed before that, each waiting write is failed with a message saying it was not saved.

#include "app/src/database_writer.h"

#include "exercises/progress_store.h"
#include "exercises/store_fault_support.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>

using namespace earlab;
using namespace earlab::app;
using namespace earlab::test;

namespace {

Attempt answer(int n)
{
    return faultTestAnswer(n, 400);
}

int storedCount(const QString& path)
{
    ProgressStore store;
    store.open(path);
    return store.attemptCount(QStringLiteral("eq-band"));
}

} // namespace

// A writer on a small disk that holds one answer and is then full.
struct FullDiskWriter {
    SmallDisk disk{512};
    QString path = disk.filePath(QStringLiteral("progress.sqlite"));
    DatabaseWriter writer;
    QSignalSpy committed{&writer, &DatabaseWriter::committed};
    QSignalSpy failed{&writer, &DatabaseWriter::failed};
    QSignalSpy waiting{&writer, &DatabaseWriter::waitingChanged};

    // Empty, or why the fault could not be set up.
    QString fill()
    {
        writer.open(path);
        writer.write(answer(0));
        if (!committed.wait(10000))
            return QStringLiteral("the first answer was not committed");
        return disk.fill() > 0 ? QString() : QStringLiteral("could not fill the disk");
    }

    // Writes answers one by one until one waits for space; returns its ticket (0 if none did).
    quint64 writeUntilWaiting()
    {
        for (int n = 1; n < 2000; ++n) {
            const int before = committed.count();
            const quint64 ticket = writer.write(answer(n));
            if (!QTest::qWaitFor([&] { return committed.count() > before || !waiting.isEmpty(); }, 10000))
                return 0;
            if (!waiting.isEmpty())
                return ticket;
        }
        return 0;
    }
};

#define REQUIRE_SMALL_DISK(f)                                                                      \
    EARLAB_SKIP_UNLESS_MOUNTED((f).disk);                                                          \
    if (const QString problem = (f).fill(); !problem.isEmpty())                                    \
    QFAIL(qPrintable(problem))

class TestDatabaseWriterFaults : public QObject {
    Q_OBJECT

private slots:
    void fullDiskAnswerIsWrittenWhenSpaceReturns()
    {
        FullDiskWriter f;
        REQUIRE_SMALL_DISK(f);
        auto& [disk, path, writer, committed, failed, waiting] = f;

        const quint64 held = f.writeUntilWaiting();
        QVERIFY(held != 0);
        const QString message = waiting.takeFirst().at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("the disk is full")), qPrintable(message));
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY(failed.isEmpty()); // not reported as failed: it is waiting
        const int committedBefore = committed.count();
        const quint64 behind = writer.write(answer(9999)); // queued behind, in order
        writer.flush();
        QCoreApplication::processEvents();
        QCOMPARE(committed.count(), committedBefore); // nothing written while the disk is full

        QVERIFY(disk.makeSpace());
        QVERIFY(QTest::qWaitFor([&] { return committed.count() == committedBefore + 2; }, 20000));
        QCOMPARE(committed.at(committedBefore).at(0).toULongLong(), held);
        QCOMPARE(committed.at(committedBefore + 1).at(0).toULongLong(), behind);
        QVERIFY(QTest::qWaitFor([&] { return !waiting.isEmpty(); }, 10000));
        QCOMPARE(waiting.last().at(0).toString(), QString()); // no longer waiting
        QVERIFY(failed.isEmpty());
        writer.close();
        writer.flush();
        QCOMPARE(storedCount(path), committed.count()); // every acknowledged answer is there
    }

    void closedWhileWaitingSaysNotSaved()
    {
        FullDiskWriter f;
        REQUIRE_SMALL_DISK(f);
        auto& [disk, path, writer, committed, failed, waiting] = f;
        const quint64 held = f.writeUntilWaiting();
        QVERIFY(held != 0);

        writer.close();
        QVERIFY(QTest::qWaitFor([&] { return !failed.isEmpty(); }, 10000));
        QCOMPARE(failed.first().at(0).toULongLong(), held);
        const QString message = failed.first().at(1).toString();
        QVERIFY2(message.contains(QStringLiteral("the disk is full")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("It was not saved")), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseWriterFaults)
#include "test_database_writer_faults.moc"
