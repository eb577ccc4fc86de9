#include "exercises/store_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <cmath>

namespace earlab::store {

namespace {

QString nonFiniteAt(const QJsonValue& value, const QString& at);

QString nonFiniteInArray(const QJsonArray& array, const QString& at)
{
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString found = nonFiniteAt(array.at(i), QStringLiteral("%1[%2]").arg(at).arg(i));
        if (!found.isEmpty())
            return found;
    }
    return {};
}

QString nonFiniteInObject(const QJsonObject& object, const QString& at)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString found = nonFiniteAt(it.value(), at.isEmpty() ? it.key() : at + QLatin1Char('.') + it.key());
        if (!found.isEmpty())
            return found;
    }
    return {};
}

QString nonFiniteAt(const QJsonValue& value, const QString& at)
{
    if (value.isDouble())
        return std::isfinite(value.toDouble()) ? QString() : at;
    if (value.isArray())
        return nonFiniteInArray(value.toArray(), at);
    if (value.isObject())
        return nonFiniteInObject(value.toObject(), at);
    return {};
}

} // namespace

QString compactJson(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

std::optional<QJsonObject> parseObject(const QString& text)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

QString nonFiniteAt(const QJsonObject& object)
{
    return nonFiniteInObject(object, QString());
}

} // namespace earlab::store
