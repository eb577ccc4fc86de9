// Blind-test logs in the progress database (blind_log_store.h), on SQLite files on disk: a
// saved log is listed newest first and loads back equal, its JSON bytes as saved (and intact
// for verify-log); it is still there after reopening; a row edited by another program is
// reported as altered, naming what; a log JSON cannot hold is refused with nothing written;
// schema step 8 on a version-7 file as EarLab of schema 7 left it keeps every row, and a
// failing step 8 leaves version 7 whole.

#include "exercises/blind_log_check.h"
#include "exercises/blind_log_store.h"
#include "exercises/progress_store.h"
#include "exercises/store_json.h"
#include "exercises/store_schema.h"

#include "support/blind_log_sample.h"
#include "support/raw_database.h"
#include "support/scratch_files.h"
#include "support/scratch_store.h"
#include "support/store_helpers.h"

#include <QFile>
#include <QTest>

#include <limits>

using namespace earlab;
using namespace earlab::test;

namespace {

QDateTime utc(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs);
}

QString jsonText(const BlindLog& log)
{
    return store::compactJson(log.toJson());
}

// A version-7 database at `path`: the first seven steps, two answers, a saved level, a reset
// and a library file, as EarLab of schema 7 wrote them.
void makeVersionSevenDatabase(const QString& path)
{
    RawDatabase raw(path);
    for (const store::MigrationStep& step : store::migrationSteps())
        if (step.version <= 7)
            for (const QString& sql : step.statements)
                QCOMPARE(raw.run(sql), QString());
    for (const char* sql :
         {"INSERT INTO attempts VALUES (1, 'eq-band', 1, 11, '{\"frequency_hz\":63}', '{\"frequency_hz\":126}', 0.5,"
          " 0, 2345, 'file:/music/a.flac', '2025-03-01T09:00:00.000Z', 's1', 'music', NULL, 1, 1)",
          "INSERT INTO attempts VALUES (2, 'level', 3, -5, '{\"gain_db\":1.5}', '{\"gain_db\":1.5}', 1.0,"
          " 1, 900, 'pink-noise', '2025-03-01T09:01:00.250Z', 's1', 'noise', 1.5, 2, 0)",
          "INSERT INTO exercise_state VALUES ('eq-band', 4, '2025-03-01T09:04:30.001Z', '{}')",
          "INSERT INTO exercise_resets VALUES ('level', '2025-02-01T08:00:00.000Z')",
          "INSERT INTO library_items VALUES ('/music/a.flac', 1, '', 'FLAC', 2, 44100, 200.0, -14.25, -0.75,"
          " '[-30.5,-25,-20.125,-18,-17,-19,-24,-31,-45.5]', 12.5, 8.0, 1, '2024-03-01T09:00:00.000Z',"
          " '2024-03-02T10:00:00.500Z', 0, X'00FF7F80', 'Funk', 0, '[]')",
          "PRAGMA user_version = 7"})
        QCOMPARE(raw.run(QString::fromUtf8(sql)), QString());
}

// Every stored row of the version-7 tables, as text, to compare before and after.
QString everyRow(const QString& path)
{
    RawDatabase raw(path);
    return raw.value(QStringLiteral(
                         "SELECT (SELECT group_concat(id || ' ' || exercise || ' ' || level || ' ' || seed || ' ' || hidden"
                         " || ' ' || answer || ' ' || score || ' ' || correct || ' ' || response_ms || ' ' || source"
                         " || ' ' || answered_at || ' ' || session || ' ' || material || ' ' || ifnull(value, '-')"
                         " || ' ' || format || ' ' || heard, '|') FROM (SELECT * FROM attempts ORDER BY id))"
                         " || '#' || (SELECT group_concat(exercise || ' ' || level || ' ' || updated_at || ' ' || state)"
                         " FROM exercise_state)"
                         " || '#' || (SELECT group_concat(exercise || ' ' || reset_at) FROM exercise_resets)"
                         " || '#' || (SELECT group_concat(path || ' ' || loudness_lufs || ' ' || hex(overview) || ' '"
                         " || genre || ' ' || stems) FROM library_items)"))
        .toString();
}

