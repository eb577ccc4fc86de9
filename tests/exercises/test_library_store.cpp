// The music library table: a round trip on disk (level overviews included), pinned regions
// across rescans, removal, the scan queue, the errors, and the migrations from a version-2
// progress database that keeps every answer and from version-3 and version-4 ones that keep
// every library row.

#include "exercises/library_store.h"
#include "exercises/store_schema.h"
#include "support/process_runner.h"
#include "support/raw_database.h"
#include "support/scratch_files.h"
#include "support/store_helpers.h"

#include <QtTest>

#include <cmath>
#include <functional>
#include <limits>

using namespace earlab;
using namespace earlab::test;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

ScanResult madeUpScan(const QString& path, double duration, TimeRegion region)
{
    ScanResult r;
    r.path = path;
    r.ok = true;
    r.format = QStringLiteral("FLAC");
    r.channels = 2;
    r.sampleRate = 44100;
    r.durationSeconds = duration;
    r.loudnessLufs = -14.25;
    r.truePeakDbtp = -0.75;
    r.octaveLevelsDb = {-30.5, -25.0, -20.125, -18.0, -17.0, -19.0, -24.0, -31.0, -45.5};
    r.region = region;
    for (int bin = 0; bin < kOverviewBins; ++bin) { // a made-up shape using every code
        r.overview.peak.append(char(bin % 256));
        r.overview.rms.append(char((bin * 7) % 200));
    }
    return r;
}

void compareScans(const ScanResult& a, const ScanResult& b)
{
    QCOMPARE(a.path, b.path);
    QCOMPARE(a.ok, b.ok);
    QCOMPARE(a.error, b.error);
    QCOMPARE(a.format, b.format);
    QCOMPARE(a.channels, b.channels);
    QCOMPARE(a.sampleRate, b.sampleRate);
    QCOMPARE(a.durationSeconds, b.durationSeconds);
    QCOMPARE(a.loudnessLufs, b.loudnessLufs); // exact, including -inf
    QCOMPARE(a.truePeakDbtp, b.truePeakDbtp);
    QCOMPARE(a.octaveLevelsDb, b.octaveLevelsDb);
    QCOMPARE(a.region, b.region);
    QCOMPARE(a.overview.toBytes(), b.overview.toBytes());
}

// A database as the EarLab of schema `version` left it: the released steps up to `version`
// run by hand, then `rows` (SQL as that version wrote them), then its user_version.
void makeReleasedDatabase(const QString& db, int version, const QStringList& rows)
{
    RawDatabase raw(db);
    for (const store::MigrationStep& step : store::migrationSteps())
        if (step.version <= version)
            for (const QString& sql : step.statements)
                QCOMPARE(raw.run(sql), QString());
    for (const QString& sql : rows)
        QCOMPARE(raw.run(sql), QString());
    QCOMPARE(raw.run(QStringLiteral("PRAGMA user_version = %1").arg(version)), QString());
}

// madeUpScan("/music/a.flac", 200 s, pinned at 12.5 s + 8 s) as versions 3 to 5 store it, but
// for the overview; %1 adds the later columns.
const QString kPinnedRowSql = QStringLiteral(
    "INSERT INTO library_items VALUES ('/music/a.flac', 1, '', 'FLAC', 2, 44100, 200.0, -14.25, -0.75,"
    " '[-30.5,-25,-20.125,-18,-17,-19,-24,-31,-45.5]', 12.5, 8.0, 1, '2024-03-01T09:00:00.000Z',"
    " '2024-03-02T10:00:00.500Z'%1)");

// Opens `db`, which must migrate to the latest version without any recovery.
void openMigrated(ProgressStore& progress, const QString& db)
{
    progress.open(db);
    QVERIFY(progress.recoveryMessage().isEmpty());
    QCOMPARE(progress.schemaVersion(), store::latestSchemaVersion());
}

} // namespace

