#pragma once
// The exercises EarLab offers, in Home's order: an explicit list the app (and earlab-cli)
// owns, not a string-keyed global registry. Tests build their own, with test-only exercises.

#include "exercises/exercise.h"

#include <memory>
#include <vector>

namespace earlab {

class ExerciseCatalogue {
public:
    ExerciseCatalogue() = default;
    ExerciseCatalogue(ExerciseCatalogue&&) = default;
    ExerciseCatalogue& operator=(ExerciseCatalogue&&) = default;

    // Every exercise of the app, in the order Home lists them.
    static ExerciseCatalogue standard();

    // Ids must be unique: a second exercise with an id already listed is refused (throws
    // std::invalid_argument), since the store keys everything by it.
    void add(std::unique_ptr<Exercise> exercise);
    const Exercise* find(const QString& id) const; // null when unknown
    const std::vector<std::unique_ptr<Exercise>>& all() const { return m_exercises; }
    int size() const { return int(m_exercises.size()); }

private:
    std::vector<std::unique_ptr<Exercise>> m_exercises;
};

} // namespace earlab
