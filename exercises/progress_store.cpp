#include "exercises/progress_store.h"

#include "exercises/store_access.h"
#include "exercises/store_attempt_row.h"
#include "exercises/store_recovery.h"
#include "exercises/store_schema.h"
#include "exercises/store_sql.h"
#include "exercises/store_working_copy.h"

#include <QDebug>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QStandardPaths>

#include <atomic>
#include <cerrno>
#include <cstring>

#include <sys/stat.h>

namespace earlab {

namespace {

const QString kMemory = QStringLiteral(":memory:");

void ensureFolder(const QString& path)
{
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder)) {
        throw StoreError(path, QStringLiteral("Could not create the folder %1 for the progress "
                                              "database %2.").arg(folder, path));
    }
}

} // namespace

ProgressStore::ProgressStore() = default;

ProgressStore::~ProgressStore()
{
    close();
}

QString ProgressStore::defaultPath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder); // a failure surfaces in open(), which names the path
    return folder + QStringLiteral("/progress.sqlite");
}

void ProgressStore::open(const QString& requested)
{
    close();
    m_recoveryMessage.clear();
    m_movedAsidePath.clear();
    m_readOnlyReason.clear();
    m_copy.reset();
    const bool inMemory = requested.isEmpty() || requested == kMemory;
    m_sourcePath = inMemory ? kMemory : QFileInfo(requested).absoluteFilePath();
    if (inMemory) {
        openFile(kMemory, /*mayMoveAside=*/false);
        return;
    }
    const QString path = m_sourcePath;
    store::requireRegularFile(path);
    ensureFolder(path);
    if (const std::optional<QString> why = store::whyReadOnly(path)) {
        openWorkingCopy(path, *why);
        return;
    }
    try {
        openFile(path, /*mayMoveAside=*/true);
    } catch (const StoreError& e) {
        // access(2) said yes but SQLite could not write (an immutable file, a mount that
        // refuses writes), or the disk is full before the first answer: either way the
        // history can still be read and trained on, as with a read-only file.
        if (e.problem() == StoreProblem::ReadOnly)
            openWorkingCopy(path, QStringLiteral("SQLite cannot write to it"));
        else if (e.problem() == StoreProblem::DiskFull)
            openWorkingCopy(path, QStringLiteral("the disk holding it is full"));
        else
            throw;
    }
}

void ProgressStore::openWorkingCopy(const QString& path, const QString& why)
{
    m_copy = std::make_unique<store::WorkingCopy>(path);
    m_readOnlyReason = why;
    try {
        openFile(m_copy->path(), /*mayMoveAside=*/false);
    } catch (...) {
        m_copy.reset();
        m_readOnlyReason.clear();
        throw;
    }
    qWarning().noquote() << QStringLiteral("EarLab cannot write to the progress database %1 (%2): it works on a "
                                           "copy, %3, removed when EarLab closes.").arg(path, why, m_copy->path());
}

void ProgressStore::openFile(const QString& path, bool mayMoveAside)
{
    try {
        if (path != kMemory) {
            if (const std::optional<QString> damage = store::findDamage(path)) {
                if (!mayMoveAside) {
                    throw StoreError(m_sourcePath,
                                     QStringLiteral("EarLab could not read its progress database %1 (%2). It cannot "
                                                    "move the damaged file aside (%3), so it left it unchanged.")
                                         .arg(m_sourcePath, *damage, m_readOnlyReason));
                }
                m_movedAsidePath = store::moveAside(path, QDateTime::currentDateTime());
                m_recoveryMessage =
                    QStringLiteral("EarLab could not read its progress database %1 (%2). The "
                                   "damaged file was kept as %3 and a new, empty progress "
                                   "database was started at %1.")
                        .arg(path, *damage, m_movedAsidePath);
                qWarning().noquote() << m_recoveryMessage;
            }
        }
        connect(path);
        configure();
        store::migrate(database(), path);
        if (path != kMemory) {
            // The file exists now (configure() wrote to it): remember which one it is.
            struct stat st {};
            if (::stat(QFile::encodeName(path).constData(), &st) != 0)
                throw store::makeError(path, QStringLiteral("Could not open"),
                                       QString::fromLocal8Bit(std::strerror(errno)));
            m_fileDevice = st.st_dev;
            m_fileInode = st.st_ino;
        }
    } catch (...) {
        disconnect();
        throw;
    }
}

