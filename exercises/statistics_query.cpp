#include "exercises/statistics_query.h"

#include "exercises/store_sql.h"

#include <QVariant>

#include <cmath>

namespace earlab::statistics {

Scope makeScope(const QSqlDatabase& db, const QString& path, const StatisticsFilter& filter)
{
    Scope scope{db, path, {}, {}};
    scope.condition = attemptCondition(filter, scope.values);
    return scope;
}

QSqlQuery select(const Scope& scope, const QString& sql, const QVariantList& more)
{
    const QString doing = QStringLiteral("Could not compute the statistics");
    QSqlQuery query = store::prepare(scope.db, scope.path, sql.arg(scope.condition), doing);
    for (const QVariant& value : scope.values)
        query.addBindValue(value);
    for (const QVariant& value : more)
        query.addBindValue(value);
    store::exec(query, scope.path, doing);
    return query;
}

double realOrNaN(const QVariant& value)
{
    return value.isNull() ? std::nan("") : value.toDouble();
}

} // namespace earlab::statistics
