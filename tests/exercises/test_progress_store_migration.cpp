// The step to schema 6 (any exercise: sessions, materials, staircase values, difficulty
// state, resets) on a version-5 database exactly as EarLab left one: the released schema-5
// statements written out by hand, rows with the EQ hidden/answer JSON the app writes. Every
// field of every answer, the saved levels and the library survive (an answer that Session
// flagged "heard":false in its JSON just before schema 6 gets heard = 0); a failing step 6
// leaves version 5 whole.

#include "exercises/progress_store.h"
#include "exercises/store_schema.h"
#include "support/raw_database.h"
#include "support/scratch_files.h"
#include "support/store_helpers.h"

#include <QJsonDocument>
#include <QtTest>

#include <cmath>

using namespace earlab;
using namespace earlab::test;

namespace {

// Schema 5 as released (store_schema.cpp, steps 1 to 5), copied by hand: the file an
// EarLab of schema 5 left, whatever later edits do to the steps in the code.
const QList<store::MigrationStep> kReleasedSteps = {
    {1,
     {QStringLiteral("CREATE TABLE attempts ("
                     " id INTEGER PRIMARY KEY,"
                     " exercise TEXT NOT NULL,"
                     " level INTEGER NOT NULL,"
                     " seed INTEGER NOT NULL,"
                     " hidden TEXT NOT NULL,"
                     " answer TEXT NOT NULL,"
                     " score REAL NOT NULL,"
                     " correct INTEGER NOT NULL,"
                     " response_ms INTEGER NOT NULL,"
                     " source TEXT NOT NULL,"
                     " answered_at TEXT NOT NULL)")}},
    {2,
     {QStringLiteral("CREATE TABLE exercise_state ("
                     " exercise TEXT PRIMARY KEY,"
                     " level INTEGER NOT NULL,"
                     " updated_at TEXT NOT NULL)"),
      QStringLiteral("CREATE INDEX attempts_by_exercise_time"
                     " ON attempts(exercise, answered_at)")}},
    {3,
     {QStringLiteral("CREATE TABLE library_items ("
                     " path TEXT PRIMARY KEY,"
                     " ok INTEGER NOT NULL,"
                     " error TEXT NOT NULL,"
                     " format TEXT NOT NULL,"
                     " channels INTEGER NOT NULL,"
                     " sample_rate INTEGER NOT NULL,"
                     " duration_s REAL NOT NULL,"
                     " loudness_lufs REAL,"
                     " true_peak_dbtp REAL,"
                     " octave_levels TEXT NOT NULL,"
                     " region_start_s REAL NOT NULL,"
                     " region_length_s REAL NOT NULL,"
                     " pinned INTEGER NOT NULL DEFAULT 0,"
                     " added_at TEXT NOT NULL,"
                     " scanned_at TEXT NOT NULL)")}},
    {4,
     {QStringLiteral("ALTER TABLE library_items"
                     " ADD COLUMN scan_queued INTEGER NOT NULL DEFAULT 0")}},
    {5,
     {QStringLiteral("ALTER TABLE library_items ADD COLUMN overview BLOB")}},
};

// One answer as schema 5 stored it, and the material step 6 must give it.
struct StoredAnswer {
    qint64 id;
    const char* exercise;
    int level;
    quint64 seed;
    const char* hidden; // compact JSON, as EqQuestion::toJson() and QJsonDocument write it
    const char* answer; // EqAnswer::toJson()
    double score;
    bool correct;
    int responseMs;
    const char* source; // what Session wrote: MaterialRef::id, '' before a loop was ready
    const char* answeredAt;
    const char* material; // expected after step 6
    bool heard = true;    // expected after step 6
};

// Questions from makeEqQuestion (eq-band levels 1, 3 and 6, eq-gain level 2, a flat trial),
// answered and graded by the app's code; sources of every kind the app has written.
const StoredAnswer kAnswers[] = {
    {1, "eq-band", 1, 11,
     R"({"band_options_hz":[63,250,1000,4000,16000],"direction_asked":false,"flat":false,"frequency_hz":63,"gain_db":12,"gain_options_db":[],"kind":"eq-band","q":1.41})",
     R"({"flat":false,"frequency_hz":126,"gain_db":12})", 0.49425218058108533, false, 2345, "pink-noise",
     "2025-03-01T09:00:00.000Z", "noise"},
    {2, "eq-band", 3, 0xFEDCBA9876543210ULL, // sign bit set: stored negative
     R"({"band_options_hz":[63,125,250,500,1000,2000,4000,8000,16000],"direction_asked":true,"flat":false,"frequency_hz":125,"gain_db":-12,"gain_options_db":[],"kind":"eq-band","q":1.41})",
     R"({"flat":false,"frequency_hz":250,"gain_db":-12})", 0.5, false, 1800, "builtin:drums",
     "2025-03-01T09:01:00.250Z", "builtin"},
    {3, "eq-gain", 2, 7,
     R"({"band_options_hz":[63,125,250,500,1000,2000,4000,8000,16000],"direction_asked":true,"flat":false,"frequency_hz":4000,"gain_db":-9,"gain_options_db":[-12,-9,-6,-3,3,6,9,12],"kind":"eq-gain","q":1.41})",
     R"({"flat":false,"frequency_hz":4000,"gain_db":-9})", 1.0, true, 4100,
     "file:/home/user/Music/Sigur Rós – Hoppípolla.flac", "2025-03-01T09:02:00.500Z", "music"},
    {4, "eq-band", 6, 99,
     R"({"band_options_hz":[50,63,80,100,125,160,200,250,315,400,500,630,800,1000,1250,1600,2000,2500,3150,4000,5000,6300,8000,10000,12500,16000],"direction_asked":true,"flat":false,"frequency_hz":500,"gain_db":-9,"gain_options_db":[],"kind":"eq-band","q":4})",
     R"({"flat":false,"frequency_hz":1000,"gain_db":-9})", 0.5, false, 900, "", "2025-03-01T09:03:00.999Z",
     "noise"},
    {5, "eq-band", 2, 12345,
     R"({"band_options_hz":[63,250,1000,4000,16000],"direction_asked":false,"flat":true,"frequency_hz":1000,"gain_db":0,"gain_options_db":[],"kind":"eq-band","q":1.41})",
     R"({"flat":true,"frequency_hz":0,"gain_db":0})", 1.0, true, 650, "/music/a.flac", // a path, as schema 1 wrote
     "2025-03-01T09:04:00.000Z", "music"},
    {6, "eq-band", 4, 0xFFFFFFFFFFFFFFFFULL,
     R"({"band_options_hz":[63,125,250,500,1000,2000,4000,8000,16000],"direction_asked":false,"flat":false,"frequency_hz":2000,"gain_db":9,"gain_options_db":[],"kind":"eq-band","q":1.41})",
     R"({"flat":false,"frequency_hz":2000,"gain_db":9})", 1.0, true, 3000, "builtin:pop",
     "2025-03-01T09:04:30.001Z", "builtin"},
    // Answered before anything played: Session flagged it in the answer before schema 6.
    {7, "eq-gain", 1, 8,
     R"({"band_options_hz":[63,125,250,500,1000,2000,4000,8000,16000],"direction_asked":false,"flat":false,"frequency_hz":1000,"gain_db":6,"gain_options_db":[3,6,9,12],"kind":"eq-gain","q":1.41})",
     R"({"flat":false,"frequency_hz":1000,"gain_db":3,"heard":false})", 0.5, false, 300, "builtin:pop",
     "2025-03-01T09:05:00.000Z", "builtin", false},
};

QString sqlText(const char* text)
{
    return QLatin1Char('\'') + QString::fromUtf8(text).replace(QLatin1Char('\''), QStringLiteral("''"))
        + QLatin1Char('\'');
}

QJsonObject object(const char* json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

// The answer as the store must read it after step 6.
Attempt expected(const StoredAnswer& row)
{
    Attempt a;
    a.id = row.id;
    a.exercise = QString::fromUtf8(row.exercise);
    a.level = row.level;
    a.seed = row.seed;
    a.hidden = object(row.hidden);
    a.answer = object(row.answer);
    a.score = row.score;
    a.correct = row.correct;
    a.responseMs = row.responseMs;
    a.source = QString::fromUtf8(row.source);
    a.answeredAt = QDateTime::fromString(QString::fromLatin1(row.answeredAt), Qt::ISODateWithMs);
    a.material = QString::fromUtf8(row.material);
    a.heard = row.heard;
    // session '', value NaN (NULL), format 1: the defaults for an answer before step 6
    return a;
}

// A version-5 database at `path`, with kAnswers, two saved levels and one library row.
void makeVersionFiveDatabase(const QString& path)
{
    RawDatabase raw(path);
    for (const store::MigrationStep& step : kReleasedSteps)
        for (const QString& sql : step.statements)
            QCOMPARE(raw.run(sql), QString());
    for (const StoredAnswer& row : kAnswers) {
        const QString sql = QStringLiteral("INSERT INTO attempts VALUES (%1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11)")
                                .arg(row.id)
                                .arg(sqlText(row.exercise))
                                .arg(row.level)
                                .arg(static_cast<qint64>(row.seed))
                                .arg(sqlText(row.hidden), sqlText(row.answer))
                                .arg(row.score, 0, 'g', 17)
                                .arg(row.correct ? 1 : 0)
                                .arg(row.responseMs)
                                .arg(sqlText(row.source), sqlText(row.answeredAt));
        QCOMPARE(raw.run(sql), QString());
    }
    for (const char* sql :
         {"INSERT INTO exercise_state VALUES ('eq-band', 4, '2025-03-01T09:04:30.001Z')",
          "INSERT INTO exercise_state VALUES ('eq-gain', 2, '2025-03-01T09:02:00.500Z')",
          "INSERT INTO library_items VALUES ('/music/a.flac', 1, '', 'FLAC', 2, 44100, 200.0, -14.25, -0.75,"
          " '[-30.5,-25,-20.125,-18,-17,-19,-24,-31,-45.5]', 12.5, 8.0, 1, '2024-03-01T09:00:00.000Z',"
          " '2024-03-02T10:00:00.500Z', 0, X'00FF7F80')",
          "PRAGMA user_version = 5"})
        QCOMPARE(raw.run(QString::fromUtf8(sql)), QString());
}

int columnCount(const QString& path, const QString& table)
{
    return RawDatabase(path).value(QStringLiteral("SELECT count(*) FROM pragma_table_info('%1')").arg(table)).toInt();
}

} // namespace

class TestProgressStoreMigration : public QObject {
    Q_OBJECT

private slots:
    void releasedStepsAreUnchanged()
    {
        // Released steps are never edited: a database of any version must migrate as it did.
        const auto& steps = store::migrationSteps();
        QVERIFY(steps.size() > kReleasedSteps.size());
        for (int i = 0; i < kReleasedSteps.size(); ++i) {
            QCOMPARE(steps.at(i).version, kReleasedSteps.at(i).version);
            QCOMPARE(steps.at(i).statements, kReleasedSteps.at(i).statements);
        }
        QCOMPARE(steps.at(kReleasedSteps.size()).version, 6);
    }

