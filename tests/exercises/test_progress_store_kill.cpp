// "Killing the app at any moment loses no answered question": a writer process records
// answers and acknowledges each on stdout the moment recordAttempt returns; we SIGKILL it
// mid-loop, open the file it left (WAL and all) and find every acknowledged answer, with
// the content the writer derived from its id.

#include "exercises/progress_store.h"
#include "support/scratch_files.h"
#include "support/store_helpers.h"

#include <QElapsedTimer>
#include <QHash>
#include <QProcess>
#include <QtTest>

namespace earlab::test {
Attempt writerAttempt(qint64 id); // store_writer_content.cpp, shared with the writer
} // namespace earlab::test

using namespace earlab;

class TestProgressStoreKill : public QObject {
    Q_OBJECT

private slots:
    void killedWriterLosesNoAcknowledgedAnswer_data()
    {
        QTest::addColumn<int>("acksBeforeKill");
        QTest::newRow("early") << 20;
        QTest::newRow("200 answers") << 200;
        QTest::newRow("later") << 450;
    }

    void killedWriterLosesNoAcknowledgedAnswer()
    {
        QFETCH(int, acksBeforeKill);
        const QString path = test::scratch("store-kill") + QStringLiteral("/progress.sqlite");

        QProcess writer;
        writer.start(QStringLiteral(STORE_WRITER), {path});
        QVERIFY2(writer.waitForStarted(10000), qPrintable(writer.errorString()));

        QList<qint64> acked;
        QByteArray pending;
        auto collect = [&] {
            pending += writer.readAllStandardOutput();
            qsizetype newline;
            while ((newline = pending.indexOf('\n')) >= 0) { // only whole lines count
                const QByteArray line = pending.left(newline);
                pending.remove(0, newline + 1);
                QVERIFY2(line.startsWith("ack "), line.constData());
                acked.append(line.mid(4).toLongLong());
            }
        };
        QElapsedTimer clock;
        clock.start();
        while (acked.size() < acksBeforeKill && writer.state() == QProcess::Running
               && clock.elapsed() < 60000) {
            writer.waitForReadyRead(1000);
            collect();
        }
        QVERIFY2(acked.size() >= acksBeforeKill,
                 qPrintable(QStringLiteral("writer acknowledged %1 answers; stderr: %2")
                                .arg(acked.size())
                                .arg(QString::fromLocal8Bit(writer.readAllStandardError()))));
        QCOMPARE(writer.state(), QProcess::Running); // killed while still writing
        writer.kill();
        QVERIFY(writer.waitForFinished(10000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        collect(); // acknowledgements already in the pipe count as well

        ProgressStore store;
        store.open(path);
        QVERIFY2(store.recoveryMessage().isEmpty(), qPrintable(store.recoveryMessage()));
        const QList<Attempt> stored = store.recentAttempts(QStringLiteral("kill-test"), -1);
        QHash<qint64, Attempt> byId;
        for (const Attempt& a : stored)
            byId.insert(a.id, a);
        for (qint64 id : acked) {
            QVERIFY2(byId.contains(id), qPrintable(QStringLiteral("acknowledged answer %1 lost").arg(id)));
            QCOMPARE(byId.value(id), test::writerAttempt(id));
        }
        // At most the one answer committed but not yet acknowledged may be extra.
        QVERIFY2(stored.size() == acked.size() || stored.size() == acked.size() + 1,
                 qPrintable(QStringLiteral("%1 stored, %2 acknowledged").arg(stored.size()).arg(acked.size())));
        qInfo("killed after %lld acknowledgements, %lld answers in the file",
              qint64(acked.size()), qint64(stored.size()));
    }
};

QTEST_GUILESS_MAIN(TestProgressStoreKill)
#include "test_progress_store_kill.moc"
