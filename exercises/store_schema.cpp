#include "exercises/store_schema.h"

#include "exercises/statistics_expressions.h"
#include "exercises/store_sql.h"

namespace earlab::store {

const QList<MigrationStep>& migrationSteps()
{
    // hidden/answer hold compact JSON objects; answered_at is ISO 8601 UTC with
    // milliseconds ("2024-05-01T09:30:00.250Z"), fixed width, so text order is time order.
    static const QList<MigrationStep> steps = {
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
          // Home page and difficulty read "the last N answers of one exercise".
          QStringLiteral("CREATE INDEX attempts_by_exercise_time"
                         " ON attempts(exercise, answered_at)")}},
        // The user's music (library_store.h). octave_levels: JSON array of nine dB values,
        // 63 Hz..16 kHz, null for -inf; loudness/peak NULL for silence or a broken file;
        // pinned = 1 when the user chose the loop region (kept across rescans).
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
        // The scan queue survives a restart: scan_queued = 1 while a file waits for a scan
        // (the app queues it again at start). A file added but never scanned has
        // scanned_at = '' and no scan facts (ok = 0, error = '').
        {4,
         {QStringLiteral("ALTER TABLE library_items"
                         " ADD COLUMN scan_queued INTEGER NOT NULL DEFAULT 0")}},
        // The loop editor's picture of each file (LevelOverview::toBytes, library_scan.h):
        // kOverviewBins peak codes then as many RMS codes, one byte each. NULL for rows
        // scanned before this step, never scanned or broken; a rescan fills it.
        {5,
         {QStringLiteral("ALTER TABLE library_items ADD COLUMN overview BLOB")}},
        // Any exercise (issue 7): an answer's training session, material category
        // ('noise', 'builtin', 'music'), staircase value (NULL on a ladder), hidden/answer
        // layout version and whether anything was heard before it. The material of older
        // answers follows from what the app wrote in source: '' (nothing loaded) or
        // 'pink-noise', 'builtin:<id>', 'file:<path>' (and, before that, a bare path).
        // exercise_state.state: the difficulty's own JSON object (a staircase's value, step
        // and reversals). exercise_resets: when the user reset an exercise; the answers
        // before it stay, but no longer count towards its difficulty or Home.
        {6,
         {QStringLiteral("ALTER TABLE attempts ADD COLUMN session TEXT NOT NULL DEFAULT ''"),
          QStringLiteral("ALTER TABLE attempts ADD COLUMN material TEXT NOT NULL DEFAULT ''"),
          QStringLiteral("ALTER TABLE attempts ADD COLUMN value REAL"),
          QStringLiteral("ALTER TABLE attempts ADD COLUMN format INTEGER NOT NULL DEFAULT 1"),
          QStringLiteral("ALTER TABLE attempts ADD COLUMN heard INTEGER NOT NULL DEFAULT 1"),
          QStringLiteral("UPDATE attempts SET material = CASE"
                         " WHEN source IN ('', 'pink-noise') THEN 'noise'"
                         " WHEN substr(source, 1, 8) = 'builtin:' THEN 'builtin'"
                         " ELSE 'music' END"),
          // Answers given before anything played were flagged in the answer JSON (Session
          // wrote "heard":false, compact, before this column existed); the JSON stays as it is.
          QStringLiteral("UPDATE attempts SET heard = 0 WHERE instr(answer, '\"heard\":false') > 0"),
          QStringLiteral("ALTER TABLE exercise_state ADD COLUMN state TEXT NOT NULL DEFAULT '{}'"),
          QStringLiteral("CREATE TABLE exercise_resets ("
                         " exercise TEXT NOT NULL,"
                         " reset_at TEXT NOT NULL)"),
          // The summary reads one session's answers.
          QStringLiteral("CREATE INDEX attempts_by_session ON attempts(session)")}},
        // The user's music by genre and folders of stems (library_scan_stems.h): genre is the
        // file's genre tag ('' none, and for rows scanned before this step: a rescan reads it);
        // stem_folder = 1 when path is a folder of stems, one multitrack; stems its files as a
        // JSON array of paths ('[]' for a file).
        {7,
         {QStringLiteral("ALTER TABLE library_items ADD COLUMN genre TEXT NOT NULL DEFAULT ''"),
          QStringLiteral("ALTER TABLE library_items ADD COLUMN stem_folder INTEGER NOT NULL DEFAULT 0"),
          QStringLiteral("ALTER TABLE library_items ADD COLUMN stems TEXT NOT NULL DEFAULT '[]'")}},
        // Blind-test logs (blind_log_store.h, issue 8): log_json is the whole log as
        // BlindLog::toJson() wrote it (compact), log_sha256 inside it; the other columns copy
        // values of it for the list of logs (p_value NULL when the log has none; files: JSON
        // array of the items' paths), so listing parses no log. saved_at: ISO 8601 UTC.
        {8,
         {QStringLiteral("CREATE TABLE blind_logs ("
                         " id INTEGER PRIMARY KEY,"
                         " saved_at TEXT NOT NULL,"
                         " mode TEXT NOT NULL,"
                         " planned_trials INTEGER NOT NULL,"
                         " n INTEGER NOT NULL,"
                         " k INTEGER NOT NULL,"
                         " p_value REAL,"
                         " files TEXT NOT NULL,"
                         " log_sha256 TEXT NOT NULL,"
                         " log_json TEXT NOT NULL)"),
          // The Compare page lists the newest logs first.
          QStringLiteral("CREATE INDEX blind_logs_by_time ON blind_logs(saved_at)")}},
        // Progress review (issue 9). attempts.uid: a stable id per answer, 32 lowercase hex
        // digits (random, as QUuid makes them), the key export and import merge on, so the
        // same answer is never imported twice into any database; older rows get one here.
        // attempts_by_time: statistics over a time range across every exercise.
        // track_markers: the listening view's notes, a point in a library file (path as in
        // library_items, not a foreign key: a marker outlives a rescan or a removal), with
        // its category (marker_category in track_marker.h) and free text; uid as above.
        // library_items.genre_edited = 1 when the user set the genre: a rescan keeps it
        // instead of the file's tag.
        {9,
         {QStringLiteral("ALTER TABLE attempts ADD COLUMN uid TEXT NOT NULL DEFAULT ''"),
          QStringLiteral("UPDATE attempts SET uid = lower(hex(randomblob(16)))"),
          QStringLiteral("CREATE UNIQUE INDEX attempts_by_uid ON attempts(uid)"),
          QStringLiteral("CREATE INDEX attempts_by_time ON attempts(answered_at)"),
          QStringLiteral("CREATE TABLE track_markers ("
                         " id INTEGER PRIMARY KEY,"
                         " uid TEXT NOT NULL UNIQUE,"
                         " path TEXT NOT NULL,"
                         " position_s REAL NOT NULL,"
                         " category TEXT NOT NULL,"
                         " note TEXT NOT NULL,"
                         " created_at TEXT NOT NULL)"),
          QStringLiteral("CREATE INDEX track_markers_by_path ON track_markers(path, position_s)"),
          QStringLiteral("ALTER TABLE library_items"
                         " ADD COLUMN genre_edited INTEGER NOT NULL DEFAULT 0")}},
        // Statistics (progress_statistics.h) in <= 300 ms over 100,000 answers: without these,
        // every figure reads the whole table (its JSON makes it ~480 bytes a row).
        // attempts_statistics covers the totals, days, sessions and every filter; in
        // response_ms order per exercise, so a median is read off it without sorting.
        // attempts_eq_statistics holds the EQ miss map's values (statistics_expressions.h),
        // so the confusions are counted without parsing an answer's JSON.
        {10,
         {QStringLiteral("CREATE INDEX attempts_statistics ON attempts(exercise, heard, response_ms,"
                         " answered_at, correct, value, session, material, source)"),
          QStringLiteral("CREATE INDEX attempts_eq_statistics ON attempts(exercise, %1, %2, %3, %4, %5,"
                         " correct, heard, answered_at, material, source) WHERE %6")
              .arg(QLatin1String(statistics_sql::kHiddenBand), QLatin1String(statistics_sql::kAnsweredBand),
                   QLatin1String(statistics_sql::kHiddenGain), QLatin1String(statistics_sql::kAnsweredGain),
                   QLatin1String(statistics_sql::kDirectionAsked), QLatin1String(statistics_sql::kValidJson))}},
    };
    return steps;
}