    void migratesVersionFiveKeepingEveryField()
    {
        const QString path = scratch("migrate-v5") + QStringLiteral("/progress.sqlite");
        makeVersionFiveDatabase(path);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(columnCount(path, QStringLiteral("attempts")), 11);

        ProgressStore store;
        store.open(path);
        QVERIFY(store.recoveryMessage().isEmpty());
        QVERIFY(store.readOnlyReason().isEmpty());
        QCOMPARE(store.schemaVersion(), store::latestSchemaVersion()); // step 7 follows (library columns)

        // Every field of every answer, read back through the store.
        const QList<Attempt> band = store.recentAttempts(QStringLiteral("eq-band"), -1);
        const QList<Attempt> gain = store.recentAttempts(QStringLiteral("eq-gain"), -1);
        QCOMPARE(band.size() + gain.size(), int(std::size(kAnswers)));
        for (const StoredAnswer& row : kAnswers) {
            const QList<Attempt>& list = QLatin1String(row.exercise) == QLatin1String("eq-gain") ? gain : band;
            const auto found = std::find_if(list.begin(), list.end(), [&](const Attempt& a) { return a.id == row.id; });
            QVERIFY2(found != list.end(), qPrintable(QString::number(row.id)));
            QCOMPARE(*found, expected(row));
            QVERIFY(std::isnan(found->value));
        }
        // ...and as the columns hold them: value NULL, not 0.
        RawDatabase raw(path);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM attempts WHERE value IS NULL")).toInt(),
                 int(std::size(kAnswers)));
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM attempts WHERE session = '' AND format = 1")).toInt(),
                 int(std::size(kAnswers)));
        QCOMPARE(raw.value(QStringLiteral("SELECT group_concat(material || ':' || heard, ',') FROM"
                                          " (SELECT material, heard FROM attempts ORDER BY id)")).toString(),
                 QStringLiteral("noise:1,builtin:1,music:1,noise:1,music:1,builtin:1,builtin:0"));
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                                          " AND name = 'attempts_by_session'")).toInt(), 1);

        // The saved levels, with an empty state and their own times.
        SavedDifficulty bandLevel;
        bandLevel.level = 4;
        bandLevel.updatedAt = QDateTime(QDate(2025, 3, 1), QTime(9, 4, 30, 1), Qt::UTC);
        QCOMPARE(store.savedDifficulty(QStringLiteral("eq-band")), std::optional(bandLevel));
        QCOMPARE(store.savedLevel(QStringLiteral("eq-gain")), std::optional<int>(2));
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM exercise_state WHERE state = '{}'")).toInt(), 2);
        // Never reset: every answer counts.
        QCOMPARE(store.lastReset(QStringLiteral("eq-band")), std::nullopt);
        QCOMPARE(store.recentAttemptsSinceReset(QStringLiteral("eq-band"), -1), band);

        // The library row is untouched, overview bytes included.
        QCOMPARE(raw.value(QStringLiteral("SELECT hex(overview) || ' ' || pinned || ' ' || region_start_s"
                                          " FROM library_items")).toString(),
                 QStringLiteral("00FF7F80 1 12.5"));

        // New answers go on after the old ones, with the new fields.
        Attempt next = expected(kAnswers[0]);
        next.answeredAt = QDateTime::currentDateTimeUtc();
        next.session = QStringLiteral("7f1c2e4a-0b9d-4c55-9a51-3f2f0d8e6b11");
        next.value = 3.5;
        next.format = 2;
        next.id = store.recordAttempt(next, std::pair(5, QJsonObject{{QStringLiteral("value"), 3.5}}));
        QCOMPARE(next.id, qint64(8));
        QCOMPARE(store.sessionAttempts(next.session), QList<Attempt>{next});
        QCOMPARE(store.savedDifficulty(QStringLiteral("eq-band"))->state,
                 (QJsonObject{{QStringLiteral("value"), 3.5}}));
    }

    void reopeningAMigratedFileChangesNothing()
    {
        const QString path = scratch("migrate-v5-twice") + QStringLiteral("/progress.sqlite");
        makeVersionFiveDatabase(path);
        if (QTest::currentTestFailed())
            return;
        QList<Attempt> first;
        {
            ProgressStore store;
            store.open(path);
            first = store.recentAttempts(QStringLiteral("eq-band"), -1);
        }
        ProgressStore again;
        again.open(path);
        QCOMPARE(again.schemaVersion(), store::latestSchemaVersion());
        QCOMPARE(again.recentAttempts(QStringLiteral("eq-band"), -1), first);
    }

    void failingStepSixLeavesVersionFiveWhole()
    {
        // Something already holds the new table's name: step 6's column changes and the
        // material UPDATE have run when its CREATE TABLE fails. All of it must be undone.
        const QString path = scratch("migrate-v5-fail") + QStringLiteral("/progress.sqlite");
        makeVersionFiveDatabase(path);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(RawDatabase(path).run(QStringLiteral("CREATE TABLE exercise_resets (x)")), QString());

        {
            ProgressStore store;
            const QString message = storeErrorOf([&] { store.open(path); });
            QVERIFY2(message.contains(path), qPrintable(message));
            QVERIFY2(message.contains(QLatin1String("version 6")), qPrintable(message));
            QVERIFY(!store.isOpen());
        }
        RawDatabase raw(path);
        QCOMPARE(raw.value(QStringLiteral("PRAGMA user_version")).toInt(), 5);
        QCOMPARE(columnCount(path, QStringLiteral("attempts")), 11);
        QCOMPARE(columnCount(path, QStringLiteral("exercise_state")), 3);
        QCOMPARE(raw.value(QStringLiteral("SELECT count(*) FROM attempts")).toInt(), int(std::size(kAnswers)));

        // Once the obstacle is gone the same file migrates.
        QCOMPARE(raw.run(QStringLiteral("DROP TABLE exercise_resets")), QString());
        ProgressStore store;
        store.open(path);
        QCOMPARE(store.schemaVersion(), store::latestSchemaVersion()); // step 7 follows (library columns)
        QCOMPARE(store.attemptCount(QStringLiteral("eq-band")), 5);
        QCOMPARE(store.attemptCount(QStringLiteral("eq-gain")), 2);
    }
};

QTEST_GUILESS_MAIN(TestProgressStoreMigration)
#include "test_progress_store_migration.moc"