// A fresh progress database on disk in a scratch folder, open, with its blind-log store.
struct OpenStore : ScratchStore<BlindLogStore> {
    using ScratchStore::ScratchStore;
    BlindLogStore& logs = table;
};

} // namespace

class TestBlindLogStore : public QObject {
    Q_OBJECT

private slots:
    void savedLogListsAndLoadsBackEqual()
    {
        OpenStore store("blind-store-roundtrip");
        BlindLogStore& logs = store.logs;
        const BlindLog log = sampleAbxLog(16);
        const QDateTime savedAt = utc("2026-12-01T20:02:00.125Z");
        const qint64 id = logs.save(log, savedAt);
        QVERIFY(id > 0);

        const QList<StoredBlindLog> listed = logs.list();
        QCOMPARE(listed.size(), 1);
        const StoredBlindLog& row = listed.front();
        QCOMPARE(row.id, id);
        QCOMPARE(row.savedAt, savedAt);
        QCOMPARE(row.savedAt.timeSpec(), Qt::UTC);
        QCOMPARE(row.mode, QStringLiteral("abx"));
        QCOMPARE(row.plannedTrials, 16);
        QCOMPARE(row.n, 16);
        QCOMPARE(row.k, 12);
        QVERIFY(row.pValue);
        QCOMPARE(*row.pValue, *log.summary.pValue);
        QCOMPARE(row.files, (QStringList{QStringLiteral("/music/mix_v1.wav"), QStringLiteral("/music/mix_v2.flac")}));
        QCOMPARE(row.logSha256, log.toJson().value(QLatin1String("log_sha256")).toString());

        QString problem = QStringLiteral("stale");
        const std::optional<BlindLog> loaded = logs.load(id, &problem);
        QVERIFY2(loaded, qPrintable(problem));
        QCOMPARE(problem, QString());
        QCOMPARE(jsonText(*loaded), jsonText(log));

        // The bytes as saved: compact, exactly toJson's, and intact for verify-log.
        const QByteArray bytes = logs.json(id);
        QCOMPARE(bytes, jsonText(log).toUtf8());
        const BlindLogCheck check = verifyBlindLog(bytes, QStringLiteral("stored log"));
        QVERIFY2(check.intact(), qPrintable(check.unreadable + check.altered.join(QLatin1Char('\n'))));
    }

    void newestFirstWithLimit()
    {
        OpenStore store("blind-store-order");
        BlindLogStore& logs = store.logs;
        const qint64 middle = logs.save(sampleAbxLog(10), utc("2026-12-01T21:00:00.000Z"));
        const qint64 oldest = logs.save(sampleAbxLog(12), utc("2026-11-30T08:00:00.000Z"));
        // Given in another time zone: stored in UTC, so ordered by the instant.
        const qint64 newest = logs.save(sampleAbxLog(8), utc("2026-12-02T01:30:00.000+02:00"));
        const qint64 sameTime = logs.save(sampleAbxLog(4), utc("2026-12-01T23:30:00.000Z"));

        QList<qint64> ids;
        for (const StoredBlindLog& row : logs.list())
            ids << row.id;
        // The same instant: the later save first.
        QCOMPARE(ids, (QList<qint64>{sameTime, newest, middle, oldest}));
        QCOMPARE(logs.list()[1].savedAt, utc("2026-12-01T23:30:00.000Z"));
        const QList<StoredBlindLog> two = logs.list(2);
        QCOMPARE(two.size(), 2);
        QCOMPARE(two[0].id, sameTime);
        QCOMPARE(two[1].id, newest);
        QCOMPARE(logs.list(0).size(), 0);

        // Saved without a time: now, so newest.
        const QDateTime before = QDateTime::currentDateTimeUtc();
        const qint64 now = logs.save(sampleAbxLog(2));
        QCOMPARE(logs.list(1).front().id, now);
        QVERIFY(logs.list(1).front().savedAt >= before.addMSecs(-1));
    }

