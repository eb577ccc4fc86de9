// The Settings page's "Your data" controller (data_transfer.h) with a real database writer on
// SQLite files on disk: an export writes the file (the text transfer_history.h writes out by
// hand) on the writer's thread, not this one, and says "Exported 3 answers to FILE."; an
// import into an empty database says "Imported 3 answers (0 already here).", a second one
// "(3 already here)"; a refused file gives the error naming the file and the row, and
// nothing of it is imported.

#include "app/src/data_transfer.h"
#include "app/src/database_writer.h"

#include "exercises/progress_store.h"

#include "support/scratch_files.h"
#include "support/transfer_history.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

using namespace earlab;
using namespace earlab::app;
using namespace earlab::test;

namespace {

// A writer on `path` with the controller over it, and what the writer reported.
struct Transfer {
    explicit Transfer(const QString& path) { writer.open(path); }

    // Runs `call` and waits for the transfer it started to end.
    template <typename Call>
    bool run(Call call)
    {
        const int before = finished.count();
        call(transfer);
        return QTest::qWaitFor([&] { return finished.count() > before; }, 30000) && !transfer.busy();
    }

    DatabaseWriter writer;
    DataTransfer transfer{&writer};
    QSignalSpy finished{&transfer, &DataTransfer::finished};
    QSignalSpy jobs{&writer, &DatabaseWriter::jobDone};
};

QByteArray contents(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(cannot read)");
}

bool write(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestDataTransfer : public QObject {
    Q_OBJECT

    QString m_folder;
    QString m_history; // a database holding transferAnswers()

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English)); // "1,234": the result line's digits
        m_folder = scratch("data-transfer");
        m_history = m_folder + QStringLiteral("/history.sqlite");
        ProgressStore store;
        store.open(m_history);
        recordTransferHistory(store);
    }

    void exportRunsOnTheWriterThreadAndSaysWhatItWrote()
    {
        const QString file = m_folder + QStringLiteral("/answers, \"mine\".csv");
        Transfer t(m_history);
        QVERIFY(t.run([&](DataTransfer& d) { d.exportTo(QUrl::fromLocalFile(file).toString(), "answers"); }));
        QVERIFY2(!t.transfer.failed(), qPrintable(t.transfer.message()));
        QCOMPARE(t.transfer.message(), QStringLiteral("Exported 3 answers to %1.").arg(file));
        QCOMPARE(t.finished.last().at(0).toBool(), false);
        QCOMPARE(contents(file), transferCsv());
        // The job ran on the writer's thread, never this (the UI) one.
        QCOMPARE(t.jobs.size(), 1);
        QThread* ranOn = t.jobs.last().at(1).value<QThread*>();
        QVERIFY(ranOn != QThread::currentThread());
        QCOMPARE(ranOn, t.writer.writerThread());
    }

    void importMergesAndCounts()
    {
        const QString file = m_folder + QStringLiteral("/answers.json");
        {
            Transfer source(m_history);
            QVERIFY(source.run([&](DataTransfer& d) { d.exportTo(file, "answers"); }));
            QVERIFY2(contents(file).startsWith("{\"format\":\"earlab-answers\""), contents(file).constData());
        }
        const QString empty = m_folder + QStringLiteral("/empty.sqlite");
        Transfer t(empty);
        QVERIFY(t.run([&](DataTransfer& d) { d.importFrom(file, "answers"); }));
        QCOMPARE(t.transfer.message(), QStringLiteral("Imported 3 answers (0 already here)."));
        QVERIFY(!t.transfer.failed());
        QCOMPARE(t.finished.last().at(0).toBool(), true); // the history changed: read it again
        QVERIFY(t.run([&](DataTransfer& d) { d.importFrom(file, "answers"); }));
        QCOMPARE(t.transfer.message(), QStringLiteral("Imported 0 answers (3 already here)."));
        QCOMPARE(t.finished.last().at(0).toBool(), false);
        t.writer.flush();

        ProgressStore store;
        store.open(empty);
        const QList<Attempt> back = storedTransferAnswers(store);
        QCOMPARE(transferUids(back), transferUids(transferAnswers()));
        QCOMPARE(withoutRowIds(back), withoutRowIds(transferAnswers()));
    }

    void refusedFileNamesFileAndRowAndImportsNothing()
    {
        QByteArray csv = transferCsv();
        // The second answer's correct cell ("1,1,900" after "noise,") made 2.
        csv.replace("noise,1,1,900", "noise,2,1,900");
        const QString file = m_folder + QStringLiteral("/bad.csv");
        QVERIFY(write(file, csv));
        const QString database = m_folder + QStringLiteral("/refused.sqlite");
        Transfer t(database);
        QVERIFY(t.run([&](DataTransfer& d) { d.importFrom(file, "answers"); }));
        QVERIFY(t.transfer.failed());
        const QString message = t.transfer.message();
        QVERIFY2(message.startsWith(file + QStringLiteral(": row 2 (line 4): correct '2' is neither 0 nor 1")),
                 qPrintable(message));
        QVERIFY2(message.endsWith(QStringLiteral("nothing was imported.")), qPrintable(message));
        t.writer.flush();

        ProgressStore store;
        store.open(database);
        QCOMPARE(store.attemptCount(QStringLiteral("eq-band")), 0); // row 1 was good: not there either
    }

    void missingFileIsSaid()
    {
        const QString file = m_folder + QStringLiteral("/no such.csv");
        Transfer t(m_folder + QStringLiteral("/other.sqlite"));
        QVERIFY(t.run([&](DataTransfer& d) { d.importFrom(file, "blind-logs"); }));
        QVERIFY(t.transfer.failed());
        QVERIFY2(t.transfer.message().startsWith(QStringLiteral("Could not read %1: ").arg(file)),
                 qPrintable(t.transfer.message()));
    }

    void blindLogsExportEvenWhenThereAreNone()
    {
        const QString file = m_folder + QStringLiteral("/logs.json");
        Transfer t(m_history);
        QVERIFY(t.run([&](DataTransfer& d) { d.exportTo(file, "blind-logs"); }));
        QCOMPARE(t.transfer.message(), QStringLiteral("Exported 0 blind-test logs to %1.").arg(file));
        const QJsonDocument json = QJsonDocument::fromJson(contents(file));
        QVERIFY2(json.isArray() && json.array().isEmpty(), contents(file).constData());
    }
};

QTEST_GUILESS_MAIN(TestDataTransfer)
#include "test_data_transfer.moc"
