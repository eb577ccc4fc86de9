#pragma once
// Blind-test logs (blind_log.h) kept in the progress database (table blind_logs, schema step
// 8), beside the answers: the complete log as BlindLog::toJson() wrote it (compact JSON, its
// log_sha256 inside), and a few of its values in their own columns so that a list of logs
// needs no JSON parsing. Exports take json(id): the bytes as saved, which verify-log checks.
//
// A row edited behind EarLab's back (another program, a hand edit) is never handed out as
// intact: load() recomputes log_sha256 over the stored JSON and compares the listed columns
// with it, and says what no longer matches.
//
// Errors: every failure throws StoreError naming the database file and the cause, as
// ProgressStore does. Threads: a BlindLogStore uses its ProgressStore's connection, so use it
// on the thread that opened that store (the app's database writer for save/remove), and only
// while it is open.

#include "exercises/blind_log.h"
#include "exercises/progress_store.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace earlab {

// One stored log as list() shows it: the columns, not the JSON.
struct StoredBlindLog {
    qint64 id = 0;
    QDateTime savedAt;  // UTC
    QString mode;       // blindModeId: "abx", "preference", "mushra"
    int plannedTrials = 0;
    int n = 0;
    int k = 0;
    std::optional<double> pValue; // none when the log has none (no trial, MUSHRA)
    QStringList files;            // the items' files, in item order
    QString logSha256;
};

class BlindLogStore {
public:
    // `store` must outlive this object; it may be opened (or re-opened) after construction.
    explicit BlindLogStore(ProgressStore& store);

    // Stores `log` as toJson() writes it, saved at `savedAt` (default: now), in one
    // transaction committed before returning; returns the row's id. Rejects (StoreError
    // naming the file and the cause, nothing written) a log holding a non-finite number
    // (naming its key), and any write once the database file is no longer in its place
    // (ProgressStore::requireFileInPlace).
    qint64 save(const BlindLog& log, const QDateTime& savedAt = {});

    // Newest first (saved_at, then id); at most `limit` (negative: all). Reads only the
    // columns, not the JSON.
    QList<StoredBlindLog> list(int limit = -1) const;

    // The stored log, parsed, only if it is intact. Nothing, and *problem says why, when
    // there is no log `id`, its JSON does not parse as a blind log, its log_sha256 does not
    // match the rest of it, or a listed column (mode, planned_trials, n, k, p_value, files,
    // log_sha256) differs from the JSON: the row was edited after it was saved. For the
    // details of an altered log, verifyBlindLog(json(id), ...) (blind_log_check.h).
    std::optional<BlindLog> load(qint64 id, QString* problem = nullptr) const;

    // The stored JSON bytes exactly as saved (UTF-8), for export and verify-log. Throws
    // StoreError if there is no log `id`.
    QByteArray json(qint64 id) const;

    // Deletes log `id` (one statement); nothing happens if there is none.
    void remove(qint64 id);

private:
    QSqlDatabase database(const QString& doing) const;
    QString databasePath() const;

    ProgressStore& m_store;
};

// What save() writes, in the transaction open on `db` (an import puts many logs in one):
// the same checks, the same StoreError naming `path` and `doing`. Returns the row's id.
qint64 insertBlindLog(const QSqlDatabase& db, const QString& path, const BlindLog& log, const QDateTime& savedAt,
                      const QString& doing);

} // namespace earlab
