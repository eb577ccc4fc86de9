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
    // since's own setter emits filterChanged and refreshes; a range of 0 clears it.
    const QDateTime since = days > 0 ? QDateTime::currentDateTimeUtc().addDays(-days) : QDateTime();
    if (since == m_filter.since) {
        emit filterChanged();
        return;
    }
    setSince(since);
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
void StatisticsModel::setSince(const QDateTime& at) { setFilter(m_filter.since, at); }
void StatisticsModel::setUntil(const QDateTime& at) { setFilter(m_filter.until, at); }

void StatisticsModel::refresh()
{
    try {
        m_summary = statisticsToJson(progressStatistics(*m_store, m_filter)).toVariantMap();
        m_problem.clear();
    } catch (const StoreError& e) {
        // The page says why instead of showing numbers that are not there.
        m_summary.clear();
        m_problem = e.message();
    }
    emit changed();
}

} // namespace earlab::app
