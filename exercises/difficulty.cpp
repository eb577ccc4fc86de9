#include "exercises/difficulty.h"

#include <algorithm>

namespace earlab {

Difficulty::Difficulty(const Exercise& exercise, DifficultyTracker tracker)
    : m_exercise(&exercise), m_ladder(std::move(tracker))
{
}

Difficulty Difficulty::resume(const Exercise& exercise, std::optional<int> savedLevel, const QJsonObject&,
                              std::span<const PastAnswer> newestFirst, QString*)
{
    const int level = std::clamp(savedLevel.value_or(1), 1, exercise.levelCount());
    return Difficulty(exercise, DifficultyTracker::resume(exercise.levelCount(), level, newestFirst));
}

Difficulty Difficulty::startAt(const Exercise& exercise, int level)
{
    return Difficulty(exercise, DifficultyTracker(exercise.levelCount(), level));
}

Setting Difficulty::setting() const
{
    return {m_ladder.level()};
}

int Difficulty::level() const
{
    return m_ladder.level();
}

int Difficulty::record(bool correct)
{
    return m_ladder.record(correct);
}

QJsonObject Difficulty::state() const
{
    return {};
}

QString Difficulty::text() const
{
    return QString("Level %1 of %2").arg(m_ladder.level()).arg(m_exercise->levelCount());
}

} // namespace earlab
