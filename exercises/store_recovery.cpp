#include "exercises/store_recovery.h"

#include "exercises/store_error.h"
#include "exercises/store_schema.h"
#include "exercises/store_sql.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>

#include <atomic>

namespace earlab::store {

namespace {

// Companions first: a stale -wal left next to a fresh database would be replayed into it.
const QStringList kCompanions = {QStringLiteral("-wal"), QStringLiteral("-shm"),
                                 QStringLiteral("-journal")};

bool anyExists(const QString& base)
{
    if (QFileInfo::exists(base))
        return true;
    for (const QString& suffix : kCompanions) {
        if (QFileInfo::exists(base + suffix))
            return true;
    }
    return false;
}

// Runs the read-only checks; a separate function so that no QSqlDatabase copy is alive
// when findDamage() removes the connection.
std::optional<QString> inspect(const QString& connection, const QString& path)
{
    const QString doing = QStringLiteral("Could not read");
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        throw makeError(path, doing, db.lastError());

    QSqlQuery query(db);
    auto failed = [&]() -> std::optional<QString> {
        if (!isCorruption(query.lastError()))
            throw makeError(path, doing, query.lastError());
        return query.lastError().databaseText().trimmed();
    };
    if (!query.exec(QStringLiteral("PRAGMA user_version")))
        return failed();
    const int version = query.next() ? query.value(0).toInt() : 0;
    query.finish();
    requireKnownVersion(path, version);

    // quick_check reads every page (cheap at our size) and answers "ok" or the problems.
    if (!query.exec(QStringLiteral("PRAGMA quick_check")))
        return failed();
    QStringList problems;
    while (query.next())
        problems << query.value(0).toString();
    query.finish();
    if (problems != QStringList{QStringLiteral("ok")}) {
        return problems.isEmpty() ? QStringLiteral("the integrity check gave no answer")
                                  : problems.join(QLatin1Char(' ')).simplified().left(300);
    }

    // Version 0 with tables: a valid database of some other program. Not ours to migrate
    // into, and not damaged either, so it is refused rather than moved aside.
    if (version == 0) {
        if (!query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")))
            return failed();
        if (query.next() && query.value(0).toInt() > 0) {
            throw makeError(path, QStringLiteral("Cannot use the data"),
                            QStringLiteral("the file is an SQLite database, but not one written "
                                           "by EarLab. It was left unchanged."));
        }
    }
    return std::nullopt;
}

// A read-only connection cannot roll back a hot -journal (what a crash mid-transaction
// leaves) or replay a -wal without its -shm: SQLite then says "attempt to write a readonly
// database". That is SQLite's own recovery waiting for write access, not damage: give it a
// read-write connection and one read, which rolls back or replays. Returns SQLite's words
// if even that read finds the file corrupt.
std::optional<QString> recover(const QString& connection, const QString& path)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        throw makeError(path, QStringLiteral("Could not recover"), db.lastError());
    QSqlQuery query(db);
    if (query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")))
        return std::nullopt;
    if (isCorruption(query.lastError()))
        return query.lastError().databaseText().trimmed();
    throw makeError(path, QStringLiteral("Could not recover"), query.lastError());
}

// Runs `look` on a connection of its own, removed afterwards whatever happens (no
// QSqlDatabase copy is alive then: each `look` keeps its own inside).
template <typename Look>
std::optional<QString> withConnection(const QString& path, Look look)
{
    static std::atomic<int> counter{0};
    const QString connection = QStringLiteral("earlab-progress-inspect-%1").arg(++counter);
    std::optional<QString> result;
    try {
        result = look(connection, path);
    } catch (...) {
        QSqlDatabase::removeDatabase(connection);
        throw;
    }
    QSqlDatabase::removeDatabase(connection);
    return result;
}

} // namespace

std::optional<QString> findDamage(const QString& path)
{
    QFile file(path);
    if (!file.exists() || file.size() == 0)
        return std::nullopt; // SQLite treats an empty file as a new database
    if (!file.open(QIODevice::ReadOnly))
        throw StoreError(path, QStringLiteral("Could not read the progress database %1: %2")
                                   .arg(path, file.errorString()));
    // Decided before SQLite sees the file: SQLite would otherwise open (and on close
    // checkpoint or delete) any -wal lying next to a file that is not a database at all.
    static const QByteArray magic("SQLite format 3\0", 16);
    if (file.read(magic.size()) != magic)
        return QStringLiteral("the file is not an SQLite database");
    file.close();

    try {
        return withConnection(path, inspect);
    } catch (const StoreError& e) {
        if (e.problem() != StoreProblem::ReadOnly)
            throw;
    }
    if (std::optional<QString> damage = withConnection(path, recover))
        return damage;
    return withConnection(path, inspect);
}

QString asidePath(const QString& path, const QDateTime& when)
{
    const QString stem = path + QStringLiteral(".corrupt-")
        + when.toLocalTime().toString(QStringLiteral("yyyyMMdd-hhmmss"));
    QString candidate = stem;
    for (int counter = 2; anyExists(candidate); ++counter)
        candidate = stem + QLatin1Char('-') + QString::number(counter);
    return candidate;
}

QString moveAside(const QString& path, const QDateTime& when)
{
    const QString target = asidePath(path, when);
    auto move = [&](const QString& from, const QString& to) {
        if (!QFileInfo::exists(from))
            return;
        QFile file(from);
        // QFile::rename never replaces an existing file, which is what we want.
        if (!file.rename(to)) {
            throw StoreError(path, QStringLiteral("The progress database %1 is damaged and could "
                                                  "not be moved aside to %2: %3")
                                       .arg(from, to, file.errorString()));
        }
    };
    for (const QString& suffix : kCompanions)
        move(path + suffix, target + suffix);
    move(path, target);
    return target;
}

} // namespace earlab::store
