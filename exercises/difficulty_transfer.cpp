#include "exercises/difficulty_transfer.h"

#include "exercises/store_difficulty.h"
#include "exercises/store_json.h"
#include "exercises/store_sql.h"
#include "exercises/transfer_format.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <cmath>

namespace earlab::transfer {

namespace {

const QString kReading = QStringLiteral("Could not read the saved difficulties for the export");

QByteArray compactArray(const QJsonArray& array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

// The entry's member `key` as the kind asked for, or the refusal naming `where`.
struct Entry {
    const QJsonValue& value;
    const QString& source;
    QString where;

    QJsonObject object() const
    {
        if (!value.isObject())
            refuseEntry(source, where, QStringLiteral("not a JSON object"));
        return value.toObject();
    }
    QString text(const QJsonObject& entry, const char* key) const
    {
        const QJsonValue member = entry.value(QLatin1String(key));
        if (!member.isString() || member.toString().isEmpty())
            refuseEntry(source, where, QStringLiteral("%1 is missing or not a text").arg(QLatin1String(key)));
        return member.toString();
    }
    QDateTime time(const QJsonObject& entry, const char* key) const
    {
        const QString cell = text(entry, key);
        const std::optional<QDateTime> time = parseTransferTime(cell);
        if (!time)
            refuseEntry(source, where, QStringLiteral("%1 '%2' is not an ISO 8601 time with a zone (e.g. %3)")
                                           .arg(QLatin1String(key), cell, QLatin1String(kTransferTimeExample)));
        return *time;
    }
};

} // namespace

QByteArray difficultiesJson(const QSqlDatabase& db, const QString& path)
{
    QSqlQuery query = store::exec(db, path,
        QStringLiteral("SELECT exercise, level, state, updated_at FROM exercise_state ORDER BY exercise"), kReading);
    QJsonArray entries;
    while (query.next()) {
        const std::optional<QJsonObject> state = store::parseObject(query.value(2).toString());
        if (!state)
            throw store::makeError(path, kReading,
                                   QStringLiteral("the saved state of %1 is not a JSON object").arg(query.value(0).toString()));
        entries.append(QJsonObject{{QStringLiteral("exercise"), query.value(0).toString()},
                                   {QStringLiteral("level"), query.value(1).toInt()},
                                   {QStringLiteral("state"), *state},
                                   {QStringLiteral("updated_at"), query.value(3).toString()}});
    }
    return compactArray(entries);
}

QByteArray resetsJson(const QSqlDatabase& db, const QString& path)
{
    QSqlQuery query = store::exec(db, path,
        QStringLiteral("SELECT exercise, reset_at FROM exercise_resets ORDER BY reset_at, exercise"), kReading);
    QJsonArray entries;
    while (query.next())
        entries.append(QJsonObject{{QStringLiteral("exercise"), query.value(0).toString()},
                                   {QStringLiteral("reset_at"), query.value(1).toString()}});
    return compactArray(entries);
}

int importDifficulties(const ImportTransaction& into, const QJsonArray& entries, const QString& source)
{
    // INSERT OR IGNORE: exercise is the primary key, so a difficulty already saved stays.
    QSqlQuery insert = store::prepare(into.database(), into.path(),
        QStringLiteral("INSERT OR IGNORE INTO exercise_state (exercise, level, updated_at, state) VALUES (?, ?, ?, ?)"),
        into.doing());
    int added = 0;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonValue value = entries.at(i);
        const Entry entry{value, source, QStringLiteral("difficulties[%1]").arg(i)};
        const QJsonObject object = entry.object();
        const QString exercise = entry.text(object, "exercise");
        const double level = object.value(QLatin1String("level")).toDouble(qQNaN());
        if (!(std::floor(level) == level && std::abs(level) <= 1e9))
            refuseEntry(source, entry.where, QStringLiteral("level is missing or not a whole number"));
        if (!object.value(QLatin1String("state")).isObject())
            refuseEntry(source, entry.where, QStringLiteral("state is missing or not a JSON object"));
        const QJsonObject state = object.value(QLatin1String("state")).toObject();
        if (const QString why = store::whyInvalidDifficulty(exercise, state); !why.isEmpty())
            refuseEntry(source, entry.where, why);
        insert.addBindValue(exercise);
        insert.addBindValue(int(level));
        insert.addBindValue(store::isoUtc(entry.time(object, "updated_at")));
        insert.addBindValue(store::compactJson(state));
        store::exec(insert, into.path(), into.doing());
        added += insert.numRowsAffected() > 0 ? 1 : 0;
    }
    return added;
}

int importResets(const ImportTransaction& into, const QJsonArray& entries, const QString& source)
{
    QSqlQuery insert = store::prepare(into.database(), into.path(),
        QStringLiteral("INSERT INTO exercise_resets (exercise, reset_at) SELECT ?, ?"
                       " WHERE NOT EXISTS (SELECT 1 FROM exercise_resets WHERE exercise = ? AND reset_at = ?)"),
        into.doing());
    int added = 0;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonValue value = entries.at(i);
        const Entry entry{value, source, QStringLiteral("resets[%1]").arg(i)};
        const QJsonObject object = entry.object();
        const QString exercise = entry.text(object, "exercise");
        const QString at = store::isoUtc(entry.time(object, "reset_at"));
        for (const QString& bound : {exercise, at, exercise, at})
            insert.addBindValue(bound);
        store::exec(insert, into.path(), into.doing());
        added += insert.numRowsAffected() > 0 ? 1 : 0;
    }
    return added;
}

} // namespace earlab::transfer
