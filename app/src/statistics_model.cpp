#include "statistics_model.h"

#include "exercises/progress_statistics.h"
#include "exercises/progress_store.h"
#include "exercises/statistics_json.h"

#include <algorithm>

namespace earlab::app {

StatisticsModel::StatisticsModel(ProgressStore& store, QObject* parent) : QObject(parent), m_store(&store) {}

void StatisticsModel::setStore(ProgressStore& store)
{
    m_store = &store;
    refresh();
}

void StatisticsModel::setRangeDays(int days)
{
    days = std::max(0, days);
    if (days == m_rangeDays)
        return;
    m_rangeDays = days;
    // refresh() sets since from the range; a range of 0 clears it.
    if (days == 0)
        m_filter.since = {};
    emit filterChanged();
    refresh();
}

void StatisticsModel::setClock(std::function<QDateTime()> now)
{
    m_now = std::move(now);
}

double StatisticsModel::practiceSince(const QDate& first) const
{
    const QString from = first.toString(Qt::ISODate);
    double seconds = 0;
    for (const QVariant& day : days()) {
        const QVariantMap d = day.toMap();
        if (d.value(QStringLiteral("date")).toString() >= from)
            seconds += d.value(QStringLiteral("practice_s")).toDouble();
    }
    return seconds;
}

template <typename T>
void StatisticsModel::setFilter(T& field, const T& value)
{
    if (field == value)
        return;
    field = value;
    emit filterChanged();
    refresh();
}

void StatisticsModel::setExercise(const QString& id) { setFilter(m_filter.exercise, id); }
void StatisticsModel::setMaterial(const QString& material) { setFilter(m_filter.material, material); }
void StatisticsModel::setGenre(const QString& genre) { setFilter(m_filter.genre, genre); }
void StatisticsModel::setSince(const QDateTime& at)
{
    m_rangeDays = 0; // an explicit start replaces the page's range
    setFilter(m_filter.since, at);
}
void StatisticsModel::setUntil(const QDateTime& at) { setFilter(m_filter.until, at); }

void StatisticsModel::refresh()
{
    const QDateTime now = m_now();
    const QDate today = now.toLocalTime().date();
    if (m_rangeDays > 0)
        m_filter.since = lastDaysStart(m_rangeDays, now); // a new day moves the range on
    try {
        m_summary = statisticsToJson(progressStatistics(*m_store, m_filter, today)).toVariantMap();
        m_problem.clear();
    } catch (const StoreError& e) {
        // The page says why instead of showing numbers that are not there.
        m_summary.clear();
        m_problem = e.message();
    }
    m_todayPracticeS = practiceSince(today);
    m_weekPracticeS = practiceSince(today.addDays(-6));
    emit changed();
}

} // namespace earlab::app
