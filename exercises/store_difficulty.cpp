#include "exercises/store_difficulty.h"

#include "exercises/store_json.h"
#include "exercises/store_sql.h"

namespace earlab::store {

QString whyInvalidDifficulty(const QString& exercise, const QJsonObject& state)
{
    if (exercise.isEmpty())
        return QStringLiteral("the difficulty names no exercise");
    if (const QString at = nonFiniteAt(state); !at.isEmpty())
        return QStringLiteral("the difficulty state's %1 is not a finite number").arg(at);
    return {};
}

void upsertDifficulty(const QSqlDatabase& db, const QString& path, const QString& exercise, int level,
                      const QJsonObject& state, const QString& doing)
{
    QSqlQuery query = prepare(db, path,
        QStringLiteral("INSERT INTO exercise_state (exercise, level, updated_at, state) VALUES (?, ?, ?, ?)"
                       " ON CONFLICT(exercise) DO UPDATE SET level = excluded.level,"
                       " updated_at = excluded.updated_at, state = excluded.state"),
        doing);
    query.addBindValue(exercise);
    query.addBindValue(level);
    query.addBindValue(isoUtc(QDateTime::currentDateTimeUtc()));
    query.addBindValue(compactJson(state));
    exec(query, path, doing);
}

std::optional<SavedDifficulty> selectDifficulty(const QSqlDatabase& db, const QString& path,
                                                const QString& exercise, const QString& doing)
{
    QSqlQuery query = prepare(db, path,
        QStringLiteral("SELECT level, state, updated_at FROM exercise_state WHERE exercise = ?"), doing);
    query.addBindValue(exercise);
    exec(query, path, doing);
    if (!query.next())
        return std::nullopt;
    SavedDifficulty saved;
    saved.level = query.value(0).toInt();
    const QString text = query.value(1).toString();
    const std::optional<QJsonObject> state = parseObject(text);
    if (!state)
        throw makeError(path, doing,
                        QStringLiteral("the saved state of %1 is not a JSON object (%2)").arg(exercise, text.left(80)));
    saved.state = *state;
    saved.updatedAt = QDateTime::fromString(query.value(2).toString(), Qt::ISODateWithMs);
    return saved;
}

void recordReset(const QSqlDatabase& db, const QString& path, const QString& exercise, const QDateTime& at,
                 const QString& doing)
{
    QSqlQuery drop = prepare(db, path, QStringLiteral("DELETE FROM exercise_state WHERE exercise = ?"), doing);
    drop.addBindValue(exercise);
    exec(drop, path, doing);
    QSqlQuery mark = prepare(db, path,
        QStringLiteral("INSERT INTO exercise_resets (exercise, reset_at) VALUES (?, ?)"), doing);
    mark.addBindValue(exercise);
    mark.addBindValue(isoUtc(at));
    exec(mark, path, doing);
}

std::optional<QDateTime> selectLastReset(const QSqlDatabase& db, const QString& path, const QString& exercise,
                                         const QString& doing)
{
    QSqlQuery query = prepare(db, path,
        QStringLiteral("SELECT max(reset_at) FROM exercise_resets WHERE exercise = ?"), doing);
    query.addBindValue(exercise);
    exec(query, path, doing);
    if (!query.next() || query.value(0).isNull())
        return std::nullopt;
    return QDateTime::fromString(query.value(0).toString(), Qt::ISODateWithMs);
}

const QString& answeredSinceResetSql()
{
    // answered_at and reset_at are both isoUtc() text: fixed width, so text order is time
    // order. An answer given in the very millisecond of the reset counts as before it.
    static const QString sql = QStringLiteral(
        "answered_at > coalesce((SELECT max(reset_at) FROM exercise_resets WHERE exercise = ?), '')");
    return sql;
}

} // namespace earlab::store