    void reopeningSeesTheSavedLog()
    {
        const QString path = scratch("blind-store-reopen") + QStringLiteral("/progress.sqlite");
        const BlindLog log = sampleAbxLog(16, 20); // stopped after 16 of 20 planned trials
        qint64 id = 0;
        {
            ProgressStore progress;
            progress.open(path);
            id = BlindLogStore(progress).save(log, utc("2026-12-01T20:00:00.000Z"));
            // Committed before save returned: another connection sees it while this one is open.
            QCOMPARE(RawDatabase(path).value(QStringLiteral("SELECT count(*) FROM blind_logs")).toInt(), 1);
        }
        ProgressStore progress;
        progress.open(path);
        BlindLogStore logs(progress);
        QCOMPARE(logs.list().size(), 1);
        QCOMPARE(logs.list().front().plannedTrials, 20);
        QString problem;
        const std::optional<BlindLog> loaded = logs.load(id, &problem);
        QVERIFY2(loaded, qPrintable(problem));
        QCOMPARE(jsonText(*loaded), jsonText(log));
    }

    void logWithoutPValue()
    {
        OpenStore store("blind-store-no-p");
        const QString& path = store.path;
        BlindLogStore& logs = store.logs;
        const BlindLog empty = sampleAbxLog(0, 16); // stopped before the first trial: n = 0
        QVERIFY(!empty.summary.pValue);
        const qint64 id = logs.save(empty);
        QVERIFY(!logs.list().front().pValue);
        QVERIFY(RawDatabase(path).value(QStringLiteral("SELECT p_value IS NULL FROM blind_logs")).toBool());
        QString problem;
        QVERIFY2(logs.load(id, &problem), qPrintable(problem));
    }

    void editedRowIsReportedAltered_data()
    {
        QTest::addColumn<QString>("edit");
        QTest::addColumn<QString>("named");
        QTest::newRow("a value in the JSON")
            << QStringLiteral("UPDATE blind_logs SET log_json = replace(log_json, '\"k\":12', '\"k\":13')")
            << QStringLiteral("log_sha256");
        QTest::newRow("the JSON's hash with it")
            << QStringLiteral("UPDATE blind_logs SET log_json = replace(log_json, '\"log_sha256\":\"', '\"log_sha256\":\"0')")
            << QStringLiteral("log_sha256");
        QTest::newRow("the n column") << QStringLiteral("UPDATE blind_logs SET n = 17") << QStringLiteral("the n column (17)");
        QTest::newRow("the p_value column")
            << QStringLiteral("UPDATE blind_logs SET p_value = 0.01") << QStringLiteral("the p_value column (0.01");
        QTest::newRow("the files column")
            << QStringLiteral("UPDATE blind_logs SET files = '[\"/music/other.wav\",\"/music/mix_v2.flac\"]'")
            << QStringLiteral("the files column");
        QTest::newRow("the mode column") << QStringLiteral("UPDATE blind_logs SET mode = 'preference'")
                                         << QStringLiteral("the mode column (preference)");
        QTest::newRow("not JSON") << QStringLiteral("UPDATE blind_logs SET log_json = substr(log_json, 1, 100)")
                                  << QStringLiteral("not a JSON object");
        QTest::newRow("not a blind log")
            << QStringLiteral("UPDATE blind_logs SET log_json = '{\"format\":\"something else\"}'")
            << QStringLiteral("not a blind log");
    }

    void editedRowIsReportedAltered()
    {
        QFETCH(QString, edit);
        QFETCH(QString, named);
        OpenStore store("blind-store-edited");
        const QString& path = store.path;
        BlindLogStore& logs = store.logs;
        const qint64 id = logs.save(sampleAbxLog(16));
        const qint64 other = logs.save(sampleAbxLog(8));
        QCOMPARE(RawDatabase(path).run(edit + QStringLiteral(" WHERE id = %1").arg(id)), QString());

        QString problem;
        QVERIFY(!logs.load(id, &problem));
        QVERIFY2(problem.contains(named), qPrintable(problem));
        QVERIFY2(problem.contains(path), qPrintable(problem));
        QVERIFY(!logs.load(id)); // no problem asked for: still not handed out
        // The other log is untouched and still loads; the list still shows both.
        QVERIFY2(logs.load(other, &problem), qPrintable(problem));
        QCOMPARE(logs.list().size(), 2);
    }

