// The library table's step to schema 7 (genre tags, folders of stems) on a version-6 file on
// disk as EarLab of schema 6 left it: every stored row kept, the new columns at their
// defaults, a failing step 7 leaving version 6 whole; and folders of stems and genres stored
// and read back.

#include "exercises/library_store.h"
#include "exercises/progress_store.h"
#include "exercises/store_schema.h"

#include "support/raw_database.h"
#include "support/scratch_files.h"
#include "support/store_helpers.h"

#include <QTest>

using namespace earlab;
using namespace earlab::test;

namespace {

// A version-6 database at `path`: the first six steps, one answer, one saved level, a scanned
// file (pinned, with an overview) and a file waiting for its first scan.
void makeVersionSixDatabase(const QString& path)
{
    RawDatabase raw(path);
    for (const store::MigrationStep& step : store::migrationSteps())
        if (step.version <= 6)
            for (const QString& sql : step.statements)
                QCOMPARE(raw.run(sql), QString());
    for (const char* sql :
         {"INSERT INTO attempts VALUES (1, 'eq-band', 1, 11, '{\"frequency_hz\":63}', '{\"frequency_hz\":126}', 0.5,"
          " 0, 2345, 'file:/music/a.flac', '2025-03-01T09:00:00.000Z', 's1', 'music', NULL, 1, 1)",
          "INSERT INTO exercise_state VALUES ('eq-band', 4, '2025-03-01T09:04:30.001Z', '{}')",
          "INSERT INTO library_items VALUES ('/music/a.flac', 1, '', 'FLAC', 2, 44100, 200.0, -14.25, -0.75,"
          " '[-30.5,-25,-20.125,-18,-17,-19,-24,-31,-45.5]', 12.5, 8.0, 1, '2024-03-01T09:00:00.000Z',"
          " '2024-03-02T10:00:00.500Z', 0, X'00FF7F80')",
          "INSERT INTO library_items VALUES ('/music/b.wav', 0, '', '', 0, 0, 0, NULL, NULL, '[]', 0, 0, 0,"
          " '2024-03-03T09:00:00.000Z', '', 1, NULL)",
          "PRAGMA user_version = 6"})
        QCOMPARE(raw.run(QString::fromUtf8(sql)), QString());
}

ScanResult folderScan(const QString& folder)
{
    ScanResult r;
    r.path = folder;
    r.ok = true;
    r.format = "WAV + FLAC";
    r.channels = 2;
    r.sampleRate = 48000;
    r.durationSeconds = 20.0;
    r.loudnessLufs = -18.5;
    r.truePeakDbtp = -3.0;
    r.octaveLevelsDb = std::vector<double>(9, -30.0);
    r.region = {2.5, 15.0};
    r.genre = "Funk";
    r.stemFolder = true;
    r.stems = {folder + "/Bass.wav", folder + "/drums.flac", folder + "/keys é.wav"};
    return r;
}

} // namespace

