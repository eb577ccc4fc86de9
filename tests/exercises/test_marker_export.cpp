// Listening notes exported (marker_export.h): the text and the DAW CSV byte for byte
// (golden), with notes holding commas, quotes and line breaks quoted as RFC 4180 says; the
// JSON round trip through a file and a fresh database; a file with one bad entry refused
// naming the file, the index and the cause, with nothing imported; a failed write leaves the
// file that was there.

#include "exercises/marker_export.h"
#include "exercises/progress_store.h"
#include "exercises/store_attempt_row.h"
#include "exercises/track_marker_store.h"

#include "support/scratch_files.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace earlab;
using namespace earlab::test;

namespace {

QDateTime utc(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs);
}

TrackMarker marker(const char* uid, double position, const char* category, const QString& note,
                   const QString& path = QStringLiteral("/music/song.flac"))
{
    TrackMarker m;
    m.uid = QString::fromLatin1(uid);
    m.path = path;
    m.positionSeconds = position;
    m.category = QString::fromLatin1(category);
    m.note = note;
    m.createdAt = utc("2026-12-03T10:15:30.250Z");
    return m;
}

QList<TrackMarker> sample()
{
    return {marker("0123456789abcdef0123456789abcdef", 83.4, "tone", "harsh vocal S"),
            marker("00000000000000000000000000000001", 125.06, "balance", "bass, kick fight"),
            marker("00000000000000000000000000000002", 3725.96, "space", "the \"big\" hall\nthen dry"),
            marker("00000000000000000000000000000003", 0.0, "other", QString())};
}

// A marker file with `entry` as its only marker.
QByteArray fileWith(const QByteArray& entry)
{
    return "{\"earlab_markers\": 1, \"markers\": [" + entry + "]}";
}

const QByteArray kGoodEntry = "{\"uid\": \"0123456789abcdef0123456789abcdef\", \"path\": \"/m/a.wav\", \"position_s\": 1.5,"
                              " \"category\": \"tone\", \"note\": \"n\", \"created_at\": \"2026-12-03T10:15:30.250Z\"}";

} // namespace

class TestMarkerExport : public QObject {
    Q_OBJECT

private slots:
    void timesAreMinutesSecondsTenths()
    {
        QCOMPARE(markerTimeText(0.0), QStringLiteral("00:00.0"));
        QCOMPARE(markerTimeText(83.44), QStringLiteral("01:23.4"));
        QCOMPARE(markerTimeText(59.96), QStringLiteral("01:00.0")); // rounding carries into the minute
        QCOMPARE(markerTimeText(3725.96), QStringLiteral("1:02:06.0"));
    }

    void textIsGolden()
    {
        const QString expected = QStringLiteral(
            "/music/song.flac\n"
            "01:23.4  Tone/EQ       harsh vocal S\n"
            "02:05.1  Balance       bass, kick fight\n"
            "1:02:06.0  Space/reverb  the \"big\" hall / then dry\n"
            "00:00.0  Other\n"
            "\n"
            "/music/b.wav\n"
            "00:01.0  Dynamics      pumping\n");
        QList<TrackMarker> markers = sample();
        markers << marker("00000000000000000000000000000004", 1.0, "dynamics", "pumping", "/music/b.wav");
        QCOMPARE(markersText(markers), expected);
    }

    void csvIsGoldenAndQuoted()
    {
        QList<TrackMarker> markers = sample();
        markers << marker("00000000000000000000000000000004", 7.25, "dynamics", " padded ");
        const QByteArray expected = "time,name,note\r\n"
                                    "83.400,Tone/EQ,harsh vocal S\r\n"
                                    "125.060,Balance,\"bass, kick fight\"\r\n"
                                    "3725.960,Space/reverb,\"the \"\"big\"\" hall\nthen dry\"\r\n"
                                    "0.000,Other,\r\n"
                                    "7.250,Dynamics,\" padded \"\r\n";
        QCOMPARE(markersCsv(markers), expected);
        QCOMPARE(markersCsv({}), QByteArray("time,name,note\r\n"));
    }

    void jsonRoundTripsThroughAFileAndAFreshDatabase()
    {
        const QString dir = scratch("markers-json");
        const QString file = dir + QStringLiteral("/markers.json");
        ProgressStore source;
        source.open(dir + QStringLiteral("/source.sqlite"));
        TrackMarkerStore from(source);
        QVERIFY(from.merge(sample()).added == 4);
        QCOMPARE(exportMarkersJson(from, file), 4);

        ProgressStore target;
        target.open(dir + QStringLiteral("/target.sqlite"));
        TrackMarkerStore to(target);
        const MarkerMerge merged = importMarkersJson(to, file);
        QCOMPARE(merged.added, 4);
        QCOMPARE(merged.alreadyThere, 0);
        const QList<TrackMarker> a = from.all();
        const QList<TrackMarker> b = to.all();
        QCOMPARE(b.size(), a.size());
        for (qsizetype i = 0; i < a.size(); ++i) {
            QCOMPARE(b[i].uid, a[i].uid);
            QCOMPARE(b[i].path, a[i].path);
            QCOMPARE(b[i].positionSeconds, a[i].positionSeconds);
            QCOMPARE(b[i].category, a[i].category);
            QCOMPARE(b[i].note, a[i].note);
            QCOMPARE(b[i].createdAt, a[i].createdAt);
        }
        // Twice adds nothing.
        QCOMPARE(importMarkersJson(to, file).added, 0);
        QCOMPARE(to.count(), 4);
    }

