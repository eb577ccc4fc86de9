#include "exercises/store_attempt_row.h"

#include "exercises/store_json.h"
#include "exercises/store_sql.h"

#include <QRegularExpression>
#include <QUuid>
#include <QVariant>

#include <cmath>

namespace earlab::store {

namespace {

bool knownMaterial(const QString& material)
{
    return material.isEmpty() || material == attempt_material::noise || material == attempt_material::builtin
        || material == attempt_material::music;
}

// Qt SQL binds a null QString (a default-constructed one) as NULL: an empty text column is ''.
QString text(const QString& value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QJsonObject objectOrEmpty(const QString& text)
{
    return parseObject(text).value_or(QJsonObject());
}

} // namespace

QString newAttemptUid()
{
    return QUuid::createUuid().toString(QUuid::Id128);
}

bool isAttemptUid(const QString& uid)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9a-f]{32}$"));
    return pattern.match(uid).hasMatch();
}

const QString& attemptColumns()
{
    static const QString columns = QStringLiteral(
        "id, exercise, level, seed, hidden, answer, score, correct, response_ms, source, answered_at,"
        " session, material, value, format, heard, uid");
    return columns;
}

Attempt readAttempt(const QSqlQuery& query)
{
    Attempt attempt;
    attempt.id = query.value(0).toLongLong();
    attempt.exercise = query.value(1).toString();
    attempt.level = query.value(2).toInt();
    attempt.seed = static_cast<quint64>(query.value(3).toLongLong());
    attempt.hidden = objectOrEmpty(query.value(4).toString());
    attempt.answer = objectOrEmpty(query.value(5).toString());
    attempt.score = query.value(6).toDouble();
    attempt.correct = query.value(7).toInt() != 0;
    attempt.responseMs = query.value(8).toInt();
    attempt.source = query.value(9).toString();
    attempt.answeredAt = QDateTime::fromString(query.value(10).toString(), Qt::ISODateWithMs);
    attempt.session = query.value(11).toString();
    attempt.material = query.value(12).toString();
    attempt.value = query.value(13).isNull() ? qQNaN() : query.value(13).toDouble();
    attempt.format = query.value(14).toInt();
    attempt.uid = query.value(16).toString();
    attempt.heard = query.value(15).toInt() != 0;
    return attempt;
}

QString whyInvalid(const Attempt& attempt)
{
    if (attempt.exercise.isEmpty())
        return QStringLiteral("the answer names no exercise");
    if (!(attempt.score >= 0.0 && attempt.score <= 1.0)) // also rejects NaN
        return QStringLiteral("score %1 is outside 0..1").arg(attempt.score);
    if (attempt.responseMs < 0)
        return QStringLiteral("negative response time %1 ms").arg(attempt.responseMs);
    if (!attempt.answeredAt.isValid())
        return QStringLiteral("the answer has no valid time");
    if (std::isinf(attempt.value)) // NaN is allowed: no staircase value
        return QStringLiteral("the staircase value is %1").arg(attempt.value);
    if (attempt.format < 1)
        return QStringLiteral("hidden/answer format %1 is not a version (1 or more)").arg(attempt.format);
    if (!attempt.uid.isEmpty() && !isAttemptUid(attempt.uid))
        return QStringLiteral("id '%1' is not 32 lowercase hexadecimal digits").arg(attempt.uid);
    if (!knownMaterial(attempt.material))
        return QStringLiteral("material '%1' is none of noise, builtin, music").arg(attempt.material);
    if (const QString at = nonFiniteAt(attempt.hidden); !at.isEmpty())
        return QStringLiteral("the hidden change's %1 is not a finite number").arg(at);
    if (const QString at = nonFiniteAt(attempt.answer); !at.isEmpty())
        return QStringLiteral("the answer's %1 is not a finite number").arg(at);
    return {};
}

QSqlQuery prepareInsertAttempt(const QSqlDatabase& db, const QString& path, const QString& doing)
{
    return prepare(db, path,
        QStringLiteral("INSERT INTO attempts (exercise, level, seed, hidden, answer, score, correct,"
                       " response_ms, source, answered_at, session, material, value, format, heard, uid)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        doing);
}

qint64 insertPreparedAttempt(QSqlQuery& insert, const QString& path, const Attempt& attempt, const QString& doing)
{
    insert.addBindValue(attempt.exercise);
    insert.addBindValue(attempt.level);
    // SQLite integers are signed 64-bit: keep the seed's bit pattern, cast back on read.
    insert.addBindValue(static_cast<qlonglong>(attempt.seed));
    insert.addBindValue(compactJson(attempt.hidden));
    insert.addBindValue(compactJson(attempt.answer));
    insert.addBindValue(attempt.score);
    insert.addBindValue(attempt.correct ? 1 : 0);
    insert.addBindValue(attempt.responseMs);
    insert.addBindValue(text(attempt.source));
    insert.addBindValue(isoUtc(attempt.answeredAt));
    insert.addBindValue(text(attempt.session));
    insert.addBindValue(text(attempt.material));
    insert.addBindValue(std::isnan(attempt.value) ? QVariant() : QVariant(attempt.value)); // NULL: a ladder
    insert.addBindValue(attempt.format);
    insert.addBindValue(attempt.heard ? 1 : 0);
    insert.addBindValue(attempt.uid.isEmpty() ? newAttemptUid() : attempt.uid);
    exec(insert, path, doing);
    const qint64 id = insert.lastInsertId().toLongLong();
    insert.finish();
    return id;
}

qint64 insertAttempt(const QSqlDatabase& db, const QString& path, const Attempt& attempt, const QString& doing)
{
    QSqlQuery insert = prepareInsertAttempt(db, path, doing);
    return insertPreparedAttempt(insert, path, attempt, doing);
}

} // namespace earlab::store
