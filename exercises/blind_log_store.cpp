#include "exercises/blind_log_store.h"

#include "exercises/store_json.h"
#include "exercises/store_sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QLocale>
#include <QSqlDatabase>
#include <QVariant>

#include <stdexcept>

namespace earlab {

namespace {

const QString kListColumns =
    QStringLiteral("id, saved_at, mode, planned_trials, n, k, p_value, files, log_sha256");

// The listed columns as the log's JSON gives them (id and savedAt are the row's own).
StoredBlindLog columnsOf(const QJsonObject& json)
{
    StoredBlindLog columns;
    columns.mode = json.value(QLatin1String("mode")).toString();
    columns.plannedTrials = json.value(QLatin1String("planned_trials")).toInt();
    columns.n = json.value(QLatin1String("n")).toInt();
    columns.k = json.value(QLatin1String("k")).toInt();
    const QJsonValue p = json.value(QLatin1String("p_value"));
    if (p.isDouble())
        columns.pValue = p.toDouble();
    for (const QJsonValue& item : json.value(QLatin1String("items")).toArray())
        columns.files << item.toObject().value(QLatin1String("file")).toString();
    columns.logSha256 = json.value(QLatin1String("log_sha256")).toString();
    return columns;
}

QString filesToJson(const QStringList& files)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(files)).toJson(QJsonDocument::Compact));
}

QStringList filesFromJson(const QString& text)
{
    QStringList files;
    for (const QJsonValue& file : QJsonDocument::fromJson(text.toUtf8()).array())
        files << file.toString();
    return files;
}

QString describePValue(const std::optional<double>& p)
{
    return p ? QString::number(*p, 'g', QLocale::FloatingPointShortest) : QStringLiteral("null");
}

// What of the row `stored` differs from its JSON `json`, one clause each; empty when the
// JSON's log_sha256 matches the rest of it and every listed column matches the JSON.
QStringList alterations(const StoredBlindLog& stored, const QJsonObject& json)
{
    QStringList found;
    const StoredBlindLog fromJson = columnsOf(json);
    const QString computed = blindLogSha256(json);
    if (fromJson.logSha256 != computed)
        found << QStringLiteral("its log_sha256 %1 does not match its contents (%2)").arg(fromJson.logSha256, computed);
    auto differs = [&](const char* column, const QString& inRow, const QString& inJson) {
        if (inRow != inJson)
            found << QStringLiteral("the %1 column (%2) does not match the log's (%3)")
                         .arg(QLatin1String(column), inRow, inJson);
    };
    differs("mode", stored.mode, fromJson.mode);
    differs("planned_trials", QString::number(stored.plannedTrials), QString::number(fromJson.plannedTrials));
    differs("n", QString::number(stored.n), QString::number(fromJson.n));
    differs("k", QString::number(stored.k), QString::number(fromJson.k));
    if (stored.pValue != fromJson.pValue) // exact: both were written from the same double
        differs("p_value", describePValue(stored.pValue), describePValue(fromJson.pValue));
    differs("files", filesToJson(stored.files), filesToJson(fromJson.files));
    differs("log_sha256", stored.logSha256, fromJson.logSha256);
    return found;
}

StoredBlindLog readColumns(const QSqlQuery& query)
{
    StoredBlindLog row;
    row.id = query.value(0).toLongLong();
    row.savedAt = QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs);
    row.mode = query.value(2).toString();
    row.plannedTrials = query.value(3).toInt();
    row.n = query.value(4).toInt();
    row.k = query.value(5).toInt();
    if (!query.value(6).isNull())
        row.pValue = query.value(6).toDouble();
    row.files = filesFromJson(query.value(7).toString());
    row.logSha256 = query.value(8).toString();
    return row;
}

} // namespace

BlindLogStore::BlindLogStore(ProgressStore& store)
    : m_store(store)
{
}

QString BlindLogStore::databasePath() const
{
    return m_store.path();
}

QSqlDatabase BlindLogStore::database(const QString& doing) const
{
    return m_store.sharedDatabase(doing);
}

qint64 BlindLogStore::save(const BlindLog& log, const QDateTime& savedAt)
{
    const QString doing = QStringLiteral("Could not save the blind test log");
    m_store.requireFileInPlace(doing);
    const QSqlDatabase db = database(doing);
    store::Transaction transaction(db, databasePath(), doing);
    const qint64 id = insertBlindLog(db, databasePath(), log, savedAt, doing);
    transaction.commit();
    return id;
}