int latestSchemaVersion()
{
    return migrationSteps().constLast().version;
}

int userVersion(const QSqlDatabase& db, const QString& path)
{
    QSqlQuery query = exec(db, path, QStringLiteral("PRAGMA user_version"),
                           QStringLiteral("Could not read the schema version"));
    return query.next() ? query.value(0).toInt() : 0;
}

void requireKnownVersion(const QString& path, int found)
{
    if (found <= latestSchemaVersion())
        return;
    throw makeError(path, QStringLiteral("Cannot use the data"),
                     QStringLiteral("it was written by a newer version of EarLab (schema %1; this "
                                    "version knows up to %2). The file was left unchanged; "
                                    "update EarLab or choose another file with --db.")
                         .arg(found)
                         .arg(latestSchemaVersion()));
}

void migrate(const QSqlDatabase& db, const QString& path)
{
    const int found = userVersion(db, path);
    requireKnownVersion(path, found);

    for (const MigrationStep& step : migrationSteps()) {
        if (step.version <= found)
            continue;
        const QString doing = QStringLiteral("Could not upgrade the schema to version %1").arg(step.version);
        Transaction transaction(db, path, doing);
        // Another EarLab process may have run this step while we waited for the lock.
        if (userVersion(db, path) >= step.version)
            continue;
        for (const QString& sql : step.statements)
            exec(db, path, sql, doing);
        // PRAGMA takes no bound parameters; the value is our own integer.
        exec(db, path, QStringLiteral("PRAGMA user_version = %1").arg(step.version), doing);
        transaction.commit();
    }
}

} // namespace earlab::store