class TestLibraryStore : public QObject {
    Q_OBJECT

private slots:
    void freshStoreHasTheTable()
    {
        ProgressStore progress;
        progress.open(QString());
        QCOMPARE(progress.schemaVersion(), store::latestSchemaVersion());
        LibraryStore library(progress);
        QCOMPARE(library.count(), 0);
        QVERIFY(library.items().isEmpty());
        QVERIFY(!library.item(QStringLiteral("/nowhere.wav")).has_value());
    }

    void roundTripOnDisk()
    {
        const QString dir = scratch("library-roundtrip");
        const QString db = dir + "/progress.sqlite";
        const QString song = dir + "/Song.flac";
        const QString silent = dir + "/silence.wav";
        QCOMPARE(sox({"-n", "-r", "44100", "-c", "2", song, "synth", "20", "pinknoise", "gain", "-18"}), QString());
        // Quiet enough for BS.1770 to call it silence (-inf LUFS) without being digital
        // silence, which a scan flags as unusable.
        QCOMPARE(sox({"-n", "-r", "32000", "-c", "1", silent, "synth", "6", "sine", "1000", "gain", "-85"}), QString());

        const ScanResult good = scanFile(song);
        QVERIFY2(good.ok, qPrintable(good.error));
        const ScanResult quiet = scanFile(silent);
        QVERIFY2(quiet.ok, qPrintable(quiet.error));
        QVERIFY(std::isinf(quiet.loudnessLufs) && std::isinf(quiet.octaveLevelsDb.back()));
        const ScanResult broken = scanFile(dir + "/missing.mp3");
        QVERIFY(!broken.ok);

        const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
        {
            ProgressStore progress;
            progress.open(db);
            LibraryStore library(progress);
            library.upsert(good);
            library.upsert(quiet);
            library.upsert(broken);
            QCOMPARE(library.count(), 3);
        }
        ProgressStore progress;
        progress.open(db);
        LibraryStore library(progress);
        const QList<LibraryItem> items = library.items();
        QCOMPARE(items.size(), 3);
        // Sorted ignoring case: missing.mp3, silence.wav, Song.flac.
        compareScans(items[0].scan, broken);
        compareScans(items[1].scan, quiet);
        compareScans(items[2].scan, good);
        // The overview: 400 bins, 800 bytes in the database; none for the broken file.
        QCOMPARE(good.overview.bins(), kOverviewBins);
        QCOMPARE(items[0].scan.overview.bins(), 0);
        QCOMPARE(RawDatabase(db).value(QStringLiteral("SELECT length(overview) FROM library_items WHERE path = '%1'").arg(song)).toInt(),
                 2 * kOverviewBins);
        QVERIFY(RawDatabase(db).value(QStringLiteral("SELECT overview FROM library_items WHERE path = '%1'").arg(dir + "/missing.mp3")).isNull());
        for (const LibraryItem& item : items) {
            QVERIFY(!item.pinned);
            QVERIFY(item.addedAt.isValid() && item.addedAt >= before);
            QCOMPARE(item.addedAt.timeSpec(), Qt::UTC);
            QCOMPARE(item.scannedAt, item.addedAt);
        }
        const std::optional<LibraryItem> one = library.item(song);
        QVERIFY(one.has_value());
        compareScans(one->scan, good);
        // Looked up by the cleaned absolute path.
        QVERIFY(library.item(dir + "/./sub/../Song.flac").has_value());
        QVERIFY(!library.item(dir + "/song.flac").has_value()); // paths are case-sensitive

        // A rescan replaces the facts but keeps addedAt. Times are stored to the millisecond:
        // wait until the clock has passed the first scan's, so the rescan's time is later.
        QTRY_VERIFY(QDateTime::currentDateTimeUtc() > one->scannedAt);
        ScanResult rescan = good;
        rescan.loudnessLufs = -9.0;
        library.upsert(rescan);
        const LibraryItem after = *library.item(song);
        QCOMPARE(after.scan.loudnessLufs, -9.0);
        QCOMPARE(after.addedAt, one->addedAt);
        QVERIFY(after.scannedAt > one->scannedAt);
        QCOMPARE(library.count(), 3);
    }

