#include "exercises/read_only_database.h"

#include "exercises/store_access.h"
#include "exercises/store_schema.h"
#include "exercises/store_sql.h"

#include <QFileInfo>

#include <atomic>

namespace earlab {

namespace {
const QString kDoing = QStringLiteral("Could not open");
} // namespace

ReadOnlyDatabase::ReadOnlyDatabase(const QString& path) : m_path(QFileInfo(path).absoluteFilePath())
{
    if (!QFileInfo::exists(m_path))
        throw store::makeError(m_path, kDoing, QStringLiteral("there is no such file"));
    store::requireRegularFile(m_path);
    static std::atomic<int> counter{0};
    m_connection = QStringLiteral("earlab-read-only-%1").arg(++counter);
    QSqlError error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        if (!db.isValid()) {
            close();
            throw store::makeError(m_path, kDoing, QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed"));
        }
        db.setDatabaseName(m_path);
        // The writer (the app) may hold the lock for a moment while it commits.
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open())
            error = db.lastError();
    }
    if (error.isValid()) {
        close();
        throw store::makeError(m_path, kDoing, error);
    }
    try {
        const QSqlDatabase db = database();
        store::exec(db, m_path, QStringLiteral("PRAGMA query_only = 1"), kDoing);
        // Up to 64 MiB of pages (allocated only as they are read): the statistics' indexes
        // for 100,000 answers are ~20 MB, and a second run then reads none of them again.
        store::exec(db, m_path, QStringLiteral("PRAGMA cache_size = -65536"), kDoing);
        const int version = store::userVersion(db, m_path);
        if (version == 0)
            throw store::makeError(m_path, kDoing, QStringLiteral("it is not an EarLab progress database (it has no "
                                                                  "EarLab schema)"));
        store::requireKnownVersion(m_path, version);
        if (version < store::latestSchemaVersion())
            throw store::makeError(m_path, kDoing,
                                   QStringLiteral("it was written by an older version of EarLab (schema %1; this "
                                                  "version reads %2). Open it in EarLab once, which upgrades it; "
                                                  "this command never writes to it")
                                       .arg(version)
                                       .arg(store::latestSchemaVersion()));
    } catch (...) {
        close();
        throw;
    }
}

ReadOnlyDatabase::~ReadOnlyDatabase()
{
    close();
}

QSqlDatabase ReadOnlyDatabase::database() const
{
    return QSqlDatabase::database(m_connection, /*open=*/false);
}

void ReadOnlyDatabase::close()
{
    store::removeConnection(m_connection);
}

} // namespace earlab