void ProgressStore::close()
{
    disconnect();
    m_copy.reset(); // after the connection: SQLite must not hold the copy's files
}

bool ProgressStore::isOpen() const
{
    return !m_connection.isEmpty();
}

QString ProgressStore::path() const
{
    return m_path;
}

QString ProgressStore::connectionName() const
{
    return m_connection;
}

int ProgressStore::schemaVersion() const
{
    requireOpen(QStringLiteral("Could not read the schema version"));
    return store::userVersion(database(), m_path);
}

QSqlDatabase ProgressStore::database() const
{
    return QSqlDatabase::database(m_connection, /*open=*/false);
}

QSqlDatabase ProgressStore::sharedDatabase(const QString& doing) const
{
    requireOpen(doing);
    return database();
}

void ProgressStore::requireOpen(const QString& doing) const
{
    if (!isOpen())
        throw store::makeError(m_path, doing, QStringLiteral("the database is not open"));
}

void ProgressStore::requireFileInPlace(const QString& doing) const
{
    requireOpen(doing);
    if (m_path == kMemory)
        return;
    struct stat st {};
    if (::stat(QFile::encodeName(m_path).constData(), &st) != 0)
        throw store::makeError(m_path, doing,
                               QStringLiteral("the file was deleted or moved while EarLab had it open (restart "
                                              "EarLab to start a new progress database there)"));
    if (st.st_dev != m_fileDevice || st.st_ino != m_fileInode)
        throw store::makeError(m_path, doing,
                               QStringLiteral("another file took its place while EarLab had it open; EarLab "
                                              "does not write into a file it did not open (restart EarLab to "
                                              "use the new file)"));
}

void ProgressStore::connect(const QString& path)
{
    // A unique name per store: QSqlDatabase connections are process-global by name, and two
    // stores (or a test and the app) must never share or remove each other's connection.
    static std::atomic<int> counter{0};
    m_connection = QStringLiteral("earlab-progress-%1").arg(++counter);
    m_path = path;
    QSqlError error;
    bool driverMissing = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        driverMissing = !db.isValid();
        if (!driverMissing) {
            db.setDatabaseName(path);
            // Another EarLab process (e.g. earlab-cli) may hold the write lock briefly.
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
            if (!db.open())
                error = db.lastError();
        }
    } // no QSqlDatabase copy may be alive when disconnect() removes the connection
    if (driverMissing) {
        disconnect();
        throw store::makeError(path, QStringLiteral("Could not open"),
                               QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed"));
    }
    if (error.isValid()) {
        disconnect();
        throw store::makeError(path, QStringLiteral("Could not open"), error);
    }
}

void ProgressStore::disconnect()
{
    store::removeConnection(m_connection);
}

void ProgressStore::configure()
{
    const QString doing = QStringLiteral("Could not configure");
    const QSqlDatabase db = database();
    if (m_path != kMemory) {
        // WAL: a commit is one append + fsync, and readers never block the writer.
        QSqlQuery mode = store::exec(db, m_path, QStringLiteral("PRAGMA journal_mode=WAL"), doing);
        const QString result = mode.next() ? mode.value(0).toString() : QString();
        if (result.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
            // Some file systems (network mounts) cannot do WAL; the rollback journal with
            // synchronous=FULL is just as durable, only slower, so carry on.
            qWarning().noquote() << "Progress database" << m_path
                                 << "stays in journal mode" << result << "(WAL unavailable)";
        }
    }
    // FULL: fsync on every commit, so an acknowledged answer survives a crash or power cut.
    store::exec(db, m_path, QStringLiteral("PRAGMA synchronous=FULL"), doing);
    store::exec(db, m_path, QStringLiteral("PRAGMA foreign_keys=ON"), doing);
}

qint64 ProgressStore::recordAttempt(const Attempt& attempt,
                                   const std::optional<std::pair<int, QJsonObject>>& difficulty)
{
    const QString doing = QStringLiteral("Could not save the answer");
    requireFileInPlace(doing);
    QString invalid = store::whyInvalid(attempt);
    if (invalid.isEmpty() && difficulty)
        invalid = store::whyInvalidDifficulty(attempt.exercise, difficulty->second);
    if (!invalid.isEmpty())
        throw store::makeError(m_path, doing, invalid);

    const QSqlDatabase db = database();
    store::Transaction transaction(db, m_path, doing);
    const qint64 id = store::insertAttempt(db, m_path, attempt, doing);
    if (difficulty)
        store::upsertDifficulty(db, m_path, attempt.exercise, difficulty->first, difficulty->second, doing);
    transaction.commit();
    return id;
}

