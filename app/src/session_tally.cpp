#include "app/src/session_tally.h"

#include <QVariantMap>

#include <algorithm>
#include <numeric>

namespace earlab::app {

void SessionTally::clear()
{
    *this = SessionTally();
}

void SessionTally::add(const Grade& grade, int responseMs)
{
    m_scores.push_back(grade.score);
    m_responses.push_back(responseMs);
    m_correct += grade.correct ? 1 : 0;
    if (grade.category.isEmpty())
        return;
    Hits& hits = m_categories[{grade.categoryOrder, grade.category}];
    hits.label = grade.categoryLabel.isEmpty() ? grade.category : grade.categoryLabel;
    hits.correct += grade.correct ? 1 : 0;
    hits.asked += 1;
}

void SessionTally::difficultyChanged(int question, const QString& from, const QString& to)
{
    if (m_path.isEmpty())
        m_path << from;
    m_path << QStringLiteral("(q%1) %2").arg(question).arg(to);
}

double SessionTally::averageScore() const
{
    if (m_scores.empty())
        return 0;
    return std::accumulate(m_scores.begin(), m_scores.end(), 0.0) / double(m_scores.size());
}

double SessionTally::medianResponseSeconds() const
{
    if (m_responses.empty())
        return 0;
    auto v = m_responses;
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
    return v[v.size() / 2] / 1000.0;
}

QVariantList SessionTally::categories() const
{
    QVariantList out;
    for (const auto& [key, hits] : m_categories)
        out.append(QVariantMap{{"label", hits.label}, {"correct", hits.correct}, {"asked", hits.asked}});
    return out;
}

QString SessionTally::path() const
{
    return m_path.join(QStringLiteral(" → "));
}

} // namespace earlab::app
