// Listening notes in the progress database (track_marker_store.h), on SQLite files on disk:
// add, edit, delete and list per track by position; every marker refused for a bad value
// names the database file and the cause and writes nothing; markers outlive reopening; uids
// are unique; merge() adds by uid, all or nothing. Also the user's genre (LibraryStore::
// setGenre) kept across a rescan, which the upsert honours through genre_edited.

#include "exercises/library_store.h"
#include "exercises/progress_store.h"
#include "exercises/store_attempt_row.h"
#include "exercises/track_marker_store.h"

#include "support/scratch_files.h"
#include "support/scratch_store.h"

#include <QSet>
#include <QTest>

#include <limits>

using namespace earlab;
using namespace earlab::test;

namespace {

const QString kTrack = QStringLiteral("/music/Song, with \"quotes\".flac");
const QString kOther = QStringLiteral("/music/other.wav");

QDateTime utc(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs);
}

using OpenStore = ScratchStore<TrackMarkerStore>;

QList<double> positions(const QList<TrackMarker>& markers)
{
    QList<double> out;
    for (const TrackMarker& m : markers)
        out << m.positionSeconds;
    return out;
}

} // namespace

class TestTrackMarkerStore : public QObject {
    Q_OBJECT

private slots:
    void categoriesAreTheIssuesFive()
    {
        QCOMPARE(markerCategories(), (QStringList{"balance", "tone", "dynamics", "space", "other"}));
        QCOMPARE(markerCategoryLabel("tone"), QStringLiteral("Tone/EQ"));
        QCOMPARE(markerCategoryLabel("space"), QStringLiteral("Space/reverb"));
        QVERIFY(!isMarkerCategory("Tone/EQ")); // the label is not a key
    }

    void addListsByPositionAndReadsBackEqual()
    {
        OpenStore store("markers-add");
        const QDateTime created = utc("2026-12-03T10:00:00.125Z");
        const TrackMarker late = store.table.add(kTrack, 83.4, "tone", "harsh vocal S", created);
        const TrackMarker early = store.table.add(kTrack, 12.0, "balance", "bass too loud\nin the intro");
        const TrackMarker tie = store.table.add(kTrack, 12.0, "other", QString()); // same point, made later
        store.table.add(kOther, 1.0, "space", "dry");
        QVERIFY(late.id > 0 && early.id > 0 && tie.id > 0);
        QVERIFY(store::isAttemptUid(late.uid));
        QCOMPARE(late.createdAt, created);
        QCOMPARE(late.createdAt.timeSpec(), Qt::UTC);

        const QList<TrackMarker> listed = store.table.markers(kTrack);
        QCOMPARE(positions(listed), (QList<double>{12.0, 12.0, 83.4}));
        QCOMPARE(listed[0].id, early.id);
        QCOMPARE(listed[1].id, tie.id);
        QCOMPARE(listed[1].note, QString(""));
        QCOMPARE(listed[0].note, QStringLiteral("bass too loud\nin the intro"));
        const TrackMarker& back = listed[2];
        QCOMPARE(back.uid, late.uid);
        QCOMPARE(back.path, kTrack);
        QCOMPARE(back.category, QStringLiteral("tone"));
        QCOMPARE(back.note, QStringLiteral("harsh vocal S"));
        QCOMPARE(back.createdAt, created);
        QCOMPARE(store.table.markers(kOther).size(), 1);
        QCOMPARE(store.table.markers("/music/none.wav").size(), 0);
        QCOMPARE(store.table.count(), 4);
        QCOMPARE(store.table.all().size(), 4);
        QCOMPARE(store.table.all().first().path, kTrack); // by path: "/music/S" < "/music/o"
    }