    void pinnedRegionSurvivesRescans()
    {
        ProgressStore progress;
        progress.open(scratch("library-pin") + "/progress.sqlite");
        LibraryStore library(progress);
        const QString path = QStringLiteral("/music/mix-v3.wav");
        library.upsert(madeUpScan(path, 200.0, {60.0, 15.0}));

        library.pinRegion(path, {12.5, 8.0});
        LibraryItem item = *library.item(path);
        QVERIFY(item.pinned);
        QCOMPARE(item.scan.region, (TimeRegion{12.5, 8.0}));

        // The user re-exported the mix; the rescan picked another region: the pin stays.
        library.upsert(madeUpScan(path, 210.0, {90.0, 15.0}));
        item = *library.item(path);
        QVERIFY(item.pinned);
        QCOMPARE(item.scan.region, (TimeRegion{12.5, 8.0}));
        QCOMPARE(item.scan.durationSeconds, 210.0);

        // The file is unreadable today: the pin stays too.
        ScanResult broken;
        broken.path = path;
        broken.error = path + QStringLiteral(": no such file");
        library.upsert(broken);
        item = *library.item(path);
        QVERIFY(!item.scan.ok);
        QVERIFY(item.pinned);
        QCOMPARE(item.scan.region, (TimeRegion{12.5, 8.0}));

        // It came back shorter than the pinned region's end: the picked region replaces it.
        library.upsert(madeUpScan(path, 18.0, {0.0, 15.0}));
        item = *library.item(path);
        QVERIFY(!item.pinned);
        QCOMPARE(item.scan.region, (TimeRegion{0.0, 15.0}));

        // Unpin: flag cleared now, region replaced by the next rescan.
        library.pinRegion(path, {1.0, 10.0});
        library.unpinRegion(path);
        QVERIFY(!library.item(path)->pinned);
        QCOMPARE(library.item(path)->scan.region, (TimeRegion{1.0, 10.0}));
        library.upsert(madeUpScan(path, 18.0, {3.0, 15.0}));
        QCOMPARE(library.item(path)->scan.region, (TimeRegion{3.0, 15.0}));
    }

    void pinRegionRejectsWhatCannotBePlayed()
    {
        ProgressStore progress;
        const QString db = scratch("library-pin-errors") + "/progress.sqlite";
        progress.open(db);
        LibraryStore library(progress);
        const QString path = QStringLiteral("/music/a.flac");
        library.upsert(madeUpScan(path, 30.0, {5.0, 15.0}));
        ScanResult broken;
        broken.path = QStringLiteral("/music/broken.flac");
        broken.error = QStringLiteral("/music/broken.flac: truncated");
        library.upsert(broken);

        const auto pinError = [&](const QString& p, TimeRegion r) { return storeErrorOf([&] { library.pinRegion(p, r); }); };
        QString message = pinError(QStringLiteral("/music/unknown.flac"), {0, 5});
        QVERIFY2(message.contains(db) && message.contains("not in the library"), qPrintable(message));
        message = pinError(broken.path, {0, 5});
        QVERIFY2(message.contains("could not be scanned"), qPrintable(message));
        for (const TimeRegion bad : {TimeRegion{-1, 5}, TimeRegion{0, 0}, TimeRegion{20, 10.5},
                                     TimeRegion{std::nan(""), 5}, TimeRegion{0, kInf}}) {
            message = pinError(path, bad);
            QVERIFY2(message.contains("not inside the file"), qPrintable(message));
        }
        QVERIFY(pinError(path, {20, 10.0}).isEmpty()); // ends exactly at the end
        QVERIFY(storeErrorOf([&] { library.unpinRegion(QStringLiteral("/music/unknown.flac")); })
                    .contains("not in the library"));
        QVERIFY(storeErrorOf([&] { library.upsert(ScanResult{}); }).contains("names no file"));
    }

