#include "exercises/practice_evidence.h"

#include "exercises/exercise_catalogue.h"
#include "exercises/library_store.h"
#include "exercises/progress_store.h"
#include "exercises/saved_difficulty.h"

#include <QSet>

namespace earlab {

PracticeAnswer practiceAnswer(const Attempt& attempt)
{
    PracticeAnswer a;
    a.answeredAt = attempt.answeredAt;
    a.correct = attempt.correct;
    a.responseMs = attempt.responseMs;
    if (!attempt.hidden.value(QLatin1String("flat")).toBool())
        a.bandHz = std::max(0.0, attempt.hidden.value(QLatin1String("frequency_hz")).toDouble());
    return a;
}

PracticeEvidence gatherPracticeEvidence(const ExerciseCatalogue& catalogue, const ProgressStore& store,
                                        const LibraryStore* library)
{
    PracticeEvidence evidence;
    for (const auto& exercise : catalogue.all()) {
        ExerciseEvidence e;
        e.id = exercise->id();
        e.title = exercise->title();
        for (const Attempt& a :
             store.recentAttemptsSinceReset(e.id, kEvidenceAnswersPerExercise, ProgressStore::Unheard::Exclude))
            e.answers.push_back(practiceAnswer(a));
        const Difficulty d = loadDifficulty(*exercise, store);
        e.level = d.level();
        e.levelText = d.text();
        e.material = exercise->level(e.level).material;
        if (const auto rule = Difficulty::ruleFor(*exercise)) {
            e.staircase = true;
            const auto threshold = d.threshold();
            e.thresholdValue = threshold && threshold->ready ? threshold->value : d.setting().value;
            e.easiest = rule->easiest;
            e.hardest = rule->hardest;
            e.unit = rule->unit;
        }
        evidence.exercises.push_back(std::move(e));
    }
    if (library) {
        QSet<QString> genres;
        for (const LibraryItem& item : library->items()) {
            if (!item.scan.ok)
                continue;
            evidence.hasOwnMusic = true;
            if (!item.scan.genre.trimmed().isEmpty())
                genres.insert(item.scan.genre.trimmed());
        }
        evidence.genres = QStringList(genres.begin(), genres.end());
        evidence.genres.sort(Qt::CaseInsensitive);
    }
    return evidence;
}

} // namespace earlab