qint64 insertBlindLog(const QSqlDatabase& db, const QString& path, const BlindLog& log, const QDateTime& savedAt,
                      const QString& doing)
{
    QJsonObject object;
    try {
        object = log.toJson();
    } catch (const std::invalid_argument& error) {
        // "blind log: items[1].gain_db is not a finite number": JSON cannot hold it.
        throw store::makeError(path, doing, QString::fromStdString(error.what()));
    }
    const QString text = store::compactJson(object);
    // The columns come from the text as it will be read back, and the text must verify as
    // load() will check it: a log that could not be loaded intact is not stored at all.
    const std::optional<QJsonObject> stored = store::parseObject(text);
    if (!stored)
        throw store::makeError(path, doing, QStringLiteral("its JSON does not parse back"));
    const StoredBlindLog columns = columnsOf(*stored);
    if (const QStringList wrong = alterations(columns, *stored); !wrong.isEmpty())
        throw store::makeError(path, doing, QStringLiteral("its JSON does not read back as written: ") + wrong.join("; "));

    QSqlQuery insert = store::prepare(db, path,
        QStringLiteral("INSERT INTO blind_logs (saved_at, mode, planned_trials, n, k, p_value, files, log_sha256,"
                       " log_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        doing);
    insert.addBindValue(store::isoUtc(savedAt.isValid() ? savedAt : QDateTime::currentDateTimeUtc()));
    insert.addBindValue(columns.mode);
    insert.addBindValue(columns.plannedTrials);
    insert.addBindValue(columns.n);
    insert.addBindValue(columns.k);
    insert.addBindValue(columns.pValue ? QVariant(*columns.pValue) : QVariant(QMetaType(QMetaType::Double)));
    insert.addBindValue(filesToJson(columns.files));
    insert.addBindValue(columns.logSha256);
    insert.addBindValue(text);
    store::exec(insert, path, doing);
    const qint64 id = insert.lastInsertId().toLongLong();
    insert.finish();
    return id;
}

QList<StoredBlindLog> BlindLogStore::list(int limit) const
{
    const QString doing = QStringLiteral("Could not read the blind test logs");
    const QSqlDatabase db = database(doing);
    QSqlQuery query = store::prepare(db, databasePath(),
        QStringLiteral("SELECT %1 FROM blind_logs ORDER BY saved_at DESC, id DESC LIMIT ?").arg(kListColumns), doing);
    query.addBindValue(limit < 0 ? -1 : limit); // SQLite: LIMIT -1 = no limit
    store::exec(query, databasePath(), doing);
    QList<StoredBlindLog> rows;
    while (query.next())
        rows.append(readColumns(query));
    return rows;
}

std::optional<BlindLog> BlindLogStore::load(qint64 id, QString* problem) const
{
    const QString doing = QStringLiteral("Could not read blind test log %1").arg(id);
    const QSqlDatabase db = database(doing);
    QSqlQuery query = store::prepare(db, databasePath(),
        QStringLiteral("SELECT %1, log_json FROM blind_logs WHERE id = ?").arg(kListColumns), doing);
    query.addBindValue(id);
    store::exec(query, databasePath(), doing);
    auto fail = [&](const QString& why) -> std::optional<BlindLog> {
        if (problem)
            *problem = QStringLiteral("Blind test log %1 in %2 %3.").arg(id).arg(store::describeDatabase(databasePath()), why);
        return std::nullopt;
    };
    if (!query.next())
        return fail(QStringLiteral("does not exist"));
    const StoredBlindLog row = readColumns(query);
    const std::optional<QJsonObject> json = store::parseObject(query.value(9).toString());
    if (!json)
        return fail(QStringLiteral("is not a JSON object any more: the database was edited"));
    QString unreadable;
    std::optional<BlindLog> log = BlindLog::fromJson(*json, &unreadable);
    if (!log)
        return fail(QStringLiteral("is not a blind log this version can read (%1)").arg(unreadable));
    if (const QStringList wrong = alterations(row, *json); !wrong.isEmpty())
        return fail(QStringLiteral("was altered after it was saved: %1").arg(wrong.join(QStringLiteral("; "))));
    if (problem)
        problem->clear();
    return log;
}

QByteArray BlindLogStore::json(qint64 id) const
{
    const QString doing = QStringLiteral("Could not read blind test log %1").arg(id);
    const QSqlDatabase db = database(doing);
    QSqlQuery query = store::prepare(db, databasePath(), QStringLiteral("SELECT log_json FROM blind_logs WHERE id = ?"),
                                     doing);
    query.addBindValue(id);
    store::exec(query, databasePath(), doing);
    if (!query.next())
        throw store::makeError(databasePath(), doing, QStringLiteral("there is no such log"));
    return query.value(0).toString().toUtf8();
}

void BlindLogStore::remove(qint64 id)
{
    const QString doing = QStringLiteral("Could not delete blind test log %1").arg(id);
    m_store.requireFileInPlace(doing);
    // One statement is its own transaction in SQLite.
    QSqlQuery query = store::prepare(database(doing), databasePath(),
                                     QStringLiteral("DELETE FROM blind_logs WHERE id = ?"), doing);
    query.addBindValue(id);
    store::exec(query, databasePath(), doing);
}

} // namespace earlab