    void removeDeletesOneItem()
    {
        ProgressStore progress;
        progress.open(QString());
        LibraryStore library(progress);
        library.upsert(madeUpScan(QStringLiteral("/m/a.wav"), 30, {0, 15}));
        library.upsert(madeUpScan(QStringLiteral("/m/b.wav"), 30, {0, 15}));
        QVERIFY(library.remove(QStringLiteral("/m/a.wav")));
        QVERIFY(!library.remove(QStringLiteral("/m/a.wav")));
        QCOMPARE(library.count(), 1);
        QCOMPARE(library.items().front().scan.path, QStringLiteral("/m/b.wav"));
    }

    void theScanQueueIsKept()
    {
        const QString db = scratch("library-queue") + "/progress.sqlite";
        const QString scanned = QStringLiteral("/music/old.flac");
        const QString fresh = QStringLiteral("/music/new.wav");
        {
            ProgressStore progress;
            progress.open(db);
            LibraryStore library(progress);
            library.upsert(madeUpScan(scanned, 60.0, {10.0, 15.0}));
            library.pinRegion(scanned, {2.0, 4.0});
            library.queue({fresh, scanned});
        }
        ProgressStore progress;
        progress.open(db);
        LibraryStore library(progress);
        QCOMPARE(library.count(), 2);
        // The new file is in the library, waiting and not scanned; the old one waits for a
        // rescan with its last scan and its pin.
        LibraryItem item = *library.item(fresh);
        QVERIFY(item.queued);
        QVERIFY(!item.scanned());
        QVERIFY(!item.scan.ok);
        QVERIFY(item.scan.error.isEmpty());
        QVERIFY(item.addedAt.isValid());
        item = *library.item(scanned);
        QVERIFY(item.queued);
        QVERIFY(item.scanned());
        QVERIFY(item.pinned);
        QCOMPARE(item.scan.region, (TimeRegion{2.0, 4.0}));
        QCOMPARE(item.scan.durationSeconds, 60.0);

        // Queued again: nothing changes. A stored scan ends the wait; a cancel ends it too.
        library.queue({fresh});
        QCOMPARE(library.count(), 2);
        library.upsert(madeUpScan(scanned, 60.0, {30.0, 15.0}));
        item = *library.item(scanned);
        QVERIFY(!item.queued);
        QCOMPARE(item.scan.region, (TimeRegion{2.0, 4.0})); // still pinned
        library.unqueue({fresh, QStringLiteral("/music/unknown.wav")});
        item = *library.item(fresh);
        QVERIFY(!item.queued);
        QVERIFY(!item.scanned());
        const ScanResult freshScan = madeUpScan(fresh, 20.0, {5.0, 15.0});
        const QDateTime beforeScan = QDateTime::currentDateTimeUtc().addMSecs(-1);
        library.upsert(freshScan);
        item = *library.item(fresh);
        QVERIFY(item.scanned() && item.scannedAt >= beforeScan);
        compareScans(item.scan, freshScan);

        // Unpinning queues a rescan, which picks the region again.
        library.unpinRegion(scanned);
        item = *library.item(scanned);
        QVERIFY(item.queued && !item.pinned);
        QCOMPARE(library.items().size(), 2);
        QVERIFY(storeErrorOf([&] { library.queue({QString()}); }).contains(db));
        QVERIFY(!library.item(fresh)->queued); // that failed transaction changed nothing
    }

