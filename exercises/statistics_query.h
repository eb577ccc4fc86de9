#pragma once
// How the statistics' queries run (progress_statistics.cpp, answer_tendencies.cpp): each is
// one aggregate SELECT over the answers a StatisticsFilter selects.

#include "exercises/statistics_filter.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

namespace earlab::statistics {

// The filtered answers of one database: the SQL condition and its values.
struct Scope {
    QSqlDatabase db;
    QString path; // for error messages
    QString condition;
    QVariantList values;
};

Scope makeScope(const QSqlDatabase& db, const QString& path, const StatisticsFilter& filter);

// Runs `sql`, where %1 stands for the scope's condition, binding the condition's values and
// then `more` (for placeholders after the condition). Throws StoreError naming the file.
QSqlQuery select(const Scope& scope, const QString& sql, const QVariantList& more = {});

// A number from a row: NaN for NULL (an average of nothing).
double realOrNaN(const QVariant& value);

} // namespace earlab::statistics