QList<Attempt> ProgressStore::selectAttempts(const QString& where, const QVariantList& values, int limit,
                                             bool oldestFirst) const
{
    const QString doing = QStringLiteral("Could not read past answers");
    requireOpen(doing);
    QSqlQuery query = store::prepare(database(), m_path,
        QStringLiteral("SELECT %1 FROM attempts WHERE %2 ORDER BY answered_at %3, id %3 LIMIT ?")
            .arg(store::attemptColumns(), where, oldestFirst ? QStringLiteral("ASC") : QStringLiteral("DESC")),
        doing);
    for (const QVariant& value : values)
        query.addBindValue(value);
    query.addBindValue(limit < 0 ? -1 : limit); // SQLite: LIMIT -1 = no limit
    store::exec(query, m_path, doing);
    QList<Attempt> attempts;
    while (query.next())
        attempts.append(store::readAttempt(query));
    return attempts;
}

QList<Attempt> ProgressStore::recentAttempts(const QString& exercise, int limit) const
{
    return selectAttempts(QStringLiteral("exercise = ?"), {exercise}, limit);
}

QList<Attempt> ProgressStore::recentAttemptsSinceReset(const QString& exercise, int limit, Unheard unheard) const
{
    QString where = QStringLiteral("exercise = ? AND ") + store::answeredSinceResetSql();
    if (unheard == Unheard::Exclude)
        where += QStringLiteral(" AND heard = 1");
    return selectAttempts(where, {exercise, exercise}, limit);
}

QList<Attempt> ProgressStore::sessionAttempts(const QString& session) const
{
    if (session.isEmpty()) {
        requireOpen(QStringLiteral("Could not read past answers"));
        return {};
    }
    return selectAttempts(QStringLiteral("session = ?"), {session}, -1, /*oldestFirst=*/true);
}

int ProgressStore::attemptCount(const QString& exercise) const
{
    const QString doing = QStringLiteral("Could not count past answers");
    requireOpen(doing);
    QSqlQuery query = store::prepare(database(), m_path,
        QStringLiteral("SELECT count(*) FROM attempts WHERE exercise = ?"), doing);
    query.addBindValue(exercise);
    store::exec(query, m_path, doing);
    return query.next() ? query.value(0).toInt() : 0;
}

std::optional<SavedDifficulty> ProgressStore::savedDifficulty(const QString& exercise) const
{
    const QString doing = QStringLiteral("Could not read the saved difficulty");
    requireOpen(doing);
    return store::selectDifficulty(database(), m_path, exercise, doing);
}

void ProgressStore::saveDifficulty(const QString& exercise, int level, const QJsonObject& state)
{
    const QString doing = QStringLiteral("Could not save the difficulty");
    requireFileInPlace(doing);
    if (const QString invalid = store::whyInvalidDifficulty(exercise, state); !invalid.isEmpty())
        throw store::makeError(m_path, doing, invalid);
    // One statement is its own transaction in SQLite; no BEGIN needed.
    store::upsertDifficulty(database(), m_path, exercise, level, state, doing);
}

std::optional<int> ProgressStore::savedLevel(const QString& exercise) const
{
    const std::optional<SavedDifficulty> saved = savedDifficulty(exercise);
    if (!saved)
        return std::nullopt;
    return saved->level;
}

void ProgressStore::saveLevel(const QString& exercise, int level)
{
    saveDifficulty(exercise, level, {});
}

void ProgressStore::resetExercise(const QString& exercise, const QDateTime& at)
{
    const QString doing = QStringLiteral("Could not reset the exercise");
    requireFileInPlace(doing);
    if (exercise.isEmpty())
        throw store::makeError(m_path, doing, QStringLiteral("the reset names no exercise"));
    const QSqlDatabase db = database();
    store::Transaction transaction(db, m_path, doing);
    store::recordReset(db, m_path, exercise, at.isValid() ? at : QDateTime::currentDateTimeUtc(), doing);
    transaction.commit();
}

std::optional<QDateTime> ProgressStore::lastReset(const QString& exercise) const
{
    const QString doing = QStringLiteral("Could not read when the exercise was reset");
    requireOpen(doing);
    return store::selectLastReset(database(), m_path, exercise, doing);
}

} // namespace earlab