    void nonFiniteValueIsRefusedWithNothingWritten()
    {
        OpenStore store("blind-store-nan");
        const QString& path = store.path;
        BlindLogStore& logs = store.logs;
        BlindLog log = sampleAbxLog(16);
        log.items[1].gainDb = std::numeric_limits<double>::quiet_NaN();
        const QString message = storeErrorOf([&] { logs.save(log); });
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("items[1].gain_db")), qPrintable(message));
        QCOMPARE(RawDatabase(path).value(QStringLiteral("SELECT count(*) FROM blind_logs")).toInt(), 0);
    }

    void missingAndRemovedLogs()
    {
        OpenStore store("blind-store-remove");
        const QString& path = store.path;
        BlindLogStore& logs = store.logs;
        const qint64 first = logs.save(sampleAbxLog(16), utc("2026-12-01T20:00:00.000Z"));
        const qint64 second = logs.save(sampleAbxLog(8), utc("2026-12-01T21:00:00.000Z"));
        logs.remove(first);
        QCOMPARE(logs.list().size(), 1);
        QCOMPARE(logs.list().front().id, second);
        logs.remove(first); // already gone: nothing to do

        QString problem;
        QVERIFY(!logs.load(first, &problem));
        QVERIFY2(problem.contains(QLatin1String("does not exist")), qPrintable(problem));
        const QString message = storeErrorOf([&] { logs.json(first); });
        QVERIFY2(message.contains(path) && message.contains(QLatin1String("no such log")), qPrintable(message));
    }

    void notWrittenWhenTheFileIsGoneOrClosed()
    {
        OpenStore store("blind-store-gone");
        const QString& path = store.path;
        BlindLogStore& logs = store.logs;
        QVERIFY(QFile::remove(path));
        const QString gone = storeErrorOf([&] { logs.save(sampleAbxLog(4)); });
        QVERIFY2(gone.contains(path) && gone.contains(QLatin1String("deleted or moved")), qPrintable(gone));
        store.progress.close();
        const QString closed = storeErrorOf([&] { logs.save(sampleAbxLog(4)); });
        QVERIFY2(closed.contains(QLatin1String("not open")), qPrintable(closed));
        QVERIFY(!storeErrorOf([&] { logs.list(); }).isEmpty());
    }

    void stepEightKeepsEveryRow()
    {
        const QString path = scratch("blind-store-v7") + QStringLiteral("/progress.sqlite");
        makeVersionSevenDatabase(path);
        if (QTest::currentTestFailed())
            return;
        const QString before = everyRow(path);
        QVERIFY(before.contains(QLatin1String("pink-noise")));
        {
            ProgressStore progress;
            progress.open(path);
            QCOMPARE(progress.schemaVersion(), store::latestSchemaVersion());
            QCOMPARE(progress.attemptCount(QStringLiteral("eq-band")), 1);
            QCOMPARE(progress.attemptCount(QStringLiteral("level")), 1);
            QCOMPARE(progress.savedLevel(QStringLiteral("eq-band")), std::optional<int>(4));
            QCOMPARE(progress.lastReset(QStringLiteral("level")), std::optional<QDateTime>(utc("2025-02-01T08:00:00.000Z")));
            BlindLogStore logs(progress);
            QVERIFY(logs.list().isEmpty());
            QString problem;
            QVERIFY2(logs.load(logs.save(sampleAbxLog(16)), &problem), qPrintable(problem));
        }
        QCOMPARE(everyRow(path), before);
        RawDatabase raw(path);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), store::latestSchemaVersion());
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'blind_logs_by_time'")).toInt(), 1);
    }

    void failingStepEightLeavesVersionSevenWhole()
    {
        // An index of step 8's name already there: the table is created when the index
        // fails; all of it must be undone.
        const QString path = scratch("blind-store-v7-fail") + QStringLiteral("/progress.sqlite");
        makeVersionSevenDatabase(path);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(RawDatabase(path).run(QStringLiteral("CREATE INDEX blind_logs_by_time ON attempts(id)")), QString());
        const QString before = everyRow(path);
        {
            ProgressStore store;
            const QString message = storeErrorOf([&] { store.open(path); });
            QVERIFY2(message.contains(path), qPrintable(message));
            QVERIFY2(message.contains(QLatin1String("version 8")), qPrintable(message));
        }
        RawDatabase raw(path);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), 7);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'blind_logs'")).toInt(), 0);
        QCOMPARE(everyRow(path), before);
    }
};

QTEST_GUILESS_MAIN(TestBlindLogStore)
#include "test_blind_log_store.moc"