    void editAndRemove()
    {
        OpenStore store("markers-edit");
        const TrackMarker a = store.table.add(kTrack, 10.0, "tone", "harsh");
        const TrackMarker b = store.table.add(kTrack, 20.0, "dynamics", "squashed");
        store.table.edit(a.id, 30.0, "space", "too much reverb");
        const QList<TrackMarker> listed = store.table.markers(kTrack);
        QCOMPARE(positions(listed), (QList<double>{20.0, 30.0})); // moved after b
        QCOMPARE(listed[1].id, a.id);
        QCOMPARE(listed[1].uid, a.uid); // an edit keeps the uid and the creation time
        QCOMPARE(listed[1].createdAt, a.createdAt);
        QCOMPARE(listed[1].category, QStringLiteral("space"));
        QCOMPARE(listed[1].note, QStringLiteral("too much reverb"));

        QVERIFY(store.table.remove(b.id));
        QVERIFY(!store.table.remove(b.id));
        QCOMPARE(store.table.markers(kTrack).size(), 1);
        QVERIFY_THROWS_EXCEPTION(StoreError, store.table.edit(b.id, 1.0, "tone", "gone"));
    }

    void invalidValuesAreRefusedNamingTheFileAndTheCause_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<double>("position");
        QTest::addColumn<QString>("category");
        QTest::addColumn<QString>("cause");
        QTest::newRow("category") << kTrack << 1.0 << "Tone/EQ" << "its category 'Tone/EQ' is not one of balance, tone, dynamics, space, other";
        QTest::newRow("negative") << kTrack << -0.5 << "tone" << "its position -0.5 s is not a time from the start of the track";
        QTest::newRow("nan") << kTrack << std::numeric_limits<double>::quiet_NaN() << "tone" << "is not a time from the start";
        QTest::newRow("infinite") << kTrack << std::numeric_limits<double>::infinity() << "tone" << "is not a time from the start";
        QTest::newRow("no track") << QString() << 1.0 << "tone" << "it names no track";
    }

    void invalidValuesAreRefusedNamingTheFileAndTheCause()
    {
        QFETCH(QString, path);
        QFETCH(double, position);
        QFETCH(QString, category);
        QFETCH(QString, cause);
        OpenStore store("markers-invalid");
        const TrackMarker kept = store.table.add(kTrack, 5.0, "tone", "kept");
        try {
            store.table.add(path, position, category, "x");
            QFAIL("an invalid marker was stored");
        } catch (const StoreError& error) {
            QVERIFY2(error.message().contains(store.path), qPrintable(error.message()));
            QVERIFY2(error.message().contains(cause), qPrintable(error.message()));
        }
        try {
            store.table.edit(kept.id, position, category, "changed");
            if (!path.isEmpty())
                QFAIL("an invalid edit was stored");
        } catch (const StoreError& error) {
            QVERIFY2(error.message().contains(store.path), qPrintable(error.message()));
        }
        QCOMPARE(store.table.count(), 1);
        const TrackMarker after = *store.table.marker(kept.id);
        if (!path.isEmpty()) { // an edit cannot change the path: that row's edit was valid
            QCOMPARE(after.note, QStringLiteral("kept"));
            QCOMPARE(after.positionSeconds, 5.0);
        }
    }

    void markersOutliveReopening()
    {
        const QString path = scratch("markers-reopen") + QStringLiteral("/progress.sqlite");
        QString uid;
        {
            ProgressStore progress;
            progress.open(path);
            TrackMarkerStore markers(progress);
            uid = markers.add(kTrack, 61.25, "dynamics", "the chorus does not lift", utc("2026-12-03T09:00:00.000Z")).uid;
        }
        ProgressStore progress;
        progress.open(path);
        TrackMarkerStore markers(progress);
        const QList<TrackMarker> listed = markers.markers(kTrack);
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed[0].uid, uid);
        QCOMPARE(listed[0].positionSeconds, 61.25);
        QCOMPARE(listed[0].category, QStringLiteral("dynamics"));
        QCOMPARE(listed[0].note, QStringLiteral("the chorus does not lift"));
        QCOMPARE(listed[0].createdAt, utc("2026-12-03T09:00:00.000Z"));
    }

    void uidsAreUnique()
    {
        OpenStore store("markers-uids");
        QSet<QString> uids;
        for (int i = 0; i < 200; ++i)
            uids.insert(store.table.add(kTrack, i * 0.5, "other", {}).uid);
        QCOMPARE(uids.size(), 200);
        // The table refuses a second row with a stored uid, whatever writes it.
        TrackMarker copy = store.table.markers(kTrack).first();
        QCOMPARE(store.table.merge({copy}).alreadyThere, 1);
        QCOMPARE(store.table.count(), 200);
    }

    void mergeAddsByUidAllOrNothing()
    {
        OpenStore store("markers-merge");
        const TrackMarker mine = store.table.add(kTrack, 5.0, "tone", "edited since the export");
        TrackMarker exported = mine;
        exported.note = "as exported";
        TrackMarker fresh;
        fresh.uid = store::newAttemptUid();
        fresh.path = kOther;
        fresh.positionSeconds = 2.5;
        fresh.category = "balance";
        fresh.note = "new";
        fresh.createdAt = utc("2026-01-01T00:00:00.000Z");

        const MarkerMerge merged = store.table.merge({exported, fresh});
        QCOMPARE(merged.added, 1);
        QCOMPARE(merged.alreadyThere, 1);
        QCOMPARE(store.table.marker(mine.id)->note, QStringLiteral("edited since the export")); // not undone
        QCOMPARE(store.table.markers(kOther).first().uid, fresh.uid);
        // Importing again adds nothing.
        QCOMPARE(store.table.merge({exported, fresh}).added, 0);
        QCOMPARE(store.table.count(), 2);

        // One bad entry: nothing of the others is written, and the index is named.
        TrackMarker another = fresh;
        another.uid = store::newAttemptUid();
        TrackMarker bad = fresh;
        bad.uid = store::newAttemptUid();
        bad.category = "loudness";
        try {
            store.table.merge({another, bad});
            QFAIL("a bad entry was imported");
        } catch (const StoreError& error) {
            QVERIFY2(error.message().contains("marker 1 (counting from 0): its category 'loudness'"), qPrintable(error.message()));
            QVERIFY(error.message().contains(store.path));
        }
        TrackMarker twin = another;
        QVERIFY_THROWS_EXCEPTION(StoreError, store.table.merge({another, twin}));
        TrackMarker noUid = another;
        noUid.uid.clear();
        QVERIFY_THROWS_EXCEPTION(StoreError, store.table.merge({noUid}));
        QCOMPARE(store.table.count(), 2);
    }

    void editedGenreOutlivesARescan()
    {
        const QString dir = scratch("genre-rescan");
        ProgressStore progress;
        progress.open(dir + QStringLiteral("/progress.sqlite"));
        LibraryStore library(progress);
        ScanResult scan;
        scan.path = dir + QStringLiteral("/tagged.flac");
        scan.ok = true;
        scan.durationSeconds = 30.0;
        scan.genre = QStringLiteral("Rock");
        library.upsert(scan);
        ScanResult untouched = scan;
        untouched.path = dir + QStringLiteral("/other.flac");
        library.upsert(untouched);

        library.setGenre(scan.path, QStringLiteral("  Post-punk "));
        QCOMPARE(library.item(scan.path)->scan.genre, QStringLiteral("Post-punk"));
        scan.genre = QStringLiteral("Alternative"); // the tag changed on disk
        library.upsert(scan);
        QCOMPARE(library.item(scan.path)->scan.genre, QStringLiteral("Post-punk"));
        // A genre never edited follows the file's tag.
        untouched.genre = QStringLiteral("Alternative");
        library.upsert(untouched);
        QCOMPARE(library.item(untouched.path)->scan.genre, QStringLiteral("Alternative"));
        // Clearing it is an edit too: the tag does not come back.
        library.setGenre(scan.path, QString());
        library.upsert(scan);
        QCOMPARE(library.item(scan.path)->scan.genre, QString(""));
        QVERIFY_THROWS_EXCEPTION(StoreError, library.setGenre(dir + QStringLiteral("/absent.flac"), "Jazz"));
    }
};

QTEST_GUILESS_MAIN(TestTrackMarkerStore)
#include "test_track_marker_store.moc"