class TestLibraryStoreStems : public QObject {
    Q_OBJECT

private slots:
    void stepSevenKeepsEveryRow()
    {
        const QString path = scratch("library-v6") + QStringLiteral("/progress.sqlite");
        makeVersionSixDatabase(path);
        if (QTest::currentTestFailed())
            return;
        ProgressStore progress;
        progress.open(path);
        QCOMPARE(progress.schemaVersion(), store::latestSchemaVersion()); // step 8 follows (blind logs)
        QCOMPARE(progress.attemptCount(QStringLiteral("eq-band")), 1);
        QCOMPARE(progress.savedLevel(QStringLiteral("eq-band")), std::optional<int>(4));

        RawDatabase raw(path);
        // The rows exactly as they were, the new columns at their defaults.
        QCOMPARE(raw.value(QStringLiteral("SELECT group_concat(path || ' ' || ok || ' ' || pinned || ' ' || region_start_s"
                                          " || ' ' || scan_queued || ' ' || CASE WHEN overview IS NULL THEN '-' ELSE hex(overview) END || ' [' || genre"
                                          " || '] ' || stem_folder || ' ' || stems, '|') FROM"
                                          " (SELECT * FROM library_items ORDER BY path)"))
                     .toString(),
                 QStringLiteral("/music/a.flac 1 1 12.5 0 00FF7F80 [] 0 []|/music/b.wav 0 0 0.0 1 - [] 0 []"));
        LibraryStore library(progress);
        const QList<LibraryItem> items = library.items();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items[0].scan.loudnessLufs, -14.25);
        QVERIFY(items[0].pinned);
        QCOMPARE(items[0].scan.region, (TimeRegion{12.5, 8.0}));
        QCOMPARE(items[0].scan.genre, QString());
        QVERIFY(!items[0].scan.stemFolder);
        QVERIFY(items[0].scan.stems.isEmpty());
        QVERIFY(items[1].queued);
        QVERIFY(!items[1].scanned());
    }

    void failingStepSevenLeavesVersionSixWhole()
    {
        // A column of step 7's name already there: its first two columns are added when the
        // third fails; all of it must be undone.
        const QString path = scratch("library-v6-fail") + QStringLiteral("/progress.sqlite");
        makeVersionSixDatabase(path);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(RawDatabase(path).run(QStringLiteral("ALTER TABLE library_items ADD COLUMN stems TEXT")), QString());
        {
            ProgressStore store;
            const QString message = storeErrorOf([&] { store.open(path); });
            QVERIFY2(message.contains(path), qPrintable(message));
            QVERIFY2(message.contains(QLatin1String("version 7")), qPrintable(message));
        }
        RawDatabase raw(path);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), 6);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM pragma_table_info('library_items')")).toInt(), 18);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM library_items")).toInt(), 2);
    }

    void foldersOfStemsAndGenresRoundTrip()
    {
        const QString dir = scratch("library-stems-roundtrip");
        const QString db = dir + "/progress.sqlite";
        const QString folder = dir + "/My Song";
        {
            ProgressStore progress;
            progress.open(db);
            LibraryStore library(progress);
            library.upsert(folderScan(folder));
            ScanResult file;
            file.path = dir + "/tagged.flac";
            file.ok = true;
            file.durationSeconds = 30;
            file.genre = "Jazz";
            library.upsert(file);
            library.queue({dir + "/Other Song"}, /*stemFolders=*/true);
        }
        ProgressStore progress;
        progress.open(db);
        LibraryStore library(progress);
        const std::optional<LibraryItem> song = library.item(folder);
        QVERIFY(song);
        QVERIFY(song->scan.stemFolder);
        QCOMPARE(song->scan.stems, folderScan(folder).stems);
        QCOMPARE(song->scan.genre, QStringLiteral("Funk"));
        QCOMPARE(song->scan.format, QStringLiteral("WAV + FLAC"));
        QCOMPARE(song->scan.region, (TimeRegion{2.5, 15.0}));
        QCOMPARE(library.item(dir + "/tagged.flac")->scan.genre, QStringLiteral("Jazz"));
        QVERIFY(!library.item(dir + "/tagged.flac")->scan.stemFolder);
        // Waiting for its first scan, already known as a folder of stems.
        const std::optional<LibraryItem> waiting = library.item(dir + "/Other Song");
        QVERIFY(waiting && waiting->queued && waiting->scan.stemFolder && !waiting->scanned());

        // A pinned region is kept across a rescan; a failed rescan keeps it a folder of stems.
        library.pinRegion(folder, {5.0, 10.0});
        ScanResult failed;
        failed.path = folder;
        failed.error = folder + "/Bass.wav: the file does not exist";
        failed.stemFolder = true;
        library.upsert(failed);
        const std::optional<LibraryItem> after = library.item(folder);
        QVERIFY(after->scan.stemFolder && after->pinned && !after->scan.ok);
        QCOMPARE(after->scan.error, failed.error);
        QVERIFY(library.remove(folder));
        QVERIFY(!library.item(folder));
    }
};

QTEST_GUILESS_MAIN(TestLibraryStoreStems)
#include "test_library_store_stems.moc"
