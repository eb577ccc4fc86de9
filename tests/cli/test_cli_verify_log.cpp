// earlab-cli verify-log, the real binary: an intact log (saved by saveBlindLog, as a run
// saves it) exits 0 saying "intact"; a log with one byte changed exits 2 naming what changed
// and the file; a cut, a missing and a folder "log" exit 2 naming the file and the cause.

#include "exercises/blind_log_file.h"
#include "support/blind_log_sample.h"
#include "support/process_runner.h"
#include "support/scratch_files.h"

#include <QDir>
#include <QTest>

#include <sys/stat.h>

using namespace earlab;
using namespace earlab::test;

namespace {

ProcessRun verifyLog(const QString& path) { return runProcess(EARLAB_CLI, {"verify-log", path}, 60000); }

QString saved(const char* tag, const QString& name = QStringLiteral("run log.json"))
{
    const QString path = scratch(tag) + QLatin1Char('/') + name;
    saveBlindLog(path.toStdString(), sampleAbxLog(), BlindLogFileFormat::Json);
    return path;
}

QString both(const ProcessRun& run) { return QString::fromUtf8(run.out + "\n--- stderr:\n" + run.err); }

} // namespace

class TestCliVerifyLog : public QObject {
    Q_OBJECT

private slots:
    void intactLogExitsZero()
    {
        const QString path = saved("cli-verify-intact");
        const ProcessRun run = verifyLog(path);
        QVERIFY2(run.ok(), qPrintable(both(run)));
        const QString out = QString::fromUtf8(run.out);
        QVERIFY2(out.startsWith(path + QStringLiteral(": intact (abx, 16 trials, 12 correct, n 16, p 0.0384064;")), qPrintable(out));
        // What "intact" proves is said where it is read (docs/blind_tests.md threat model).
        QVERIFY2(out.contains(QStringLiteral("it is not a signature")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("only if it was seen (shown or exported) before the run")), qPrintable(out));
        QVERIFY2(run.err.isEmpty(), run.err.constData());
    }

    // A file name holding a QString::arg placeholder is printed as it is, not filled in.
    void placeholderInFileNameIsKept()
    {
        const QString path = saved("cli-verify-percent", QStringLiteral("run%3.json"));
        ProcessRun run = verifyLog(path);
        QVERIFY2(run.ok(), qPrintable(both(run)));
        QVERIFY2(QString::fromUtf8(run.out).startsWith(path + QStringLiteral(": intact (abx, 16 trials, 12 correct")), run.out.constData());

        const QByteArray bytes = readBytes(path);
        QVERIFY(writeBytes(path, bytes.left(bytes.size() / 3)));
        run = verifyLog(path);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).startsWith(QStringLiteral("earlab-cli verify-log: %1: not JSON: ").arg(path)), run.err.constData());
    }

    void alteredLogExitsTwoNamingWhat()
    {
        const QString path = saved("cli-verify-altered");
        QByteArray bytes = readBytes(path);
        // Trial 7's truth, the one byte after its seventh "truth": ".
        const QByteArray marker = "\"truth\": \"";
        qsizetype at = -1;
        for (int i = 0; i < 7; ++i)
            at = bytes.indexOf(marker, at + 1);
        QVERIFY(at >= 0);
        const char truth = bytes[at + marker.size()];
        const char other = truth == 'A' ? 'B' : 'A';
        bytes[at + marker.size()] = other;
        QVERIFY(writeBytes(path, bytes));

        const ProcessRun run = verifyLog(path);
        QVERIFY2(run.started && run.finished && !run.crashed, qPrintable(run.errorString));
        QCOMPARE(run.exitCode, 2);
        const QString out = QString::fromUtf8(run.out);
        QVERIFY2(out.startsWith(path + QStringLiteral(": altered")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("log_sha256 does not match the log's contents")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("trial 7: truth %1, the seed gives %2").arg(QChar(other)).arg(QChar(truth))), qPrintable(out));
        QVERIFY2(QString::fromUtf8(run.err).startsWith(QStringLiteral("earlab-cli verify-log: %1: altered").arg(path)), run.err.constData());
    }

    void unreadableFilesExitTwoNamingTheFile()
    {
        const QString path = saved("cli-verify-cut");
        const QByteArray bytes = readBytes(path);
        QVERIFY(writeBytes(path, bytes.left(bytes.size() / 3)));
        ProcessRun run = verifyLog(path);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).startsWith(QStringLiteral("earlab-cli verify-log: %1: not JSON: ").arg(path)), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);

        const QString missing = scratch("cli-verify-missing") + QStringLiteral("/none.json");
        run = verifyLog(missing);
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(QString::fromUtf8(run.err).trimmed(), QStringLiteral("earlab-cli verify-log: %1: no such file").arg(missing));

        const QString folder = scratch("cli-verify-folder");
        run = verifyLog(folder);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(folder + QStringLiteral(": is a folder")), run.err.constData());

        // Opened before it is examined (readWholeFile fstats the descriptor): a FIFO with no
        // writer must be refused, not waited on.
        const QString fifo = scratch("cli-verify-fifo") + QStringLiteral("/log.json");
        QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        run = verifyLog(fifo);
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(QString::fromUtf8(run.err).trimmed(), QStringLiteral("earlab-cli verify-log: %1: is not a regular file").arg(fifo));

        run = runProcess(EARLAB_CLI, {"verify-log"}, 60000);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("missing argument"), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliVerifyLog)
#include "test_cli_verify_log.moc"
