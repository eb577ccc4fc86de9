#include "exercises/practice_evidence.h"

#include "exercises/exercise_catalogue.h"
#include "exercises/progress_store.h"
#include "exercises/saved_difficulty.h"

#include <QMap>

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
                                        const QList<MaterialRef>& music)
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
    // Tags spelt in other cases ("Funk", "funk ") are one genre, named as first met.
    QMap<QString, QString> genres;
    for (const MaterialRef& m : music) {
        if (m.kind != MaterialRef::Kind::UserFile)
            continue;
        evidence.hasOwnMusic = true;
        const QString genre = m.genre.trimmed();
        if (!genre.isEmpty() && !genres.contains(genre.toCaseFolded()))
            genres.insert(genre.toCaseFolded(), genre);
    }
    evidence.genres = genres.values(); // sorted by the folded names
    return evidence;
}

} // namespace earlab
