#pragma once
// The progress store: every answered question, each exercise's difficulty (level and state)
// and its resets, in SQLite through Qt SQL (QSQLITE). Durable by design: recordAttempt
// commits (synchronous=FULL, WAL) before it returns, so the UI may show a result only after
// an answer can no longer be lost.
//
// Errors: every failure throws earlab::StoreError (exercises/store_error.h) whose message
// names the database file and the cause. Nothing fails silently.
//
// Threads: a Qt SQL connection belongs to the thread that opened it, so create, open and
// use one ProgressStore on one thread (the app's database worker).

#include "exercises/attempt.h"
#include "exercises/store_difficulty.h"
#include "exercises/store_error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariantList>

#include <memory>
#include <optional>
#include <utility>

class QSqlDatabase;

namespace earlab::store {
class WorkingCopy;
}

namespace earlab {

class ProgressStore {
public:
    ProgressStore();
    ~ProgressStore(); // closes and removes this store's connection
    ProgressStore(const ProgressStore&) = delete;
    ProgressStore& operator=(const ProgressStore&) = delete;

    // <AppDataLocation>/progress.sqlite; creates the folder. Needs the application name set.
    static QString defaultPath();

    // Opens the database at `path` (empty = in memory, as KDE Elisa does), creating and
    // migrating it as needed. SQLite recovers a hot -journal or a -wal itself; only a file
    // SQLite cannot read (corrupt, not SQLite at all) is moved aside and a fresh one started
    // (see recoveryMessage()). A file EarLab cannot write (file, folder or file system
    // read-only) is opened as a private working copy: everything works, nothing reaches
    // the user's file (see readOnlyReason()). Throws StoreError if `path` is not a regular
    // file (a folder, a device, a pipe: refused before SQLite sees it), the folder cannot be
    // created, the file cannot be opened or read, belongs to a newer EarLab or is not an
    // EarLab database. Re-opening closes the previous database first.
    void open(const QString& path);
    void close();
    bool isOpen() const;

    QString path() const;      // the file SQLite has open (the working copy if read-only), or ":memory:"
    QString sourcePath() const { return m_sourcePath; } // the path asked for, made absolute
    // Empty when answers reach sourcePath(); otherwise the end of a sentence saying why they
    // do not ("the file is read-only for you"): the store then works on a working copy.
    QString readOnlyReason() const { return m_readOnlyReason; }
    // The Qt SQL connection this store opened (empty while closed), for the other tables'
    // stores (e.g. LibraryStore) that share its file; use it on this store's thread only.
    QString connectionName() const;
    // That connection, for those stores; throws StoreError (naming the file and `doing`)
    // when the database is not open.
    QSqlDatabase sharedDatabase(const QString& doing) const;
    int schemaVersion() const; // PRAGMA user_version

    // Empty unless open() had to move a damaged file aside; then one sentence for the
    // user naming the damaged file's new name and the fresh database.
    QString recoveryMessage() const { return m_recoveryMessage; }
    QString movedAsidePath() const { return m_movedAsidePath; }

    // Throws StoreError naming the file when the database file this store opened is no longer
    // at its path: deleted, moved or replaced by another file while open. SQLite would go on
    // writing into the unlinked file, and everything written would vanish when EarLab
    // closes: so every write checks first, and the caller keeps what it wanted to write.
    // (Restarting EarLab then starts a new database at the path.) Nothing for one in memory.
    void requireFileInPlace(const QString& doing) const;

    // Writes one answer, and with it the exercise's new difficulty (level and state) if
    // given, in one transaction committed before returning: a crash keeps both or neither.
    // Returns the answer's id. Rejects (StoreError naming the file, nothing written) an
    // attempt without exercise, with score outside 0..1, negative response time, invalid
    // answeredAt, an infinite value (NaN is fine: no staircase value), format < 1, a
    // material that is neither empty nor one of attempt_material's, or a non-finite number
    // anywhere in hidden, answer or the difficulty's state (JSON cannot hold one).
    qint64 recordAttempt(const Attempt& attempt,
                         const std::optional<std::pair<int, QJsonObject>>& difficulty = {});

    // Newest first. A negative limit means no limit.
    QList<Attempt> recentAttempts(const QString& exercise, int limit) const;
    // The same, only the answers given after the exercise's last reset (all if it was never
    // reset): what its difficulty and Home count. "After" compares answeredAt with the
    // reset's time, both as the computer's clock gave them. Exclude also leaves out the
    // answers given before anything was heard (Attempt::heard false).
    enum class Unheard { Include, Exclude };
    QList<Attempt> recentAttemptsSinceReset(const QString& exercise, int limit,
                                            Unheard unheard = Unheard::Include) const;
    // One training session's answers, oldest first; none for an empty id (answers stored
    // before sessions were recorded have no session).
    QList<Attempt> sessionAttempts(const QString& session) const;
    int attemptCount(const QString& exercise) const; // every answer, resets or not

    // The difficulty an exercise was left at; nothing if it was never saved or was reset
    // since. Throws StoreError if the stored state is not a JSON object.
    using SavedDifficulty = earlab::SavedDifficulty;
    std::optional<SavedDifficulty> savedDifficulty(const QString& exercise) const;
    // Replaces it (its own transaction). Rejects an empty exercise or a non-finite number
    // in `state`.
    void saveDifficulty(const QString& exercise, int level, const QJsonObject& state);
    // The level alone, for ladder exercises: savedDifficulty()'s level; saveLevel saves
    // `level` with an empty state (a state saved before is replaced).
    std::optional<int> savedLevel(const QString& exercise) const;
    void saveLevel(const QString& exercise, int level);

    // Starts an exercise afresh, in one transaction: its saved difficulty is dropped and a
    // reset recorded at `at` (default: now). Every answer stays in the history; those
    // before the reset are no longer counted by recentAttemptsSinceReset().
    void resetExercise(const QString& exercise, const QDateTime& at = {});
    // The exercise's newest reset, if it was ever reset.
    std::optional<QDateTime> lastReset(const QString& exercise) const;

private:
    QSqlDatabase database() const;
    void requireOpen(const QString& doing) const;
    void openFile(const QString& path, bool mayMoveAside);
    void openWorkingCopy(const QString& path, const QString& why);
    void connect(const QString& path);
    void disconnect();
    void configure();
    // Answers matching `where` (bound to `values`), by answered_at then id, newest first
    // unless `oldestFirst`; at most `limit` (negative: all).
    QList<Attempt> selectAttempts(const QString& where, const QVariantList& values, int limit,
                                  bool oldestFirst = false) const;

    QString m_connection;
    QString m_path;
    // The opened file's identity (st_dev, st_ino), for requireFileInPlace(); 0 in memory.
    unsigned long long m_fileDevice = 0;
    unsigned long long m_fileInode = 0;
    QString m_recoveryMessage;
    QString m_movedAsidePath;
    QString m_sourcePath;
    QString m_readOnlyReason;
    std::unique_ptr<store::WorkingCopy> m_copy;
};

} // namespace earlab
