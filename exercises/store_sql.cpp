#include "exercises/store_sql.h"

namespace earlab::store {

namespace {
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteNotADatabase = 26;
} // namespace

QString describeDatabase(const QString& path)
{
    if (path.isEmpty() || path == QLatin1String(":memory:"))
        return QStringLiteral("the in-memory progress database");
    return QStringLiteral("the progress database %1").arg(path);
}

StoreError makeError(const QString& path, const QString& doing, const QString& cause)
{
    return StoreError(path, QStringLiteral("%1 in %2: %3").arg(doing, describeDatabase(path), cause));
}

StoreError makeError(const QString& path, const QString& doing, const QSqlError& error)
{
    // databaseText() is SQLite's own words ("disk I/O error"); text() adds Qt's prefix.
    QString cause = error.databaseText().trimmed();
    if (cause.isEmpty())
        cause = error.text().trimmed();
    if (cause.isEmpty())
        cause = QStringLiteral("unknown error");
    return makeError(path, doing, cause);
}

bool isCorruption(const QSqlError& error)
{
    // The driver reports the primary result code; mask in case extended codes are enabled.
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff;
    if (ok && (code == kSqliteCorrupt || code == kSqliteNotADatabase))
        return true;
    // Fallback on SQLite's fixed messages in case a driver build does not pass the code.
    const QString text = error.databaseText();
    return text.contains(QLatin1String("file is not a database"))
        || text.contains(QLatin1String("malformed"));
}

QSqlQuery exec(const QSqlDatabase& db, const QString& path, const QString& sql,
               const QString& doing)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        throw makeError(path, doing, query.lastError());
    return query;
}

QSqlQuery prepare(const QSqlDatabase& db, const QString& path, const QString& sql,
                  const QString& doing)
{
    QSqlQuery query(db);
    if (!query.prepare(sql))
        throw makeError(path, doing, query.lastError());
    return query;
}

void exec(QSqlQuery& query, const QString& path, const QString& doing)
{
    if (!query.exec())
        throw makeError(path, doing, query.lastError());
}

Transaction::Transaction(const QSqlDatabase& db, const QString& path, const QString& doing)
    : m_db(db), m_path(path), m_doing(doing)
{
    exec(m_db, m_path, QStringLiteral("BEGIN IMMEDIATE"), m_doing);
    m_open = true;
}

Transaction::~Transaction()
{
    if (m_open) {
        QSqlQuery rollback(m_db);
        rollback.exec(QStringLiteral("ROLLBACK")); // best effort: we are already failing
    }
}

void Transaction::commit()
{
    exec(m_db, m_path, QStringLiteral("COMMIT"), m_doing);
    m_open = false;
}

} // namespace earlab::store
