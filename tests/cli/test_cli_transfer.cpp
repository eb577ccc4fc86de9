// earlab-cli export and import, the real binary on real files: the export of a seeded
// history is the text written out by hand (transfer_history.h); an import into an empty
// database gives every answer back, a second one adds nothing; a bad row exits 2 with one
// line naming the file, the row and the cause, and nothing is imported; -o replaces a file
// only once the export is complete; blind-test logs round trip and each still passes
// verify-log; a database EarLab cannot write is refused and left as it was.

#include "exercises/blind_log_store.h"
#include "exercises/progress_store.h"
#include "exercises/track_marker_store.h"

#include "exercises/store_fault_support.h"
#include "support/blind_log_sample.h"
#include "support/process_runner.h"
#include "support/raw_database.h"
#include "support/scratch_files.h"
#include "support/store_helpers.h"
#include "support/transfer_history.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace earlab;
using namespace earlab::test;

namespace {

ProcessRun cli(const QStringList& args) { return runProcess(EARLAB_CLI, args, 120000); }

QString both(const ProcessRun& run) { return QString::fromUtf8(run.out + "\n--- stderr:\n" + run.err); }

// A database at `path` holding transferHistory().
void seed(const QString& path)
{
    ProgressStore store;
    store.open(path);
    recordTransferHistory(store);
}

} // namespace

class TestCliTransfer : public QObject {
    Q_OBJECT

private slots:
    void exportToStdoutIsTheCsvByHand()
    {
        const QString folder = scratch("cli-transfer-stdout");
        const QString db = folder + "/progress.sqlite";
        seed(db);
        const ProcessRun run = cli({"export", "--db", db});
        QVERIFY2(run.ok(), qPrintable(both(run)));
        QCOMPARE(run.out, transferCsv());
        QVERIFY2(run.err.isEmpty(), run.err.constData());
    }

