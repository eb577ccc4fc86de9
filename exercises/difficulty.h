#pragma once
// Where an exercise asks next, and how an answer moves it: a ladder of levels
// (difficulty_tracker.h: promote at 8 of 10 right, demote below 5) or a staircase on the
// exercise's quantity (staircase.h: 3-down/1-up, the threshold with its 95 % interval).
// Session and Home know only this class; the store keeps its level and state().
//
// A staircase exercise's rule comes from its rungs (Exercise::levels(), easiest first): it
// starts at the first rung's value and runs down to the last's, in Exercise::unit(), with
// staircase.h's documented steps and stopping rule.

#include "exercises/difficulty_tracker.h"
#include "exercises/exercise.h"
#include "exercises/staircase.h"

#include <QJsonObject>

#include <optional>
#include <span>
#include <variant>

namespace earlab {

class Difficulty {
public:
    // Picks up where the store left the exercise: `savedLevel` (none: level 1) and
    // `savedState` (a staircase's JSON), with the answers since the last reset, newest first
    // (a ladder resumes its window from them). `problem`, when given, receives why a saved
    // state could not be used (it then starts afresh at the saved level's rung).
    static Difficulty resume(const Exercise& exercise, std::optional<int> savedLevel, const QJsonObject& savedState,
                             std::span<const PastAnswer> newestFirst, QString* problem = nullptr);
    // A fresh start at a chosen level (for a staircase, at that rung's value).
    static Difficulty startAt(const Exercise& exercise, int level);
    // A staircase's rule for an exercise (its rungs and unit); none for a ladder.
    static std::optional<StaircaseRule> ruleFor(const Exercise& exercise);

    bool isStaircase() const { return std::holds_alternative<Staircase>(m_state); }
    Setting setting() const;
    int level() const; // for a staircase, the rung its value has reached
    // +1 when it got harder (promoted, or a staircase step down), -1 easier, 0 unchanged.
    int record(bool correct);
    QJsonObject state() const; // what the store keeps beside level(); {} for a ladder
    // A staircase's threshold so far (not ready until enough reversals); none for a ladder.
    std::optional<ThresholdEstimate> threshold() const;
    // The lowest ready threshold this exercise has reached (kept in state()), if any.
    std::optional<ThresholdEstimate> bestThreshold() const { return m_best; }
    // "Level 3 of 8" for a ladder; "2.0 dB" for a staircase.
    QString text() const;

private:
    Difficulty(const Exercise& exercise, std::variant<DifficultyTracker, Staircase> state);

    const Exercise* m_exercise;
    std::variant<DifficultyTracker, Staircase> m_state;
    std::optional<ThresholdEstimate> m_best;
};

// state() of a staircase: {"staircase": Staircase::toJson(), "best": {"value", "low", "high"}}.

// A value in an exercise's unit, as the UI writes it: "0.8 dB", "12 %".
QString formatValue(double value, const QString& unit);

} // namespace earlab
