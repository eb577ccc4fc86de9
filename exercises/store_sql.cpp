#include "exercises/store_sql.h"

#include <QFile>
#include <QFileInfo>

#include <sys/statvfs.h>

namespace earlab::store {

namespace {
// SQLite's primary result codes (sqlite3.h); Qt SQL does not export them.
constexpr int kSqliteReadOnly = 8;
constexpr int kSqliteIoError = 10;
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteFull = 13;
constexpr int kSqliteNotADatabase = 26;
constexpr unsigned long long kAlmostFullBytes = 1024 * 1024;

// The driver reports the primary result code; mask in case extended codes are enabled.
int primaryCode(const QSqlError& error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;
}
} // namespace

QString isoUtc(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

bool diskAlmostFull(const QString& path)
{
    if (path.isEmpty() || path == QLatin1String(":memory:"))
        return false;
    struct statvfs fs {};
    if (::statvfs(QFile::encodeName(QFileInfo(path).absolutePath()).constData(), &fs) != 0)
        return false;
    return static_cast<unsigned long long>(fs.f_bavail) * fs.f_frsize < kAlmostFullBytes;
}

QString describeDatabase(const QString& path)
{
    if (path.isEmpty() || path == QLatin1String(":memory:"))
        return QStringLiteral("the in-memory progress database");
    return QStringLiteral("the progress database %1").arg(path);
}

StoreError makeError(const QString& path, const QString& doing, const QString& cause,
                     StoreProblem problem)
{
    // "Could not open the progress database P", but "Could not save the answer in the ...".
    const bool bareVerb = doing.count(QLatin1Char(' ')) <= 2;
    QString sentence = (bareVerb ? QStringLiteral("%1 %2: %3") : QStringLiteral("%1 in %2: %3"))
                           .arg(doing, describeDatabase(path), cause);
    if (!sentence.endsWith(QLatin1Char('.')))
        sentence += QLatin1Char('.');
    return StoreError(path, sentence, problem);
}

StoreError makeError(const QString& path, const QString& doing, const QSqlError& error)
{
    const int code = primaryCode(error);
    // SQLite says "database or disk is full" for a full disk and "disk I/O error" when the
    // full disk is the one holding the -shm or -wal: both mean the same to the user.
    if (code == kSqliteFull || (code == kSqliteIoError && diskAlmostFull(path)))
        return makeError(path, doing, QStringLiteral("the disk is full"), StoreProblem::DiskFull);
    if (code == kSqliteReadOnly)
        return makeError(path, doing, QStringLiteral("the file cannot be written (%1)").arg(error.databaseText().trimmed()),
                         StoreProblem::ReadOnly);
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
    const int code = primaryCode(error);
    if (code == kSqliteCorrupt || code == kSqliteNotADatabase)
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

void removeConnection(QString& name)
{
    if (name.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(name, /*open=*/false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    name.clear();
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
