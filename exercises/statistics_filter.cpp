#include "exercises/statistics_filter.h"

#include "exercises/store_sql.h"

#include <QStringList>

namespace earlab {

QString attemptCondition(const StatisticsFilter& filter, QVariantList& values)
{
    QStringList parts{QStringLiteral("heard = 1")};
    // answered_at is fixed-width ISO 8601 UTC text (store_schema.cpp): text order is time
    // order, so the range compares text and attempts_by_time serves it.
    if (filter.since.isValid()) {
        parts << QStringLiteral("answered_at >= ?");
        values << store::isoUtc(filter.since);
    }
    if (filter.until.isValid()) {
        parts << QStringLiteral("answered_at < ?");
        values << store::isoUtc(filter.until);
    }
    if (!filter.exercise.isEmpty()) {
        parts << QStringLiteral("exercise = ?");
        values << filter.exercise;
    }
    if (!filter.material.isEmpty()) {
        parts << QStringLiteral("material = ?");
        values << filter.material;
    }
    if (!filter.genre.isEmpty()) {
        // The app writes a library file's source as "file:" + its library path
        // (app/src/library_entry.h), so the genre's files give the sources to count.
        parts << QStringLiteral("source IN (SELECT 'file:' || path FROM library_items"
                                " WHERE genre = ? COLLATE NOCASE)");
        values << filter.genre;
    }
    return parts.join(QStringLiteral(" AND "));
}

QDateTime lastDaysStart(int days, const QDateTime& now)
{
    if (days <= 0)
        return {};
    const QDate first = now.toLocalTime().date().addDays(-(days - 1));
    return first.startOfDay().toUTC();
}

} // namespace earlab
