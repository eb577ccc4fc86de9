#include "exercises/exercise_catalogue.h"

#include "exercises/compression_exercise.h"
#include "exercises/eq_exercise.h"
#include "exercises/eq_match_exercise.h"
#include "exercises/level_exercise.h"
#include "exercises/pan_exercise.h"
#include "exercises/stem_exercise.h"
#include "exercises/width_exercise.h"

#include <stdexcept>

namespace earlab {

ExerciseCatalogue ExerciseCatalogue::standard()
{
    ExerciseCatalogue c;
    c.add(std::make_unique<EqExercise>(EqExerciseKind::BandIdentification));
    c.add(std::make_unique<EqExercise>(EqExerciseKind::GainIdentification));
    c.add(std::make_unique<EqMatchExercise>());
    c.add(std::make_unique<CompressionExercise>(CompressionExerciseKind::Detection));
    c.add(std::make_unique<CompressionExercise>(CompressionExerciseKind::Settings));
    c.add(std::make_unique<LevelExercise>());
    c.add(std::make_unique<PanExercise>());
    c.add(std::make_unique<PanDirectionExercise>());
    c.add(std::make_unique<WidthExercise>());
    c.add(std::make_unique<StemExercise>());
    return c;
}

void ExerciseCatalogue::add(std::unique_ptr<Exercise> exercise)
{
    if (!exercise)
        throw std::invalid_argument("no exercise");
    if (find(exercise->id()))
        throw std::invalid_argument("two exercises with the id " + exercise->id().toStdString());
    m_exercises.push_back(std::move(exercise));
}

const Exercise* ExerciseCatalogue::find(const QString& id) const
{
    for (const auto& e : m_exercises)
        if (e->id() == id)
            return e.get();
    return nullptr;
}

} // namespace earlab