    void aBadEntryIsRefusedAndNothingImported_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("cause");
        const QByteArray second = QByteArray(kGoodEntry).replace("0123456789abcdef0123456789abcdef", "ffffffffffffffffffffffffffffffff");
        QTest::newRow("category") << QByteArray("{\"earlab_markers\": 1, \"markers\": [" + second + ", "
                                                + QByteArray(kGoodEntry).replace("\"tone\"", "\"loud\"") + "]}")
                                  << "markers[1] is refused: its category 'loud' is not one of";
        QTest::newRow("position type") << fileWith(QByteArray(kGoodEntry).replace("1.5", "\"1.5\""))
                                       << "markers[0] has \"position_s\" that is not a number";
        QTest::newRow("negative") << fileWith(QByteArray(kGoodEntry).replace("1.5", "-2"))
                                  << "markers[0] is refused: its position -2 s";
        QTest::newRow("uid") << fileWith(QByteArray(kGoodEntry).replace("0123456789abcdef", "0123456789ABCDEF"))
                             << "markers[0] has uid \"0123456789ABCDEF";
        QTest::newRow("missing") << fileWith(QByteArray(kGoodEntry).replace("\"note\": \"n\", ", ""))
                                 << "markers[0] has no \"note\"";
        QTest::newRow("unknown key") << fileWith(QByteArray(kGoodEntry).replace("\"note\"", "\"notes\""))
                                     << "markers[0] has the unknown key \"notes\"";
        QTest::newRow("time") << fileWith(QByteArray(kGoodEntry).replace("2026-12-03T10:15:30.250Z", "yesterday"))
                              << "markers[0] has created_at \"yesterday\" that is not an ISO 8601 time";
        QTest::newRow("twice") << QByteArray("{\"earlab_markers\": 1, \"markers\": [" + kGoodEntry + ", " + kGoodEntry + "]}")
                               << "markers[1] has the uid 0123456789abcdef0123456789abcdef of an earlier entry";
        QTest::newRow("duplicate key") << fileWith(QByteArray(kGoodEntry).replace("\"note\": \"n\"", "\"note\": \"n\", \"note\": \"m\""))
                                       << "the key markers[0].note appears twice";
        QTest::newRow("not json") << QByteArray("time,name,note\r\n1.0,Tone/EQ,x\r\n") << "it is not JSON";
        QTest::newRow("not ours") << QByteArray("{\"markers\": []}") << "it is not an EarLab marker file";
        QTest::newRow("version") << QByteArray("{\"earlab_markers\": 2, \"markers\": []}") << "its format version 2 is not 1";
    }

    void aBadEntryIsRefusedAndNothingImported()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, cause);
        const QString dir = scratch("markers-bad");
        const QString file = dir + QStringLiteral("/markers.json");
        QVERIFY(writeBytes(file, json));
        ProgressStore progress;
        progress.open(dir + QStringLiteral("/progress.sqlite"));
        TrackMarkerStore store(progress);
        try {
            importMarkersJson(store, file);
            QFAIL("a bad file was imported");
        } catch (const MarkerFileError& error) {
            QVERIFY2(error.message().contains(file), qPrintable(error.message()));
            QVERIFY2(error.message().contains(cause), qPrintable(error.message()));
            QVERIFY2(error.message().contains("nothing was imported"), qPrintable(error.message()));
        }
        QCOMPARE(store.count(), 0);
    }

    void aFileThatCannotBeReadOrWrittenIsNamed()
    {
        const QString dir = scratch("markers-files");
        ProgressStore progress;
        progress.open(dir + QStringLiteral("/progress.sqlite"));
        TrackMarkerStore store(progress);
        try {
            importMarkersJson(store, dir + QStringLiteral("/absent.json"));
            QFAIL("an absent file was imported");
        } catch (const MarkerFileError& error) {
            QVERIFY2(error.message().contains(dir + QStringLiteral("/absent.json")), qPrintable(error.message()));
        }
        // A folder in the way: refused, the folder left as it was.
        const QString folder = dir + QStringLiteral("/markers.csv");
        QVERIFY(QDir().mkpath(folder));
        QVERIFY_THROWS_EXCEPTION(MarkerFileError, saveMarkersCsv(folder, sample()));
        QVERIFY(QFileInfo(folder).isDir());
        // An existing file is replaced whole.
        const QString text = dir + QStringLiteral("/notes.txt");
        QVERIFY(writeBytes(text, "old"));
        saveMarkersText(text, sample());
        QCOMPARE(readBytes(text), markersText(sample()).toUtf8());
    }
};

QTEST_GUILESS_MAIN(TestMarkerExport)
#include "test_marker_export.moc"