    void exportToFileTakesItsFormatFromTheName()
    {
        const QString folder = scratch("cli-transfer-file");
        const QString db = folder + "/progress.sqlite";
        seed(db);
        const QString file = folder + "/my answers, all.json";
        const ProcessRun run = cli({"export", "--db", db, "-o", file});
        QVERIFY2(run.ok(), qPrintable(both(run)));
        QCOMPARE(QString::fromUtf8(run.out), QStringLiteral("Exported 3 answers to %1.\n").arg(file));
        const QByteArray json = readBytes(file);
        QVERIFY2(json.contains("\n" + transferJsonLevelRow() + ",\n"), json.constData());
        QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 2); // the db and the export: no temporary left
    }

    void importRoundTripsAndTwiceAddsNothing_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("csv") << "csv";
        QTest::newRow("json") << "json";
    }

    void importRoundTripsAndTwiceAddsNothing()
    {
        QFETCH(QString, format);
        const QString folder = scratch("cli-transfer-round-trip");
        const QString db = folder + "/progress.sqlite";
        seed(db);
        const QString file = folder + "/export." + format;
        QVERIFY2(cli({"export", "--db", db, "-o", file}).ok(), "export");

        const QString copy = folder + "/copy.sqlite";
        ProcessRun run = cli({"import", file, "--db", copy});
        QVERIFY2(run.ok(), qPrintable(both(run)));
        QCOMPARE(QString::fromUtf8(run.out), QStringLiteral("Imported 3 answers (0 already here) into %1.\n").arg(copy));
        run = cli({"import", file, "--db", copy});
        QVERIFY2(run.ok(), qPrintable(both(run)));
        QCOMPARE(QString::fromUtf8(run.out), QStringLiteral("Imported 0 answers (3 already here) into %1.\n").arg(copy));

        ProgressStore original;
        original.open(db);
        ProgressStore imported;
        imported.open(copy);
        const QList<Attempt> back = storedTransferAnswers(imported);
        QCOMPARE(transferUids(back), transferUids(transferAnswers()));
        QCOMPARE(withoutRowIds(back), withoutRowIds(transferAnswers()));
        if (format == "json")
            QCOMPARE(imported.savedDifficulty("eq-band"), original.savedDifficulty("eq-band"));

        // The statistics of the copy are the original's. CSV holds the answers alone, so there
        // the level and threshold (the saved difficulty) are those of a fresh start.
        const auto statsOf = [](const QString& path) {
            const ProcessRun stats = cli({"stats", "--db", path, "--json"});
            return stats.ok() ? QJsonDocument::fromJson(stats.out).object() : QJsonObject{{"failed", both(stats)}};
        };
        const QJsonObject before = statsOf(db);
        QJsonObject after = statsOf(copy);
        // By hand from transfer_history.h: 2 answers counted, both eq-band, 1 right (level's
        // one answer was given before anything was heard: kept, never counted).
        QCOMPARE(after.value("answers").toInt(), 2);
        QJsonArray exercises = after.value("exercises").toArray();
        QStringList counts;
        for (const QJsonValue& e : exercises)
            if (e["answers"].toInt() > 0)
                counts << QStringLiteral("%1 %2/%3").arg(e["id"].toString()).arg(e["correct"].toInt()).arg(e["answers"].toInt());
        QCOMPARE(counts.join(", "), QStringLiteral("eq-band 1/2"));
        if (format == "csv") {
            QJsonObject withOriginalLevels = after;
            QJsonArray fixed;
            const QJsonArray originals = before.value("exercises").toArray();
            for (int i = 0; i < exercises.size() && i < originals.size(); ++i) {
                QJsonObject e = exercises[i].toObject();
                QCOMPARE(e["level"].toInt(), 1);
                e["level"] = originals[i].toObject()["level"];
                e["threshold"] = originals[i].toObject()["threshold"];
                fixed << e;
            }
            withOriginalLevels["exercises"] = fixed;
            after = withOriginalLevels;
        }
        QCOMPARE(after, before);
    }

    void badRowExitsTwoAndImportsNothing()
    {
        const QString folder = scratch("cli-transfer-bad-row");
        const QString file = folder + "/answers.csv";
        QByteArray csv = transferCsv();
        csv.replace(",level,1,s1,noise,1,1,900,", ",level,1,s1,noise,1,1.5,900,"); // row 2's score
        QVERIFY(writeBytes(file, csv));
        const QString db = folder + "/progress.sqlite";
        const ProcessRun run = cli({"import", file, "--db", db});
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(QString::fromUtf8(run.err),
                 QStringLiteral("earlab-cli import: %1: row 2 (line 4): score 1.5 is outside 0..1; nothing was imported.\n")
                     .arg(file));
        QVERIFY(run.out.isEmpty());
        ProgressStore store;
        store.open(db);
        QCOMPARE(store.attemptCount("eq-band"), 0); // row 1 was good: not imported either
    }

    void refusalsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no db") << QStringList{"export"} << "earlab-cli export: --db PATH is required";
        QTest::newRow("missing db") << QStringList{"export", "--db", "/nonexistent/progress.sqlite"}
                                    << "earlab-cli export: --db /nonexistent/progress.sqlite: there is no database there";
        QTest::newRow("bad data") << QStringList{"export", "--db", "x", "--data", "notes"}
                                  << "earlab-cli export: --data notes: must be one of answers|blind-logs|markers";
        QTest::newRow("csv logs") << QStringList{"export", "--db", "x", "--data", "blind-logs", "--format", "csv"}
                                  << "earlab-cli export: --format csv: must be json for --data blind-logs";
        QTest::newRow("missing file") << QStringList{"import", "/nonexistent/answers.csv", "--db", "x"}
                                      << "earlab-cli import: cannot open /nonexistent/answers.csv: No such file or directory";
        QTest::newRow("folder") << QStringList{"import", "/tmp", "--db", "x"} << "earlab-cli import: /tmp is not a file";
    }

    void refusalsExitTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const ProcessRun run = cli(args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).startsWith(message), qPrintable(both(run)));
        QCOMPARE(run.err.count('\n'), 1);
    }

    // A failed export leaves the file -o names as it was.
    void failedExportLeavesTheFile()
    {
        const QString folder = scratch("cli-transfer-keep");
        const QString file = folder + "/answers.csv";
        QVERIFY(writeBytes(file, "what was there\n"));
        const ProcessRun run = cli({"export", "--db", folder + "/none.sqlite", "-o", file});
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(readBytes(file), QByteArray("what was there\n"));
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden), QStringList{"answers.csv"});
    }

    void helpNamesTheColumns()
    {
        for (const char* command : {"export", "import"}) {
            const ProcessRun run = cli({command, "--help"});
            QVERIFY2(run.ok(), qPrintable(both(run)));
            QVERIFY2(run.out.contains("--db"), run.out.constData());
            QVERIFY2(run.out.contains("--data"), run.out.constData());
        }
        QVERIFY(cli({"export", "--help"}).out.contains("id, answered_at, exercise, level, session, material, correct"));
        const ProcessRun usage = cli({"--help"});
        QVERIFY(usage.out.contains("  export ") && usage.out.contains("  import "));
    }

    void blindLogsRoundTripAndEachStillVerifies()
    {
        const QString folder = scratch("cli-transfer-logs");
        const QString db = folder + "/progress.sqlite";
        {
            ProgressStore store;
            store.open(db);
            BlindLogStore logs(store);
            logs.save(sampleAbxLog(16));
            logs.save(sampleAbxLog(8));
        }
        const QString file = folder + "/logs.json";
        ProcessRun run = cli({"export", "--db", db, "--data", "blind-logs", "-o", file});
        QVERIFY2(run.ok(), qPrintable(both(run)));
        QCOMPARE(QString::fromUtf8(run.out), QStringLiteral("Exported 2 blind-test logs to %1.\n").arg(file));

        const QJsonArray logs = QJsonDocument::fromJson(readBytes(file)).array();
        QCOMPARE(logs.size(), 2);
        for (int i = 0; i < logs.size(); ++i) {
            const QString one = folder + QStringLiteral("/log%1.json").arg(i);
            QVERIFY(writeBytes(one, QJsonDocument(logs.at(i).toObject()).toJson()));
            run = cli({"verify-log", one});
            QVERIFY2(run.ok(), qPrintable(both(run)));
        }

        const QString copy = folder + "/copy.sqlite";
        run = cli({"import", file, "--db", copy, "--data", "blind-logs"});
        QVERIFY2(run.ok(), qPrintable(both(run)));
        QCOMPARE(QString::fromUtf8(run.out), QStringLiteral("Imported 2 blind-test logs (0 already here) into %1.\n").arg(copy));
        run = cli({"import", file, "--db", copy, "--data", "blind-logs"});
        QCOMPARE(QString::fromUtf8(run.out), QStringLiteral("Imported 0 blind-test logs (2 already here) into %1.\n").arg(copy));
        // And the copy exports the same logs, byte for byte (saved at the end of their runs,
        // so perhaps in another order: the file does not hold when they were saved).
        run = cli({"export", "--db", copy, "--data", "blind-logs"});
        QList<QByteArray> again = run.out.split('\n');
        QList<QByteArray> first = readBytes(file).split('\n');
        for (QList<QByteArray>* lines : {&again, &first}) {
            for (QByteArray& line : *lines)
                if (line.endsWith(','))
                    line.chop(1);
            std::sort(lines->begin(), lines->end());
        }
        QCOMPARE(again, first);
    }

    // The listening view's markers: exported as JSON, imported into an empty database with
    // every field, a second import adding nothing; a malformed file is refused by entry.
    void markersRoundTripAndTwiceAddsNothing()
    {
        const QString folder = scratch("cli-transfer-markers");
        const QString db = folder + "/progress.sqlite";
        QList<TrackMarker> written;
        {
            ProgressStore store;
            store.open(db);
            TrackMarkerStore markers(store);
            markers.add(QStringLiteral("/music/a, \"b\".flac"), 83.4, QStringLiteral("tone"), QStringLiteral("harsh S,\nat 7 kHz"));
            markers.add(QStringLiteral("/music/c.wav"), 0.0, QStringLiteral("space"), QString());
            written = markers.all();
        }
        QCOMPARE(written.size(), 2);
        const QString file = folder + "/markers.json";
        ProcessRun run = cli({"export", "--db", db, "--data", "markers", "-o", file});
        QVERIFY2(run.ok(), qPrintable(both(run)));
        QCOMPARE(QString::fromUtf8(run.out), QStringLiteral("Exported 2 markers to %1.\n").arg(file));

        const QString copy = folder + "/copy.sqlite";
        run = cli({"import", file, "--db", copy, "--data", "markers"});
        QVERIFY2(run.ok(), qPrintable(both(run)));
        QCOMPARE(QString::fromUtf8(run.out), QStringLiteral("Imported 2 markers (0 already here) into %1.\n").arg(copy));
        run = cli({"import", file, "--db", copy, "--data", "markers"});
        QCOMPARE(QString::fromUtf8(run.out), QStringLiteral("Imported 0 markers (2 already here) into %1.\n").arg(copy));
        {
            ProgressStore store;
            store.open(copy);
            const QList<TrackMarker> read = TrackMarkerStore(store).all();
            QCOMPARE(read.size(), written.size());
            for (int i = 0; i < read.size(); ++i) {
                QCOMPARE(read[i].uid, written[i].uid);
                QCOMPARE(read[i].path, written[i].path);
                QCOMPARE(read[i].positionSeconds, written[i].positionSeconds);
                QCOMPARE(read[i].category, written[i].category);
                QCOMPARE(read[i].note, written[i].note);
                QCOMPARE(read[i].createdAt, written[i].createdAt);
            }
        }
        QByteArray bad = readBytes(file);
        bad.replace("\"space\"", "\"spaces\"");
        const QString badFile = folder + "/bad.json";
        QVERIFY(writeBytes(badFile, bad));
        const QString empty = folder + "/empty.sqlite";
        run = cli({"import", badFile, "--db", empty, "--data", "markers"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(badFile.toUtf8()) && run.err.contains("markers[1]"), qPrintable(both(run)));
    }

    // An export never changes the database: not a current one, and not an older one, which
    // opening it for writing would upgrade (here: schema 10 marked as 9); that is refused,
    // naming the file and what to do.
    void exportLeavesTheDatabaseAsItWas()
    {
        const QString folder = scratch("cli-transfer-export-untouched");
        const QString db = folder + "/progress.sqlite";
        seed(db);
        const QByteArray before = readBytes(db);
        for (const QString& format : {QStringLiteral("csv"), QStringLiteral("json")}) {
            const ProcessRun run = cli({"export", "--db", db, "--format", format});
            QVERIFY2(run.ok(), qPrintable(both(run)));
            QCOMPARE(readBytes(db), before);
        }
        QCOMPARE(RawDatabase(db).run(QStringLiteral("PRAGMA user_version = 9")), QString());
        const QByteArray older = readBytes(db);
        const ProcessRun run = cli({"export", "--db", db});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.out.isEmpty(), run.out.constData());
        QVERIFY2(run.err.contains(db.toUtf8()) && run.err.contains("Open it in EarLab once"), qPrintable(both(run)));
        QCOMPARE(readBytes(db), older);
        QCOMPARE(RawDatabase(db).value(QStringLiteral("PRAGMA user_version")).toInt(), 9);
    }

    // EarLab works on a private copy of a database it cannot write: an import would seem to
    // work and nothing would reach the file, so it is refused, the file left as it was.
    void readOnlyDatabaseIsRefused()
    {
        const QString folder = scratch("cli-transfer-readonly");
        const QString db = folder + "/progress.sqlite";
        seed(db);
        const QString file = folder + "/answers.csv";
        QVERIFY(writeBytes(file, transferCsv().replace("0123456789abcdef", "aaaaaaaaaaaaaaaa")));
        makeReadOnlyForChild(db);
        QFile::setPermissions(file, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
        const QByteArray before = readBytes(db);
        const auto [program, args] = unprivileged(EARLAB_CLI, {"import", file, "--db", db});
        if (program.isEmpty())
            QSKIP("running as root without setpriv: cannot run a child that lacks write access");
        const ProcessRun run = runProcess(program, args, 120000);
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(QString::fromUtf8(run.err),
                 QStringLiteral("earlab-cli import: Nothing was imported from %1 into the progress database %2: "
                                "the file is read-only for you, so nothing would reach it.\n")
                     .arg(file, db));
        QCOMPARE(readBytes(db), before);
    }
};

QTEST_GUILESS_MAIN(TestCliTransfer)
#include "test_cli_transfer.moc"
