#include "exercises/saved_difficulty.h"

#include "exercises/progress_store.h"

namespace earlab {

Difficulty loadDifficulty(const Exercise& exercise, const ProgressStore& store, QString* problem)
{
    std::optional<int> level;
    QJsonObject state;
    std::vector<PastAnswer> history;
    try {
        if (store.isOpen()) {
            if (const auto saved = store.savedDifficulty(exercise.id())) {
                level = saved->level;
                state = saved->state;
            }
            // The window carries over between sessions, but only the answers given since the
            // last level change (DifficultyTracker::resume): they are the newest answers, so
            // the newest kWindow - 1 of any level hold all that can count.
            for (const Attempt& a : store.recentAttemptsSinceReset(exercise.id(), DifficultyTracker::kWindow - 1,
                                                                   ProgressStore::Unheard::Exclude))
                history.push_back({a.level, a.correct});
        }
    } catch (const StoreError& e) {
        if (problem)
            *problem = e.message();
    }
    QString why;
    Difficulty d = Difficulty::resume(exercise, level, state, history, &why);
    if (!why.isEmpty() && problem)
        *problem = QString("%1: %2").arg(exercise.title(), why);
    return d;
}

} // namespace earlab