    void itemAfterScanIsWhatUpsertStores()
    {
        ProgressStore progress;
        progress.open(QString());
        LibraryStore library(progress);
        const QString path = QStringLiteral("/music/a.flac");
        library.upsert(madeUpScan(path, 100.0, {40.0, 15.0}));
        library.pinRegion(path, {90.0, 10.0});
        for (const ScanResult& next : {madeUpScan(path, 120.0, {0.0, 15.0}), madeUpScan(path, 95.0, {0.0, 15.0})}) {
            const std::optional<LibraryItem> before = library.item(path);
            const LibraryItem predicted = itemAfterScan(before, next, QDateTime::currentDateTimeUtc());
            library.upsert(next);
            const LibraryItem stored = *library.item(path);
            compareScans(predicted.scan, stored.scan);
            QCOMPARE(predicted.pinned, stored.pinned);
            QCOMPARE(predicted.addedAt, stored.addedAt);
        }
        QVERIFY(!library.item(path)->pinned); // 95 s: the pin at 90 s + 10 s no longer fits
        QVERIFY(regionFits({85.0, 10.0}, 95.0));
        QVERIFY(!regionFits({85.0, 10.1}, 95.0));
    }

    void closedStoreThrowsNamingTheFile()
    {
        ProgressStore progress;
        const QString db = scratch("library-closed") + "/progress.sqlite";
        progress.open(db);
        progress.close();
        LibraryStore library(progress);
        const QString message = storeErrorOf([&] { library.items(); });
        QVERIFY2(message.contains("not open"), qPrintable(message));
    }

