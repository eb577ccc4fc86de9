#pragma once
// Where an exercise asks next, and how an answer moves it: a ladder of levels
// (difficulty_tracker.h: promote at 8 of 10 right, demote below 5) or a staircase on the
// exercise's quantity (staircase.h). Session and Home know only this class; the store keeps
// its level and state().

#include "exercises/difficulty_tracker.h"
#include "exercises/exercise.h"

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
    // state could not be used (it then starts afresh).
    static Difficulty resume(const Exercise& exercise, std::optional<int> savedLevel, const QJsonObject& savedState,
                             std::span<const PastAnswer> newestFirst, QString* problem = nullptr);
    // A fresh start at a chosen level (or, for a staircase, at that rung's value).
    static Difficulty startAt(const Exercise& exercise, int level);

    Setting setting() const;
    int level() const;
    // +1 when it got harder (promoted, or a staircase step down), -1 easier, 0 unchanged.
    int record(bool correct);
    QJsonObject state() const; // what the store keeps beside level(); {} for a ladder
    // "Level 3 of 8" for a ladder.
    QString text() const;

private:
    Difficulty(const Exercise& exercise, DifficultyTracker tracker);

    const Exercise* m_exercise;
    DifficultyTracker m_ladder;
};

} // namespace earlab
