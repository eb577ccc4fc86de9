#pragma once
// JSON as the progress store keeps it: compact text of one object. JSON has no infinity or
// NaN, and Qt writes both as null without a word, so the store refuses them instead of
// keeping a silently different value.

#include <QJsonObject>
#include <QString>

#include <optional>

namespace earlab::store {

QString compactJson(const QJsonObject& object);

// The object `text` holds; nothing if it is not JSON or not an object.
std::optional<QJsonObject> parseObject(const QString& text);

// Where the first non-finite number sits ("gain_db", "reversals[2]", "a.b"), or empty if
// every number is finite.
QString nonFiniteAt(const QJsonObject& object);

} // namespace earlab::store