    void migratesVersionTwoKeepingAttempts()
    {
        const QString db = scratch("library-v2") + "/progress.sqlite";
        makeReleasedDatabase(db, 2,
            {QStringLiteral("INSERT INTO attempts VALUES (1, 'eq-band', 3, 42, '{\"frequency_hz\":1000}',"
                            " '{\"frequency_hz\":2000}', 0.5, 0, 1500, '/music/a.flac', '2024-02-01T10:00:00.000Z')"),
             QStringLiteral("INSERT INTO attempts VALUES (2, 'eq-band', 3, 43, '{\"frequency_hz\":250}',"
                            " '{\"frequency_hz\":250}', 1.0, 1, 900, 'builtin:pop', '2024-02-01T10:00:05.000Z')"),
             QStringLiteral("INSERT INTO exercise_state VALUES ('eq-band', 3, '2024-02-01T10:00:05.000Z')")});
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(RawDatabase(db).value(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'library_items'")).toInt(), 0);

        ProgressStore progress;
        progress.open(db);
        QVERIFY(progress.recoveryMessage().isEmpty());
        QCOMPARE(progress.schemaVersion(), store::latestSchemaVersion());
        const QList<Attempt> attempts = progress.recentAttempts(QStringLiteral("eq-band"), -1);
        QCOMPARE(attempts.size(), 2);
        QCOMPARE(attempts[0].id, qint64(2));
        QCOMPARE(attempts[0].source, QStringLiteral("builtin:pop"));
        QCOMPARE(attempts[0].score, 1.0);
        QCOMPARE(attempts[1].id, qint64(1));
        QCOMPARE(attempts[1].hidden.value(QStringLiteral("frequency_hz")).toInt(), 1000);
        QCOMPARE(progress.savedLevel(QStringLiteral("eq-band")), std::optional<int>(3));

        LibraryStore library(progress);
        QCOMPARE(library.count(), 0);
        library.upsert(madeUpScan(QStringLiteral("/music/a.flac"), 100, {40, 15}));
        QCOMPARE(library.count(), 1);
        // Answers still go in after the migration.
        Attempt next = attempts[0];
        next.uid.clear(); // a new answer: the store gives it its own id
        next.answeredAt = next.answeredAt.addSecs(60);
        QCOMPARE(progress.recordAttempt(next), qint64(3));
    }

    void migratesVersionThreeKeepingLibraryRows()
    {
        // Rows as version 3 wrote them: one pinned, one broken (with silence's NULLs).
        const QString db = scratch("library-v3") + "/progress.sqlite";
        makeReleasedDatabase(db, 3,
            {kPinnedRowSql.arg(QString()),
             QStringLiteral("INSERT INTO library_items VALUES ('/music/b.wav', 0, '/music/b.wav: truncated', '', 0, 0, 0,"
                            " NULL, NULL, '[]', 0, 0, 0, '2024-03-01T09:00:01.000Z', '2024-03-01T09:00:01.000Z')"),
             QStringLiteral("INSERT INTO attempts VALUES (1, 'eq-band', 3, 42, '{}', '{}', 0.5, 0, 1500,"
                            " '/music/a.flac', '2024-03-01T10:00:00.000Z')")});
        if (QTest::currentTestFailed())
            return;

        ProgressStore progress;
        progress.open(db);
        QVERIFY(progress.recoveryMessage().isEmpty());
        QCOMPARE(progress.schemaVersion(), store::latestSchemaVersion());
        QCOMPARE(progress.attemptCount(QStringLiteral("eq-band")), 1);
        LibraryStore library(progress);
        const QList<LibraryItem> items = library.items();
        QCOMPARE(items.size(), 2);
        ScanResult a = madeUpScan(QStringLiteral("/music/a.flac"), 200.0, {12.5, 8.0});
        a.overview = {}; // version 3 kept none
        compareScans(items[0].scan, a);
        QVERIFY(items[0].pinned);
        QCOMPARE(items[0].addedAt, QDateTime(QDate(2024, 3, 1), QTime(9, 0), Qt::UTC));
        QCOMPARE(items[0].scannedAt, QDateTime(QDate(2024, 3, 2), QTime(10, 0, 0, 500), Qt::UTC));
        QVERIFY(!items[1].scan.ok);
        QCOMPARE(items[1].scan.error, QStringLiteral("/music/b.wav: truncated"));
        QVERIFY(std::isinf(items[1].scan.loudnessLufs));
        // Every old row was scanned and waits for nothing.
        for (const LibraryItem& item : items) {
            QVERIFY(item.scanned());
            QVERIFY(!item.queued);
        }
        library.queue({QStringLiteral("/music/c.ogg")});
        QCOMPARE(library.count(), 3);
    }

    void migratesVersionFourKeepingLibraryRowsWithoutOverviews()
    {
        // Rows as version 4 wrote them: one pinned, one waiting for its first scan.
        const QString db = scratch("library-v4") + "/progress.sqlite";
        const QString a = QStringLiteral("/music/a.flac");
        makeReleasedDatabase(db, 4,
            {kPinnedRowSql.arg(QStringLiteral(", 0")), // + scan_queued
             QStringLiteral("INSERT INTO library_items VALUES ('/music/new.wav', 0, '', '', 0, 0, 0, NULL, NULL, '[]',"
                            " 0, 0, 0, '2024-03-03T09:00:00.000Z', '', 1)")});
        if (QTest::currentTestFailed())
            return;

        ProgressStore progress;
        openMigrated(progress, db);
        if (QTest::currentTestFailed())
            return;
        LibraryStore library(progress);
        QList<LibraryItem> items = library.items();
        QCOMPARE(items.size(), 2);
        // Every fact kept; no overview yet (the editor shows the region without a picture).
        ScanResult expected = madeUpScan(a, 200.0, {12.5, 8.0});
        expected.overview = {};
        compareScans(items[0].scan, expected);
        QVERIFY(items[0].pinned && !items[0].queued);
        QCOMPARE(items[0].scannedAt, QDateTime(QDate(2024, 3, 2), QTime(10, 0, 0, 500), Qt::UTC));
        QVERIFY(items[1].queued && !items[1].scanned());
        QVERIFY(items[1].scan.overview.isEmpty());

        // A rescan fills the overview and keeps the pin; queueing again keeps the overview.
        library.upsert(madeUpScan(a, 200.0, {40.0, 15.0}));
        library.queue({a});
        const LibraryItem rescanned = *library.item(a);
        compareScans(rescanned.scan, madeUpScan(a, 200.0, {12.5, 8.0}));
        QVERIFY(rescanned.pinned);
        QCOMPARE(rescanned.scan.overview.bins(), kOverviewBins);
    }
};

QTEST_GUILESS_MAIN(TestLibraryStore)
#include "test_library_store.moc"
