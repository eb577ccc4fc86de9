#pragma once
// A connection to a progress database that cannot write (earlab-cli stats): SQLite opens the
// file with SQLITE_OPEN_READONLY and query_only, so nothing of it, not even its schema, is
// changed. ProgressStore::open would create a missing file and upgrade an old one; this
// refuses both instead, saying what to do.
//
// Threads: as every Qt SQL connection, use it on the thread that made it.

#include <QSqlDatabase>
#include <QString>

namespace earlab {

class ReadOnlyDatabase {
public:
    // Throws StoreError naming the file and the cause when it does not exist, is not a
    // regular file, cannot be opened, is not an EarLab database, or has another schema than
    // this version's (older: open it in EarLab once, which upgrades it; newer: update EarLab).
    explicit ReadOnlyDatabase(const QString& path);
    ~ReadOnlyDatabase();
    ReadOnlyDatabase(const ReadOnlyDatabase&) = delete;
    ReadOnlyDatabase& operator=(const ReadOnlyDatabase&) = delete;

    QSqlDatabase database() const;
    const QString& path() const { return m_path; } // made absolute

private:
    void close();

    QString m_path;
    QString m_connection;
};

} // namespace earlab
