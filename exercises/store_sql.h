#pragma once
// Small helpers the progress store uses around Qt SQL, so that every failure becomes a
// StoreError naming the database file, and every write is one explicit transaction.

#include "exercises/store_error.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>

namespace earlab::store {

// "the progress database /path/progress.sqlite", or "the in-memory progress database".
QString describeDatabase(const QString& path);

// "<doing> in <database>: <cause>.", for the user. From a QSqlError the cause is SQLite's
// own words, except where they mislead: SQLITE_FULL, and an I/O error on a disk with less
// than 1 MiB free, are "the disk is full" (StoreProblem::DiskFull); SQLITE_READONLY is
// "the file cannot be written" (StoreProblem::ReadOnly).
StoreError makeError(const QString& path, const QString& doing, const QSqlError& error);
StoreError makeError(const QString& path, const QString& doing, const QString& cause,
                     StoreProblem problem = StoreProblem::Other);

// How the store writes a time: ISO 8601 in UTC with milliseconds ("2024-05-01T09:30:00.250Z"),
// fixed width, so that text order is time order.
QString isoUtc(const QDateTime& time);

// True when the disk holding `path` (or its folder) has less than 1 MiB free for this user.
bool diskAlmostFull(const QString& path);

// True when SQLite says the file is not a database or is malformed (SQLITE_NOTADB,
// SQLITE_CORRUPT): the cases that are moved aside instead of reported.
bool isCorruption(const QSqlError& error);

// Closes and removes the Qt SQL connection `name`, then clears it; nothing for an empty name.
// No QSqlDatabase copy of the connection may be alive (Qt warns and keeps it open).
void removeConnection(QString& name);

// Runs one statement; throws StoreError on failure. The query is returned positioned
// before its first row.
QSqlQuery exec(const QSqlDatabase& db, const QString& path, const QString& sql,
               const QString& doing);

// A query on `db` prepared from `sql`; throws StoreError if SQLite rejects it.
QSqlQuery prepare(const QSqlDatabase& db, const QString& path, const QString& sql,
                  const QString& doing);

// Executes an already prepared query; throws StoreError on failure.
void exec(QSqlQuery& query, const QString& path, const QString& doing);

// BEGIN IMMEDIATE ... COMMIT. IMMEDIATE takes the write lock up front, so a second
// EarLab process waits on busy_timeout instead of failing half way with SQLITE_BUSY.
// Rolls back in the destructor unless commit() succeeded.
class Transaction {
public:
    Transaction(const QSqlDatabase& db, const QString& path, const QString& doing);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

private:
    QSqlDatabase m_db;
    QString m_path;
    QString m_doing;
    bool m_open = false;
};

} // namespace earlab::store
