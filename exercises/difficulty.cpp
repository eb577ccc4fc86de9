#include "exercises/difficulty.h"

#include <algorithm>
#include <cmath>

namespace earlab {

QString formatValue(double value, const QString& unit)
{
    // Two significant digits below 10, whole numbers above: "0.12 dB", "2.5 dB", "12 dB".
    const int decimals = value >= 10 ? 0 : value >= 1 ? 1 : 2;
    const QString number = QString::number(value, 'f', decimals);
    return unit.isEmpty() ? number : number + (unit == QLatin1String("%") ? QString() : QStringLiteral(" ")) + unit;
}

Difficulty::Difficulty(const Exercise& exercise, std::variant<DifficultyTracker, Staircase> state)
    : m_exercise(&exercise), m_state(std::move(state))
{
}

std::optional<StaircaseRule> Difficulty::ruleFor(const Exercise& exercise)
{
    if (exercise.difficultyKind() != DifficultyKind::Staircase || exercise.levels().empty())
        return std::nullopt;
    StaircaseRule rule;
    rule.unit = exercise.unit();
    rule.easiest = exercise.levels().front().value;
    rule.start = rule.easiest;
    rule.hardest = exercise.levels().back().value;
    return rule;
}

Difficulty Difficulty::resume(const Exercise& exercise, std::optional<int> savedLevel, const QJsonObject& savedState,
                              std::span<const PastAnswer> newestFirst, QString* problem)
{
    const int level = std::clamp(savedLevel.value_or(1), 1, exercise.levelCount());
    if (const auto rule = ruleFor(exercise)) {
        if (savedState.isEmpty())
            return startAt(exercise, level);
        QString why;
        Staircase s = Staircase::fromJson(*rule, savedState.value("staircase").toObject(), &why);
        Difficulty d = why.isEmpty() ? Difficulty(exercise, std::move(s)) : startAt(exercise, level);
        if (!why.isEmpty() && problem)
            *problem = why;
        // The best threshold outlives a staircase that had to start again.
        const QJsonObject best = savedState.value("best").toObject();
        const double value = best.value("value").toDouble(-1);
        if (value > 0) {
            ThresholdEstimate t;
            t.ready = true;
            t.value = value;
            t.low = best.value("low").toDouble(value);
            t.high = best.value("high").toDouble(value);
            t.unit = rule->unit;
            d.m_best = t;
        }
        return d;
    }
    return Difficulty(exercise, DifficultyTracker::resume(exercise.levelCount(), level, newestFirst));
}

Difficulty Difficulty::startAt(const Exercise& exercise, int level)
{
    level = std::clamp(level, 1, exercise.levelCount());
    if (const auto rule = ruleFor(exercise))
        return Difficulty(exercise, Staircase(*rule, exercise.level(level).value));
    return Difficulty(exercise, DifficultyTracker(exercise.levelCount(), level));
}

Setting Difficulty::setting() const
{
    if (const auto* s = std::get_if<Staircase>(&m_state))
        return {m_exercise->levelForValue(s->value()), s->value()};
    return {std::get<DifficultyTracker>(m_state).level()};
}

int Difficulty::level() const
{
    return setting().level;
}

int Difficulty::record(bool correct)
{
    const int change = std::visit([correct](auto& d) { return d.record(correct); }, m_state);
    if (const auto now = threshold(); now && now->ready && (!m_best || now->value < m_best->value))
        m_best = now;
    return change;
}

QJsonObject Difficulty::state() const
{
    const auto* s = std::get_if<Staircase>(&m_state);
    if (!s)
        return {};
    QJsonObject state{{"staircase", s->toJson()}};
    if (m_best)
        state.insert("best", QJsonObject{{"value", m_best->value}, {"low", m_best->low}, {"high", m_best->high}});
    return state;
}

std::optional<ThresholdEstimate> Difficulty::threshold() const
{
    if (const auto* s = std::get_if<Staircase>(&m_state))
        return s->estimate();
    return std::nullopt;
}

QString Difficulty::text() const
{
    if (const auto* s = std::get_if<Staircase>(&m_state))
        return formatValue(s->value(), s->rule().unit);
    return QString("Level %1 of %2").arg(std::get<DifficultyTracker>(m_state).level()).arg(m_exercise->levelCount());
}

} // namespace earlab
